//! `/rangering`: every municipality ranked on the Kommune-NM-style index (our own computation
//! on NHO's published structure, `data/ranking/kommune-nm.toml`), the plan's municipality
//! highlighted and explained (score per group, gap to the rank above and to 10th place, which
//! indicator would move the rank the most), NHO's published ranks beside ours, a county filter
//! and a year choice as plain GET parameters (no JavaScript). `/api/ranking` gives the same as
//! JSON.

use app::ranking::{Borders, RankingReport, ReportOptions, ReportRow};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use engine::ranking::{RankComparison, RankScope, Scenario};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use stats::geography::Geography;

use crate::layout::{self, href, tr};
use crate::maps;
use crate::{AppState, WebError};

/// Query parameters of the page and the API.
#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// Data year (default: the latest with data).
    pub ar: Option<i32>,
    /// County code on the year's borders (e.g. `30`); empty = the whole country.
    pub fylke: Option<String>,
    /// Municipality to explain (default: the plan's).
    pub kommune: Option<String>,
}

fn nonempty(o: &Option<String>) -> Option<&str> {
    o.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

async fn build(
    state: &AppState,
    q: &RankingQuery,
) -> Result<Result<RankingReport, String>, WebError> {
    let plan = super::load_plan(state).await?;
    let geo = Geography::bundled();
    let borders: Borders = app::ranking::plan_borders(geo, &plan.meta.municipality_code);
    let set = app::ranking::load(&state.store, app::ranking::default_years(geo), borders).await?;
    let explain = nonempty(&q.kommune)
        .map(str::to_owned)
        .unwrap_or_else(|| plan.meta.municipality_code.clone());
    let opts = ReportOptions {
        year: q.ar,
        county: nonempty(&q.fylke),
        explain: None,
        top: None,
    };
    // Explain only a municipality that exists on the year's borders; a bad GET parameter is the
    // visitor's mistake (404), not a server error.
    let report = match app::ranking::report(&set, geo, Some(&plan), &opts) {
        Ok(r) => r,
        Err(app::AppError::NotFound(m)) => return Ok(Err(m)),
        Err(e) => return Err(e.into()),
    };
    let with_explanation = app::ranking::report(
        &set,
        geo,
        Some(&plan),
        &ReportOptions {
            explain: Some(&explain),
            ..opts
        },
    );
    Ok(Ok(match with_explanation {
        Ok(r) => r,
        Err(app::AppError::NotFound(_)) if nonempty(&q.kommune).is_none() => report,
        Err(app::AppError::NotFound(m)) => return Ok(Err(m)),
        Err(e) => return Err(e.into()),
    }))
}

/// `GET /rangering`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<RankingQuery>,
) -> Result<Response, WebError> {
    let lang = crate::layout::lang_of(q.lang.as_deref());
    match build(&state, &q).await? {
        Ok(r) => Ok(render(lang, &q, &r).into_response()),
        Err(message) => Ok((
            StatusCode::NOT_FOUND,
            layout::page(
                lang,
                &tr(lang, "layout-ranking"),
                "/rangering",
                html! {
                    h1 { (tr(lang, "ranking-municipal-ranking")) }
                    p class="error" { (message) }
                    p { a href=(href(lang, "/rangering")) { (tr(lang, "ranking-back-to-the-ranking")) } }
                },
            ),
        )
            .into_response()),
    }
}

/// `GET /rangering/data`: the ranking shown (same query) as CSV for download.
pub async fn data(
    State(state): State<AppState>,
    Query(q): Query<RankingQuery>,
) -> Result<Response, WebError> {
    match build(&state, &q).await? {
        Ok(r) => Ok(super::download(
            "text/csv; charset=utf-8",
            &format!("rangering-{}.csv", r.year),
            app::ranking::to_csv(&r),
        )),
        Err(message) => Err(WebError::NotFound(message)),
    }
}

/// One year's ranking as JSON (the same content as `naeringsplan rank --format json`).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RankingDto {
    /// The ranking: definition, year, edition, borders, rows (code, name, county, score, rank,
    /// county rank, groups), the plan's municipality's row and explanation, published ranks
    /// beside computed ones, departures from NHO's method, sources. Synthetic inputs are flagged
    /// (`synthetic`).
    #[schema(value_type = Object)]
    #[serde(flatten)]
    pub report: RankingReport,
}

/// `GET /api/ranking`
#[utoipa::path(
    get,
    path = "/api/ranking",
    tag = "plan",
    params(RankingQuery),
    responses(
        (status = 200, description = "Every municipality ranked on the Kommune-NM-style index (own computation, not NHO's); the plan's municipality explained; published ranks beside computed", body = RankingDto),
        (status = 404, description = "No such year, county or municipality", body = crate::api::ApiError)
    )
)]
pub async fn api(
    State(state): State<AppState>,
    Query(q): Query<RankingQuery>,
) -> Result<Json<RankingDto>, WebError> {
    match build(&state, &q).await? {
        Ok(report) => Ok(Json(RankingDto { report })),
        Err(message) => Err(WebError::NotFound(message)),
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
}

fn score(lang: Lang, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(v) => match lang {
            Lang::Nb | Lang::Nn => plan::fmt::signed(v, 2),
            Lang::En => plan::fmt::signed_en(v, 2),
        },
    }
}

fn value(lang: Lang, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "–".into();
    };
    let decimals = if v.abs() >= 1000.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        4
    };
    match lang {
        Lang::Nb | Lang::Nn => plan::fmt::number(v, decimals),
        Lang::En => plan::fmt::number_en(v, decimals),
    }
}

fn scenario(lang: Lang, s: &Option<Scenario>) -> String {
    match s {
        None => "–".into(),
        Some(s) => format!(
            "{} → {} {}{}",
            value(lang, Some(s.value)),
            tr(lang, "ranking-rank"),
            opt(s.rank),
            s.rank_gain.map(|g| format!(" ({g:+})")).unwrap_or_default()
        ),
    }
}

fn self_link(lang: Lang, q: &RankingQuery, year: i32, county: Option<&str>) -> String {
    let mut parts = vec![format!("ar={year}")];
    if let Some(c) = county {
        parts.push(format!("fylke={c}"));
    }
    if let Some(k) = nonempty(&q.kommune) {
        parts.push(format!("kommune={k}"));
    }
    href(lang, &format!("/rangering?{}", parts.join("&")))
}

fn render(lang: Lang, q: &RankingQuery, r: &RankingReport) -> Markup {
    let title = tr(lang, "ranking-municipal-ranking");
    let own = r.plan_row.as_ref();
    let county = r.county.as_ref();
    let group_name = |id: &str| {
        r.groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| match lang {
                Lang::Nb | Lang::Nn => g.name.nb.clone(),
                Lang::En => g.name.en.clone(),
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let path = format!(
        "/rangering?ar={}{}",
        r.year,
        county
            .map(|k| format!("&fylke={}", k.code))
            .unwrap_or_default()
    );
    let body = html! {
        h1 { (title) ": " (r.definition_name.get(lang)) }
        @if r.synthetic { (layout::synthetic_banner(lang)) }
        (layout::unverified_notice(lang, &r.unverified))
        p {
            (tr(lang, "ranking-data-year")) (r.year) ", "
            (tr(lang, "ranking-edition")) (r.edition) "; "
            (tr(lang, "ranking-municipalities-as-of")) (r.geography_at) " ("
            (r.ranked) " " (tr(lang, "actions-of")) " " (r.municipalities) " " (tr(lang, "ranking-ranked")) "). "
            strong { (tr(lang, "ranking-this-is-not-nho-s")) }
            (tr(lang, "ranking-our-own-computation-on-nho"))
        }
        @let query = {
            let mut parts = vec![format!("ar={}", r.year)];
            if let Some(c) = &r.county { parts.push(format!("fylke={}", c.code)); }
            parts.join("&")
        };
        p {
            (tr(lang, "ranking-download-the-ranking-shown"))
            a href=(format!("/rangering/data?{query}")) download { "CSV" }
            " · "
            a href=(format!("/api/ranking?{query}")) { "JSON" }
            (tr(lang, "ranking-with-synthetic-inputs-flagged"))
        }
        form class="filters" method="get" action=(layout::in_view("/rangering")) {
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            div {
                label for="f-ar" { (tr(lang, "ranking-data-year-2")) }
                select id="f-ar" name="ar" {
                    @for y in r.years.iter().rev() {
                        option value=(y) selected[*y == r.year] { (y) " (" (tr(lang, "ranking-edition-2")) " " (y + 1) ")" }
                    }
                }
            }
            div {
                label for="f-fylke" { (tr(lang, "ranking-county")) }
                select id="f-fylke" name="fylke" {
                    option value="" { (tr(lang, "ranking-all-of-norway")) }
                    @for k in &r.counties {
                        option value=(k.code) selected[county.is_some_and(|c| c.code == k.code)] { (k.code) " " (k.name) }
                    }
                }
            }
            div { button type="submit" { (tr(lang, "actions-show")) } }
        }

        @if let Some(row) = own {
            section aria-labelledby="own" {
                h2 id="own" { (row.name) " (" (row.code) ")" }
                p class="card" {
                    span class="big" { (tr(lang, "ranking-rank-2")) (opt(row.rank)) }
                    " " (tr(lang, "actions-of")) " " (r.ranked) "; "
                    (tr(lang, "ranking-rank-3")) (opt(row.county_rank)) " " (tr(lang, "actions-in")) " " (row.county_name) " (" (row.county) ")"
                    @if row.synthetic { " " span class="badge" { (tr(lang, "area-synthetic")) } }
                }
                @if let Some(e) = &r.explanation {
                    @if let Some(g) = &e.gap_to_rank_above {
                        p { (tr(lang, "ranking-gap-to-the-rank-above")) " (" (g.rank) ", " (g.codes.join(", ")) "): " (score(lang, Some(g.gap))) " " (tr(lang, "ranking-points")) "." }
                    }
                    @if let Some(g) = &e.gap_to_10th {
                        p {
                            @if g.gap > 0.0 {
                                (tr(lang, "ranking-gap-to-10th-place")) " (" (g.codes.join(", ")) "): " (score(lang, Some(g.gap)))
                            } @else {
                                (tr(lang, "ranking-margin-over-10th-place")) " (" (g.codes.join(", ")) "): " (score(lang, Some(-g.gap)))
                            }
                            " " (tr(lang, "ranking-points")) "."
                        }
                    }
                    div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-groups" {
                        table {
                            caption id="t-groups" { (tr(lang, "ranking-score-and-rank-per-group")) " – " (row.name) ", " (r.year) }
                            thead { tr {
                                th scope="col" { (tr(lang, "ranking-group")) }
                                th scope="col" class="num" { (tr(lang, "ranking-score")) }
                                th scope="col" class="num" { (tr(lang, "ranking-rank-4")) }
                                th scope="col" class="num" { (tr(lang, "ranking-missing-indicators")) }
                            } }
                            tbody {
                                @for g in &e.groups {
                                    tr {
                                        th scope="row" { (g.name.get(lang)) }
                                        td class="num" { (score(lang, g.score)) }
                                        td class="num" { (opt(g.rank)) " / " (g.ranked) }
                                        td class="num" { (g.missing) }
                                    }
                                }
                            }
                        }
                    }
                    div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-sensitivity" {
                        table {
                            caption id="t-sensitivity" { (tr(lang, "ranking-sensitivity-one-indicator-changed-everything")) }
                            thead { tr {
                                th scope="col" { (tr(lang, "home-indicator")) }
                                th scope="col" class="num" { (tr(lang, "ranking-value-now")) }
                                th scope="col" class="num" { (tr(lang, "ranking-1-standard-deviation")) }
                                th scope="col" class="num" { (tr(lang, "ranking-county-median")) }
                            } }
                            tbody {
                                @for s in e.sensitivity.iter().take(8) {
                                    @let ind = e.indicators.iter().find(|i| i.id == s.indicator);
                                    tr {
                                        th scope="row" {
                                            (ind.map(|i| i.name.get(lang).to_string()).unwrap_or_else(|| s.indicator.clone()))
                                            @if ind.is_some_and(|i| i.synthetic) { " " span class="badge" { (tr(lang, "area-synthetic")) } }
                                        }
                                        td class="num" { (value(lang, s.value)) }
                                        td class="num" { (scenario(lang, &s.plus_one_sd)) }
                                        td class="num" { (scenario(lang, &s.county_median)) }
                                    }
                                }
                            }
                        }
                    }
                    details {
                        summary { (tr(lang, "ranking-all-19-indicators")) }
                        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-all-indicators" {
                            table {
                                caption id="t-all-indicators" { (tr(lang, "ranking-value-score-and-rank-per")) " – " (row.name) ", " (r.year) }
                                thead { tr {
                                    th scope="col" { (tr(lang, "home-indicator")) }
                                    th scope="col" { (tr(lang, "ranking-group")) }
                                    th scope="col" class="num" { (tr(lang, "area-value")) }
                                    th scope="col" class="num" { (tr(lang, "ranking-mean")) }
                                    th scope="col" class="num" { (tr(lang, "ranking-score")) }
                                    th scope="col" class="num" { (tr(lang, "ranking-rank-4")) }
                                    th scope="col" { (tr(lang, "ranking-data")) }
                                } }
                                tbody {
                                    @for i in &e.indicators {
                                        tr {
                                            th scope="row" { (i.name.get(lang)) }
                                            td { (group_name(&i.group)) }
                                            td class="num" { (value(lang, i.value)) }
                                            td class="num" { (value(lang, i.mean)) }
                                            td class="num" {
                                                (score(lang, i.score.or(i.imputed_score)))
                                                @if i.score.is_none() && i.imputed_score.is_some() { " " span class="muted" { (tr(lang, "ranking-group-mean")) } }
                                            }
                                            td class="num" { (opt(i.rank)) " / " (i.ranked) }
                                            td { @if i.synthetic { (tr(lang, "area-synthetic")) } @else { (tr(lang, "ranking-real")) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } @else if let Some(code) = &r.plan_code {
            p { (code) ": " (tr(lang, "ranking-not-ranked-this-year")) }
        }

        (rank_map(lang, r))

        @if !r.published.is_empty() {
            (published(lang, r, &group_name))
        }

        section aria-labelledby="all" {
            h2 id="all" {
                @if let Some(k) = county { (k.name) " (" (k.code) ")" } @else { (tr(lang, "ranking-all-municipalities")) }
            }
            @if county.is_some() {
                p { a href=(self_link(lang, q, r.year, None)) { (tr(lang, "ranking-show-all-of-norway")) } }
            } @else if let Some(row) = own {
                p { a href=(self_link(lang, q, r.year, Some(&row.county))) { (tr(lang, "ranking-show-only")) (row.county_name) } }
            }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="all" {
                table class="ranking" {
                    caption {
                        (tr(lang, "ranking-total-rank-county-rank-and")) (r.year)
                        @if let Some(k) = county { " – " (k.name) }
                        ". " (tr(lang, "ranking-the-plan-s-municipality-is"))
                    }
                    thead { tr {
                        th scope="col" class="num" { (tr(lang, "ranking-rank-4")) }
                        th scope="col" class="num" { (tr(lang, "ranking-in-county")) }
                        th scope="col" { (tr(lang, "indicator-municipality")) }
                        th scope="col" { (tr(lang, "ranking-county")) }
                        th scope="col" class="num" { (tr(lang, "ranking-score")) }
                        @for g in &r.groups {
                            th scope="col" class="num" { (g.name.get(lang)) }
                        }
                    } }
                    tbody {
                        @for row in &r.rows { (row_html(lang, row)) }
                    }
                }
            }
        }

        details {
            summary { (tr(lang, "ranking-where-the-index-departs-from")) }
            ul {
                @for d in &r.departures {
                    @let (title, text, text_lang) = d.in_lang(lang);
                    li lang=[crate::layout::lang_attr(lang, text_lang)] { strong { (title) } ": " (text) }
                }
            }
        }
        details {
            summary { (tr(lang, "layout-sources")) }
            ul class="plain" {
                @for s in &r.sources {
                    li { (s.table_id) ": " (s.file_name) @if s.synthetic { " " span class="badge" { (tr(lang, "area-synthetic")) } } }
                }
            }
        }
    };
    layout::page(lang, &title, &path, body)
}

/// The ranking as a choropleth: every municipality of the year's borders shaded by its total
/// rank in fifths (the darkest the best), the plan's municipality outlined, zoomed to the
/// county when the page is filtered to one. The classes are fifths of all ranked
/// municipalities, so a county's map uses the national classes.
fn rank_map(lang: Lang, r: &RankingReport) -> Markup {
    let heading = html! { h2 id="kart" { (tr(lang, "local-registers-map")) } };
    let Some(outlines) = maps::outlines_at(r.geography_at) else {
        return html! {
            section aria-labelledby="kart" {
                (heading)
                p { (tr(lang, "ranking-no-outlines-for-the-municipal")) (r.geography_at) "." }
            }
        };
    };
    let ranks: Vec<f64> = (1..=r.ranked).map(f64::from).collect();
    let breaks = maps::quantile_breaks(&ranks, maps::CLASSES);
    let top = maps::CLASSES - 1;
    let shades = r
        .rows
        .iter()
        .map(|row| {
            let text = match row.rank {
                Some(rank) => format!(
                    "{} {rank} {} {}",
                    tr(lang, "ranking-rank"),
                    tr(lang, "actions-of"),
                    r.ranked
                ),
                None => tr(lang, "ranking-not-ranked").to_owned(),
            };
            let class = row
                .rank
                .map(|rank| top - maps::class_of(f64::from(rank), &breaks));
            (row.code.clone(), maps::Shade { class, text })
        })
        .collect();
    let legend = (0..=breaks.len())
        .map(|i| {
            let lo = if i == 0 { 1.0 } else { breaks[i - 1] };
            let hi = breaks.get(i).map_or(f64::from(r.ranked), |b| b - 1.0);
            (top - i, format!("{} {lo}–{hi}", tr(lang, "ranking-rank")))
        })
        .collect();
    let map = maps::Choropleth {
        outlines,
        shades,
        legend,
        county: r.county.as_ref().map(|c| c.code.as_str()),
        highlight: r.plan_code.as_deref(),
        id: "rangering",
        title: tr(lang, "ranking-map-of-the-municipalities-coloured").to_owned(),
        caption: html! {
            (tr(lang, "ranking-total-rank-data-year")) (r.year)
            (tr(lang, "ranking-in-fifths-the-darkest-is")) (r.geography_at) "."
        },
        demo: r.synthetic,
    };
    html! {
        section aria-labelledby="kart" {
            (heading)
            (map.render(lang))
        }
    }
}

fn row_html(lang: Lang, row: &ReportRow) -> Markup {
    html! {
        tr class=[row.plan.then_some("own")] {
            td class="num" { (opt(row.rank)) }
            td class="num" { (opt(row.county_rank)) }
            th scope="row" {
                (row.name) " " span class="muted" { (row.code) }
                @if row.plan { " " span class="badge" { (tr(lang, "ranking-the-plan-s-municipality")) } }
                @if !row.missing_groups.is_empty() {
                    " " span class="muted" { (tr(lang, "ranking-not-ranked")) }
                }
            }
            td { (row.county_name) }
            td class="num" { (score(lang, row.score)) }
            @for g in &row.groups { td class="num" { (opt(g.rank)) } }
        }
    }
}

fn published(lang: Lang, r: &RankingReport, group_name: &dyn Fn(&str) -> String) -> Markup {
    let mut codes: Vec<&RankComparison> = Vec::new();
    for c in &r.published {
        if c.scope == RankScope::Total {
            codes.push(c);
        }
    }
    let label = r
        .published
        .iter()
        .find_map(|c| c.published.as_ref())
        .map(|p| match lang {
            Lang::Nb | Lang::Nn => p.label.nb.clone(),
            Lang::En => p.label.en.clone(),
        })
        .unwrap_or_default();
    let source = r
        .published
        .iter()
        .find_map(|c| c.published.as_ref())
        .map(|p| p.source.clone())
        .unwrap_or_default();
    html! {
        section aria-labelledby="published" {
            h2 id="published" { (tr(lang, "ranking-published-by-nho-and-our")) }
            p { (label) ". " (source) }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-published" {
                table {
                    caption id="t-published" { (tr(lang, "ranking-nho-s-published-rank-edition")) (r.edition) (tr(lang, "ranking-beside-our-computation-published-computed")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "indicator-municipality")) }
                        th scope="col" class="num" { (tr(lang, "ranking-total")) }
                        @for g in r.groups.iter() { th scope="col" class="num" { (group_name(&g.id)) } }
                    } }
                    tbody {
                        @for c in &codes {
                            @let own = r.plan_code.as_deref() == Some(c.code.as_str());
                            tr class=[own.then_some("own")] {
                                th scope="row" { (c.name.clone().unwrap_or_else(|| c.code.clone())) " " span class="muted" { (c.code) } }
                                td class="num" { (pair(lang, c)) }
                                @for g in &r.groups {
                                    @let gc = r.published.iter().find(|x| x.code == c.code && x.scope == RankScope::Group(g.id.clone()));
                                    td class="num" { @if let Some(gc) = gc { (pair(lang, gc)) } @else { "–" } }
                                }
                            }
                        }
                    }
                }
            }
            p class="hint" { (tr(lang, "ranking-computed-our-own-index-not")) }
        }
    }
}

fn pair(lang: Lang, c: &RankComparison) -> Markup {
    html! {
        (opt(c.published.as_ref().map(|p| p.rank))) " / " (opt(c.computed.as_ref().map(|p| p.rank)))
        @if c.computed.as_ref().is_some_and(|p| p.synthetic) {
            span class="sr-only" { " (" (tr(lang, "ranking-computed-from-synthetic-data")) ")" }
            "*"
        }
    }
}
