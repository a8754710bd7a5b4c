//! Official statistics in the store: imported files, observations with provenance, KLASS.
//!
//! Every file goes through [`Store::import_file`] (or one of the typed entry points) in **one
//! transaction**: a file that does not parse, or fails half-way, leaves the store as it was.
//!
//! - A file is known by its SHA-256: importing the same bytes again changes nothing and says so
//!   ([`ImportSummary::already_imported`]).
//! - An observation's key is (table, contents code, series key, region, period). The series key
//!   holds every dimension other than contents, region and time, as `id=code` pairs sorted by
//!   dimension id and joined by `;` (`"Alder=015"`, `""` when there are none).
//! - A newer release of a table (later SSB `updated`) supersedes the current row of a key: the
//!   old row is kept and marked `superseded_by` the new import, never deleted. Real data
//!   supersedes synthetic data for the same key whatever the dates; synthetic never supersedes
//!   real. A row that loses (an older release imported late) is stored already superseded, so
//!   the record of what was imported is complete.
//! - A missing value is stored as no value with SSB's symbol as its reason (`..`, `:`, …;
//!   `""` for a bare `null`), never as 0.

use std::collections::HashMap;

/// A series' identity in `observation_series`: contents code, series key, unit, decimals.
type SeriesIdentity<'a> = (&'a str, &'a str, Option<&'a str>, Option<i64>);

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};
use stats::jsonstat::{self, JsonStatError};
use stats::klass::{self, KlassChange, KlassCode, KlassError};
use stats::pxcsv::{self, PxCsvError};

use crate::{Backend, Result, Store, StoreError, now_rfc3339};

mod coverage;
mod panel;
mod resolve;

pub use coverage::{CoverageRow, CoverageSource};
use stats::observations::{
    ConvertError, NewObservation, ObservationFile, observations_from_dataset,
    observations_from_ssb_csv,
};
pub use stats::observations::{FileFormat, normalise_region, series_key};

pub use panel::{GridColumn, GridMapping, PanelValue, SeriesPanel};

pub use resolve::{
    AdditivityKind, BUNDLED_CATALOGUE, Method, Missing, Provenance, ResolveError, Resolved,
    ResolvedComponent, SeriesCatalogue, SeriesDef, SeriesKind, StoredObservation, SumOver,
    default_geography,
};

/// Why a file was not imported. Reading errors carry their location in the file; the file
/// name is added by the caller (`file: location: what was expected`).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not a statistics file the store can read, or it is malformed
    /// ([`stats::observations::ConvertError`]: unrecognised, JSON-stat, KLASS, CSV export, or
    /// content that cannot be stored).
    #[error(transparent)]
    Convert(#[from] ConvertError),
    /// A Brønnøysund file: import it with the register import.
    #[error("this is a Brønnøysund register file; it is imported by the register import")]
    Brreg,
    /// The store failed (the transaction was rolled back).
    #[error(transparent)]
    Store(#[from] StoreError),
}

macro_rules! via_convert {
    ($($t:ty),*) => {$(
        impl From<$t> for ImportError {
            fn from(e: $t) -> Self {
                ImportError::Convert(e.into())
            }
        }
    )*};
}
via_convert!(JsonStatError, KlassError, PxCsvError);

/// Looks at a file's bytes (and name) and says what it is, or why it is none of the formats
/// (`stats::observations::detect_format`, with the store's error type).
pub fn detect_format(name: &str, bytes: &[u8]) -> std::result::Result<FileFormat, ImportError> {
    Ok(stats::observations::detect_format(name, bytes)?)
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(StoreError::Db(e))
    }
}

/// Options of one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Where the file came from (a URL); overrides what the file says. Without either, the
    /// provenance names the table's page in SSB's statistics bank.
    pub source_url: Option<String>,
    /// Force the synthetic flag (the file's own mark, `extension.naeringsplan.synthetic` or
    /// "SYNTETISKE DATA" in its label, counts too).
    pub synthetic: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    /// The file name as given.
    pub file_name: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The detected format.
    pub format: FileFormat,
    /// The import's id in the store (the earlier one when already imported).
    pub import_id: i64,
    /// The same bytes were imported before; nothing changed.
    pub already_imported: bool,
    /// SSB table id (or KLASS classification).
    pub table_id: Option<String>,
    /// SSB `updated` of the release.
    pub updated: Option<String>,
    /// The file is synthetic.
    pub synthetic: bool,
    /// Cells, codes or changes read from the file.
    pub rows_read: u64,
    /// Cells that were a bare `null` (no value, no status symbol): not stored.
    pub rows_empty: u64,
    /// Rows written.
    pub rows_stored: u64,
    /// Of the cells read, how many had no value (kept with their reason).
    pub rows_missing: u64,
    /// Rows that superseded an older current row.
    pub rows_superseding: u64,
    /// Cells equal to what was already current (not written again).
    pub rows_unchanged: u64,
    /// Cells of an older release (or synthetic where real exists), stored as superseded.
    pub rows_older: u64,
}

/// The current row of a key, as far as supersession needs it.
struct Current {
    id: i64,
    import_id: i64,
    value: Option<f64>,
    status: Option<String>,
    updated: Option<String>,
    synthetic: bool,
}

type Key = (String, String, String, String);

/// Whether a new row replaces the current one.
enum Outcome {
    Unchanged,
    Supersedes(i64),
    Older(i64),
    New,
}

fn decide(
    cur: Option<&Current>,
    new: &NewObservation,
    updated: &Option<String>,
    synthetic: bool,
) -> Outcome {
    let Some(cur) = cur else {
        return Outcome::New;
    };
    let same = cur.value == new.value && cur.status == new.status && cur.synthetic == synthetic;
    let wins = match (cur.synthetic, synthetic) {
        (true, false) => true,
        (false, true) => false,
        _ => match (updated, &cur.updated) {
            (Some(n), Some(o)) if n > o => true,
            (Some(n), Some(o)) if n < o => false,
            (None, Some(_)) => false,
            (Some(_), None) => true,
            _ => !same,
        },
    };
    if same && (updated == &cur.updated || !wins) {
        Outcome::Unchanged
    } else if wins {
        Outcome::Supersedes(cur.id)
    } else {
        Outcome::Older(cur.import_id)
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn bool_i64(b: bool) -> i64 {
    i64::from(b)
}

/// Rows per multi-row statement.
const CHUNK: usize = 2000;

impl Store {
    /// Detects the format of a file and imports it in one transaction. Brønnøysund files are
    /// refused with [`ImportError::Brreg`] (the register import handles them).
    pub async fn import_file(
        &self,
        file_name: &str,
        bytes: &[u8],
        opts: &ImportOptions,
    ) -> std::result::Result<ImportSummary, ImportError> {
        let format = detect_format(file_name, bytes)?;
        if let Some(s) = self.already_imported(file_name, bytes, format).await? {
            return Ok(s);
        }
        match format {
            FileFormat::JsonStat2 => {
                let ds = jsonstat::parse(bytes)?;
                let file = observations_from_dataset(&ds)?;
                self.store_observations(file_name, bytes, format, file, opts)
                    .await
            }
            FileFormat::SsbCsv => {
                let table = pxcsv::parse(bytes)?;
                let file = observations_from_ssb_csv(&table)?;
                self.store_observations(file_name, bytes, format, file, opts)
                    .await
            }
            FileFormat::KlassCodesCsv => {
                let codes = klass::parse_codes_csv(bytes)?;
                self.store_klass(file_name, bytes, format, &codes, &[], opts)
                    .await
            }
            FileFormat::KlassCodesJson => {
                let codes = klass::parse_codes_json(bytes)?;
                self.store_klass(file_name, bytes, format, &codes, &[], opts)
                    .await
            }
            FileFormat::KlassChangesCsv => {
                let changes = klass::parse_changes_csv(bytes)?;
                self.store_klass(file_name, bytes, format, &[], &changes, opts)
                    .await
            }
            FileFormat::KlassChangesJson => {
                let changes = klass::parse_changes_json(bytes)?;
                self.store_klass(file_name, bytes, format, &[], &changes, opts)
                    .await
            }
            FileFormat::Brreg => Err(ImportError::Brreg),
        }
    }

    /// The summary of an earlier import of the same bytes, if there was one.
    async fn already_imported(
        &self,
        file_name: &str,
        bytes: &[u8],
        format: FileFormat,
    ) -> Result<Option<ImportSummary>> {
        let sha = sha256_hex(bytes);
        let row = sqlx::query(
            "SELECT id, table_id, updated, synthetic, rows_read FROM imports WHERE sha256 = $1",
        )
        .bind(&sha)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(ImportSummary {
            file_name: file_name.to_owned(),
            sha256: sha,
            format,
            import_id: row.try_get("id")?,
            already_imported: true,
            table_id: row.try_get("table_id")?,
            updated: row.try_get("updated")?,
            synthetic: row.try_get::<i64, _>("synthetic")? != 0,
            rows_read: u64::try_from(row.try_get::<i64, _>("rows_read")?).unwrap_or(0),
            rows_empty: 0,
            rows_stored: 0,
            rows_missing: 0,
            rows_superseding: 0,
            rows_unchanged: 0,
            rows_older: 0,
        }))
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_import(
        tx: &mut Transaction<'static, Any>,
        file_name: &str,
        sha: &str,
        format: FileFormat,
        table_id: Option<&str>,
        source_url: Option<&str>,
        updated: Option<&str>,
        now: &str,
        synthetic: bool,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (file_name, sha256, format, table_id, source_url, updated, imported_at, rows_read, rows_stored, rows_missing, rows_superseding, rows_unchanged, synthetic) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0, $8) RETURNING id",
        )
        .bind(file_name)
        .bind(sha)
        .bind(format.as_str())
        .bind(table_id)
        .bind(source_url)
        .bind(updated)
        .bind(now)
        .bind(bool_i64(synthetic))
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    async fn finish_import(
        tx: &mut Transaction<'static, Any>,
        id: i64,
        s: &ImportSummary,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE imports SET rows_read = $1, rows_stored = $2, rows_missing = $3, rows_superseding = $4, rows_unchanged = $5 WHERE id = $6",
        )
        .bind(i64::try_from(s.rows_read).unwrap_or(i64::MAX))
        .bind(i64::try_from(s.rows_stored).unwrap_or(i64::MAX))
        .bind(i64::try_from(s.rows_missing).unwrap_or(i64::MAX))
        .bind(i64::try_from(s.rows_superseding).unwrap_or(i64::MAX))
        .bind(i64::try_from(s.rows_unchanged).unwrap_or(i64::MAX))
        .bind(id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The id of the series (`table`, contents code, series key, unit, decimals) in
    /// `observation_series`, made if the store has none yet.
    async fn series_id(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        backend: Backend,
        table: &str,
        contents: &str,
        series_key: &str,
        unit: Option<&str>,
        decimals: Option<i64>,
    ) -> Result<i64> {
        let find = match backend {
            Backend::Sqlite => {
                "SELECT id FROM observation_series WHERE table_id = $1 AND contents_code = $2 AND series_key = $3 AND unit IS $4 AND decimals IS $5 ORDER BY id LIMIT 1"
            }
            Backend::Postgres => {
                "SELECT id FROM observation_series WHERE table_id = $1 AND contents_code = $2 AND series_key = $3 AND unit IS NOT DISTINCT FROM $4 AND decimals IS NOT DISTINCT FROM $5 ORDER BY id LIMIT 1"
            }
        };
        let found: Option<i64> = sqlx::query_scalar(find)
            .bind(table)
            .bind(contents)
            .bind(series_key)
            .bind(unit)
            .bind(decimals)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(id) = found {
            return Ok(id);
        }
        Ok(sqlx::query_scalar(
            "INSERT INTO observation_series (table_id, contents_code, series_key, unit, decimals) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(table)
        .bind(contents)
        .bind(series_key)
        .bind(unit)
        .bind(decimals)
        .fetch_one(&mut **tx)
        .await?)
    }

    async fn store_observations(
        &self,
        file_name: &str,
        bytes: &[u8],
        format: FileFormat,
        file: ObservationFile,
        opts: &ImportOptions,
    ) -> std::result::Result<ImportSummary, ImportError> {
        let sha = sha256_hex(bytes);
        let synthetic = opts.synthetic || file.synthetic;
        let source_url = opts
            .source_url
            .clone()
            .or(file.source_url.clone())
            .unwrap_or_else(|| format!("https://www.ssb.no/statbank/table/{}", file.table_id));
        let now = now_rfc3339();
        let mut tx = self.begin_write().await?;
        let import_id = Self::insert_import(
            &mut tx,
            file_name,
            &sha,
            format,
            Some(&file.table_id),
            Some(&source_url),
            file.updated.as_deref(),
            &now,
            synthetic,
        )
        .await?;

        // The current rows of this table for the file's periods, by key.
        let periods: std::collections::BTreeSet<&str> =
            file.rows.iter().map(|r| r.period.as_str()).collect();
        let periods = serde_json::to_string(&periods).map_err(StoreError::from)?;
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT id, import_id, contents_code, series_key, region, period, value, status, updated, synthetic FROM observations WHERE table_id = $1 AND superseded_by IS NULL AND period IN (SELECT value FROM json_each($2))"
            }
            Backend::Postgres => {
                "SELECT id, import_id, contents_code, series_key, region, period, value, status, updated, synthetic FROM observations WHERE table_id = $1 AND superseded_by IS NULL AND period IN (SELECT jsonb_array_elements_text($2::jsonb))"
            }
        };
        let existing = sqlx::query(sql)
            .bind(&file.table_id)
            .bind(periods)
            .fetch_all(&mut *tx)
            .await?;
        let mut current: HashMap<Key, Current> = HashMap::with_capacity(existing.len());
        for r in existing {
            current.insert(
                (
                    r.try_get("contents_code")?,
                    r.try_get("series_key")?,
                    r.try_get("region")?,
                    r.try_get("period")?,
                ),
                Current {
                    id: r.try_get("id")?,
                    import_id: r.try_get("import_id")?,
                    value: r.try_get("value")?,
                    status: r.try_get("status")?,
                    updated: r.try_get("updated")?,
                    synthetic: r.try_get::<i64, _>("synthetic")? != 0,
                },
            );
        }

        let mut summary = ImportSummary {
            file_name: file_name.to_owned(),
            sha256: sha.clone(),
            format,
            import_id,
            already_imported: false,
            table_id: Some(file.table_id.clone()),
            updated: file.updated.clone(),
            synthetic,
            rows_read: file.cells,
            rows_empty: file.cells - file.rows.len() as u64,
            rows_stored: 0,
            rows_missing: file.rows.iter().filter(|r| r.value.is_none()).count() as u64,
            rows_superseding: 0,
            rows_unchanged: 0,
            rows_older: 0,
        };
        let mut to_supersede: Vec<i64> = Vec::new();
        let mut to_insert: Vec<serde_json::Value> = Vec::new();
        // Series ids by (contents, series key, unit, decimals), found or made as rows need them.
        let mut series: HashMap<SeriesIdentity<'_>, i64> = HashMap::new();
        for row in &file.rows {
            let key = (
                row.contents_code.clone(),
                row.series_key.clone(),
                row.region.clone(),
                row.period.clone(),
            );
            let superseded_by: Option<i64> =
                match decide(current.get(&key), row, &file.updated, synthetic) {
                    Outcome::Unchanged => {
                        summary.rows_unchanged += 1;
                        continue;
                    }
                    Outcome::New => None,
                    Outcome::Supersedes(old) => {
                        to_supersede.push(old);
                        summary.rows_superseding += 1;
                        None
                    }
                    Outcome::Older(by) => {
                        summary.rows_older += 1;
                        Some(by)
                    }
                };
            let series_id = match series.get(&(
                row.contents_code.as_str(),
                row.series_key.as_str(),
                row.unit.as_deref(),
                row.decimals,
            )) {
                Some(id) => *id,
                None => {
                    let id = Self::series_id(
                        &mut tx,
                        self.backend(),
                        &file.table_id,
                        &row.contents_code,
                        &row.series_key,
                        row.unit.as_deref(),
                        row.decimals,
                    )
                    .await?;
                    series.insert(
                        (
                            row.contents_code.as_str(),
                            row.series_key.as_str(),
                            row.unit.as_deref(),
                            row.decimals,
                        ),
                        id,
                    );
                    id
                }
            };
            // The file's region code only when it differs from the normalised one.
            let region_raw = (row.region_raw != row.region).then_some(&row.region_raw);
            to_insert.push(serde_json::json!([
                series_id,
                row.region,
                region_raw,
                row.period,
                row.value,
                row.status,
                superseded_by,
            ]));
        }
        summary.rows_stored = to_insert.len() as u64;

        for chunk in to_supersede.chunks(CHUNK) {
            let ids = serde_json::to_string(chunk).map_err(StoreError::from)?;
            let sql = match self.backend() {
                Backend::Sqlite => {
                    "UPDATE observation_rows SET superseded_by = $1, superseded_at = $2 WHERE id IN (SELECT value FROM json_each($3))"
                }
                Backend::Postgres => {
                    "UPDATE observation_rows SET superseded_by = $1, superseded_at = $2 WHERE id IN (SELECT (jsonb_array_elements_text($3::jsonb))::bigint)"
                }
            };
            sqlx::query(sql)
                .bind(import_id)
                .bind(&now)
                .bind(ids)
                .execute(&mut *tx)
                .await?;
        }
        for chunk in to_insert.chunks(CHUNK) {
            let rows = serde_json::to_string(chunk).map_err(StoreError::from)?;
            // Provenance (source, `updated`, import time, hash, synthetic) is the import's, read
            // through the `observations` view (migration 0014); a row names its series and import.
            let sql = match self.backend() {
                Backend::Sqlite => concat!(
                    "INSERT INTO observation_rows (import_id, series_id, region, region_raw, period, value, status, superseded_by, superseded_at) ",
                    "SELECT $1, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), ",
                    "json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), ",
                    "json_extract(j.value, '$[6]'), CASE WHEN json_extract(j.value, '$[6]') IS NULL THEN NULL ELSE $2 END ",
                    "FROM json_each($3) AS j"
                ),
                Backend::Postgres => concat!(
                    "INSERT INTO observation_rows (import_id, series_id, region, region_raw, period, value, status, superseded_by, superseded_at) ",
                    "SELECT $1, (r->>0)::bigint, r->>1, r->>2, r->>3, (r->>4)::double precision, r->>5, ",
                    "(r->>6)::bigint, CASE WHEN r->>6 IS NULL THEN NULL ELSE $2 END ",
                    "FROM jsonb_array_elements($3::jsonb) AS r"
                ),
            };
            sqlx::query(sql)
                .bind(import_id)
                .bind(&now)
                .bind(rows)
                .execute(&mut *tx)
                .await?;
        }
        Self::finish_import(&mut tx, import_id, &summary).await?;
        tx.commit().await?;
        Ok(summary)
    }

    async fn store_klass(
        &self,
        file_name: &str,
        bytes: &[u8],
        format: FileFormat,
        codes: &[KlassCode],
        changes: &[KlassChange],
        opts: &ImportOptions,
    ) -> std::result::Result<ImportSummary, ImportError> {
        let sha = sha256_hex(bytes);
        let classification = |code: &str| if code.len() == 2 { "104" } else { "131" };
        let first = codes
            .first()
            .map(|c| c.code.as_str())
            .or(changes.first().map(|c| c.old_code.as_str()))
            .unwrap_or("");
        let table_id = classification(first);
        let now = now_rfc3339();
        let mut tx = self.begin_write().await?;
        let import_id = Self::insert_import(
            &mut tx,
            file_name,
            &sha,
            format,
            Some(table_id),
            opts.source_url.as_deref(),
            None,
            &now,
            opts.synthetic,
        )
        .await?;
        for c in codes {
            sqlx::query(
                "INSERT INTO klass_codes (import_id, classification, code, name, parent_code, level, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(import_id)
            .bind(classification(&c.code))
            .bind(&c.code)
            .bind(&c.name)
            .bind(c.parent_code.as_deref())
            .bind(c.level.as_deref())
            .bind(c.valid_from.map(|d| d.to_string()))
            .bind(c.valid_to.map(|d| d.to_string()))
            .execute(&mut *tx)
            .await?;
        }
        for c in changes {
            sqlx::query(
                "INSERT INTO klass_changes (import_id, classification, old_code, old_name, new_code, new_name, change_occurred, split) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(import_id)
            .bind(classification(&c.old_code))
            .bind(&c.old_code)
            .bind(c.old_name.as_deref())
            .bind(&c.new_code)
            .bind(c.new_name.as_deref())
            .bind(c.change_occurred.to_string())
            .bind(c.split.map(bool_i64))
            .execute(&mut *tx)
            .await?;
        }
        let n = (codes.len() + changes.len()) as u64;
        let summary = ImportSummary {
            file_name: file_name.to_owned(),
            sha256: sha,
            format,
            import_id,
            already_imported: false,
            table_id: Some(table_id.to_owned()),
            updated: None,
            synthetic: opts.synthetic,
            rows_read: n,
            rows_empty: 0,
            rows_stored: n,
            rows_missing: 0,
            rows_superseding: 0,
            rows_unchanged: 0,
            rows_older: 0,
        };
        Self::finish_import(&mut tx, import_id, &summary).await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Number of observations in the store (current and superseded). Counted on
    /// `observation_rows`, not the `observations` view (whose joins made a count of the bundled
    /// data take 80 ms, on every CLI call that asked).
    pub async fn observation_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM observation_rows")
            .fetch_one(self.pool())
            .await?)
    }

    /// Whether the store holds any observation (one row looked at).
    pub async fn has_observations(&self) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar("SELECT 1 FROM observation_rows LIMIT 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(any.is_some())
    }

    /// Every import, newest first.
    pub async fn imports(&self) -> Result<Vec<ImportRecord>> {
        let rows = sqlx::query(
            "SELECT id, file_name, sha256, format, table_id, source_url, updated, imported_at, rows_read, rows_stored, synthetic FROM imports ORDER BY id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ImportRecord {
                    id: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    sha256: r.try_get("sha256")?,
                    format: r.try_get("format")?,
                    table_id: r.try_get("table_id")?,
                    source_url: r.try_get("source_url")?,
                    updated: r.try_get("updated")?,
                    imported_at: r.try_get("imported_at")?,
                    rows_read: r.try_get("rows_read")?,
                    rows_stored: r.try_get("rows_stored")?,
                    synthetic: r.try_get::<i64, _>("synthetic")? != 0,
                })
            })
            .collect()
    }
}

/// One row of `imports`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    /// Import id.
    pub id: i64,
    /// File name as given.
    pub file_name: String,
    /// SHA-256 of the bytes.
    pub sha256: String,
    /// Detected format (`jsonstat2`, `klass_codes_csv`, …).
    pub format: String,
    /// Table id or classification.
    pub table_id: Option<String>,
    /// Source URL.
    pub source_url: Option<String>,
    /// SSB `updated`.
    pub updated: Option<String>,
    /// When imported.
    pub imported_at: String,
    /// Rows read.
    pub rows_read: i64,
    /// Rows stored.
    pub rows_stored: i64,
    /// Synthetic.
    pub synthetic: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let d = |n: &str, b: &[u8]| detect_format(n, b).map_err(|e| e.to_string());
        assert_eq!(
            d("x.json", b"{\"class\":\"dataset\"}"),
            Ok(FileFormat::JsonStat2)
        );
        assert_eq!(
            d("x.json", b"{\"codes\":[]}"),
            Ok(FileFormat::KlassCodesJson)
        );
        assert_eq!(
            d("x.json", b"{\"codeChanges\":[]}"),
            Ok(FileFormat::KlassChangesJson)
        );
        assert_eq!(
            d("k.csv", b"\"code\";\"parentCode\";\"name\"\n"),
            Ok(FileFormat::KlassCodesCsv)
        );
        assert_eq!(
            d("k.csv", b"kommuner_2019;kommuner_2020;splittes\n"),
            Ok(FileFormat::KlassChangesCsv)
        );
        assert_eq!(
            d(
                "p.csv",
                b"\"07459: Population\"\n\n\"region\";\"age\";\"Persons 2022\"\n"
            ),
            Ok(FileFormat::SsbCsv)
        );
        assert_eq!(d("e.csv.gz", b"\x1f\x8b\x08"), Ok(FileFormat::Brreg));
        assert_eq!(
            d("e.csv", b"\"organisasjonsnummer\",\"navn\"\n"),
            Ok(FileFormat::Brreg)
        );
        assert!(
            d("empty.json", b"  \n")
                .unwrap_err()
                .starts_with("empty file")
        );
        assert!(
            d("x.txt", b"hello;world\n")
                .unwrap_err()
                .starts_with("line 1: expected")
        );
    }

    #[test]
    fn series_keys_are_sorted() {
        assert_eq!(
            series_key(&[("Kjonn", "2"), ("Alder", "015")]),
            "Alder=015;Kjonn=2"
        );
        assert_eq!(series_key(&[]), "");
        assert_eq!(normalise_region("K-3025"), "3025");
        assert_eq!(normalise_region("K-Rest"), "K-Rest");
    }
}
