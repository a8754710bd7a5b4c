//! Shared by the CLI tests that run the built binary on a store of their own.
//!
//! [`bin`] and [`command`] are the one place that says how a test runs `naeringsplan`: the
//! caller's store, plan and log settings removed; [`command`] also gives `--db` and turns the
//! synthetic demo register off (it is for real use, not these tests). [`run`] asserts success; [`output`] and [`output_with_input`] return the
//! output whatever the exit status, for tests of refusals.

#![allow(dead_code)] // each test file uses some of these

use std::ffi::OsStr;
use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// `naeringsplan` without the caller's store, plan and log settings (the demo register and
/// example registers as in real use).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_naeringsplan"));
    c.env_remove("NAERINGSPLAN_DB")
        .env_remove("NAERINGSPLAN_PLAN")
        .env_remove("NAERINGSPLAN_DEMO_REGISTER")
        .env("NAERINGSPLAN_LOG", "warn");
    c
}

/// `naeringsplan --db DB` without the demo register and example registers, ready for arguments.
pub fn command(db: impl AsRef<OsStr>) -> Command {
    let mut c = bin();
    c.env("NAERINGSPLAN_NO_DEMO", "1").arg("--db").arg(db);
    c
}

/// Runs `naeringsplan --db DB ARGS…` and asserts that it succeeds.
pub fn run(db: impl AsRef<OsStr>, args: &[&str]) -> Output {
    let out = output(db, args);
    assert!(
        out.status.success(),
        "naeringsplan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `naeringsplan --db DB ARGS…`; the output whatever the exit status.
pub fn output(db: impl AsRef<OsStr>, args: &[&str]) -> Output {
    command(db).args(args).output().expect("run naeringsplan")
}

/// As [`output`], with `stdin` as standard input (passwords, for instance).
pub fn output_with_input(db: impl AsRef<OsStr>, args: &[&str], stdin: &str) -> Output {
    with_input(command(db).args(args), stdin)
}

/// Runs a prepared command (see [`command`]) with `stdin` as standard input; the output
/// whatever the exit status.
pub fn with_input(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run naeringsplan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for naeringsplan")
}

/// The JSON a successful command prints.
pub fn json(db: impl AsRef<OsStr>, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(db, args).stdout).expect("JSON")
}

/// A stored series' value as `naeringsplan stats get` gives it (for hand computations).
pub fn stored(db: impl AsRef<OsStr>, series: &str, region: &str, year: &str) -> f64 {
    let v = json(
        db,
        &[
            "stats", "get", "--series", series, "--region", region, "--year", year, "--format",
            "json",
        ],
    );
    v["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{series} {region} {year}: {v}"))
}

/// Serves the store at `db` (the embedded default's municipality) on a free port; its base URL.
pub async fn serve(db: &std::path::Path) -> String {
    let store = store::Store::open(db.to_str().unwrap()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(web::serve(
        listener,
        web::AppState::new(store, "3203".into()),
        std::future::pending(),
    ));
    base
}
