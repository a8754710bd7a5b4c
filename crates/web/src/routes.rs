//! The route table: every path with the methods it answers, built once and turned both into the
//! axum router and into a plain list ([`list`]), so that tests (and docs) can enumerate the routes
//! from the router itself instead of keeping a hand-written copy.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};

use crate::AppState;

/// One route: its path (axum syntax, `{param}` for captures) and the methods it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    /// The path, e.g. `/intern/tiltak/{id}`.
    pub path: String,
    /// The methods routed (HEAD is implied by GET and not listed).
    pub methods: Vec<Method>,
}

impl RouteInfo {
    /// Whether the route has a method other than GET (a write route).
    pub fn writes(&self) -> bool {
        self.methods.iter().any(|m| m != Method::GET)
    }
}

/// A method router that remembers which methods it holds.
pub(crate) struct Endpoint {
    router: MethodRouter<AppState>,
    methods: Vec<Method>,
}

macro_rules! first_method {
    ($($name:ident => $method:ident),*) => {$(
        pub(crate) fn $name<H, T>(handler: H) -> Endpoint
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            Endpoint { router: routing::$name(handler), methods: vec![Method::$method] }
        }
    )*};
}
first_method!(get => GET, post => POST);

macro_rules! more_methods {
    ($($name:ident => $method:ident),*) => {$(
        pub(crate) fn $name<H, T>(mut self, handler: H) -> Endpoint
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.router = self.router.$name(handler);
            self.methods.push(Method::$method);
            self
        }
    )*};
}

impl Endpoint {
    more_methods!(post => POST, put => PUT, patch => PATCH);

    /// Accepts request bodies up to `bytes` (axum's default is 2 MB); above it, 413.
    pub(crate) fn body_limit(mut self, bytes: usize) -> Endpoint {
        self.router = self
            .router
            .layer(axum::extract::DefaultBodyLimit::max(bytes));
        self
    }
}

/// Routes under construction: the router and the list side by side.
#[derive(Default)]
pub(crate) struct Table {
    router: Router<AppState>,
    list: Vec<RouteInfo>,
}

impl Table {
    pub(crate) fn new() -> Self {
        Table {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    pub(crate) fn route(mut self, path: &str, endpoint: Endpoint) -> Self {
        self.router = self.router.route(path, endpoint.router);
        self.list.push(RouteInfo {
            path: path.to_string(),
            methods: endpoint.methods,
        });
        self
    }

    /// Nests another table under `prefix` (as [`Router::nest`]).
    pub(crate) fn nest(mut self, prefix: &str, inner: Table) -> Self {
        self.router = self.router.nest(prefix, inner.router);
        self.list.extend(inner.list.into_iter().map(|r| RouteInfo {
            path: format!("{prefix}{}", r.path),
            methods: r.methods,
        }));
        self
    }

    pub(crate) fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.list)
    }
}
