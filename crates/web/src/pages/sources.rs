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

use crate::layout::{self, href, t};
use crate::{AppState, WebError};

/// Query of the page.
#[derive(Debug, Deserialize, Default)]
pub struct SourcesQuery {
    /// `en` for English.
    pub lang: Option<String>,
}

fn years(lang: Lang, y: &[i32]) -> String {
    if y.is_empty() {
        t(lang, "ingen", "none").to_owned()
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
        html! { span class="badge" { (t(lang, "verifisert", "verified")) } }
    } else {
        html! { strong class="badge not-verified" { (t(lang, "ikke verifisert mot SSB", "not verified against SSB")) } }
    }
}

fn series_row(lang: Lang, s: &SeriesView) -> Markup {
    let filters: Vec<String> = s.filters.iter().map(|(d, c)| format!("{d}={c}")).collect();
    html! {
        tr {
            th scope="row" {
                code { (s.name) }
                br;
                span class="muted" { (match lang { Lang::Nb => s.description_nb.as_str(), Lang::En => s.description_en.as_str() }) }
            }
            td { code { (s.contents) } @if !filters.is_empty() { br; span class="muted" { (filters.join(", ")) } } }
            td { (verified_badge(lang, s.verified)) }
            td { (years(lang, &s.real_years)) }
            td {
                (years(lang, &s.demo_years))
                @if !s.demo_years.is_empty() { " " span class="badge" { (t(lang, "demo", "demo")) } }
            }
            td class="num" { (s.rows) @if s.rows_demo > 0 { br; span class="muted" { (s.rows_demo) " " (t(lang, "demo", "demo")) } } }
            td {
                (s.last_imported.as_deref().unwrap_or(t(lang, "aldri", "never")))
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
                (t(lang, "Tabell ", "Table ")) (tv.id)
                @if let Some(title) = &tv.title { ": " (title) }
                " " (verified_badge(lang, tv.verified))
            }
            @if !tv.verified {
                p class="synthetic" role="note" {
                    strong { (t(lang, "Ikke verifisert mot SSB. ", "Not verified against SSB. ")) }
                    (t(lang,
                       "Tabellnummeret eller kodene er vår beste kunnskap og er ikke bekreftet av offentlige kilder. Tall fra denne tabellen kan utebli eller bety noe annet når den hentes fra SSB.",
                       "The table id or the codes are our best knowledge and are not confirmed by public sources. Figures from this table may not arrive, or may mean something else, when it is fetched from SSB."))
                }
            }
            @if !tv.replaces.is_empty() {
                p { (t(lang, "Erstatter tabell ", "Replaces table ")) (tv.replaces.join(", ")) "." }
            }
            @if !tv.fetched {
                p class="muted" { (t(lang, "Hentes ikke fra SSB: ingen kjent tabell (plassholder).", "Not fetched from SSB: no known table (placeholder).")) }
            }
            @if let Some(n) = &tv.note { p class="muted" { (n) } }
            @if !tv.evidence.is_empty() {
                details {
                    summary { (t(lang, "Belegg", "Evidence")) " (" (tv.evidence.len()) ")" }
                    ul class="plain" { @for e in &tv.evidence { li { (evidence_item(e)) } } }
                }
            }
            div class="table-wrap" tabindex="0" {
                table {
                    caption class="muted" { (t(lang, "Serier fra tabellen", "Series from the table")) }
                    thead { tr {
                        th scope="col" { (t(lang, "Serie", "Series")) }
                        th scope="col" { (t(lang, "Koder", "Codes")) }
                        th scope="col" { (t(lang, "Status", "Status")) }
                        th scope="col" { (t(lang, "Ekte år", "Real years")) }
                        th scope="col" { (t(lang, "Demoår (syntetisk)", "Demo years (synthetic)")) }
                        th scope="col" class="num" { (t(lang, "Rader", "Rows")) }
                        th scope="col" { (t(lang, "Sist importert", "Last imported")) }
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
        h1 { (t(lang, "Kilder", "Sources")) }
        p {
            (t(lang,
               "Her står hvor hvert tall kommer fra: hvilken SSB-tabell, om tabellnummer og koder er bekreftet av offentlige kilder, og hvilke år som bygger på ekte data og hvilke som bare har demodata (syntetiske tall laget av naeringsplan, ikke publisert av SSB).",
               "Where every figure comes from: which SSB table, whether the table id and codes are confirmed by public sources, and which years rest on real data and which only have demo data (synthetic figures made by naeringsplan, not published by SSB)."))
        }
        p class="big" {
            (s.verified_tables) " " (t(lang, "av", "of")) " " (s.tables) " "
            (t(lang, "tabeller er verifisert", "tables are verified")) "; "
            (s.verified_series) " " (t(lang, "av", "of")) " " (s.series) " "
            (t(lang, "serier er verifisert", "series are verified")) "; "
            (s.series_with_real_data) " " (t(lang, "serier har ekte data i lageret.", "series have real data in the store."))
        }
        @if s.verified_tables < s.tables {
            p class="synthetic" role="note" {
                (t(lang,
                   "Tabeller merket «ikke verifisert mot SSB» bygger på vår beste kunnskap. Se merknaden ved hver tabell.",
                   "Tables marked \"not verified against SSB\" rest on our best knowledge. See the note at each table."))
            }
        }
        h2 id="indikatorer" { (t(lang, "Indikatorene: ekte data eller demodata", "The indicators: real or demo data")) }
        div class="table-wrap" tabindex="0" {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "Indikator", "Indicator")) }
                    th scope="col" { (t(lang, "Ekte data", "Real data")) }
                    th scope="col" { (t(lang, "Demodata", "Demo data")) }
                    th scope="col" { (t(lang, "Sitert fra planen", "Quoted in the plan")) }
                    th scope="col" { (t(lang, "Uten verdi", "No value")) }
                    th scope="col" { (t(lang, "Serier", "Series")) }
                } }
                tbody {
                    @for i in &v.indicators {
                        tr {
                            th scope="row" {
                                a href=(href(lang, &format!("/indikatorer/{}", i.id))) {
                                    (i.number) ". " (match lang { Lang::En => i.name_en.as_deref().unwrap_or(i.name_nb.as_str()), Lang::Nb => i.name_nb.as_str() })
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
                                        @if !sv.verified { " " span class="muted" { "(" (t(lang, "ikke verifisert mot SSB", "not verified against SSB")) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 id="tabeller" { (t(lang, "Tabeller og serier", "Tables and series")) }
        @for tv in &v.tables { (table_section(lang, tv, v)) }
        p class="muted" {
            (t(lang, "Det samme som JSON: ", "The same as JSON: ")) code { "naeringsplan sources --format json" } ". "
            (t(lang, "Hent ekte tall: ", "Fetch real figures: ")) code { "naeringsplan fetch" } "."
        }
    }
}

/// `GET /kilder`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<SourcesQuery>,
) -> Result<Markup, WebError> {
    let lang = if q.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Nb
    };
    let plan = super::load_plan(&state).await?;
    let view = app::sources::view(&state.store, &plan).await?;
    Ok(layout::page(
        lang,
        t(lang, "Kilder", "Sources"),
        "/kilder",
        render(lang, &view),
    ))
}
