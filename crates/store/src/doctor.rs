//! `Store::doctor`: an integrity check of the whole store, for operators and for the crash test.
//!
//! Each check is one named finding (ok or not, with a short detail). What is checked:
//!
//! - the database file itself (SQLite `PRAGMA integrity_check`; a server checks its own pages);
//! - foreign keys (SQLite `PRAGMA foreign_key_check`, and on both backends explicit searches for
//!   rows whose parent is gone: observations, KLASS rows, history, register tables);
//! - every statistics import is whole: the rows it recorded as stored are all there;
//! - every register snapshot is whole: its per-municipality facts (present and deleted units,
//!   plus those without a municipality) add up to the units it recorded, an enheter snapshot's
//!   unit tables hold every unit (underenheter snapshots have none, by design), and its
//!   skipped-row log has the count it recorded;
//! - the action history agrees with the actions: each action at version *v* has history rows for
//!   exactly the versions 1..=*v* (an edit is never without its history, nor history without
//!   its edit).

use sqlx::Row;

use crate::{Backend, Result, Store};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// What was checked.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found (counts when it passed; the first offenders when not).
    pub detail: String,
}

/// All findings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DoctorReport {
    /// The checks, in the order run.
    pub checks: Vec<Check>,
}

impl DoctorReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// At most this many offenders are named per check.
const SHOWN: usize = 5;

fn check(name: &str, offenders: Vec<String>, ok_detail: String) -> Check {
    if offenders.is_empty() {
        Check {
            name: name.into(),
            ok: true,
            detail: ok_detail,
        }
    } else {
        let mut detail = offenders
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if offenders.len() > SHOWN {
            detail.push_str(&format!("; … {} in all", offenders.len()));
        }
        Check {
            name: name.into(),
            ok: false,
            detail,
        }
    }
}

/// Child tables and the parent each row must have: (what, SQL counting orphans).
const ORPHANS: [(&str, &str); 9] = [
    (
        "observations without their import",
        "SELECT COUNT(*) FROM observation_rows o WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = o.import_id)",
    ),
    (
        "KLASS codes without their import",
        "SELECT COUNT(*) FROM klass_codes o WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = o.import_id)",
    ),
    (
        "KLASS changes without their import",
        "SELECT COUNT(*) FROM klass_changes o WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = o.import_id)",
    ),
    (
        "history rows without their action",
        "SELECT COUNT(*) FROM action_history h WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.plan_code = h.plan_code AND a.id = h.action_id)",
    ),
    (
        "strategy links without their action",
        "SELECT COUNT(*) FROM action_strategies s WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.plan_code = s.plan_code AND a.id = s.action_id)",
    ),
    (
        "municipality facts without their snapshot",
        "SELECT COUNT(*) FROM register_municipality_facts f WHERE NOT EXISTS (SELECT 1 FROM register_snapshots s WHERE s.id = f.snapshot_id)",
    ),
    (
        "unit tables without their snapshot",
        "SELECT COUNT(*) FROM register_unit_tables f WHERE NOT EXISTS (SELECT 1 FROM register_snapshots s WHERE s.id = f.snapshot_id)",
    ),
    (
        "skipped-row log without its snapshot",
        "SELECT COUNT(*) FROM register_skipped_rows f WHERE NOT EXISTS (SELECT 1 FROM register_snapshots s WHERE s.id = f.snapshot_id)",
    ),
    (
        "annual accounts without their file",
        "SELECT COUNT(*) FROM register_accounts a WHERE NOT EXISTS (SELECT 1 FROM register_accounts_files f WHERE f.id = a.file_id)",
    ),
];

impl Store {
    /// Runs every integrity check; see the module documentation.
    pub async fn doctor(&self) -> Result<DoctorReport> {
        let mut checks = Vec::new();
        let pool = self.pool();

        // The database file.
        if self.backend() == Backend::Sqlite {
            let rows = sqlx::query("PRAGMA integrity_check")
                .fetch_all(pool)
                .await?;
            let lines: Vec<String> = rows
                .iter()
                .map(|r| r.try_get::<String, _>(0).unwrap_or_default())
                .collect();
            let bad: Vec<String> = lines.into_iter().filter(|l| l != "ok").collect();
            checks.push(check(
                "database file",
                bad,
                "SQLite integrity_check: ok".into(),
            ));
            let fk = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(pool)
                .await?;
            let bad: Vec<String> = fk
                .iter()
                .map(|r| {
                    let table: String = r.try_get(0).unwrap_or_default();
                    let parent: String = r.try_get(2).unwrap_or_default();
                    format!("a row of {table} refers to a missing {parent}")
                })
                .collect();
            checks.push(check(
                "foreign keys",
                bad,
                "SQLite foreign_key_check: no violations".into(),
            ));
        } else {
            let version: String = sqlx::query_scalar("SELECT version()")
                .fetch_one(pool)
                .await?;
            checks.push(check(
                "database server",
                Vec::new(),
                format!(
                    "{} (pages and constraints are the server's to check)",
                    version.split(" on ").next().unwrap_or(&version)
                ),
            ));
        }

        // Rows whose parent is gone (both backends, whatever the schema enforces).
        let mut bad = Vec::new();
        for (what, sql) in ORPHANS {
            let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await?;
            if n > 0 {
                bad.push(format!("{n} {what}"));
            }
        }
        checks.push(check(
            "references",
            bad,
            format!("{} parent/child relations: no orphans", ORPHANS.len()),
        ));

        // Statistics imports are whole.
        let rows = sqlx::query(
            "SELECT i.id, i.file_name, i.rows_stored, \
               (SELECT COUNT(*) FROM observation_rows o WHERE o.import_id = i.id) \
             + (SELECT COUNT(*) FROM klass_codes k WHERE k.import_id = i.id) \
             + (SELECT COUNT(*) FROM klass_changes c WHERE c.import_id = i.id) AS present \
             FROM imports i ORDER BY i.id",
        )
        .fetch_all(pool)
        .await?;
        let mut bad = Vec::new();
        let mut stored = 0i64;
        for r in &rows {
            let id: i64 = r.try_get(0)?;
            let file: String = r.try_get(1)?;
            let expected: i64 = r.try_get(2)?;
            let present: i64 = r.try_get(3)?;
            stored += present;
            if expected != present {
                bad.push(format!(
                    "import #{id} ({file}) recorded {expected} rows stored, {present} present"
                ));
            }
        }
        checks.push(check(
            "statistics imports",
            bad,
            format!("{} imports, {stored} rows, each whole", rows.len()),
        ));

        // Register snapshots are whole. Every snapshot's per-municipality facts count each unit
        // once (present or deleted/closed, plus those without a municipality); only enheter
        // snapshots have unit tables (see `store::register`), and theirs hold every unit.
        let rows = sqlx::query(
            "SELECT s.id, s.kind, s.file_name, s.units, s.skipped_rows, s.without_municipality, \
               CAST(COALESCE((SELECT SUM(t.units) FROM register_unit_tables t WHERE t.snapshot_id = s.id), 0) AS BIGINT) AS in_tables, \
               CAST(COALESCE((SELECT SUM(f.units + f.deleted_or_closed) FROM register_municipality_facts f WHERE f.snapshot_id = s.id), 0) AS BIGINT) AS in_facts, \
               (SELECT COUNT(*) FROM register_skipped_rows k WHERE k.snapshot_id = s.id) AS logged \
             FROM register_snapshots s ORDER BY s.id",
        )
        .fetch_all(pool)
        .await?;
        let mut bad = Vec::new();
        let mut units_total = 0i64;
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let kind: String = r.try_get("kind")?;
            let file: String = r.try_get("file_name")?;
            let units: i64 = r.try_get("units")?;
            let skipped: i64 = r.try_get("skipped_rows")?;
            let without: i64 = r.try_get("without_municipality")?;
            let in_tables: i64 = r.try_get("in_tables")?;
            let in_facts: i64 = r.try_get::<i64, _>("in_facts")? + without;
            let logged: i64 = r.try_get("logged")?;
            units_total += units;
            if in_facts != units {
                bad.push(format!(
                    "snapshot #{id} ({file}) recorded {units} units, its municipality facts count {in_facts}"
                ));
            }
            if kind == "enheter" && in_tables != units {
                bad.push(format!(
                    "snapshot #{id} ({file}) recorded {units} units, its unit tables hold {in_tables}"
                ));
            }
            if kind != "enheter" && in_tables != 0 {
                bad.push(format!(
                    "snapshot #{id} ({file}) is of {kind}, yet has unit tables ({in_tables} units)"
                ));
            }
            if logged != skipped {
                bad.push(format!(
                    "snapshot #{id} ({file}) recorded {skipped} skipped rows, {logged} logged"
                ));
            }
        }
        checks.push(check(
            "register snapshots",
            bad,
            format!("{} snapshots, {units_total} units, each whole", rows.len()),
        ));

        // History agrees with the action versions.
        let rows = sqlx::query(
            "SELECT a.plan_code, a.id, a.version, \
               COALESCE(MIN(h.version), 0), COALESCE(MAX(h.version), 0), COUNT(DISTINCT h.version), COUNT(h.seq) \
             FROM actions a LEFT JOIN action_history h ON h.plan_code = a.plan_code AND h.action_id = a.id \
             GROUP BY a.plan_code, a.id, a.version ORDER BY a.plan_code, a.id",
        )
        .fetch_all(pool)
        .await?;
        let mut bad = Vec::new();
        let mut history_rows = 0i64;
        for r in &rows {
            let plan: String = r.try_get(0)?;
            let id: String = r.try_get(1)?;
            let version: i64 = r.try_get(2)?;
            let min: i64 = r.try_get(3)?;
            let max: i64 = r.try_get(4)?;
            let distinct: i64 = r.try_get(5)?;
            history_rows += r.try_get::<i64, _>(6)?;
            if (min, max, distinct) != (1, version, version) {
                bad.push(format!(
                    "action {plan}/{id} is at version {version}, its history covers {distinct} versions ({min}..={max})"
                ));
            }
        }
        checks.push(check(
            "action history",
            bad,
            format!(
                "{} actions, {history_rows} history rows, versions 1..=v each",
                rows.len()
            ),
        ));

        Ok(DoctorReport { checks })
    }
}
