//! The CLI as a user runs it: the built binary, a fresh store in a temporary directory.

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

#[test]
fn check_the_embedded_default_is_clean() {
    let out = common::bin().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("plans/asker.toml: ok"));
}

/// Each broken file gives a located error and exit 1.
#[test]
fn check_broken_files_reports_location_and_exits_1() {
    let dir = workspace().join("tests/plans/broken");
    let cases = [
        ("duplicate_id.toml", "duplicate id `5.1-s1`"),
        (
            "dangling_strategy.toml",
            "which does not exist in this plan",
        ),
        (
            "year_out_of_range.toml",
            "ambition for 2031 is outside the plan period 2021–2024",
        ),
        ("progress_140.toml", "progress 140 is out of range"),
        ("unknown_status.toml", "unknown status `done-ish`"),
        ("syntax_error.toml", "invalid basic string"),
    ];
    for (file, message) in cases {
        let path = dir.join(file);
        let out = common::bin().arg("check").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err.lines().next().unwrap_or_default();
        let prefix = format!("{}:", path.display());
        assert!(line.starts_with(&prefix), "{file}: {line}");
        let rest = &line[prefix.len()..];
        let mut parts = rest.splitn(3, ':');
        let l: usize = parts.next().unwrap().parse().expect("line number");
        let c: usize = parts.next().unwrap().parse().expect("column number");
        assert!(l > 0 && c > 0);
        assert!(parts.next().unwrap().contains(message), "{file}: {line}");
    }
}

#[test]
fn check_reports_every_problem_in_one_file_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(workspace().join("tests/plans/minimal.toml")).unwrap();
    // Two problems at once: a bad status and a progress out of range.
    let broken = src
        .replacen("status = \"", "status = \"finished-ish\"\n# was: \"", 1)
        .replacen("progress = ", "progress = 140 # ", 1);
    let path = dir.path().join("two.toml");
    std::fs::write(&path, broken).unwrap();
    let out = common::bin()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v[0]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn plan_export_json_holds_the_whole_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["plan", "export", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let areas = v["focus_areas"].as_array().unwrap();
    assert_eq!(areas.len(), 8);
    let per_area: Vec<usize> = areas
        .iter()
        .map(|a| {
            a["strategies"].as_array().unwrap().len()
                + a["sub_areas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["strategies"].as_array().unwrap().len())
                    .sum::<usize>()
        })
        .collect();
    assert_eq!(per_area, vec![9, 7, 6, 3, 3, 3, 9, 3]);
    assert_eq!(per_area.iter().sum::<usize>(), 43);
    assert_eq!(v["indicators"].as_array().unwrap().len(), 5);
    let kortreist = &v["indicators"][3];
    assert_eq!(kortreist["results"]["2018"]["value"], 42.3);
    assert_eq!(kortreist["ambitions"]["2024"], 43.0);
    assert!(
        kortreist["results"].get("2020").is_none() && kortreist["ambitions"].get("2020").is_none()
    );
    // A freshly seeded action is at version 1, or one version more per dated state of its
    // follow-up history in the plan file (T1: four).
    let history = &v["action_history"];
    for a in v["actions"].as_array().unwrap() {
        let states = history[a["id"].as_str().unwrap()]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(a["version"], 1 + states as i64, "{}", a["id"]);
    }
    assert_eq!(history["T1"].as_array().unwrap().len(), 4);
}

#[test]
fn plan_export_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["plan", "export", "--format", "csv"]);
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.iter().filter(|r| &r[0] == "strategy").count(), 43);
    assert_eq!(
        rows.iter()
            .filter(|r| &r[0] == "indicator_value" && &r[8] == "result")
            .count(),
        15
    );
    assert_eq!(
        rows.iter()
            .filter(|r| &r[0] == "indicator_value" && &r[8] == "ambition")
            .count(),
        20
    );
    let xlsx = dir.path().join("plan.xlsx");
    let out = run(
        &db,
        &[
            "plan",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx file is a zip archive");
    let out = run(&db, &["plan", "export", "--format", "xlsx"]);
    assert!(!out.status.success(), "xlsx to stdout is refused");
}

#[test]
fn plan_show_prints_a_tree_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["plan", "show"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Asker kommune skal være ledende i landet på næringsutvikling."));
    assert!(text.contains("5.3-s6"));
    let out = run(&db, &["plan", "show", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["meta"]["municipality_code"], "3203");
}

#[test]
fn a_broken_plan_file_is_refused_before_touching_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let broken = workspace().join("tests/plans/broken/duplicate_id.toml");
    let out = common::bin()
        .arg("--db")
        .arg(&db)
        .arg("--plan")
        .arg(&broken)
        .args(["plan", "show"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate id"));
    assert!(
        !db.exists(),
        "no store is created for a plan that does not validate"
    );
}
