//! Guard extractors for the staff pages: a handler states who may call it by the type it takes,
//! and cannot forget a check.
//!
//! [`Viewer`], [`Editor`] and [`Admin`] check, in this order:
//!
//! 1. the session (none: to the login page, see [`WebError::Unauthorized`]);
//! 2. on a write (any method but GET and HEAD), the form's CSRF token against the session's
//!    (wrong or missing: 403);
//! 3. the role (too low: 403);
//!
//! and then read the form into the handler's `serde` struct `F` (the default, [`NoForm`], reads
//! nothing). The language comes from the form's `lang` field on a write and from the query on a
//! read; it is also reported to [`crate::error::layer`], so that a refusal is shown in it.
//!
//! A form is `application/x-www-form-urlencoded`; a repeated name (a checkbox group) reads into a
//! `Vec<String>` field marked `#[serde(default, deserialize_with = "guard::many")]`. The one
//! multipart form (the spreadsheet upload) carries its token inside the multipart body; it takes
//! [`crate::auth::Staff`] and calls [`check_write`] once the body is read.

use std::marker::PhantomData;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{Method, StatusCode};
use plan::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use store::users::{User, constant_time_eq};

use crate::AppState;
use crate::auth::Staff;
use crate::error::{FieldError, RequestLang, Text, WebError};

/// Who a guard lets through.
pub trait Clearance: Send + Sync + 'static {
    /// Whether `user` may.
    fn allows(user: &User) -> bool;
    /// The refusal when they may not.
    fn refusal() -> Text;
}

/// Any logged-in staff member (viewers too).
pub struct AnyRole;
/// Editors and admins.
pub struct EditorRole;
/// Admins only.
pub struct AdminRole;

impl Clearance for AnyRole {
    fn allows(_: &User) -> bool {
        true
    }
    fn refusal() -> Text {
        Text::key("guard-not-allowed")
    }
}

impl Clearance for EditorRole {
    fn allows(user: &User) -> bool {
        user.role.can_edit()
    }
    fn refusal() -> Text {
        Text::key("guard-read-only")
    }
}

impl Clearance for AdminRole {
    fn allows(user: &User) -> bool {
        user.role.is_admin()
    }
    fn refusal() -> Text {
        Text::key("guard-admins-only")
    }
}

/// A form with no fields of its own (beyond the CSRF token and the language).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct NoForm {}

/// A checked staff request: the session, the language and the typed form. Use it through
/// [`Viewer`], [`Editor`] and [`Admin`].
pub struct Guarded<C: Clearance, F = NoForm> {
    /// The logged-in user and their session.
    pub staff: Staff,
    /// The language asked for.
    pub lang: Lang,
    /// The form as submitted (on a read: [`NoForm`], or `F` read from nothing).
    pub form: F,
    clearance: PhantomData<C>,
}

/// Any logged-in staff member; on a write, with a valid CSRF token.
pub type Viewer<F = NoForm> = Guarded<AnyRole, F>;
/// An editor or admin; on a write, with a valid CSRF token.
pub type Editor<F = NoForm> = Guarded<EditorRole, F>;
/// An admin; on a write, with a valid CSRF token.
pub type Admin<F = NoForm> = Guarded<AdminRole, F>;

/// The refusal of a write without the session's CSRF token.
pub fn csrf_refusal() -> Text {
    Text::key("guard-csrf-missing")
}

/// Checks a write by `staff`: the submitted CSRF token first, then the role. For the handler
/// that cannot take a guard (the multipart upload).
pub fn check_write<C: Clearance>(staff: &Staff, csrf: Option<&str>) -> Result<(), WebError> {
    match csrf {
        Some(s) if constant_time_eq(s, staff.csrf()) => {}
        _ => return Err(WebError::Forbidden(csrf_refusal())),
    }
    check_role::<C>(staff)
}

/// Checks the role alone (a read).
pub fn check_role<C: Clearance>(staff: &Staff) -> Result<(), WebError> {
    if C::allows(staff.user()) {
        Ok(())
    } else {
        Err(WebError::Forbidden(C::refusal()))
    }
}

/// A urlencoded body as a JSON object: a name given once is a string, a name given more than
/// once a list of strings (read by [`many`]).
fn form_object(pairs: &[(String, String)]) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut map = serde_json::Map::new();
    for (k, v) in pairs {
        match map.get_mut(k) {
            None => {
                map.insert(k.clone(), Value::String(v.clone()));
            }
            Some(Value::Array(list)) => list.push(Value::String(v.clone())),
            Some(first) => {
                let first = first.take();
                map.insert(
                    k.clone(),
                    Value::Array(vec![first, Value::String(v.clone())]),
                );
            }
        }
    }
    map
}

/// Reads a form field that may be given any number of times (a checkbox group) into a list.
pub fn many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Reads a urlencoded body into `F`; a value of the wrong shape is a 422 naming the field.
pub fn read_form<F: DeserializeOwned>(pairs: &[(String, String)]) -> Result<F, WebError> {
    serde_json::from_value(serde_json::Value::Object(form_object(pairs))).map_err(|e| {
        let msg = e.to_string();
        // serde names the field in its message ("missing field `title`", "invalid type: …").
        let field = msg
            .split('`')
            .nth(1)
            .filter(|_| msg.starts_with("missing field"))
            .map(str::to_string);
        WebError::InvalidInput(vec![FieldError {
            field,
            message: msg,
        }])
    })
}

fn lang_of(value: Option<&str>) -> Lang {
    crate::layout::lang_of(value)
}

impl<C: Clearance, F: DeserializeOwned + Send> FromRequest<AppState> for Guarded<C, F> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, WebError> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let slot = parts.extensions.get::<RequestLang>().cloned();
        let write = !matches!(parts.method, Method::GET | Method::HEAD);
        let pairs: Vec<(String, String)> = if write {
            let req = Request::from_parts(parts, body);
            let bytes = Bytes::from_request(req, state).await.map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    WebError::TooLarge
                } else {
                    WebError::BadRequest(e.body_text())
                }
            })?;
            form_urlencoded::parse(&bytes).into_owned().collect()
        } else {
            parts
                .uri
                .query()
                .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default()
        };
        let field = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let lang = lang_of(field("lang"));
        if let Some(slot) = &slot {
            slot.set(lang);
        }
        if write {
            check_write::<C>(&staff, field("csrf"))?;
        } else {
            check_role::<C>(&staff)?;
        }
        let form = read_form(&pairs)?;
        Ok(Guarded {
            staff,
            lang,
            form,
            clearance: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Checks {
        #[serde(default)]
        title: String,
        #[serde(default, deserialize_with = "many")]
        strategies: Vec<String>,
    }

    fn pairs(s: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(s.as_bytes()).into_owned().collect()
    }

    #[test]
    fn repeated_names_read_into_a_list_and_single_ones_too() {
        let c: Checks = read_form(&pairs("title=A&strategies=x&strategies=y&csrf=t")).unwrap();
        assert_eq!(c.title, "A");
        assert_eq!(c.strategies, ["x", "y"]);
        let c: Checks = read_form(&pairs("strategies=x")).unwrap();
        assert_eq!(c.strategies, ["x"]);
        assert_eq!(c.title, "");
        let c: Checks = read_form(&pairs("")).unwrap();
        assert!(c.strategies.is_empty());
    }

    #[test]
    fn a_missing_required_field_is_named() {
        #[derive(Debug, Deserialize)]
        struct Needs {
            #[allow(dead_code)]
            name: String,
        }
        let Err(WebError::InvalidInput(errors)) = read_form::<Needs>(&pairs("other=1")) else {
            panic!("expected invalid input")
        };
        assert_eq!(errors[0].field.as_deref(), Some("name"));
    }
}
