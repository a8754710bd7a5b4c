//! `naeringsplan sources` on a fresh store (the bundled snapshot is imported on first use):
//! every table says whether it is verified, a verified table names its evidence, every catalogue
//! series is listed with its real and demo years, and every plan indicator with the years that
//! rest on real data. One test: the snapshot import is slow in debug builds.

mod common;

use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

#[test]
fn sources_lists_every_table_with_verification_evidence_and_real_and_demo_years() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");

    let out = run(&db, &["sources", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");

    // Every table the catalogue uses, each with `verified`; evidence wherever it is true.
    let tables = v["tables"].as_array().unwrap();
    let bundled = app::sources::bundled_tables();
    for t in &bundled {
        assert!(
            tables.iter().any(|x| x["id"] == t.id.as_str()),
            "table {} missing",
            t.id
        );
    }
    let mut verified = 0;
    for t in tables {
        let flag = t["verified"]
            .as_bool()
            .unwrap_or_else(|| panic!("table {} has no verified flag", t["id"]));
        let evidence = t["evidence"].as_array().unwrap();
        if flag {
            verified += 1;
            assert!(
                !evidence.is_empty(),
                "table {} verified without evidence",
                t["id"]
            );
            assert!(
                evidence
                    .iter()
                    .all(|e| !e.as_str().unwrap().trim().is_empty())
            );
        }
    }
    assert_eq!(v["summary"]["verified_tables"], verified);
    assert!(verified >= 10, "{verified} verified tables");
    // The corrections: 13470, 10540 and 12842 are gone, their replacements say so.
    for (new, old) in [("13472", "13470"), ("13563", "10540"), ("12364", "12842")] {
        let t = tables.iter().find(|t| t["id"] == new).unwrap();
        assert_eq!(t["verified"], true, "{new}");
        assert!(
            t["replaces"].as_array().unwrap().iter().any(|r| r == old),
            "{new} replaces {old}"
        );
        assert!(!tables.iter().any(|t| t["id"] == old), "{old} still listed");
    }

    // Series: real years where the snapshot holds SSB's own exports, demo years elsewhere.
    let series = v["series"].as_array().unwrap();
    let get = |name: &str| {
        series
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("series {name} missing"))
    };
    let years = |s: &serde_json::Value, k: &str| -> Vec<i64> {
        s[k].as_array()
            .unwrap()
            .iter()
            .map(|y| y.as_i64().unwrap())
            .collect()
    };
    let pop = get("population_15_74");
    assert!(years(pop, "real_years").contains(&2019), "{pop}");
    assert!(pop["rows_real"].as_i64().unwrap() > 0);
    assert!(pop["last_real_import"].is_string());
    // Private jobs and unemployment come from the corrected tables, as demo data offline.
    for name in [
        "jobs_private",
        "registered_unemployed",
        "labour_force",
        "net_debt",
    ] {
        let s = get(name);
        assert!(years(s, "demo_years").contains(&2019), "{name}: {s}");
        assert!(s["rows_demo"].as_i64().unwrap() > 0, "{name}");
        assert_eq!(s["verified"], true, "{name}");
    }
    assert_eq!(get("jobs_private")["table"], "13472");
    assert_eq!(get("registered_unemployed")["table"], "13563");
    // An unverified series says so.
    assert_eq!(get("farmland_converted_dekar")["verified"], false);

    // Indicators: every plan indicator, each year in at most one of the lists.
    let indicators = v["indicators"].as_array().unwrap();
    assert!(!indicators.is_empty());
    for i in indicators {
        let mut all: Vec<i64> = Vec::new();
        for k in [
            "real_years",
            "demo_years",
            "plan_quote_years",
            "no_value_years",
        ] {
            all.extend(years(i, k));
        }
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "{}: a year in two lists", i["id"]);
    }
    // The plan quotes its own results for the early years of some indicator.
    assert!(
        indicators
            .iter()
            .any(|i| !i["plan_quote_years"].as_array().unwrap().is_empty())
    );

    // The readable table says plainly what is not verified.
    let out = run(&db, &["sources"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("IKKE VERIFISERT mot SSB"), "{text}");
    assert!(text.contains("Tabell 13472"), "{text}");
}
