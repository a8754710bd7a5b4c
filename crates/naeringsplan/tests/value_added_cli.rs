//! *Verdiskapning* (wage costs + operating result) shown wherever turnover is: the `facts` table
//! (the municipality's turnover lines and the plan's turnover facts) and the council report's
//! facts section. A small accounts fixture for four enterprises of the real Enhetsregisteret
//! sample in Asker; the expected sums are worked out by hand below.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../brreg/tests/fixtures")
        .join(name)
}

/// One set of accounts for 2024 in the API's shape; `None` leaves the wage costs out.
fn accounts(orgnr: &str, turnover: i64, wages: Option<i64>, operating_result: i64) -> String {
    let wages = wages
        .map(|w| format!(r#", "loennskostnad": {w}"#))
        .unwrap_or_default();
    format!(
        r#"{{"id": 1, "regnskapstype": "SELSKAP",
  "virksomhet": {{"organisasjonsnummer": "{orgnr}", "organisasjonsform": "AS"}},
  "regnskapsperiode": {{"fraDato": "2024-01-01", "tilDato": "2024-12-31"}},
  "valuta": "NOK",
  "resultatregnskapResultat": {{"driftsresultat": {{
     "driftsinntekter": {{"sumDriftsinntekter": {turnover}}},
     "driftskostnad": {{"sumDriftskostnad": {}{wages}}},
     "driftsresultat": {operating_result}}}}}}}"#,
        turnover - operating_result
    )
}

#[test]
fn facts_and_report_show_value_added_beside_turnover() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let o = run(
        &db,
        &[
            "import",
            fixture("brreg_enheter_bulk_csv_sample.csv")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    // In the sample, in Asker, private (sector 2100): AAMOT CONSULTING AND PROJECTS AS (74.909)
    // and BÆRUM PLAST AS (33.150) and CONTEC ELECTRONICS AS (27.900) are knowledge-intensive,
    // BILLINGSTAD DAGLIGVARER AS (47.111) is trade.
    let json = format!(
        "[{}]",
        [
            // 4.0 + 1.5 = 5.5 mrd. kr.
            accounts(
                "926439111",
                9_000_000_000,
                Some(4_000_000_000),
                1_500_000_000
            ),
            // 2.5 + (−0.5) = 2.0 mrd. kr: a loss lowers value added.
            accounts(
                "916712790",
                6_000_000_000,
                Some(2_500_000_000),
                -500_000_000
            ),
            // No wage costs: in turnover, not in value added.
            accounts("987372400", 1_000_000_000, None, 100_000_000),
            // Trade: 0.3 + 0.1 = 0.4 mrd. kr.
            accounts("919290900", 2_000_000_000, Some(300_000_000), 100_000_000),
        ]
        .join(",")
    );
    let file = dir.path().join("regnskap_fixture.json");
    std::fs::write(&file, json).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));

    let o = run(&db, &["facts"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    let nb = |s: &str| s.replace(' ', "\u{a0}");
    // All private enterprises: 5.5 + 2.0 + 0.4 = 7.9 mrd. kr from three accounts, one left out.
    assert!(
        out.contains(&format!("i alt: {} kr fra 4 av", nb("18 000 000 000"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "verdiskapning (lønnskostnader + driftsresultat): {} kr fra 3 regnskap (1 uten lønnskostnader eller driftsresultat er utelatt)",
            nb("7 900 000 000")
        )),
        "{out}"
    );
    // Knowledge-intensive: 16.0 mrd. kr turnover, 7.5 mrd. kr value added.
    assert!(
        out.contains(&format!(
            "{} kr fra 3 foretak; verdiskapning (lønnskostnader + driftsresultat): {} kr fra 2 regnskap",
            nb("16 000 000 000"),
            nb("7 500 000 000")
        )),
        "{out}"
    );
    // The plan's fact (quoted 27,0 mrd. kr) with both figures in its unit.
    assert!(
        out.contains("Verdiskapning (lønnskostnader + driftsresultat): 7,5 mrd. kr (2 regnskap; 1 uten lønnskostnader eller driftsresultat er utelatt)"),
        "{out}"
    );

    let o = run(&db, &["report", "--format", "md", "--year", "2024"]);
    assert!(o.status.success(), "{}", text(&o));
    let md = text(&o);
    assert!(
        md.contains("16 mrd. kr") || md.contains("16,0 mrd. kr"),
        "{md}"
    );
    assert!(
        md.contains("verdiskapning (lønnskostnader + driftsresultat): 7,5 mrd. kr"),
        "{md}"
    );
}
