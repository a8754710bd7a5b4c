//! Scratch stores for tests: a fresh PostgreSQL database per test, so tests on one server run in
//! parallel without seeing each other's rows.
//!
//! `NAERINGSPLAN_TEST_POSTGRES` names the server (a database URL on it, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`; `.ci/run` starts a throwaway cluster and sets
//! it). `NAERINGSPLAN_TEST_STORE=postgres` asks suites that can run on either backend (the web
//! tests) to use PostgreSQL instead of an SQLite file.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Executor;

use crate::{Result, Store, StoreError};

/// The server URL from `NAERINGSPLAN_TEST_POSTGRES`, if set and not empty.
///
/// A PostgreSQL test without a server is skipped (with a message) on a developer's machine, but
/// never under CI: with `CI` set and no server this panics, so the test fails instead of passing
/// silently (`.ci/run` starts a throwaway cluster and sets the variable).
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("NAERINGSPLAN_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if url.is_none() && std::env::var_os("CI").is_some() {
        panic!(
            "NAERINGSPLAN_TEST_POSTGRES is not set under CI: .ci/run starts PostgreSQL and sets it"
        );
    }
    url
}

/// Whether suites that run on either backend should use PostgreSQL
/// (`NAERINGSPLAN_TEST_STORE=postgres` and a server in `NAERINGSPLAN_TEST_POSTGRES`). Asking for
/// PostgreSQL without a server is an error, not a silent run on SQLite.
pub fn prefer_postgres() -> bool {
    let asked =
        std::env::var("NAERINGSPLAN_TEST_STORE").is_ok_and(|v| v.eq_ignore_ascii_case("postgres"));
    if asked && postgres_url().is_none() {
        panic!("NAERINGSPLAN_TEST_STORE=postgres needs a server in NAERINGSPLAN_TEST_POSTGRES");
    }
    asked
}

/// Creates a new, empty database on the server of `url` (same host, port and credentials),
/// named `{prefix}_{pid}_{nanos}_{n}`, and returns its URL. `prefix` must be lowercase ASCII
/// letters, digits and `_` (it becomes an SQL identifier).
pub async fn create_postgres_database(url: &str, prefix: &str) -> Result<String> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    if prefix.is_empty()
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(StoreError::Invalid(format!(
            "database name prefix {prefix:?} must be lowercase letters, digits and _"
        )));
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "{prefix}_{}_{nanos}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    sqlx::any::install_default_drivers();
    let admin = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await?;
    // The name is built above from checked characters only; identifiers cannot be bound.
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await?;
    admin.close().await;
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let server = base.rsplit_once('/').map_or(base, |(b, _)| b);
    Ok(format!("{server}/{name}{query}"))
}

/// A store on a fresh PostgreSQL database (see [`create_postgres_database`]), or `None` when
/// `NAERINGSPLAN_TEST_POSTGRES` is not set.
pub async fn postgres_store(prefix: &str) -> Option<Store> {
    let url = postgres_url()?;
    let db = create_postgres_database(&url, prefix)
        .await
        .unwrap_or_else(|e| panic!("cannot create a test database on {url}: {e}"));
    Some(
        Store::open(&db)
            .await
            .unwrap_or_else(|e| panic!("cannot open {db}: {e}")),
    )
}
