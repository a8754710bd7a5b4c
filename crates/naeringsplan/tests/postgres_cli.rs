//! The CLI against PostgreSQL (`--db postgres://…`), as a hosting operator runs it: imports,
//! accounts for one municipality, the integrity check, computed indicators. Runs when
//! `NAERINGSPLAN_TEST_POSTGRES` names a server (`.ci/run` starts one); otherwise it says it was
//! skipped.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn run(db: &str, args: &[&str], stdin: &str) -> Output {
    common::output_with_input(db, args, stdin)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[tokio::test]
async fn the_cli_works_on_postgresql() {
    let Some(server) = store::testing::postgres_url() else {
        eprintln!("skipped: NAERINGSPLAN_TEST_POSTGRES is not set");
        return;
    };
    let db = store::testing::create_postgres_database(&server, "cli")
        .await
        .expect("a scratch database");
    let ws = workspace();
    let stat = ws.join("data/snapshot/ssb_07459_befolkning_b2024_2005_2026.json");
    let brreg = ws.join("crates/brreg/tests/fixtures/brreg_enheter_bulk_csv_sample.csv");
    let (stat, brreg) = (stat.to_str().unwrap(), brreg.to_str().unwrap());

    let out = ok(&run(&db, &["import", stat, brreg], ""));
    assert!(out.contains("register snapshot"), "{out}");
    // The same files again change nothing.
    let again = ok(&run(&db, &["import", stat, brreg], ""));
    assert!(again.contains("already imported"), "{again}");

    let out = ok(&run(
        &db,
        &[
            "user",
            "add",
            "kari",
            "--role",
            "editor",
            "--municipality",
            "3203",
        ],
        "korrekt-hest-batteri\n",
    ));
    assert!(out.contains("plan 3203 only"), "{out}");
    let refused = run(
        &db,
        &[
            "user",
            "add",
            "per",
            "--role",
            "editor",
            "--municipality",
            "9999",
        ],
        "korrekt-hest-batteri\n",
    );
    assert!(!refused.status.success());
    let list = ok(&run(&db, &["user", "list"], ""));
    // Login name, public name (the role word: no display name given), role, state, plan.
    assert!(
        list.contains("kari\tredaktør\teditor\tactive\t3203"),
        "{list}"
    );

    let doctor = ok(&run(&db, &["doctor"], ""));
    assert!(doctor.contains("statistics imports: 1 imports"), "{doctor}");
    assert!(
        doctor.contains("register snapshots: 1 snapshots"),
        "{doctor}"
    );

    let json = ok(&run(&db, &["indicators", "--format", "json"], ""));
    let start = json.find(['[', '{']).expect("JSON output");
    let v: serde_json::Value =
        serde_json::from_str(json[start..].trim()).expect("indicators as JSON");
    assert!(v.to_string().contains("kommune-nm-total"), "{json}");
}
