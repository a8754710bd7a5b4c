//! Logging in and out.
//!
//! The login form has no session yet, so its CSRF protection is a double-submit token: a random
//! value in a short-lived `HttpOnly; SameSite=Strict` cookie scoped to `/logg-inn` and the same
//! value in the form. A successful login always gets a brand-new session id (the old session, if
//! the browser had one, is ended: no fixation). Failures are throttled per user name and per
//! client address by the store.

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::users::{LoginError, SESSION_TTL_SECS, constant_time_eq, random_token};

use super::{Fields, respond};
use crate::auth::{self, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, cookie, set_cookie};
use crate::layout::{self, t};
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
    let title = t(lang, "Logg inn", "Log in");
    layout::page(
        lang,
        title,
        "/logg-inn",
        html! {
            h1 { (title) }
            p { (t(lang, "For ansatte i kommunen som følger opp planen.", "For the municipality's staff who follow up the plan.")) }
            @if let Some(e) = error {
                div class="error" role="alert" id="login-error" { (e) }
            }
            form class="stack" method="post" action="/logg-inn" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="neste" value=(next);
                @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
                div class="field" {
                    label for="username" { (t(lang, "Brukernavn", "User name")) }
                    input type="text" id="username" name="username" value=(name) autocomplete="username" required
                        aria-describedby=[error.map(|_| "login-error")];
                }
                div class="field" {
                    label for="password" { (t(lang, "Passord", "Password")) }
                    input type="password" id="password" name="password" autocomplete="current-password" required;
                }
                button type="submit" { (title) }
            }
        },
    )
}

fn with_login_cookie(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    lang: Lang,
    next: &str,
    name: &str,
    error: Option<&str>,
) -> Result<Response, WebError> {
    let token = random_token()?;
    let secure = state.secure_cookies(headers);
    let mut res = respond(status, login_form(lang, &token, next, name, error));
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, &token, "/logg-inn", 3600, secure),
    );
    Ok(res)
}

/// `GET /logg-inn`
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let lang = if q.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Nb
    };
    with_login_cookie(
        &state,
        &headers,
        StatusCode::OK,
        lang,
        &safe_next(q.neste.as_deref()),
        "",
        None,
    )
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
    // Double-submit check: the form's token must equal the cookie's.
    let ok = match (fields.get("csrf"), cookie(&headers, LOGIN_CSRF_COOKIE)) {
        (Some(f), Some(c)) => !c.is_empty() && constant_time_eq(f, &c),
        _ => false,
    };
    if !ok {
        return Ok(auth::csrf_refused(lang));
    }
    let password = fields.get("password").unwrap_or("");
    let old = cookie(&headers, SESSION_COOKIE);
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
                Some(t(
                    lang,
                    "Brukeren har ikke tilgang til denne kommunens plan.",
                    "This account has no access to this municipality's plan.",
                )),
            )
        }
        Ok((user, session)) => {
            tracing::info!("login: {} from {ip}", user.name);
            let secure = state.secure_cookies(&headers);
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
                    SESSION_COOKIE,
                    &session.token,
                    "/",
                    SESSION_TTL_SECS,
                    secure,
                ),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(LOGIN_CSRF_COOKIE, "", "/logg-inn", 0, secure),
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
                Some(t(
                    lang,
                    "Feil brukernavn eller passord.",
                    "Wrong user name or password.",
                )),
            )
        }
        Err(LoginError::Throttled) => {
            tracing::warn!("throttled login for {name:?} from {ip}");
            let mut res = with_login_cookie(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                lang,
                &next,
                &name,
                Some(t(
                    lang,
                    "For mange mislykkede forsøk. Vent et kvarter og prøv igjen.",
                    "Too many failed attempts. Wait a quarter of an hour and try again.",
                )),
            )?;
            res.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("900"),
            );
            Ok(res)
        }
        Err(LoginError::Store(e)) => Err(e.into()),
    }
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
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.logout(&token).await?;
    }
    let secure = state.secure_cookies(&headers);
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
        set_cookie(SESSION_COOKIE, "", "/", 0, secure),
    );
    Ok(res)
}
