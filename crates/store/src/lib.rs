//! The one store: every SQL statement of naeringsplan lives in this crate.
//!
//! The default is an embedded SQLite file; a PostgreSQL URL selects the server backend. Both run
//! the same queries through `sqlx::Any` with `$n` placeholders (which SQLite also accepts), and
//! each backend has its own migration folder with the same schema. Callers see plain Rust types
//! from [`plan`] and this crate; no SQL leaks out.
//!
//! - [`plans`]: loading a plan file into the store and reading it back; a municipality's plan
//!   versions and actions carried over from one to the next;
//! - [`actions`]: the action plan, optimistic concurrency and the append-only history;
//! - [`observations`]: official statistics (SSB JSON-stat, KLASS) with provenance, and series
//!   resolved across municipal mergers;
//! - [`brreg`]: Brønnøysund register snapshots, their facts per municipality, cohort survival,
//!   annual accounts and the plan facts computed from them;
//! - [`local_registers`]: the registers the plan says are missing: commercial land sites (every change
//!   kept), supplier ledgers matched against the register, company visits with retention;
//! - [`pipeline`]: the investment pipeline (migration 0017): enquiries with their stage history,
//!   retention with archived counts, public aggregates per year and stage;
//! - [`partners`]: partners, memberships, agreements and ownerships (migration 0018), every
//!   change kept field by field;
//! - [`computed`]: results computed from the store kept in it (opaque bytes by kind and key;
//!   `app::cache` decides what they mean);
//! - [`backup`]: `VACUUM INTO` backups and checked, atomic restores of an SQLite store.

pub mod actions;
pub mod assessments;
pub mod backup;
pub mod brreg;
pub mod computed;
pub mod doctor;
pub mod local_registers;
pub mod observations;
pub mod overrides;
pub mod partners;
pub mod pipeline;
pub mod plans;
pub mod testing;
pub mod users;

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use actions::{ActionPatch, ActionRecord, HistoryEntry, UpdateError};

/// Log filter directives for the store's database library, for a program's default log
/// filter: it reports statements over 1 s at WARN, which on a big national import is every
/// batch and says nothing a user can act on.
pub const LOG_DIRECTIVES: &str = "sqlx::query=error";
pub use plans::PlanLoad;

/// Which database the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file (the default).
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or a statement failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// A migration failed.
    #[error("could not migrate the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Stored data could not be read back (corrupt JSON, unknown status, …).
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The database location is not usable.
    #[error("{0}")]
    Location(String),
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request is not valid for this plan (e.g. an unknown strategy id).
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    /// Whether this is a UNIQUE (or primary key) violation: the row exists already, or another
    /// writer made the same row at the same moment. Callers map it to a conflict.
    pub fn is_unique_violation(&self) -> bool {
        is_unique_violation(self)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle to the store; cheap to clone (it wraps a connection pool, and the in-memory
/// lookup cache of [`Store::register_lookup`], shared by the clones).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    lookup: std::sync::Arc<std::sync::Mutex<local_registers::LookupCache>>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens a store from a location: a `postgres://` / `postgresql://` URL, a `sqlite:` URL,
    /// or a plain file path (SQLite, created with its parent directory if missing).
    /// Runs pending migrations.
    pub async fn open(location: &str) -> Result<Store> {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            Self::connect(location, Backend::Postgres).await
        } else if let Some(rest) = location.strip_prefix("sqlite:") {
            Self::open_sqlite(Path::new(rest.trim_start_matches("//"))).await
        } else {
            Self::open_sqlite(Path::new(location)).await
        }
    }

    /// Opens (creating if needed) an SQLite store at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Location(format!(
                    "cannot create the directory {} for the database: {e}",
                    parent.display()
                ))
            })?;
        }
        let p = path.to_str().ok_or_else(|| {
            StoreError::Location(format!(
                "database path {} is not valid UTF-8",
                path.display()
            ))
        })?;
        if p.contains(['?', '#']) {
            return Err(StoreError::Location(format!(
                "database path {p} may not contain '?' or '#'"
            )));
        }
        Self::connect(&format!("sqlite://{p}?mode=rwc"), Backend::Sqlite).await
    }

    async fn connect(url: &str, backend: Backend) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        if backend == Backend::Sqlite {
            // WAL is persistent in the file: readers never block the writer.
            pool.execute("PRAGMA journal_mode = WAL;").await?;
            SQLITE_MIGRATIONS.run(&pool).await?;
        } else {
            POSTGRES_MIGRATIONS.run(&pool).await?;
        }
        Ok(Store {
            pool,
            backend,
            lookup: Default::default(),
        })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that writes. On SQLite it starts with `BEGIN IMMEDIATE`: it takes the write
    /// lock at once, waiting up to the busy timeout for another writer, instead of starting as a
    /// reader and failing with "database is locked" when it tries to write while another
    /// connection does (issue 21: 24 of 60 parallel `POST /api/actions` answered 500).
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        if self.backend == Backend::Postgres {
            return Ok(self.pool.begin().await?);
        }
        // The busy timeout makes SQLite wait for the lock; should it still be busy (a very long
        // writer elsewhere), try a few more times before giving up.
        let mut tries = 0u32;
        loop {
            match self.pool.begin_with("BEGIN IMMEDIATE").await {
                Ok(tx) => return Ok(tx),
                Err(e) if tries < 3 && is_busy(&e) => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100 << tries)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// SQLite's "database is locked" (SQLITE_BUSY and its extended codes).
fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| {
        d.code()
            .is_some_and(|c| c == "5" || c.parse::<u32>().is_ok_and(|n| n & 0xff == 5))
            || d.message().contains("database is locked")
    })
}

/// Is this a UNIQUE (or primary key) violation: something made the same row at the same time?
pub(crate) fn is_unique_violation(e: &StoreError) -> bool {
    matches!(e, StoreError::Db(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()))
}

/// Now, as RFC 3339 in UTC with second precision (what the store writes in `at` columns).
pub(crate) fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
