//! What the store holds of one table and contents code: per series key and period, how many
//! current observations there are, whether they are real or synthetic, and when they were
//! imported. The sources view (`app::sources`, `naeringsplan sources`, the page `/kilder`) reads
//! this to say, per catalogue series, which years rest on real data and which on demo data.

use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

/// Current observations of one (series key, period, synthetic) group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// The series key (`"Alder=015"`, `""` when the table has no other dimensions).
    pub series_key: String,
    /// The period code as stored (`"2019"`, `"2019M11"`).
    pub period: String,
    /// Whether the observations are synthetic (the offline demo).
    pub synthetic: bool,
    /// Current observations (with a value or a missing reason).
    pub rows: i64,
    /// Of these, the ones with a value.
    pub with_value: i64,
    /// The latest `imported_at` among them (RFC 3339).
    pub last_imported: Option<String>,
}

/// One source (file or address) of current real observations of a table and contents code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageSource {
    /// The import's source URL (for `fetch`: the address asked), else the file name.
    pub source: String,
    /// The imported file's name.
    pub file_name: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Current observations of the table and contents code from it (all its series keys).
    pub rows: i64,
}

impl Store {
    /// Current observations of `table`/`contents`, grouped by series key, period and whether
    /// they are synthetic (see the module docs). Parameterised; reads only.
    pub async fn coverage(&self, table: &str, contents: &str) -> Result<Vec<CoverageRow>> {
        let rows = sqlx::query(
            "SELECT series_key, period, synthetic, COUNT(*) AS n, \
                    COUNT(value) AS n_value, MAX(imported_at) AS last_imported \
             FROM observations \
             WHERE table_id = $1 AND contents_code = $2 AND superseded_by IS NULL \
             GROUP BY series_key, period, synthetic \
             ORDER BY series_key, period, synthetic",
        )
        .bind(table)
        .bind(contents)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CoverageRow {
                    series_key: r.try_get("series_key")?,
                    period: r.try_get("period")?,
                    synthetic: r.try_get::<i64, _>("synthetic")? != 0,
                    rows: r.try_get("n")?,
                    with_value: r.try_get("n_value")?,
                    last_imported: r.try_get("last_imported")?,
                })
            })
            .collect::<std::result::Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// The imports that current REAL observations of `table`/`contents` come from, newest first
    /// (at most `limit`).
    pub async fn coverage_sources(
        &self,
        table: &str,
        contents: &str,
        limit: i64,
    ) -> Result<Vec<CoverageSource>> {
        let rows = sqlx::query(
            "SELECT COALESCE(i.source_url, i.file_name) AS source, i.file_name AS file_name, \
                    i.imported_at AS imported_at, \
                    COUNT(*) AS n \
             FROM observations o JOIN imports i ON i.id = o.import_id \
             WHERE o.table_id = $1 AND o.contents_code = $2 AND o.superseded_by IS NULL \
               AND o.synthetic = 0 \
             GROUP BY i.id, i.source_url, i.file_name, i.imported_at \
             ORDER BY i.imported_at DESC, i.id DESC \
             LIMIT $3",
        )
        .bind(table)
        .bind(contents)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CoverageSource {
                    source: r.try_get("source")?,
                    file_name: r.try_get("file_name")?,
                    imported_at: r.try_get("imported_at")?,
                    rows: r.try_get("n")?,
                })
            })
            .collect::<std::result::Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}
