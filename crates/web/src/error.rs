//! Typed errors of the web layer: one enum, [`WebError`], for everything a handler or an
//! extractor can refuse with, each variant one HTTP status. Handlers return
//! `Result<_, WebError>` and use `?`; the store's and the use cases' errors turn into the right
//! variant through `From` (a missing action is 404, a stale version or a duplicate id is a
//! conflict, an invalid value is 422, a database failure is 500).
//!
//! Modelled on the `http/error.rs` of launchbadge's RealWorld example app for axum, with one addition: the
//! same error is answered as JSON under `/api` and as a page (in the site's layout, in the
//! request's language) everywhere else. An error does not know the request it answers, so
//! [`WebError::into_response`] renders the Norwegian page and leaves the error itself in the
//! response's extensions; the middleware [`layer`] (installed on the whole router) then renders
//! it again for what the request was: JSON for `/api/*`, the English page when the request asked
//! for English (`?lang=en`, or a form's `lang=en` field, which the form extractors report
//! through [`RequestLang`]).
//!
//! Details of an internal error go to the log, never to the client.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use plan::Lang;
use serde::Serialize;
use store::{ActionRecord, HistoryEntry, StoreError, UpdateError};

use crate::layout::{self, tr};

/// A message from the translation files, by its id (a page shows it in the reader's language,
/// the API in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The message id in `crates/i18n/locales/*.ftl`.
    pub key: &'static str,
}

impl Text {
    /// The message `key`.
    pub fn key(key: &'static str) -> Text {
        Text { key }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        tr(lang, self.key)
    }

    /// The text in English, as the API says it.
    pub fn en(&self) -> String {
        tr(Lang::En, self.key)
    }
}

/// One problem with submitted input: which field (when one is at fault) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field's name as submitted (`title`, `start`, …), or none for the input as a whole.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl FieldError {
    /// A problem with one field.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A problem with the input as a whole.
    pub fn general(message: impl Into<String>) -> FieldError {
        FieldError {
            field: None,
            message: message.into(),
        }
    }
}

/// A stale write: the action as it is now and what changed after the version the writer had.
#[derive(Debug, Clone)]
pub struct Stale {
    /// The action now.
    pub current: Box<ActionRecord>,
    /// The changes after the writer's version.
    pub since: Vec<HistoryEntry>,
    /// The actors' public names, for the API's answer (empty: shown as recorded, as on staff
    /// pages).
    pub names: store::users::PublicNames,
}

/// Why a request was refused. Each variant is one status code; see [`WebError::status`].
#[derive(Debug, Clone)]
pub enum WebError {
    /// 404: nothing here by that name. The detail (e.g. `no action T99`) is what the API says;
    /// the page says "Fant ikke siden".
    NotFound(String),
    /// Not logged in. A page answers 303 to the login page, coming back to `login_next`
    /// afterwards; the API answers 401 with `WWW-Authenticate: Bearer`.
    Unauthorized {
        /// Where the login page sends the user back to.
        login_next: String,
    },
    /// 403: logged in, but not allowed (role, plan, or a form without a valid CSRF token).
    Forbidden(Text),
    /// 400: a request that cannot be read at all (a broken body).
    BadRequest(String),
    /// 413: a request body over the limit.
    TooLarge,
    /// 422: the input was read but is not valid; every problem, by field where one is at fault.
    InvalidInput(Vec<FieldError>),
    /// 409 (the API answers a stale `If-Match` with 412): a stale edit, or a duplicate (an id or
    /// a unique name that exists already). Nothing was written.
    Conflict {
        /// What went wrong.
        message: String,
        /// For a stale edit: the action now and what changed meanwhile.
        stale: Option<Box<Stale>>,
    },
    /// 428: the API's write lacks the `If-Match` precondition.
    PreconditionRequired(String),
    /// 500: the store or something else failed. The detail is logged, not shown.
    Internal(String),
}

impl WebError {
    /// A 422 with one problem in one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> WebError {
        WebError::InvalidInput(vec![FieldError::new(field, message)])
    }

    /// A 422 with one problem not tied to a field.
    pub fn invalid_input(message: impl Into<String>) -> WebError {
        WebError::InvalidInput(vec![FieldError::general(message)])
    }

    /// A 409 for a duplicate.
    pub fn conflict(message: impl Into<String>) -> WebError {
        WebError::Conflict {
            message: message.into(),
            stale: None,
        }
    }

    /// A 500; `detail` goes to the log.
    pub fn internal(detail: impl std::fmt::Display) -> WebError {
        WebError::Internal(detail.to_string())
    }

    /// The status of the page answer (the API differs only for a stale edit: 412, and for
    /// [`WebError::Unauthorized`]: 401 instead of the redirect).
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Unauthorized { .. } => StatusCode::SEE_OTHER,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::InvalidInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict { .. } => StatusCode::CONFLICT,
            WebError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The answer as a page in `lang`.
    pub fn page(&self, lang: Lang) -> Response {
        let status = self.status();
        let shell = |title: &str, body: maud::Markup| {
            (status, layout::page(lang, title, "/", body)).into_response()
        };
        match self {
            WebError::NotFound(_) => crate::pages::not_found(lang),
            WebError::Unauthorized { login_next } => {
                let target = form_urlencoded::Serializer::new(String::new())
                    .append_pair("neste", login_next)
                    .finish();
                Redirect::to(&format!("/logg-inn?{target}")).into_response()
            }
            WebError::Forbidden(text) => forbidden_page(lang, text),
            WebError::BadRequest(m) => {
                let title = tr(lang, "error-bad-request");
                shell(&title, html! { h1 { (title) } p { (m) } })
            }
            WebError::TooLarge => {
                let title = tr(lang, "error-request-too-large");
                shell(&title, html! { h1 { (title) } })
            }
            WebError::InvalidInput(errors) => {
                let title = tr(lang, "error-the-form-has-errors");
                shell(
                    &title,
                    html! {
                        h1 { (title) }
                        div class="error" role="alert" {
                            ul { @for e in errors { li {
                                @if let Some(f) = &e.field { strong { (f) } ": " }
                                (e.message)
                            } } }
                        }
                    },
                )
            }
            WebError::Conflict { message, .. } => {
                let title = tr(lang, "error-conflict");
                shell(&title, html! { h1 { (title) } p { (message) } })
            }
            WebError::PreconditionRequired(m) => {
                let title = tr(lang, "error-precondition-required");
                shell(&title, html! { h1 { (title) } p { (m) } })
            }
            // The same page as before the typed errors: Norwegian only.
            WebError::Internal(_) => (
                status,
                layout::page(
                    Lang::Nb,
                    "Noe gikk galt",
                    "/",
                    html! { h1 { "Noe gikk galt" } p { "Feilen er logget. Prøv igjen senere." } },
                ),
            )
                .into_response(),
        }
    }

    /// The answer as the API gives it: JSON (`{"error": …}`, with `fields` for invalid input).
    pub fn json(&self) -> Response {
        let body = |status: StatusCode, error: String, fields: Vec<FieldError>| {
            (status, Json(crate::api::ApiError { error, fields })).into_response()
        };
        match self {
            WebError::NotFound(m) => body(StatusCode::NOT_FOUND, m.clone(), Vec::new()),
            WebError::Unauthorized { .. } => {
                let mut res = body(
                    StatusCode::UNAUTHORIZED,
                    "send Authorization: Bearer <token> (naeringsplan user token NAME)".into(),
                    Vec::new(),
                );
                res.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                res
            }
            WebError::Forbidden(text) => body(StatusCode::FORBIDDEN, text.en(), Vec::new()),
            WebError::BadRequest(m) => body(StatusCode::BAD_REQUEST, m.clone(), Vec::new()),
            WebError::TooLarge => body(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request body too large".into(),
                Vec::new(),
            ),
            WebError::InvalidInput(errors) => body(
                StatusCode::UNPROCESSABLE_ENTITY,
                errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                errors.clone(),
            ),
            WebError::Conflict {
                message,
                stale: Some(stale),
            } => crate::api::stale_answer(message, stale),
            WebError::Conflict { message, .. } => {
                body(StatusCode::CONFLICT, message.clone(), Vec::new())
            }
            WebError::PreconditionRequired(m) => {
                body(StatusCode::PRECONDITION_REQUIRED, m.clone(), Vec::new())
            }
            WebError::Internal(_) => body(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; it has been logged".into(),
                Vec::new(),
            ),
        }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebError::NotFound(m)
            | WebError::BadRequest(m)
            | WebError::PreconditionRequired(m)
            | WebError::Internal(m) => write!(f, "{m}"),
            WebError::Unauthorized { .. } => write!(f, "not logged in"),
            WebError::Forbidden(text) => write!(f, "{}", text.en()),
            WebError::TooLarge => write!(f, "request body too large"),
            WebError::InvalidInput(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    match &e.field {
                        Some(field) => write!(f, "{field}: {}", e.message)?,
                        None => write!(f, "{}", e.message)?,
                    }
                }
                Ok(())
            }
            WebError::Conflict { message, .. } => write!(f, "{message}"),
        }
    }
}

/// The 403 page (also for a form without a valid CSRF token).
pub fn forbidden_page(lang: Lang, text: &Text) -> Response {
    (
        StatusCode::FORBIDDEN,
        layout::page(
            lang,
            &tr(lang, "error-not-allowed"),
            "/intern",
            html! {
                h1 { (tr(lang, "error-not-allowed")) }
                p { (text.get(lang)) }
                p { a href=(layout::href(lang, "/intern")) { (tr(lang, "error-to-the-staff-pages")) } }
            },
        ),
    )
        .into_response()
}

/// The error a response answers with, left for [`layer`] to render for the request.
#[derive(Clone)]
struct Pending(Arc<WebError>);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            tracing::error!("request failed: {detail}");
        }
        let mut res = self.page(Lang::Nb);
        res.extensions_mut().insert(Pending(Arc::new(self)));
        res
    }
}

/// The language the request asked for, shared between [`layer`] and the extractors: the layer
/// sets it from the query (`?lang=en`), a form extractor from the form's `lang` field.
#[derive(Clone, Default, Debug)]
pub struct RequestLang(Arc<AtomicBool>);

impl RequestLang {
    /// Records the language asked for.
    pub fn set(&self, lang: Lang) {
        self.0.store(lang == Lang::En, Ordering::Relaxed);
    }

    /// The language asked for (Norwegian unless English was asked for).
    pub fn get(&self) -> Lang {
        if self.0.load(Ordering::Relaxed) {
            Lang::En
        } else {
            Lang::Nb
        }
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for RequestLang {
    type Rejection = std::convert::Infallible;

    /// The request's slot (a fresh one, reported nowhere, outside [`layer`]).
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestLang>()
            .cloned()
            .unwrap_or_default())
    }
}

/// Renders an error answer for its request: JSON under `/api`, else the page in the request's
/// language. Answers that are not errors pass unchanged.
pub async fn layer(mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let api = path == "/api" || path.starts_with("/api/");
    let lang = RequestLang::default();
    let query_lang = req.uri().query().and_then(query_lang).unwrap_or(Lang::Nb);
    lang.set(query_lang);
    req.extensions_mut().insert(lang.clone());
    let mut res = next.run(req).await;
    let Some(Pending(err)) = res.extensions_mut().remove::<Pending>() else {
        return res;
    };
    let mut out = if api {
        err.json()
    } else {
        err.page(lang.get())
    };
    // Headers the handler added to the error answer (e.g. `Cache-Control`) are kept.
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut()
                .entry(name.clone())
                .or_insert_with(|| value.clone());
        }
    }
    out
}

/// The language a query string's `lang=` asks for (`nb`, `nn`, `en`; anything else the default).
pub(crate) fn query_lang(query: &str) -> Option<Lang> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| crate::layout::lang_of(Some(&v)))
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => WebError::NotFound(m),
            StoreError::Invalid(m) => WebError::invalid_input(m),
            e if e.is_unique_violation() => WebError::conflict(e.to_string()),
            e => WebError::Internal(e.to_string()),
        }
    }
}

impl From<UpdateError> for WebError {
    fn from(e: UpdateError) -> Self {
        let message = e.to_string();
        match e {
            UpdateError::Conflict { current, since } => WebError::Conflict {
                message,
                stale: Some(Box::new(Stale {
                    current,
                    since,
                    names: Default::default(),
                })),
            },
            UpdateError::Exists(_) => WebError::conflict(message),
            UpdateError::NotFound(_) => WebError::NotFound(message),
            UpdateError::Invalid(m) => WebError::invalid_input(m),
            UpdateError::Store(e) => e.into(),
        }
    }
}

impl From<app::AppError> for WebError {
    fn from(e: app::AppError) -> Self {
        match e {
            app::AppError::Store(e) => e.into(),
            app::AppError::NotFound(m) => WebError::NotFound(m),
            app::AppError::Invalid(m) => WebError::BadRequest(m),
            e => WebError::Internal(e.to_string()),
        }
    }
}

impl From<app::action_sheet::BulkError> for WebError {
    fn from(e: app::action_sheet::BulkError) -> Self {
        WebError::Internal(e.to_string())
    }
}

impl From<report::RenderError> for WebError {
    fn from(e: report::RenderError) -> Self {
        WebError::Internal(e.to_string())
    }
}

impl From<tokio::task::JoinError> for WebError {
    fn from(e: tokio::task::JoinError) -> Self {
        WebError::Internal(e.to_string())
    }
}
