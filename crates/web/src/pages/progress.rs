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
               "Fremdriften i hvert tiltak (0–100 %) rulles opp til strategiene, innsatsområdene og hele planen. Strategier uten tiltak teller ikke med, og avlyste tiltak holdes utenfor. ",
               "The progress of each action (0–100 %) is rolled up to the strategies, the focus areas and the whole plan. Strategies without actions are not counted, and cancelled actions are left out. "))
            @if weighted {
                (t(lang, "Her vektet etter tiltakenes vekt. ", "Here weighted by the actions' weights. "))
                a href=(href(lang, "/fremdrift")) { (t(lang, "Vis gjennomsnitt", "Show the plain mean")) }
            } @else {
                (t(lang, "Her som gjennomsnitt. ", "Here as a plain mean. "))
                a href=(href(lang, "/fremdrift?vekt=1")) { (t(lang, "Vis vektet", "Show weighted")) }
            }
        }
        p class="big" { (t(lang, "Hele planen: ", "The whole plan: ")) (progress_bar(roll.progress.map(|p| p.percent), t(lang, "Hele planen", "The whole plan"), lang)) }
        @for (area, ar) in plan.focus_areas.iter().zip(&roll.areas) {
            section class="area" aria-labelledby=(format!("p-{}", area.number)) {
                h2 id=(format!("p-{}", area.number)) {
                    a href=(href(lang, &format!("/innsatsomrader/{}", area.number))) { (area.number) " " (area.title.get(lang)) }
                }
                p { (progress_bar(ar.progress.map(|p| p.percent), &format!("{} {}", area.number, area.title.get(lang)), lang)) }
                div class="table-wrap" {
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
                                    th scope="row" { (s.id) }
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
