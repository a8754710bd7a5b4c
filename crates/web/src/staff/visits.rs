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

use super::{hidden, respond};
use crate::auth::Staff;
use crate::guard::{Admin, Editor, NoForm, Viewer};
use crate::layout::{href, t};
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

fn form(lang: Lang, staff: &Staff, f: &VisitForm, errors: &[String]) -> Markup {
    html! {
        h2 id="ny" { (t(lang, "Registrer et besøk", "Record a visit")) }
        @if !errors.is_empty() {
            div class="error" role="alert" {
                ul { @for e in errors { li { (e) } } }
            }
        }
        form class="stack" method="post" action="/intern/bedriftsbesok" {
            (hidden(staff, lang))
            div class="field" {
                label for="orgnr" { (t(lang, "Organisasjonsnummer", "Organisation number")) }
                input type="text" id="orgnr" name="orgnr" inputmode="numeric" value=(f.orgnr) required;
            }
            div class="field" {
                label for="company" { (t(lang, "Virksomhetens navn (hvis den ikke er i registeret)", "Company name (if not in the register)")) }
                input type="text" id="company" name="company" value=(f.company);
            }
            div class="field" {
                label for="date" { (t(lang, "Dato", "Date")) }
                input type="date" id="date" name="date" value=(f.date) required;
            }
            div class="field" {
                label for="kind" { (t(lang, "Type", "Kind")) }
                select id="kind" name="kind" {
                    option value="besok" selected[f.kind != "dialogmote"] { (t(lang, "Bedriftsbesøk", "Company visit")) }
                    option value="dialogmote" selected[f.kind == "dialogmote"] { (t(lang, "Dialogmøte", "Dialogue meeting")) }
                }
            }
            div class="field" {
                label for="area" { (t(lang, "Del av kommunen", "Part of the municipality")) }
                input type="text" id="area" name="area" value=(f.area);
            }
            div class="field" {
                label for="participants" { (t(lang, "Deltakere (én per linje)", "Participants (one per line)")) }
                textarea id="participants" name="participants" { (f.participants) }
            }
            div class="field" {
                label for="topics" { (t(lang, "Tema (ett per linje)", "Topics (one per line)")) }
                textarea id="topics" name="topics" { (f.topics) }
            }
            div class="field" {
                label for="follow_ups" { (t(lang, "Oppfølging (én per linje, strategier og tiltak i hakeparentes til slutt: «Tekst [5.7-s1, T3]»)", "Follow-ups (one per line, strategies and actions in brackets at the end: \"Text [5.7-s1, T3]\")")) }
                textarea id="follow_ups" name="follow_ups" { (f.follow_ups) }
            }
            button type="submit" { (t(lang, "Lagre besøket", "Save the visit")) }
        }
    }
}

fn list(lang: Lang, staff: &Staff, all: &[(Visit, bool)]) -> Markup {
    html! {
        div class="table-wrap" tabindex="0" {
            table {
                caption { (t(lang, "Registrerte besøk (personopplysninger: kun for ansatte)", "Recorded visits (personal data: staff only)")) }
                thead { tr {
                    th scope="col" { (t(lang, "Dato", "Date")) }
                    th scope="col" { (t(lang, "Virksomhet", "Company")) }
                    th scope="col" { (t(lang, "Type", "Kind")) }
                    th scope="col" { (t(lang, "Deltakere", "Participants")) }
                    th scope="col" { (t(lang, "Tema", "Topics")) }
                    th scope="col" { (t(lang, "Oppfølging", "Follow-ups")) }
                } }
                tbody {
                    @for (v, synthetic) in all {
                        tr {
                            td { a href=(href(lang, &format!("/intern/bedriftsbesok/{}", v.id))) { (v.date) } }
                            td { (v.company) " (" (v.orgnr) ")" @if *synthetic { " " span class="badge" { "SYNTETISK" } } }
                            td { (v.kind.nb()) }
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
            h2 { (t(lang, "Sletting etter oppbevaringstid", "Deletion after the retention period")) }
            form class="stack" method="post" action="/intern/bedriftsbesok/slett-gamle" {
                (hidden(staff, lang))
                div class="field" {
                    label for="months" { (t(lang, "Slett besøk eldre enn (måneder)", "Delete visits older than (months)")) }
                    input type="number" id="months" name="months" min="0" value=(visits::DEFAULT_RETENTION_MONTHS);
                }
                p class="hint" { (t(lang, "Antallet beholdes i statistikken, uten navn og tekst.", "The counts are kept in the statistics, without names or text.")) }
                button type="submit" class="secondary" { (t(lang, "Slett gamle besøk", "Delete old visits")) }
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
) -> Result<Markup, WebError> {
    let all = state.store.visits(state.municipality()).await?;
    let title = t(lang, "Bedriftsbesøk (intern)", "Company visits (staff)");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        p { a href=(href(lang, "/bedriftsbesok")) { (t(lang, "Offentlig statistikk over besøkene", "Public statistics of the visits")) } }
        @if staff.user().role.can_edit() { (form(lang, staff, fields, errors)) }
        (list(lang, staff, &all))
    };
    Ok(super::page(
        lang,
        title,
        "/intern/bedriftsbesok",
        staff,
        body,
    ))
}

/// `GET /intern/bedriftsbesok`
pub async fn page(State(state): State<AppState>, g: Viewer) -> Result<Response, WebError> {
    let page = render(&state, g.lang, &g.staff, &VisitForm::default(), &[], None).await?;
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
                t(
                    lang,
                    "Organisasjonsnummeret er ikke gyldig",
                    "The organisation number is not valid"
                )
            ));
            None
        }
    };
    let date = local_registers::parse_date(&fields.date).map_err(|e| {
        errors.push(format!("{}: {e}", t(lang, "Datoen", "The date")));
    });
    let kind = VisitKind::parse(match fields.kind.as_str() {
        "" => "besok",
        k => k,
    })
    .unwrap_or(VisitKind::Visit);
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
                        t(
                            lang,
                            "er ikke en strategi eller et tiltak i planen.",
                            "is not a strategy or action of the plan."
                        )
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
        errors.push(
            t(
                lang,
                "Virksomheten finnes ikke i registeret; skriv inn navnet.",
                "The company is not in the register; type its name.",
            )
            .to_string(),
        );
    }
    let (Some(orgnr), Ok(date), Some(name), true) = (orgnr, date, name, errors.is_empty()) else {
        let page = render(&state, lang, staff, &fields, &errors, None).await?;
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
    Ok(see_other(&href(
        lang,
        &format!("/intern/bedriftsbesok/{id}"),
    )))
}

/// `GET /intern/bedriftsbesok/{id}`
pub async fn detail(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    g: Viewer,
) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let (v, synthetic) = state
        .store
        .visit(state.municipality(), id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no visit {id}")))?;
    let title = format!("{} {} {}", t(lang, "Besøk", "Visit"), v.date, v.company);
    let sector = v
        .sector
        .as_deref()
        .map(|s| format!("{s} {}", app::local_registers::sector_name(s).unwrap_or("")));
    let body = html! {
        h1 { (title) }
        @if synthetic { div class="synthetic" role="note" { strong { "SYNTETISKE DATA." } } }
        dl {
            dt { (t(lang, "Virksomhet", "Company")) } dd { (v.company) " (" (v.orgnr) ")" }
            dt { (t(lang, "Næring", "Industry")) } dd { (sector.unwrap_or_else(|| "–".into())) }
            dt { (t(lang, "Del av kommunen", "Part of the municipality")) } dd { (if v.area.is_empty() { "–" } else { v.area.as_str() }) }
            dt { (t(lang, "Type", "Kind")) } dd { (v.kind.nb()) }
            dt { (t(lang, "Deltakere", "Participants")) } dd { (v.participants.join(", ")) }
            dt { (t(lang, "Tema", "Topics")) } dd { (v.topics.join(", ")) }
            dt { (t(lang, "Oppfølging", "Follow-ups")) }
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
                button type="submit" class="secondary" { (t(lang, "Slett besøket", "Delete the visit")) }
            }
        }
        p { a href=(href(lang, "/intern/bedriftsbesok")) { (t(lang, "Alle besøk", "All visits")) } }
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
        t(lang, "besøk datert før", "visits dated before"),
        t(lang, "er slettet.", "were deleted.")
    );
    let page = render(
        &state,
        lang,
        staff,
        &VisitForm::default(),
        &[],
        Some(notice),
    )
    .await?;
    Ok(respond(StatusCode::OK, page))
}
