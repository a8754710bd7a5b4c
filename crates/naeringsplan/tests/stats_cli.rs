//! `naeringsplan import` and `naeringsplan stats get` as a user runs them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run naeringsplan")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> String {
    workspace()
        .join("data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json")
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_the_real_sample_then_stats_get_gives_96088_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["import", &sample()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("tabell 07459"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("359 lest, 359 lagret"),
        "{}",
        stdout(&out)
    );

    let out = run(
        &db,
        &[
            "stats", "get", "--table", "07459", "--region", "3025", "--year", "2022", "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["value"], 96088.0);
    assert_eq!(v["synthetic"], false);
    assert_eq!(v["provenance"][0]["table_id"], "07459");
    assert_eq!(v["provenance"][0]["updated"], "2022-02-24T07:00:00Z");
    assert_eq!(
        v["provenance"][0]["file_sha256"].as_str().unwrap().len(),
        64
    );
    assert!(v["provenance"][0]["imported_at"].as_str().is_some());

    let out = run(
        &db,
        &[
            "stats", "get", "--table", "07459", "--region", "K-3025", "--year", "2022",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Verdi: 96\u{a0}088 personer"), "{text}");
    assert!(text.contains("Ekte data (SSB)"), "{text}");

    // Importing the same file again changes nothing and says so.
    let out = run(&db, &["import", &sample()]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("allerede importert"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_bad_file_is_reported_with_its_location_and_exit_1_while_good_files_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let bad = workspace().join("tests/bad-input/stats/02_size_value_mismatch.json");
    let out = run(&db, &["import", &bad.display().to_string(), &sample()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: at value: expected 2 values (the product of size 2×1×1), found 1",
            bad.display()
        )),
        "{err}"
    );
    // The good file in the same run was imported.
    assert!(stdout(&out).contains("359 lest"), "{}", stdout(&out));

    let out = run(
        &db,
        &["import", "--format", "json", &bad.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v[0]["ok"], false);
    assert!(v[0]["error"].as_str().unwrap().starts_with("at value:"));
}

#[test]
fn a_2019_series_is_summed_to_3025_and_3203_and_a_missing_table_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let fixture = workspace().join("crates/store/tests/fixtures/pop_2019_asker_parts.json");
    let out = run(&db, &["import", &fixture.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (code, at) in [("3025", "2020-01-01"), ("3203", "2024-01-01")] {
        let out = run(
            &db,
            &[
                "stats",
                "get",
                "--table",
                "07459",
                "--region",
                code,
                "--year",
                "2019",
                "--geography-at",
                at,
                "--format",
                "json",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["value"], 93679.0, "{code}");
        let comps: Vec<&str> = v["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["region"].as_str().unwrap())
            .collect();
        assert_eq!(comps, ["0220", "0627", "0628"]);
    }
    let out = run(
        &db,
        &[
            "stats", "get", "--table", "03321", "--region", "3203", "--year", "2019",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("tabell 03321 finnes ikke i lageret"),
        "{}",
        stderr(&out)
    );
}

fn get_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["stats", "get"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = run(db, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// On a fresh store the bundled snapshot is imported on first use: real population (SSB's own
/// single-year exports, summed across the 2020 merger) and synthetic series, marked so.
#[test]
fn the_snapshot_serves_real_and_synthetic_series_on_a_fresh_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let v = get_json(
        &db,
        &[
            "--series",
            "population_15_74",
            "--region",
            "3203",
            "--year",
            "2019",
        ],
    );
    assert_eq!(v["value"], 44922.0 + 16768.0 + 7278.0);
    assert_eq!(v["synthetic"], false);
    assert_eq!(v["geography_at"], "2024-01-01");
    assert_eq!(v["components"].as_array().unwrap().len(), 3);

    // 3025 in 2020 has no total on its own code; the 2024-border series of 3203 (a pure
    // renumbering) gives it.
    let v = get_json(
        &db,
        &[
            "--series",
            "population",
            "--region",
            "3025",
            "--year",
            "2020",
        ],
    );
    assert_eq!(v["value"], 94441.0);
    assert_eq!(v["method"], "redistricted");

    let v = get_json(
        &db,
        &["--series", "jobs", "--region", "3203", "--year", "2019"],
    );
    // 2017–2022 are SSB's real 11618 (bundled); other years are demo.
    assert_eq!(v["synthetic"], false);
    let jobs = v["value"].as_f64().unwrap();
    let v = get_json(
        &db,
        &[
            "--series",
            "employed_residents",
            "--region",
            "3203",
            "--year",
            "2019",
        ],
    );
    let employed = v["value"].as_f64().unwrap();
    // SSB 11618 (SSB's own copy), summed over 0220 + 0627 + 0628.
    assert_eq!(employed, 47702.0);
    assert_eq!(jobs, 36787.0);
    let v = get_json(
        &db,
        &[
            "--series",
            "employed_residents_local",
            "--region",
            "3203",
            "--year",
            "2019",
        ],
    );
    let local = v["value"].as_f64().unwrap();
    // SSB 03321: the whole 0220/0627/0628 block counted as local (41.49 %).
    assert_eq!(local, 19790.0);
    assert!((local / employed - 0.4149).abs() < 0.0001, "{local}");
    assert_eq!(v["method"], "commuting_block");

    let out = run(
        &db,
        &[
            "stats", "get", "--series", "jobs", "--region", "3203", "--year", "2024",
        ],
    );
    // No public copy covers 2024: the demo fills it, and says so.
    assert!(stdout(&out).contains("SYNTETISKE DATA"), "{}", stdout(&out));

    let v = get_json(
        &db,
        &[
            "--series",
            "jobs_by_industry",
            "--by",
            "58-63",
            "--region",
            "3203",
            "--year",
            "2021",
        ],
    );
    assert!(v["value"].as_f64().unwrap() > 0.0);
}
