//! The bad-input corpus, end to end through the command line: every file under
//! `tests/bad-input/<importer>/` is given to the command that reads that kind of file, which must
//! exit non-zero, print the file's expected error (`EXPECTED.tsv` beside it: the file, then
//! where in it and what was expected), and leave the store exactly as it was (every row of every
//! table compared before and after). Every folder must be known here and every file must have an
//! expectation, so the corpus cannot grow untested.
//!
//! An expectation that does not start with the file name is printed as `file: expectation`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use sqlx::{AssertSqlSafe, Row};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The command for each folder (the file name is appended; run from inside the folder).
fn command_for(folder: &str) -> Option<&'static [&'static str]> {
    Some(match folder {
        // SSB JSON-stat, SSB CSV, KLASS CSV/JSON.
        "stats" => &["import"],
        // Enhetsregisteret bulk files (CSV/JSON, gzipped).
        "brreg" => &["import"],
        // Annual accounts (the accounts register's JSON).
        "accounts" => &["import"],
        // The action plan as CSV/XLSX.
        "actions" => &["actions", "import"],
        // Plan files: loading one as the store's plan (`check` is tested apart below).
        "plans" => &["plan", "show", "--plan"],
        _ => return None,
    })
}

fn run(dir: &Path, db: &Path, args: &[&str]) -> Output {
    common::bin()
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// Every row of every table (except the migration log), as text.
async fn dump(path: &Path) -> String {
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

/// (file, expected line): `file: error`, or the error as is when it starts with the file name.
/// A line `error: <expected error>` (the CLI's top-level form) also matches.
fn expectations(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("EXPECTED.tsv"))
        .unwrap_or_else(|e| panic!("{}/EXPECTED.tsv: {e}", dir.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (f, m) = l.split_once('\t').expect("file<TAB>expected error");
            (f.to_string(), m.to_string())
        })
        .collect()
}

fn matches(got: &str, file: &str, expected: &str) -> bool {
    got == expected || got == format!("{file}: {expected}") || got == format!("error: {expected}")
}

#[tokio::test]
async fn every_bad_file_fails_with_its_error_and_changes_nothing() {
    let root = workspace().join("tests/bad-input");
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store.db");
    // Something in the store first, so "unchanged" is not trivially "empty".
    let good = workspace().join("crates/store/tests/fixtures/good_small.json");
    let out = run(&workspace(), &db, &["import", good.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = dump(&db).await;
    assert!(before.contains("|96088.0|"), "{before}");

    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut failures = Vec::new();
    let mut total = 0;
    for dir in &folders {
        let folder = dir.file_name().unwrap().to_str().unwrap();
        if folder == "registers" {
            // Three commands chosen by file name (land_* / ledger_* / visits_*); run by the test in
            // crates/naeringsplan/src/cmd/registers.rs, which also checks the store is unchanged.
            continue;
        }
        let command = command_for(folder)
            .unwrap_or_else(|| panic!("tests/bad-input/{folder}: no command known for it"));
        let expected = expectations(dir);
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != "EXPECTED.tsv")
            .collect();
        files.sort();
        let listed: Vec<String> = expected.iter().map(|(f, _)| f.clone()).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(
            sorted, files,
            "{folder}: every file has exactly one expectation"
        );
        for (file, line) in &expected {
            let mut args = command.to_vec();
            args.push(file);
            let out = run(dir, &db, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                failures.push(format!("{folder}/{file}: exit 0, expected a failure"));
            } else if !stderr.lines().any(|l| matches(l, file, line)) {
                failures.push(format!(
                    "{folder}/{file}:\n  expected: {line}\n  got:      {}",
                    stderr.trim_end().replace('\n', "\n            ")
                ));
            }
            let after = dump(&db).await;
            if after != before {
                failures.push(format!("{folder}/{file}: the store changed"));
            }
            total += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total >= 60, "the corpus has {total} files");
    eprintln!("{total} bad files in {} folders refused", folders.len());
}

/// `naeringsplan check` reports the same diagnostic for each broken plan (and exits 1).
#[test]
fn check_reports_each_broken_plan() {
    let dir = workspace().join("tests/bad-input/plans");
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("unused.db");
    for (file, line) in expectations(&dir) {
        let out = run(&dir, &db, &["check", &file]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.lines().any(|l| matches(l, &file, &line)),
            "{file}: expected {line}\n got: {text}"
        );
    }
    assert!(!db.exists(), "check does not touch a store");
}
