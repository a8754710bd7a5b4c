//! Helpers shared by the store's observation tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use naeringsplan_store::Store;
use sqlx::{AssertSqlSafe, Row};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub async fn fresh() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    (dir, path, store)
}

/// Every row of every table (except the migration log), as text: the store's whole content.
pub async fn dump(path: &Path) -> String {
    let url = format!("sqlite://{}", path.display());
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    // The observations live in `observation_rows` (the view `observations` over it, 0014).
    assert!(tables.iter().any(|t| t == "observation_rows"));
    let mut out = String::new();
    for t in tables {
        let cols: Vec<String> = sqlx::query(AssertSqlSafe(format!("PRAGMA table_info(\"{t}\")")))
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .collect();
        let expr = cols
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT {expr} FROM \"{t}\" ORDER BY rowid"
        )))
        .fetch_all(&pool)
        .await
        .unwrap();
        out.push_str(&format!("== {t} ({} rows)\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    pool.close().await;
    out
}
