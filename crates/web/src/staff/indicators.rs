//! Overriding an indicator's computed trend status (editors). The computed status is always kept
//! and shown beside the override; the override needs a written justification and goes into the
//! indicator's append-only override history, which the public indicator page shows in full.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use engine::TrendStatus;
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::StoreError;

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::Editor;
use crate::indicators::{IndicatorView, indicator_views};
use crate::layout::{href, tr};
use crate::{AppState, WebError};

/// The override form: the new status (empty: withdraw the override) and the justification.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OverrideForm {
    /// A trend status's machine name, or empty.
    pub status: String,
    /// Why (required by the store, shown publicly).
    pub justification: String,
}

fn label(lang: Lang, s: TrendStatus) -> String {
    s.label(lang)
}

fn render(
    lang: Lang,
    staff: &Staff,
    v: &IndicatorView<'_>,
    notice: Option<&str>,
    error: Option<&str>,
    justification: &str,
) -> Markup {
    let i = v.indicator;
    let title = format!(
        "{} {}",
        tr(lang, "staff-indicators-status-of"),
        i.name.get(lang)
    );
    let computed = v.trend.as_ref().map(|tr| tr.computed.status);
    let current = v.trend.as_ref().map(|tr| tr.effective_status);
    let overridden = v.trend.as_ref().is_some_and(|tr| tr.override_.is_some());
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        @if let Some(e) = error { div class="error" role="alert" { (e) } }
        p {
            (tr(lang, "indicator-computed-status"))
            strong { (computed.map_or("–".to_string(), |s| label(lang, s))) }
            @if overridden {
                ". " (tr(lang, "staff-indicators-in-force-overridden"))
                strong { (current.map_or("–".to_string(), |s| label(lang, s))) }
            }
            ". "
            a href=(href(lang, &format!("/indikatorer/{}", i.id))) { (tr(lang, "staff-indicators-see-the-indicator-and-its")) }
        }
        form class="stack" method="post" action=(format!("/intern/indikatorer/{}", i.id)) {
            (hidden(staff, lang))
            div class="field" {
                label for="status" { (tr(lang, "staff-indicators-new-status")) }
                select id="status" name="status" {
                    @for s in TrendStatus::ALL {
                        option value=(s.as_str()) selected[Some(s) == current] { (label(lang, s)) }
                    }
                    @if overridden {
                        option value="" { (tr(lang, "staff-indicators-withdraw-the-override-use-the")) }
                    }
                }
            }
            div class="field" {
                label for="justification" { (tr(lang, "staff-indicators-justification-required-shown-publicly")) }
                textarea id="justification" name="justification" rows="4" required { (justification) }
            }
            button type="submit" { (tr(lang, "staff-actions-save")) }
        }
    };
    super::page(
        lang,
        &title,
        &format!("/intern/indikatorer/{}", i.id),
        staff,
        body,
    )
}

/// `GET /intern/indikatorer/{id}` (after a save `?lagret=overstyrt|trukket`: the confirmation).
pub async fn form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    g: Editor<SavedQuery>,
) -> Result<Response, WebError> {
    let plan = crate::pages::load_plan(&state).await?;
    let views = indicator_views(&state, &plan).await?;
    let v = find(&views, &id)?;
    let lang = g.lang;
    // Only known values pick a message: the query never puts its own text on the page.
    let notice = g.form.saved().then(|| {
        let what = match g.form.lagret.as_deref() {
            Some("overstyrt") => tr(lang, "staff-indicators-the-status-is-overridden"),
            Some("trukket") => tr(lang, "staff-indicators-the-override-is-withdrawn"),
            _ => String::new(),
        };
        format!("{} {what}", tr(lang, "staff-saved"))
            .trim_end()
            .to_string()
    });
    Ok(respond(
        StatusCode::OK,
        render(lang, &g.staff, v, notice.as_deref(), None, ""),
    ))
}

fn find<'v, 'a>(
    views: &'v [IndicatorView<'a>],
    id: &str,
) -> Result<&'v IndicatorView<'a>, WebError> {
    views
        .iter()
        .find(|v| v.indicator.id == id)
        .ok_or_else(|| WebError::NotFound(format!("no indicator {id}")))
}

/// `POST /intern/indikatorer/{id}`: `status` (empty: withdraw) and `justification`.
pub async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    g: Editor<OverrideForm>,
) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let plan = crate::pages::load_plan(&state).await?;
    let views = indicator_views(&state, &plan).await?;
    let v = find(&views, &id)?;
    let justification = form.justification.as_str();
    let status = match form.status.as_str() {
        "" => None,
        s => match TrendStatus::parse(s) {
            Some(st) => Some(st),
            None => {
                return Ok(respond(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(
                        lang,
                        staff,
                        v,
                        None,
                        Some(&tr(lang, "staff-indicators-unknown-status")),
                        justification,
                    ),
                ));
            }
        },
    };
    let computed = v
        .trend
        .as_ref()
        .map_or(TrendStatus::NotAvailable, |tr| tr.computed.status);
    let result = state
        .store
        .add_status_override(
            state.municipality(),
            &id,
            status.map(TrendStatus::as_str),
            computed.as_str(),
            justification,
            &staff.user().name,
        )
        .await;
    match result {
        Ok(_) => {
            tracing::info!(
                "status of indicator {id} overridden by {}",
                staff.user().name
            );
            // Post/Redirect/Get: the form page shows the new state and the confirmation.
            let to = href(lang, &format!("/intern/indikatorer/{id}"));
            let sep = if to.contains('?') { '&' } else { '?' };
            let what = if status.is_some() {
                "overstyrt"
            } else {
                "trukket"
            };
            Ok(super::see_other(&format!("{to}{sep}lagret={what}")))
        }
        Err(StoreError::Invalid(m)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, v, None, Some(&m), justification),
        )),
        Err(e) => Err(e.into()),
    }
}
