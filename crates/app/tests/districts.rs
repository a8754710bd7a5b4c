//! Facts per district (issue 20 item 5), acceptance: a small register file whose units have
//! known postal codes gives exact per-district counts, and units outside every district are
//! counted apart and listed; the land sites and company visits of the example files fall in
//! the districts by place; the synthetic demo register is flagged as such.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use naeringsplan_app as app;

use app::brreg::{DemoScope, NoProgress};
use app::districts::{RegisterRow, district_table, land_part, visit_part};

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

async fn temp_store() -> (tempfile::TempDir, store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = store::Store::open_sqlite(&dir.path().join("t.db"))
        .await
        .unwrap();
    (dir, s)
}

fn row<'a>(rows: &'a [RegisterRow], id: &str) -> &'a RegisterRow {
    rows.iter()
        .find(|r| r.district.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// `fixtures/districts_enheter_2025-06-30.csv` holds nine enheter with known postal codes (see
/// the file): two in Asker sentrum (1383, 1395; one headcount withheld), one in Asker nord
/// (1389), two in Asker syd by postal code (3482 bankrupt in 2024, 3440) and one by its former
/// municipality (0628 Hurum, no postal code), two of Asker outside every district (1370, a
/// post-box code no district lists, and one without a postal code) and one in Oslo (not Asker's).
#[tokio::test]
async fn a_small_register_file_gives_exact_counts_per_district() {
    let (_dir, store) = temp_store().await;
    let file = workspace().join("crates/app/tests/fixtures/districts_enheter_2025-06-30.csv");
    app::brreg::import(&store, &file, false, Arc::new(NoProgress))
        .await
        .unwrap();
    let plan = plan::embedded_default();
    let t = district_table(&store, &plan).await.unwrap().unwrap();
    assert_eq!(
        t.districts
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        ["asker-sentrum", "asker-nord", "asker-syd"]
    );
    assert!(t.underenheter.is_none() && t.land.is_none() && t.visits.is_none());
    let e = t.enheter.unwrap();
    assert!(!e.snapshot.synthetic);
    assert!(e.postal_codes_stored);
    assert_eq!(e.year, 2024, "the snapshot's last full year");

    let s = row(&e.rows, "asker-sentrum");
    assert_eq!(
        (s.units, s.employees.known_sum, s.employees.withheld_units),
        (2, 10, 1)
    );
    assert_eq!((s.registrations, s.bankruptcies, s.bankrupt), (1, 0, 0));
    let n = row(&e.rows, "asker-nord");
    assert_eq!((n.units, n.employees.known_sum, n.registrations), (1, 7, 1));
    let y = row(&e.rows, "asker-syd");
    assert_eq!((y.units, y.employees.known_sum), (3, 3 + 20 + 2));
    assert_eq!((y.registrations, y.bankruptcies, y.bankrupt), (1, 1, 1));

    // Outside every district: counted apart, and listed by postal code with the units.
    assert_eq!(e.outside.district, None);
    assert_eq!((e.outside.units, e.outside.employees.known_sum), (2, 4));
    assert_eq!(e.outside.registrations, 1);
    let codes: Vec<(&str, &str, u64)> = e
        .outside_codes
        .iter()
        .map(|c| (c.municipality.as_str(), c.postal_code.as_str(), c.units))
        .collect();
    assert_eq!(codes, [("3203", "", 1), ("3203", "1370", 1)]);
    assert_eq!(e.outside_codes[1].examples[0].name, "UTENFOR POSTBOKS AS");
    assert_eq!(e.outside_codes[1].examples[0].orgnr, "910000063");
    assert_eq!(e.outside_codes[0].examples[0].name, "UTEN POSTNUMMER");

    // Oslo's unit is nowhere, and Asker's (3203) rows add up to the municipality's count.
    let all: u64 = e.rows.iter().map(|r| r.units).sum::<u64>() + e.outside.units;
    assert_eq!(all, 8);
    let muni = store
        .register_municipality_facts(e.snapshot.id, "3203")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        muni.units,
        all - 1,
        "all but the 0628 unit are registered under 3203"
    );
}

/// A plan without districts has no table; a snapshot from before the store kept postal codes
/// says so instead of showing zeros.
#[tokio::test]
async fn no_districts_no_table_and_old_snapshots_say_so() {
    let (_dir, store) = temp_store().await;
    let mut plan = plan::embedded_default();
    plan.districts.clear();
    assert!(district_table(&store, &plan).await.unwrap().is_none());

    let file = workspace().join("crates/app/tests/fixtures/districts_enheter_2025-06-30.csv");
    app::brreg::import(&store, &file, false, Arc::new(NoProgress))
        .await
        .unwrap();
    let snap = store
        .current_register_snapshot(store::brreg::SnapshotKind::Enheter)
        .await
        .unwrap()
        .unwrap();
    // As if imported before migration 0016: no postal rows.
    let plan = plan::embedded_default();
    let part = app::districts::place_register(&plan, snap, 2024, false, &[]);
    assert!(!part.postal_codes_stored);
    assert!(part.rows.iter().all(|r| r.units == 0) && part.outside.units == 0);
}

/// The synthetic demo register of Asker: flagged synthetic, and its units (at Asker's real
/// postal codes) all fall in a district and add up to the municipality's count.
#[tokio::test]
async fn the_demo_register_is_synthetic_and_fills_the_districts() {
    let (_dir, store) = temp_store().await;
    let scope = DemoScope::Municipalities(BTreeSet::from(["3203".to_string()]));
    app::brreg::import_demo_in(&store, 30_000, 7, &scope, Arc::new(NoProgress))
        .await
        .unwrap();
    let plan = plan::embedded_default();
    let t = district_table(&store, &plan).await.unwrap().unwrap();
    for part in [
        t.enheter.as_ref().unwrap(),
        t.underenheter.as_ref().unwrap(),
    ] {
        assert!(part.snapshot.synthetic, "demo data must be flagged");
        assert_eq!(part.outside.units, 0, "{:?}", part.outside_codes);
        assert!(part.rows.iter().all(|r| r.units > 0), "{:?}", part.rows);
        let muni = store
            .register_municipality_facts(part.snapshot.id, "3203")
            .await
            .unwrap()
            .unwrap();
        let sum: u64 = part.rows.iter().map(|r| r.units).sum();
        if part.snapshot.kind == store::brreg::SnapshotKind::Enheter {
            assert_eq!(sum, muni.units);
        }
    }
}

/// The example land sites and visits (synthetic files) placed by their place and area names.
#[test]
fn example_land_sites_and_visits_fall_in_districts_by_place() {
    let plan = plan::embedded_default();
    let dir = workspace().join("data/registers/example");
    let name = "asker_naeringsarealer_SYNTETISK.geojson";
    let changes =
        local_registers::land::parse_any(name, &std::fs::read(dir.join(name)).unwrap()).unwrap();
    let land = land_part(&plan, &changes, true).unwrap();
    assert!(land.synthetic);
    let sites: u64 = land.rows.iter().map(|r| r.sites).sum::<u64>() + land.outside.sites;
    let in_stock =
        local_registers::land::state_at(&changes, changes.iter().map(|c| c.date).max().unwrap())
            .values()
            .filter(|s| s.availability.in_stock())
            .count() as u64;
    assert_eq!(sites, in_stock);
    assert_eq!(land.outside.sites, 0, "{:?}", land.outside_places);
    // Tofte and Sætre are Asker syd's; Heggedal, Dikemark and Vollen Asker nord's.
    let syd = land
        .rows
        .iter()
        .find(|r| r.district.as_deref() == Some("asker-syd"))
        .unwrap();
    assert!(syd.sites >= 2, "{syd:?}");

    let name = "asker_bedriftsbesok_SYNTETISK.csv";
    let links: BTreeSet<String> = plan
        .strategies()
        .map(|s| s.id.clone())
        .chain(plan.actions.iter().map(|a| a.id.clone()))
        .collect();
    let rows =
        local_registers::visits::parse_csv(name, &std::fs::read(dir.join(name)).unwrap(), &links)
            .unwrap();
    let visits: Vec<_> = rows.into_iter().map(|r| (r.visit, true)).collect();
    let v = visit_part(&plan, &visits).unwrap();
    assert!(v.synthetic);
    let placed: u64 = v.rows.iter().map(|r| r.visits).sum();
    assert_eq!(placed + v.outside.visits, visits.len() as u64);
    // "Røyken" and "Hurum" (the old municipalities) are places of Asker syd.
    let expected_syd = visits
        .iter()
        .filter(|(x, _)| ["Røyken", "Hurum", "Asker syd"].contains(&x.area.as_str()))
        .count() as u64;
    let syd = v
        .rows
        .iter()
        .find(|r| r.district.as_deref() == Some("asker-syd"))
        .unwrap();
    assert_eq!(syd.visits, expected_syd);
    assert!(expected_syd > 0);
}

/// The visit form's choice list is the plan's districts.
#[test]
fn the_visit_form_offers_the_plans_districts() {
    let plan = plan::embedded_default();
    assert_eq!(
        app::local_registers::visit_districts(&plan),
        ["Asker sentrum", "Asker nord", "Asker syd"]
    );
    let mut none = plan.clone();
    none.districts.clear();
    assert!(app::local_registers::visit_districts(&none).is_empty());
}

/// The council report's district section (issue 20 item 6): the same counts as the page's table,
/// the units outside every district on their own row, in the report's language.
#[tokio::test]
async fn the_report_section_has_the_district_counts_in_the_reports_language() {
    let (_dir, store) = temp_store().await;
    let file = workspace().join("crates/app/tests/fixtures/districts_enheter_2025-06-30.csv");
    app::brreg::import(&store, &file, false, Arc::new(NoProgress))
        .await
        .unwrap();
    let plan = plan::embedded_default();
    let t = district_table(&store, &plan).await.unwrap().unwrap();
    for lang in [plan::Lang::Nb, plan::Lang::Nn, plan::Lang::En] {
        let sec = app::districts::report_section(&t, lang);
        assert_eq!(sec.title, i18n::tr(lang, "rpt-districts-title"));
        assert!(!sec.synthetic);
        assert_eq!(sec.tables.len(), 1, "enheter only in the file");
        let rows = &sec.tables[0].rows;
        let cells: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str(), r[5].as_str()))
            .collect();
        let outside = i18n::tr(lang, "districts-outside");
        let name = |i: usize| t.districts[i].name.get(lang).to_string();
        let (sentrum, nord, syd) = (name(0), name(1), name(2));
        assert_eq!(
            cells,
            [
                (sentrum.as_str(), "2", "0"),
                (nord.as_str(), "1", "0"),
                (syd.as_str(), "3", "1"),
                (outside.as_str(), "2", "0"),
            ],
            "{lang:?}"
        );
        assert!(sec.tables[0].caption.contains("2025-06-30"));
    }
}
