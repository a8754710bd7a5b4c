//! The staff start page: every action with a link to edit it, and the latest changes.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::respond;
use crate::auth::Staff;
use crate::layout::{LangQuery, href, tr};
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
    let title = tr(lang, "staff-home-staff-pages");
    let body = html! {
        h1 { (title) }
        @if editor {
            p { a class="button" href=(href(lang, "/intern/tiltak/ny")) { (tr(lang, "staff-actions-new-action")) } }
        } @else {
            p { (tr(lang, "staff-home-you-have-read-only-access")) }
        }
        @let today = app::as_of::today();
        @let overdue: Vec<_> = actions.iter().filter(|a| app::as_of::is_late(&a.action, today)).collect();
        @let due: Vec<_> = actions.iter().filter(|a| app::as_of::is_due_within(&a.action, today, 30)).collect();
        section aria-labelledby="frister" {
            h2 id="frister" { (tr(lang, "staff-home-deadlines")) }
            @if overdue.is_empty() && due.is_empty() {
                p { (tr(lang, "staff-home-no-action-is-overdue-or")) }
            }
            @if !overdue.is_empty() {
                h3 { (tr(lang, "staff-home-overdue")) " (" (overdue.len()) ")" }
                ul class="plain" {
                    @for a in &overdue {
                        li { a href=(href(lang, &format!("{}/tiltak/{}", if editor { "/intern" } else { "" }, a.action.id))) { (a.action.id) } " " (a.action.title) " – "
                            (tr(lang, "staff-home-end-date")) (a.action.end.map(|e| e.to_string()).unwrap_or_else(|| "–".into())) ", " (a.action.status.label(lang)) }
                    }
                }
            }
            @if !due.is_empty() {
                h3 { (tr(lang, "staff-home-due-within-30-days")) " (" (due.len()) ")" }
                ul class="plain" {
                    @for a in &due {
                        li { a href=(href(lang, &format!("{}/tiltak/{}", if editor { "/intern" } else { "" }, a.action.id))) { (a.action.id) } " " (a.action.title) " – "
                            (tr(lang, "staff-home-end-date")) (a.action.end.map(|e| e.to_string()).unwrap_or_default()) }
                    }
                }
            }
        }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-actions" {
            table {
                caption id="t-actions" { (tr(lang, "layout-actions")) }
                thead { tr {
                    th scope="col" { "Id" }
                    th scope="col" { (tr(lang, "actions-action")) }
                    th scope="col" { "Status" }
                    th scope="col" class="num" { (tr(lang, "layout-progress")) }
                    th scope="col" class="num" { (tr(lang, "actions-version")) }
                    th scope="col" { (tr(lang, "actions-last-changed")) }
                } }
                tbody {
                    @for a in &actions {
                        tr {
                            td {
                                @if editor {
                                    a href=(href(lang, &format!("/intern/tiltak/{}", a.action.id))) aria-label=(format!("{} {}", tr(lang, "staff-home-edit"), a.action.id)) { (a.action.id) }
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
        h2 { (tr(lang, "staff-home-latest-changes")) }
        (history_table(&recent, lang, &tr(lang, "staff-home-the-latest-changes-to-all"), "t-recent", true))
    };
    Ok(respond(
        StatusCode::OK,
        super::page(lang, &title, "/intern", &staff, body),
    ))
}
