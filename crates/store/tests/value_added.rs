//! *Verdiskapning* (value added = wage costs + operating result) from imported annual accounts:
//! a small accounts fixture whose sums are worked out by hand below, through the store to the
//! plan's turnover facts.

use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Employees, Kommune, NaceCode, OrgNr, SectorCode, Unit, UnitKind};
use naeringsplan_store::Store;
use naeringsplan_store::brreg::{Coverage, DateSource, NewSnapshot, SnapshotKind, UnitTable};
use time::macros::date;

fn unit(orgnr: &str, nace: &[u8]) -> Unit {
    Unit {
        kind: UnitKind::Enhet,
        orgnr: orgnr.parse::<OrgNr>().unwrap(),
        name: format!("FIXTURE {orgnr} AS"),
        org_form: "AS".parse().unwrap(),
        nace: NaceCode::parse(nace),
        employees: Employees::Known(10),
        municipality: Some("3203".parse::<Kommune>().unwrap()),
        postal_municipality: None,
        postal_code: None,
        sector: SectorCode::parse(b"2100"),
        registered: Some(date!(2010 - 01 - 01)),
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

/// One set of accounts in the API's shape; `None` leaves the figure out.
fn accounts(
    orgnr: &str,
    turnover: i64,
    wages: Option<i64>,
    operating_result: i64,
    currency: &str,
) -> String {
    let wages = wages
        .map(|w| format!(r#", "loennskostnad": {w}"#))
        .unwrap_or_default();
    format!(
        r#"{{"id": 1, "regnskapstype": "SELSKAP",
  "virksomhet": {{"organisasjonsnummer": "{orgnr}", "organisasjonsform": "AS"}},
  "regnskapsperiode": {{"fraDato": "2024-01-01", "tilDato": "2024-12-31"}},
  "valuta": "{currency}",
  "resultatregnskapResultat": {{"driftsresultat": {{
     "driftsinntekter": {{"sumDriftsinntekter": {turnover}}},
     "driftskostnad": {{"sumDriftskostnad": {}{wages}}},
     "driftsresultat": {operating_result}}}}}}}"#,
        turnover - operating_result
    )
}

#[tokio::test]
async fn value_added_is_wage_costs_plus_operating_result_beside_turnover() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    // Four knowledge-intensive enterprises (62.010 software, 70.220 consulting) and one in
    // trade (47.111), all private (sector 2100) and in Asker.
    let (a, b, c, d, e) = (
        "926439111",
        "916712790",
        "987372400",
        "919290900",
        "916949898",
    );
    let units = [
        unit(a, b"62.010"),
        unit(b, b"70.220"),
        unit(c, b"62.020"),
        unit(d, b"47.111"),
        unit(e, b"70.220"),
    ];
    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 10);
    let mut table = UnitTable::new();
    for u in &units {
        facts.add(u);
        table.add(u);
    }
    store
        .import_register_snapshot(
            &NewSnapshot {
                kind: SnapshotKind::Enheter,
                snapshot_date: date!(2025 - 03 - 01),
                date_source: DateSource::Option,
                file_name: "fixture",
                sha256: "fixture",
                format: "csv",
                units: units.len() as u64,
                synthetic_units: 0,
                skipped_rows: 0,
                skipped: &[],
                coverage: Some(Coverage::Extract),
            },
            &facts.finish(),
            Some(&table),
        )
        .await
        .unwrap();
    let json = format!(
        "[{}]",
        [
            // a: 400 000 wages + 150 000 operating result = 550 000.
            accounts(a, 1_000_000, Some(400_000), 150_000, "NOK"),
            // b: 900 000 + (−100 000) = 800 000 (a loss lowers value added).
            accounts(b, 2_000_000, Some(900_000), -100_000, "NOK"),
            // c: no wage costs reported: turnover counts, value added cannot be computed.
            accounts(c, 500_000, None, 50_000, "NOK"),
            // d (trade): 100 000 + 20 000 = 120 000.
            accounts(d, 300_000, Some(100_000), 20_000, "NOK"),
            // e: in euro: left out of both sums.
            accounts(e, 9_999_999, Some(9_999), 9_999, "EUR"),
        ]
        .join(",")
    );
    let parsed = brreg::accounts::parse_accounts(json.as_bytes(), "fixture.json").unwrap();
    assert_eq!(parsed.len(), 5);
    store
        .import_accounts("fixture.json", "fixture-accounts", false, &parsed)
        .await
        .unwrap();

    let t = store.turnover_facts("3203", None).await.unwrap().unwrap();
    assert_eq!(t.year, 2024);
    let ki = &t.by_group["knowledge_intensive"];
    assert_eq!(ki.turnover_nok, 1_000_000 + 2_000_000 + 500_000);
    assert_eq!(ki.value_added_nok, 550_000 + 800_000);
    assert_eq!((ki.with_value_added, ki.missing_value_added), (2, 1));
    assert_eq!(ki.non_nok, 1);
    let trade = &t.by_group["trade"];
    assert_eq!(trade.value_added_nok, 120_000);
    assert_eq!(t.all.value_added_nok, 550_000 + 800_000 + 120_000);
    assert_eq!((t.all.with_value_added, t.all.missing_value_added), (3, 1));

    // The plan's fact "Kunnskapsintensive næringer … omsetter for 27,0 mrd. kroner": the
    // computed turnover carries the value added in the same unit, labelled with its formula.
    let plan = plan::embedded_default();
    let values = app::plan_facts::plan_fact_values(&store, &plan)
        .await
        .unwrap();
    let v = values
        .iter()
        .find(|v| v.computed_by == "turnover:knowledge_intensive")
        .unwrap();
    let c = v.computed.as_ref().unwrap();
    assert_eq!(c.unit, "mrd. kr");
    assert!((c.value - 0.0035).abs() < 1e-12, "{}", c.value);
    let va = c.value_added.as_ref().expect("value added beside turnover");
    assert_eq!(va.unit, "mrd. kr");
    assert_eq!(va.nok, 1_350_000);
    assert!((va.value - 0.00135).abs() < 1e-12, "{}", va.value);
    assert_eq!((va.accounts, va.missing), (2, 1));
    assert!(app::plan_facts::VALUE_ADDED_LABEL.contains("lønnskostnader + driftsresultat"));
    let text = va.text();
    assert!(
        text.starts_with(app::plan_facts::VALUE_ADDED_LABEL),
        "{text}"
    );
    assert!(
        text.contains("1 uten lønnskostnader eller driftsresultat"),
        "{text}"
    );
    // Other facts carry none.
    assert!(
        values
            .iter()
            .filter(|v| !v.computed_by.starts_with("turnover:"))
            .filter_map(|v| v.computed.as_ref())
            .all(|c| c.value_added.is_none())
    );
    // The JSON the API and `facts --format json` serve carries it too.
    let json = serde_json::to_value(v).unwrap();
    assert_eq!(json["computed"]["value_added"]["nok"], 1_350_000);
}
