//! `naeringsplan facts --by-district` (issue 20 item 5): the plan's districts with exact register
//! figures from a small file with known postal codes, the units outside every district listed,
//! JSON for programs, and a plan without districts refused with exit 1.

mod common;

use std::path::Path;

fn path(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .display()
        .to_string()
}

const FILE: &str = "crates/app/tests/fixtures/districts_enheter_2025-06-30.csv";

#[test]
fn facts_by_district_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = common::output(&db, &["import", &path(FILE)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let o = common::output(&db, &["facts", "--by-district"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let row = |name: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"));
        line[line.find(name).unwrap() + name.len()..]
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    assert_eq!(row("Asker sentrum"), ["2", "10", "1", "1", "0", "0"]);
    assert_eq!(row("Asker nord"), ["1", "7", "0", "1", "0", "0"]);
    assert_eq!(row("Asker syd"), ["3", "25", "0", "1", "1", "1"]);
    assert_eq!(row("Utenfor distriktene"), ["2", "4", "0", "1", "0", "0"]);
    assert!(
        text.contains("1370 [3203]: 1 — UTENFOR POSTBOKS AS (910000063)"),
        "{text}"
    );
    assert!(text.contains("UTDRAG"), "an extract is labelled: {text}");

    let v = common::json(&db, &["facts", "--by-district", "--format", "json"]);
    assert_eq!(v["municipality"], "3203");
    assert_eq!(v["synthetic"], false);
    let e = &v["districts"]["enheter"];
    assert_eq!(e["year"], 2024);
    assert_eq!(e["rows"][2]["district"], "asker-syd");
    assert_eq!(e["rows"][2]["units"], 3);
    assert_eq!(e["rows"][2]["employees"]["known_sum"], 25);
    assert_eq!(e["outside"]["units"], 2);
    assert_eq!(e["outside_codes"][1]["postal_code"], "1370");
    assert_eq!(
        v["districts"]["districts"][0]["name"]["nb"],
        "Asker sentrum"
    );
}

#[test]
fn a_plan_without_districts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = common::output(
        &db,
        &[
            "--plan",
            &path("tests/plans/minimal.toml"),
            "facts",
            "--by-district",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("defines no [[districts]]"), "{err}");
    assert!(o.stdout.is_empty());
}
