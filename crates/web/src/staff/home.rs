//! The staff start page: every action with a link to edit it, and the latest changes.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::respond;
use crate::auth::Staff;
use crate::layout::{LangQuery, href, t};
use crate::pages::actions::history_table;
use crate::{AppState, WebError};

/// `GET /intern`
pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let actions = state.store.actions(&state.plan_code).await?;
    let recent = state.store.recent_history(&state.plan_code, 15).await?;
    let editor = staff.user().role.can_edit();
    let title = t(lang, "Internsider", "Staff pages");
    let body = html! {
        h1 { (title) }
        @if editor {
            p { a class="button" href=(href(lang, "/intern/tiltak/ny")) { (t(lang, "Nytt tiltak", "New action")) } }
        } @else {
            p { (t(lang, "Du har lesetilgang og kan ikke endre tiltak.", "You have read-only access and cannot change actions.")) }
        }
        div class="table-wrap" {
            table {
                caption { (t(lang, "Tiltak", "Actions")) }
                thead { tr {
                    th scope="col" { "Id" }
                    th scope="col" { (t(lang, "Tiltak", "Action")) }
                    th scope="col" { "Status" }
                    th scope="col" class="num" { (t(lang, "Fremdrift", "Progress")) }
                    th scope="col" class="num" { (t(lang, "Versjon", "Version")) }
                    th scope="col" { (t(lang, "Sist endret", "Last changed")) }
                } }
                tbody {
                    @for a in &actions {
                        tr {
                            td {
                                @if editor {
                                    a href=(href(lang, &format!("/intern/tiltak/{}", a.action.id))) aria-label=(format!("{} {}", t(lang, "Rediger", "Edit"), a.action.id)) { (a.action.id) }
                                } @else {
                                    a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) }
                                }
                            }
                            td { (a.action.title) }
                            td { (a.action.status.label(lang)) }
                            td class="num" { (a.action.progress) "\u{a0}%" }
                            td class="num" { (a.version) }
                            td { (a.updated_at.replace('T', " ").trim_end_matches('Z')) " " (a.updated_by) }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "Siste endringer", "Latest changes")) }
        (history_table(&recent, lang, t(lang, "De siste endringene i alle tiltak.", "The latest changes to all actions."), true))
    };
    Ok(respond(
        StatusCode::OK,
        super::page(lang, title, "/intern", &staff, body),
    ))
}
