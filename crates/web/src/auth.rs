//! Who is asking: session cookies for staff pages, bearer tokens for the API, CSRF checks.
//!
//! Why a module of its own: every staff route and every API write goes through these few
//! functions, so the security rules live in one place.
//!
//! - The session cookie holds a random 256-bit id; the store keeps its digest (stateless nodes).
//!   It is `HttpOnly; SameSite=Strict; Path=/`, and `Secure` unless turned off (see
//!   [`CookieSecurity`]).
//! - Every form of a logged-in user carries the session's synchroniser token; the guards of
//!   [`crate::guard`] (and [`check_csrf`], for the logout form) compare it in constant time.
//!   The login form, before there is a session, uses a double-submit token: a random value in a
//!   short-lived `SameSite=Strict` cookie and in the form.
//! - The API never reads cookies: writes need `Authorization: Bearer <token>`, so CSRF cannot
//!   reach it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use store::users::{Session, User, constant_time_eq};

use crate::AppState;
use crate::error::WebError;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "np_session";
/// Name of the login form's double-submit CSRF cookie.
pub const LOGIN_CSRF_COOKIE: &str = "np_login_csrf";

/// When cookies get the `Secure` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieSecurity {
    /// Always (served over https, directly or behind a TLS-terminating proxy).
    Always,
    /// Never (plain http on a trusted network; not for production).
    Never,
    /// Secure unless the server listens on a loopback address over plain http; a request that
    /// arrived through a proxy with `X-Forwarded-Proto: https` always gets it.
    Auto {
        /// Whether the server listens on a loopback address.
        loopback: bool,
    },
}

impl AppState {
    /// Whether cookies set in answer to a request with these headers get `Secure`.
    pub fn secure_cookies(&self, headers: &HeaderMap) -> bool {
        match self.cookie_security {
            CookieSecurity::Always => true,
            CookieSecurity::Never => false,
            CookieSecurity::Auto { loopback } => {
                let forwarded_https = headers
                    .get("x-forwarded-proto")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.eq_ignore_ascii_case("https"));
                forwarded_https || !loopback || self.behind_proxy
            }
        }
    }
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

/// A `Set-Cookie` value with the project's flags. `max_age` 0 deletes the cookie.
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let v = format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    );
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// The client's address for login throttling: the TCP peer, or — only when the server is
/// configured to sit behind a proxy — the last address in `X-Forwarded-For` (the one the proxy
/// added; earlier entries are the client's to forge).
pub fn client_ip(state: &AppState, parts: &Parts) -> String {
    if state.behind_proxy
        && let Some(last) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
    {
        return last.trim().to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The logged-in user, if any (an extractor that never fails).
pub struct MaybeStaff(pub Option<Staff>);

/// A logged-in staff member with their session. As an extractor, an anonymous request is
/// redirected to the login page (303).
#[derive(Clone)]
pub struct Staff {
    /// The session (user and CSRF token).
    pub session: Session,
}

impl Staff {
    /// The user.
    pub fn user(&self) -> &User {
        &self.session.user
    }

    /// The CSRF token forms must carry.
    pub fn csrf(&self) -> &str {
        &self.session.csrf
    }
}

async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<Staff>, WebError> {
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    match state.store.session(&token).await {
        // An account of another municipality's plan is nobody here (several plans may share
        // one database).
        Ok(s) => Ok(s
            .filter(|s| s.user.may_work_on(&state.plan_code))
            .map(|session| Staff { session })),
        Err(e) => Err(e.into()),
    }
}

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        Ok(MaybeStaff(session_of(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        match session_of(parts, state).await? {
            Some(s) => Ok(s),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/intern");
                let next = if parts.method == axum::http::Method::GET {
                    next
                } else {
                    "/intern"
                };
                Err(WebError::Unauthorized {
                    login_next: next.to_string(),
                })
            }
        }
    }
}

/// Refuses (403) a form whose CSRF token is missing or not the session's.
pub fn check_csrf(
    staff: &Staff,
    submitted: Option<&str>,
    lang: plan::Lang,
) -> Result<(), Response> {
    match submitted {
        Some(s) if constant_time_eq(s, staff.csrf()) => Ok(()),
        _ => Err(csrf_refused(lang)),
    }
}

/// The 403 answer to a form without a valid CSRF token.
pub fn csrf_refused(lang: plan::Lang) -> Response {
    crate::error::forbidden_page(lang, &crate::guard::csrf_refusal())
}

/// The user behind an API request's bearer token. Cookies are ignored here on purpose.
pub async fn bearer_user(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<User>, store::StoreError> {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
    else {
        return Ok(None);
    };
    Ok(state
        .store
        .user_by_api_token(token.trim())
        .await?
        .filter(|u| u.may_work_on(&state.plan_code)))
}
