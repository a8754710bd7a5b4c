//! Logging in and out.
//!
//! The login form has no session yet, so its CSRF protection is a pair: a nonce in a
//! short-lived `HttpOnly; SameSite=Strict` cookie and, in the form, the nonce's HMAC under a
//! server secret (see [`auth::login_csrf_pair`]): only pairs this server issued are accepted. A
//! successful login always gets a brand-new session id (the old session, if the browser had one,
//! is ended: no fixation). Failures slow further attempts down per (user, address) and per
//! address with growing delays, never a lock (see `store::users::Throttle` for why); a throttled
//! attempt is answered 429 with `Retry-After` and a Norwegian message saying how long to wait.

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::users::{LoginError, SESSION_TTL_SECS};

use super::{Fields, respond};
use crate::auth::{
    self, LOGIN_CSRF_TTL_SECS, Staff, cookie, login_csrf_cookie_name, session_cookie_name,
    set_cookie,
};
use crate::layout::{self, tr};
use crate::{AppState, WebError};

/// Query of the login page.
#[derive(Debug, Deserialize, Default)]
pub struct LoginQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// Where to go after logging in (a local path).
    pub neste: Option<String>,
}

/// Only local paths (`/…`, not `//host`) are followed after login.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/intern".to_string(),
    }
}

fn login_form(lang: Lang, csrf: &str, next: &str, name: &str, error: Option<&str>) -> Markup {
    let title = tr(lang, "staff-login-log-in");
    layout::page(
        lang,
        &title,
        "/logg-inn",
        html! {
            h1 { (title) }
            p { (tr(lang, "staff-login-for-the-municipality-s-staff")) }
            @if let Some(e) = error {
                div class="error" role="alert" id="login-error" { (e) }
            }
            form class="stack" method="post" action="/logg-inn" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="neste" value=(next);
                @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
                div class="field" {
                    label for="username" { (tr(lang, "staff-login-user-name")) }
                    input type="text" id="username" name="username" value=(name) autocomplete="username" required
                        aria-describedby=[error.map(|_| "login-error")];
                }
                div class="field" {
                    label for="password" { (tr(lang, "staff-login-password")) }
                    input type="password" id="password" name="password" autocomplete="current-password" required;
                }
                button type="submit" { (title) }
            }
        },
    )
}

async fn with_login_cookie(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    lang: Lang,
    next: &str,
    name: &str,
    error: Option<&str>,
) -> Result<Response, WebError> {
    let (nonce, token) = auth::login_csrf_pair(state).await?;
    let secure = state.secure_cookies(headers);
    let (cookie_name, path) = login_csrf_cookie_name(secure);
    let mut res = respond(status, login_form(lang, &token, next, name, error));
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(cookie_name, &nonce, path, LOGIN_CSRF_TTL_SECS, secure),
    );
    Ok(res)
}

/// `GET /logg-inn`
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let lang = crate::layout::lang_of(q.lang.as_deref());
    with_login_cookie(
        &state,
        &headers,
        StatusCode::OK,
        lang,
        &safe_next(q.neste.as_deref()),
        "",
        None,
    )
    .await
}

/// The client's address, for throttling.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(auth::client_ip(state, parts)))
    }
}

/// `POST /logg-inn`
pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    fields: Fields,
) -> Result<Response, WebError> {
    let lang = fields.lang();
    let next = safe_next(fields.get("neste"));
    let name = fields.get("username").unwrap_or("").trim().to_string();
    // The form's token must be the server's HMAC of the cookie's nonce.
    let secure = state.secure_cookies(&headers);
    let (csrf_cookie, csrf_path) = login_csrf_cookie_name(secure);
    let nonce = cookie(&headers, csrf_cookie);
    if !auth::login_csrf_ok(&state, nonce.as_deref(), fields.get("csrf")).await? {
        return Ok(auth::csrf_refused(lang));
    }
    let password = fields.get("password").unwrap_or("");
    let old = cookie(&headers, session_cookie_name(secure));
    match state
        .store
        .login(&name, password, &ip, &state.throttle, old.as_deref())
        .await
    {
        Ok((user, session)) if !user.may_work_on(&state.plan_code) => {
            // The right password, but an account of another municipality's plan.
            state.store.logout(&session.token).await?;
            tracing::warn!(
                "login refused for {} from {ip}: an account of plan {:?}, not {}",
                user.name,
                user.plan_code,
                state.plan_code
            );
            with_login_cookie(
                &state,
                &headers,
                StatusCode::FORBIDDEN,
                lang,
                &next,
                &name,
                Some(&tr(lang, "staff-login-this-account-has-no-access")),
            )
            .await
        }
        Ok((user, session)) => {
            tracing::info!("login: {} from {ip}", user.name);
            let mut res = (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, next.as_str()),
                    (header::CACHE_CONTROL, "no-store"),
                ],
            )
                .into_response();
            let h = res.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(
                    session_cookie_name(secure),
                    &session.token,
                    "/",
                    SESSION_TTL_SECS,
                    secure,
                ),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(csrf_cookie, "", csrf_path, 0, secure),
            );
            Ok(res)
        }
        Err(LoginError::BadCredentials) => {
            tracing::warn!("failed login for {name:?} from {ip}");
            with_login_cookie(
                &state,
                &headers,
                StatusCode::UNAUTHORIZED,
                lang,
                &next,
                &name,
                Some(&tr(lang, "staff-login-wrong-user-name-or-password")),
            )
            .await
        }
        Err(LoginError::Throttled { retry_after }) => {
            tracing::warn!("throttled login for {name:?} from {ip} ({retry_after} s)");
            let wait = wait_text(lang, retry_after);
            let message =
                crate::layout::tr_args(lang, "staff-login-throttled", &[("wait", wait.into())]);
            let mut res = with_login_cookie(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                lang,
                &next,
                &name,
                Some(&message),
            )
            .await?;
            res.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after),
            );
            Ok(res)
        }
        Err(LoginError::Store(e)) => Err(e.into()),
    }
}

/// How long to wait, in words: «3 sekunder», «5 minutter».
fn wait_text(lang: Lang, secs: i64) -> String {
    let (n, one, many) = if secs < 120 {
        (
            secs.max(1),
            tr(lang, "staff-login-second"),
            tr(lang, "staff-login-seconds"),
        )
    } else {
        (
            (secs + 59) / 60,
            tr(lang, "staff-login-minute"),
            tr(lang, "staff-login-minutes"),
        )
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `POST /logg-ut`
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    fields: Fields,
) -> Result<Response, WebError> {
    let lang = fields.lang();
    if let Err(r) = auth::check_csrf(&staff, fields.get("csrf"), lang) {
        return Ok(r);
    }
    let secure = state.secure_cookies(&headers);
    if let Some(token) = cookie(&headers, session_cookie_name(secure)) {
        state.store.logout(&token).await?;
    }
    let mut res = (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, layout::href(lang, "/")),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
    )
        .into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(session_cookie_name(secure), "", "/", 0, secure),
    );
    Ok(res)
}
