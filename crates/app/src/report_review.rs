//! The council report's review: staff write assessments per report period (the whole plan, a
//! focus area, an indicator, a late action), preview the report with them, and mark it final.
//!
//! Why these rules: a council decides on the report, so the version it got must stay as it was
//! (the final report's bytes are stored with their SHA-256 and served from then on, whatever
//! the data do later), and no deviation goes to the council unexplained (a report with an
//! indicator off its ambition or a late action and no written explanation cannot be marked
//! final). The public sees published assessments only; the preview shows drafts, marked.

use report::{Format, Period, ReportState};
use store::Store;
use store::assessments::{Assessment, FinalReportFile, NewAssessment, SubjectKind};
use time::OffsetDateTime;

use crate::AppError;
use crate::council_report::{ReportOptions, assemble_with};

/// The longest assessment text, in characters (about ten pages).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The formats a final report is stored in, with their file extension.
pub const FINAL_FORMATS: [(Format, &str); 4] = [
    (Format::Pdf, "pdf"),
    (Format::Docx, "docx"),
    (Format::Html, "html"),
    (Format::Markdown, "md"),
];

/// Why a review step was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The input is not valid (unknown subject, year outside the plan, text too long).
    #[error("{0}")]
    Invalid(String),
    /// The report has deviations without a written explanation.
    #[error(
        "rapporten kan ikke markeres som endelig: {} avvik mangler forklaring ({})",
        .0.len(),
        .0.join("; ")
    )]
    Unexplained(Vec<String>),
    /// The report for the period is final already (its assessments are frozen).
    #[error("{0}")]
    Final(String),
    /// The store or the engine failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// A format could not be rendered.
    #[error(transparent)]
    Render(#[from] report::RenderError),
}

impl From<store::StoreError> for ReviewError {
    fn from(e: store::StoreError) -> Self {
        ReviewError::App(e.into())
    }
}

/// One assessment to save.
#[derive(Debug, Clone)]
pub struct AssessmentInput<'a> {
    /// Report year.
    pub year: i32,
    /// Period.
    pub period: Period,
    /// What it is about.
    pub kind: SubjectKind,
    /// The focus area's number, the indicator's or the action's id; empty for the plan.
    pub subject_id: &'a str,
    /// The text (empty: withdraw the assessment).
    pub text: &'a str,
    /// Whether the public may see it.
    pub published: bool,
    /// Who writes it (login name).
    pub by: &'a str,
}

fn final_refusal(year: i32, period: Period) -> ReviewError {
    ReviewError::Final(format!(
        "rapporten for {} er endelig; den og vurderingene kan ikke endres",
        period.label(year)
    ))
}

/// Checks and saves a new version of an assessment.
pub async fn save_assessment(
    store: &Store,
    plan: &plan::Plan,
    input: &AssessmentInput<'_>,
) -> Result<Assessment, ReviewError> {
    let code = &store.plan_key_or_code(plan).await?;
    if !plan.table_years().any(|y| y == input.year) {
        return Err(ReviewError::Invalid(format!(
            "planen dekker årene {}–{}, ikke {}",
            plan.meta.first_data_year, plan.meta.period_end, input.year
        )));
    }
    let known = match input.kind {
        SubjectKind::Plan => input.subject_id.is_empty(),
        SubjectKind::FocusArea => plan
            .focus_areas
            .iter()
            .any(|a| a.number == input.subject_id),
        SubjectKind::Indicator => plan.indicator(input.subject_id).is_some(),
        SubjectKind::Action => store.action(code, input.subject_id).await?.is_some(),
    };
    if !known {
        return Err(ReviewError::Invalid(format!(
            "ukjent {} «{}»",
            match input.kind {
                SubjectKind::Plan => "plan",
                SubjectKind::FocusArea => "innsatsområde",
                SubjectKind::Indicator => "indikator",
                SubjectKind::Action => "tiltak",
            },
            input.subject_id
        )));
    }
    let chars = input.text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(ReviewError::Invalid(format!(
            "vurderingen er {chars} tegn; høyst {MAX_TEXT_CHARS} er tillatt"
        )));
    }
    if input
        .text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ReviewError::Invalid(
            "vurderingen inneholder kontrolltegn".into(),
        ));
    }
    if store
        .is_final(code, input.year, input.period.code())
        .await?
    {
        return Err(final_refusal(input.year, input.period));
    }
    let text = input.text.replace("\r\n", "\n");
    store
        .add_assessment(
            code,
            &NewAssessment {
                year: input.year,
                period: input.period.code(),
                kind: input.kind,
                subject_id: input.subject_id,
                text: &text,
                published: input.published,
                by: input.by,
            },
        )
        .await
        // Marked final between the check and the write.
        .map_err(|e| match e {
            store::StoreError::Invalid(_) => final_refusal(input.year, input.period),
            e => e.into(),
        })
}

/// The deviations of the report for a period that have no published explanation (their texts);
/// empty when the report can be marked final.
pub async fn unexplained(
    store: &Store,
    plan: &plan::Plan,
    year: i32,
    period: Period,
) -> Result<Vec<String>, ReviewError> {
    let input = assemble_with(store, plan, year, period, &ReportOptions::default()).await?;
    Ok(missing_explanations(&input))
}

/// The texts of the report's deviations that have no (published) explanation in it.
fn missing_explanations(input: &report::ReportInput) -> Vec<String> {
    input
        .deviations()
        .into_iter()
        .filter(|d| d.explanation.is_none())
        .map(|d| d.text)
        .collect()
}

/// Marks the report for a period final: assembles it from the current data with the published
/// assessments, refuses when a deviation has no explanation, renders every format and stores
/// the bytes with their SHA-256. From then on the stored bytes are the report.
pub async fn finalise(
    store: &Store,
    plan: &plan::Plan,
    year: i32,
    period: Period,
    by: &str,
    now: OffsetDateTime,
) -> Result<Vec<FinalReportFile>, ReviewError> {
    let code = &store.plan_key_or_code(plan).await?;
    if store.is_final(code, year, period.code()).await? {
        return Err(final_refusal(year, period));
    }
    let mut input = assemble_with(store, plan, year, period, &ReportOptions::default()).await?;
    let missing = missing_explanations(&input);
    if !missing.is_empty() {
        return Err(ReviewError::Unexplained(missing));
    }
    let names = store.public_names().await?;
    input.state = ReportState::Final {
        date: crate::as_of::local_date(now).to_string(),
        by: names.of(by),
    };
    // Typst layout takes a moment: off the async workers.
    let files = tokio::task::spawn_blocking(move || {
        FINAL_FORMATS
            .iter()
            .map(|(format, ext)| Ok((*ext, report::render(&input, *format, Some(now))?)))
            .collect::<Result<Vec<(&str, Vec<u8>)>, report::RenderError>>()
    })
    .await
    .map_err(|e| ReviewError::App(AppError::Config(format!("rendering failed: {e}"))))??;
    store
        .add_final_report(code, year, period.code(), &files, by)
        .await
        .map_err(|e| match e {
            store::StoreError::Invalid(_) => final_refusal(year, period),
            e => e.into(),
        })
}

/// The stored bytes of a final report's format (`pdf`, `docx`, `html`, `md`), if the period has
/// a final report.
pub async fn final_bytes(
    store: &Store,
    plan: &plan::Plan,
    year: i32,
    period: Period,
    ext: &str,
) -> Result<Option<Vec<u8>>, ReviewError> {
    Ok(store
        .final_report_bytes(
            &store.plan_key_or_code(plan).await?,
            year,
            period.code(),
            ext,
        )
        .await?)
}
