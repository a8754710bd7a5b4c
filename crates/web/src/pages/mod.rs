//! Public pages, one module per page group. All read-only: nothing here changes the store.

pub mod actions;
pub mod area;
pub mod districts;
pub mod home;
pub mod indicator;
pub mod key_figures;
pub mod local_registers;
pub mod partners;
pub mod pipeline;
pub mod plans;
pub mod premises;
pub mod progress;
pub mod ranking;
pub mod report;
pub mod sources;

use engine::rollup::{ActionInput, PlanRollup, Weighting};
use plan::{ActionStatus, Plan};
use store::ActionRecord;

use crate::{AppState, WebError};

/// The plan served, from the store.
pub async fn load_plan(state: &AppState) -> Result<Plan, WebError> {
    state
        .store
        .plan(&state.plan_code)
        .await?
        .ok_or_else(|| WebError::internal(format!("no plan {} in the store", state.plan_code)))
}

/// A «Rediger» link from a public page to its staff page (issue 19 item 5), for an editor
/// logged in on the plan the site serves; none for anonymous readers, viewers (who may not
/// edit) and the pages of another plan version (`/planer/{key}/…`, whose staff pages do not
/// exist). A request carrying a session cookie is never answered from the page cache nor
/// stored in it ([`crate::page_cache`]), so the link never reaches anyone else.
pub fn edit_link(
    staff: &crate::auth::MaybeStaff,
    lang: plan::Lang,
    staff_path: &str,
    text_key: &str,
) -> Option<maud::Markup> {
    let editor = staff.0.as_ref().is_some_and(|s| s.user().role.can_edit());
    (editor && crate::layout::viewed_key().is_none()).then(|| {
        maud::html! {
            p class="staff-edit" {
                a href=(crate::layout::href(lang, staff_path)) { (crate::layout::tr(lang, text_key)) }
            }
        }
    })
}

/// The progress roll-up of the stored actions.
pub fn rollup(plan: &Plan, actions: &[ActionRecord], weighting: Weighting) -> PlanRollup {
    let inputs: Vec<ActionInput> = actions
        .iter()
        .map(|a| ActionInput {
            id: a.action.id.clone(),
            strategies: a.action.strategies.clone(),
            progress: f64::from(a.action.progress),
            weight: a.weight,
            cancelled: a.action.status == ActionStatus::Cancelled,
        })
        .collect();
    engine::rollup::rollup(plan, &inputs, weighting)
}

/// A file download: the body with its content type and `attachment; filename="…"` (the name is
/// made by us from plan codes and ids, never taken from the request).
pub fn download(
    mime: &str,
    file_name: &str,
    body: impl Into<axum::body::Body>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}

/// A 404 page.
pub fn not_found(lang: plan::Lang) -> axum::response::Response {
    use crate::layout::tr;
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::NOT_FOUND,
        crate::layout::page(
            lang,
            &tr(lang, "pages-page-not-found"),
            "/",
            maud::html! {
                h1 { (tr(lang, "pages-page-not-found")) }
                p { a href=(crate::layout::href(lang, "/")) { (tr(lang, "pages-to-the-front-page")) } }
            },
        ),
    )
        .into_response()
}
