//! User management (admins only): list users, add a user, change a role, disable or enable an
//! account, set a new password. Changes to users are logged (tracing), not kept in the action
//! history.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::StoreError;
use store::users::{MIN_PASSWORD_LEN, Role, User};

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::Admin;
use crate::layout::tr;
use crate::{AppState, WebError};

/// The form adding a user.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddUser {
    /// User name.
    pub name: String,
    /// Password.
    pub password: String,
    /// Role: `viewer`, `editor` or `admin`.
    pub role: String,
    /// Shown publicly for the user's changes (empty: the role word).
    pub display_name: String,
}

/// The form changing a user: `do=role|disable|enable`, with `role` for `do=role`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeUser {
    /// What to do.
    #[serde(rename = "do")]
    pub operation: Option<String>,
    /// The new role (for `do=role`).
    pub role: String,
}

fn render(
    lang: Lang,
    staff: &Staff,
    users: &[User],
    notice: Option<&str>,
    error: Option<&str>,
) -> Markup {
    let title = tr(lang, "staff-users");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        @if let Some(e) = error { div class="error" role="alert" { (e) } }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-users" {
            table {
                caption id="t-users" { (tr(lang, "staff-users-staff-with-access")) }
                thead { tr {
                    th scope="col" { (tr(lang, "local-registers-name")) }
                    th scope="col" { (tr(lang, "staff-users-shown-publicly-as")) }
                    th scope="col" { (tr(lang, "staff-users-role")) }
                    th scope="col" { (tr(lang, "staff-users-account")) }
                    th scope="col" { (tr(lang, "staff-users-change")) }
                } }
                tbody {
                    @for u in users {
                        tr {
                            th scope="row" { (u.name) }
                            td { (u.public_name()) }
                            td { (u.role.as_str()) }
                            td { @if u.disabled { (tr(lang, "staff-users-disabled")) } @else { (tr(lang, "staff-users-active")) } }
                            td {
                                form class="inline" method="post" action=(format!("/intern/brukere/{}", u.name)) {
                                    (hidden(staff, lang))
                                    label for=(format!("role-{}", u.name)) { (tr(lang, "staff-users-role-for")) (u.name) }
                                    " "
                                    select id=(format!("role-{}", u.name)) name="role" {
                                        @for r in Role::ALL { option value=(r.as_str()) selected[r == u.role] { (r.as_str()) } }
                                    }
                                    " "
                                    button type="submit" name="do" value="role" { (tr(lang, "staff-users-set-role")) }
                                    " "
                                    @if u.disabled {
                                        button type="submit" class="secondary" name="do" value="enable" { (tr(lang, "staff-users-enable")) }
                                    } @else if u.name != staff.user().name {
                                        button type="submit" class="secondary" name="do" value="disable" { (tr(lang, "staff-users-disable")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr(lang, "staff-users-new-user")) }
        form class="stack" method="post" action="/intern/brukere" {
            (hidden(staff, lang))
            div class="field" {
                label for="new-name" { (tr(lang, "staff-login-user-name")) }
                input type="text" id="new-name" name="name" required autocomplete="off";
            }
            div class="field" {
                label for="new-display-name" { (tr(lang, "staff-users-display-name")) }
                span class="hint" id="new-display-name-hint" { (tr(lang, "staff-users-shown-publicly-for-the-user")) }
                input type="text" id="new-display-name" name="display_name" autocomplete="off" aria-describedby="new-display-name-hint";
            }
            div class="field" {
                label for="new-password" { (tr(lang, "staff-login-password")) }
                span class="hint" id="new-password-hint" { (tr(lang, "staff-users-at-least")) (MIN_PASSWORD_LEN) (tr(lang, "staff-users-characters")) }
                input type="password" id="new-password" name="password" required autocomplete="new-password" aria-describedby="new-password-hint";
            }
            div class="field" {
                label for="new-role" { (tr(lang, "staff-users-role")) }
                select id="new-role" name="role" {
                    @for r in Role::ALL { option value=(r.as_str()) selected[r == Role::Editor] { (r.as_str()) } }
                }
            }
            button type="submit" { (tr(lang, "staff-users-add")) }
        }
    };
    super::page(lang, &title, "/intern/brukere", staff, body)
}

/// The accounts this admin may see and manage (see [`store::users::User::may_manage`]).
async fn manageable(state: &AppState, staff: &Staff) -> Result<Vec<User>, WebError> {
    let mut users = state.store.users().await?;
    users.retain(|u| staff.user().may_manage(u));
    Ok(users)
}

/// `GET /intern/brukere`
pub async fn list(
    State(state): State<AppState>,
    g: Admin<SavedQuery>,
) -> Result<Response, WebError> {
    let users = manageable(&state, &g.staff).await?;
    let notice = g.form.saved().then(|| tr(g.lang, "staff-saved"));
    Ok(respond(
        StatusCode::OK,
        render(g.lang, &g.staff, &users, notice.as_deref(), None),
    ))
}

/// `POST /intern/brukere`
pub async fn add(State(state): State<AppState>, g: Admin<AddUser>) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let name = form.name.trim();
    // An unknown role is refused (issue 21: `role=superadmin` silently made a viewer).
    let Some(role) = Role::parse(&form.role) else {
        let users = manageable(&state, staff).await?;
        let msg = tr(lang, "staff-users-unknown-role-choose-viewer-editor");
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, &users, None, Some(&msg)),
        ));
    };
    // Accounts made here work on this municipality's plan only.
    let result = state
        .store
        .add_user_with(
            name,
            &form.password,
            role,
            Some(state.municipality()),
            &form.display_name,
        )
        .await;
    let users = manageable(&state, staff).await?;
    match result {
        Ok(u) => {
            tracing::info!(
                "user {} added by {} as {}",
                u.name,
                staff.user().name,
                u.role.as_str()
            );
            Ok(super::saved_redirect(lang, "/intern/brukere", None))
        }
        Err(StoreError::Invalid(m)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, &users, None, Some(&m)),
        )),
        Err(e) => Err(e.into()),
    }
}

/// `POST /intern/brukere/{name}`: `do=role|disable|enable`.
pub async fn change(
    State(state): State<AppState>,
    Path(name): Path<String>,
    g: Admin<ChangeUser>,
) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let self_change = name == staff.user().name;
    let target = state.store.user(&name).await?;
    let result = match form.operation.as_deref() {
        // Another municipality's account (or an account for every plan, seen by an admin of
        // one): as if it did not exist.
        _ if !target.as_ref().is_some_and(|u| staff.user().may_manage(u)) => {
            Err(tr(lang, "staff-users-unknown-user").to_string())
        }
        Some("role") => match Role::parse(&form.role) {
            Some(r) if self_change && r != Role::Admin => {
                Err(tr(lang, "staff-users-you-cannot-remove-your-own").to_string())
            }
            Some(r) => state
                .store
                .set_role(&name, r)
                .await
                .map_err(|e| e.to_string()),
            None => Err(tr(lang, "staff-users-unknown-role").to_string()),
        },
        Some("disable") if self_change => {
            Err(tr(lang, "staff-users-you-cannot-disable-yourself").to_string())
        }
        Some("disable") => state
            .store
            .set_disabled(&name, true)
            .await
            .map_err(|e| e.to_string()),
        Some("enable") => state
            .store
            .set_disabled(&name, false)
            .await
            .map_err(|e| e.to_string()),
        _ => Err(tr(lang, "staff-users-unknown-operation").to_string()),
    };
    let users = manageable(&state, staff).await?;
    match result {
        Ok(()) => {
            tracing::info!(
                "user {name} changed by {}: {:?}",
                staff.user().name,
                form.operation.as_deref()
            );
            Ok(super::saved_redirect(lang, "/intern/brukere", None))
        }
        Err(m) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, &users, None, Some(&m)),
        )),
    }
}
