//! The progress roll-up: action → strategy → focus area → plan, as bars. The mean by default;
//! `?vekt=1` weights by the actions' weights. The computation is `engine::rollup` (pure).

use axum::extract::{Query, State};
use engine::rollup::Weighting;
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use crate::charts::progress_bar;
use crate::layout::{self, href, t};
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
    let lang = if q.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Nb
    };
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
    let title = t(lang, "Fremdrift", "Progress");
    let body = html! {
        h1 { (title) }
        p {
            (t(lang,
               "Fremdriften i hvert tiltak (0–100 %) rulles opp til strategiene, innsatsområdene og hele planen. En strategi uten tiltak teller som 0 % i tallet for innsatsområdet og hele planen, så tallet aldri viser mer fremdrift enn tiltakene dekker; fremdriften i strategiene som har tiltak, står ved siden av. Hver strategi teller likt. Avlyste tiltak holdes utenfor. ",
               "The progress of each action (0–100 %) is rolled up to the strategies, the focus areas and the whole plan. A strategy without actions counts as 0 % in the figure for its focus area and the whole plan, so the figure never shows more progress than the actions cover; the progress of the strategies that have actions is shown beside it. Every strategy counts equally. Cancelled actions are left out. "))
            @if weighted {
                (t(lang, "Her vektet: innen hver strategi teller tiltakene med sin vekt (standard 1). ", "Here weighted: within each strategy the actions count with their weight (default 1). "))
                a href=(href(lang, "/fremdrift")) { (t(lang, "Vis gjennomsnitt", "Show the plain mean")) }
            } @else {
                (t(lang, "Her som gjennomsnitt av tiltakene i hver strategi. ", "Here as the mean of the actions in each strategy. "))
                a href=(href(lang, "/fremdrift?vekt=1")) { (t(lang, "Vis vektet", "Show weighted")) }
            }
        }
        p class="big" { (t(lang, "Hele planen: ", "The whole plan: ")) (progress_bar(roll.progress.map(|p| p.percent), t(lang, "Hele planen", "The whole plan"), lang)) }
        p class="coverage" {
            strong { (coverage_text(lang, roll.coverage)) } ". "
            @if let Some(c) = roll.covered_progress {
                (t(lang, "Fremdrift i strategiene som har tiltak: ", "Progress of the strategies that have actions: "))
                (plan::fmt::number(c.percent, 0)) "\u{a0}%."
            }
        }
        @if roll.uncovered().next().is_some() {
            details {
                summary { (t(lang, "Strategier uten tiltak", "Strategies without actions")) " (" (roll.coverage.total - roll.coverage.covered) ")" }
                ul class="plain uncovered" {
                    @for s in roll.uncovered() {
                        li { strong { (s.id) } " " (plan.strategies().find(|st| st.id == s.id).map(|st| st.text.as_str()).unwrap_or("")) }
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
                div class="table-wrap" tabindex="0" {
                    table {
                        caption class="muted" { (t(lang, "Strategier med tiltak og fremdrift", "Strategies with actions and progress")) }
                        thead { tr {
                            th scope="col" { (t(lang, "Strategi", "Strategy")) }
                            th scope="col" { (t(lang, "Tiltak", "Actions")) }
                            th scope="col" { (t(lang, "Fremdrift", "Progress")) }
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
        title,
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
    match lang {
        Lang::Nb => format!("{} av {} strategier har tiltak", c.covered, c.total),
        Lang::En => format!("{} of {} strategies have actions", c.covered, c.total),
    }
}
