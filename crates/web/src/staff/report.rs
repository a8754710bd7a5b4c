//! The council report's review (editors): written assessments per report period — the whole
//! plan, each focus area, each indicator, each late action — a preview of the report with them
//! in place (drafts marked), and marking the report final. The rules live in
//! [`app::report_review`]; this module shows them.

use app::report_review::{AssessmentInput, ReviewError};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use plan::Lang;
use report::{Format, Period};
use serde::Deserialize;
use store::assessments::{Assessment, SubjectKind};

use super::{hidden, respond};
use crate::auth::Staff;
use crate::guard::{Editor, Viewer};
use crate::layout::{href, tr};
use crate::{AppState, WebError};

/// Which report period a page is about.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PeriodQuery {
    /// `nb`, `nn` or `en`: the page's language and the preview's.
    pub lang: Option<String>,
    /// The report year (default: the plan period's last year).
    pub aar: Option<i32>,
    /// `year` (default), `H1` or `H2`.
    pub periode: Option<String>,
    /// Preview format: `html` (default) or `pdf`.
    pub format: Option<String>,
    /// What was just saved (`kind:id`), for the confirmation.
    pub lagret: Option<String>,
}

/// The assessment form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentForm {
    /// Report year.
    pub aar: String,
    /// `year`, `H1` or `H2`.
    pub periode: String,
    /// `plan`, `focus_area`, `indicator` or `action`.
    pub kind: String,
    /// The subject's number or id (empty for the plan).
    pub subject: String,
    /// The text (empty: withdraw).
    pub text: String,
    /// `1` when the public may see it.
    pub publish: Option<String>,
}

/// The form that marks a report final.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FinaliseForm {
    /// Report year.
    pub aar: String,
    /// `year`, `H1` or `H2`.
    pub periode: String,
}

fn period_of(s: Option<&str>) -> Result<Period, WebError> {
    Period::parse(s.unwrap_or("year")).ok_or_else(|| {
        WebError::invalid(
            "periode",
            format!(
                "ukjent periode «{}» (forventet year, H1 eller H2)",
                s.unwrap_or("")
            ),
        )
    })
}

/// A form's year field (the guard's forms read every field as text).
fn form_year(s: &str) -> Result<i32, WebError> {
    s.trim()
        .parse()
        .map_err(|_| WebError::invalid("aar", format!("«{s}» er ikke et årstall")))
}

fn year_of(plan: &plan::Plan, year: Option<i32>) -> Result<i32, WebError> {
    let year = year.unwrap_or(plan.meta.period_end);
    if plan.table_years().any(|y| y == year) {
        Ok(year)
    } else {
        Err(WebError::invalid(
            "aar",
            format!(
                "planen dekker årene {}–{}, ikke {year}",
                plan.meta.first_data_year, plan.meta.period_end
            ),
        ))
    }
}

impl From<ReviewError> for WebError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::Invalid(m) => WebError::invalid_input(m),
            e @ (ReviewError::Unexplained(_) | ReviewError::Final(_)) => {
                WebError::conflict(e.to_string())
            }
            ReviewError::App(e) => e.into(),
            ReviewError::Render(e) => e.into(),
        }
    }
}

fn review_url(lang: Lang, year: i32, period: Period) -> String {
    href(
        lang,
        &format!("/intern/rapport?aar={year}&periode={}", period.code()),
    )
}

/// One subject's form: the text in force (with who and when), the publish box, save.
#[allow(clippy::too_many_arguments)]
fn subject_form(
    lang: Lang,
    staff: &Staff,
    year: i32,
    period: Period,
    kind: SubjectKind,
    id: &str,
    heading: &str,
    note: Option<&str>,
    current: Option<&Assessment>,
    frozen: bool,
    saved: bool,
) -> Markup {
    let anchor = format!("v-{}-{}", kind.as_str(), id.replace('.', "-"));
    let field = format!("{anchor}-text");
    html! {
        section class="card" id=(anchor) {
            h3 { (heading) }
            @if let Some(n) = note { p class="deviation" { strong { (tr(lang, "staff-report-deviation")) } (n) } }
            @if saved { p class="notice" role="status" { (tr(lang, "staff-report-saved")) } }
            @if let Some(a) = current {
                p class="muted" {
                    (tr(lang, "staff-report-current-version-by")) (a.by) ", " (app::as_of::local_stamp(&a.at)) " – "
                    @if a.published { (tr(lang, "staff-report-published")) } @else { strong { (tr(lang, "staff-report-draft-not-published")) } }
                }
            }
            @if frozen {
                p { (current.map_or("–", |a| a.text.as_str())) }
            } @else {
                form class="stack" method="post" action="/intern/rapport/vurdering" {
                    (hidden(staff, lang))
                    input type="hidden" name="aar" value=(year);
                    input type="hidden" name="periode" value=(period.code());
                    input type="hidden" name="kind" value=(kind.as_str());
                    input type="hidden" name="subject" value=(id);
                    div class="field" {
                        label for=(field) { (tr(lang, "staff-report-assessment")) }
                        textarea id=(field) name="text" rows="4" maxlength=(app::report_review::MAX_TEXT_CHARS) { (current.map_or("", |a| a.text.as_str())) }
                    }
                    div class="field" {
                        label {
                            input type="checkbox" name="publish" value="1" checked[current.is_none_or(|a| a.published)];
                            " " (tr(lang, "staff-report-published-shown-in-the-public"))
                        }
                    }
                    button type="submit" { (tr(lang, "staff-report-save-the-assessment")) }
                }
            }
        }
    }
}

/// `GET /intern/rapport`: the review of one report period.
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<PeriodQuery>,
    g: Viewer,
) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let plan = crate::pages::load_plan(&state).await?;
    let year = year_of(&plan, q.aar)?;
    let period = period_of(q.periode.as_deref())?;
    let code = &state.plan_code;
    let editor = staff.user().role.can_edit();
    let frozen = state.store.is_final(code, year, period.code()).await? || !editor;
    let finals: Vec<_> = state
        .store
        .final_reports(code)
        .await?
        .into_iter()
        .filter(|f| f.year == year && f.period == period.code())
        .collect();
    let current = state
        .store
        .assessments(code, year, period.code(), false)
        .await?;
    let input = app::council_report::assemble_with(
        &state.store,
        &plan,
        year,
        period,
        &app::council_report::ReportOptions {
            drafts: true,
            data_as_of: None,
            lang: Some(lang),
        },
    )
    .await?;
    let deviations = input.deviations();
    let missing = app::report_review::unexplained(&state.store, &plan, year, period).await?;
    let find = |kind: SubjectKind, id: &str| {
        current
            .iter()
            .find(|a| a.kind == kind && a.subject_id == id)
    };
    let saved = |kind: SubjectKind, id: &str| {
        q.lagret.as_deref() == Some(&format!("{}:{id}", kind.as_str()))
    };
    let deviation_of = |kind: &str, id: &str| {
        deviations
            .iter()
            .find(|d| d.kind == kind && d.id == id)
            .map(|d| d.text.clone())
    };
    let title = format!(
        "{} {}",
        tr(lang, "staff-report-the-report-s-assessments"),
        period.label_in(lang, year)
    );
    let years: Vec<i32> = plan.table_years().collect();
    let body = html! {
        h1 { (title) }
        form class="inline" method="get" action="/intern/rapport" {
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            label for="aar" { (tr(lang, "area-year")) } " "
            select id="aar" name="aar" {
                @for y in years.iter().rev() { option value=(y) selected[*y == year] { (y) } }
            }
            " "
            label for="periode" { (tr(lang, "plans-period")) } " "
            select id="periode" name="periode" {
                option value="year" selected[period == Period::Year] { (tr(lang, "staff-report-the-whole-year")) }
                option value="H1" selected[period == Period::H1] { (tr(lang, "staff-report-first-half-year")) }
                option value="H2" selected[period == Period::H2] { (tr(lang, "staff-report-second-half-year")) }
            }
            " "
            button type="submit" class="secondary" { (tr(lang, "actions-show")) }
        }
        p {
            (tr(lang, "staff-report-the-assessments-go-into-the"))
        }
        p {
            a class="button" href=(href(lang, &format!("/intern/rapport/forhandsvis?aar={year}&periode={}", period.code()))) { (tr(lang, "staff-report-preview-the-report-html")) }
            " "
            a href=(href(lang, &format!("/intern/rapport/forhandsvis?aar={year}&periode={}&format=pdf", period.code()))) { (tr(lang, "staff-report-as-pdf")) }
        }
        @if !finals.is_empty() {
            div class="notice" role="status" {
                strong { (tr(lang, "staff-report-final-report")) }
                " " (tr(lang, "staff-report-marked-final")) " " (app::as_of::local_stamp(&finals[0].at)) " "
                (tr(lang, "actions-by")) " " (finals[0].by) ". "
                (tr(lang, "staff-report-the-assessments-can-no-longer"))
                " " a href=(href(lang, "/rapport")) { (tr(lang, "staff-report-see-it-on-the-report")) }
            }
        } @else if editor {
            section class="card" {
                h2 { (tr(lang, "staff-report-mark-as-final")) }
                @if missing.is_empty() {
                    p { (tr(lang, "staff-report-every-deviation-has-a-published"))
                    }
                    form method="post" action="/intern/rapport/endelig" {
                        (hidden(staff, lang))
                        input type="hidden" name="aar" value=(year);
                        input type="hidden" name="periode" value=(period.code());
                        button type="submit" { (tr(lang, "staff-report-mark-the-report-final")) }
                    }
                } @else {
                    p role="status" {
                        (tr(lang, "staff-report-the-report-cannot-be-marked"))
                    }
                    ul { @for m in &missing { li { (m) } } }
                }
            }
        }
        h2 { (tr(lang, "staff-report-overall-assessment")) }
        (subject_form(lang, staff, year, period, SubjectKind::Plan, "", &plan.meta.title.nb, None, find(SubjectKind::Plan, ""), frozen, saved(SubjectKind::Plan, "")))
        @let late: Vec<_> = input.actions.iter().filter(|a| a.late).collect();
        @if !late.is_empty() {
            h2 { (tr(lang, "staff-report-late-actions")) }
            @for a in &late {
                (subject_form(lang, staff, year, period, SubjectKind::Action, &a.id, &format!("{} {}", a.id, a.title), deviation_of("action", &a.id).as_deref(), find(SubjectKind::Action, &a.id), frozen, saved(SubjectKind::Action, &a.id)))
            }
        }
        h2 { (tr(lang, "layout-indicators")) }
        @for i in &input.indicators {
            (subject_form(lang, staff, year, period, SubjectKind::Indicator, &i.id, &format!("{}. {}", i.number, i.name), deviation_of("indicator", &i.id).as_deref(), find(SubjectKind::Indicator, &i.id), frozen, saved(SubjectKind::Indicator, &i.id)))
        }
        h2 { (tr(lang, "layout-focus-areas")) }
        @for a in &plan.focus_areas {
            (subject_form(lang, staff, year, period, SubjectKind::FocusArea, &a.number, &format!("{} {}", a.number, a.title.get(lang)), None, find(SubjectKind::FocusArea, &a.number), frozen, saved(SubjectKind::FocusArea, &a.number)))
        }
    };
    Ok(respond(
        StatusCode::OK,
        super::page(lang, &title, "/intern/rapport", staff, body),
    ))
}

/// `POST /intern/rapport/vurdering`: saves one assessment, back to the review page.
pub async fn save(
    State(state): State<AppState>,
    g: Editor<AssessmentForm>,
) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let plan = crate::pages::load_plan(&state).await?;
    let period = period_of(Some(&form.periode))?;
    let year = form_year(&form.aar)?;
    let kind = SubjectKind::parse(&form.kind)
        .ok_or_else(|| WebError::invalid("kind", format!("ukjent emne «{}»", form.kind)))?;
    app::report_review::save_assessment(
        &state.store,
        &plan,
        &AssessmentInput {
            year,
            period,
            kind,
            subject_id: &form.subject,
            text: &form.text,
            published: form.publish.as_deref() == Some("1"),
            by: &staff.user().name,
        },
    )
    .await?;
    tracing::info!(
        "assessment {}:{} for {} {} saved by {}",
        kind.as_str(),
        form.subject,
        period.code(),
        year,
        staff.user().name
    );
    let anchor = format!("v-{}-{}", kind.as_str(), form.subject.replace('.', "-"));
    let url = format!(
        "{}&lagret={}:{}#{anchor}",
        review_url(lang, year, period),
        kind.as_str(),
        form.subject
    );
    Ok(Redirect::to(&url).into_response())
}

/// `POST /intern/rapport/endelig`: marks the report for a period final (409 with the list when
/// a deviation lacks a published explanation, or when it is final already).
pub async fn finalise(
    State(state): State<AppState>,
    g: Editor<FinaliseForm>,
) -> Result<Response, WebError> {
    let (lang, staff, form) = (g.lang, &g.staff, g.form);
    let plan = crate::pages::load_plan(&state).await?;
    let period = period_of(Some(&form.periode))?;
    let year = year_of(&plan, Some(form_year(&form.aar)?))?;
    let files = app::report_review::finalise(
        &state.store,
        &plan,
        year,
        period,
        &staff.user().name,
        time::OffsetDateTime::now_utc(),
    )
    .await?;
    tracing::info!(
        "report {} {year} marked final by {} ({} files)",
        period.code(),
        staff.user().name,
        files.len()
    );
    Ok(Redirect::to(&review_url(lang, year, period)).into_response())
}

/// `GET /intern/rapport/forhandsvis`: the report with the latest assessments, drafts marked.
pub async fn preview(
    State(state): State<AppState>,
    Query(q): Query<PeriodQuery>,
    g: Viewer,
) -> Result<Response, WebError> {
    let lang = g.lang;
    let plan = crate::pages::load_plan(&state).await?;
    let year = year_of(&plan, q.aar)?;
    let period = period_of(q.periode.as_deref())?;
    let (format, mime) = match q.format.as_deref().unwrap_or("html") {
        "html" => (Format::Html, "text/html; charset=utf-8"),
        "pdf" => (Format::Pdf, "application/pdf"),
        other => {
            return Err(WebError::invalid(
                "format",
                format!("ukjent format «{other}» (forventet html eller pdf)"),
            ));
        }
    };
    let input = app::council_report::assemble_with(
        &state.store,
        &plan,
        year,
        period,
        &app::council_report::ReportOptions {
            drafts: true,
            data_as_of: None,
            lang: Some(lang),
        },
    )
    .await?;
    let bytes =
        tokio::task::spawn_blocking(move || ::report::render(&input, format, None)).await??;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}
