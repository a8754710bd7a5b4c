//! Brønnøysund register files through the CLI as a user runs it: `naeringsplan import` of the
//! real samples and of malformed files, `naeringsplan facts` (table and JSON, from the store and
//! from a file).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn path(rel: &str) -> String {
    workspace().join(rel).display().to_string()
}

fn fixture(name: &str) -> String {
    path(&format!("crates/brreg/tests/fixtures/{name}"))
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_samples_then_facts_with_dates_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let o = run(
        &db,
        &[
            "import",
            &fixture("brreg_enheter_bulk_csv_sample.csv"),
            &fixture("brreg_underenheter_bulk_csv_sample.csv"),
            &fixture("regnskap_api_equinor_2024_record.json"),
        ],
    );
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let text = out(&o);
    assert_eq!(
        text.matches("imported register snapshot").count(),
        2,
        "{text}"
    );
    assert!(text.contains("116 units"), "{text}");
    assert!(
        text.contains("an extract (not complete municipal figures)"),
        "{text}"
    );
    assert!(
        text.contains("imported 1 sets of annual accounts"),
        "{text}"
    );

    // Again: nothing changes.
    let o = run(
        &db,
        &["import", &fixture("brreg_enheter_bulk_csv_sample.csv")],
    );
    assert!(o.status.success());
    assert!(out(&o).contains("already imported"), "{}", out(&o));

    let o = run(&db, &["facts", "--format", "json"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["municipality"], "3203");
    let e = &v["register"]["enheter"];
    assert_eq!(e["snapshot"]["coverage"], "extract");
    assert_eq!(e["snapshot"]["synthetic"], false);
    assert_eq!(e["facts"]["units"], 76);
    assert_eq!(e["facts"]["units_by_form"]["AS"], 33);
    assert_eq!(e["facts"]["units_by_form"]["ENK"], 32);
    let plan_facts = v["plan_facts"].as_array().unwrap();
    assert!(plan_facts.len() >= 10);
    let emp = plan_facts
        .iter()
        .find(|f| f["computed_by"] == "employees:health_social")
        .unwrap();
    assert_eq!(emp["quoted"], 8886.0);
    assert!(emp["computed"]["snapshot"]["snapshot_date"].is_string());
    assert_eq!(emp["computed"]["snapshot"]["coverage"], "extract");

    let o = run(&db, &["facts"]);
    assert!(o.status.success(), "{}", err(&o));
    let t = out(&o);
    assert!(t.contains("Registerfakta for 3203 Asker"), "{t}");
    assert!(
        t.contains("UTDRAG (116 enheter): ikke fullstendige kommunetall"),
        "{t}"
    );
    assert!(t.contains("sitert: 8886 sysselsatte (2019)"), "{t}");

    let o = run(&db, &["facts", "--list"]);
    assert!(o.status.success());
    assert_eq!(out(&o).lines().count(), 2, "{}", out(&o));

    let o = run(&db, &["facts", "--municipality", "32O3"]);
    assert!(!o.status.success());
    assert!(
        err(&o).contains("four-digit municipality code"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_malformed_file_names_file_and_line_exits_1_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let bad = path("tests/bad-input/brreg/02_bad_date.csv");
    let o = run(&db, &["import", &bad]);
    assert_eq!(o.status.code(), Some(1), "{}{}", out(&o), err(&o));
    let e = err(&o);
    assert!(
        e.contains("02_bad_date.csv: line 4: [929065239] registreringsdatoEnhetsregisteret: \"2023-02-30\" is not a valid date"),
        "{e}"
    );
    assert!(e.contains("nothing was imported"), "{e}");
    let o = run(&db, &["facts", "--list"]);
    assert_eq!(out(&o).trim(), "", "no snapshot stored");

    // --skip-bad-rows goes on and reports.
    let o = run(&db, &["import", "--skip-bad-rows", &bad]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("1 malformed rows skipped"), "{}", out(&o));
    assert!(err(&o).contains("skipped: "), "{}", err(&o));
    assert!(err(&o).contains("line 4"), "{}", err(&o));
}

#[test]
fn facts_from_a_file_without_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let o = run(
        &db,
        &[
            "facts",
            "--file",
            &fixture("brreg_enheter_bulk_csv_sample.csv"),
            "--all",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["municipalities"]["3203"]["units"], 76);
    assert_eq!(v["synthetic"], false);
    assert!(!db.exists(), "facts --file does not touch the store");

    let o = run(
        &db,
        &[
            "facts",
            "--file",
            &path("tests/bad-input/brreg/01_wrong_column_count.csv"),
        ],
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("01_wrong_column_count.csv:3: [926439111] expected 54 fields"),
        "{}",
        err(&o)
    );
}
