//! `/kilder`: where every figure comes from — for each SSB table and series: title, whether the
//! table id and codes are verified against public evidence (with the evidence as links), the
//! note, which years the store holds as real data and which only as demo (synthetic) data, rows
//! and the last import; for each plan indicator, which years rest on real data. The view is
//! `app::sources` (the CLI's `naeringsplan sources` prints the same).

use app::sources::{SeriesView, SourcesView, TableView, year_ranges};
use axum::extract::{Query, State};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use crate::layout::{self, href, tr};
use crate::{AppState, WebError};

/// Query of the page.
#[derive(Debug, Deserialize, Default)]
pub struct SourcesQuery {
    /// `en` for English.
    pub lang: Option<String>,
}

fn years(lang: Lang, y: &[i32]) -> String {
    if y.is_empty() {
        tr(lang, "sources-none").to_owned()
    } else {
        year_ranges(y)
    }
}

/// One evidence entry: a link where it starts with an address (the rest as text), else text.
fn evidence_item(e: &str) -> Markup {
    let (url, rest) = match e.split_once(' ') {
        Some((u, r)) => (u, r),
        None => (e, ""),
    };
    if url.starts_with("https://") || url.starts_with("http://") {
        html! { a href=(url) rel="noopener" { (url) } @if !rest.is_empty() { " " (rest) } }
    } else {
        html! { (e) }
    }
}

fn verified_badge(lang: Lang, verified: bool) -> Markup {
    if verified {
        html! { span class="badge" { (tr(lang, "sources-verified")) } }
    } else {
        html! { strong class="badge not-verified" { (tr(lang, "sources-not-verified-against-ssb")) } }
    }
}

fn series_row(lang: Lang, s: &SeriesView) -> Markup {
    let filters: Vec<String> = s.filters.iter().map(|(d, c)| format!("{d}={c}")).collect();
    html! {
        tr {
            th scope="row" {
                code { (s.name) }
                br;
                @if lang == Lang::En { span class="muted" { (s.description_en) } } @else { span class="muted" lang=[layout::lang_attr(lang, Lang::Nb)] { (s.description_nb) } }
            }
            td { code { (s.contents) } @if !filters.is_empty() { br; span class="muted" { (filters.join(", ")) } } }
            td { (verified_badge(lang, s.verified)) }
            td { (years(lang, &s.real_years)) }
            td {
                (years(lang, &s.demo_years))
                @if !s.demo_years.is_empty() { " " span class="badge" { (tr(lang, "home-demo")) } }
            }
            td class="num" { (s.rows) @if s.rows_demo > 0 { br; span class="muted" { (s.rows_demo) " " (tr(lang, "home-demo")) } } }
            td {
                (s.last_imported.as_deref().unwrap_or(&tr(lang, "sources-never")))
                @for src in &s.real_sources {
                    br; span class="muted" { (evidence_item(&src.source)) " (" (src.file_name) ")" }
                }
            }
        }
    }
}

fn table_section(lang: Lang, tv: &TableView, v: &SourcesView) -> Markup {
    let id = format!("tabell-{}", tv.id);
    html! {
        section class="area" aria-labelledby=(id) {
            h3 id=(id) {
                (tr(lang, "sources-table")) (tv.id)
                @if let Some(title) = &tv.title { ": " span lang=[layout::lang_attr(lang, Lang::Nb)] { (title) } }
                " " (verified_badge(lang, tv.verified))
            }
            @if !tv.verified {
                p class="synthetic" role="note" {
                    strong { (tr(lang, "sources-not-verified-against-ssb-2")) }
                    (tr(lang, "sources-the-table-id-or-the"))
                }
            }
            @if !tv.replaces.is_empty() {
                p { (tr(lang, "sources-replaces-table")) (tv.replaces.join(", ")) "." }
            }
            @if !tv.fetched {
                p class="muted" { (tr(lang, "sources-not-fetched-from-ssb-no")) }
            }
            // The verification notes are written in English (data/sources.toml): marked so.
            @if let Some(n) = &tv.note { p class="muted" lang=[layout::lang_attr(lang, Lang::En)] { (n) } }
            @if !tv.evidence.is_empty() {
                details {
                    summary { (tr(lang, "sources-evidence")) " (" (tv.evidence.len()) ")" }
                    ul class="plain" lang=[layout::lang_attr(lang, Lang::En)] { @for e in &tv.evidence { li { (evidence_item(e)) } } }
                }
            }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-series-{}", tv.id)) {
                table {
                    caption id=(format!("t-series-{}", tv.id)) class="muted" { (tr(lang, "sources-series-from-the-table")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "sources-series")) }
                        th scope="col" { (tr(lang, "sources-codes")) }
                        th scope="col" { (tr(lang, "plans-status")) }
                        th scope="col" { (tr(lang, "sources-real-years")) }
                        th scope="col" { (tr(lang, "sources-demo-years-synthetic")) }
                        th scope="col" class="num" { (tr(lang, "sources-rows")) }
                        th scope="col" { (tr(lang, "sources-last-imported")) }
                    } }
                    tbody {
                        @for s in v.series.iter().filter(|s| s.table == tv.id) { (series_row(lang, s)) }
                    }
                }
            }
        }
    }
}

/// The page body (also used by tests through the route).
pub fn render(lang: Lang, v: &SourcesView) -> Markup {
    let s = &v.summary;
    html! {
        h1 { (tr(lang, "layout-sources")) }
        p {
            (tr(lang, "sources-where-every-figure-comes-from"))
        }
        p class="big" {
            (s.verified_tables) " " (tr(lang, "actions-of")) " " (s.tables) " "
            (tr(lang, "sources-tables-are-verified")) "; "
            (s.verified_series) " " (tr(lang, "actions-of")) " " (s.series) " "
            (tr(lang, "sources-series-are-verified")) "; "
            (s.series_with_real_data) " " (tr(lang, "sources-series-have-real-data-in"))
        }
        @if s.verified_tables < s.tables {
            p class="synthetic" role="note" {
                (tr(lang, "sources-tables-marked-not-verified-against"))
            }
        }
        h2 id="indikatorer" { (tr(lang, "sources-the-indicators-real-or-demo")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="indikatorer" {
            table {
                thead { tr {
                    th scope="col" { (tr(lang, "home-indicator")) }
                    th scope="col" { (tr(lang, "sources-real-data")) }
                    th scope="col" { (tr(lang, "sources-demo-data")) }
                    th scope="col" { (tr(lang, "charts-quoted-in-the-plan")) }
                    th scope="col" { (tr(lang, "sources-no-value")) }
                    th scope="col" { (tr(lang, "sources-series-2")) }
                } }
                tbody {
                    @for i in &v.indicators {
                        tr {
                            th scope="row" {
                                a href=(href(lang, &format!("/indikatorer/{}", i.id))) {
                                    (i.number) ". "
                                    @match (lang, i.name_en.as_deref()) {
                                        (Lang::En, Some(en)) => (en),
                                        _ => span lang=[layout::lang_attr(lang, Lang::Nb)] { (i.name_nb) },
                                    }
                                }
                            }
                            td { (years(lang, &i.real_years)) }
                            td { (years(lang, &i.demo_years)) }
                            td { (years(lang, &i.plan_quote_years)) }
                            td { (years(lang, &i.no_value_years)) }
                            td {
                                @for (k, name) in i.series.iter().enumerate() {
                                    @if k > 0 { ", " }
                                    code { (name) }
                                    @if let Some(sv) = v.series.iter().find(|x| &x.name == name) {
                                        @if !sv.verified { " " span class="muted" { "(" (tr(lang, "sources-not-verified-against-ssb")) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 id="tabeller" { (tr(lang, "sources-tables-and-series")) }
        @for tv in &v.tables { (table_section(lang, tv, v)) }
        p class="muted" {
            (tr(lang, "sources-the-same-as-json")) code { "naeringsplan sources --format json" } ". "
            (tr(lang, "sources-fetch-real-figures")) code { "naeringsplan fetch" } "."
        }
    }
}

/// `GET /kilder`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<SourcesQuery>,
) -> Result<Markup, WebError> {
    let lang = crate::layout::lang_of(q.lang.as_deref());
    let plan = super::load_plan(&state).await?;
    let view = app::sources::view(&state.store, &plan).await?;
    Ok(layout::page(
        lang,
        &tr(lang, "layout-sources"),
        "/kilder",
        render(lang, &view),
    ))
}
