//! The progress roll-up: action → strategy → focus area → plan, as bars. The mean by default;
//! `?vekt=1` weights by the actions' weights. The computation is `engine::rollup` (pure).

use axum::extract::{Query, State};
use engine::rollup::Weighting;
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use crate::charts::progress_bar;
use crate::layout::{self, href, tr};
use crate::{AppState, WebError};

/// Query of the progress page.
#[derive(Debug, Deserialize, Default)]
pub struct ProgressQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// `1`: weighted by the actions' weights.
    pub vekt: Option<String>,
}

/// `GET /fremdrift`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<ProgressQuery>,
) -> Result<Markup, WebError> {
    let lang = crate::layout::lang_of(q.lang.as_deref());
    let weighted = q.vekt.as_deref() == Some("1");
    let plan = super::load_plan(&state).await?;
    let actions = state.store.actions(&state.plan_code).await?;
    let roll = super::rollup(
        &plan,
        &actions,
        if weighted {
            Weighting::Weighted
        } else {
            Weighting::Mean
        },
    );
    let title = tr(lang, "layout-progress");
    let body = html! {
        h1 { (title) }
        p {
            (tr(lang, "progress-the-progress-of-each-action"))
            @if weighted {
                (tr(lang, "progress-here-weighted-within-each-strategy"))
                a href=(href(lang, "/fremdrift")) { (tr(lang, "progress-show-the-plain-mean")) }
            } @else {
                (tr(lang, "progress-here-as-the-mean-of"))
                a href=(href(lang, "/fremdrift?vekt=1")) { (tr(lang, "progress-show-weighted")) }
            }
        }
        p class="big" { (tr(lang, "progress-the-whole-plan")) (progress_bar(roll.progress.map(|p| p.percent), &tr(lang, "progress-the-whole-plan-2"), lang)) }
        p class="coverage" {
            strong { (coverage_text(lang, roll.coverage)) } ". "
            @if let Some(c) = roll.covered_progress {
                (tr(lang, "progress-progress-of-the-strategies-that"))
                (plan::fmt::number(c.percent, 0)) "\u{a0}%."
            }
        }
        @if roll.uncovered().next().is_some() {
            details {
                summary { (tr(lang, "progress-strategies-without-actions")) " (" (roll.coverage.total - roll.coverage.covered) ")" }
                ul class="plain uncovered" {
                    @for s in roll.uncovered() {
                        li { strong { (s.id) } " " span lang=[layout::lang_attr(lang, Lang::Nb)] { (plan.strategies().find(|st| st.id == s.id).map(|st| st.text.as_str()).unwrap_or("")) } }
                    }
                }
            }
        }
        @for (area, ar) in plan.focus_areas.iter().zip(&roll.areas) {
            section class="area" aria-labelledby=(format!("p-{}", area.number)) {
                h2 id=(format!("p-{}", area.number)) {
                    a href=(href(lang, &format!("/innsatsomrader/{}", area.number))) { (area.number) " " (area.title.get(lang)) }
                }
                p { (progress_bar(ar.progress.map(|p| p.percent), &format!("{} {}", area.number, area.title.get(lang)), lang)) }
                p class="muted coverage" { (coverage_text(lang, ar.coverage)) "." }
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-progress-{}", area.number)) {
                    table {
                        caption id=(format!("t-progress-{}", area.number)) class="muted" { (tr(lang, "progress-strategies-with-actions-and-progress")) }
                        thead { tr {
                            th scope="col" { (tr(lang, "actions-strategy")) }
                            th scope="col" { (tr(lang, "layout-actions")) }
                            th scope="col" { (tr(lang, "layout-progress")) }
                        } }
                        tbody {
                            @for s in &ar.strategies {
                                tr {
                                    th scope="row" { (super::actions::strategy_ref(&plan, &s.id, lang)) }
                                    td {
                                        @for (k, id) in s.actions.iter().enumerate() {
                                            @if k > 0 { ", " }
                                            a href=(href(lang, &format!("/tiltak/{id}"))) { (id) }
                                        }
                                    }
                                    td { (progress_bar(s.progress.map(|p| p.percent), &s.id, lang)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(
        lang,
        &title,
        if weighted {
            "/fremdrift?vekt=1"
        } else {
            "/fremdrift"
        },
        body,
    ))
}

/// "13 av 43 strategier har tiltak".
pub(crate) fn coverage_text(lang: Lang, c: engine::rollup::Coverage) -> String {
    crate::layout::tr_args(
        lang,
        "progress-coverage",
        &[
            ("covered", c.covered.to_string().into()),
            ("total", c.total.to_string().into()),
        ],
    )
}
