//! The premises outside the plan (5.9, *forutsetninger*): each premise's text and its important
//! tasks (*viktige næringsfaglige arbeidsoppgaver*), each task by its id (`5.9.2-o1`) with the
//! actions that serve it (issue 20 item 2) — a task no action serves says so.

use axum::extract::{Query, State};
use maud::{Markup, html};
use plan::Lang;
use store::ActionRecord;

use crate::layout::{self, LangQuery, href, tr};
use crate::{AppState, WebError};

/// The actions serving task `id`.
pub fn serving<'a>(actions: &'a [ActionRecord], id: &str) -> Vec<&'a ActionRecord> {
    actions
        .iter()
        .filter(|a| a.action.tasks.iter().any(|t| t == id))
        .collect()
}

/// `GET /forutsetninger`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let actions = state.store.actions(&state.plan_code).await?;
    let today = app::as_of::today();
    let title = tr(lang, "premises-title");
    let body = html! {
        h1 { (title) }
        p { (tr(lang, "premises-intro")) }
        @for p in &plan.premises {
            section aria-labelledby=(format!("p-{}", p.number)) {
                h2 id=(format!("p-{}", p.number)) { (p.number) " " (p.title.get(lang)) }
                p lang=[layout::lang_attr(lang, Lang::Nb)] { (p.description) }
                @let cap = format!("t-{}", p.number);
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(cap) {
                    table {
                        caption id=(cap) { (i18n::Message::new("premises-tasks-caption").arg("number", &p.number).text(lang)) }
                        thead { tr {
                            th scope="col" { "Id" }
                            th scope="col" { (tr(lang, "premises-task")) }
                            th scope="col" { (tr(lang, "premises-actions")) }
                        } }
                        tbody {
                            @for t in &p.tasks {
                                tr id=(t.id) {
                                    td class="nowrap" { (t.id) }
                                    td lang=[layout::lang_attr(lang, Lang::Nb)] { (t.text) }
                                    td {
                                        @let served = serving(&actions, &t.id);
                                        @if served.is_empty() {
                                            span class="muted" { (tr(lang, "premises-no-action")) }
                                        } @else {
                                            ul class="plain" {
                                                @for a in served {
                                                    li { a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) } " " (a.action.title) " – "
                                                        (super::actions::status_badge(a.action.status, app::as_of::is_late(&a.action, today), lang)) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(lang, &title, "/forutsetninger", body))
}
