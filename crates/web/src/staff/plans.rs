//! `/intern/planer`: the actions of the municipality's earlier plan versions, and carrying one
//! over to the plan the site serves (editors; issue 22 item 5). The new action keeps a link to
//! the old one, whose history stays readable on both action pages.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde::Deserialize;

use super::{hidden, respond};
use crate::auth::Staff;
use crate::guard::Editor;
use crate::layout::{LangQuery, href, tr};
use crate::pages::plans::{action_link, label};
use crate::{AppState, WebError};

/// The carry-over form of one action.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CarryForm {
    /// The action's id in the earlier plan.
    pub tiltak: String,
    /// The new action's id (empty: the same id).
    pub ny_id: String,
}

/// `GET /intern/planer`
pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let versions = app::plan_versions::versions(&state.store, &state.plan_code).await?;
    let editor = staff.user().role.can_edit();
    let served = versions.iter().find(|v| v.key == state.plan_code);
    let earlier: Vec<_> = versions
        .iter()
        .take_while(|v| v.key != state.plan_code)
        .collect();
    let mut lists = Vec::new();
    for v in &earlier {
        lists.push((
            *v,
            app::plan_versions::actions_with_carry_overs(&state.store, &v.key).await?,
        ));
    }
    let title = tr(lang, "staff-earlier-plans");
    let body = html! {
        h1 { (title) }
        p {
            (tr(lang, "staff-plans-an-action-of-an-earlier"))
            @if let Some(s) = served { " (" (label(lang, s)) ")" }
            (tr(lang, "staff-plans-it-becomes-a-new-action"))
        }
        @if lists.is_empty() {
            p { (tr(lang, "staff-plans-there-is-no-earlier-plan")) }
        }
        @for (v, actions) in &lists {
            section aria-labelledby=(format!("plan-{}", v.key)) {
                h2 id=(format!("plan-{}", v.key)) { (label(lang, v)) }
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-plan-{}", v.key)) {
                    table {
                        caption id=(format!("t-plan-{}", v.key)) { (tr(lang, "staff-plans-the-plan-s-actions-and")) }
                        thead { tr {
                            th scope="col" { (tr(lang, "actions-action")) }
                            th scope="col" { "Status" }
                            th scope="col" class="num" { (tr(lang, "layout-progress")) }
                            th scope="col" { (tr(lang, "staff-plans-carry-over")) }
                        } }
                        tbody {
                            @for (a, carried) in actions {
                                tr {
                                    th scope="row" {
                                        a href=(action_link(lang, &v.key, &state.plan_code, &a.action.id)) { (a.action.id) }
                                        " " (a.action.title)
                                    }
                                    td { (a.action.status.label(lang)) }
                                    td class="num" { (a.action.progress) " %" }
                                    td {
                                        @if let Some(c) = carried {
                                            (tr(lang, "staff-plans-carried-over-as"))
                                            a href=(action_link(lang, &c.to_plan, &state.plan_code, &c.to_action)) { (c.to_action) }
                                        } @else if editor {
                                            @let field = format!("ny-id-{}-{}", v.key, a.action.id);
                                            form method="post" class="inline" action=(href(lang, &format!("/intern/planer/{}/videreforing", v.key))) {
                                                (hidden(&staff, lang))
                                                input type="hidden" name="tiltak" value=(a.action.id);
                                                label for=(field) { (tr(lang, "staff-plans-id-in-the-new-plan")) }
                                                " "
                                                input type="text" id=(field) name="ny_id" value=(a.action.id) size="8";
                                                " "
                                                button type="submit" { (tr(lang, "staff-plans-carry-over-2")) (a.action.id) }
                                            }
                                        } @else {
                                            (tr(lang, "staff-plans-not-carried-over"))
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
    Ok(respond(
        StatusCode::OK,
        super::page(lang, &title, "/intern/planer", &staff, body),
    ))
}

/// `POST /intern/planer/{key}/videreforing` (editors): carries the action `tiltak` of the plan
/// `key` over to the plan served, then shows the new action's edit form.
pub async fn carry_over(
    State(state): State<AppState>,
    Path(key): Path<String>,
    g: Editor<CarryForm>,
) -> Result<Response, WebError> {
    let versions = app::plan_versions::versions(&state.store, &state.plan_code).await?;
    if !versions.iter().any(|v| v.key == key) {
        return Err(WebError::NotFound(format!(
            "ingen plan med nøkkelen {key} for denne kommunen"
        )));
    }
    let req = app::plan_versions::CarryRequest {
        from_plan: &key,
        action_id: g.form.tiltak.trim(),
        to_plan: Some(&state.plan_code),
        new_id: Some(&g.form.ny_id),
        actor: &g.staff.user().name,
    };
    let rec = app::plan_versions::carry_over(&state.store, &req).await?;
    Ok(super::saved_redirect(
        g.lang,
        &format!("/intern/tiltak/{}", rec.action.id),
        None,
    ))
}
