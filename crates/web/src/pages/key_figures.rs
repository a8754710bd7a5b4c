//! `/nokkeltall`: the plan's chapter-3 key figures (*Asker i tall*) for a municipality and year
//! chosen by a GET form (no JavaScript), beside the plan's quotes and the peers, each with its
//! source; demo values marked and never judged; the data as CSV and JSON
//! (`/nokkeltall/data`), from the same use case as `naeringsplan key-figures`
//! (`app::key_figures`).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;

use crate::layout::{self, LangQuery, href, tr};
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
                span class="sr-only" { (tr(lang, "key-figures-missing")) }
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
        tr(lang, "key-figures-key-figures-for"),
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
            (tr(lang, "key-figures-the-key-figures-of-the"))
            em { (plan.meta.title.nb) }
            (tr(lang, "key-figures-computed-from-the-statistics-in"))
        }
        form method="get" action="/nokkeltall" class="filters" {
            div {
                label for="kommune" { (tr(lang, "indicator-municipality")) }
                select id="kommune" name="kommune" {
                    @for m in &municipalities {
                        option value=(m.code) selected[m.code == k.municipality.code] { (m.code) " " (m.name) }
                    }
                }
            }
            div {
                label for="ar" { (tr(lang, "area-year")) }
                select id="ar" name="ar" {
                    @for y in &k.years {
                        option value=(y) selected[*y == k.year] { (y) }
                    }
                }
            }
            div {
                label for="peers" { (tr(lang, "key-figures-compare-with-municipality-codes-comma")) }
                input type="text" id="peers" name="peers" inputmode="numeric"
                    value=(k.peers.iter().map(|p| p.code.as_str()).collect::<Vec<_>>().join(","));
            }
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            button type="submit" { (tr(lang, "actions-show")) }
        }
        @for (gi, g) in groups.iter().enumerate() {
            @let label = app::key_figures::group_label(g);
            h2 { (label.get(lang)) }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-kf-{gi}")) {
                table class="key-figures" {
                    caption id=(format!("t-kf-{gi}")) class="muted" { (label.get(lang)) ", " (k.municipality.name) " " (k.year) }
                    thead { tr {
                        th scope="col" { (tr(lang, "key-figures-key-figure")) }
                        th scope="col" class="num" { (k.municipality.name) }
                        @if k.plan_municipality { th scope="col" class="num" { (tr(lang, "key-figures-the-plan-s-figure")) } }
                        th scope="col" { (tr(lang, "area-source")) }
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
                                        } @else { span class="muted" aria-hidden="true" { "–" } span class="sr-only" { (tr(lang, "key-figures-not-quoted")) } }
                                    }
                                }
                                td {
                                    @match (&r.own.value, &r.own.missing) {
                                        (Some(v), _) => { span lang=[layout::lang_attr(lang, Lang::Nb)] { (v.detail) } }
                                        (None, Some(m)) => { span class="muted" { (tr(lang, "key-figures-missing-2")) (m.get(lang)) } }
                                        (None, None) => {}
                                    }
                                    @if let Some(qv) = &r.quote {
                                        br;
                                        span class="muted" { (tr(lang, "key-figures-the-plan")) span lang=[layout::lang_attr(lang, Lang::Nb)] { "«" (qv.text) "» (" (qv.source) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !k.peers.is_empty() {
                div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-kf-peers" {
                    table {
                        caption id="t-kf-peers" class="muted" { (label.get(lang)) ", " (tr(lang, "key-figures-compared-with-other-municipalities")) " " (k.year) }
                        thead { tr {
                            th scope="col" { (tr(lang, "key-figures-key-figure")) }
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
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "key-figures-download-every-figure-on-this"))
            a href=(format!("/nokkeltall/data?{same}&format=csv")) download { "CSV" }
            " · "
            a href=(format!("/nokkeltall/data?{same}&format=json")) download { "JSON" }
            ". "
            (tr(lang, "key-figures-the-same-figures-on-the"))
            code { "naeringsplan key-figures --municipality " (k.municipality.code) " --year " (k.year) }
            "."
        }
        p {
            (tr(lang, "key-figures-sources"))
            @for (n, s) in k.sources.iter().enumerate() {
                @if n > 0 { ", " }
                a href=(s.url) { (s.name) }
            }
            @match &k.fetched {
                Some(at) => { ". " (tr(lang, "key-figures-statistics-last-fetched")) (app::as_of::local_stamp(at)) "." }
                None => { ". " (tr(lang, "key-figures-the-statistics-have-not-been")) }
            }
            " " a href=(href(lang, "/kilder")) { (tr(lang, "key-figures-more-about-the-sources")) } "."
        }
        p class="muted" {
            (tr(lang, "key-figures-job-coverage-is-here-jobs"))
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
