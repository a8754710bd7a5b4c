//! One indicator: chart of results against ambitions by year, the same numbers as a table, what
//! it measures and how it is judged, and its sources.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use plan::{Computation, Lang};

use crate::charts;
use crate::indicators::indicator_views;
use crate::layout::{self, LangQuery, href, t};
use crate::{AppError, AppState};

/// `GET /indikatorer/{id}`
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let views = indicator_views(&state, &plan).await?;
    let Some(v) = views.iter().find(|v| v.indicator.id == id) else {
        return Ok(super::not_found(lang));
    };
    let i = v.indicator;
    let path = format!("/indikatorer/{}", i.id);
    let body = html! {
        p class="muted" { a href=(href(lang, "/#indikatorer")) { (t(lang, "Indikatorer", "Indicators")) } " › " (i.number) }
        h1 { (i.name.get(lang)) }
        @if v.synthetic() { (layout::synthetic_banner(lang)) }
        p {
            span class=(v.judgement.class()) { (v.judgement.label(lang)) } " "
            (match lang { Lang::Nb => &v.basis.0, Lang::En => &v.basis.1 })
        }
        (charts::chart(v, lang))
        h2 { (t(lang, "Tall per år", "Figures by year")) }
        div class="table-wrap" {
            table {
                caption class="muted" { (t(lang, "Resultater og ambisjoner per år. Et år kan mangle begge.", "Results and ambitions by year. A year may have neither.")) }
                thead { tr {
                    th scope="col" { (t(lang, "År", "Year")) }
                    th scope="col" class="num" { (t(lang, "Resultat", "Result")) }
                    th scope="col" class="num" { (t(lang, "Ambisjon", "Ambition")) }
                    th scope="col" { (t(lang, "Kilde", "Source")) }
                } }
                tbody {
                    @for y in &v.years {
                        tr {
                            th scope="row" { (y.year) }
                            td class="num result" {
                                @if let Some(r) = &y.result {
                                    (plan::fmt::value(r.value, i.unit))
                                    @if r.provenance.synthetic() { " " span class="badge" { (t(lang, "syntetisk", "synthetic")) } }
                                } @else { span class="muted" { "–" } }
                            }
                            td class="num ambition" {
                                @if let Some(a) = y.ambition { (i.ambition_op.symbol()) " " (plan::fmt::value(a, i.unit)) }
                                @else { span class="muted" { "–" } }
                            }
                            td { @if let Some(r) = &y.result { (r.provenance.source()) } }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "Om indikatoren", "About the indicator")) }
        dl {
            dt { (t(lang, "Mål i planen", "Target in the plan")) }
            dd { (i.rule_text.get(lang)) }
            dt { (t(lang, "Hvordan et år vurderes", "How a year is judged")) }
            dd { (t(lang, "Resultatet sammenlignes med årets ambisjon (", "The result is compared with the year's ambition (")) (i.ambition_op.symbol()) ")"
                 (t(lang, "; uten ambisjon det året, med målet i planen.", "; without an ambition that year, with the plan's target.")) }
            dt { (t(lang, "Kilde", "Source")) }
            dd { (i.source) }
            dt { (t(lang, "Hvordan tallet fremkommer", "How the figure is obtained")) }
            dd {
                @match &i.computation {
                    Computation::Published { publisher } => { (t(lang, "Publisert av ", "Published by ")) (publisher) (t(lang, "; hentet inn som publisert.", "; imported as published.")) }
                    Computation::Definition { definition } => { (t(lang, "Beregnes etter definisjonen ", "Computed by the definition ")) code { (definition) } (t(lang, " i planens kapittel 9. Tallene her er foreløpig sitert fra planen.", " of the plan's chapter 9. The figures here are quoted from the plan for now.")) }
                }
            }
        }
    };
    Ok(layout::page(lang, i.name.get(lang), &path, body).into_response())
}
