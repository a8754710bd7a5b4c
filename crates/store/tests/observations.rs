//! Observations with provenance: the real 07459 sample, re-imports, supersession, synthetic vs
//! real, series across the 2020 and 2024 reforms, ratios, status symbols, the commuting block.

mod common;

use common::{dump, fresh, workspace};
use naeringsplan_store::observations::{
    ImportOptions, Method, ResolveError, SeriesCatalogue, SeriesDef,
};
use stats::geography::{Geography, GeographyError};
use time::macros::date;

fn sample() -> Vec<u8> {
    std::fs::read(workspace().join("data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json")).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(workspace().join("crates/store/tests/fixtures").join(name)).unwrap()
}

fn catalogue() -> SeriesCatalogue {
    SeriesCatalogue::bundled()
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

#[tokio::test]
async fn real_07459_sample_gives_asker_2022() {
    let (_d, _p, store) = fresh().await;
    let s = store
        .import_file("07459.json", &sample(), &opts())
        .await
        .unwrap();
    assert_eq!(s.table_id.as_deref(), Some("07459"));
    assert_eq!(s.rows_read, 359);
    assert_eq!(s.rows_stored, 359);
    assert_eq!(s.updated.as_deref(), Some("2022-02-24T07:00:00Z"));
    assert!(!s.synthetic);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(96088.0));
    assert_eq!(r.method, Method::Direct);
    assert_eq!(r.geography_at, date!(2022 - 01 - 01));
    assert_eq!(r.region_name.as_deref(), Some("Asker"));
    assert!(!r.synthetic);
    assert_eq!(r.provenance.len(), 1);
    let p = &r.provenance[0];
    assert_eq!(p.table_id, "07459");
    assert_eq!(p.updated.as_deref(), Some("2022-02-24T07:00:00Z"));
    assert_eq!(p.file_sha256, s.sha256);
    assert_eq!(p.file_name, "07459.json");
    assert_eq!(
        p.source_url.as_deref(),
        Some("https://www.ssb.no/statbank/table/07459")
    );
}

#[tokio::test]
async fn reimporting_the_same_file_changes_nothing() {
    let (_d, path, store) = fresh().await;
    let first = store
        .import_file("a.json", &sample(), &opts())
        .await
        .unwrap();
    let before = dump(&path).await;
    let again = store
        .import_file("b.json", &sample(), &opts())
        .await
        .unwrap();
    assert!(again.already_imported);
    assert_eq!(again.import_id, first.import_id);
    assert_eq!(dump(&path).await, before);
}

fn with_release(bytes: &[u8], updated: &str, asker: f64, label: Option<&str>) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    v["updated"] = updated.into();
    let pos = v["dimension"]["Region"]["category"]["index"]["K-3025"]
        .as_u64()
        .unwrap() as usize;
    v["value"][pos] = asker.into();
    if let Some(l) = label {
        v["label"] = l.into();
    }
    serde_json::to_vec(&v).unwrap()
}

#[tokio::test]
async fn a_newer_release_supersedes_and_the_old_row_is_kept() {
    let (_d, _p, store) = fresh().await;
    let old = store
        .import_file("2022.json", &sample(), &opts())
        .await
        .unwrap();
    let newer = with_release(&sample(), "2023-03-01T07:00:00Z", 96100.0, None);
    let s = store
        .import_file("2023.json", &newer, &opts())
        .await
        .unwrap();
    // Every cell of the newer release supersedes (a newer `updated`), equal or not.
    assert_eq!(s.rows_superseding, 359);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(96100.0));
    assert_eq!(
        r.provenance[0].updated.as_deref(),
        Some("2023-03-01T07:00:00Z")
    );
    let h = store
        .observation_history("07459", "Personer1", "", "3025", "2022")
        .await
        .unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].value, Some(96088.0));
    assert_eq!(h[0].superseded_by, Some(s.import_id));
    assert_eq!(h[0].provenance.file_sha256, old.sha256);
    assert_eq!(h[1].superseded_by, None);

    // An older release imported late is kept for the record but does not become current.
    let older = with_release(&sample(), "2021-01-01T07:00:00Z", 90000.0, None);
    let s = store
        .import_file("2021.json", &older, &opts())
        .await
        .unwrap();
    // Cells equal to the current ones are not stored again; the one that differs is kept,
    // already superseded.
    assert_eq!((s.rows_older, s.rows_unchanged), (1, 358));
    assert_eq!(s.rows_superseding, 0);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(96100.0));
    let h = store
        .observation_history("07459", "Personer1", "", "3025", "2022")
        .await
        .unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(h.iter().filter(|o| o.superseded_by.is_none()).count(), 1);
}

#[tokio::test]
async fn real_data_supersedes_synthetic_and_not_the_other_way() {
    let (_d, _p, store) = fresh().await;
    let synth = with_release(
        &sample(),
        "2030-01-01T00:00:00Z",
        11111.0,
        Some("SYNTETISKE DATA: 07459"),
    );
    let s = store
        .import_file("synth.json", &synth, &opts())
        .await
        .unwrap();
    assert!(s.synthetic);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(11111.0));
    assert!(r.synthetic);
    assert!(r.provenance[0].synthetic);
    assert!(
        r.provenance[0]
            .source_url
            .as_deref()
            .unwrap()
            .starts_with("syntetisk, ikke SSB"),
        "{:?}",
        r.provenance[0]
    );

    // Real, with an older `updated`, still wins over synthetic.
    store
        .import_file("real.json", &sample(), &opts())
        .await
        .unwrap();
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(96088.0));
    assert!(!r.synthetic);

    // Synthetic never supersedes real.
    let synth2 = with_release(
        &sample(),
        "2031-01-01T00:00:00Z",
        22222.0,
        Some("SYNTETISKE DATA: 07459"),
    );
    let s = store
        .import_file("synth2.json", &synth2, &opts())
        .await
        .unwrap();
    assert_eq!(s.rows_superseding, 0);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(96088.0));
}

#[tokio::test]
async fn a_2019_series_sums_to_3025_in_2020_and_3203_in_2024() {
    let (_d, _p, store) = fresh().await;
    store
        .import_file(
            "pop2019.json",
            &fixture("pop_2019_asker_parts.json"),
            &opts(),
        )
        .await
        .unwrap();
    let geo = Geography::bundled();
    let c = catalogue();
    for (code, at) in [
        ("3025", date!(2020 - 01 - 01)),
        ("3203", date!(2024 - 01 - 01)),
    ] {
        let r = store
            .resolve(geo, &c, "population", code, 2019, Some(at))
            .await
            .unwrap();
        assert_eq!(r.value, Some(61523.0 + 22635.0 + 9521.0), "{code}");
        assert_eq!(r.method, Method::Summed);
        let comps: Vec<(&str, Option<f64>)> = r
            .components
            .iter()
            .map(|c| (c.region.as_str(), c.value))
            .collect();
        assert_eq!(
            comps,
            vec![
                ("0220", Some(61523.0)),
                ("0627", Some(22635.0)),
                ("0628", Some(9521.0))
            ]
        );
        assert_eq!(r.components[1].name.as_deref(), Some("Røyken"));
    }
    // Without --geography-at, 3203 (valid from 2024) is answered on the 2024 geography.
    let r = store
        .resolve(geo, &c, "population", "3203", 2019, None)
        .await
        .unwrap();
    assert_eq!(r.geography_at, date!(2024 - 01 - 01));
    assert_eq!(r.value, Some(93679.0));
    // The old code on its own geography is just itself.
    let r = store
        .resolve(geo, &c, "population", "0627", 2019, None)
        .await
        .unwrap();
    assert_eq!((r.value, r.method), (Some(22635.0), Method::Direct));
}

#[tokio::test]
async fn a_ratio_series_refuses_to_be_summed() {
    let (_d, _p, store) = fresh().await;
    store
        .import_file(
            "pop2019.json",
            &fixture("pop_2019_asker_parts.json"),
            &opts(),
        )
        .await
        .unwrap();
    let def: SeriesDef = toml::from_str(
        r#"
        table = "07459"
        contents = "Personer1"
        unit = "prosent"
        additivity = "ratio"
        numerator = "jobs"
        denominator = "population"
        description_nb = "andel"
        description_en = "share"
        source_url = "x"
        "#,
    )
    .unwrap();
    let geo = Geography::bundled();
    let err = store
        .resolve_def(
            geo,
            "andel",
            &def,
            "3025",
            2019,
            Some(date!(2020 - 01 - 01)),
            None,
        )
        .await
        .unwrap_err();
    match &err {
        ResolveError::Geography(GeographyError::NotSummable(n)) => {
            assert_eq!(n.components, vec!["0220", "0627", "0628"]);
        }
        other => panic!("expected NotSummable, got {other:?}"),
    }
    assert!(err.to_string().contains("cannot be summed"), "{err}");
    // On its own geography a ratio is read as it is.
    let ok = store
        .resolve_def(geo, "andel", &def, "0220", 2019, None, None)
        .await
        .unwrap();
    assert_eq!(ok.value, Some(61523.0));
}

fn one_cell_with_status(symbol: &str) -> Vec<u8> {
    format!(
        r#"{{"class":"dataset","version":"2.0","updated":"2022-02-24T07:00:00Z","id":["Region","ContentsCode","Tid"],"size":[1,1,1],
        "dimension":{{"Region":{{"category":{{"index":{{"K-3025":0}}}}}},"ContentsCode":{{"category":{{"index":{{"Personer1":0}}}}}},"Tid":{{"category":{{"index":{{"2022":0}}}}}}}},
        "value":[null],"status":{{"0":"{symbol}"}},"role":{{"time":["Tid"],"metric":["ContentsCode"],"geo":["Region"]}},"extension":{{"px":{{"tableid":"07459"}}}}}}"#
    )
    .into_bytes()
}

async fn status_round_trip(symbol: &str, meaning_nb: &str) {
    let (_d, _p, store) = fresh().await;
    let s = store
        .import_file("s.json", &one_cell_with_status(symbol), &opts())
        .await
        .unwrap();
    assert_eq!(s.rows_missing, 1);
    let r = store
        .resolve(
            Geography::bundled(),
            &catalogue(),
            "population",
            "3025",
            2022,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, None, "never 0 for {symbol}");
    let m = r.missing.expect("a reason");
    assert_eq!(m.symbol.as_deref(), Some(symbol));
    assert_eq!(m.meaning_nb, meaning_nb);
    let h = store
        .observation_history("07459", "Personer1", "", "3025", "2022")
        .await
        .unwrap();
    assert_eq!(h[0].value, None);
    assert_eq!(h[0].status.as_deref(), Some(symbol));
}

#[tokio::test]
async fn status_dot_round_trips() {
    status_round_trip(
        ".",
        "Lovlig umulig eller ikke aktuelt (ikke mulig å oppgi tall)",
    )
    .await;
}

#[tokio::test]
async fn status_two_dots_round_trips() {
    status_round_trip("..", "Tallgrunnlag mangler").await;
}

#[tokio::test]
async fn status_three_dots_round_trips() {
    status_round_trip("...", "Tall kan ikke offentliggjøres").await;
}

#[tokio::test]
async fn status_colon_round_trips() {
    status_round_trip(":", "Vises ikke av konfidensialitetshensyn").await;
}

#[tokio::test]
async fn status_dash_round_trips() {
    status_round_trip("-", "Null").await;
}

#[tokio::test]
async fn the_commuting_block_of_a_merged_municipality() {
    let (_d, _p, store) = fresh().await;
    // Home (region) × work flows for 2019 among 0220, 0627, 0628, plus 0301 Oslo as work.
    let homes = ["0220", "0627", "0628"];
    let works = ["0220", "0627", "0628", "0301"];
    let flows = [
        [14000.0, 900.0, 300.0, 9000.0],
        [2500.0, 4000.0, 400.0, 2000.0],
        [600.0, 500.0, 1800.0, 700.0],
    ];
    let values: Vec<f64> = flows.iter().flatten().copied().collect();
    let idx = |codes: &[&str]| {
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\":{i}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let json = format!(
        r#"{{"class":"dataset","version":"2.0","label":"03321: test","updated":"2020-03-01T07:00:00Z","id":["Bokommuen","ArbstedKomm","ContentsCode","Tid"],"size":[3,4,1,1],
        "dimension":{{"Bokommuen":{{"category":{{"index":{{{}}}}}}},"ArbstedKomm":{{"category":{{"index":{{{}}}}}}},"ContentsCode":{{"category":{{"index":{{"Sysselsatte":0}}}}}},"Tid":{{"category":{{"index":{{"2019":0}}}}}}}},
        "value":{},"role":{{"time":["Tid"],"metric":["ContentsCode"],"geo":["Bokommuen"]}},"extension":{{"px":{{"tableid":"03321"}}}}}}"#,
        idx(&homes),
        idx(&works),
        serde_json::to_string(&values).unwrap()
    );
    store
        .import_file("03321.json", json.as_bytes(), &opts())
        .await
        .unwrap();
    let geo = Geography::bundled();
    let r = store
        .resolve(
            geo,
            &catalogue(),
            "employed_residents_local",
            "3025",
            2019,
            Some(date!(2020 - 01 - 01)),
        )
        .await
        .unwrap();
    let block: f64 = flows.iter().map(|row| row[..3].iter().sum::<f64>()).sum();
    let diagonals = 14000.0 + 4000.0 + 1800.0;
    assert_eq!(r.value, Some(block));
    assert_ne!(r.value, Some(diagonals));
    assert_eq!(r.method, Method::CommutingBlock);
    assert_eq!(r.components[0].value, Some(15200.0));
    // For the old municipality itself it is the diagonal.
    let r = store
        .resolve(
            geo,
            &catalogue(),
            "employed_residents_local",
            "0627",
            2019,
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.value, Some(4000.0));
}

#[tokio::test]
async fn the_2019_2020_change_table_imports_from_cp1252() {
    let (_d, path, store) = fresh().await;
    let bytes = std::fs::read(workspace().join("data/klass/klass131_changes_2019_2020_cp1252.csv"))
        .unwrap();
    let s = store
        .import_file("klass131_changes_2019_2020_cp1252.csv", &bytes, &opts())
        .await
        .unwrap();
    assert_eq!(s.format.as_str(), "klass_changes_csv");
    assert_eq!(s.table_id.as_deref(), Some("131"));
    assert!(s.rows_stored > 100);
    let d = dump(&path).await;
    for old in ["0220", "0627", "0628"] {
        assert!(
            d.lines().any(|l| l.contains(&format!("'{old}'"))
                && l.contains("'3025'")
                && l.contains("'2020-01-01'")),
            "{old} → 3025 missing"
        );
    }
    assert!(d.contains("'Røyken'"), "cp1252 decoded");
}

#[tokio::test]
async fn the_bundled_catalogue_parses_and_names_the_series() {
    let c = catalogue();
    for name in [
        "population",
        "population_15_74",
        "population_16_66",
        "jobs",
        "employed_residents",
        "employed_residents_local",
        "farmland_converted_dekar",
        "new_enterprises",
        "bankruptcies",
        "jobs_by_industry",
    ] {
        assert!(c.series.contains_key(name), "{name}");
    }
    let keys = c.series["population_15_74"].series_keys(None).unwrap();
    assert_eq!(keys.len(), 60);
    assert_eq!(keys[0], "Alder=015");
    assert!(matches!(
        c.series["jobs_by_industry"].series_keys(None),
        Err(ResolveError::NeedsSelection { .. })
    ));
}

/// The same import, supersession and resolution on PostgreSQL, when `NAERINGSPLAN_TEST_POSTGRES`
/// names a server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`); a fresh database is
/// created for the run. Skipped otherwise.
#[tokio::test]
async fn postgres_import_supersede_and_resolve() {
    let Some(url) = naeringsplan_store::testing::postgres_url() else {
        eprintln!("skipped: NAERINGSPLAN_TEST_POSTGRES is not set");
        return;
    };
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .unwrap();
    let name = format!(
        "obs_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    let store = naeringsplan_store::Store::open(&format!("{base}/{name}"))
        .await
        .unwrap();
    let s = store
        .import_file("07459.json", &sample(), &opts())
        .await
        .unwrap();
    assert_eq!(s.rows_stored, 359);
    let again = store
        .import_file("07459.json", &sample(), &opts())
        .await
        .unwrap();
    assert!(again.already_imported);
    let newer = with_release(&sample(), "2023-03-01T07:00:00Z", 96100.0, None);
    let s = store
        .import_file("2023.json", &newer, &opts())
        .await
        .unwrap();
    assert_eq!(s.rows_superseding, 359);
    let geo = Geography::bundled();
    let r = store
        .resolve(geo, &catalogue(), "population", "3025", 2022, None)
        .await
        .unwrap();
    assert_eq!(r.value, Some(96100.0));
    let h = store
        .observation_history("07459", "Personer1", "", "3025", "2022")
        .await
        .unwrap();
    assert_eq!(h.len(), 2);
    store
        .import_file(
            "pop2019.json",
            &fixture("pop_2019_asker_parts.json"),
            &opts(),
        )
        .await
        .unwrap();
    let r = store
        .resolve(geo, &catalogue(), "population", "3203", 2019, None)
        .await
        .unwrap();
    assert_eq!(r.value, Some(93679.0));
    let bad = store
        .import_file("bad.json", b"{\"class\":\"dataset\"", &opts())
        .await;
    assert!(bad.is_err());
    store.close().await;
}
