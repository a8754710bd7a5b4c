//! Indicators and the council report from the embedded default on a fresh store (the bundled
//! statistics snapshot is imported on first use). One store for all checks: the import is the
//! slow part.

mod common;

use common::run;

#[test]
fn indicators_explain_and_report_on_the_embedded_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");

    // The five indicators, evaluated for every table year 2017–2024.
    let out = run(&db, &["indicators", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for ind in list {
        let years: Vec<i64> = ind["evaluation"]["years"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|y| y["in_table"] == true)
            .map(|y| y["year"].as_i64().unwrap())
            .collect();
        assert_eq!(
            years,
            (2017..=2024).collect::<Vec<_>>(),
            "{}",
            ind["evaluation"]["indicator_id"]
        );
        for y in ind["evaluation"]["years"].as_array().unwrap() {
            let verdict = y["judgement"]["verdict"].as_str().unwrap();
            // A year without a value says "no data" (when there is an ambition), never a 0.
            if y["chosen"].is_null() {
                assert!(verdict == "no_data" || verdict == "no_ambition", "{y}");
            }
        }
    }
    // The published ranks: 2019 is the plan's quoted 13, not computed here.
    let nm = &list[0]["evaluation"];
    let y2019 = nm["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2019)
        .unwrap();
    assert_eq!(y2019["quoted"]["value"], 13.0);
    // Kortreist is computed from statistics: SSB's own 03321/11618 copies for 2017–2022, the
    // demo (synthetic, labelled so) for 2023.
    let kortreist = &list[3]["evaluation"];
    let year = |n: i64| {
        kortreist["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["year"] == n)
            .unwrap()
    };
    assert_eq!(year(2021)["chosen"]["basis"], "computed");
    assert_eq!(year(2021)["chosen"]["synthetic"], false);
    assert_eq!(year(2023)["chosen"]["basis"], "computed");
    assert_eq!(year(2023)["chosen"]["synthetic"], true);

    // --explain: the formula and every input with its provenance.
    let out = run(&db, &["indicators", "--explain", "kortreist"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Formel"));
    assert!(text.contains("employed_residents_local"));
    assert!(text.contains("SSB-tabell 03321"));
    assert!(text.contains("SYNTETISKE DATA"));
    let out = run(
        &db,
        &["indicators", "--explain", "job-growth", "--format", "json"],
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["indicator_id"], "job-growth");

    // The report: PDF, HTML (deterministic), Markdown.
    let pdf = dir.path().join("r.pdf");
    run(
        &db,
        &[
            "report",
            "--year",
            "2024",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let a = run(
        &db,
        &[
            "report", "--year", "2023", "--period", "H1", "--format", "html",
        ],
    )
    .stdout;
    let b = run(
        &db,
        &[
            "report", "--year", "2023", "--period", "H1", "--format", "html",
        ],
    )
    .stdout;
    assert_eq!(a, b, "the same store and options give the same HTML");
    let html = String::from_utf8(a).unwrap();
    assert!(html.contains("1. halvår 2023"));
    assert!(html.contains("DEMONSTRASJON"), "demo data is marked");
    let md = String::from_utf8(run(&db, &["report", "--format", "md"]).stdout).unwrap();
    assert!(md.contains("5.3-s6"));
    // As of the period's end by default; --data-as-of moves the data date.
    assert!(md.contains("tall for år til og med 2023 (rapportens datadato er 2024-12-31"));
    let later = String::from_utf8(
        run(
            &db,
            &["report", "--format", "md", "--data-as-of", "2025-06-30"],
        )
        .stdout,
    )
    .unwrap();
    assert!(later.contains("tall for år til og med 2024 (rapportens datadato er 2025-06-30"));

    // Marking final is refused while deviations are unexplained: non-zero, nothing stored.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_naeringsplan"))
        .env("NAERINGSPLAN_LOG", "warn")
        .env("NAERINGSPLAN_NO_DEMO", "1")
        .env_remove("NAERINGSPLAN_DB")
        .env_remove("NAERINGSPLAN_PLAN")
        .arg("--db")
        .arg(&db)
        .args(["report", "--year", "2024", "--finalise"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mangler forklaring"), "{err}");
    assert!(err.contains("Tiltak T2"), "{err}");
    let again = String::from_utf8(run(&db, &["report", "--format", "md"]).stdout).unwrap();
    assert!(again.contains("ikke fastsatt som endelig"));

    // Explain every deviation (published), then mark final; the final bytes are the report.
    let listing = String::from_utf8(run(&db, &["assess"]).stdout).unwrap();
    assert!(
        listing.contains("unexplained deviations of 2024"),
        "{listing}"
    );
    for (flag, id) in [
        ("--indicator", "job-growth"),
        ("--indicator", "kortreist"),
        ("--action", "T2"),
        ("--action", "T3"),
        ("--action", "T4"),
        ("--action", "T6"),
    ] {
        run(
            &db,
            &[
                "assess",
                flag,
                id,
                "--text",
                "Forklart i testen.",
                "--publish",
            ],
        );
    }
    run(
        &db,
        &["assess", "--whole-plan", "--text", "Samlet: i rute."],
    );
    let listing = String::from_utf8(run(&db, &["assess"]).stdout).unwrap();
    assert!(
        listing.contains("every deviation of 2024 has a published explanation"),
        "{listing}"
    );
    assert!(
        listing.contains("[draft]"),
        "the overall assessment is a draft"
    );
    let final_md = dir.path().join("final.md");
    run(
        &db,
        &[
            "report",
            "--finalise",
            "--as",
            "Kari",
            "--format",
            "md",
            "--out",
            final_md.to_str().unwrap(),
        ],
    );
    let frozen = std::fs::read_to_string(&final_md).unwrap();
    assert!(frozen.contains("Endelig versjon, fastsatt"));
    assert!(
        !frozen.contains("Samlet: i rute."),
        "a draft is not in the final report"
    );
    let later = run(&db, &["report", "--format", "md"]).stdout;
    assert_eq!(
        later,
        frozen.as_bytes(),
        "the period's report is its final bytes"
    );
}
