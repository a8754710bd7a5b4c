//! One indicator: chart of results against ambitions by year, the same numbers as a table, what
//! it measures and how it is judged, and its sources.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use plan::{Computation, Lang};

use crate::charts;
use crate::indicators::{indicator_views, source_label, verdict_class, verdict_label};
use crate::layout::{self, LangQuery, href, tr};
use crate::{AppState, WebError};

/// `?peers=3301,3312` of an indicator page: the municipalities to compare with (default: the
/// plan's own peers); or `?lignende=N`: the N municipalities most similar to the plan's
/// (`app::similar`, the default features and weights).
#[derive(Debug, serde::Deserialize, Default)]
pub struct PeersQuery {
    peers: Option<String>,
    lignende: Option<usize>,
}

/// The indicator for every municipality as a choropleth on today's borders: the latest year
/// with real values, in fifths of the real values (darker is higher); a demo value is not
/// coloured as real (hatched, its tooltip says why). When no year has a real value, the
/// latest year's demo values are shown, and the caption says they are demo data.
fn indicator_map(
    all: &app::compare::AllMunicipalities,
    i: &plan::Indicator,
    lang: Lang,
) -> Option<maud::Markup> {
    let rows = &all.table.rows;
    let latest = |real: bool| {
        rows.iter()
            .flat_map(|r| r.values.iter())
            .filter(|v| !real || !v.demo)
            .map(|v| v.year)
            .max()
    };
    let (year, demo) = match latest(true) {
        Some(y) => (y, false),
        None => (latest(false)?, true),
    };
    let outlines = crate::maps::outlines_at(time::OffsetDateTime::now_utc().date())?;
    let shown: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.value(year))
        .filter(|v| demo || !v.demo)
        .map(|v| v.value)
        .collect();
    let breaks = crate::maps::quantile_breaks(&shown, crate::maps::CLASSES);
    let shades = rows
        .iter()
        .map(|r| {
            let shade = match r.value(year) {
                Some(v) if demo || !v.demo => crate::maps::Shade {
                    class: Some(crate::maps::class_of(v.value, &breaks)),
                    text: format!(
                        "{}{}",
                        plan::fmt::value(v.value, i.unit),
                        if v.demo {
                            tr(lang, "indicator-demo")
                        } else {
                            String::new()
                        }
                    ),
                },
                Some(v) => crate::maps::Shade {
                    class: None,
                    text: format!(
                        "{} {}",
                        plan::fmt::value(v.value, i.unit),
                        tr(lang, "indicator-demo-value-not-shown-as")
                    ),
                },
                None => crate::maps::Shade {
                    class: None,
                    text: tr(lang, "home-no-value").to_owned(),
                },
            };
            (r.code.clone(), shade)
        })
        .collect();
    let fmt = |v: f64| plan::fmt::value(v, i.unit);
    let legend = (0..=breaks.len())
        .rev()
        .map(|k| {
            let label = match (k.checked_sub(1).map(|j| breaks[j]), breaks.get(k)) {
                (None, Some(hi)) => format!("{}{}", tr(lang, "indicator-below"), fmt(*hi)),
                (Some(lo), Some(hi)) => {
                    format!("{} – {}{}", fmt(lo), tr(lang, "indicator-below"), fmt(*hi))
                }
                (Some(lo), None) => format!("{}{}", fmt(lo), tr(lang, "indicator-and-above")),
                (None, None) => tr(lang, "indicator-all-values").to_owned(),
            };
            (k, label)
        })
        .collect();
    let map = crate::maps::Choropleth {
        outlines,
        shades,
        legend,
        county: None,
        highlight: Some(all.plan_municipality.as_str()),
        id: "indikator",
        title: tr(lang, "indicator-map-of-every-municipality-coloured").to_owned(),
        caption: html! {
            span lang=[layout::lang_attr(lang, i.name.lang_of(lang))] { (i.name.get(lang)) } ", " (year)
            (tr(lang, "indicator-in-fifths-darker-is-a"))
            @if !demo { " " (tr(lang, "indicator-demo-values-are-not-coloured")) }
        },
        demo,
    };
    Some(html! {
        h2 id="kart" { (tr(lang, "indicator-every-municipality-on-a-map")) }
        (map.render(lang))
    })
}

/// `GET /indikatorer/{id}`
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    Query(pq): Query<PeersQuery>,
    staff: crate::auth::MaybeStaff,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let views = indicator_views(&state, &plan).await?;
    let Some(v) = views.iter().find(|v| v.indicator.id == id) else {
        return Err(WebError::NotFound(format!("no indicator {id}")));
    };
    let i = v.indicator;
    // Who overrode a status is shown by display name or role word, never by login name.
    let names = state.store.public_names().await?;
    let overrides: Vec<_> = state
        .store
        .status_overrides(state.municipality())
        .await?
        .into_iter()
        .filter(|o| o.indicator_id == i.id)
        .map(|mut o| {
            o.by = names.of(&o.by);
            o
        })
        .collect();
    let path = format!("/indikatorer/{}", i.id);
    let data = indicator_data(&state, &plan, &i.id).await?;
    let peers = match pq.lignende {
        Some(n) => app::compare::Peers::Similar { n, weights: "" },
        None => app::compare::Peers::Listed(pq.peers.as_deref()),
    };
    let (comparison, similar, peer_error) =
        match app::compare::compare_with(&state.store, &plan, &i.id, peers).await {
            Ok(c) => (Some(c.comparison), c.similar, None),
            Err(app::AppError::NotFound(m) | app::AppError::Invalid(m)) => (None, None, Some(m)),
            Err(e) => return Err(e.into()),
        };
    // The form shows the codes compared (or, after an error, those typed).
    let peer_codes: Vec<String> = match &comparison {
        Some(c) => c.rows.iter().skip(1).map(|r| r.code.clone()).collect(),
        None => app::compare::listed(&plan, pq.peers.as_deref()),
    };
    let national_map = match app::compare::all(&state.store, &plan, &i.id).await {
        Ok(all) => indicator_map(&all, i, lang),
        Err(app::AppError::NotFound(_) | app::AppError::Invalid(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let body = html! {
        p class="muted" { a href=(href(lang, "/#indikatorer")) { (tr(lang, "layout-indicators")) } " › " (i.number) }
        h1 lang=[layout::lang_attr(lang, i.name.lang_of(lang))] { (i.name.get(lang)) }
        @if let Some(link) = super::edit_link(&staff, lang, &format!("/intern/indikatorer/{}", i.id), "staff-edit-indicator-link") { (link) }
        @if v.synthetic() { (layout::synthetic_banner(lang)) }
        (layout::unverified_notice(lang, &app::sources::indicator_unverified(i)))
        @if let Some((year, r)) = &v.latest {
            p {
                (tr(lang, "indicator-latest-result-from-real-data"))
                strong { (plan::fmt::value(r.value, i.unit)) } " (" (year) ", " (source_label(r.source, lang)) "). "
                span class=(verdict_class(v.judgement)) { (verdict_label(v.judgement, lang)) } " "
                (v.basis.get(lang))
            }
        } @else {
            p class="muted" { (tr(lang, "indicator-no-results-from-real-data")) }
        }
        @if let Some((year, d)) = &v.latest_demo {
            p class="demo-value" {
                span class="badge demo" { "demo" } " "
                (tr(lang, "indicator-demo-value")) (year) ": " (plan::fmt::value(d.value, i.unit)) " – "
                (tr(lang, "indicator-made-by-the-demo-generator"))
            }
        }
        (charts::chart(v, lang))
        h2 { (tr(lang, "indicator-figures-by-year")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-results" {
            table {
                caption id="t-results" class="muted" { (tr(lang, "indicator-results-and-ambitions-by-year")) }
                thead { tr {
                    th scope="col" { (tr(lang, "area-year")) }
                    th scope="col" class="num" { (tr(lang, "indicator-result")) }
                    th scope="col" class="num" { (tr(lang, "charts-ambition-2")) }
                    th scope="col" { (tr(lang, "indicator-verdict")) }
                    th scope="col" { (tr(lang, "area-source")) }
                } }
                tbody {
                    @for y in &v.years {
                        tr {
                            th scope="row" { (y.year) }
                            td class="num result" {
                                @if let Some(r) = &y.result {
                                    (plan::fmt::value(r.value, i.unit))
                                    @if r.demo() { " " span class="badge demo" { "demo" } }
                                } @else { span class="muted" { "–" } }
                            }
                            td class="num ambition" {
                                @if let Some(a) = y.ambition { (i.ambition_op.symbol()) " " (plan::fmt::value(a, i.unit)) }
                                @else { span class="muted" { "–" } }
                            }
                            td { span class=(verdict_class(y.verdict)) { (verdict_label(y.verdict, lang)) } }
                            td {
                                @if let Some(r) = &y.result { (source_label(r.source, lang)) ": " span lang=[layout::lang_attr(lang, Lang::Nb)] { (r.detail) } }
                                @for a in &y.also {
                                    br;
                                    span class="also" {
                                        (tr(lang, "indicator-also")) (plan::fmt::value(a.value, i.unit))
                                        @if a.demo() { " " span class="badge demo" { "demo" } }
                                        " (" (source_label(a.source, lang)) ": " span lang=[layout::lang_attr(lang, Lang::Nb)] { (a.detail) } ")"
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr(lang, "indicator-progress-towards-the-target")) }
        @if let Some(trend) = &v.trend {
            @let c = &trend.computed;
            @let label = |st: engine::TrendStatus| st.label(lang);
            p {
                strong { (label(trend.effective_status)) }
                @if let Some(o) = &trend.override_ {
                    " " span class="badge" { (tr(lang, "indicator-overridden")) }
                    br;
                    (tr(lang, "indicator-computed-status")) (label(c.status)) ". "
                    (tr(lang, "indicator-overridden-by")) (o.by) " " (o.at.replace('T', " ").trim_end_matches('Z')) ": «" (o.justification) "»"
                }
            }
            dl class="trend" {
                dt { (tr(lang, "indicator-method")) }
                dd { (c.growth.label(lang)) ". "
                     (tr(lang, "indicator-only-values-from-real-data")) }
                dt { (tr(lang, "indicator-base")) }
                dd { (opt_year(c.base_year)) ": " (opt_value(c.base_value, i.unit)) }
                dt { (tr(lang, "indicator-latest")) }
                dd { (opt_year(c.latest_year)) ": " (opt_value(c.latest_value, i.unit)) }
                dt { (tr(lang, "indicator-target")) }
                dd { (opt_year(c.target_year)) ": " (opt_value(c.target_value, i.unit)) }
                dt { (tr(lang, "indicator-annual-change-observed-required")) }
                dd {
                    @match c.growth {
                        engine::Growth::Cagr => { (opt_pct(c.cagr_observed)) " / " (opt_pct(c.cagr_required)) }
                        engine::Growth::AbsoluteChange => { (opt_pp(c.change_observed, lang)) " / " (opt_pp(c.change_required, lang)) }
                    }
                }
                @for n in &c.notes {
                    dt { (tr(lang, "indicator-note")) }
                    dd { (n.get(lang)) }
                }
            }
        } @else {
            p class="muted" { (tr(lang, "indicator-cannot-be-assessed-yet")) }
        }
        @if let Some(p) = &v.projection {
            @let nb = lang == Lang::Nb;
            h3 id="framskriving" { (tr(lang, "indicator-projection-to")) (p.to_year) }
            p class="projection" {
                strong { (p.verdict.label(lang)) }
                " – " (p.reason.get(lang)) "."
            }
            @if p.from.is_some() && !matches!(p.verdict, engine::ProjectionVerdict::DemoNotJudged | engine::ProjectionVerdict::NotAvailable) {
                dl class="trend" {
                    @if let (Some((fy, _)), Some((ly, _)), Some(_)) = (p.from, p.latest, p.pace_observed) {
                        dt { (tr(lang, "indicator-pace")) (fy) "–" (ly) }
                        dd { (p.pace_text(p.pace_observed, i.unit, nb)) }
                    }
                    @if let (Some(_), Some((ly, _))) = (p.pace_required, p.latest) {
                        dt { (tr(lang, "indicator-pace-needed-to-reach-the")) (ly) }
                        dd { (p.pace_text(p.pace_required, i.unit, nb)) }
                    }
                    @if let Some(x) = p.projected {
                        dt { (tr(lang, "charts-projected")) (p.to_year) }
                        dd { (opt_value(Some(x), i.unit)) }
                    }
                    dt { (tr(lang, "indicator-method")) }
                    dd { (p.method_text().get(lang)) ". " (tr(lang, "indicator-not-a-forecast-only-the")) }
                }
            }
        }
        h2 id="sammenligning" { (tr(lang, "indicator-compared-with-other-municipalities")) }
        p class="muted" {
            (tr(lang, "indicator-the-values-are-computed-by"))
            (plan.meta.municipality_name)
            (tr(lang, "indicator-and-are-not-applied-to"))
        }
        @if let Some(m) = &peer_error { p class="error" role="alert" { (m) } }
        form method="get" action=(layout::in_view(&format!("{path}#sammenligning"))) class="filters" {
            div {
                label for="peers" { (tr(lang, "indicator-municipality-codes-to-compare-with")) }
                input type="text" id="peers" name="peers" inputmode="numeric" value=(peer_codes.join(","));
            }
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            button type="submit" { (tr(lang, "indicator-compare")) }
        }
        form method="get" action=(layout::in_view(&format!("{path}#sammenligning"))) class="filters" {
            div {
                label for="lignende" { (tr(lang, "indicator-or-find-the-most-similar")) }
                input type="number" id="lignende" name="lignende" min="1" max=(app::similar::MAX_SIMILAR) value=(pq.lignende.unwrap_or(5));
            }
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            button type="submit" { (tr(lang, "indicator-find-similar")) }
        }
        @if let Some(s) = &similar {
            div class="similar" {
                p {
                    (tr(lang, "indicator-the-municipalities-most-similar-to"))
                    (plan.meta.municipality_name) (tr(lang, "indicator-in")) (s.year)
                    (tr(lang, "indicator-by-a-weighted-distance-over"))
                    (s.compared) (tr(lang, "indicator-municipalities-have-every-feature"))
                }
                @if s.demo() {
                    p class="demo-value" { span class="badge demo" { "demo" } " " (tr(lang, "indicator-features-marked-demo-rest-on")) }
                }
                p class="muted" {
                    (tr(lang, "indicator-features-and-weights"))
                    @for (k, f) in s.features.iter().enumerate() {
                        @if k > 0 { "; " }
                        (f.name) " ×" (plan::fmt::number_auto(f.weight, 2))
                        @if f.demo { " " span class="badge demo" { "demo" } }
                    }
                    "."
                }
                ol {
                    @for r in &s.rows {
                        li {
                            (r.name) " " span class="muted" { (r.code) }
                            ": " (plan::fmt::number(r.distance, 2))
                            @if r.code_now.is_none() { " " span class="muted" { (tr(lang, "indicator-no-longer-exists-not-compared")) } }
                            @if r.demo { " " span class="badge demo" { "demo" } }
                        }
                    }
                }
            }
        }
        @if let Some(c) = &comparison {
            @if let Some(r) = &c.rank {
                p {
                    strong { (plan.meta.municipality_name) (tr(lang, "indicator-is-number")) (r.rank) (tr(lang, "indicator-of")) (r.of) }
                    (tr(lang, "indicator-among-the-municipalities-here-with")) (r.year)
                    (match i.direction { plan::Direction::HigherIsBetter => tr(lang, "indicator-highest-first"), plan::Direction::LowerIsBetter => tr(lang, "indicator-lowest-first") })
                }
            }
            @if let Some(r) = &c.rank {
                @if let Some(bars) = charts::peer_bars(c, r.year, lang) { (bars) }
            }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-compare" {
                table {
                    caption id="t-compare" class="muted" { span lang=[layout::lang_attr(lang, i.name.lang_of(lang))] { (i.name.get(lang)) } (tr(lang, "indicator-by-municipality-and-year")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "indicator-municipality")) }
                        @for y in &c.years { th scope="col" class="num" { (y) } }
                    } }
                    tbody {
                        @for r in &c.rows {
                            tr class=[r.plan_municipality.then_some("own")] {
                                th scope="row" { (r.name) " " span class="muted" { (r.code) } }
                                @for y in &c.years {
                                    td class="num" {
                                        @match c.value(&r.code, *y) {
                                            Some(v) => {
                                                (plan::fmt::value(v.value, c.unit))
                                                @if v.demo { " " span class="badge demo" { "demo" } }
                                            }
                                            None => { span class="muted" { "–" } }
                                        }
                                    }
                                }
                            }
                        }
                        @if let Some(n) = &c.national {
                            tr class="median" {
                                th scope="row" { (tr(lang, "indicator-median-all-municipalities")) }
                                @for y in &c.years {
                                    td class="num" {
                                        @match n.years.iter().find(|s| s.year == *y) {
                                            Some(s) => { (plan::fmt::value(s.national_median, c.unit)) }
                                            None => { span class="muted" { "–" } }
                                        }
                                    }
                                }
                            }
                            tr class="median" {
                                th scope="row" { (tr(lang, "indicator-median-the-county")) }
                                @for y in &c.years {
                                    td class="num" {
                                        @match n.years.iter().find(|s| s.year == *y).and_then(|s| s.county_median) {
                                            Some(m) => { (plan::fmt::value(m, c.unit)) }
                                            None => { span class="muted" { "–" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(n) = &c.national {
                p {
                    @if let Some(s) = n.years.last() {
                        strong { (plan.meta.municipality_name) (tr(lang, "indicator-is-at-percentile")) (plan::fmt::number(s.percentile, 0)) }
                        (tr(lang, "indicator-among-all")) (s.of)
                        (tr(lang, "indicator-municipalities-with-real-figures-for")) (s.year)
                        (tr(lang, "indicator-the-share-of-the-other"))
                    } @else {
                        (tr(lang, "indicator-the-plan-s-municipality-has"))
                    }
                    a href=(format!("/api/compare/all?indicator={}", i.id)) { (tr(lang, "indicator-every-municipality-s-values-json")) }
                }
            }
        }
        @if let Some(map) = &national_map { (map) }
        @if !overrides.is_empty() {
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-overrides" {
                table {
                    caption id="t-overrides" class="muted" { (tr(lang, "indicator-status-overrides-all-oldest-first")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "indicator-when")) }
                        th scope="col" { (tr(lang, "actions-who")) }
                        th scope="col" { "Status" }
                        th scope="col" { (tr(lang, "indicator-justification")) }
                    } }
                    tbody {
                        @for o in &overrides {
                            tr {
                                td { (o.at.replace('T', " ").trim_end_matches('Z')) }
                                td { (o.by) }
                                td {
                                    @match o.status.as_deref().and_then(engine::TrendStatus::parse) {
                                        Some(st) => { (st.label(lang)) }
                                        None => { (tr(lang, "indicator-withdrawn")) }
                                    }
                                }
                                td { (o.justification) }
                            }
                        }
                    }
                }
            }
        }
        p { a href=(href(lang, &format!("/intern/indikatorer/{}", i.id))) { (tr(lang, "indicator-override-the-status-staff")) } }
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "indicator-download-every-figure-on-this"))
            a href=(layout::in_view(&format!("/indikatorer/{}/data?format=csv", i.id))) download { "CSV" }
            " · "
            a href=(layout::in_view(&format!("/indikatorer/{}/data?format=json", i.id))) download { "JSON" }
        }
        @if !data.sources.is_empty() {
            p {
                (tr(lang, "indicator-source-tables"))
                @for (n, s) in data.sources.iter().enumerate() {
                    @if n > 0 { ", " }
                    a href=(s.url) { (s.name) }
                }
                @match &data.fetched {
                    Some(at) => { ". " (tr(lang, "indicator-last-fetched")) (app::as_of::local_stamp(at)) "." }
                    None => { ". " (tr(lang, "indicator-not-fetched-yet")) }
                }
            }
        }
        h2 { (tr(lang, "indicator-about-the-indicator")) }
        dl {
            dt { (tr(lang, "indicator-target-in-the-plan")) }
            dd lang=[layout::lang_attr(lang, i.rule_text.lang_of(lang))] { (i.rule_text.get(lang)) }
            dt { (tr(lang, "indicator-how-a-year-is-judged")) }
            dd { (tr(lang, "indicator-the-result-is-compared-with")) (i.ambition_op.symbol()) ")"
                 (tr(lang, "indicator-a-year-without-an-ambition")) }
            dt { (tr(lang, "area-source")) }
            dd { (i.source) }
            dt { (tr(lang, "indicator-how-the-figure-is-obtained")) }
            dd {
                @match &i.computation {
                    Computation::Published { publisher } => { (tr(lang, "indicator-published-by")) (publisher) (tr(lang, "indicator-imported-as-published")) }
                    Computation::Definition { definition } => { (tr(lang, "indicator-computed-by-the-definition")) code { (definition) } (tr(lang, "indicator-of-the-plan-s-chapter")) }
                }
            }
        }
    };
    Ok(layout::page(lang, i.name.get(lang), &path, body).into_response())
}

async fn indicator_data(
    state: &AppState,
    plan: &plan::Plan,
    id: &str,
) -> Result<app::indicator_data::IndicatorData, WebError> {
    let evaluated = app::indicators::evaluate_cached(&state.store, plan).await?;
    let e = evaluated
        .iter()
        .find(|e| e.evaluation.indicator_id == id)
        .ok_or_else(|| WebError::NotFound(format!("no indicator {id}")))?;
    let imports = state.store.imports().await?;
    Ok(app::indicator_data::indicator_data(plan, e, &imports))
}

/// The format of a data download.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DataQuery {
    /// `csv` (default) or `json`.
    pub format: Option<String>,
}

/// `GET /indikatorer/{id}/data?format=csv|json`: every figure on the indicator's page, with its
/// source and demo flag.
pub async fn data(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<DataQuery>,
) -> Result<Response, WebError> {
    let plan = super::load_plan(&state).await?;
    let data = indicator_data(&state, &plan, &id).await?;
    let (mime, ext, body) = match q.format.as_deref().unwrap_or("csv") {
        "csv" => (
            "text/csv; charset=utf-8",
            "csv",
            app::indicator_data::to_csv(&data),
        ),
        "json" => (
            "application/json",
            "json",
            serde_json::to_vec_pretty(&data).map_err(WebError::internal)?,
        ),
        other => {
            return Err(WebError::invalid(
                "format",
                format!("ukjent format «{other}» (forventet csv eller json)"),
            ));
        }
    };
    Ok(super::download(
        mime,
        &format!(
            "{}-{}.{ext}",
            plan.meta.municipality_code, data.indicator_id
        ),
        body,
    ))
}

fn opt_year(y: Option<plan::Year>) -> String {
    y.map_or_else(|| "–".into(), |y| y.to_string())
}

fn opt_value(v: Option<f64>, unit: plan::Unit) -> String {
    v.map_or_else(|| "–".into(), |v| plan::fmt::value(v, unit))
}

fn opt_pp(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(
        || "–".into(),
        |v| {
            format!(
                "{} {}",
                plan::fmt::number(v, 2),
                tr(lang, "indicator-percentage-points")
            )
        },
    )
}

fn opt_pct(v: Option<f64>) -> String {
    v.map_or_else(
        || "–".into(),
        |v| format!("{} %", plan::fmt::number(v * 100.0, 1)),
    )
}
