//! The home page: the vision, a card per indicator (latest value, ambition, judgement,
//! sparkline), the chapter-6 indicator table, the focus areas with their progress and strategies,
//! and the action plan as it stands.

use axum::extract::{Query, State};
use engine::rollup::{PlanRollup, Weighting};
use maud::{Markup, html};
use plan::{Lang, Plan};

use crate::charts;
use crate::indicators::{
    IndicatorView, indicator_views, source_label, verdict_class, verdict_label,
};
use crate::layout::{self, LangQuery, href, tr};
use crate::{AppState, WebError};

async fn render(state: &AppState, lang: Lang) -> Result<Markup, WebError> {
    let plan = super::load_plan(state).await?;
    let actions = state.store.actions(&state.plan_code).await?;
    let views = indicator_views(state, &plan).await?;
    let roll = super::rollup(&plan, &actions, Weighting::Mean);
    let title = format!(
        "{} – {}",
        plan.meta.title.get(lang),
        plan.meta.municipality_name
    );
    Ok(layout::page(
        lang,
        &title,
        "/",
        html! {
            h1 { (plan.meta.title.get(lang)) " – " (plan.meta.municipality_name) " kommune" }
            p class="muted" {
                (tr(lang, "home-adopted-by")) (plan.meta.adopted_by.to_lowercase()) " "
                (plan.meta.adopted) ". " (tr(lang, "home-plan-period")) (plan.meta.period_start) "–" (plan.meta.period_end) "."
            }
            @if views.iter().any(|v| v.synthetic()) { (layout::synthetic_banner(lang)) }
            p class="vision" lang=[layout::lang_attr(lang, plan.vision.lang_of(lang))] { (plan.vision.get(lang)) }
            (cards(&views, lang))
            (indicator_table(&plan, lang))
            (focus_areas(&plan, &roll, lang))
            h2 id="tiltak" { (tr(lang, "layout-actions")) }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-home-actions" {
                table {
                    caption id="t-home-actions" class="muted" { (tr(lang, "home-the-action-plan-as-it")) }
                    thead { tr {
                        th scope="col" { "Id" }
                        th scope="col" { (tr(lang, "actions-action")) }
                        th scope="col" { (tr(lang, "actions-strategies")) }
                        th scope="col" { (tr(lang, "actions-owner")) }
                        th scope="col" { "Status" }
                        th scope="col" class="num" { (tr(lang, "layout-progress")) }
                    } }
                    tbody {
                        @for a in &actions {
                            tr {
                                td { a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) } }
                                td { (a.action.title) }
                                td { (a.action.strategies.join(", ")) }
                                td { (a.action.owner) }
                                td { (a.action.status.label(lang)) }
                                td class="num" {
                                    progress value=(a.action.progress) max="100" { (a.action.progress) " %" }
                                    " " (a.action.progress) " %"
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// `GET /`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<Markup, WebError> {
    render(&state, q.lang()).await
}

/// The seed's chapter-6 table: for each indicator and year, the result or the ambition.
fn indicator_table(plan: &Plan, lang: Lang) -> Markup {
    let years: Vec<i32> = plan.table_years().collect();
    html! {
        h2 id="indikatortabell" { (tr(lang, "home-the-plan-s-indicator-table")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-home-results" {
            table {
                caption id="t-home-results" class="muted" {
                    (tr(lang, "home-results-bold-and-ambitions-grey"))
                }
                thead { tr {
                    th scope="col" { (tr(lang, "home-indicator")) }
                    th scope="col" { (tr(lang, "area-source")) }
                    @for y in &years { th scope="col" class="num" { (y) } }
                } }
                tbody {
                    @for i in &plan.indicators {
                        tr {
                            th scope="row" lang=[layout::lang_attr(lang, i.name.lang_of(lang))] { (i.name.get(lang)) }
                            td { (i.source) }
                            @for y in &years {
                                @if let Some(r) = i.results.get(y) {
                                    td class="num result" title=(r.source) { (plan::fmt::value(r.value, i.unit)) }
                                } @else if let Some(a) = i.ambitions.get(y) {
                                    td class="num ambition" { (i.ambition_op.symbol()) " " (plan::fmt::value(*a, i.unit)) }
                                } @else {
                                    td class="num muted" { span aria-label=(tr(lang, "home-no-value")) { "–" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A card per indicator: latest result, next ambition, judgement and a sparkline.
fn cards(views: &[IndicatorView], lang: Lang) -> Markup {
    html! {
        h2 id="indikatorer" { (tr(lang, "layout-indicators")) }
        ul class="cards" {
            @for v in views {
                @let i = v.indicator;
                li class="card" {
                    h3 lang=[layout::lang_attr(lang, i.name.lang_of(lang))] { a href=(href(lang, &format!("/indikatorer/{}", i.id))) { (i.name.get(lang)) } }
                    @if let Some((year, r)) = &v.latest {
                        p {
                            span class="big" { (plan::fmt::value(r.value, i.unit)) }
                            " " span class="muted" { "(" (year) ", " (source_label(r.source, lang)) ")" }
                        }
                    } @else {
                        p class="muted" { (tr(lang, "home-no-results-from-real-data")) }
                    }
                    @if let Some((year, a)) = v.next_ambition {
                        p { (tr(lang, "home-ambition")) (year) ": " (i.ambition_op.symbol()) " " (plan::fmt::value(a, i.unit)) }
                    }
                    @if v.latest.is_some() {
                        p { span class=(verdict_class(v.judgement)) { (verdict_label(v.judgement, lang)) } " " span class="hint" { (v.basis.get(lang)) } }
                    }
                    @if let Some((year, d)) = &v.latest_demo {
                        p class="demo-value" {
                            span class="badge demo" { (tr(lang, "home-demo")) } " "
                            (year) ": " (plan::fmt::value(d.value, i.unit)) " – "
                            span class=(verdict_class(engine::Verdict::DemoNotJudged)) { (verdict_label(engine::Verdict::DemoNotJudged, lang)) }
                        }
                    }
                    (charts::sparkline(v, lang))
                }
            }
        }
    }
}

fn focus_areas(plan: &Plan, roll: &PlanRollup, lang: Lang) -> Markup {
    html! {
        h2 id="innsatsomrader" { (tr(lang, "home-focus-areas-and-strategies")) }
        @if !plan.premises.is_empty() {
            p { a href=(href(lang, "/forutsetninger")) { (tr(lang, "premises-title")) } }
        }
        @for a in &plan.focus_areas {
            section class="area" aria-labelledby=(format!("area-{}", a.number)) {
                h3 id=(format!("area-{}", a.number)) {
                    a href=(href(lang, &format!("/innsatsomrader/{}", a.number))) { (a.number) " " (a.title.get(lang)) }
                }
                p { (tr(lang, "area-progress-strategies-without-actions-count"))
                    (charts::progress_bar(roll.area(&a.number).and_then(|r| r.progress).map(|p| p.percent), &format!("{} {}", a.number, a.title.get(lang)), lang)) }
                @if let Some(r) = roll.area(&a.number) { p class="muted coverage" { (super::progress::coverage_text(lang, r.coverage)) ". " a href=(href(lang, "/fremdrift")) { (tr(lang, "area-progress-by-strategy")) } } }
                p lang=[layout::lang_attr(lang, Lang::Nb)] { (a.description) }
                @if !a.strategies.is_empty() {
                    ul class="plain" {
                        @for s in &a.strategies { li { strong { (s.id) } " " span lang=[layout::lang_attr(lang, Lang::Nb)] { (s.text) } } }
                    }
                }
                @for sub in &a.sub_areas {
                    @if !sub.strategies.is_empty() {
                        h4 { (sub.number) " " (sub.title.get(lang)) }
                        ul class="plain" {
                            @for s in &sub.strategies { li { strong { (s.id) } " " span lang=[layout::lang_attr(lang, Lang::Nb)] { (s.text) } } }
                        }
                    }
                }
            }
        }
    }
}
