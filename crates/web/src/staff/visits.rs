//! Company visits for staff: the list with details (participants, topics, follow-ups: personal
//! data, so only behind the login), recording a visit (editors), deleting one (editors), and
//! deleting everything older than the retention period (admins).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use local_registers::visits::{self, FollowUp, Visit, VisitKind};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::{Admin, Editor, NoForm, Viewer};
use crate::layout::{href, tr, tr_args};
use crate::pages::load_plan;
use crate::{AppState, WebError};

/// The form recording a visit, as typed (shown back when it has errors).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VisitForm {
    /// Organisation number (spaces allowed).
    pub orgnr: String,
    /// The company's name, when it is not in the register.
    pub company: String,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// `besok` or `dialogmote`.
    pub kind: String,
    /// Part of the municipality.
    pub area: String,
    /// Participants, one per line.
    pub participants: String,
    /// Topics, one per line.
    pub topics: String,
    /// Follow-ups, one per line, links in brackets at the end.
    pub follow_ups: String,
}

/// The visit page's query: a company search by name (`finn`), an organisation number chosen
/// from it (`orgnr`, filled into the form), `lagret` after a save.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VisitQuery {
    /// Words of a company's name.
    pub finn: String,
    /// The organisation number chosen.
    pub orgnr: String,
}

/// The company search's answer on the page.
struct Search {
    query: String,
    /// `None`: no register snapshot stored.
    hits: Option<Vec<app::local_registers::CompanyHit>>,
}

/// The retention form: delete visits older than `months` (not a number: the default).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PurgeForm {
    /// Months to keep.
    pub months: String,
}

fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, to.to_string()),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
    )
        .into_response()
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn search_form(lang: Lang, search: Option<&Search>) -> Markup {
    let query = search.map_or("", |s| s.query.as_str());
    html! {
        h2 id="finn-bedrift" { (tr(lang, "staff-visits-find-company")) }
        form class="stack" method="get" action="/intern/bedriftsbesok#finn-bedrift" role="search" {
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            div class="field" {
                label for="finn" { (tr(lang, "staff-visits-search-name")) }
                span class="hint" id="finn-hint" { (tr(lang, "staff-visits-find-hint")) }
                input type="search" id="finn" name="finn" value=(query) minlength="2" aria-describedby="finn-hint";
            }
            button type="submit" class="secondary" { (tr(lang, "staff-visits-search")) }
        }
        @if let Some(s) = search {
            @match &s.hits {
                None => p class="notice" role="status" { (tr(lang, "staff-visits-no-register")) },
                Some(_) if s.query.trim().chars().count() < 2 => p class="notice" role="status" { (tr(lang, "staff-visits-too-short")) },
                Some(hits) if hits.is_empty() => p class="notice" role="status" {
                    (tr_args(lang, "staff-visits-no-hits", &[("query", s.query.trim().to_string().into())]))
                },
                Some(hits) => {
                    p role="status" { (tr_args(lang, "staff-visits-hits", &[("query", s.query.trim().to_string().into()), ("count", hits.len().into())])) }
                    ul class="hits" {
                        @for h in hits {
                            li {
                                a href=(href(lang, &format!("/intern/bedriftsbesok?orgnr={}#ny", h.orgnr))) { (h.name) }
                                " (" (h.orgnr) ")"
                                @if !h.present { " – " em { (tr(lang, "staff-visits-not-present")) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn form(
    lang: Lang,
    staff: &Staff,
    f: &VisitForm,
    errors: &[String],
    districts: &[String],
    chosen: Option<&str>,
) -> Markup {
    let area = f.area.trim();
    html! {
        h2 id="ny" { (tr(lang, "staff-visits-record-a-visit")) }
        @if !errors.is_empty() {
            div class="error" role="alert" {
                ul { @for e in errors { li { (e) } } }
            }
        }
        form class="stack" method="post" action="/intern/bedriftsbesok" {
            (hidden(staff, lang))
            div class="field" {
                label for="orgnr" { (tr(lang, "local-registers-organisation-number")) }
                @if let Some(name) = chosen {
                    span class="hint" id="orgnr-hint" { (tr_args(lang, "staff-visits-chosen", &[("name", name.to_string().into())])) }
                }
                input type="text" id="orgnr" name="orgnr" inputmode="numeric" value=(f.orgnr) required
                    aria-describedby=[chosen.map(|_| "orgnr-hint")];
            }
            div class="field" {
                label for="company" { (tr(lang, "staff-visits-company-name-if-not-in")) }
                input type="text" id="company" name="company" value=(f.company);
            }
            div class="field" {
                label for="date" { (tr(lang, "staff-visits-date")) }
                input type="date" id="date" name="date" value=(f.date) required;
            }
            div class="field" {
                label for="kind" { (tr(lang, "staff-visits-kind")) }
                select id="kind" name="kind" {
                    option value="besok" selected[f.kind != "dialogmote"] { (tr(lang, "staff-visits-company-visit")) }
                    option value="dialogmote" selected[f.kind == "dialogmote"] { (tr(lang, "staff-visits-dialogue-meeting")) }
                }
            }
            div class="field" {
                label for="area" { (tr(lang, "staff-visits-part-of-the-municipality")) }
                @if districts.is_empty() {
                    input type="text" id="area" name="area" value=(f.area);
                } @else {
                    span class="hint" id="area-hint" { (tr(lang, "staff-visits-area-hint")) }
                    select id="area" name="area" aria-describedby="area-hint" {
                        option value="" selected[area.is_empty()] { (tr(lang, "staff-visits-area-none")) }
                        @for d in districts {
                            option value=(d) selected[area == d] { (d) }
                        }
                        // A value typed before the list existed is kept, not silently lost.
                        @if !area.is_empty() && !districts.iter().any(|d| d == area) {
                            option value=(area) selected { (area) " " (tr(lang, "staff-visits-area-kept")) }
                        }
                    }
                }
            }
            div class="field" {
                label for="participants" { (tr(lang, "staff-visits-participants-one-per-line")) }
                textarea id="participants" name="participants" { (f.participants) }
            }
            div class="field" {
                label for="topics" { (tr(lang, "staff-visits-topics-one-per-line")) }
                textarea id="topics" name="topics" { (f.topics) }
            }
            div class="field" {
                label for="follow_ups" { (tr(lang, "staff-visits-follow-ups-one-per-line")) }
                textarea id="follow_ups" name="follow_ups" { (f.follow_ups) }
            }
            button type="submit" { (tr(lang, "staff-visits-save-the-visit")) }
        }
    }
}

fn list(lang: Lang, staff: &Staff, all: &[(Visit, bool)]) -> Markup {
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-visits" {
            table {
                caption id="t-visits" { (tr(lang, "staff-visits-recorded-visits-personal-data-staff")) }
                thead { tr {
                    th scope="col" { (tr(lang, "staff-visits-date")) }
                    th scope="col" { (tr(lang, "staff-visits-company")) }
                    th scope="col" { (tr(lang, "staff-visits-kind")) }
                    th scope="col" { (tr(lang, "staff-visits-participants")) }
                    th scope="col" { (tr(lang, "staff-visits-topics")) }
                    th scope="col" { (tr(lang, "staff-visits-follow-ups")) }
                } }
                tbody {
                    @for (v, synthetic) in all {
                        tr {
                            td { a href=(href(lang, &format!("/intern/bedriftsbesok/{}", v.id))) { (v.date) } }
                            td { (v.company) " (" (v.orgnr) ")" @if *synthetic { " " span class="badge" { "SYNTETISK" } } }
                            td { (crate::pages::local_registers::code_label(lang, "visit-kind", v.kind.code())) }
                            td { (v.participants.join(", ")) }
                            td { (v.topics.join(", ")) }
                            td {
                                @for f in &v.follow_ups {
                                    (f.text)
                                    @if !f.links.is_empty() { " [" (f.links.join(", ")) "]" }
                                    br;
                                }
                            }
                        }
                    }
                }
            }
        }
        @if staff.user().role.is_admin() {
            h2 { (tr(lang, "staff-visits-deletion-after-the-retention-period")) }
            form class="stack" method="post" action="/intern/bedriftsbesok/slett-gamle" {
                (hidden(staff, lang))
                div class="field" {
                    label for="months" { (tr(lang, "staff-visits-delete-visits-older-than-months")) }
                    input type="number" id="months" name="months" min="0" value=(visits::DEFAULT_RETENTION_MONTHS);
                }
                p class="hint" { (tr(lang, "staff-visits-the-counts-are-kept-in")) }
                button type="submit" class="secondary" { (tr(lang, "staff-visits-delete-old-visits")) }
            }
        }
    }
}

async fn render(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    fields: &VisitForm,
    errors: &[String],
    notice: Option<String>,
    search: Option<&Search>,
) -> Result<Markup, WebError> {
    let all = state.store.visits(state.municipality()).await?;
    let plan = load_plan(state).await?;
    let districts = app::local_registers::visit_districts(&plan);
    // The company an organisation number in the form stands for, when the register has it.
    let chosen = match fields.orgnr.replace(' ', "").parse::<brreg::OrgNr>() {
        Ok(o) => app::local_registers::company(&state.store, o)
            .await?
            .map(|c| c.name),
        Err(_) => None,
    };
    let title = tr(lang, "staff-visits-company-visits-staff");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        p { a href=(href(lang, "/bedriftsbesok")) { (tr(lang, "staff-visits-public-statistics-of-the-visits")) } }
        @if staff.user().role.can_edit() {
            (search_form(lang, search))
            (form(lang, staff, fields, errors, &districts, chosen.as_deref()))
        }
        (list(lang, staff, &all))
    };
    Ok(super::page(
        lang,
        &title,
        "/intern/bedriftsbesok",
        staff,
        body,
    ))
}

/// `GET /intern/bedriftsbesok`
/// `?finn=NAME` searches the stored register for companies in the municipality, each found one
/// a link back with `?orgnr=…` that fills the form's organisation number (no JavaScript).
pub async fn page(
    State(state): State<AppState>,
    g: Viewer<VisitQuery>,
) -> Result<Response, WebError> {
    let q = &g.form;
    let search = if q.finn.trim().is_empty() || !g.staff.user().role.can_edit() {
        None
    } else {
        Some(Search {
            query: q.finn.clone(),
            hits: app::local_registers::search_companies(
                &state.store,
                state.municipality(),
                &q.finn,
            )
            .await?,
        })
    };
    let fields = VisitForm {
        orgnr: q.orgnr.trim().to_string(),
        ..Default::default()
    };
    let page = render(
        &state,
        g.lang,
        &g.staff,
        &fields,
        &[],
        None,
        search.as_ref(),
    )
    .await?;
    Ok(respond(StatusCode::OK, page))
}

/// `POST /intern/bedriftsbesok`: records a visit (editors).
pub async fn add(
    State(state): State<AppState>,
    g: Editor<VisitForm>,
) -> Result<Response, WebError> {
    let (lang, staff, fields) = (g.lang, &g.staff, g.form);
    let plan = load_plan(&state).await?;
    let mut errors = Vec::new();
    let orgnr = fields.orgnr.replace(' ', "");
    let orgnr = match orgnr.parse::<brreg::OrgNr>() {
        Ok(o) => Some(o),
        Err(e) => {
            errors.push(format!(
                "{}: {e}",
                tr(lang, "staff-visits-the-organisation-number-is-not")
            ));
            None
        }
    };
    let date = local_registers::parse_date(&fields.date).map_err(|e| {
        errors.push(format!("{}: {e}", tr(lang, "staff-visits-the-date")));
    });
    let kind = VisitKind::parse(match fields.kind.as_str() {
        "" => "besok",
        k => k,
    })
    .unwrap_or(VisitKind::Visit);
    // With a choice list, only its values (or none); a free-text value stays possible where
    // the plan's municipality has no list.
    let districts = app::local_registers::visit_districts(&plan);
    let area = fields.area.trim();
    if !districts.is_empty() && !area.is_empty() && !districts.iter().any(|d| d == area) {
        errors.push(tr(lang, "staff-visits-area-unknown").to_string());
    }
    let mut follow_ups = Vec::new();
    let known = app::local_registers::linkable_ids(&state.store, &plan).await?;
    for l in lines(&fields.follow_ups) {
        match FollowUp::parse(&l) {
            Ok(f) => {
                let unknown = f.unknown_links(&known);
                if !unknown.is_empty() {
                    errors.push(format!(
                        "{} {}",
                        unknown.join(", "),
                        tr(lang, "staff-visits-is-not-a-strategy-or")
                    ));
                }
                follow_ups.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    let company = match orgnr {
        Some(o) => app::local_registers::company(&state.store, o).await?,
        None => None,
    };
    let typed = fields.company.trim().to_string();
    let name = if !typed.is_empty() {
        Some(typed)
    } else {
        company.as_ref().map(|c| c.name.clone())
    };
    if orgnr.is_some() && name.is_none() {
        errors.push(tr(lang, "staff-visits-the-company-is-not-in").to_string());
    }
    let (Some(orgnr), Ok(date), Some(name), true) = (orgnr, date, name, errors.is_empty()) else {
        let page = render(&state, lang, staff, &fields, &errors, None, None).await?;
        return Ok(respond(StatusCode::UNPROCESSABLE_ENTITY, page));
    };
    let v = Visit {
        id: 0,
        orgnr,
        company: name,
        sector: company.and_then(|c| c.sector),
        area: fields.area.trim().to_string(),
        date,
        kind,
        participants: lines(&fields.participants),
        topics: lines(&fields.topics),
        follow_ups,
    };
    let id = state
        .store
        .visit_add(state.municipality(), &v, false, &staff.user().name)
        .await?;
    Ok(super::saved_redirect(
        lang,
        &format!("/intern/bedriftsbesok/{id}"),
        None,
    ))
}

/// `GET /intern/bedriftsbesok/{id}`
pub async fn detail(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Viewer<SavedQuery>,
) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let (v, synthetic) = state
        .store
        .visit(state.municipality(), id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no visit {id}")))?;
    let title = format!(
        "{} {} {}",
        tr(lang, "staff-visits-visit"),
        v.date,
        v.company
    );
    let sector = v
        .sector
        .as_deref()
        .map(|s| format!("{s} {}", app::local_registers::sector_name(s).unwrap_or("")));
    let body = html! {
        h1 { (title) }
        @if g.form.saved() { (super::saved_notice(lang)) }
        @if synthetic { div class="synthetic" role="note" { strong { "SYNTETISKE DATA." } } }
        dl {
            dt { (tr(lang, "staff-visits-company")) } dd { (v.company) " (" (v.orgnr) ")" }
            dt { (tr(lang, "local-registers-industry")) } dd { (sector.unwrap_or_else(|| "–".into())) }
            dt { (tr(lang, "staff-visits-part-of-the-municipality")) } dd { (if v.area.is_empty() { "–" } else { v.area.as_str() }) }
            dt { (tr(lang, "staff-visits-kind")) } dd { (crate::pages::local_registers::code_label(lang, "visit-kind", v.kind.code())) }
            dt { (tr(lang, "staff-visits-participants")) } dd { (v.participants.join(", ")) }
            dt { (tr(lang, "staff-visits-topics")) } dd { (v.topics.join(", ")) }
            dt { (tr(lang, "staff-visits-follow-ups")) }
            dd {
                ul class="plain" {
                    @for f in &v.follow_ups {
                        li {
                            (f.text)
                            @for l in &f.links {
                                " "
                                @if l.contains('-') {
                                    span class="badge" { (l) }
                                } @else {
                                    a class="badge" href=(href(lang, &format!("/tiltak/{l}"))) { (l) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if staff.user().role.can_edit() {
            form method="post" action=(format!("/intern/bedriftsbesok/{id}/slett")) {
                (hidden(staff, lang))
                button type="submit" class="secondary" { (tr(lang, "staff-visits-delete-the-visit")) }
            }
        }
        p { a href=(href(lang, "/intern/bedriftsbesok")) { (tr(lang, "staff-visits-all-visits")) } }
    };
    Ok(respond(
        StatusCode::OK,
        super::page(lang, &title, "/intern/bedriftsbesok", staff, body),
    ))
}

/// `POST /intern/bedriftsbesok/{id}/slett` (editors).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Editor<NoForm>,
) -> Result<Response, WebError> {
    state.store.visit_delete(state.municipality(), id).await?;
    Ok(see_other(&href(g.lang, "/intern/bedriftsbesok")))
}

/// `POST /intern/bedriftsbesok/slett-gamle` (admins): deletes the visits older than the
/// retention period, keeping their counts.
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
        .unwrap_or(visits::DEFAULT_RETENTION_MONTHS);
    let cutoff = visits::retention_cutoff(time::OffsetDateTime::now_utc().date(), months);
    let n = state
        .store
        .visits_purge(state.municipality(), cutoff, &staff.user().name)
        .await?;
    let notice = format!(
        "{n} {} {cutoff} {}",
        tr(lang, "staff-visits-visits-dated-before"),
        tr(lang, "staff-visits-were-deleted")
    );
    let page = render(
        &state,
        lang,
        staff,
        &VisitForm::default(),
        &[],
        Some(notice),
        None,
    )
    .await?;
    Ok(respond(StatusCode::OK, page))
}
