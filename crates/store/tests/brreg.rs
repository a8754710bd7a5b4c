//! Register snapshots in the store: the real samples through the store (counts checked against
//! an independent reading of the file), idempotent re-import, survival across snapshots, accounts
//! and the plan's computed facts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use brreg::bulk::{Format, ParallelOptions, read_units_parallel};
use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Employees, Kommune, NaceCode, OrgNr, SectorCode, Unit, UnitKind};
use naeringsplan_store::Store;
use naeringsplan_store::brreg::{
    Coverage, DateSource, NewSnapshot, SnapshotImport, SnapshotKind, UnitTable,
};
use time::Date;
use time::macros::date;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../brreg/tests/fixtures")
        .join(name)
}

async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    (dir, store)
}

/// Reads a file with the register crate and stores it as a snapshot (what the CLI does).
async fn import_file(
    store: &Store,
    name: &str,
    kind: UnitKind,
    date: Date,
    sha: &str,
) -> SnapshotImport {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let read = read_units_parallel(
        &bytes[..],
        kind,
        Format::Auto,
        name,
        &ParallelOptions::default(),
        || {
            (
                FactsBuilder::new(SectorGroups::embedded(), 10),
                UnitTable::new(),
            )
        },
        |s: &mut (FactsBuilder<'static>, UnitTable), u: Unit| {
            s.0.add(&u);
            s.1.add(&u);
        },
    )
    .unwrap();
    let mut states = read.states.into_iter();
    let (mut facts, mut units) = states.next().unwrap();
    for (f, u) in states {
        facts.merge(f);
        units.merge(u);
    }
    let facts = facts.finish();
    store
        .import_register_snapshot(
            &NewSnapshot {
                kind: kind.into(),
                snapshot_date: date,
                date_source: DateSource::Option,
                file_name: name,
                sha256: sha,
                format: "csv",
                units: read.report.units,
                synthetic_units: 0,
                skipped_rows: 0,
                skipped: &[],
                coverage: None,
            },
            &facts,
            Some(&units),
        )
        .await
        .unwrap()
}

/// Independent reading of a fully quoted CSV without embedded newlines (the real samples):
/// split lines, strip the outer quotes, split on `","`.
fn naive(name: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let fields: Vec<&str> = l[1..l.len() - 1].split("\",\"").collect();
            assert_eq!(fields.len(), header.len(), "{l}");
            header
                .iter()
                .map(|h| h.to_string())
                .zip(fields.iter().map(|f| f.to_string()))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn real_sample_through_the_store_matches_an_independent_count() {
    let (_dir, store) = temp_store().await;
    let out = import_file(
        &store,
        "brreg_enheter_bulk_csv_sample.csv",
        UnitKind::Enhet,
        date!(2024 - 06 - 01),
        "sha-enheter",
    )
    .await;
    let SnapshotImport::Imported { snapshot, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(
        snapshot.coverage,
        Coverage::Extract,
        "116 rows are an extract"
    );
    assert!(!snapshot.synthetic);
    assert_eq!(snapshot.units, 116);

    // Independently, from the file.
    let rows = naive("brreg_enheter_bulk_csv_sample.csv");
    let asker: Vec<_> = rows
        .iter()
        .filter(|r| r["forretningsadresse.kommunenummer"] == "3203")
        .collect();
    let mut by_form: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, u64> = BTreeMap::new();
    let mut as_by_year: BTreeMap<i32, u64> = BTreeMap::new();
    for r in &asker {
        *by_form
            .entry(r["organisasjonsform.kode"].clone())
            .or_default() += 1;
        let y: i32 = r["registreringsdatoenhetsregisteret"][..4].parse().unwrap();
        *by_year.entry(y).or_default() += 1;
        if r["organisasjonsform.kode"] == "AS" {
            *as_by_year.entry(y).or_default() += 1;
        }
    }
    assert_eq!(asker.len(), 76);
    let bankrupt = asker.iter().filter(|r| r["konkurs"] == "true").count() as u64;
    let liquidation = asker
        .iter()
        .filter(|r| r["underAvvikling"] == "true")
        .count() as u64;

    // Through the store.
    let facts = store.register_facts("3203", None).await.unwrap();
    let e = facts.enheter.expect("an enheter snapshot");
    assert_eq!(e.snapshot.id, snapshot.id);
    let f = e.facts.expect("Asker has units in the sample");
    assert_eq!(f.units, 76);
    assert_eq!(f.units_by_form, by_form);
    let got_years: BTreeMap<i32, u64> = f
        .registrations_by_year
        .iter()
        .map(|(y, r)| (*y, r.total))
        .collect();
    assert_eq!(got_years, by_year);
    for (y, r) in &f.registrations_by_year {
        assert_eq!(
            r.by_form.get("AS").copied().unwrap_or(0),
            as_by_year.get(y).copied().unwrap_or(0),
            "AS in {y}"
        );
    }
    assert_eq!(f.bankrupt, bankrupt);
    assert_eq!(f.under_liquidation, liquidation);
    assert!(facts.underenheter.is_none());
    assert!(facts.survival.is_empty());
    assert!(facts.turnover.is_none());
}

#[tokio::test]
async fn underenheter_sample_gives_employees_by_group_with_withheld_apart() {
    let (_dir, store) = temp_store().await;
    import_file(
        &store,
        "brreg_underenheter_bulk_csv_sample.csv",
        UnitKind::Underenhet,
        date!(2024 - 06 - 01),
        "sha-under",
    )
    .await;
    let rows = naive("brreg_underenheter_bulk_csv_sample.csv");
    let groups = SectorGroups::embedded();
    let hs = groups.get("health_social").unwrap();
    let mut known = 0u64;
    let mut withheld = 0u64;
    for r in rows
        .iter()
        .filter(|r| r["beliggenhetsadresse.kommunenummer"] == "3203")
        .filter(|r| r.get("nedleggelsesdato").is_none_or(|d| d.is_empty()))
    {
        let nace = &r["naeringskode1.kode"];
        if nace.len() < 2 || !hs.contains_division(nace[..2].parse().unwrap()) {
            continue;
        }
        match r["antallAnsatte"].as_str() {
            "" if r["harRegistrertAntallAnsatte"] == "true" => withheld += 1,
            "" => {}
            n => known += n.parse::<u64>().unwrap(),
        }
    }
    assert!(
        known > 0 && withheld > 0,
        "the sample has both: {known} {withheld}"
    );
    let facts = store.register_facts("3203", None).await.unwrap();
    let u = facts.underenheter.unwrap();
    let f = u.facts.unwrap();
    let h = f.employees_by_group["health_social"];
    assert_eq!(h.known_sum, known);
    assert_eq!(h.withheld_units, withheld);
}

#[tokio::test]
async fn reimporting_changes_nothing() {
    let (_dir, store) = temp_store().await;
    import_file(
        &store,
        "brreg_enheter_bulk_csv_sample.csv",
        UnitKind::Enhet,
        date!(2024 - 06 - 01),
        "same-sha",
    )
    .await;
    let before = store.register_dump().await.unwrap();
    assert!(before.contains("brreg_enheter_bulk_csv_sample.csv"));
    let again = import_file(
        &store,
        "brreg_enheter_bulk_csv_sample.csv",
        UnitKind::Enhet,
        date!(2025 - 01 - 01),
        "same-sha",
    )
    .await;
    assert!(matches!(again, SnapshotImport::AlreadyImported { .. }));
    assert_eq!(store.register_dump().await.unwrap(), before);
}

fn orgnr(i: u32) -> OrgNr {
    (0..)
        .find_map(|k| OrgNr::from_first8(80_000_000 + i * 10 + k))
        .unwrap()
}

fn unit(i: u32, kommune: &str, year: i32) -> Unit {
    Unit {
        kind: UnitKind::Enhet,
        orgnr: orgnr(i),
        name: format!("U{i}"),
        org_form: "AS".parse().unwrap(),
        nace: NaceCode::parse(b"62.010"),
        employees: Employees::Known(7),
        municipality: Some(kommune.parse::<Kommune>().unwrap()),
        postal_municipality: None,
        postal_code: None,
        sector: SectorCode::parse(b"2100"),
        registered: Date::from_calendar_date(year, time::Month::March, 1).ok(),
        founded: None,
        started: None,
        bankrupt: false,
        bankruptcy_date: None,
        under_liquidation: false,
        liquidation_date: None,
        under_forced_liquidation: false,
        deleted: None,
        closed: None,
        parent: None,
    }
}

async fn import_units(store: &Store, units: &[Unit], date: Date, sha: &str) -> SnapshotImport {
    let mut fb = FactsBuilder::new(SectorGroups::embedded(), 10);
    let mut table = UnitTable::new();
    for u in units {
        fb.add(u);
        table.add(u);
    }
    store
        .import_register_snapshot(
            &NewSnapshot {
                kind: SnapshotKind::Enheter,
                snapshot_date: date,
                date_source: DateSource::Option,
                file_name: sha,
                sha256: sha,
                format: "csv",
                units: units.len() as u64,
                synthetic_units: 0,
                skipped_rows: 0,
                skipped: &[],
                coverage: Some(Coverage::National),
            },
            &fb.finish(),
            Some(&table),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn survival_across_snapshots() {
    let (_dir, store) = temp_store().await;
    // 2019-06-01: the 2018 cohort is 4 in Asker (3203) and 2 in Bærum (3201), 1 from 2017.
    let a = vec![
        unit(1, "3203", 2018),
        unit(2, "3203", 2018),
        unit(3, "3203", 2018),
        unit(4, "3203", 2018),
        unit(5, "3201", 2018),
        unit(6, "3201", 2018),
        unit(7, "3203", 2017),
    ];
    // 2024-07-01: 1 of Asker's is gone, 1 is bankrupt, 1 moved to Bærum (survives); Bærum's both
    // there.
    let mut moved = unit(3, "3201", 2018);
    moved.name = "moved".into();
    let mut bankrupt = unit(2, "3203", 2018);
    bankrupt.bankrupt = true;
    let b = vec![
        bankrupt,
        moved,
        unit(4, "3203", 2018),
        unit(5, "3201", 2018),
        unit(6, "3201", 2018),
        unit(7, "3203", 2017),
    ];
    import_units(&store, &a, date!(2019 - 06 - 01), "a").await;
    let out = import_units(&store, &b, date!(2024 - 07 - 01), "b").await;
    let SnapshotImport::Imported { survival_rows, .. } = out else {
        panic!()
    };
    assert_eq!(survival_rows, 2, "2018 cohort in Asker and in Bærum");
    let s = store.register_survival("3203").await.unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].cohort_year, 2018);
    assert_eq!((s[0].base_count, s[0].survivors), (4, 2));
    assert_eq!(s[0].base.snapshot_date, date!(2019 - 06 - 01));
    assert_eq!(s[0].followup.snapshot_date, date!(2024 - 07 - 01));
    let s = store.register_survival("3201").await.unwrap();
    assert_eq!((s[0].base_count, s[0].survivors), (2, 2));

    // Deleting the follow-up removes the survival rows.
    let SnapshotImport::AlreadyImported { snapshot } =
        import_units(&store, &b, date!(2024 - 07 - 01), "b").await
    else {
        panic!()
    };
    assert!(store.delete_register_snapshot(snapshot.id).await.unwrap());
    assert!(store.register_survival("3203").await.unwrap().is_empty());
}

#[tokio::test]
async fn real_snapshots_take_precedence_over_synthetic_ones() {
    let (_dir, store) = temp_store().await;
    let mut synth = unit(1, "3203", 2020);
    synth.name = "SYNTETISK X".into();
    let mut fb = FactsBuilder::new(SectorGroups::embedded(), 10);
    fb.add(&synth);
    let new = NewSnapshot {
        kind: SnapshotKind::Enheter,
        snapshot_date: date!(2025 - 12 - 31),
        date_source: DateSource::Generated,
        file_name: "syntetisk",
        sha256: "synth",
        format: "csv",
        units: 1,
        synthetic_units: 1,
        skipped_rows: 0,
        skipped: &[],
        coverage: None,
    };
    store
        .import_register_snapshot(&new, &fb.finish(), None)
        .await
        .unwrap();
    let cur = store
        .current_register_snapshot(SnapshotKind::Enheter)
        .await
        .unwrap()
        .unwrap();
    assert!(cur.synthetic, "only the synthetic one so far");
    import_units(
        &store,
        &[unit(2, "3203", 2020)],
        date!(2024 - 01 - 01),
        "real",
    )
    .await;
    let cur = store
        .current_register_snapshot(SnapshotKind::Enheter)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !cur.synthetic,
        "an older real snapshot wins over a newer synthetic one"
    );
    assert_eq!(cur.snapshot_date, date!(2024 - 01 - 01));
}

#[tokio::test]
async fn accounts_give_turnover_and_plan_facts_computed_vs_quoted() {
    let (_dir, store) = temp_store().await;
    // Equinor (923609016), NACE 06.100 (knowledge-intensive), private, placed in Asker here.
    let mut eq = unit(1, "3203", 2000);
    eq.orgnr = "923609016".parse().unwrap();
    eq.name = "EQUINOR ASA".into();
    eq.nace = NaceCode::parse(b"06.100");
    eq.employees = Employees::Known(21000);
    import_units(
        &store,
        &[eq, unit(2, "3203", 2024), unit(3, "3203", 2024)],
        date!(2025 - 03 - 01),
        "e",
    )
    .await;
    let bytes = std::fs::read(fixture("regnskap_api_equinor_2024_record.json")).unwrap();
    let accounts = brreg::accounts::parse_accounts(&bytes[..], "r.json").unwrap();
    let r = store
        .import_accounts("r.json", "acc-sha", false, &accounts)
        .await
        .unwrap();
    assert!(matches!(
        r,
        naeringsplan_store::brreg::AccountsImport::Imported {
            records: 1,
            new_records: 1
        }
    ));
    let again = store
        .import_accounts("r.json", "acc-sha", false, &accounts)
        .await
        .unwrap();
    assert!(matches!(
        again,
        naeringsplan_store::brreg::AccountsImport::AlreadyImported { .. }
    ));

    let t = store.turnover_facts("3203", None).await.unwrap().unwrap();
    assert_eq!(t.year, 2024);
    let ki = &t.by_group["knowledge_intensive"];
    assert_eq!(ki.turnover_nok, 72_543_000_000);
    assert_eq!(ki.largest_by_turnover[0].name, "EQUINOR ASA");
    assert_eq!(t.by_group["trade"].turnover_nok, 0);

    // The embedded Asker plan's facts: turnover:knowledge_intensive quoted 27.0 mrd. kr.
    let plan = plan::embedded_default();
    let values = app::plan_facts::plan_fact_values(&store, &plan)
        .await
        .unwrap();
    let keyed = |k: &str| values.iter().find(|v| v.computed_by == k).unwrap();
    let v = keyed("turnover:knowledge_intensive");
    assert_eq!(v.quoted, Some(27.0));
    let c = v.computed.as_ref().unwrap();
    assert!((c.value - 72.543).abs() < 1e-9, "{}", c.value);
    assert_eq!(c.unit, "mrd. kr");
    assert_eq!(c.year, Some(2024));
    assert_eq!(c.snapshot.snapshot_date, date!(2025 - 03 - 01));
    assert!(!c.synthetic);
    // Registrations in the last full year before 2025-03-01: 2024, two units, both AS.
    let r = keyed("registrations:count").computed.as_ref().unwrap();
    assert_eq!((r.value, r.year), (2.0, Some(2024)));
    // No underenheter imported: employees facts say why.
    let e = keyed("employees:health_social");
    assert!(e.computed.is_none());
    assert!(e.unavailable.as_ref().unwrap().contains("underenheter"));
    // Every computed_by fact of the plan is listed.
    assert_eq!(
        values.len(),
        plan.focus_areas
            .iter()
            .flat_map(|a| a.all_facts())
            .filter(|f| f.computed_by.as_deref().is_some_and(|k| !k.is_empty()))
            .count()
    );
}

#[tokio::test]
async fn older_codes_are_summed_for_todays_municipality() {
    let (_dir, store) = temp_store().await;
    // A 2019 snapshot knows Asker as 0220, Røyken 0627, Hurum 0628: 3203 today.
    import_units(
        &store,
        &[
            unit(1, "0220", 2015),
            unit(2, "0627", 2016),
            unit(3, "0628", 2017),
            unit(4, "0301", 2017),
        ],
        date!(2019 - 06 - 01),
        "old",
    )
    .await;
    let f = store.register_facts("3203", None).await.unwrap();
    let m = f.enheter.unwrap().facts.unwrap();
    assert_eq!(m.units, 3);
    assert_eq!(m.municipality, "0220+0627+0628");
}

/// The same on PostgreSQL, when `NAERINGSPLAN_TEST_POSTGRES` names a server (e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`); a fresh database is created for the run.
/// Skipped otherwise.
#[tokio::test]
async fn postgres_snapshots_survival_accounts() {
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
        "register_{}_{}",
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
    let store = Store::open(&format!("{base}/{name}")).await.unwrap();

    let out = import_file(
        &store,
        "brreg_enheter_bulk_csv_sample.csv",
        UnitKind::Enhet,
        date!(2024 - 06 - 01),
        "pg-enheter",
    )
    .await;
    assert!(matches!(out, SnapshotImport::Imported { .. }));
    let before = store.register_dump().await.unwrap();
    let again = import_file(
        &store,
        "brreg_enheter_bulk_csv_sample.csv",
        UnitKind::Enhet,
        date!(2024 - 06 - 01),
        "pg-enheter",
    )
    .await;
    assert!(matches!(again, SnapshotImport::AlreadyImported { .. }));
    assert_eq!(store.register_dump().await.unwrap(), before);
    let f = store.register_facts("3203", None).await.unwrap();
    let m = f.enheter.unwrap().facts.unwrap();
    assert_eq!(m.units, 76);
    // The packed unit table round-trips through BYTEA.
    let units = store
        .register_units(
            store
                .current_register_snapshot(SnapshotKind::Enheter)
                .await
                .unwrap()
                .unwrap()
                .id,
            "3203",
        )
        .await
        .unwrap();
    assert_eq!(units.len(), 76);

    import_units(
        &store,
        &[unit(1, "3203", 2018), unit(2, "3203", 2018)],
        date!(2019 - 06 - 01),
        "pg-a",
    )
    .await;
    import_units(
        &store,
        &[unit(1, "3203", 2018)],
        date!(2024 - 07 - 01),
        "pg-b",
    )
    .await;
    let s = store.register_survival("3203").await.unwrap();
    assert_eq!((s[0].base_count, s[0].survivors), (2, 1));

    let bytes = std::fs::read(fixture("regnskap_api_equinor_2024_record.json")).unwrap();
    let accounts = brreg::accounts::parse_accounts(&bytes[..], "r.json").unwrap();
    store
        .import_accounts("r.json", "pg-acc", false, &accounts)
        .await
        .unwrap();
    store.close().await;
    drop(admin);
}
