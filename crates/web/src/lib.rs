//! The web app: public dashboard pages (server-rendered HTML with maud, usable without
//! JavaScript), and later staff pages and the JSON API.
//!
//! - [`layout`]: the page shell (language switch, header, footer, CSS);
//! - [`pages`]: one module per public page group.
//!
//! Everything shown is read from the [`store::Store`]; the web layer holds no state of its own.

pub mod layout;
pub mod pages;

use std::future::Future;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use store::Store;
use tower_http::set_header::SetResponseHeaderLayer;

/// Shared state of the server: the store and which plan it serves.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// Municipality code of the plan served.
    pub plan_code: String,
}

impl AppState {
    /// State for serving one municipality's plan.
    pub fn new(store: Store, plan_code: String) -> Self {
        AppState { store, plan_code }
    }
}

/// The router with every route and the security headers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home::page))
        .route("/health", get(|| async { "ok" }))
        .route("/static/style.css", get(layout::stylesheet))
        .fallback(not_found)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .with_state(state)
}

/// Serves until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        layout::page(
            plan::Lang::Nb,
            "Fant ikke siden",
            "/",
            maud::html! { h1 { "Fant ikke siden" } p { a href="/" { "Til forsiden" } } },
        ),
    )
        .into_response()
}

/// An error shown to the user as a page; details go to the log, not to the browser.
pub struct AppError(pub String);

impl<E: std::fmt::Display> From<E> for AppError {
    fn from(e: E) -> Self {
        AppError(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        tracing::error!("request failed: {}", self.0);
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            layout::page(
                plan::Lang::Nb,
                "Noe gikk galt",
                "/",
                maud::html! { h1 { "Noe gikk galt" } p { "Feilen er logget. Prøv igjen senere." } },
            ),
        )
            .into_response()
    }
}
