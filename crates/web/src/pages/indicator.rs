//! One indicator: chart of results against ambitions by year, the same numbers as a table, what
//! it measures and how it is judged, and its sources.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use plan::{Computation, Lang};

use crate::charts;
use crate::indicators::{indicator_views, source_label, verdict_class, verdict_label};
use crate::layout::{self, LangQuery, href, t};
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
                            t(lang, " (demo)", " (demo)")
                        } else {
                            ""
                        }
                    ),
                },
                Some(v) => crate::maps::Shade {
                    class: None,
                    text: format!(
                        "{} {}",
                        plan::fmt::value(v.value, i.unit),
                        t(
                            lang,
                            "(demoverdi, ikke vist som reell)",
                            "(demo value, not shown as real)"
                        )
                    ),
                },
                None => crate::maps::Shade {
                    class: None,
                    text: t(lang, "ingen verdi", "no value").to_owned(),
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
                (None, Some(hi)) => format!("{}{}", t(lang, "under ", "below "), fmt(*hi)),
                (Some(lo), Some(hi)) => {
                    format!("{} – {}{}", fmt(lo), t(lang, "under ", "below "), fmt(*hi))
                }
                (Some(lo), None) => format!("{}{}", fmt(lo), t(lang, " og over", " and above")),
                (None, None) => t(lang, "alle verdier", "all values").to_owned(),
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
        title: t(
            lang,
            "Kart over alle kommunene, farget etter indikatorens verdi. Verdiene finnes som JSON (lenken over).",
            "Map of every municipality, coloured by the indicator's value. The values are available as JSON (the link above).",
        )
        .to_owned(),
        caption: html! {
            (i.name.get(lang)) ", " (year)
            (t(lang, ", i femtedeler (mørkere er høyere verdi).", ", in fifths (darker is a higher value)."))
            @if !demo { " " (t(lang, "Demoverdier er ikke farget som reelle.", "Demo values are not coloured as real.")) }
        },
        demo,
    };
    Some(html! {
        h2 id="kart" { (t(lang, "Alle kommuner på kart", "Every municipality on a map")) }
        (map.render(lang))
    })
}

/// `GET /indikatorer/{id}`
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    Query(pq): Query<PeersQuery>,
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
        p class="muted" { a href=(href(lang, "/#indikatorer")) { (t(lang, "Indikatorer", "Indicators")) } " › " (i.number) }
        h1 { (i.name.get(lang)) }
        @if v.synthetic() { (layout::synthetic_banner(lang)) }
        (layout::unverified_notice(lang, &app::sources::indicator_unverified(i)))
        @if let Some((year, r)) = &v.latest {
            p {
                (t(lang, "Siste resultat fra reelle data: ", "Latest result from real data: "))
                strong { (plan::fmt::value(r.value, i.unit)) } " (" (year) ", " (source_label(r.source, lang)) "). "
                span class=(verdict_class(v.judgement)) { (verdict_label(v.judgement, lang)) } " "
                (match lang { Lang::Nb => &v.basis.0, Lang::En => &v.basis.1 })
            }
        } @else {
            p class="muted" { (t(lang, "Ingen resultater fra reelle data ennå.", "No results from real data yet.")) }
        }
        @if let Some((year, d)) = &v.latest_demo {
            p class="demo-value" {
                span class="badge demo" { "demo" } " "
                (t(lang, "Demoverdi ", "Demo value ")) (year) ": " (plan::fmt::value(d.value, i.unit)) " – "
                (t(lang, "laget av generatoren for demonstrasjon, ikke et resultat; vurderes ikke.", "made by the demo generator, not a result; not judged."))
            }
        }
        (charts::chart(v, lang))
        h2 { (t(lang, "Tall per år", "Figures by year")) }
        div class="table-wrap" tabindex="0" {
            table {
                caption class="muted" { (t(lang, "Resultater og ambisjoner per år. Et år kan mangle begge.", "Results and ambitions by year. A year may have neither.")) }
                thead { tr {
                    th scope="col" { (t(lang, "År", "Year")) }
                    th scope="col" class="num" { (t(lang, "Resultat", "Result")) }
                    th scope="col" class="num" { (t(lang, "Ambisjon", "Ambition")) }
                    th scope="col" { (t(lang, "Vurdering", "Verdict")) }
                    th scope="col" { (t(lang, "Kilde", "Source")) }
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
                                @if let Some(r) = &y.result { (source_label(r.source, lang)) ": " (r.detail) }
                                @for a in &y.also {
                                    br;
                                    span class="also" {
                                        (t(lang, "Også: ", "Also: ")) (plan::fmt::value(a.value, i.unit))
                                        @if a.demo() { " " span class="badge demo" { "demo" } }
                                        " (" (source_label(a.source, lang)) ": " (a.detail) ")"
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "Utviklingen mot målet", "Progress towards the target")) }
        @if let Some(tr) = &v.trend {
            @let c = &tr.computed;
            @let label = |st: engine::TrendStatus| match lang { Lang::Nb => st.label_nb(), Lang::En => st.label_en() };
            p {
                strong { (label(tr.effective_status)) }
                @if let Some(o) = &tr.override_ {
                    " " span class="badge" { (t(lang, "overstyrt", "overridden")) }
                    br;
                    (t(lang, "Beregnet status: ", "Computed status: ")) (label(c.status)) ". "
                    (t(lang, "Overstyrt av ", "Overridden by ")) (o.by) " " (o.at.replace('T', " ").trim_end_matches('Z')) ": «" (o.justification) "»"
                }
            }
            dl class="trend" {
                dt { (t(lang, "Metode", "Method")) }
                dd { (match lang { Lang::Nb => c.growth.label_nb(), Lang::En => c.growth.label_en() }) ". "
                     (t(lang, "Bare verdier fra reelle data inngår; demodata aldri.", "Only values from real data enter; demo data never.")) }
                dt { (t(lang, "Grunnlag", "Base")) }
                dd { (opt_year(c.base_year)) ": " (opt_value(c.base_value, i.unit)) }
                dt { (t(lang, "Siste", "Latest")) }
                dd { (opt_year(c.latest_year)) ": " (opt_value(c.latest_value, i.unit)) }
                dt { (t(lang, "Mål", "Target")) }
                dd { (opt_year(c.target_year)) ": " (opt_value(c.target_value, i.unit)) }
                dt { (t(lang, "Årlig endring observert / nødvendig", "Annual change observed / required")) }
                dd {
                    @match c.growth {
                        engine::Growth::Cagr => { (opt_pct(c.cagr_observed)) " / " (opt_pct(c.cagr_required)) }
                        engine::Growth::AbsoluteChange => { (opt_pp(c.change_observed, lang)) " / " (opt_pp(c.change_required, lang)) }
                    }
                }
                @for n in &c.notes {
                    dt { (t(lang, "Merknad", "Note")) }
                    dd { (match lang { Lang::Nb => &n.nb, Lang::En => &n.en }) }
                }
            }
        } @else {
            p class="muted" { (t(lang, "Kan ikke vurderes ennå.", "Cannot be assessed yet.")) }
        }
        @if let Some(p) = &v.projection {
            @let nb = lang == Lang::Nb;
            h3 id="framskriving" { (t(lang, "Framskriving til ", "Projection to ")) (p.to_year) }
            p class="projection" {
                strong { (match lang { Lang::Nb => p.verdict.label_nb(), Lang::En => p.verdict.label_en() }) }
                " – " (match lang { Lang::Nb => &p.reason.nb, Lang::En => &p.reason.en }) "."
            }
            @if p.from.is_some() && !matches!(p.verdict, engine::ProjectionVerdict::DemoNotJudged | engine::ProjectionVerdict::NotAvailable) {
                dl class="trend" {
                    @if let (Some((fy, _)), Some((ly, _)), Some(_)) = (p.from, p.latest, p.pace_observed) {
                        dt { (t(lang, "Tempo ", "Pace ")) (fy) "–" (ly) }
                        dd { (p.pace_text(p.pace_observed, i.unit, nb)) }
                    }
                    @if let (Some(_), Some((ly, _))) = (p.pace_required, p.latest) {
                        dt { (t(lang, "Nødvendig tempo for å nå målet fra ", "Pace needed to reach the target from ")) (ly) }
                        dd { (p.pace_text(p.pace_required, i.unit, nb)) }
                    }
                    @if let Some(x) = p.projected {
                        dt { (t(lang, "Framskrevet ", "Projected ")) (p.to_year) }
                        dd { (opt_value(Some(x), i.unit)) }
                    }
                    dt { (t(lang, "Metode", "Method")) }
                    dd { (if nb { p.method_text().nb } else { p.method_text().en }) ". " (t(lang, "Ingen prognose: bare dagens tempo videreført.", "Not a forecast: only the current pace continued.")) }
                }
            }
        }
        h2 id="sammenligning" { (t(lang, "Sammenlignet med andre kommuner", "Compared with other municipalities")) }
        p class="muted" {
            (t(lang, "Verdiene er beregnet etter de samme definisjonene for hver kommune, på kommunens egne grenser. Planens ambisjoner gjelder ", "The values are computed by the same definitions for each municipality, on its own borders. The plan's ambitions are those of "))
            (plan.meta.municipality_name)
            (t(lang, " og brukes ikke på de andre. Demodata er merket og rangeres ikke.", " and are not applied to the others. Demo data is marked and never ranked."))
        }
        @if let Some(m) = &peer_error { p class="error" role="alert" { (m) } }
        form method="get" action=(layout::in_view(&format!("{path}#sammenligning"))) class="filters" {
            div {
                label for="peers" { (t(lang, "Kommunenumre å sammenligne med (kommaseparert)", "Municipality codes to compare with (comma-separated)")) }
                input type="text" id="peers" name="peers" inputmode="numeric" value=(peer_codes.join(","));
            }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (t(lang, "Sammenlign", "Compare")) }
        }
        form method="get" action=(layout::in_view(&format!("{path}#sammenligning"))) class="filters" {
            div {
                label for="lignende" { (t(lang, "Eller finn de mest like kommunene (antall)", "Or find the most similar municipalities (how many)")) }
                input type="number" id="lignende" name="lignende" min="1" max=(app::similar::MAX_SIMILAR) value=(pq.lignende.unwrap_or(5));
            }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (t(lang, "Finn lignende", "Find similar")) }
        }
        @if let Some(s) = &similar {
            div class="similar" {
                p {
                    (t(lang, "De kommunene som ligner mest på ", "The municipalities most similar to "))
                    (plan.meta.municipality_name) (t(lang, " i ", " in ")) (s.year)
                    (t(lang, ", etter en vektet avstand over standardiserte kjennetegn (målt i standardavvik; lavere er likere; ", ", by a weighted distance over standardised features (in standard deviations; lower is more similar; "))
                    (s.compared) (t(lang, " kommuner har alle kjennetegnene):", " municipalities have every feature):"))
                }
                @if s.demo() {
                    p class="demo-value" { span class="badge demo" { "demo" } " " (t(lang, "Kjennetegn merket demo bygger på syntetiske tall: utvalget er et eksempel på metoden, ikke et funn.", "Features marked demo rest on synthetic figures: the choice is an example of the method, not a finding.")) }
                }
                p class="muted" {
                    (t(lang, "Kjennetegn og vekter: ", "Features and weights: "))
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
                            @if r.code_now.is_none() { " " span class="muted" { (t(lang, "(finnes ikke lenger; ikke sammenlignet)", "(no longer exists; not compared)")) } }
                            @if r.demo { " " span class="badge demo" { "demo" } }
                        }
                    }
                }
            }
        }
        @if let Some(c) = &comparison {
            @if let Some(r) = &c.rank {
                p {
                    strong { (plan.meta.municipality_name) (t(lang, " er nr. ", " is number ")) (r.rank) (t(lang, " av ", " of ")) (r.of) }
                    (t(lang, " blant kommunene her med reelle tall for ", " among the municipalities here with real figures for ")) (r.year)
                    (match i.direction { plan::Direction::HigherIsBetter => t(lang, " (høyest først).", " (highest first)."), plan::Direction::LowerIsBetter => t(lang, " (lavest først).", " (lowest first).") })
                }
            }
            @if let Some(r) = &c.rank {
                @if let Some(bars) = charts::peer_bars(c, r.year, lang) { (bars) }
            }
            div class="table-wrap" tabindex="0" {
                table {
                    caption class="muted" { (i.name.get(lang)) (t(lang, ", per kommune og år", ", by municipality and year")) }
                    thead { tr {
                        th scope="col" { (t(lang, "Kommune", "Municipality")) }
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
                                th scope="row" { (t(lang, "Median, alle kommuner", "Median, all municipalities")) }
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
                                th scope="row" { (t(lang, "Median, fylket", "Median, the county")) }
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
                        strong { (plan.meta.municipality_name) (t(lang, " har persentil ", " is at percentile ")) (plan::fmt::number(s.percentile, 0)) }
                        (t(lang, " blant alle ", " among all ")) (s.of)
                        (t(lang, " kommuner med reelle tall for ", " municipalities with real figures for ")) (s.year)
                        (t(lang, " (andelen av de andre kommunene med lavere verdi). Medianene er av reelle tall; demodata er ikke med. ",
                              " (the share of the other municipalities with a lower value). The medians are of real figures; demo data are left out. "))
                    } @else {
                        (t(lang, "Planens kommune har ingen reelle tall å plassere blant alle kommunene. ", "The plan's municipality has no real figures to place among all municipalities. "))
                    }
                    a href=(format!("/api/compare/all?indicator={}", i.id)) { (t(lang, "Alle kommunenes verdier (JSON)", "Every municipality's values (JSON)")) }
                }
            }
        }
        @if let Some(map) = &national_map { (map) }
        @if !overrides.is_empty() {
            div class="table-wrap" tabindex="0" {
                table {
                    caption class="muted" { (t(lang, "Overstyringer av status (alle, eldste først)", "Status overrides (all, oldest first)")) }
                    thead { tr {
                        th scope="col" { (t(lang, "Når", "When")) }
                        th scope="col" { (t(lang, "Hvem", "Who")) }
                        th scope="col" { "Status" }
                        th scope="col" { (t(lang, "Begrunnelse", "Justification")) }
                    } }
                    tbody {
                        @for o in &overrides {
                            tr {
                                td { (o.at.replace('T', " ").trim_end_matches('Z')) }
                                td { (o.by) }
                                td {
                                    @match o.status.as_deref().and_then(engine::TrendStatus::parse) {
                                        Some(st) => { (match lang { Lang::Nb => st.label_nb(), Lang::En => st.label_en() }) }
                                        None => { (t(lang, "trukket tilbake", "withdrawn")) }
                                    }
                                }
                                td { (o.justification) }
                            }
                        }
                    }
                }
            }
        }
        p { a href=(href(lang, &format!("/intern/indikatorer/{}", i.id))) { (t(lang, "Overstyr status (ansatte)", "Override the status (staff)")) } }
        h2 id="om-dataene" { (t(lang, "Om dataene", "About the data")) }
        p {
            (t(lang, "Last ned alle tallene på siden med kilde og merking av demodata: ", "Download every figure on this page with its source and demo flag: "))
            a href=(layout::in_view(&format!("/indikatorer/{}/data?format=csv", i.id))) download { "CSV" }
            " · "
            a href=(layout::in_view(&format!("/indikatorer/{}/data?format=json", i.id))) download { "JSON" }
        }
        @if !data.sources.is_empty() {
            p {
                (t(lang, "Kildetabeller: ", "Source tables: "))
                @for (n, s) in data.sources.iter().enumerate() {
                    @if n > 0 { ", " }
                    a href=(s.url) { (s.name) }
                }
                @match &data.fetched {
                    Some(at) => { ". " (t(lang, "Sist hentet ", "Last fetched ")) (app::as_of::local_stamp(at)) "." }
                    None => { ". " (t(lang, "Ikke hentet ennå.", "Not fetched yet.")) }
                }
            }
        }
        h2 { (t(lang, "Om indikatoren", "About the indicator")) }
        dl {
            dt { (t(lang, "Mål i planen", "Target in the plan")) }
            dd { (i.rule_text.get(lang)) }
            dt { (t(lang, "Hvordan et år vurderes", "How a year is judged")) }
            dd { (t(lang, "Resultatet sammenlignes med årets ambisjon (", "The result is compared with the year's ambition (")) (i.ambition_op.symbol()) ")"
                 (t(lang, "; et år uten ambisjon vurderes ikke (målet i planen vises til informasjon). En verdi som bygger på demodata vurderes aldri.", "; a year without an ambition is not judged (the plan's target is shown for information). A value resting on demo data is never judged.")) }
            dt { (t(lang, "Kilde", "Source")) }
            dd { (i.source) }
            dt { (t(lang, "Hvordan tallet fremkommer", "How the figure is obtained")) }
            dd {
                @match &i.computation {
                    Computation::Published { publisher } => { (t(lang, "Publisert av ", "Published by ")) (publisher) (t(lang, "; hentet inn som publisert.", "; imported as published.")) }
                    Computation::Definition { definition } => { (t(lang, "Beregnes etter definisjonen ", "Computed by the definition ")) code { (definition) } (t(lang, " i planens kapittel 9, fra statistikken i lageret. Et år med både beregnet tall og tall sitert fra planen viser begge; verdien som teller er den beregnede, så den publiserte, så planens, og reelle data går alltid foran demodata.", " of the plan's chapter 9, from the statistics in the store. A year with both a computed figure and one quoted from the plan shows both; the value that counts is the computed one, then the published one, then the plan's, and real data always comes before demo data.")) }
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
                t(lang, "prosentpoeng", "percentage points")
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
