//! `naeringsplan backup FILE` and `naeringsplan restore FILE` as an operator runs them (issue
//! 21, item 9): a round trip checked with `doctor` and row counts, refusals that change nothing,
//! and the PostgreSQL refusal.

mod common;

use std::path::Path;
use std::process::Output;

const PW: &str = "et-langt-passord\n";

fn np(db: &Path, args: &[&str], stdin: &str) -> Output {
    common::output_with_input(db, args, stdin)
}

fn ok(db: &Path, args: &[&str], stdin: &str) -> String {
    let out = np(db, args, stdin);
    assert!(
        out.status.success(),
        "naeringsplan {args:?} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Rows per table, as `backup` and `restore` print them (`table<TAB>rows` per line).
fn counts(stdout: &str) -> Vec<(String, i64)> {
    stdout
        .lines()
        .map(|l| {
            let (t, n) = l.split_once('\t').unwrap();
            (t.to_string(), n.parse().unwrap())
        })
        .collect()
}

fn count_of(c: &[(String, i64)], table: &str) -> i64 {
    c.iter().find(|(t, _)| t == table).map(|(_, n)| *n).unwrap()
}

/// The store's counts now, through a fresh backup (which must not exist yet).
fn counts_now(db: &Path, scratch: &Path) -> Vec<(String, i64)> {
    let _ = std::fs::remove_file(scratch);
    counts(&ok(db, &["backup", scratch.to_str().unwrap()], ""))
}

#[test]
fn backup_and_restore_round_trip_checked_by_doctor_and_row_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    ok(
        &db,
        &[
            "user",
            "add",
            "kari",
            "--role",
            "editor",
            "--display-name",
            "Kari N.",
        ],
        PW,
    );
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "id,title\nX1,Første tiltak\nX2,Andre tiltak\n").unwrap();
    ok(
        &db,
        &["actions", "import", csv.to_str().unwrap(), "--as", "kari"],
        "",
    );

    let backup = dir.path().join("backup.db");
    let made = counts(&ok(&db, &["backup", backup.to_str().unwrap()], ""));
    assert!(count_of(&made, "actions") >= 2);
    assert_eq!(count_of(&made, "users"), 1);
    let history = count_of(&made, "action_history");
    // The backup is a whole store on its own.
    let out = np(&backup, &["doctor"], "");
    assert!(out.status.success(), "{}", text(&out.stdout));

    // A backup never overwrites: the second one to the same file is refused, the file kept.
    let before = std::fs::read(&backup).unwrap();
    let out = np(&db, &["backup", backup.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("finnes allerede"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&backup).unwrap(), before);

    // Life goes on: another user, another action.
    ok(&db, &["user", "add", "ola", "--role", "admin"], PW);
    std::fs::write(&csv, "id,title\nX3,Tredje tiltak\n").unwrap();
    ok(
        &db,
        &["actions", "import", csv.to_str().unwrap(), "--as", "ola"],
        "",
    );
    let later = counts_now(&db, &dir.path().join("later.db"));
    assert_eq!(count_of(&later, "users"), 2);
    assert!(count_of(&later, "action_history") > history);

    // Restore: the store is as it was at the backup, table by table, and passes doctor.
    let restored = counts(&ok(&db, &["restore", backup.to_str().unwrap()], ""));
    assert_eq!(restored, made);
    assert_eq!(counts_now(&db, &dir.path().join("after.db")), made);
    let out = np(&db, &["doctor"], "");
    assert!(out.status.success(), "{}", text(&out.stdout));
    let users = ok(&db, &["user", "list"], "");
    assert!(
        users.contains("kari\tKari N.") && !users.contains("ola"),
        "{users}"
    );
    // The restored store is in use as any other: a login name, a token, an import.
    ok(&db, &["user", "token", "kari"], "");
}

#[test]
fn restore_refuses_what_is_not_a_good_store_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    ok(&db, &["user", "add", "kari", "--role", "editor"], PW);
    let good = dir.path().join("good.db");
    ok(&db, &["backup", good.to_str().unwrap()], "");
    let before = counts_now(&db, &dir.path().join("before.db"));

    let garbage = dir.path().join("tekst.db");
    std::fs::write(&garbage, "dette er ingen database\n").unwrap();
    let other_db = dir.path().join("annen.db");
    {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            use sqlx::ConnectOptions;
            let mut c = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&other_db)
                .create_if_missing(true)
                .connect()
                .await
                .unwrap();
            sqlx::query("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT)")
                .execute(&mut c)
                .await
                .unwrap();
        });
    }
    // A backup cut off halfway: an SQLite header, then nothing whole.
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("avkortet.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let missing = dir.path().join("finnes-ikke.db");

    for (file, why) in [
        (&garbage, "er ikke en SQLite-fil"),
        (&other_db, "er ikke et naeringsplan-lager"),
        (&cut, "ingenting er endret"),
        (&missing, "kan ikke lese"),
    ] {
        let out = np(&db, &["restore", file.to_str().unwrap()], "");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file:?}: {err}");
        assert!(err.contains(why), "{file:?}: {err}");
        assert!(
            err.contains(file.to_str().unwrap()),
            "names the file: {err}"
        );
        assert_eq!(counts_now(&db, &dir.path().join("check.db")), before);
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("restore"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    let out = np(&db, &["doctor"], "");
    assert!(out.status.success());
}

/// PostgreSQL has pg_dump and pg_restore; both commands refuse with a message saying so (before
/// connecting: no server is needed for this test).
#[test]
fn backup_and_restore_refuse_postgres_with_a_pointer_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let url = Path::new("postgres://nobody@127.0.0.1:1/naeringsplan");
    let out = np(
        url,
        &["backup", dir.path().join("b.db").to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pg_dump"),
        "{}",
        text(&out.stderr)
    );
    let file = dir.path().join("b.db");
    std::fs::write(&file, "x").unwrap();
    let out = np(url, &["restore", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pg_restore"),
        "{}",
        text(&out.stderr)
    );
}
