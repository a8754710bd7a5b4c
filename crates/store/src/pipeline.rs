//! The investment pipeline (migration 0017; domain in `local_registers::pipeline`):
//! `pipeline_enquiries` (the details, staff only), `pipeline_stage_changes` (every stage change:
//! who, when, from → to), `pipeline_purges` and `pipeline_archive` (the counts of enquiries
//! deleted after the retention period, so the public aggregates keep their history).
//!
//! An import is one transaction: a bad file changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use local_registers::pipeline::{Enquiry, PipelineAggregates, Stage, StageChange, StageCount};
use serde::Serialize;
use sqlx::Row;
use time::Date;

use crate::{Result, Store, StoreError, now_rfc3339};

/// An enquiry as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEnquiry {
    /// The enquiry.
    pub enquiry: Enquiry,
    /// Made-up data.
    pub synthetic: bool,
    /// Bumped by every change (optimistic concurrency).
    pub version: i64,
    /// Who recorded it.
    pub recorded_by: String,
    /// When (RFC 3339, UTC).
    pub recorded_at: String,
}

/// One row of an enquiry's stage history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageEntry {
    /// The stage before (`None` when the enquiry was recorded).
    pub from: Option<Stage>,
    /// The stage after.
    pub to: Stage,
    /// What went with it (lost reason, jobs created, site), as text.
    pub detail: String,
    /// The version it produced.
    pub version: i64,
    /// Who.
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// How a pipeline file was stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PipelineImport {
    /// The new enquiries' ids, in file order.
    pub ids: Vec<i64>,
    /// Enquiries already stored with the same content (skipped).
    pub unchanged: u64,
}

/// Why a stage change was refused.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// The enquiry changed since the version the change was based on.
    #[error("the enquiry was changed by someone else (now version {0}); nothing was saved")]
    Conflict(i64),
    /// The change breaks a rule: `(field, problem)`.
    #[error("{}", .0.iter().map(|(f, m)| format!("{f}: {m}")).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<(&'static str, String)>),
    /// No such enquiry.
    #[error("no enquiry {0}")]
    NotFound(i64),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for StageError {
    fn from(e: sqlx::Error) -> Self {
        StageError::Store(e.into())
    }
}

fn detail_of(e: &Enquiry) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &e.lost_reason {
        parts.push(format!("tapt_arsak: {r}"));
    }
    if let Some(n) = e.jobs_created {
        parts.push(format!("arbeidsplasser_skapt: {n}"));
    }
    if let Some(s) = &e.site_id {
        parts.push(format!("tomt: {s}"));
    }
    parts.join("; ")
}

fn opt_u32(v: Option<i64>) -> Option<u32> {
    v.and_then(|v| u32::try_from(v).ok())
}

fn stage_of(s: &str) -> Result<Stage> {
    Stage::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown pipeline stage {s:?}")))
}

fn enquiry_row(r: &sqlx::any::AnyRow) -> Result<StoredEnquiry> {
    let date: String = r.try_get("enquiry_date")?;
    Ok(StoredEnquiry {
        enquiry: Enquiry {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            sector: r.try_get("sector")?,
            source: r.try_get("source")?,
            jobs_expected: opt_u32(r.try_get("jobs_expected")?),
            area_daa: r.try_get("area_daa")?,
            date: local_registers::parse_date(&date).map_err(StoreError::Corrupt)?,
            stage: stage_of(&r.try_get::<String, _>("stage")?)?,
            lost_reason: r.try_get("lost_reason")?,
            jobs_created: opt_u32(r.try_get("jobs_created")?),
            site_id: r.try_get("site_id")?,
        },
        synthetic: r.try_get::<i64, _>("synthetic")? != 0,
        version: r.try_get("version")?,
        recorded_by: r.try_get("recorded_by")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

macro_rules! enquiry_select {
    () => {
        concat!(
            "SELECT id, name, sector, source, jobs_expected, area_daa, enquiry_date, stage,",
            " lost_reason, jobs_created, site_id, synthetic, version, recorded_by, recorded_at",
            " FROM pipeline_enquiries"
        )
    };
}

async fn insert_enquiry(
    conn: &mut sqlx::AnyConnection,
    plan_code: &str,
    e: &Enquiry,
    synthetic: bool,
    by: &str,
) -> Result<i64> {
    let at = now_rfc3339();
    let id: i64 = sqlx::query_scalar(concat!(
        "INSERT INTO pipeline_enquiries (plan_code, name, sector, source, jobs_expected, area_daa,",
        " enquiry_date, year, stage, lost_reason, jobs_created, site_id, synthetic, version,",
        " recorded_by, recorded_at)",
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15) RETURNING id"
    ))
    .bind(plan_code)
    .bind(e.name.trim())
    .bind(e.sector.trim())
    .bind(e.source.trim())
    .bind(e.jobs_expected.map(i64::from))
    .bind(e.area_daa)
    .bind(e.date.to_string())
    .bind(i64::from(e.date.year()))
    .bind(e.stage.code())
    .bind(e.lost_reason.as_deref())
    .bind(e.jobs_created.map(i64::from))
    .bind(e.site_id.as_deref())
    .bind(i64::from(synthetic))
    .bind(by)
    .bind(&at)
    .fetch_one(&mut *conn)
    .await?;
    insert_change(conn, id, None, e, 1, by, &at).await?;
    Ok(id)
}

async fn insert_change(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: Option<Stage>,
    e: &Enquiry,
    version: i64,
    by: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(concat!(
        "INSERT INTO pipeline_stage_changes (enquiry_id, from_stage, to_stage, detail, version,",
        " changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ))
    .bind(id)
    .bind(from.map(Stage::code))
    .bind(e.stage.code())
    .bind(detail_of(e))
    .bind(version)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// What an enquiry is compared by on import: everything but the id.
fn content_key(e: &Enquiry) -> String {
    let mut e = e.clone();
    e.id = 0;
    format!("{e:?}")
}

impl Store {
    /// Records an enquiry (its first stage in the history); returns its id.
    pub async fn pipeline_add(
        &self,
        plan_code: &str,
        e: &Enquiry,
        synthetic: bool,
        by: &str,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = insert_enquiry(&mut tx, plan_code, e, synthetic, by).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the enquiries of one file in one transaction: all or nothing. An enquiry
    /// already stored with the same content (or repeated in the file) is skipped, so importing
    /// a file twice stores it once.
    pub async fn pipeline_import(
        &self,
        plan_code: &str,
        enquiries: &[Enquiry],
        synthetic: bool,
        by: &str,
    ) -> Result<PipelineImport> {
        let mut seen: BTreeSet<String> = self
            .pipeline_enquiries(plan_code)
            .await?
            .iter()
            .map(|s| content_key(&s.enquiry))
            .collect();
        let mut tx = self.begin_write().await?;
        let mut out = PipelineImport::default();
        for e in enquiries {
            if !seen.insert(content_key(e)) {
                out.unchanged += 1;
                continue;
            }
            out.ids
                .push(insert_enquiry(&mut tx, plan_code, e, synthetic, by).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Every stored enquiry, newest first. Staff only: these are confidential details.
    pub async fn pipeline_enquiries(&self, plan_code: &str) -> Result<Vec<StoredEnquiry>> {
        let rows = sqlx::query(concat!(
            enquiry_select!(),
            " WHERE plan_code = $1 ORDER BY enquiry_date DESC, id DESC"
        ))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(enquiry_row).collect()
    }

    /// One enquiry. Staff only.
    pub async fn pipeline_enquiry(
        &self,
        plan_code: &str,
        id: i64,
    ) -> Result<Option<StoredEnquiry>> {
        let row = sqlx::query(concat!(
            enquiry_select!(),
            " WHERE id = $1 AND plan_code = $2"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(enquiry_row).transpose()
    }

    /// An enquiry's stage history, oldest first. Staff only.
    pub async fn pipeline_history(&self, plan_code: &str, id: i64) -> Result<Vec<StageEntry>> {
        let rows = sqlx::query(concat!(
            "SELECT c.from_stage, c.to_stage, c.detail, c.version, c.changed_by, c.changed_at",
            " FROM pipeline_stage_changes c JOIN pipeline_enquiries e ON e.id = c.enquiry_id",
            " WHERE c.enquiry_id = $1 AND e.plan_code = $2 ORDER BY c.seq"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let from: Option<String> = r.try_get("from_stage")?;
                Ok(StageEntry {
                    from: from.as_deref().map(stage_of).transpose()?,
                    to: stage_of(&r.try_get::<String, _>("to_stage")?)?,
                    detail: r.try_get("detail")?,
                    version: r.try_get("version")?,
                    by: r.try_get("changed_by")?,
                    at: r.try_get("changed_at")?,
                })
            })
            .collect()
    }

    /// Moves an enquiry to another stage if it is still at `version` and the move keeps the
    /// rules ([`StageChange::apply`]; a site must be one of `known_sites`); records the change
    /// in the history. Returns the new version.
    pub async fn pipeline_set_stage(
        &self,
        plan_code: &str,
        id: i64,
        version: i64,
        change: &StageChange,
        known_sites: &BTreeSet<String>,
        by: &str,
    ) -> Result<i64, StageError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            enquiry_select!(),
            " WHERE id = $1 AND plan_code = $2"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_optional(&mut *tx)
        .await?;
        let current = row
            .as_ref()
            .map(enquiry_row)
            .transpose()?
            .ok_or(StageError::NotFound(id))?;
        if current.version != version {
            return Err(StageError::Conflict(current.version));
        }
        let next = change
            .apply(&current.enquiry)
            .map_err(StageError::Invalid)?;
        if let Some(site) = &next.site_id
            && change.site_id.is_some()
            && !known_sites.contains(site)
        {
            return Err(StageError::Invalid(vec![(
                "tomt",
                format!("{site:?} is not a site of the land register"),
            )]));
        }
        let new_version = version + 1;
        let n = sqlx::query(concat!(
            "UPDATE pipeline_enquiries SET stage = $1, lost_reason = $2, jobs_created = $3,",
            " site_id = $4, version = $5 WHERE id = $6 AND plan_code = $7 AND version = $8"
        ))
        .bind(next.stage.code())
        .bind(next.lost_reason.as_deref())
        .bind(next.jobs_created.map(i64::from))
        .bind(next.site_id.as_deref())
        .bind(new_version)
        .bind(id)
        .bind(plan_code)
        .bind(version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Err(StageError::Conflict(version + 1));
        }
        insert_change(
            &mut tx,
            id,
            Some(current.enquiry.stage),
            &next,
            new_version,
            by,
            &now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        Ok(new_version)
    }

    /// Deletes the closed enquiries (established or lost) dated before `cutoff`, with their
    /// history, keeping their counts (no names, no text) in the archive; one transaction.
    /// Open enquiries are kept whatever their age. Returns how many were deleted.
    pub async fn pipeline_purge(&self, plan_code: &str, cutoff: Date, by: &str) -> Result<u64> {
        let old: Vec<StoredEnquiry> = self
            .pipeline_enquiries(plan_code)
            .await?
            .into_iter()
            .filter(|s| s.enquiry.date < cutoff && s.enquiry.stage.is_closed())
            .collect();
        let mut tx = self.begin_write().await?;
        let purge: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO pipeline_purges (plan_code, cutoff, deleted, purged_by, purged_at)",
            " VALUES ($1, $2, $3, $4, $5) RETURNING id"
        ))
        .bind(plan_code)
        .bind(cutoff.to_string())
        .bind(old.len() as i64)
        .bind(by)
        .bind(now_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        let mut counts: BTreeMap<(i32, Stage, bool), StageCount> = BTreeMap::new();
        for s in &old {
            let one = local_registers::pipeline::aggregate(std::slice::from_ref(&s.enquiry));
            for (y, stages) in one.per_year_stage {
                for (stage, c) in stages {
                    counts.entry((y, stage, s.synthetic)).or_default().add(c);
                }
            }
        }
        for ((year, stage, synthetic), c) in counts {
            sqlx::query(concat!(
                "INSERT INTO pipeline_archive (purge_id, year, stage, enquiries, jobs_expected,",
                " jobs_created, synthetic) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            ))
            .bind(purge)
            .bind(i64::from(year))
            .bind(stage.code())
            .bind(c.enquiries as i64)
            .bind(c.jobs_expected as i64)
            .bind(c.jobs_created as i64)
            .bind(i64::from(synthetic))
            .execute(&mut *tx)
            .await?;
        }
        for s in &old {
            sqlx::query("DELETE FROM pipeline_stage_changes WHERE enquiry_id = $1")
                .bind(s.enquiry.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM pipeline_enquiries WHERE id = $1 AND plan_code = $2")
                .bind(s.enquiry.id)
                .bind(plan_code)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(old.len() as u64)
    }

    /// Public aggregates: the stored enquiries plus the archived counts of purged ones, and
    /// whether any of them is synthetic.
    pub async fn pipeline_aggregates(&self, plan_code: &str) -> Result<(PipelineAggregates, bool)> {
        let live = self.pipeline_enquiries(plan_code).await?;
        let mut synthetic = live.iter().any(|s| s.synthetic);
        let list: Vec<Enquiry> = live.into_iter().map(|s| s.enquiry).collect();
        let mut a = local_registers::pipeline::aggregate(&list);
        let rows = sqlx::query(concat!(
            "SELECT a.year, a.stage, a.enquiries, a.jobs_expected, a.jobs_created, a.synthetic",
            " FROM pipeline_archive a JOIN pipeline_purges p ON p.id = a.purge_id WHERE p.plan_code = $1"
        ))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        for r in &rows {
            let y = i32::try_from(r.try_get::<i64, _>("year")?).unwrap_or(0);
            let n = |c: &str| -> Result<u64> {
                Ok(u64::try_from(r.try_get::<i64, _>(c)?).unwrap_or(0))
            };
            synthetic |= r.try_get::<i64, _>("synthetic")? != 0;
            a.per_year_stage
                .entry(y)
                .or_default()
                .entry(stage_of(&r.try_get::<String, _>("stage")?)?)
                .or_default()
                .add(StageCount {
                    enquiries: n("enquiries")?,
                    jobs_expected: n("jobs_expected")?,
                    jobs_created: n("jobs_created")?,
                });
        }
        Ok((a, synthetic))
    }

    /// Every enquiry and its history as text, for tests that a refused file changed nothing.
    pub async fn pipeline_dump(&self, plan_code: &str) -> Result<String> {
        let mut out = String::new();
        for s in self.pipeline_enquiries(plan_code).await? {
            out.push_str(&format!("{s:?}\n"));
            for h in self.pipeline_history(plan_code, s.enquiry.id).await? {
                out.push_str(&format!("  {h:?}\n"));
            }
        }
        Ok(out)
    }
}
