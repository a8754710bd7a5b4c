//! Stores upgrade (issue 21, item 9): a store file made by an earlier release opens in this one,
//! migrations run, and nothing is lost.
//!
//! `fixtures/store-v0009.db` was made by the release whose last migration is 0009 (before the
//! display names, the case-insensitive name index and the server secrets of 0010), with the
//! CLI as an operator runs it (`NAERINGSPLAN_NO_DEMO=1`, the embedded Asker plan):
//!
//! ```sh
//! echo korrekt-hest-batteri | naeringsplan --db store-v0009.db user add kari --role editor
//! echo korrekt-hest-batteri | naeringsplan --db store-v0009.db user add ola --role admin
//! naeringsplan --db store-v0009.db user token kari --label fixture       # FIXTURE_TOKEN below
//! naeringsplan --db store-v0009.db actions import fixture-actions.csv --as kari
//! naeringsplan --db store-v0009.db import crates/store/tests/fixtures/good_small.json
//! sqlite3 store-v0009.db 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;'
//! ```
//!
//! where `fixture-actions.csv` is `id,title,status\nX1,Tiltak fra fixture,in_progress\n`.
//! Keep the file as it is: later releases must open it too. When a release adds a migration,
//! add a fixture made by that release beside it (`store-v<last migration>.db`) and a test here.

use std::path::{Path, PathBuf};

use naeringsplan_store::Store;
use naeringsplan_store::users::{Role, Throttle};
use sqlx::ConnectOptions;

/// The token `user token kari --label fixture` printed when the fixture was made.
const FIXTURE_TOKEN: &str = "np_acc56747af6288337f2c35a9f3e08561937376cd60489c85278f34c74c0d2df3";
const PASSWORD: &str = "korrekt-hest-batteri";
const ASKER: &str = "3203";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of the fixture in a scratch folder (the checked-in file is never opened for writing).
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    (dir, path)
}

/// Rows per table and the migrations applied, read with plain SQLite (no migrations run).
async fn raw_counts(path: &Path) -> (Vec<(String, i64)>, Vec<i64>) {
    let mut c = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let mut counts = Vec::new();
    for t in tables {
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{t}\"")))
                .fetch_one(&mut c)
                .await
                .unwrap();
        counts.push((t, n));
    }
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut c)
            .await
            .unwrap();
    (counts, versions)
}

#[tokio::test]
async fn a_store_made_by_the_release_before_0010_opens_with_nothing_lost() {
    let (_dir, path) = copy_of("store-v0009.db");
    let (before, versions) = raw_counts(&path).await;
    assert_eq!(
        versions,
        (1..=9).collect::<Vec<i64>>(),
        "the fixture is at 0009"
    );
    let count = |c: &[(String, i64)], t: &str| {
        c.iter()
            .find(|(n, _)| n == t)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| panic!("no table {t}"))
    };
    assert_eq!(count(&before, "users"), 2);
    assert!(count(&before, "actions") > 10);
    assert!(count(&before, "observations") > 0);

    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    // Every table that was there has every row (the migration log has one more per migration
    // since 0009: 0010, 0011, …).
    let after = store.row_counts().await.unwrap();
    let newer = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".sql") && name.as_ref() > "0010"
        })
        .count() as i64;
    assert!(newer >= 1);
    for (table, n) in &before {
        let expected = if table == "_sqlx_migrations" {
            n + newer
        } else {
            *n
        };
        assert_eq!(count(&after, table), expected, "{table}");
    }
    assert_eq!(count(&after, "server_secrets"), 0);

    // An action's history, as the release before wrote it.
    let x1 = store.action(ASKER, "X1").await.unwrap().unwrap();
    assert_eq!(x1.action.title, "Tiltak fra fixture");
    // Migration 0015 (issue 20): an action stored before it has no budget cycle and no tasks.
    assert!(x1.action.budget.is_empty() && x1.action.tasks.is_empty());
    assert_eq!(x1.updated_by, "kari");
    let history = store.history(ASKER, "X1").await.unwrap();
    assert_eq!(history.len() as i64, x1.version);
    assert_eq!(history[0].field, "created");
    assert!(history.iter().all(|h| h.actor == "kari"));
    // The plan's own actions kept their plan-file history.
    let t1 = store.history(ASKER, "T1").await.unwrap();
    assert!(!t1.is_empty());

    // Accounts work as before: the password logs in, the token is valid; the new display name
    // is empty, so the public sees the role word.
    let (kari, _) = store
        .login("kari", PASSWORD, "127.0.0.1", &Throttle::default(), None)
        .await
        .unwrap();
    assert_eq!(kari.role, Role::Editor);
    assert_eq!(kari.public_name(), "redaktør");
    assert_eq!(
        store
            .user_by_api_token(FIXTURE_TOKEN)
            .await
            .unwrap()
            .map(|u| u.name),
        Some("kari".to_string())
    );
    assert_eq!(
        store.public_names().await.unwrap().of("ola"),
        "administrator"
    );
    // The statistics import is whole, and every doctor check passes.
    let report = store.doctor().await.unwrap();
    assert!(report.ok(), "{report:#?}");
    let at_close = store.row_counts().await.unwrap();
    store.close().await;

    // Opening again changes nothing more.
    let again = Store::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(again.row_counts().await.unwrap(), at_close);
}

/// A store from before the case check may hold names differing only in case; migration 0010
/// renames every twin but the oldest (`<name>-<id>`) so the unique index can be built, and
/// loses no account.
#[tokio::test]
async fn case_twins_from_older_stores_are_renamed_not_lost() {
    let (_dir, path) = copy_of("store-v0009.db");
    {
        let mut c = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .connect()
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO users (name, password_hash, role, disabled, created_at) SELECT 'KARI', password_hash, 'viewer', 0, created_at FROM users WHERE name = 'kari'",
        )
        .execute(&mut c)
        .await
        .unwrap();
    }
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    let names: Vec<String> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"kari".to_string()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("KARI-")),
        "the younger twin is renamed: {names:?}"
    );
    assert!(
        store
            .add_user("Kari", PASSWORD, Role::Viewer)
            .await
            .is_err()
    );
}
