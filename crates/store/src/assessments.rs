//! The council report's written assessments and its final (frozen) versions.
//!
//! An assessment is staff's written judgement of one subject (the whole plan, a focus area or an
//! indicator) for one report period. Saving one adds a version (the table is append-only); the
//! latest version of a subject is the one in force, and each version says whether the public may
//! see it. A final report is the bytes of each format as they were when the report for a period
//! was marked final, with their SHA-256; it is written once and never changed.

use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError};

/// What an assessment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// The whole plan (the overall assessment on top of the summary).
    Plan,
    /// One focus area (by its number, e.g. `5.1`).
    FocusArea,
    /// One indicator (by its id).
    Indicator,
    /// One action (by its id): the explanation of a late action.
    Action,
}

impl SubjectKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Plan => "plan",
            SubjectKind::FocusArea => "focus_area",
            SubjectKind::Indicator => "indicator",
            SubjectKind::Action => "action",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "plan" => Some(SubjectKind::Plan),
            "focus_area" => Some(SubjectKind::FocusArea),
            "indicator" => Some(SubjectKind::Indicator),
            "action" => Some(SubjectKind::Action),
            _ => None,
        }
    }
}

/// One version of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// Sequence number (ascending in time).
    pub id: i64,
    /// Report year.
    pub year: i32,
    /// Report period within the year: `year`, `H1` or `H2`.
    pub period: String,
    /// What it is about.
    pub kind: SubjectKind,
    /// The focus area's number, the indicator's or the action's id; empty for the plan.
    pub subject_id: String,
    /// The text (empty: the assessment was withdrawn).
    pub text: String,
    /// Whether the public may see this version.
    pub published: bool,
    /// Who wrote it (login name; shown by display name).
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

fn assessment(row: &AnyRow) -> Result<Assessment> {
    let kind: String = row.try_get("subject_kind")?;
    Ok(Assessment {
        id: row.try_get("id")?,
        year: row.try_get("year")?,
        period: row.try_get("period")?,
        kind: SubjectKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown assessment subject {kind:?}")))?,
        subject_id: row.try_get("subject_id")?,
        text: row.try_get("text")?,
        published: row.try_get::<i32, _>("published")? != 0,
        by: row.try_get("by_user")?,
        at: row.try_get("at")?,
    })
}

/// A new assessment version.
#[derive(Debug, Clone, Copy)]
pub struct NewAssessment<'a> {
    /// Report year.
    pub year: i32,
    /// `year`, `H1` or `H2`.
    pub period: &'a str,
    /// What it is about.
    pub kind: SubjectKind,
    /// The focus area's number, the indicator's or the action's id; empty for the plan.
    pub subject_id: &'a str,
    /// The text.
    pub text: &'a str,
    /// Whether the public may see it.
    pub published: bool,
    /// Who writes it.
    pub by: &'a str,
}

/// One format of a final report (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinalReportFile {
    /// Report year.
    pub year: i32,
    /// `year`, `H1` or `H2`.
    pub period: String,
    /// `pdf`, `docx`, `html` or `md`.
    pub format: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Who marked the report final (login name).
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

impl Store {
    /// Adds a version of an assessment. The period must not have a final report (it is frozen).
    pub async fn add_assessment(
        &self,
        plan_code: &str,
        new: &NewAssessment<'_>,
    ) -> Result<Assessment> {
        if self.is_final(plan_code, new.year, new.period).await? {
            return Err(StoreError::Invalid(format!(
                "rapporten for {} {} er endelig; vurderingene kan ikke endres (the report is final)",
                new.period, new.year
            )));
        }
        let row = sqlx::query(
            "INSERT INTO report_assessments (plan_code, year, period, subject_kind, subject_id, text, published, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, year, period, subject_kind, subject_id, text, published, by_user, at",
        )
        .bind(plan_code)
        .bind(new.year)
        .bind(new.period)
        .bind(new.kind.as_str())
        .bind(new.subject_id)
        .bind(new.text.trim())
        .bind(i32::from(new.published))
        .bind(new.by)
        .bind(crate::now_rfc3339())
        .fetch_one(self.pool())
        .await?;
        assessment(&row)
    }

    /// Every assessment version of one report period, oldest first.
    pub async fn assessment_history(
        &self,
        plan_code: &str,
        year: i32,
        period: &str,
    ) -> Result<Vec<Assessment>> {
        let rows = sqlx::query(
            "SELECT id, year, period, subject_kind, subject_id, text, published, by_user, at FROM report_assessments WHERE plan_code = $1 AND year = $2 AND period = $3 ORDER BY id",
        )
        .bind(plan_code)
        .bind(year)
        .bind(period)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(assessment).collect()
    }

    /// The assessments in force for a report period: per subject the latest version (with any
    /// text; withdrawn ones, an empty text, left out). `published_only`: per subject the latest
    /// version the public may see, as the public report shows it.
    pub async fn assessments(
        &self,
        plan_code: &str,
        year: i32,
        period: &str,
        published_only: bool,
    ) -> Result<Vec<Assessment>> {
        let mut latest: std::collections::BTreeMap<(SubjectKind, String), Assessment> =
            Default::default();
        for a in self.assessment_history(plan_code, year, period).await? {
            if published_only && !a.published {
                continue;
            }
            latest.insert((a.kind, a.subject_id.clone()), a);
        }
        Ok(latest
            .into_values()
            .filter(|a| !a.text.is_empty())
            .collect())
    }

    /// Whether the report for a period has been marked final.
    pub async fn is_final(&self, plan_code: &str, year: i32, period: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM final_reports WHERE plan_code = $1 AND year = $2 AND period = $3",
        )
        .bind(plan_code)
        .bind(year)
        .bind(period)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Stores the final report of a period: every format's bytes, in one transaction. Refused
    /// (nothing stored) when the period already has one.
    pub async fn add_final_report(
        &self,
        plan_code: &str,
        year: i32,
        period: &str,
        files: &[(&str, Vec<u8>)],
        by: &str,
    ) -> Result<Vec<FinalReportFile>> {
        use sha2::Digest as _;
        let at = crate::now_rfc3339();
        let mut tx = self.pool().begin().await?;
        let existing: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM final_reports WHERE plan_code = $1 AND year = $2 AND period = $3",
        )
        .bind(plan_code)
        .bind(year)
        .bind(period)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if existing > 0 {
            return Err(StoreError::Invalid(format!(
                "rapporten for {period} {year} er allerede endelig (the report is final already)"
            )));
        }
        let mut out = Vec::new();
        for (format, bytes) in files {
            let sha256 = hex::encode(sha2::Sha256::digest(bytes));
            let inserted = sqlx::query(
                "INSERT INTO final_reports (plan_code, year, period, format, bytes, sha256, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(plan_code)
            .bind(year)
            .bind(period)
            .bind(*format)
            .bind(bytes.clone())
            .bind(&sha256)
            .bind(by)
            .bind(&at)
            .execute(&mut *tx)
            .await;
            if let Err(e) = inserted {
                let e = StoreError::from(e);
                // Another writer marked it final at the same moment.
                return Err(if e.is_unique_violation() {
                    StoreError::Invalid(format!(
                        "rapporten for {period} {year} er allerede endelig (the report is final already)"
                    ))
                } else {
                    e
                });
            }
            out.push(FinalReportFile {
                year,
                period: period.to_string(),
                format: format.to_string(),
                size: bytes.len() as i64,
                sha256,
                by: by.to_string(),
                at: at.clone(),
            });
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Every final report file of the plan (without bytes), newest period first.
    pub async fn final_reports(&self, plan_code: &str) -> Result<Vec<FinalReportFile>> {
        let rows = sqlx::query(
            "SELECT year, period, format, sha256, by_user, at, CAST(LENGTH(bytes) AS BIGINT) AS size FROM final_reports WHERE plan_code = $1 ORDER BY year DESC, period DESC, id",
        )
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FinalReportFile {
                    year: r.try_get("year")?,
                    period: r.try_get("period")?,
                    format: r.try_get("format")?,
                    size: r.try_get("size")?,
                    sha256: r.try_get("sha256")?,
                    by: r.try_get("by_user")?,
                    at: r.try_get("at")?,
                })
            })
            .collect()
    }

    /// The stored bytes of one format of a final report, if the period has one.
    pub async fn final_report_bytes(
        &self,
        plan_code: &str,
        year: i32,
        period: &str,
        format: &str,
    ) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query(
            "SELECT bytes FROM final_reports WHERE plan_code = $1 AND year = $2 AND period = $3 AND format = $4",
        )
        .bind(plan_code)
        .bind(year)
        .bind(period)
        .bind(format)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| r.try_get::<Vec<u8>, _>("bytes"))
            .transpose()
            .map_err(Into::into)
    }
}
