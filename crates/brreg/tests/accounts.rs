//! Acceptance: annual accounts from the accounts register's API.

mod common;

use common::read_fixture;
use naeringsplan_brreg::accounts::{AccountsIndex, AccountsType, parse_accounts};

#[test]
fn equinor_2024_record() {
    let name = "regnskap_api_equinor_2024_record.json";
    let a = parse_accounts(&read_fixture(name)[..], name).unwrap();
    assert_eq!(a.len(), 1);
    let a = &a[0];
    assert_eq!(a.orgnr.to_string(), "923609016");
    assert_eq!(a.accounts_type, AccountsType::Company);
    assert_eq!(a.year(), 2024);
    assert_eq!(a.period_from.to_string(), "2024-01-01");
    assert_eq!(a.currency.as_deref(), Some("NOK"));
    assert_eq!(a.turnover, Some(72_543_000_000));
    assert_eq!(a.operating_costs, Some(62_196_000_000));
    assert_eq!(a.operating_result, Some(10_347_000_000));
    assert_eq!(a.annual_result, Some(8_141_000_000));
    assert_eq!(a.total_assets, Some(109_150_000_000));
    assert_eq!(a.debt, Some(68_060_000_000));
    // No loennskostnad in the record: missing is None, not 0, so no value added either.
    assert_eq!(a.wage_costs, None);
    assert_eq!(a.value_added(), None);
    // The register's misspelt "regnkapsprinsipper" is read.
    assert_eq!(a.small_enterprise, Some(false));
    assert_eq!(
        a.accounting_rules.as_deref(),
        Some("forenkletAnvendelseIFRS")
    );
}

#[test]
fn shapes_fixture_with_misspelt_fields() {
    let name = "regnskap_api_fixture_OrgnrResponseDefault.json";
    // The fixture's orgnr 123456789 is made up and fails MOD11: reported with the file and index.
    let err = parse_accounts(&read_fixture(name)[..], name).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(name) && msg.contains("#0") && msg.contains("123456789"),
        "{msg}"
    );

    // With a valid number the rest of the shape parses, including both misspellings.
    let text = String::from_utf8(read_fixture(name))
        .unwrap()
        .replace("123456789", "923609016");
    let a = &parse_accounts(text.as_bytes(), name).unwrap()[0];
    assert_eq!(a.currency.as_deref(), Some("valutakode"));
    assert_eq!(a.paid_in_equity, Some(2029), "sumInnskuttEgenkaptial (sic)");
    assert_eq!(a.small_enterprise, Some(true), "regnkapsprinsipper (sic)");
    assert_eq!(
        a.accounting_rules.as_deref(),
        Some("regnskapslovenAlminneligRegler")
    );
    assert_eq!(a.turnover, Some(2042));
    assert_eq!(a.operating_result, Some(2040));
    assert_eq!(a.operating_costs, Some(2044));
    assert_eq!(a.equity, Some(2028));
    assert_eq!(a.liquidation_accounts, Some(true));
    assert_eq!(a.year(), 2019);
}

#[test]
fn wage_costs_floats_missing_lines_and_currency() {
    let text = r#"[
      {"id": 1, "regnskapstype": "SELSKAP", "valuta": "NOK",
       "virksomhet": {"organisasjonsnummer": "935211026", "organisasjonsform": "AS"},
       "regnskapsperiode": {"fraDato": "2025-03-04", "tilDato": "2025-12-31"},
       "resultatregnskapResultat": {"driftsresultat": {"driftsresultat": -198967.0,
          "driftsinntekter": {"sumDriftsinntekter": 100000.0},
          "driftskostnad": {"loennskostnad": 99180.0, "sumDriftskostnad": 298967.0}}}},
      {"id": 2, "regnskapstype": "KONSERN", "valuta": "USD",
       "virksomhet": {"organisasjonsnummer": "923609016"},
       "regnskapsperiode": {"fraDato": "2024-01-01", "tilDato": "2024-12-31"},
       "resultatregnskapResultat": {"driftsresultat": {"driftsinntekter": {}}}}
    ]"#;
    let a = parse_accounts(text.as_bytes(), "inline").unwrap();
    assert_eq!(a[0].wage_costs, Some(99_180));
    assert_eq!(a[0].turnover, Some(100_000));
    assert_eq!(a[0].value_added(), Some(99_180 - 198_967));
    assert_eq!(a[1].currency.as_deref(), Some("USD"));
    assert!(!a[1].is_nok());
    assert_eq!(
        a[1].turnover, None,
        "driftsinntekter: {{}} is absent, not 0"
    );
    assert_eq!(a[1].accounts_type, AccountsType::Group);

    let idx: AccountsIndex = a.into_iter().collect();
    assert_eq!(idx.len(), 2);
    assert!(idx.get("935211026".parse().unwrap(), 2025).is_some());
    assert!(idx.get("935211026".parse().unwrap(), 2024).is_none());
    assert_eq!(
        idx.latest("923609016".parse().unwrap()).unwrap().year(),
        2024
    );
}

#[test]
fn index_prefers_company_accounts() {
    let rec = |t: &str, turnover: i64| {
        format!(
            r#"{{"regnskapstype": "{t}", "valuta": "NOK",
              "virksomhet": {{"organisasjonsnummer": "923609016"}},
              "regnskapsperiode": {{"fraDato": "2024-01-01", "tilDato": "2024-12-31"}},
              "resultatregnskapResultat": {{"driftsresultat": {{"driftsinntekter": {{"sumDriftsinntekter": {turnover}}}}}}}}}"#
        )
    };
    let text = format!("[{}, {}]", rec("KONSERN", 2), rec("SELSKAP", 1));
    let idx: AccountsIndex = parse_accounts(text.as_bytes(), "x")
        .unwrap()
        .into_iter()
        .collect();
    let a = idx.get("923609016".parse().unwrap(), 2024).unwrap();
    assert_eq!(a.accounts_type, AccountsType::Company);
    assert_eq!(a.turnover, Some(1));
    // A single object (not an array) is accepted too.
    let one = parse_accounts(rec("SELSKAP", 5).as_bytes(), "one").unwrap();
    assert_eq!(one[0].turnover, Some(5));
    // Broken JSON names the file and position.
    let e = parse_accounts(&b"[{\"id\": }]"[..], "broken.json").unwrap_err();
    assert!(e.to_string().starts_with("broken.json: "), "{e}");
}
