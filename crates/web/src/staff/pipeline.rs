//! The investment pipeline for staff (`/intern/investeringer`): the enquiries with their
//! details (names, sources, lost reasons: confidential, so only behind the login), recording
//! an enquiry (editors), moving one to another stage with its history (who, when, from → to;
//! editors; a stale version is refused with 409), and deleting closed enquiries older than
//! the retention period (admins; their counts are kept).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use local_registers::pipeline::{self, Enquiry, Stage, StageChange};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;
use store::pipeline::{StageError, StoredEnquiry};

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::{Admin, Editor, Viewer};
use crate::layout::{href, tr, tr_args};
use crate::pages::pipeline::stage_label;
use crate::{AppState, WebError};

const BASE: &str = "/intern/investeringer";

/// The form recording an enquiry, as typed (shown back when it has errors).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EnquiryForm {
    /// Company or project.
    pub name: String,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// Sector.
    pub sector: String,
    /// Where it came from.
    pub source: String,
    /// Jobs expected.
    pub jobs_expected: String,
    /// Area needed (daa).
    pub area_daa: String,
    /// Stage code.
    pub stage: String,
    /// Why lost.
    pub lost_reason: String,
    /// Jobs created.
    pub jobs_created: String,
    /// Land site id.
    pub site_id: String,
}

/// The stage form of an enquiry's page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StageForm {
    /// The enquiry's version the change is based on.
    pub version: String,
    /// The new stage.
    pub stage: String,
    /// Why lost.
    pub lost_reason: String,
    /// Jobs created.
    pub jobs_created: String,
    /// Land site id (empty: keep).
    pub site_id: String,
}

/// The retention form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PurgeForm {
    /// Months to keep.
    pub months: String,
}

/// A field's problem in the reader's language: the rule the field breaks.
fn problem(lang: Lang, field: &str) -> String {
    tr(
        lang,
        &format!("staff-pipeline-error-{}", field.replace('_', "-")),
    )
}

fn whole(lang: Lang, field: &str, s: &str, errors: &mut Vec<String>) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    match t.replace([' ', '\u{a0}'], "").parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(problem(lang, field));
            None
        }
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

fn stage_select(lang: Lang, id: &str, chosen: Stage, allowed: impl Fn(Stage) -> bool) -> Markup {
    html! {
        select id=(id) name="stage" {
            @for s in Stage::ALL {
                @if allowed(s) {
                    option value=(s.code()) selected[s == chosen] { (stage_label(lang, s)) }
                }
            }
        }
    }
}

fn site_field(lang: Lang, value: &str, sites: &[String]) -> Markup {
    html! {
        div class="field" {
            label for="site_id" { (tr(lang, "staff-pipeline-site")) }
            span class="hint" id="site-hint" { (tr(lang, "staff-pipeline-site-hint")) }
            select id="site_id" name="site_id" aria-describedby="site-hint" {
                option value="" selected[value.is_empty()] { "–" }
                @for s in sites {
                    option value=(s) selected[value == s] { (s) }
                }
            }
        }
    }
}

fn errors_box(errors: &[String]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error" role="alert" {
                ul { @for e in errors { li { (e) } } }
            }
        }
    }
}

fn new_form(
    lang: Lang,
    staff: &Staff,
    f: &EnquiryForm,
    errors: &[String],
    sites: &[String],
) -> Markup {
    let stage = Stage::parse(&f.stage).unwrap_or(Stage::Enquiry);
    html! {
        h2 id="ny" { (tr(lang, "staff-pipeline-new")) }
        (errors_box(errors))
        form class="stack" method="post" action=(BASE) {
            (hidden(staff, lang))
            div class="field" {
                label for="name" { (tr(lang, "staff-pipeline-name")) }
                input type="text" id="name" name="name" value=(f.name) required;
            }
            div class="field" {
                label for="date" { (tr(lang, "staff-pipeline-date")) }
                input type="date" id="date" name="date" value=(f.date) required;
            }
            div class="field" {
                label for="sector" { (tr(lang, "staff-pipeline-sector")) }
                input type="text" id="sector" name="sector" value=(f.sector);
            }
            div class="field" {
                label for="source" { (tr(lang, "staff-pipeline-source")) }
                input type="text" id="source" name="source" value=(f.source);
            }
            div class="field" {
                label for="jobs_expected" { (tr(lang, "pipeline-jobs-expected")) }
                input type="number" id="jobs_expected" name="jobs_expected" min="0" value=(f.jobs_expected);
            }
            div class="field" {
                label for="area_daa" { (tr(lang, "staff-pipeline-area")) }
                input type="text" id="area_daa" name="area_daa" inputmode="decimal" value=(f.area_daa);
            }
            div class="field" {
                label for="stage" { (tr(lang, "pipeline-stage")) }
                (stage_select(lang, "stage", stage, |_| true))
            }
            (site_field(lang, &f.site_id, sites))
            div class="field" {
                label for="lost_reason" { (tr(lang, "staff-pipeline-lost-reason")) }
                input type="text" id="lost_reason" name="lost_reason" value=(f.lost_reason);
            }
            div class="field" {
                label for="jobs_created" { (tr(lang, "pipeline-jobs-created")) }
                input type="number" id="jobs_created" name="jobs_created" min="0" value=(f.jobs_created);
            }
            button type="submit" { (tr(lang, "staff-pipeline-save")) }
        }
    }
}

fn list(lang: Lang, staff: &Staff, all: &[StoredEnquiry]) -> Markup {
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-enquiries" {
            table {
                caption id="t-enquiries" { (tr(lang, "staff-pipeline-list-caption")) }
                thead { tr {
                    th scope="col" { (tr(lang, "staff-pipeline-date")) }
                    th scope="col" { (tr(lang, "staff-pipeline-name")) }
                    th scope="col" { (tr(lang, "pipeline-stage")) }
                    th scope="col" class="num" { (tr(lang, "pipeline-jobs-expected")) }
                    th scope="col" class="num" { (tr(lang, "pipeline-jobs-created")) }
                    th scope="col" { (tr(lang, "staff-pipeline-site")) }
                } }
                tbody {
                    @for s in all {
                        @let e = &s.enquiry;
                        tr {
                            td { a href=(href(lang, &format!("{BASE}/{}", e.id))) { (e.date) } }
                            td { (e.name) @if s.synthetic { " " span class="badge" { "SYNTETISK" } } }
                            td { (stage_label(lang, e.stage)) }
                            td class="num" { (e.jobs_expected.map_or("–".into(), |n| n.to_string())) }
                            td class="num" { (e.jobs_created.map_or("–".into(), |n| n.to_string())) }
                            td { (e.site_id.as_deref().unwrap_or("–")) }
                        }
                    }
                }
            }
        }
        @if staff.user().role.is_admin() {
            h2 { (tr(lang, "staff-pipeline-retention")) }
            form class="stack" method="post" action=(format!("{BASE}/slett-gamle")) {
                (hidden(staff, lang))
                div class="field" {
                    label for="months" { (tr(lang, "staff-pipeline-older-than-months")) }
                    input type="number" id="months" name="months" min="0" value=(pipeline::DEFAULT_RETENTION_MONTHS);
                }
                p class="hint" { (tr(lang, "staff-pipeline-retention-hint")) }
                button type="submit" class="secondary" { (tr(lang, "staff-pipeline-purge")) }
            }
        }
    }
}

async fn sites(state: &AppState) -> Result<Vec<String>, WebError> {
    Ok(
        app::pipeline::land_site_ids(&state.store, state.municipality())
            .await?
            .into_iter()
            .collect(),
    )
}

async fn render(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    fields: &EnquiryForm,
    errors: &[String],
    notice: Option<String>,
) -> Result<Markup, WebError> {
    let all = state.store.pipeline_enquiries(state.municipality()).await?;
    let sites = sites(state).await?;
    let title = tr(lang, "staff-pipeline-title");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        p { (tr(lang, "staff-pipeline-confidential")) }
        p { a href=(href(lang, "/investeringer")) { (tr(lang, "staff-pipeline-public")) } }
        @if staff.user().role.can_edit() {
            (new_form(lang, staff, fields, errors, &sites))
        }
        (list(lang, staff, &all))
    };
    Ok(super::page(lang, &title, BASE, staff, body))
}

/// `GET /intern/investeringer`
pub async fn page(
    State(state): State<AppState>,
    g: Viewer<SavedQuery>,
) -> Result<Response, WebError> {
    let page = render(&state, g.lang, &g.staff, &EnquiryForm::default(), &[], None).await?;
    Ok(respond(StatusCode::OK, page))
}

/// `POST /intern/investeringer`: records an enquiry (editors).
pub async fn add(
    State(state): State<AppState>,
    g: Editor<EnquiryForm>,
) -> Result<Response, WebError> {
    let (lang, staff, f) = (g.lang, &g.staff, g.form);
    let mut errors = Vec::new();
    let date = local_registers::parse_date(&f.date).map_err(|_| errors.push(problem(lang, "dato")));
    let stage = match f.stage.trim() {
        "" => Some(Stage::Enquiry),
        s => Stage::parse(s).or_else(|| {
            errors.push(problem(lang, "fase"));
            None
        }),
    };
    let jobs_expected = whole(
        lang,
        "arbeidsplasser_forventet",
        &f.jobs_expected,
        &mut errors,
    );
    let jobs_created = whole(lang, "arbeidsplasser_skapt", &f.jobs_created, &mut errors);
    let area_daa = match f.area_daa.trim() {
        "" => None,
        a => local_registers::parse_number(a)
            .map_err(|_| errors.push(problem(lang, "areal_daa")))
            .ok(),
    };
    let known = app::pipeline::land_site_ids(&state.store, state.municipality()).await?;
    if let (Ok(date), Some(stage)) = (date, stage) {
        let e = Enquiry {
            id: 0,
            name: f.name.trim().to_string(),
            sector: f.sector.trim().to_string(),
            source: f.source.trim().to_string(),
            jobs_expected,
            area_daa,
            date,
            stage,
            lost_reason: opt(&f.lost_reason),
            jobs_created,
            site_id: opt(&f.site_id),
        };
        for (field, _) in e.problems(Some(&known)) {
            errors.push(problem(lang, field));
        }
        if errors.is_empty() {
            let id = state
                .store
                .pipeline_add(state.municipality(), &e, false, &staff.user().name)
                .await?;
            return Ok(super::saved_redirect(lang, &format!("{BASE}/{id}"), None));
        }
    }
    let page = render(&state, lang, staff, &f, &errors, None).await?;
    Ok(respond(StatusCode::UNPROCESSABLE_ENTITY, page))
}

async fn detail_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    id: i64,
    saved: bool,
    errors: &[String],
    typed: Option<&StageForm>,
) -> Result<Markup, WebError> {
    let s = state
        .store
        .pipeline_enquiry(state.municipality(), id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no enquiry {id}")))?;
    let history = state
        .store
        .pipeline_history(state.municipality(), id)
        .await?;
    let sites = sites(state).await?;
    let e = &s.enquiry;
    let title = tr_args(
        lang,
        "staff-pipeline-enquiry-title",
        &[("name", e.name.clone().into())],
    );
    let dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
    let next = typed
        .and_then(|t| Stage::parse(&t.stage))
        .or_else(|| Stage::ALL.into_iter().find(|s| e.stage.may_move_to(*s)));
    let body = html! {
        h1 { (title) }
        @if saved { (super::saved_notice(lang)) }
        @if s.synthetic { div class="synthetic" role="note" { strong { "SYNTETISKE DATA." } } }
        dl {
            dt { (tr(lang, "staff-pipeline-date")) } dd { (e.date) }
            dt { (tr(lang, "pipeline-stage")) } dd { (stage_label(lang, e.stage)) }
            dt { (tr(lang, "staff-pipeline-sector")) } dd { (dash(opt(&e.sector))) }
            dt { (tr(lang, "staff-pipeline-source")) } dd { (dash(opt(&e.source))) }
            dt { (tr(lang, "pipeline-jobs-expected")) } dd { (dash(e.jobs_expected.map(|n| n.to_string()))) }
            dt { (tr(lang, "staff-pipeline-area")) } dd { (dash(e.area_daa.map(|a| plan::fmt::number_auto(a, 1)))) }
            dt { (tr(lang, "staff-pipeline-site")) }
            dd {
                @match &e.site_id {
                    Some(site) => a href=(href(lang, "/naeringsarealer")) { (site) },
                    None => "–",
                }
            }
            @if let Some(r) = &e.lost_reason { dt { (tr(lang, "staff-pipeline-lost-reason")) } dd { (r) } }
            @if let Some(n) = e.jobs_created { dt { (tr(lang, "pipeline-jobs-created")) } dd { (n) } }
            dt { (tr(lang, "staff-pipeline-recorded")) } dd { (s.recorded_by) ", " (app::as_of::local_stamp(&s.recorded_at)) }
        }
        @if staff.user().role.can_edit() {
            @if let Some(next) = next {
                h2 id="fase" { (tr(lang, "staff-pipeline-change-stage")) }
                (errors_box(errors))
                form class="stack" method="post" action=(format!("{BASE}/{id}/fase")) {
                    (hidden(staff, lang))
                    input type="hidden" name="version" value=(s.version);
                    div class="field" {
                        label for="new-stage" { (tr(lang, "staff-pipeline-new-stage")) }
                        (stage_select(lang, "new-stage", next, |to| e.stage.may_move_to(to)))
                    }
                    (site_field(lang, typed.map_or(e.site_id.as_deref().unwrap_or(""), |t| t.site_id.as_str()), &sites))
                    div class="field" {
                        label for="lost_reason" { (tr(lang, "staff-pipeline-lost-reason")) }
                        input type="text" id="lost_reason" name="lost_reason" value=(typed.map_or("", |t| t.lost_reason.as_str()));
                    }
                    div class="field" {
                        label for="jobs_created" { (tr(lang, "pipeline-jobs-created")) }
                        input type="number" id="jobs_created" name="jobs_created" min="0" value=(typed.map_or("", |t| t.jobs_created.as_str()));
                    }
                    button type="submit" { (tr(lang, "staff-pipeline-save-stage")) }
                }
            } @else {
                p { (tr(lang, "staff-pipeline-final")) }
            }
        }
        h2 { (tr(lang, "staff-pipeline-history")) }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-history" {
            table {
                caption id="t-history" { (tr(lang, "staff-pipeline-history-caption")) }
                thead { tr {
                    th scope="col" { (tr(lang, "staff-pipeline-when")) }
                    th scope="col" { (tr(lang, "staff-pipeline-who")) }
                    th scope="col" { (tr(lang, "staff-pipeline-from")) }
                    th scope="col" { (tr(lang, "staff-pipeline-to")) }
                    th scope="col" { (tr(lang, "staff-pipeline-detail")) }
                } }
                tbody {
                    @for h in &history {
                        tr {
                            td { (app::as_of::local_stamp(&h.at)) }
                            td { (h.by) }
                            td { (h.from.map_or_else(|| tr(lang, "staff-pipeline-recorded-first"), |f| stage_label(lang, f))) }
                            td { (stage_label(lang, h.to)) }
                            td { (if h.detail.is_empty() { "–" } else { h.detail.as_str() }) }
                        }
                    }
                }
            }
        }
        p { a href=(href(lang, BASE)) { (tr(lang, "staff-pipeline-all")) } }
    };
    Ok(super::page(lang, &title, BASE, staff, body))
}

/// `GET /intern/investeringer/{id}`
pub async fn detail(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Viewer<SavedQuery>,
) -> Result<Response, WebError> {
    let page = detail_page(&state, g.lang, &g.staff, id, g.form.saved(), &[], None).await?;
    Ok(respond(StatusCode::OK, page))
}

/// `POST /intern/investeringer/{id}/fase` (editors): moves the enquiry to another stage.
pub async fn set_stage(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Editor<StageForm>,
) -> Result<Response, WebError> {
    let (lang, staff, f) = (g.lang, &g.staff, &g.form);
    let mut errors = Vec::new();
    let version: i64 = f
        .version
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest("the form has no version".into()))?;
    let stage = Stage::parse(&f.stage);
    if stage.is_none() {
        errors.push(problem(lang, "fase"));
    }
    let jobs_created = whole(lang, "arbeidsplasser_skapt", &f.jobs_created, &mut errors);
    if let (Some(stage), true) = (stage, errors.is_empty()) {
        let change = StageChange {
            stage,
            lost_reason: opt(&f.lost_reason),
            jobs_created,
            site_id: opt(&f.site_id),
        };
        let known = app::pipeline::land_site_ids(&state.store, state.municipality()).await?;
        match state
            .store
            .pipeline_set_stage(
                state.municipality(),
                id,
                version,
                &change,
                &known,
                &staff.user().name,
            )
            .await
        {
            Ok(_) => {
                return Ok(super::saved_redirect(lang, &format!("{BASE}/{id}"), None));
            }
            Err(StageError::NotFound(_)) => {
                return Err(WebError::NotFound(format!("no enquiry {id}")));
            }
            Err(StageError::Conflict(_)) => {
                let errors = [tr(lang, "staff-pipeline-conflict")];
                let page = detail_page(&state, lang, staff, id, false, &errors, Some(f)).await?;
                return Ok(respond(StatusCode::CONFLICT, page));
            }
            Err(StageError::Invalid(problems)) => {
                errors.extend(problems.iter().map(|(field, _)| problem(lang, field)));
            }
            Err(StageError::Store(e)) => return Err(e.into()),
        }
    }
    let page = detail_page(&state, lang, staff, id, false, &errors, Some(f)).await?;
    Ok(respond(StatusCode::UNPROCESSABLE_ENTITY, page))
}

/// `POST /intern/investeringer/slett-gamle` (admins): deletes the closed enquiries older than
/// the retention period, keeping their counts.
pub async fn purge(
    State(state): State<AppState>,
    g: Admin<PurgeForm>,
) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let months = g
        .form
        .months
        .trim()
        .parse::<u32>()
        .unwrap_or(pipeline::DEFAULT_RETENTION_MONTHS);
    let (cutoff, n) = app::pipeline::purge(
        &state.store,
        state.municipality(),
        months,
        &staff.user().name,
    )
    .await?;
    let notice = tr_args(
        lang,
        "staff-pipeline-purged",
        &[("count", n.into()), ("date", cutoff.to_string().into())],
    );
    let page = render(
        &state,
        lang,
        staff,
        &EnquiryForm::default(),
        &[],
        Some(notice),
    )
    .await?;
    Ok(respond(StatusCode::OK, page))
}
