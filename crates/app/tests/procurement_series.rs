//! The local-procurement series feed the indicator engine: a plan (fixture) whose indicators are
//! defined on `procurement_local_share` and `procurement_sme_share` gets its yearly values from
//! an imported ledger joined with a register snapshot, and the values are the ones computed here
//! by hand from the ledger fixture and the register this test builds.

use std::collections::BTreeMap;

use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Employees, Kommune, NaceCode, OrgForm, OrgNr, SectorCode, Unit, UnitKind};
use store::Store;
use store::brreg::{DateSource, NewSnapshot, SnapshotKind, UnitTable};
use time::macros::date;

const PLAN: &str = include_str!("fixtures/procurement_plan.toml");
const LEDGER: &str = include_str!("fixtures/ledger.csv");

/// The register this test stores: orgnr, municipality of the business address, headcount,
/// deleted. 988888885 (in the ledger) is deliberately absent.
const REGISTER: &[(&str, &str, Employees, bool)] = &[
    ("923609016", "3203", Employees::Known(40), false), // Asker: local, SME
    ("914778271", "3201", Employees::Known(300), false), // Bærum: neighbour, large
    ("974760673", "5001", Employees::Withheld, false),  // Trondheim: elsewhere, withheld
    ("911111128", "3203", Employees::Known(3), true),   // deleted: not placed
];

fn unit(orgnr: &str, kommune: &str, employees: Employees, deleted: bool) -> Unit {
    Unit {
        orgnr: orgnr.parse::<OrgNr>().unwrap(),
        kind: UnitKind::Enhet,
        name: format!("Firma {orgnr}"),
        org_form: OrgForm::parse(b"AS").unwrap(),
        nace: NaceCode::parse(b"62.010"),
        sector: SectorCode::parse(b"2100"),
        municipality: Kommune::parse(kommune.as_bytes()),
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
        deleted: deleted.then_some(date!(2021 - 06 - 01)),
        closed: None,
        parent: None,
    }
}

async fn put_register(store: &Store) {
    let units: Vec<Unit> = REGISTER
        .iter()
        .map(|(o, k, e, d)| unit(o, k, *e, *d))
        .collect();
    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 10);
    let mut table = UnitTable::new();
    for u in &units {
        facts.add(u);
        table.add(u);
    }
    let new = NewSnapshot {
        kind: SnapshotKind::Enheter,
        snapshot_date: date!(2024 - 01 - 01),
        date_source: DateSource::Option,
        file_name: "enheter.csv",
        sha256: "register-fixture",
        format: "csv",
        units: units.len() as u64,
        synthetic_units: 0,
        skipped_rows: 0,
        skipped: &[],
        coverage: None,
    };
    store
        .import_register_snapshot(&new, &facts.finish(), Some(&table))
        .await
        .unwrap();
}

/// (local, neighbour, elsewhere, SME) spend per year in NOK, computed from the fixture text with
/// nothing but string splitting and the table above.
fn by_hand() -> BTreeMap<i32, [f64; 4]> {
    let mut out: BTreeMap<i32, [f64; 4]> = BTreeMap::new();
    for line in LEDGER.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(';').collect();
        let amount: f64 = f[2].replace(' ', "").replace(',', ".").parse().unwrap();
        let year: i32 = if f[3].contains('.') {
            f[3].rsplit('.').next().unwrap().parse().unwrap()
        } else {
            f[3][..4].parse().unwrap()
        };
        let Some((_, kommune, employees, deleted)) = REGISTER.iter().find(|r| r.0 == f[0]) else {
            continue; // no number, or not in the register: not placed
        };
        if *deleted {
            continue;
        }
        let e = out.entry(year).or_default();
        match *kommune {
            "3203" => e[0] += amount,
            "3201" => e[1] += amount,
            _ => e[2] += amount,
        }
        if matches!(employees, Employees::Known(n) if *n < 250) {
            e[3] += amount;
        }
    }
    out
}

#[tokio::test]
async fn indicators_on_procurement_series_take_their_values_from_the_ledger() {
    let plan = plan::parse("procurement_plan.toml", PLAN).expect("the fixture plan is valid");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    store
        .load_plan(&plan, "procurement_plan.toml", PLAN)
        .await
        .unwrap();

    // Without a ledger the indicators have no computed value.
    let (before, _) = naeringsplan_app::indicators::evaluate(&store, &plan)
        .await
        .unwrap();
    assert!(
        before
            .iter()
            .flat_map(|e| &e.evaluation.years)
            .all(|y| y.computed_value().is_none())
    );

    put_register(&store).await;
    let rows = local_registers::procurement::parse_ledger("ledger.csv", LEDGER.as_bytes()).unwrap();
    store
        .procurement_import("3203", "ledger.csv", "ledger-fixture", false, &rows)
        .await
        .unwrap();

    let expected = by_hand();
    assert_eq!(expected.keys().copied().collect::<Vec<_>>(), [2022, 2023]);
    let (evaluated, inputs) = naeringsplan_app::indicators::evaluate(&store, &plan)
        .await
        .unwrap();
    let values = |id: &str| -> BTreeMap<i32, f64> {
        let e = evaluated
            .iter()
            .find(|e| e.evaluation.indicator_id == id)
            .unwrap();
        e.evaluation
            .years
            .iter()
            .filter_map(|y| Some((y.year, y.computed_value()?)))
            .collect()
    };
    let local = values("lokale-innkjop");
    let sme = values("smb-innkjop");
    assert_eq!(
        local.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        sme.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (year, [l, n, e, s]) in &expected {
        let placed = l + n + e;
        let want_local = 100.0 * l / placed;
        let want_sme = 100.0 * s / placed;
        assert!(
            (local[year] - want_local).abs() < 1e-9,
            "{year}: local share {} ≠ {want_local}",
            local[year]
        );
        assert!(
            (sme[year] - want_sme).abs() < 1e-9,
            "{year}: SME share {} ≠ {want_sme}",
            sme[year]
        );
        // The other shares are series too, and the three places add up to the whole.
        let share = |s: &str| inputs.value(s, "3203", *year).unwrap();
        assert!((share("procurement_neighbour_share") - 100.0 * n / placed).abs() < 1e-9);
        assert!((share("procurement_elsewhere_share") - 100.0 * e / placed).abs() < 1e-9);
        assert!(
            (share("procurement_local_share")
                + share("procurement_neighbour_share")
                + share("procurement_elsewhere_share")
                - 100.0)
                .abs()
                < 1e-9
        );
    }
    // 2022: 800,50 of 1 550,50 kr placed went to the local supplier.
    assert!((local[&2022] - 100.0 * 800.5 / 1550.5).abs() < 1e-9);

    // The values are computed, from real (non-synthetic) data, with the ledger as the source.
    let year = evaluated
        .iter()
        .find(|e| e.evaluation.indicator_id == "lokale-innkjop")
        .unwrap()
        .evaluation
        .years
        .iter()
        .find(|y| y.year == 2023)
        .unwrap();
    let chosen = year.chosen.as_ref().unwrap();
    assert_eq!(chosen.basis, engine::ValueBasis::Computed);
    assert!(!chosen.synthetic);
    let used = &year
        .computation
        .as_ref()
        .and_then(|c| c.computed())
        .unwrap()
        .inputs[0];
    assert_eq!(used.series, "procurement_local_share");
    let note = used.observation.provenance.note.as_deref().unwrap();
    assert!(note.contains("300 kr av 4\u{a0}000 kr"), "{note}");

    // The cached evaluation sees a new ledger.
    let cached = naeringsplan_app::indicators::evaluate_cached(&store, &plan)
        .await
        .unwrap();
    let before_2024 = cached
        .iter()
        .find(|e| e.evaluation.indicator_id == "lokale-innkjop")
        .unwrap()
        .evaluation
        .years
        .iter()
        .find(|y| y.year == 2024)
        .and_then(|y| y.computed_value());
    assert_eq!(before_2024, None);
    let more = "orgnr;leverandor;belop;dato;kategori\n923609016;Lokal AS;10;2024-01-10;bygg\n";
    let rows = local_registers::procurement::parse_ledger("more.csv", more.as_bytes()).unwrap();
    store
        .procurement_import("3203", "more.csv", "more-fixture", false, &rows)
        .await
        .unwrap();
    let cached = naeringsplan_app::indicators::evaluate_cached(&store, &plan)
        .await
        .unwrap();
    let after_2024 = cached
        .iter()
        .find(|e| e.evaluation.indicator_id == "lokale-innkjop")
        .unwrap()
        .evaluation
        .years
        .iter()
        .find(|y| y.year == 2024)
        .and_then(|y| y.computed_value());
    assert_eq!(after_2024, Some(100.0));
}
