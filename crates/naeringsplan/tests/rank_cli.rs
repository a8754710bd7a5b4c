//! `naeringsplan rank` on a fresh store (the bundled snapshot is imported on first use), and
//! the computed ranks fed to the plan's indicators 1 and 2. One test: the snapshot import is
//! slow in debug builds.

mod common;

use common::json;
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

#[test]
fn rank_ranks_every_municipality_explains_and_feeds_the_plan_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");

    // Data year 2019 = Kommune-NM 2020, on the 356 municipalities of 1 January 2020.
    let v = json(&db, &["rank", "--year", "2019", "--format", "json"]);
    assert_eq!(v["year"], 2019);
    assert_eq!(v["edition"], 2020);
    assert_eq!(v["geography_at"], "2020-01-01");
    assert_eq!(v["municipalities"], 356);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 356);
    let ranked = v["ranked"].as_u64().unwrap();
    assert!(ranked >= 340, "{ranked}");
    // Synthetic inputs are labelled.
    assert_eq!(v["synthetic"], true);
    assert!(
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["synthetic"] == true)
    );
    assert!(
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["synthetic"] == false && s["table_id"] == "07459")
    );
    // Ranks 1.. in order, ties allowed, unranked last.
    let ranks: Vec<u64> = rows.iter().filter_map(|r| r["rank"].as_u64()).collect();
    assert_eq!(ranks.len() as u64, ranked);
    assert_eq!(ranks[0], 1);
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    // The plan's municipality is Asker 3025 on 2020 borders, marked, in Viken.
    assert_eq!(v["plan_code"], "3025");
    let own: Vec<&serde_json::Value> = rows.iter().filter(|r| r["plan"] == true).collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["code"], "3025");
    assert_eq!(own[0]["county"], "30");
    assert_eq!(own[0]["groups"].as_array().unwrap().len(), 5);
    let asker_rank = own[0]["rank"].as_u64().unwrap();
    // County ranks in Viken (30) are exactly 1..n over the 30xx municipalities.
    let viken: Vec<&serde_json::Value> = rows.iter().filter(|r| r["county"] == "30").collect();
    assert!(
        viken
            .iter()
            .all(|r| r["code"].as_str().unwrap().starts_with("30"))
    );
    let mut cr: Vec<u64> = viken
        .iter()
        .filter_map(|r| r["county_rank"].as_u64())
        .collect();
    cr.sort();
    assert_eq!(cr.first(), Some(&1));
    assert!(cr.len() >= 45, "{}", cr.len());
    // NHO's published ranks for the same edition beside ours, labelled.
    let published = v["published"].as_array().unwrap();
    let asker_total = published
        .iter()
        .find(|c| c["code"] == "3025" && c["scope"]["scope"] == "total")
        .expect("Asker's published total");
    assert_eq!(asker_total["published"]["rank"], 13);
    assert_eq!(asker_total["published"]["origin"], "published");
    assert_eq!(asker_total["computed"]["rank"].as_u64(), Some(asker_rank));
    assert_eq!(asker_total["computed"]["synthetic"], true);

    // The county filter and an explanation (a later code of the same municipality works too).
    let v = json(
        &db,
        &[
            "rank",
            "--year",
            "2019",
            "--county",
            "30",
            "--explain",
            "3203",
            "--top",
            "10",
            "--format",
            "json",
        ],
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r["county"] == "30"));
    assert_eq!(rows[0]["county_rank"], 1);
    assert_eq!(v["county"]["name"], "Viken");
    let e = &v["explanation"];
    assert_eq!(e["code"], "3025");
    assert_eq!(e["rank"].as_u64(), Some(asker_rank));
    assert_eq!(e["groups"].as_array().unwrap().len(), 5);
    assert_eq!(e["indicators"].as_array().unwrap().len(), 19);
    assert_eq!(e["sensitivity"].as_array().unwrap().len(), 19);
    if asker_rank > 1 {
        assert!(e["gap_to_rank_above"]["gap"].as_f64().unwrap() > 0.0);
    }
    assert!(e["gap_to_10th"]["rank"] == 10);

    // The table: highlighted, labelled synthetic, published beside computed.
    let out = run(&db, &["rank", "--year", "2019", "--explain", "3025"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("►"), "{text}");
    assert!(text.contains("SYNTETISKE INNDATA"));
    assert!(text.contains("publisert av NHO (kommune-nm-2020)"));
    assert!(text.contains("Følsomhet"));

    // A county that does not exist that year is an error that says which exist.
    let out = run(&db, &["rank", "--year", "2024", "--county", "30"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("32 Akershus"));

    // Indicators 1 and 2 show the computed ranks beside the plan's quoted ones.
    let v = json(&db, &["indicators", "--format", "json"]);
    let ind = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["evaluation"]["indicator_id"] == id)
            .unwrap()["evaluation"]["years"]
            .as_array()
            .unwrap()
            .clone()
    };
    let total = ind("kommune-nm-total");
    // 2019 has NHO's own published rank (data/ranking/nho_published_ranks.csv): that real
    // figure is the imported value; our computed rank of 2019 stays in `rank` (above).
    let y2019 = total.iter().find(|y| y["year"] == 2019).unwrap();
    assert_eq!(y2019["quoted"]["value"], 13.0);
    assert_eq!(y2019["imported"]["cell"]["value"].as_f64(), Some(13.0));
    assert_eq!(y2019["imported"]["provenance"]["synthetic"], false);
    // A year without a published rank shows the computed one, labelled.
    let y2018 = total.iter().find(|y| y["year"] == 2018).unwrap();
    assert_eq!(y2018["imported"]["provenance"]["synthetic"], true);
    assert!(
        y2018["imported"]["provenance"]["note"]
            .as_str()
            .unwrap()
            .contains("beregnet rangering (syntetiske inndata)")
    );
    let county = ind("kommune-nm-county");
    let y2023 = county.iter().find(|y| y["year"] == 2023).unwrap();
    assert!(
        y2023["imported"]["provenance"]["note"]
            .as_str()
            .unwrap()
            .contains("Akershus (32)"),
        "{y2023}"
    );
}
