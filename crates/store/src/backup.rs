//! Backup and restore of an SQLite store (`naeringsplan backup FILE`, `naeringsplan restore FILE`).
//!
//! Why these rules:
//!
//! - A backup is `VACUUM INTO`: one consistent snapshot in a new single file, taken while the
//!   server keeps running (it is a read transaction; writers are not stopped). It never
//!   overwrites a file: an existing backup is worth more than a new one made by mistake.
//! - A restore never leaves a half-restored store. The backup is copied beside the store and
//!   checked there first: it must be an SQLite file, hold naeringsplan's tables and migration
//!   record, migrate to the current schema (so a backup made by an older release restores into
//!   a newer one) and pass every [`Store::doctor`] check. Only then is a clean single-file copy
//!   of it renamed over the store in one atomic step; until that rename the old store is
//!   untouched, and any failure removes the copies and leaves it as it was.
//! - PostgreSQL has its own tools (`pg_dump`/`pg_restore`, see the README); both operations
//!   refuse a PostgreSQL store with a message saying so.

use std::path::{Path, PathBuf};

use sqlx::Row;

use crate::{Backend, Result, Store, StoreError};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Tables every naeringsplan store has (a file without them is some other database).
const REQUIRED_TABLES: [&str; 5] = [
    "_sqlx_migrations",
    "plans",
    "actions",
    "action_history",
    "users",
];

/// Rows per table, by table name (every table of the store; SQLite's own excluded).
pub type RowCounts = Vec<(String, i64)>;

/// The refusal for PostgreSQL stores.
fn postgres_refusal(what: &str) -> StoreError {
    StoreError::Invalid(format!(
        "{what} virker bare for SQLite-lageret; et PostgreSQL-lager sikkerhetskopieres med \
         pg_dump og gjenopprettes med pg_restore (se README, «Sikkerhetskopi og gjenoppretting»)"
    ))
}

/// The file path of an SQLite store location (as [`Store::open`] takes it); `None` for a
/// PostgreSQL URL.
pub fn sqlite_path(location: &str) -> Option<PathBuf> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        None
    } else if let Some(rest) = location.strip_prefix("sqlite:") {
        Some(PathBuf::from(rest.trim_start_matches("//")))
    } else {
        Some(PathBuf::from(location))
    }
}

impl Store {
    /// Writes a consistent copy of the store to `file` (SQLite `VACUUM INTO`) and returns its
    /// row counts. Refuses an existing `file` and a PostgreSQL store.
    pub async fn backup(&self, file: &Path) -> Result<RowCounts> {
        if self.backend() == Backend::Postgres {
            return Err(postgres_refusal("backup"));
        }
        if file.exists() {
            return Err(StoreError::Invalid(format!(
                "{} finnes allerede; en sikkerhetskopi skriver aldri over en fil, velg et nytt navn",
                file.display()
            )));
        }
        let p = file.to_str().ok_or_else(|| {
            StoreError::Location(format!(
                "{} er ikke et gyldig UTF-8-filnavn",
                file.display()
            ))
        })?;
        if let Some(parent) = file.parent()
            && !parent.as_os_str().is_empty()
            && !parent.is_dir()
        {
            return Err(StoreError::Location(format!(
                "kan ikke skrive {}: mappen {} finnes ikke",
                file.display(),
                parent.display()
            )));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(p)
            .execute(self.pool())
            .await
            .map_err(|e| {
                StoreError::Location(format!("kan ikke skrive sikkerhetskopien {p}: {e}"))
            })?;
        self.row_counts().await
    }

    /// Rows in every table and view of the store, by name (views too: `observations` is a view
    /// over `observation_rows` since migration 0014, and stores made before it had it as a table).
    pub async fn row_counts(&self) -> Result<RowCounts> {
        let names: Vec<String> = match self.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .fetch_all(self.pool())
                .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE', 'VIEW') ORDER BY table_name",
                )
                .fetch_all(self.pool())
                .await?
            }
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            // The names come from the catalogue, not from a user; quoted all the same.
            let sql = format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\""));
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(self.pool())
                .await?;
            out.push((name, n));
        }
        Ok(out)
    }
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Rows per table of the restored store.
    pub counts: RowCounts,
}

/// Replaces the SQLite store at `location` with the backup `file`, after checking the backup
/// (see the module docs). On any failure the store at `location` is as it was. The server must
/// not be running on the store while it is restored.
pub async fn restore(location: &str, file: &Path) -> Result<Restored> {
    let Some(target) = sqlite_path(location) else {
        return Err(postgres_refusal("restore"));
    };
    let shown = file.display();
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(file)
            .map_err(|e| StoreError::Location(format!("kan ikke lese {shown}: {e}")))?;
        let n = f
            .read(&mut header)
            .map_err(|e| StoreError::Location(format!("kan ikke lese {shown}: {e}")))?;
        if n < header.len() || &header != SQLITE_HEADER {
            return Err(StoreError::Invalid(format!(
                "{shown} er ikke en SQLite-fil (byte 0–15 er ikke «SQLite format 3»); ingenting er endret"
            )));
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        StoreError::Location(format!("kan ikke lage mappen {}: {e}", dir.display()))
    })?;
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "naeringsplan.db".into());
    let check = dir.join(format!(".{base}.restore-check"));
    let fresh = dir.join(format!(".{base}.restore-new"));
    let cleanup = || {
        for p in [&check, &fresh] {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut s = p.as_os_str().to_owned();
                s.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(s));
            }
        }
    };
    cleanup();
    let result = async {
        std::fs::copy(file, &check).map_err(|e| {
            StoreError::Location(format!(
                "kan ikke kopiere {shown} til {}: {e}",
                check.display()
            ))
        })?;
        is_naeringsplan_store(&check, file).await?;
        let store = Store::open_sqlite(&check).await.map_err(|e| {
            StoreError::Invalid(format!(
                "{shown} kan ikke oppgraderes til denne versjonens skjema: {e}; ingenting er endret"
            ))
        })?;
        let report = match store.doctor().await {
            Ok(r) => r,
            Err(e) => {
                store.close().await;
                return Err(StoreError::Invalid(format!(
                    "{shown} besto ikke kontrollen (doctor): {e}; ingenting er endret"
                )));
            }
        };
        if !report.ok() {
            let failed: Vec<String> = report
                .checks
                .iter()
                .filter(|c| !c.ok)
                .map(|c| format!("{}: {}", c.name, c.detail))
                .collect();
            store.close().await;
            return Err(StoreError::Invalid(format!(
                "{shown} besto ikke kontrollen (doctor): {}; ingenting er endret",
                failed.join("; ")
            )));
        }
        // A clean single file (no WAL beside it) to rename into place.
        let counts = store.backup(&fresh).await?;
        store.close().await;
        checkpoint(&target).await?;
        std::fs::rename(&fresh, &target).map_err(|e| {
            StoreError::Location(format!(
                "kan ikke erstatte {} med {}: {e}",
                target.display(),
                fresh.display()
            ))
        })?;
        // The old store's WAL and shared-memory files (emptied by the checkpoint) must not be
        // read against the new file.
        for suffix in ["-wal", "-shm"] {
            let mut s = target.as_os_str().to_owned();
            s.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(s));
        }
        Ok::<Restored, StoreError>(Restored { counts })
    }
    .await;
    cleanup();
    result
}

/// Refuses a file that is an SQLite database but not a naeringsplan store (read only; the file
/// is not migrated here).
async fn is_naeringsplan_store(copy: &Path, original: &Path) -> Result<()> {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(copy)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| {
            StoreError::Invalid(format!(
                "{} kan ikke åpnes som SQLite-database: {e}; ingenting er endret",
                original.display()
            ))
        })?;
    let rows = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(&mut conn)
        .await
        .map_err(|e| {
            StoreError::Invalid(format!(
                "{} er ikke en lesbar SQLite-database: {e}; ingenting er endret",
                original.display()
            ))
        })?;
    let names: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String, _>("name"))
        .collect::<std::result::Result<_, _>>()?;
    let missing: Vec<&str> = REQUIRED_TABLES
        .into_iter()
        .filter(|t| !names.iter().any(|n| n == t))
        .collect();
    if !missing.is_empty() {
        return Err(StoreError::Invalid(format!(
            "{} er ikke et naeringsplan-lager (tabellene {} mangler); ingenting er endret",
            original.display(),
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Folds the WAL of the store at `target` (if there is one) into its main file, so replacing
/// the file loses nothing that was committed and no stale WAL is left to replay.
async fn checkpoint(target: &Path) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(target)
        .connect()
        .await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}
