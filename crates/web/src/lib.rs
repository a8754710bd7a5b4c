//! The web app: public dashboard pages (server-rendered HTML with maud, usable without
//! JavaScript), staff pages behind a login, and the JSON API.
//!
//! - [`layout`]: the page shell (language switch, header, footer, CSS);
//! - [`pages`]: one module per public page group;
//! - [`staff`]: login and the staff pages (editing actions, users, import/export);
//! - [`api`]: the JSON API under `/api` with its OpenAPI document;
//! - [`auth`]: sessions, CSRF, bearer tokens;
//! - [`error`]: [`WebError`], the one error type of handlers and extractors, mapped to status
//!   codes and answered as a page or, under `/api`, as JSON;
//! - [`guard`]: the extractors staff handlers take ([`guard::Editor`], [`guard::Admin`],
//!   [`guard::Viewer`]): session, CSRF token on writes, role, and the typed form;
//! - [`indicators`]: the one boundary through which pages get indicator values and judgements;
//! - [`charts`]: hand-written inline SVG;
//! - [`page_cache`]: rendered public pages kept for a moment;
//! - [`startup`]: the "preparing data" answer while `serve` fills an empty store in the
//!   background.
//!
//! Everything shown is read from the [`store::Store`]; the web layer holds no state of its own
//! (sessions live in the store) beyond the page cache, whose pages lag a write made through
//! another node by at most its time to live (2 s), so any number of nodes can serve the same
//! store.

// Handlers and guards return a `WebError` (or, in a few places, a ready `Response`) as their
// error: that is axum's idiom, and these values go straight back to the client, so boxing them
// would buy nothing.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod auth;
pub mod charts;
pub mod demo;
pub mod error;
pub mod guard;
pub mod indicators;
pub mod layout;
pub mod maps;
pub mod page_cache;
pub mod pages;
pub mod routes;
pub mod server;
pub mod staff;
pub mod startup;

use std::future::Future;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use store::Store;
use store::users::Throttle;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::WebError;

/// Shared state of the server: the store, which plan it serves, and security settings.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// The key of the plan version served at `/` (`store::plans`: the municipality code for a
    /// municipality's first plan).
    pub plan_code: String,
    /// When cookies get the `Secure` flag.
    pub cookie_security: auth::CookieSecurity,
    /// Whether a reverse proxy sits in front (trust `X-Forwarded-For`'s last hop and
    /// `X-Forwarded-Proto`).
    pub behind_proxy: bool,
    /// How failed logins slow further attempts down.
    pub throttle: Throttle,
    /// Rendered public pages, kept briefly (see [`page_cache`]).
    pub page_cache: std::sync::Arc<page_cache::PageCache>,
    /// Whether the store holds demo data, asked at most every few seconds (see [`demo`]).
    pub demo: std::sync::Arc<demo::DemoFlag>,
    /// The store's login-CSRF secret, once read (see [`auth::login_csrf_pair`]).
    pub login_secret: std::sync::Arc<std::sync::OnceLock<Vec<u8>>>,
    /// Whether the data is ready or still being prepared (see [`startup`]); ready unless set
    /// with [`AppState::with_startup`].
    pub startup: std::sync::Arc<startup::Startup>,
}

impl AppState {
    /// The municipality code of the plan served: the key of its registers, status overrides
    /// and staff accounts, which all plan versions of a municipality share.
    pub fn municipality(&self) -> &str {
        store::plans::municipality_of(&self.plan_code)
    }

    /// State for serving one municipality's plan: `Secure` cookies always, no proxy, the
    /// default login throttle.
    pub fn new(store: Store, plan_code: String) -> Self {
        AppState {
            store,
            plan_code,
            cookie_security: auth::CookieSecurity::Always,
            behind_proxy: false,
            throttle: Throttle::default(),
            page_cache: std::sync::Arc::new(page_cache::PageCache::new(page_cache::DEFAULT_TTL)),
            demo: std::sync::Arc::new(demo::DemoFlag::default()),
            login_secret: Default::default(),
            startup: startup::Startup::ready(),
        }
    }

    /// Serves the preparing page until `startup` says the data is ready (see [`startup`]): for
    /// a server that listens before it has filled its store.
    pub fn with_startup(mut self, startup: std::sync::Arc<startup::Startup>) -> Self {
        self.startup = startup;
        self
    }

    /// Sets how long a rendered public page may be served from the cache (`Duration::ZERO`:
    /// no cache). See [`page_cache`].
    pub fn with_page_cache_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.page_cache = std::sync::Arc::new(page_cache::PageCache::new(ttl));
        self
    }

    /// Sets when cookies get the `Secure` flag.
    pub fn with_cookie_security(mut self, c: auth::CookieSecurity) -> Self {
        self.cookie_security = c;
        self
    }

    /// Declares a reverse proxy in front of the server.
    pub fn with_proxy(mut self, behind_proxy: bool) -> Self {
        self.behind_proxy = behind_proxy;
        self
    }

    /// Sets the login throttle.
    pub fn with_throttle(mut self, throttle: Throttle) -> Self {
        self.throttle = throttle;
        self
    }
}

/// Every route with its methods, from the same table the router is built from.
pub fn route_list() -> Vec<routes::RouteInfo> {
    route_table().into_parts().1
}

/// The public pages of a plan: served at `/` for the site's plan and under `/planer/{key}` for
/// any other stored version of its municipality ([`pages::plans`]).
fn public_routes(table: routes::Table) -> routes::Table {
    use routes::get;
    table
        .route("/", get(pages::home::page))
        .route("/indikatorer/{id}", get(pages::indicator::page))
        .route("/indikatorer/{id}/data", get(pages::indicator::data))
        .route("/innsatsomrader/{number}", get(pages::area::page))
        .route("/nokkeltall", get(pages::key_figures::page))
        .route("/nokkeltall/data", get(pages::key_figures::data))
        .route("/tiltak", get(pages::actions::list))
        .route("/tiltak/{id}", get(pages::actions::detail))
        .route("/forutsetninger", get(pages::premises::page))
        .route("/fremdrift", get(pages::progress::page))
        .route("/rangering", get(pages::ranking::page))
        .route("/rangering/data", get(pages::ranking::data))
        .route("/rapport", get(pages::report::page))
        .route("/naeringsarealer", get(pages::local_registers::land))
        .route(
            "/naeringsarealer/data",
            get(pages::local_registers::land_data),
        )
        .route("/anskaffelser", get(pages::local_registers::procurement))
        .route(
            "/anskaffelser/data",
            get(pages::local_registers::procurement_data),
        )
        .route("/bedriftsbesok", get(pages::local_registers::visits))
        .route(
            "/bedriftsbesok/data",
            get(pages::local_registers::visits_data),
        )
        .route("/investeringer", get(pages::pipeline::page))
        .route("/investeringer/data", get(pages::pipeline::data))
        .route("/partnere", get(pages::partners::page))
        .route("/kilder", get(pages::sources::page))
}

fn route_table() -> routes::Table {
    use routes::{get, post};
    public_routes(routes::Table::new())
        .route("/planer", get(pages::plans::list))
        .route("/planer/{key}", get(pages::plans::version_home))
        .route("/planer/{key}/{*rest}", get(pages::plans::version))
        .route(
            "/logg-inn",
            get(staff::login::form).post(staff::login::submit),
        )
        .route("/logg-ut", post(staff::login::logout))
        .route("/intern", get(staff::home::page))
        .route(
            "/intern/tiltak/ny",
            get(staff::actions::new_form).post(staff::actions::create),
        )
        .route(
            "/intern/tiltak/{id}",
            get(staff::actions::edit_form).post(staff::actions::update),
        )
        .route(
            "/intern/tiltak/{id}/status",
            post(staff::actions::update_status),
        )
        .route(
            "/intern/indikatorer/{id}",
            get(staff::indicators::form).post(staff::indicators::submit),
        )
        .route(
            "/intern/brukere",
            get(staff::users::list).post(staff::users::add),
        )
        .route("/intern/brukere/{name}", post(staff::users::change))
        .route(
            "/intern/import",
            get(staff::bulk::form)
                .post(staff::bulk::upload)
                // The file limit plus room for the form's other fields; above it, 413.
                .body_limit(staff::bulk::MAX_UPLOAD + 64 * 1024),
        )
        .route(
            "/intern/import/bekreft",
            post(staff::bulk::confirm)
                // The file carried back as hex (twice its size) and the form's other fields.
                .body_limit(2 * staff::bulk::MAX_UPLOAD + 64 * 1024),
        )
        .route("/intern/eksport", get(staff::bulk::export))
        .route("/intern/planer", get(staff::plans::page))
        .route(
            "/intern/planer/{key}/videreforing",
            post(staff::plans::carry_over),
        )
        .route("/intern/rapport", get(staff::report::page))
        .route("/intern/rapport/vurdering", post(staff::report::save))
        .route("/intern/rapport/endelig", post(staff::report::finalise))
        .route("/intern/rapport/forhandsvis", get(staff::report::preview))
        .route(
            "/intern/bedriftsbesok",
            get(staff::visits::page).post(staff::visits::add),
        )
        .route(
            "/intern/bedriftsbesok/slett-gamle",
            post(staff::visits::purge),
        )
        .route("/intern/bedriftsbesok/{id}", get(staff::visits::detail))
        .route(
            "/intern/bedriftsbesok/{id}/slett",
            post(staff::visits::delete),
        )
        .route(
            "/intern/investeringer",
            get(staff::pipeline::page).post(staff::pipeline::add),
        )
        .route(
            "/intern/investeringer/slett-gamle",
            post(staff::pipeline::purge),
        )
        .route("/intern/investeringer/{id}", get(staff::pipeline::detail))
        .route(
            "/intern/investeringer/{id}/fase",
            post(staff::pipeline::set_stage),
        )
        .route(
            "/intern/partnere",
            get(staff::partners::page).post(staff::partners::add),
        )
        .route(
            "/intern/partnere/{id}",
            get(staff::partners::edit).post(staff::partners::update),
        )
        .nest("/api", api::routes())
        .route("/health", get(|| async { "ok" }))
        .route("/static/style.css", get(layout::stylesheet))
}

/// The public pages of another plan version than the one `state` serves (see
/// [`pages::plans`]): the same handlers with the version's key as the plan, its own error
/// pages and notices; the outer router's headers and page cache wrap the answer.
pub(crate) fn version_router(state: AppState) -> Router {
    public_routes(routes::Table::new())
        .into_parts()
        .0
        .fallback(not_found)
        .layer(axum::middleware::from_fn(error::layer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            demo::layer,
        ))
        .with_state(state)
}

/// The router with every route and the security headers.
pub fn router(state: AppState) -> Router {
    route_table()
        .into_parts()
        .0
        .fallback(not_found)
        // Innermost, so the error pages get the demonstration notice and the headers below.
        .layer(axum::middleware::from_fn(error::layer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            demo::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::layer,
        ))
        // Outside the page cache and the demonstration notice (neither applies while the data
        // is being prepared), inside the security headers.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            startup::layer,
        ))
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
        .layer(axum::middleware::from_fn_with_state(state.clone(), hsts))
        .with_state(state)
}

/// `Strict-Transport-Security` on every answer whose cookies get `Secure` (served over https, or
/// behind a TLS proxy): browsers then refuse plain http for this host for a year.
async fn hsts(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let secure = state.secure_cookies(req.headers());
    let mut res = next.run(req).await;
    if secure {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Serves until `shutdown` completes, with the default [`server::ServerLimits`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_limits(listener, state, server::ServerLimits::default(), shutdown).await
}

/// Serves until `shutdown` completes, within `limits` (timeouts and the connection cap).
pub async fn serve_with_limits(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: server::ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    server::serve_router(listener, router(state), limits, shutdown).await
}

async fn not_found(uri: axum::http::Uri) -> WebError {
    WebError::NotFound(format!("no route {}", uri.path()))
}
