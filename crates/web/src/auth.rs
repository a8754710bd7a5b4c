//! Who is asking: session cookies for staff pages, bearer tokens for the API, CSRF checks.
//!
//! Why a module of its own: every staff route and every API write goes through these few
//! functions, so the security rules live in one place.
//!
//! - The session cookie holds a random 256-bit id; the store keeps its digest (stateless nodes).
//!   It is `HttpOnly; SameSite=Strict; Path=/`, and `Secure` unless turned off (see
//!   [`CookieSecurity`]). Secure cookies carry the `__Host-` prefix (`__Host-np_session`): the
//!   browser then accepts them only from this host over https with `Path=/` and no `Domain`, so
//!   a neighbouring subdomain cannot plant or overwrite them. On plain http (a local
//!   `http://localhost` install) browsers refuse `__Host-` cookies, so the plain names are used
//!   there ([`session_cookie_name`]).
//! - Every form of a logged-in user carries the session's synchroniser token; the guards of
//!   [`crate::guard`] (and [`check_csrf`], for the logout form) compare it in constant time.
//!   The login form, before there is a session, pairs a short-lived `SameSite=Strict` cookie
//!   holding a random nonce with a form token that is the HMAC of that nonce under a server
//!   secret kept in the store ([`login_csrf_pair`]): a pair not issued by this server (any cookie
//!   and token an attacker makes up) is refused, and a pair expires after an hour.
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

/// Name of the session cookie on plain http (see [`session_cookie_name`]).
pub const SESSION_COOKIE: &str = "np_session";
/// Name of the login form's CSRF cookie on plain http (see [`login_csrf_cookie_name`]).
pub const LOGIN_CSRF_COOKIE: &str = "np_login_csrf";
/// Name of the session cookie when cookies are secure.
pub const SESSION_COOKIE_HOST: &str = "__Host-np_session";
/// Name of the login form's CSRF cookie when cookies are secure.
pub const LOGIN_CSRF_COOKIE_HOST: &str = "__Host-np_login_csrf";
/// How long a login form's CSRF pair is accepted, in seconds.
pub const LOGIN_CSRF_TTL_SECS: i64 = 3600;

/// The session cookie's name: `__Host-np_session` when cookies are secure, else `np_session`
/// (browsers refuse `__Host-` cookies without `Secure`, so plain http keeps the plain name; a
/// secure request never reads the plain one, which a subdomain could have planted).
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SESSION_COOKIE_HOST
    } else {
        SESSION_COOKIE
    }
}

/// The login CSRF cookie's name and path: `__Host-np_login_csrf` on `/` when cookies are secure
/// (`__Host-` requires `Path=/`), else `np_login_csrf` scoped to `/logg-inn`.
pub fn login_csrf_cookie_name(secure: bool) -> (&'static str, &'static str) {
    if secure {
        (LOGIN_CSRF_COOKIE_HOST, "/")
    } else {
        (LOGIN_CSRF_COOKIE, "/logg-inn")
    }
}

async fn login_secret(state: &AppState) -> Result<Vec<u8>, store::StoreError> {
    if let Some(s) = state.login_secret.get() {
        return Ok(s.clone());
    }
    let s = state.store.server_secret("login-csrf").await?.into_bytes();
    let _ = state.login_secret.set(s.clone());
    Ok(s)
}

fn login_csrf_token(secret: &[u8], nonce: &str) -> String {
    store::users::hmac_sha256(secret, format!("login-csrf|{nonce}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fresh login-form CSRF pair: (cookie value, form token). The cookie holds
/// `<unix time>.<random>`; the form token is its HMAC-SHA-256 under the store's `login-csrf`
/// server secret, so only this server (any node on the same store) can make a matching pair.
pub async fn login_csrf_pair(state: &AppState) -> Result<(String, String), store::StoreError> {
    let secret = login_secret(state).await?;
    let nonce = format!(
        "{}.{}",
        time::OffsetDateTime::now_utc().unix_timestamp(),
        store::users::random_token()?
    );
    let token = login_csrf_token(&secret, &nonce);
    Ok((nonce, token))
}

/// Whether a login form's token and cookie are a pair this server issued within the last hour.
pub async fn login_csrf_ok(
    state: &AppState,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Result<bool, store::StoreError> {
    let (Some(cookie), Some(form)) = (cookie, form) else {
        return Ok(false);
    };
    let Some(issued) = cookie
        .split_once('.')
        .and_then(|(t, _)| t.parse::<i64>().ok())
    else {
        return Ok(false);
    };
    let age = time::OffsetDateTime::now_utc().unix_timestamp() - issued;
    if !(-60..=LOGIN_CSRF_TTL_SECS).contains(&age) {
        return Ok(false);
    }
    let secret = login_secret(state).await?;
    Ok(constant_time_eq(form, &login_csrf_token(&secret, cookie)))
}

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
    let name = session_cookie_name(state.secure_cookies(&parts.headers));
    let Some(token) = cookie(&parts.headers, name) else {
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
