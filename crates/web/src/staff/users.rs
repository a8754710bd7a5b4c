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

use super::{hidden, respond};
use crate::auth::Staff;
use crate::guard::Admin;
use crate::layout::t;
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
    let title = t(lang, "Brukere", "Users");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        @if let Some(e) = error { div class="error" role="alert" { (e) } }
        div class="table-wrap" tabindex="0" {
            table {
                caption { (t(lang, "Ansatte med tilgang", "Staff with access")) }
                thead { tr {
                    th scope="col" { (t(lang, "Navn", "Name")) }
                    th scope="col" { (t(lang, "Vises offentlig som", "Shown publicly as")) }
                    th scope="col" { (t(lang, "Rolle", "Role")) }
                    th scope="col" { (t(lang, "Konto", "Account")) }
                    th scope="col" { (t(lang, "Endre", "Change")) }
                } }
                tbody {
                    @for u in users {
                        tr {
                            th scope="row" { (u.name) }
                            td { (u.public_name()) }
                            td { (u.role.as_str()) }
                            td { @if u.disabled { (t(lang, "sperret", "disabled")) } @else { (t(lang, "aktiv", "active")) } }
                            td {
                                form class="inline" method="post" action=(format!("/intern/brukere/{}", u.name)) {
                                    (hidden(staff, lang))
                                    label for=(format!("role-{}", u.name)) { (t(lang, "Rolle for ", "Role for ")) (u.name) }
                                    " "
                                    select id=(format!("role-{}", u.name)) name="role" {
                                        @for r in Role::ALL { option value=(r.as_str()) selected[r == u.role] { (r.as_str()) } }
                                    }
                                    " "
                                    button type="submit" name="do" value="role" { (t(lang, "Sett rolle", "Set role")) }
                                    " "
                                    @if u.disabled {
                                        button type="submit" class="secondary" name="do" value="enable" { (t(lang, "Åpne", "Enable")) }
                                    } @else if u.name != staff.user().name {
                                        button type="submit" class="secondary" name="do" value="disable" { (t(lang, "Sperr", "Disable")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "Ny bruker", "New user")) }
        form class="stack" method="post" action="/intern/brukere" {
            (hidden(staff, lang))
            div class="field" {
                label for="new-name" { (t(lang, "Brukernavn", "User name")) }
                input type="text" id="new-name" name="name" required autocomplete="off";
            }
            div class="field" {
                label for="new-display-name" { (t(lang, "Visningsnavn", "Display name")) }
                span class="hint" id="new-display-name-hint" { (t(lang, "Vises offentlig ved brukerens endringer, aldri brukernavnet. Tomt: rollen («redaktør»).", "Shown publicly for the user's changes, never the user name. Empty: the role («redaktør»).")) }
                input type="text" id="new-display-name" name="display_name" autocomplete="off" aria-describedby="new-display-name-hint";
            }
            div class="field" {
                label for="new-password" { (t(lang, "Passord", "Password")) }
                span class="hint" id="new-password-hint" { (t(lang, "Minst ", "At least ")) (MIN_PASSWORD_LEN) (t(lang, " tegn.", " characters.")) }
                input type="password" id="new-password" name="password" required autocomplete="new-password" aria-describedby="new-password-hint";
            }
            div class="field" {
                label for="new-role" { (t(lang, "Rolle", "Role")) }
                select id="new-role" name="role" {
                    @for r in Role::ALL { option value=(r.as_str()) selected[r == Role::Editor] { (r.as_str()) } }
                }
            }
            button type="submit" { (t(lang, "Legg til", "Add")) }
        }
    };
    super::page(lang, title, "/intern/brukere", staff, body)
}

/// The accounts this admin may see and manage (see [`store::users::User::may_manage`]).
async fn manageable(state: &AppState, staff: &Staff) -> Result<Vec<User>, WebError> {
    let mut users = state.store.users().await?;
    users.retain(|u| staff.user().may_manage(u));
    Ok(users)
}

/// `GET /intern/brukere`
pub async fn list(State(state): State<AppState>, g: Admin) -> Result<Response, WebError> {
    let users = manageable(&state, &g.staff).await?;
    Ok(respond(
        StatusCode::OK,
        render(g.lang, &g.staff, &users, None, None),
    ))
}

/// `POST /intern/brukere`
pub async fn add(State(state): State<AppState>, g: Admin<AddUser>) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let name = form.name.trim();
    // An unknown role is refused (issue 21: `role=superadmin` silently made a viewer).
    let Some(role) = Role::parse(&form.role) else {
        let users = manageable(&state, staff).await?;
        let msg = t(
            lang,
            "Ukjent rolle: velg viewer, editor eller admin.",
            "Unknown role: choose viewer, editor or admin.",
        );
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, &users, None, Some(msg)),
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
            let msg = format!("{} {}", t(lang, "La til", "Added"), u.name);
            Ok(respond(
                StatusCode::OK,
                render(lang, staff, &users, Some(&msg), None),
            ))
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
            Err(t(lang, "Ukjent bruker.", "Unknown user.").to_string())
        }
        Some("role") => match Role::parse(&form.role) {
            Some(r) if self_change && r != Role::Admin => Err(t(
                lang,
                "Du kan ikke ta fra deg selv administratorrollen.",
                "You cannot remove your own admin role.",
            )
            .to_string()),
            Some(r) => state
                .store
                .set_role(&name, r)
                .await
                .map_err(|e| e.to_string()),
            None => Err(t(lang, "Ukjent rolle.", "Unknown role.").to_string()),
        },
        Some("disable") if self_change => Err(t(
            lang,
            "Du kan ikke sperre deg selv.",
            "You cannot disable yourself.",
        )
        .to_string()),
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
        _ => Err(t(lang, "Ukjent handling.", "Unknown operation.").to_string()),
    };
    let users = manageable(&state, staff).await?;
    match result {
        Ok(()) => {
            tracing::info!(
                "user {name} changed by {}: {:?}",
                staff.user().name,
                form.operation.as_deref()
            );
            let msg = format!("{} {name}", t(lang, "Endret", "Changed"));
            Ok(respond(
                StatusCode::OK,
                render(lang, staff, &users, Some(&msg), None),
            ))
        }
        Err(m) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, &users, None, Some(&m)),
        )),
    }
}
