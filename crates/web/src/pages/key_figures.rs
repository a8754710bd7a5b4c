//! `/nokkeltall`: the plan's chapter-3 key figures (*Asker i tall*) for a municipality and year
//! chosen by a GET form (no JavaScript), beside the plan's quotes and the peers, each with its
//! source; demo values marked and never judged; the data as CSV and JSON
//! (`/nokkeltall/data`), from the same use case as `naeringsplan key-figures`
//! (`app::key_figures`).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;

use crate::layout::{self, LangQuery, href, t};
use crate::{AppState, WebError};

/// `?kommune=3203&ar=2022&peers=3201,3301` of the key-figures page and its data.
#[derive(Debug, Default, serde::Deserialize)]
pub struct KeyFiguresQuery {
    /// The municipality (default: the plan's).
    pub kommune: Option<String>,
    /// The year (default: the latest with real jobs figures).
    pub ar: Option<String>,
    /// The peers (default: the plan's).
    pub peers: Option<String>,
    /// `csv` (default) or `json`, for the data.
    pub format: Option<String>,
}

impl KeyFiguresQuery {
    fn year(&self) -> Result<Option<i32>, WebError> {
        match self.ar.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| WebError::BadRequest(format!("«{s}» er ikke et årstall"))),
        }
    }

    /// The query string that asks for the same figures (for the download links).
    fn same(&self, k: &app::key_figures::KeyFigures) -> String {
        let mut q = format!("kommune={}&ar={}", k.municipality.code, k.year);
        if let Some(p) = self.peers.as_deref().filter(|p| !p.trim().is_empty()) {
            let codes = app::compare::parse_peers(p).join(",");
            q.push_str(&format!("&peers={codes}"));
        }
        q
    }
}

async fn build(
    state: &AppState,
    q: &KeyFiguresQuery,
) -> Result<(plan::Plan, app::key_figures::KeyFigures), WebError> {
    let plan = super::load_plan(state).await?;
    let k = app::key_figures::key_figures(
        &state.store,
        &plan,
        q.kommune.as_deref(),
        q.year()?,
        q.peers.as_deref(),
    )
    .await?;
    Ok((plan, k))
}

fn value_cell(c: &app::key_figures::FigureCell, unit: plan::Unit, year: i32, lang: Lang) -> Markup {
    html! {
        @match &c.value {
            Some(v) => {
                (plan::fmt::value(v.value, unit))
                @if v.year != year { " (" (v.year) ")" }
                @if v.demo { " " span class="badge demo" { "demo" } }
            }
            None => {
                span class="muted" aria-hidden="true" { "–" }
                span class="sr-only" { (t(lang, "mangler", "missing")) }
            }
        }
    }
}

/// `GET /nokkeltall`
pub async fn page(
    State(state): State<AppState>,
    Query(lq): Query<LangQuery>,
    Query(q): Query<KeyFiguresQuery>,
) -> Result<Response, WebError> {
    let lang = lq.lang();
    let (plan, k) = build(&state, &q).await?;
    let municipalities = app::key_figures::municipalities();
    let same = q.same(&k);
    let title = format!(
        "{} {} {}",
        t(lang, "Nøkkeltall for", "Key figures for"),
        k.municipality.name,
        k.year
    );
    let mut groups: Vec<&str> = Vec::new();
    for r in &k.rows {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let body = html! {
        h1 { (title) }
        @if k.demo { (layout::synthetic_banner(lang)) }
        p {
            (t(lang, "Nøkkeltallene fra planens kapittel 3 (", "The key figures of the plan's chapter 3 ("))
            em { (plan.meta.title.nb) }
            (t(lang, "), beregnet fra statistikken i lageret for valgt kommune og år etter de samme definisjonene som indikatorene. Planens egne tall står ved siden av der planen siterer et tall. Verdier merket «demo» bygger på syntetiske demodata; de vises, men sammenlignes og vurderes ikke.",
                "), computed from the statistics in the store for the chosen municipality and year by the same definitions as the indicators. The plan's own figures stand beside where the plan quotes one. Values marked \"demo\" rest on synthetic demo data; they are shown, but neither compared nor judged."))
        }
        form method="get" action="/nokkeltall" class="filters" {
            div {
                label for="kommune" { (t(lang, "Kommune", "Municipality")) }
                select id="kommune" name="kommune" {
                    @for m in &municipalities {
                        option value=(m.code) selected[m.code == k.municipality.code] { (m.code) " " (m.name) }
                    }
                }
            }
            div {
                label for="ar" { (t(lang, "År", "Year")) }
                select id="ar" name="ar" {
                    @for y in &k.years {
                        option value=(y) selected[*y == k.year] { (y) }
                    }
                }
            }
            div {
                label for="peers" { (t(lang, "Sammenlign med (kommunenumre, kommaseparert)", "Compare with (municipality codes, comma-separated)")) }
                input type="text" id="peers" name="peers" inputmode="numeric"
                    value=(k.peers.iter().map(|p| p.code.as_str()).collect::<Vec<_>>().join(","));
            }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (t(lang, "Vis", "Show")) }
        }
        @for g in &groups {
            @let label = app::key_figures::group_label(g);
            h2 { (label.get(lang)) }
            div class="table-wrap" tabindex="0" {
                table class="key-figures" {
                    caption class="muted" { (label.get(lang)) ", " (k.municipality.name) " " (k.year) }
                    thead { tr {
                        th scope="col" { (t(lang, "Nøkkeltall", "Key figure")) }
                        th scope="col" class="num" { (k.municipality.name) }
                        @if k.plan_municipality { th scope="col" class="num" { (t(lang, "Planens tall", "The plan's figure")) } }
                        th scope="col" { (t(lang, "Kilde", "Source")) }
                    } }
                    tbody {
                        @for r in k.rows.iter().filter(|r| r.group == *g) {
                            tr id=(format!("tall-{}", r.id.replace(':', "-"))) {
                                th scope="row" { (r.name.get(lang)) }
                                td class="num own-value" { (value_cell(&r.own, r.unit, k.year, lang)) }
                                @if k.plan_municipality {
                                    td class="num quote" {
                                        @if let Some(qv) = &r.quote {
                                            (plan::fmt::value(qv.value, r.unit)) " (" (qv.year) ")"
                                        } @else { span class="muted" aria-hidden="true" { "–" } span class="sr-only" { (t(lang, "ikke sitert", "not quoted")) } }
                                    }
                                }
                                td {
                                    @match (&r.own.value, &r.own.missing) {
                                        (Some(v), _) => { (v.detail) }
                                        (None, Some(m)) => { span class="muted" { (t(lang, "Mangler: ", "Missing: ")) (m.get(lang)) } }
                                        (None, None) => {}
                                    }
                                    @if let Some(qv) = &r.quote {
                                        br;
                                        span class="muted" { (t(lang, "Planen: ", "The plan: ")) "«" (qv.text) "» (" (qv.source) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !k.peers.is_empty() {
                div class="table-wrap" tabindex="0" {
                    table {
                        caption class="muted" { (label.get(lang)) ", " (t(lang, "sammenlignet med andre kommuner", "compared with other municipalities")) " " (k.year) }
                        thead { tr {
                            th scope="col" { (t(lang, "Nøkkeltall", "Key figure")) }
                            th scope="col" class="num" { (k.municipality.name) }
                            @for p in &k.peers { th scope="col" class="num" { (p.name) } }
                        } }
                        tbody {
                            @for r in k.rows.iter().filter(|r| r.group == *g) {
                                tr {
                                    th scope="row" { (r.name.get(lang)) }
                                    td class="num" { (value_cell(&r.own, r.unit, k.year, lang)) }
                                    @for c in &r.peers { td class="num" { (value_cell(c, r.unit, k.year, lang)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 id="om-dataene" { (t(lang, "Om dataene", "About the data")) }
        p {
            (t(lang, "Last ned alle tallene på siden med år, kilde og merking av demodata: ", "Download every figure on this page with its year, source and demo flag: "))
            a href=(format!("/nokkeltall/data?{same}&format=csv")) download { "CSV" }
            " · "
            a href=(format!("/nokkeltall/data?{same}&format=json")) download { "JSON" }
            ". "
            (t(lang, "Samme tall på kommandolinjen: ", "The same figures on the command line: "))
            code { "naeringsplan key-figures --municipality " (k.municipality.code) " --year " (k.year) }
            "."
        }
        p {
            (t(lang, "Kilder: ", "Sources: "))
            @for (n, s) in k.sources.iter().enumerate() {
                @if n > 0 { ", " }
                a href=(s.url) { (s.name) }
            }
            @match &k.fetched {
                Some(at) => { ". " (t(lang, "Statistikken sist hentet ", "Statistics last fetched ")) (app::as_of::local_stamp(at)) "." }
                None => { ". " (t(lang, "Statistikken er ikke hentet ennå.", "The statistics have not been fetched yet.")) }
            }
            " " a href=(href(lang, "/kilder")) { (t(lang, "Mer om kildene", "More about the sources")) } "."
        }
        p class="muted" {
            (t(lang, "Egendekning er her arbeidsplasser i prosent av sysselsatte bosatte (planens kapittel 9 definerer forholdstallet; 0,77 = 77 %). Befolkningsveksten er endringen fra 1. januar året før. Andelen i offentlig sektor er arbeidsplasser minus arbeidsplasser i privat sektor (SSB 13472), i prosent av alle arbeidsplasser. Registertallene gjelder siste øyeblikksbilde av Enhetsregisteret, ikke det valgte året.",
                "Job coverage is here jobs as a percentage of employed residents (the plan's chapter 9 defines the ratio; 0.77 = 77 %). Population growth is the change from 1 January the year before. The public-sector share is jobs minus private-sector jobs (SSB 13472), as a percentage of all jobs. The register figures are those of the latest snapshot of the Central Coordinating Register, not the chosen year."))
        }
    };
    Ok(layout::page(lang, &title, "/nokkeltall", body).into_response())
}

/// `GET /nokkeltall/data?format=csv|json` (with the page's `kommune`, `ar`, `peers`): every
/// figure on the page with its year, source and demo flag.
pub async fn data(
    State(state): State<AppState>,
    Query(q): Query<KeyFiguresQuery>,
) -> Result<Response, WebError> {
    let (_, k) = build(&state, &q).await?;
    let (mime, ext, body) = match q.format.as_deref().unwrap_or("csv") {
        "csv" => (
            "text/csv; charset=utf-8",
            "csv",
            app::key_figures::to_csv(&k),
        ),
        "json" => (
            "application/json",
            "json",
            serde_json::to_vec_pretty(&k).map_err(WebError::internal)?,
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
        &format!("nokkeltall-{}-{}.{ext}", k.municipality.code, k.year),
        body,
    ))
}
