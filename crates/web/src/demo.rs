//! The demonstration notice: while the store holds demo (synthetic) data, every page says so at
//! the top, and how to get real data.
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

tokio::task_local! {
    /// Whether the request being served shows a store holding demo data.
    pub static DEMO: bool;
}

/// Whether the page being rendered should carry the demonstration notice.
pub fn active() -> bool {
    DEMO.try_with(|d| *d).unwrap_or(false)
}

/// The store's answer, kept for [`TTL`].
#[derive(Debug, Default)]
pub struct DemoFlag {
    last: Mutex<Option<(Instant, bool)>>,
}

impl DemoFlag {
    /// Whether the store holds any import marked synthetic (the bundled demo series).
    pub async fn get(&self, store: &store::Store) -> bool {
        if let Some((at, v)) = *self.last.lock().unwrap_or_else(|e| e.into_inner())
            && at.elapsed() < TTL
        {
            return v;
        }
        // A store that cannot answer shows no notice rather than failing the page.
        let v = store
            .imports()
            .await
            .map(|i| i.iter().any(|i| i.synthetic))
            .unwrap_or(false);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), v));
        v
    }
}

/// Runs the handler with [`DEMO`] set from the store.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let demo = state.demo.get(&state.store).await;
    DEMO.scope(demo, next.run(req)).await
}
