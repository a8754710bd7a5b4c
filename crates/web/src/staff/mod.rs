//! Staff pages: login and everything behind it. Every page needs a session; every form carries
//! the session's CSRF token and is checked before anything else is done; every answer is marked
//! `Cache-Control: no-store`.
//!
//! The handlers state who may call them by the guard they take ([`crate::guard::Viewer`],
//! [`crate::guard::Editor`], [`crate::guard::Admin`]), which checks the session, the CSRF token
//! of a write and the role, and reads the form into a `serde` struct; they refuse with
//! [`crate::WebError`]. The login form (before there is a session) reads [`Fields`].

pub mod actions;
pub mod bulk;
pub mod home;
pub mod indicators;
pub mod login;
pub mod partners;
pub mod pipeline;
pub mod plans;
pub mod report;
pub mod users;
pub mod visits;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;

use crate::auth::Staff;
use crate::layout::{self, href, tr};

/// A submitted `application/x-www-form-urlencoded` form as name/value pairs, keeping repeated
/// names (checkbox groups). Used by the login and logout forms; the pages behind the login read
/// typed forms through [`crate::guard`].
#[derive(Debug, Default, Clone)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// Parses a urlencoded body.
    pub fn parse(body: &[u8]) -> Fields {
        Fields(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The language asked for (`lang=nb|nn|en` in the form).
    pub fn lang(&self) -> Lang {
        crate::layout::lang_of(self.get("lang"))
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Fields::parse(&body))
    }
}

/// A staff answer: status, `no-store`, the page.
pub fn respond(status: StatusCode, page: Markup) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], page).into_response()
}

/// The hidden fields every staff form carries: the CSRF token and the language.
pub fn hidden(staff: &Staff, lang: Lang) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(staff.csrf());
        @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
    }
}

/// The query of a page a save redirects to (Post/Redirect/Get): `lagret=1` shows the
/// confirmation ([`saved_notice`]).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    /// Set (to anything but empty) after a save.
    pub lagret: Option<String>,
}

impl SavedQuery {
    /// Whether the page follows a save.
    pub fn saved(&self) -> bool {
        self.lagret.as_deref().is_some_and(|v| !v.is_empty())
    }
}

/// Where a save sends the browser: `path` in `lang` with `lagret=1` (and `#anchor`, if given).
pub fn saved_url(lang: Lang, path: &str, anchor: Option<&str>) -> String {
    let to = href(lang, path);
    let sep = if to.contains('?') { '&' } else { '?' };
    match anchor {
        Some(a) => format!("{to}{sep}lagret=1#{a}"),
        None => format!("{to}{sep}lagret=1"),
    }
}

/// The answer to a successful save: 303 to [`saved_url`], `no-store`.
pub fn saved_redirect(lang: Lang, path: &str, anchor: Option<&str>) -> Response {
    see_other(&saved_url(lang, path, anchor))
}

/// A 303 to `to`, `no-store`.
pub fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, to.to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

/// The confirmation after a save («Lagret.»), announced to screen readers.
pub fn saved_notice(lang: Lang) -> Markup {
    html! { div class="notice" role="status" id="lagret" { (tr(lang, "staff-saved")) } }
}

/// The page shell for staff pages: who is logged in, the staff menu, the logout button.
pub fn page(lang: Lang, title: &str, path: &str, staff: &Staff, content: Markup) -> Markup {
    let u = staff.user();
    layout::page(
        lang,
        title,
        path,
        html! {
            nav class="staffbar" aria-label=(tr(lang, "staff-staff-menu")) {
                a href=(href(lang, "/intern")) { (tr(lang, "staff-actions-staff")) }
                " · "
                @if u.role.can_edit() {
                    a href=(href(lang, "/intern/tiltak/ny")) { (tr(lang, "staff-actions-new-action")) }
                    " · "
                    a href=(href(lang, "/intern/import")) { (tr(lang, "staff-bulk-import-and-export")) }
                    " · "
                }
                a href=(href(lang, "/intern/bedriftsbesok")) { (tr(lang, "layout-company-visits")) }
                " · "
                a href=(href(lang, "/intern/investeringer")) { (tr(lang, "layout-pipeline")) }
                " · "
                a href=(href(lang, "/intern/partnere")) { (tr(lang, "layout-partners")) }
                " · "
                a href=(href(lang, "/intern/planer")) { (tr(lang, "staff-earlier-plans")) }
                " · "
                a href=(href(lang, "/intern/rapport")) { (tr(lang, "staff-report-assessments")) }
                " · "
                @if u.role.is_admin() {
                    a href=(href(lang, "/intern/brukere")) { (tr(lang, "staff-users")) }
                    " · "
                }
                span { (tr(lang, "staff-logged-in-as")) strong { (u.name) } " (" (u.role.as_str()) ")" }
                " "
                form class="inline" method="post" action="/logg-ut" {
                    (hidden(staff, lang))
                    button type="submit" class="secondary" { (tr(lang, "staff-log-out")) }
                }
            }
            (content)
        },
    )
}
