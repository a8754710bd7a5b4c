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
    let overrides: Vec<_> = state
        .store
        .status_overrides(&state.plan_code)
        .await?
        .into_iter()
        .filter(|o| o.indicator_id == i.id)
        .collect();
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
                            td {
                                @if let Some(r) = &y.result { (r.provenance.source()) }
                                @for a in &y.also {
                                    br;
                                    span class="also" {
                                        (t(lang, "Også: ", "Also: ")) (plan::fmt::value(a.value, i.unit))
                                        @if a.provenance.synthetic() { " " span class="badge" { (t(lang, "syntetisk", "synthetic")) } }
                                        " (" (a.provenance.source()) ")"
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
                dd { (t(lang, "Open SDG: årlig vekst (CAGR) observert mot nødvendig for å nå målet.", "Open SDG: compound annual growth (CAGR) observed against that required to reach the target.")) }
                dt { (t(lang, "Grunnlag", "Base")) }
                dd { (opt_year(c.base_year)) ": " (opt_value(c.base_value, i.unit)) }
                dt { (t(lang, "Siste", "Latest")) }
                dd { (opt_year(c.latest_year)) ": " (opt_value(c.latest_value, i.unit)) }
                dt { (t(lang, "Mål", "Target")) }
                dd { (opt_year(c.target_year)) ": " (opt_value(c.target_value, i.unit)) }
                dt { (t(lang, "Årlig endring observert / nødvendig", "Annual change observed / required")) }
                dd { (opt_pct(c.cagr_observed)) " / " (opt_pct(c.cagr_required)) }
            }
        } @else {
            p class="muted" { (t(lang, "Kan ikke vurderes ennå.", "Cannot be assessed yet.")) }
        }
        @if !overrides.is_empty() {
            div class="table-wrap" {
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
                    Computation::Definition { definition } => { (t(lang, "Beregnes etter definisjonen ", "Computed by the definition ")) code { (definition) } (t(lang, " i planens kapittel 9, fra statistikken i lageret. Et år med både beregnet tall og tall sitert fra planen viser begge; ekte data går foran syntetiske.", " of the plan's chapter 9, from the statistics in the store. A year with both a computed figure and one quoted from the plan shows both; real data comes before synthetic.")) }
                }
            }
        }
    };
    Ok(layout::page(lang, i.name.get(lang), &path, body).into_response())
}

fn opt_year(y: Option<plan::Year>) -> String {
    y.map_or_else(|| "–".into(), |y| y.to_string())
}

fn opt_value(v: Option<f64>, unit: plan::Unit) -> String {
    v.map_or_else(|| "–".into(), |v| plan::fmt::value(v, unit))
}

fn opt_pct(v: Option<f64>) -> String {
    v.map_or_else(
        || "–".into(),
        |v| format!("{} %", plan::fmt::number(v * 100.0, 1)),
    )
}
