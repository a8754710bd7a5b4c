//! The registers of issue 9 in the store: land changes kept and corrected without loss,
//! ledgers stored once and matched against a register snapshot (with a number that is not in
//! it and a deleted one), visits purged after retention with their counts kept. Run on SQLite,
//! and on PostgreSQL when `NAERINGSPLAN_TEST_POSTGRES` names a server.

use std::collections::BTreeSet;

use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Employees, Kommune, NaceCode, OrgForm, OrgNr, SectorCode, Unit, UnitKind};
use local_registers::land::{self, Availability};
use local_registers::neighbours;
use local_registers::procurement::{self, SupplierStatus, Unresolved};
use local_registers::visits::{FollowUp, Visit, VisitKind};
use naeringsplan_store::Store;
use naeringsplan_store::brreg::{NewSnapshot, SnapshotKind, UnitTable};
use naeringsplan_store::local_registers::LedgerImport;
use time::macros::date;

async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    (dir, store)
}

const LAND: &str = "id;dato;navn;sted;areal_daa;planstatus;tilgjengelighet;formal
A;2019-03-01;Tomt A;Tofte;40;regulert;ledig;lager_logistikk
A;2021-02-01;Tomt A;Tofte;40;regulert;utbygd;lager_logistikk
B;2019-01-01;Tomt B;Billingstad;25;regulert;utbygd;kontor
B;2020-09-30;Tomt B;Billingstad;25;regulert;omdisponert_bolig;kontor
";

fn unit(orgnr: &str, kommune: Option<&str>, employees: Employees, deleted: bool) -> Unit {
    Unit {
        orgnr: orgnr.parse::<OrgNr>().unwrap(),
        kind: UnitKind::Enhet,
        name: format!("SYNTETISK Firma {orgnr}"),
        org_form: OrgForm::parse(b"AS").unwrap(),
        nace: NaceCode::parse(b"62.010"),
        sector: SectorCode::parse(b"2100"),
        municipality: kommune.and_then(|k| Kommune::parse(k.as_bytes())),
        postal_municipality: None,
        postal_code: None,
        employees,
        registered: Some(date!(2010 - 01 - 01)),
        founded: None,
        started: None,
        bankrupt: false,
        bankruptcy_date: None,
        under_liquidation: false,
        liquidation_date: None,
        under_forced_liquidation: false,
        deleted: deleted.then_some(date!(2023 - 06 - 01)),
        closed: None,
        parent: None,
    }
}

async fn put_register(store: &Store) {
    let units = [
        unit("923609016", Some("3203"), Employees::Known(40), false),
        unit("914778271", Some("3201"), Employees::Known(300), false),
        unit("974760673", Some("5001"), Employees::Withheld, false),
        unit("911111128", Some("3203"), Employees::Known(3), true),
    ];
    let groups = SectorGroups::embedded();
    let mut facts = FactsBuilder::new(groups, 10);
    let mut table = UnitTable::new();
    for u in &units {
        facts.add(u);
        table.add(u);
    }
    let facts = facts.finish();
    let new = NewSnapshot {
        kind: SnapshotKind::Enheter,
        snapshot_date: date!(2025 - 01 - 01),
        date_source: naeringsplan_store::brreg::DateSource::Option,
        file_name: "enheter.csv",
        sha256: "abc",
        format: "csv",
        units: units.len() as u64,
        synthetic_units: units.len() as u64,
        skipped_rows: 0,
        skipped: &[],
        coverage: None,
    };
    store
        .import_register_snapshot(&new, &facts, Some(&table))
        .await
        .unwrap();
}

async fn exercise(store: &Store) {
    // Land: import, re-import unchanged, correct one change; every row kept.
    let changes = land::parse_csv("land.csv", LAND.as_bytes()).unwrap();
    let r = store
        .land_import(
            "3203",
            naeringsplan_store::local_registers::LandFile {
                name: "land.csv",
                sha256: "s1",
                format: "csv",
                synthetic: true,
            },
            &changes,
            "test",
        )
        .await
        .unwrap();
    assert_eq!((r.stored, r.unchanged), (4, 0));
    let r = store
        .land_import(
            "3203",
            naeringsplan_store::local_registers::LandFile {
                name: "land.csv",
                sha256: "s1",
                format: "csv",
                synthetic: true,
            },
            &changes,
            "test",
        )
        .await
        .unwrap();
    assert_eq!((r.stored, r.unchanged), (0, 4));
    let corrected = LAND.replace(
        "B;2019-01-01;Tomt B;Billingstad;25;",
        "B;2019-01-01;Tomt B;Billingstad;27,5;",
    );
    let changes = land::parse_csv("fix.csv", corrected.as_bytes()).unwrap();
    let r = store
        .land_import(
            "3203",
            naeringsplan_store::local_registers::LandFile {
                name: "fix.csv",
                sha256: "s2",
                format: "csv",
                synthetic: false,
            },
            &changes,
            "test",
        )
        .await
        .unwrap();
    assert_eq!((r.stored, r.unchanged), (1, 3));
    let history = store.land_history("3203").await.unwrap();
    assert_eq!(history.len(), 5);
    assert_eq!(history.iter().filter(|c| c.superseded).count(), 1);
    let current: Vec<_> = store
        .land_changes("3203")
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.change)
        .collect();
    assert_eq!(current.len(), 4);
    let y19 = land::year_stats(&current, 2019);
    assert_eq!((y19.in_use_daa, y19.future_daa), (27.5, 40.0));
    let y20 = land::year_stats(&current, 2020);
    assert_eq!(y20.to_housing_daa, 27.5);
    assert_eq!(y20.withdrawals_daa, 27.5);
    // The 2020 change itself still records 25 daa (only the 2019 change was corrected).
    assert_eq!(
        y20.by_availability.get(&Availability::ToHousing),
        Some(&25.0)
    );

    // Procurement against a register snapshot.
    put_register(store).await;
    let ledger = "orgnr;leverandor;belop;dato;kategori
923609016;Lokal;1 000;2024-01-10;bygg
914778271;Nabo;500;2024-02-10;bygg
974760673;Langt unna;250;2024-03-10;IKT
988888885;Finnes ikke;100;2024-04-10;IKT
911111128;Slettet;50;2024-05-10;IKT
";
    let rows = procurement::parse_ledger("l.csv", ledger.as_bytes()).unwrap();
    let imp = store
        .procurement_import("3203", "l.csv", "h1", true, &rows)
        .await
        .unwrap();
    assert!(matches!(imp, LedgerImport::Imported { rows: 5, .. }));
    let again = store
        .procurement_import("3203", "l.csv", "h1", true, &rows)
        .await
        .unwrap();
    assert!(matches!(again, LedgerImport::AlreadyImported { .. }));
    let (stored, synthetic) = store.procurement_rows("3203", Some(2024)).await.unwrap();
    assert!(synthetic);
    assert_eq!(stored, rows);
    assert!(
        store
            .procurement_rows("3203", Some(2023))
            .await
            .unwrap()
            .0
            .is_empty()
    );
    let wanted: BTreeSet<OrgNr> = stored.iter().filter_map(|r| r.orgnr).collect();
    let (snap, found) = store.register_lookup(&wanted).await.unwrap();
    assert!(snap.unwrap().synthetic);
    assert_eq!(found.len(), 4, "988888885 is not in the register");
    // The lookup cache: the first lookup read every unit table once (to learn where each
    // number lives); the same question again reads none; another reads only its tables.
    assert_eq!(store.register_unit_tables_read(), 3);
    let (_, again) = store.register_lookup(&wanted).await.unwrap();
    assert_eq!(again, found);
    assert_eq!(store.register_unit_tables_read(), 3);
    let baerum: OrgNr = "914778271".parse().unwrap();
    let one: BTreeSet<OrgNr> = [baerum, "988888885".parse().unwrap()].into();
    let (_, f1) = store.register_lookup(&one).await.unwrap();
    assert_eq!(f1.len(), 1);
    assert_eq!(f1[&baerum], found[&baerum]);
    assert_eq!(store.register_unit_tables_read(), 4, "only Bærum's table");
    let unknown: BTreeSet<OrgNr> = ["988888885".parse().unwrap()].into();
    assert!(store.register_lookup(&unknown).await.unwrap().1.is_empty());
    assert_eq!(store.register_unit_tables_read(), 4, "no table holds it");
    let deleted = &found[&"911111128".parse().unwrap()];
    assert_eq!(deleted.facts.status, SupplierStatus::Deleted);
    assert_eq!(
        found[&"923609016".parse().unwrap()].nace.as_deref(),
        Some("62.010")
    );
    let rep = procurement::match_ledger(
        &stored,
        |o| found.get(&o).map(|e| e.facts.clone()),
        &neighbours::embedded("3203"),
    );
    let y = &rep.by_year[&2024];
    assert_eq!(
        (y.local, y.neighbour, y.elsewhere, y.unresolved),
        (100_000, 50_000, 25_000, 15_000)
    );
    assert_eq!(y.sme_share(), Some(100_000.0 / 175_000.0));
    let reasons: Vec<Unresolved> = rep.unresolved.iter().map(|u| u.reason).collect();
    assert_eq!(reasons, [Unresolved::NotInRegister, Unresolved::Deleted]);

    // Visits: add, aggregate, purge keeps the counts.
    let v = |d: time::Date, area: &str| Visit {
        id: 0,
        orgnr: "923609016".parse().unwrap(),
        company: "Firma".into(),
        sector: Some("J".into()),
        area: area.into(),
        date: d,
        kind: VisitKind::Visit,
        participants: vec!["Kari Nordmann".into()],
        topics: vec!["kompetanse".into()],
        follow_ups: vec![FollowUp::parse("Invitere til møte [5.7-s1]").unwrap()],
    };
    let old = store
        .visit_add("3203", &v(date!(2022 - 03 - 01), "Røyken"), false, "test")
        .await
        .unwrap();
    store
        .visit_add(
            "3203",
            &v(date!(2025 - 03 - 01), "Asker nord"),
            false,
            "test",
        )
        .await
        .unwrap();
    let (back, _) = store.visit("3203", old).await.unwrap().unwrap();
    assert_eq!(back.participants, ["Kari Nordmann"]);
    assert_eq!(back.follow_ups[0].links, ["5.7-s1"]);
    let before = store.visit_aggregates("3203").await.unwrap().0;
    assert_eq!(
        store
            .visits_purge("3203", date!(2024 - 01 - 01), "test")
            .await
            .unwrap(),
        1
    );
    assert!(store.visit("3203", old).await.unwrap().is_none());
    assert_eq!(store.visits("3203").await.unwrap().len(), 1);
    let after = store.visit_aggregates("3203").await.unwrap().0;
    assert_eq!(after.per_year, before.per_year);
    assert_eq!(after.per_year_area, before.per_year_area);
    assert_eq!(after.follow_ups_per_year, before.follow_ups_per_year);
    assert_eq!(
        store
            .visits_purge("3203", date!(2024 - 01 - 01), "test")
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store.visit_aggregates("3203").await.unwrap().0.per_year,
        before.per_year
    );

    // A visits file: one transaction; visits already stored (or repeated) are skipped.
    let r = store
        .visit_import(
            "3203",
            &[
                v(date!(2025 - 03 - 01), "Asker nord"),
                v(date!(2025 - 04 - 01), "Hurum"),
                v(date!(2025 - 04 - 01), "Hurum"),
            ],
            true,
            "test",
        )
        .await
        .unwrap();
    assert_eq!((r.ids.len(), r.unchanged), (1, 2));
    let all = store.visits("3203").await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|(v, synthetic)| v.area == "Hurum" && *synthetic)
    );
}

#[tokio::test]
async fn registers_on_sqlite() {
    let (_d, store) = temp_store().await;
    exercise(&store).await;
}

#[tokio::test]
async fn registers_on_postgres() {
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
        "registers_{}_{}",
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
    exercise(&store).await;
    store.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
}
