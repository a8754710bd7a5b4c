//! Shared by the CLI tests that run the built binary on a store of their own.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `naeringsplan --db DB ARGS…` without the caller's store, plan or demo register (the
/// synthetic demo register is for real use, not these tests) and asserts that it succeeds.
pub fn run(db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_naeringsplan"))
        .env_remove("NAERINGSPLAN_DB")
        .env_remove("NAERINGSPLAN_PLAN")
        .env("NAERINGSPLAN_LOG", "warn")
        .env("NAERINGSPLAN_NO_DEMO", "1")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run naeringsplan");
    assert!(
        out.status.success(),
        "naeringsplan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
