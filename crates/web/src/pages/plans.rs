//! `/planer`: the stored plan versions of the municipality the site serves (issue 22 item 5),
//! and the public pages of any of them under `/planer/{key}/…`.
//!
//! A version is identified by its municipality, adoption date and period (`store::plans`); the
//! site serves one version at `/` (the newest when the server started) and every other stored
//! version of the same municipality under `/planer/{key}`: the same public pages and handlers,
//! run with that version's key as the plan ([`crate::version_router`]), with every link they
//! make kept under the prefix ([`layout::in_view`]). So an earlier plan's actions, history,
//! progress, reports and final reports stay readable at stable addresses, and each of its pages
//! says that the period has ended and links to the plan that followed.

use axum::extract::{Path, Query, Request, State};
use axum::response::Response;
use maud::{Markup, html};
use tower::ServiceExt;

use crate::layout::{self, LangQuery, pick, tr, version_href};
use crate::{AppState, WebError};

/// `GET /planer`: every stored plan version of the municipality, oldest first.
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let versions = app::plan_versions::versions(&state.store, &state.plan_code).await?;
    let year = app::as_of::today().year();
    let body = html! {
        h1 { (tr(lang, "layout-plans")) }
        p { (tr(lang, "plans-the-municipality-s-business-plans")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-plans" {
            table {
                caption id="t-plans" { (tr(lang, "plans-stored-plan-versions")) }
                thead { tr {
                    th scope="col" { (tr(lang, "plans-plan")) }
                    th scope="col" { (tr(lang, "plans-period")) }
                    th scope="col" { (tr(lang, "plans-adopted")) }
                    th scope="col" class="num" { (tr(lang, "layout-actions")) }
                    th scope="col" { (tr(lang, "plans-status")) }
                } }
                tbody {
                    @for (i, v) in versions.iter().enumerate() {
                        tr {
                            th scope="row" {
                                a href=(version_href(lang, &v.key, &state.plan_code, "/")) { (pick(lang, &v.title, &v.title_en)) }
                            }
                            td class="nowrap" { (v.period_start) "–" (v.period_end) }
                            td class="nowrap" { (v.adopted) }
                            td class="num" { (v.actions) }
                            td {
                                @if i + 1 == versions.len() { (tr(lang, "plans-current-plan")) }
                                @else { (tr(lang, "plans-earlier-plan")) }
                                @if app::plan_versions::ended(v, year) { (tr(lang, "plans-the-period-has-ended")) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(
        lang,
        &tr(lang, "layout-plans"),
        "/planer",
        body,
    ))
}

/// `GET /planer/{key}`: the front page of a plan version.
pub async fn version_home(
    State(state): State<AppState>,
    Path(key): Path<String>,
    req: Request,
) -> Result<Response, WebError> {
    dispatch(state, key, String::new(), req).await
}

/// `GET /planer/{key}/{*rest}`: a public page of a plan version.
pub async fn version(
    State(state): State<AppState>,
    Path((key, rest)): Path<(String, String)>,
    req: Request,
) -> Result<Response, WebError> {
    dispatch(state, key, rest, req).await
}

/// Runs the public page `/{rest}` of the version `key` (of the served municipality).
async fn dispatch(
    state: AppState,
    key: String,
    rest: String,
    req: Request,
) -> Result<Response, WebError> {
    let versions = app::plan_versions::versions(&state.store, &state.plan_code).await?;
    if !versions.iter().any(|v| v.key == key) {
        return Err(WebError::NotFound(format!(
            "ingen plan med nøkkelen {key} for denne kommunen"
        )));
    }
    let path = match req.uri().query() {
        Some(q) => format!("/{rest}?{q}"),
        None => format!("/{rest}"),
    };
    let uri: axum::http::Uri = path
        .parse()
        .map_err(|_| WebError::BadRequest(format!("ugyldig adresse {path}")))?;
    // A new request with the method, headers and body only: the outer route's path parameters
    // (kept in the request's extensions) must not reach the inner route's.
    let (parts, body) = req.into_parts();
    let mut req = Request::new(body);
    *req.method_mut() = parts.method;
    *req.uri_mut() = uri;
    *req.headers_mut() = parts.headers;
    let served = state.plan_code.clone();
    let mut inner = state;
    inner.plan_code = key.clone();
    // The notices (period ended, successor) are the shown version's, not the served one's.
    inner.demo = std::sync::Arc::new(crate::demo::DemoFlag::default());
    let view = layout::PlanView { key, served };
    let res = layout::with_view(view, crate::version_router(inner).oneshot(req)).await;
    Ok(match res {
        Ok(r) => r,
        Err(never) => match never {},
    })
}

/// A short label of a plan version for links: its title and period.
pub fn label(lang: plan::Lang, v: &store::plans::PlanVersion) -> String {
    format!(
        "{} ({}–{})",
        pick(lang, &v.title, &v.title_en),
        v.period_start,
        v.period_end
    )
}

/// A link to the action `id` of the plan version `key` (whichever version is shown now).
pub fn action_link(lang: plan::Lang, key: &str, served: &str, id: &str) -> String {
    version_href(lang, key, served, &format!("/tiltak/{id}"))
}
