//! The demonstration notice and the "last updated" line: while the store holds demo
//! (synthetic) data, every page says so at the top, and how to get real data; and every page's
//! footer says when the data behind it last changed (the newest statistics import or action
//! edit).
//!
//! Why a middleware and a task-local: the notice belongs in the page shell
//! ([`crate::layout::page`]), which every page calls without the state; the middleware asks the
//! store (at most every [`TTL`]) and runs the handler inside [`DEMO`]'s scope, so the shell can
//! read it without threading a flag through every handler.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// How long an answer from the store is reused.
pub const TTL: Duration = Duration::from_secs(5);

/// What the page shell shows about the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreState {
    /// The store holds demo (synthetic) data.
    pub demo: bool,
    /// The newest statistics import or action edit (RFC 3339, UTC), if any.
    pub updated: Option<String>,
    /// The plan's period (first and last year), if a plan is stored.
    pub period: Option<(i32, i32)>,
    /// The key of the plan version shown.
    pub plan_key: String,
    /// The version after it, if one is stored (`store::plans`).
    pub successor: Option<store::plans::PlanVersion>,
    /// The written standard (*målform*) the plan names: the language of a page whose reader
    /// chose none.
    pub language: plan::Lang,
}

tokio::task_local! {
    /// What the request being served shows about the store.
    pub static DEMO: StoreState;
}

/// Whether the page being rendered should carry the demonstration notice.
pub fn active() -> bool {
    DEMO.try_with(|d| d.demo).unwrap_or(false)
}

/// The plan's period, when it has ended (today is after its last year): every page says so.
pub fn ended_period() -> Option<(i32, i32)> {
    let period = DEMO.try_with(|d| d.period).ok().flatten()?;
    (app::as_of::today().year() > period.1).then_some(period)
}

/// The plan version stored after the one shown, if any: every page points to it.
pub fn successor() -> Option<store::plans::PlanVersion> {
    DEMO.try_with(|d| d.successor.clone()).ok().flatten()
}

/// The key of the plan version the site serves at `/`.
pub fn served() -> String {
    crate::layout::served_key()
        .or_else(|| DEMO.try_with(|d| d.plan_key.clone()).ok())
        .unwrap_or_default()
}

/// When the data behind the page last changed, if known.
pub fn updated() -> Option<String> {
    DEMO.try_with(|d| d.updated.clone()).ok().flatten()
}

/// The store's answer, kept for [`TTL`].
#[derive(Debug, Default)]
pub struct DemoFlag {
    last: Mutex<Option<(Instant, StoreState)>>,
}

impl DemoFlag {
    /// Whether the store holds any import marked synthetic (the bundled demo series), and its
    /// newest import or edit of `plan_code`'s actions.
    pub async fn get(&self, store: &store::Store, plan_code: &str) -> StoreState {
        if let Some((at, v)) = &*self.last.lock().unwrap_or_else(|e| e.into_inner())
            && at.elapsed() < TTL
        {
            return v.clone();
        }
        // A store that cannot answer shows no notice rather than failing the page.
        let imports = store.imports().await.unwrap_or_default();
        let edit = store
            .recent_history(plan_code, 1)
            .await
            .ok()
            .and_then(|h| h.into_iter().next())
            .map(|h| h.at);
        let versions = store
            .plan_versions(store::plans::municipality_of(plan_code))
            .await
            .unwrap_or_default();
        let period = versions
            .iter()
            .find(|v| v.key == plan_code)
            .map(|v| (v.period_start, v.period_end));
        let successor = app::plan_versions::successor(&versions, plan_code).cloned();
        let language = store
            .plan(plan_code)
            .await
            .ok()
            .flatten()
            .map(|p| p.meta.language)
            .unwrap_or_default();
        let v = StoreState {
            language,
            period,
            plan_key: plan_code.to_string(),
            successor,
            demo: imports.iter().any(|i| i.synthetic),
            updated: imports.into_iter().map(|i| i.imported_at).chain(edit).max(),
        };
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), v.clone()));
        v
    }
}

/// Runs the handler with [`DEMO`] set from the store.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let demo = state.demo.get(&state.store, &state.plan_code).await;
    DEMO.scope(demo, next.run(req)).await
}
