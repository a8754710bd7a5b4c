//! The registers of issue 9 through the CLI as a user runs it: `land import|stats|export`,
//! `procurement import|report` matched against the real Brreg sample, `visits
//! add|import|list|aggregate|purge`, and bad files refused with exit 1 and nothing stored.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

fn path(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .display()
        .to_string()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// An independent reading of the example GeoJSON: each site's last feature dated on or before
/// the end of `year`; the area in use (utbygd) and set aside (ledig, reservert).
fn naive_stock(geojson: &str, year: i32) -> (f64, f64) {
    let v: serde_json::Value = serde_json::from_str(geojson).unwrap();
    let end = format!("{year}-12-31");
    let mut last: BTreeMap<String, (String, f64, String)> = BTreeMap::new();
    for f in v["features"].as_array().unwrap() {
        let p = &f["properties"];
        let date = p["dato"].as_str().unwrap().to_string();
        if date > end {
            continue;
        }
        let id = p["id"].as_str().unwrap().to_string();
        let entry = (
            date.clone(),
            p["areal_daa"].as_f64().unwrap(),
            p["tilgjengelighet"].as_str().unwrap().to_string(),
        );
        if last.get(&id).is_none_or(|e| e.0 < date) {
            last.insert(id, entry);
        }
    }
    let sum = |states: &[&str]| {
        last.values()
            .filter(|e| states.contains(&e.2.as_str()))
            .map(|e| e.1)
            .sum::<f64>()
    };
    (sum(&["utbygd"]), sum(&["ledig", "reservert"]))
}

#[test]
fn land_import_stats_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let file = path("data/registers/example/asker_naeringsarealer_SYNTETISK.geojson");
    let o = run(&db, &["land", "import", &file]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("SYNTETISKE DATA"), "{}", text(&o));
    let o = run(&db, &["land", "import", &file]);
    assert!(text(&o).contains(" 0 endringer lagret"), "{}", text(&o));
    // In the language asked for, with its plural forms.
    let o = run(&db, &["--lang", "en", "land", "import", &file]);
    assert!(
        text(&o).contains(" 0 changes stored,") && text(&o).contains("(SYNTHETIC DATA)"),
        "{}",
        text(&o)
    );
    let geo = std::fs::read_to_string(&file).unwrap();
    for year in [2019, 2022, 2025] {
        let o = run(
            &db,
            &[
                "land",
                "stats",
                "--year",
                &year.to_string(),
                "--format",
                "json",
            ],
        );
        assert!(o.status.success(), "{}", text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["synthetic"], true);
        assert_eq!(v["seed"]["in_use_daa"], 7425.0);
        let y = &v["years"][0];
        assert_eq!(y["year"], year);
        let (in_use, future) = naive_stock(&geo, year);
        assert_eq!(y["in_use_daa"].as_f64().unwrap(), in_use, "{year}");
        assert_eq!(y["future_daa"].as_f64().unwrap(), future, "{year}");
    }
    // Exported CSV imports into a fresh store with the same statistics.
    let csv = dir.path().join("land.csv");
    let o = run(
        &db,
        &[
            "land",
            "export",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let db2 = dir.path().join("m.db");
    let o = run(&db2, &["land", "import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let a = run(&db, &["land", "stats", "--format", "json"]);
    let b = run(&db2, &["land", "stats", "--format", "json"]);
    let years = |o: &Output| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["years"].clone()
    };
    assert_eq!(years(&a), years(&b));
}

#[test]
fn procurement_against_the_register_sample_and_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let o = run(
        &db,
        &[
            "import",
            &path("crates/brreg/tests/fixtures/brreg_enheter_bulk_csv_sample.csv"),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    // Two suppliers from the real sample (WAYS AS, AKTIVTEK CZAPSKI), one number in no
    // register, and a row without a number.
    let ledger = dir.path().join("ledger.csv");
    std::fs::write(
        &ledger,
        "orgnr;leverandor;belop;dato;kategori\n832175692;WAYS AS;1 000,00;2024-02-01;IKT\n998465001;AKTIVTEK;3 000;01.03.2024;bygg\n988888885;Ukjent;500;2024-04-01;IKT\n;Person;250;2024-05-01;tolk\n",
    )
    .unwrap();
    let o = run(&db, &["procurement", "import", ledger.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(
        &db,
        &[
            "procurement",
            "report",
            "--year",
            "2024",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let y = &v["report"]["by_year"]["2024"];
    assert_eq!(y["total"], 475_000);
    assert_eq!(y["unresolved"], 75_000);
    // WAYS AS is in Oslo (0301) and AKTIVTEK in Nordre Follo (3207) in the sample: neither is
    // Asker nor one of its neighbours; both are SMEs (5 employees; an ENK with none registered).
    assert_eq!(
        (y["local"].as_i64(), y["neighbour"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(y["elsewhere"], 400_000);
    assert_eq!(y["by_size"]["sme"], 400_000);
    let unresolved: Vec<(String, String)> = v["report"]["unresolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["orgnr"].as_str().unwrap_or("").to_string(),
                u["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        unresolved,
        [
            ("988888885".to_string(), "not_in_register".to_string()),
            (String::new(), "no_orgnr".to_string())
        ]
    );
    let o = run(&db, &["procurement", "report"]);
    assert!(text(&o).contains("ikke i Enhetsregisteret"), "{}", text(&o));

    let bad = path("tests/bad-input/registers/07_ledger_bad_orgnr.csv");
    let o = run(&db, &["procurement", "import", &bad]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("07_ledger_bad_orgnr.csv: line 3: orgnr:"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("nothing was imported"), "{}", text(&o));
    let o = run(&db, &["procurement", "report", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["report"]["by_year"]["2024"]["total"], 475_000,
        "the bad file added nothing"
    );
}

#[test]
fn visits_add_list_aggregate_purge() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let add = |date: &str, follow: &str| {
        run(
            &db,
            &[
                "visits",
                "add",
                "--orgnr",
                "923609016",
                "--company",
                "Bedrift AS",
                "--date",
                date,
                "--area",
                "Hurum",
                "--participant",
                "Kari Nordmann",
                "--topic",
                "tomter",
                "--follow-up",
                follow,
            ],
        )
    };
    let o = add("2025-01-10", "Sende tomteoversikt [9.9-s9]");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("9.9-s9 is not a strategy or action"),
        "{}",
        text(&o)
    );
    // One visit long ago (past any retention period), one recent.
    assert!(
        add("2001-01-10", "Sende tomteoversikt [5.1-s1]")
            .status
            .success()
    );
    let today = time::OffsetDateTime::now_utc().date().to_string();
    assert!(add(&today, "Sende tomteoversikt [5.1-s1]").status.success());
    let o = run(&db, &["visits", "list"]);
    assert!(text(&o).contains("Kari Nordmann"), "{}", text(&o));
    let o = run(&db, &["visits", "purge", "--dry-run"]);
    assert!(text(&o).starts_with("1 besøk datert før"), "{}", text(&o));
    let o = run(&db, &["visits", "purge", "--older-than", "24"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&db, &["visits", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let o = run(&db, &["visits", "aggregate", "--format", "json"]);
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        a["aggregates"]["per_year"]["2001"], 1,
        "the purged visit still counts"
    );
    assert!(!text(&o).contains("Kari"), "aggregates carry no names");
}

#[test]
fn visits_import_from_a_file_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    // A bad row after a good one: exit 1, the file, line and field named, nothing stored.
    let o = run(
        &db,
        &[
            "visits",
            "import",
            &path("tests/bad-input/registers/15_visits_unknown_link.csv"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains(
            "15_visits_unknown_link.csv: line 3: oppfolging: T999 is not a strategy or action of the plan"
        ),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("nothing was imported"), "{}", text(&o));
    let o = run(&db, &["visits", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing stored");

    // The example file: four visits, synthetic; a second import stores nothing new.
    let example = path("data/registers/example/asker_bedriftsbesok_SYNTETISK.csv");
    let o = run(&db, &["visits", "import", &example]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("4 besøk lagret, 0 var lagret fra før (SYNTETISKE DATA)"),
        "{}",
        text(&o)
    );
    let o = run(&db, &["visits", "import", &example]);
    assert!(
        text(&o).contains("0 besøk lagret, 4 var lagret fra før"),
        "{}",
        text(&o)
    );
    let o = run(&db, &["visits", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|v| v["synthetic"] == true));
    let dialogue = list
        .iter()
        .find(|v| v["visit"]["kind"] == "dialogue")
        .unwrap();
    assert_eq!(dialogue["visit"]["area"], "Hurum");
    assert_eq!(dialogue["visit"]["follow_ups"][0]["links"][0], "T1");
    assert_eq!(
        dialogue["visit"]["participants"].as_array().unwrap().len(),
        3
    );
}

/// Issue 20 items 4 and 3 through the CLI: a pipeline file with a bad row is refused with its
/// file, line and field and nothing stored; a good one is listed (details) and aggregated
/// (no names); the plan's own partner list is there on the first start (no share invented)
/// and a bad partners file changes nothing.
#[test]
fn pipeline_and_partners_import_list_aggregate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let o = run(
        &db,
        &[
            "pipeline",
            "import",
            &path("tests/bad-input/registers/21_pipeline_lost_without_reason.csv"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains(
            "21_pipeline_lost_without_reason.csv: line 3: tapt_arsak: a lost enquiry needs the reason it was lost"
        ),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("nothing was imported"), "{}", text(&o));
    let o = run(&db, &["pipeline", "list", "--format", "json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap(),
        serde_json::json!([])
    );
    let file = dir.path().join("henvendelser.csv");
    std::fs::write(
        &file,
        "navn;dato;fase;tapt_arsak;arbeidsplasser_forventet\nQwerty Hemmelig AS;2024-02-03;tapt;valgte Lier;30\nAnnen AS;2024-05-06;dialog;;12\n",
    )
    .unwrap();
    let o = run(&db, &["pipeline", "import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("2 henvendelser lagret"), "{}", text(&o));
    let o = run(&db, &["pipeline", "list"]);
    assert!(text(&o).contains("Qwerty Hemmelig AS"), "{}", text(&o));
    let o = run(&db, &["pipeline", "aggregate", "--format", "json"]);
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        a["aggregates"]["per_year_stage"]["2024"]["tapt"]["enquiries"],
        1
    );
    assert_eq!(
        a["aggregates"]["per_year_stage"]["2024"]["dialog"]["jobs_expected"],
        12
    );
    assert!(
        !text(&o).contains("Qwerty") && !text(&o).contains("Lier"),
        "{}",
        text(&o)
    );

    let o = run(&db, &["partners", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v["partners"].as_array().unwrap();
    assert!(
        list.iter()
            .any(|p| p["name"] == "Askerhalvøya Eiendom AS" && p["kind"] == "eierskap")
    );
    assert!(
        list.iter().all(|p| p["share_pct"].is_null()),
        "no share invented"
    );
    let before = text(&run(&db, &["partners", "list"]));
    let o = run(
        &db,
        &[
            "partners",
            "import",
            &path("tests/bad-input/registers/26_partners_share_out_of_range.csv"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("line 3: eierandel:"), "{}", text(&o));
    assert_eq!(text(&run(&db, &["partners", "list"])), before);
}
