//! Partners, memberships, agreements and ownerships for staff (`/intern/partnere`): the list,
//! adding an entry and editing one (editors), each change kept field by field in the entry's
//! history (who, when, old → new). A stale edit (the entry changed meanwhile) is refused with
//! 409, keeping the input.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use local_registers::partners::{Partner, PartnerKind, parse_links};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::partners::PartnerError;

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::{Editor, Viewer};
use crate::layout::{href, tr, tr_args};
use crate::pages::load_plan;
use crate::pages::partners::{kind_label, links, period, share};
use crate::{AppState, WebError};

const BASE: &str = "/intern/partnere";

/// The entry form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    /// The version an edit is based on (empty when adding).
    pub version: String,
    /// Kind code.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Organisation number.
    pub orgnr: String,
    /// Share in percent.
    pub share: String,
    /// Start.
    pub from: String,
    /// End.
    pub to: String,
    /// Purpose.
    pub purpose: String,
    /// Strategy and action ids.
    pub links: String,
    /// Source.
    pub source: String,
}

impl PartnerForm {
    fn of(p: &Partner, version: i64) -> Self {
        PartnerForm {
            version: version.to_string(),
            kind: p.kind.code().into(),
            name: p.name.clone(),
            orgnr: p.orgnr.map(|o| o.to_string()).unwrap_or_default(),
            share: p
                .share_pct
                .map(|s| plan::fmt::number_auto(s, 2))
                .unwrap_or_default(),
            from: p.from.map(|d| d.to_string()).unwrap_or_default(),
            to: p.to.map(|d| d.to_string()).unwrap_or_default(),
            purpose: p.purpose.clone(),
            links: p.links.join(", "),
            source: p.source.clone(),
        }
    }
}

fn problem(lang: Lang, field: &str) -> String {
    tr(lang, &format!("staff-partners-error-{field}"))
}

/// The entry a form describes, or the problems (in the reader's language).
async fn read_form(
    state: &AppState,
    lang: Lang,
    f: &PartnerForm,
) -> Result<Result<Partner, Vec<String>>, WebError> {
    let mut errors = Vec::new();
    let kind = PartnerKind::parse(&f.kind);
    if kind.is_none() {
        errors.push(problem(lang, "type"));
    }
    let orgnr = match f.orgnr.replace([' ', '\u{a0}'], "").as_str() {
        "" => None,
        o => o
            .parse()
            .map_err(|_| errors.push(problem(lang, "orgnr")))
            .ok(),
    };
    let share_pct = match f.share.trim().trim_end_matches('%').trim() {
        "" => None,
        s => local_registers::parse_number(s)
            .map_err(|_| errors.push(problem(lang, "eierandel")))
            .ok(),
    };
    let mut date = |s: &str, field: &str| match s.trim() {
        "" => None,
        d => local_registers::parse_date(d)
            .map_err(|_| errors.push(problem(lang, field)))
            .ok(),
    };
    let (from, to) = (date(&f.from, "fra"), date(&f.to, "til"));
    let Some(kind) = kind else {
        return Ok(Err(errors));
    };
    let p = Partner {
        id: 0,
        kind,
        name: f.name.trim().to_string(),
        orgnr,
        share_pct,
        from,
        to,
        purpose: f.purpose.trim().to_string(),
        links: parse_links(&f.links),
        source: f.source.trim().to_string(),
    };
    let plan = load_plan(state).await?;
    let known = app::local_registers::linkable_ids(&state.store, &plan).await?;
    for (field, _) in p.problems(Some(&known)) {
        errors.push(problem(lang, field));
    }
    Ok(if errors.is_empty() {
        Ok(p)
    } else {
        Err(errors)
    })
}

fn form(
    lang: Lang,
    staff: &Staff,
    action: &str,
    f: &PartnerForm,
    errors: &[String],
    button: &str,
) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error" role="alert" { ul { @for e in errors { li { (e) } } } }
        }
        form class="stack" method="post" action=(action) {
            (hidden(staff, lang))
            @if !f.version.is_empty() { input type="hidden" name="version" value=(f.version); }
            div class="field" {
                label for="kind" { (tr(lang, "staff-partners-kind")) }
                select id="kind" name="kind" {
                    @for k in PartnerKind::ALL {
                        option value=(k.code()) selected[f.kind == k.code()] { (kind_label(lang, k)) }
                    }
                }
            }
            div class="field" {
                label for="name" { (tr(lang, "partners-name")) }
                input type="text" id="name" name="name" value=(f.name) required;
            }
            div class="field" {
                label for="orgnr" { (tr(lang, "local-registers-organisation-number")) }
                input type="text" id="orgnr" name="orgnr" inputmode="numeric" value=(f.orgnr);
            }
            div class="field" {
                label for="share" { (tr(lang, "staff-partners-share")) }
                span class="hint" id="share-hint" { (tr(lang, "staff-partners-share-hint")) }
                input type="text" id="share" name="share" inputmode="decimal" value=(f.share) aria-describedby="share-hint";
            }
            div class="field" {
                label for="from" { (tr(lang, "staff-partners-from")) }
                input type="date" id="from" name="from" value=(f.from);
            }
            div class="field" {
                label for="to" { (tr(lang, "staff-partners-to")) }
                input type="date" id="to" name="to" value=(f.to);
            }
            div class="field" {
                label for="purpose" { (tr(lang, "partners-purpose")) }
                input type="text" id="purpose" name="purpose" value=(f.purpose);
            }
            div class="field" {
                label for="links" { (tr(lang, "partners-strategies")) }
                span class="hint" id="links-hint" { (tr(lang, "staff-partners-links-hint")) }
                input type="text" id="links" name="links" value=(f.links) aria-describedby="links-hint";
            }
            div class="field" {
                label for="source" { (tr(lang, "staff-partners-source")) }
                input type="text" id="source" name="source" value=(f.source);
            }
            button type="submit" { (button) }
        }
    }
}

async fn list_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    f: &PartnerForm,
    errors: &[String],
) -> Result<Markup, WebError> {
    let v = app::partners::view(&state.store, state.municipality()).await?;
    let title = tr(lang, "staff-partners-title");
    let body = html! {
        h1 { (title) }
        p { a href=(href(lang, "/partnere")) { (tr(lang, "staff-partners-public")) } }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-partners" {
            table {
                caption id="t-partners" { (tr(lang, "staff-partners-caption")) }
                thead { tr {
                    th scope="col" { (tr(lang, "partners-name")) }
                    th scope="col" { (tr(lang, "staff-partners-kind")) }
                    th scope="col" class="num" { (tr(lang, "partners-share")) }
                    th scope="col" { (tr(lang, "partners-period")) }
                    th scope="col" { (tr(lang, "partners-strategies")) }
                } }
                tbody {
                    @for p in &v.partners {
                        tr {
                            td { a href=(href(lang, &format!("{BASE}/{}", p.id))) { (p.partner.name) } }
                            td { (kind_label(lang, p.partner.kind)) }
                            td class="num" { (share(p.partner.share_pct)) }
                            td { (period(lang, &p.partner)) }
                            td { (links(lang, &p.partner.links)) }
                        }
                    }
                }
            }
        }
        @if staff.user().role.can_edit() {
            h2 id="ny" { (tr(lang, "staff-partners-new")) }
            (form(lang, staff, BASE, f, errors, &tr(lang, "staff-partners-add")))
        }
    };
    Ok(super::page(lang, &title, BASE, staff, body))
}

/// `GET /intern/partnere`
pub async fn page(
    State(state): State<AppState>,
    g: Viewer<SavedQuery>,
) -> Result<Response, WebError> {
    let f = PartnerForm {
        kind: PartnerKind::Ownership.code().into(),
        ..Default::default()
    };
    let page = list_page(&state, g.lang, &g.staff, &f, &[]).await?;
    Ok(respond(StatusCode::OK, page))
}

/// `POST /intern/partnere` (editors): adds an entry.
pub async fn add(
    State(state): State<AppState>,
    g: Editor<PartnerForm>,
) -> Result<Response, WebError> {
    let (lang, staff, f) = (g.lang, &g.staff, &g.form);
    let errors = match read_form(&state, lang, f).await? {
        Ok(p) => match state
            .store
            .partner_add(state.municipality(), &p, false, &staff.user().name)
            .await
        {
            Ok(id) => return Ok(super::saved_redirect(lang, &format!("{BASE}/{id}"), None)),
            Err(PartnerError::Exists(..)) => vec![tr(lang, "staff-partners-error-exists")],
            Err(e) => return Err(partner_error(e)),
        },
        Err(errors) => errors,
    };
    let status = if errors == [tr(lang, "staff-partners-error-exists")] {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = list_page(&state, lang, staff, f, &errors).await?;
    Ok(respond(status, page))
}

fn partner_error(e: PartnerError) -> WebError {
    match e {
        PartnerError::NotFound(id) => WebError::NotFound(format!("no partner entry {id}")),
        PartnerError::Store(e) => e.into(),
        e => WebError::conflict(e.to_string()),
    }
}

async fn edit_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    id: i64,
    saved: bool,
    typed: Option<&PartnerForm>,
    errors: &[String],
) -> Result<Markup, WebError> {
    let s = state
        .store
        .partner(state.municipality(), id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no partner entry {id}")))?;
    let history = state
        .store
        .partner_history(state.municipality(), id)
        .await?;
    let title = tr_args(
        lang,
        "staff-partners-entry-title",
        &[("name", s.partner.name.clone().into())],
    );
    let current = PartnerForm::of(&s.partner, s.version);
    let f = match typed {
        // A stale edit is shown on the current version, keeping the input.
        Some(t) => PartnerForm {
            version: s.version.to_string(),
            ..t.clone()
        },
        None => current,
    };
    let body = html! {
        h1 { (title) }
        @if saved { (super::saved_notice(lang)) }
        @if s.synthetic { div class="synthetic" role="note" { strong { "SYNTETISKE DATA." } } }
        @if staff.user().role.can_edit() {
            (form(lang, staff, &format!("{BASE}/{id}"), &f, errors, &tr(lang, "staff-partners-save")))
        } @else {
            dl {
                dt { (tr(lang, "staff-partners-kind")) } dd { (kind_label(lang, s.partner.kind)) }
                dt { (tr(lang, "partners-share")) } dd { (share(s.partner.share_pct)) }
                dt { (tr(lang, "partners-period")) } dd { (period(lang, &s.partner)) }
                dt { (tr(lang, "partners-strategies")) } dd { (links(lang, &s.partner.links)) }
            }
        }
        h2 { (tr(lang, "staff-pipeline-history")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-history" {
            table {
                caption id="t-history" { (tr(lang, "staff-partners-history-caption")) }
                thead { tr {
                    th scope="col" { (tr(lang, "staff-pipeline-when")) }
                    th scope="col" { (tr(lang, "staff-pipeline-who")) }
                    th scope="col" { (tr(lang, "staff-partners-field")) }
                    th scope="col" { (tr(lang, "staff-partners-old")) }
                    th scope="col" { (tr(lang, "staff-partners-new-value")) }
                } }
                tbody {
                    @for h in &history {
                        tr {
                            td { (app::as_of::local_stamp(&h.at)) }
                            td { (h.actor) }
                            td { (h.field) }
                            td { (if h.old_value.is_empty() { "–" } else { h.old_value.as_str() }) }
                            td { (if h.new_value.is_empty() { "–" } else { h.new_value.as_str() }) }
                        }
                    }
                }
            }
        }
        p { a href=(href(lang, BASE)) { (tr(lang, "staff-partners-all")) } }
    };
    Ok(super::page(lang, &title, BASE, staff, body))
}

/// `GET /intern/partnere/{id}`
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Viewer<SavedQuery>,
) -> Result<Response, WebError> {
    let page = edit_page(&state, g.lang, &g.staff, id, g.form.saved(), None, &[]).await?;
    Ok(respond(StatusCode::OK, page))
}

/// `POST /intern/partnere/{id}` (editors): changes an entry if it is still at the form's
/// version.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Editor<PartnerForm>,
) -> Result<Response, WebError> {
    let (lang, staff, f) = (g.lang, &g.staff, &g.form);
    let version: i64 = f
        .version
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest("the form has no version".into()))?;
    let (status, errors) = match read_form(&state, lang, f).await? {
        Ok(p) => match state
            .store
            .partner_update(state.municipality(), id, version, &p, &staff.user().name)
            .await
        {
            Ok(_) => return Ok(super::saved_redirect(lang, &format!("{BASE}/{id}"), None)),
            Err(PartnerError::Conflict(_)) => (
                StatusCode::CONFLICT,
                vec![tr(lang, "staff-partners-conflict")],
            ),
            Err(PartnerError::Exists(..)) => (
                StatusCode::CONFLICT,
                vec![tr(lang, "staff-partners-error-exists")],
            ),
            Err(e) => return Err(partner_error(e)),
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let page = edit_page(&state, lang, staff, id, false, Some(f), &errors).await?;
    Ok(respond(status, page))
}
