//! Acceptance: the real bulk CSV samples and API answers.

mod common;

use std::collections::BTreeMap;

use common::{naive_rows, read_fixture, rows_by_name};
use naeringsplan_brreg::bulk::{self, ErrorPolicy, Format, JsonUnitReader};
use naeringsplan_brreg::facts::FactsBuilder;
use naeringsplan_brreg::sectors::SectorGroups;
use naeringsplan_brreg::{Employees, Kommune, OrgForm, OrgNr, Unit, UnitKind};

const ENHETER: &str = "brreg_enheter_bulk_csv_sample.csv";
const UNDERENHETER: &str = "brreg_underenheter_bulk_csv_sample.csv";

fn read_all(name: &str, kind: UnitKind) -> Vec<Unit> {
    let bytes = read_fixture(name);
    let reader = bulk::open_csv(&bytes[..], kind, name).unwrap();
    reader.collect::<Result<Vec<_>, _>>().unwrap()
}

#[test]
fn enheter_sample_reads_completely() {
    let units = read_all(ENHETER, UnitKind::Enhet);
    let (header, naive) = naive_rows(&read_fixture(ENHETER));
    assert_eq!(header.len(), 54, "the 2024 enheter header has 54 columns");
    assert_eq!(units.len(), naive.len());
    assert_eq!(units.len(), 116);
    for (u, row) in units.iter().zip(&naive) {
        assert_eq!(u.orgnr.to_string(), row[0]);
        assert_eq!(u.name, row[1]);
        assert_eq!(u.kind, UnitKind::Enhet);
    }
}

/// Which Asker code does the sample use? Only 3203 (the 2024 code): the file is a 2024 extract.
#[test]
fn asker_code_in_sample_is_3203() {
    let rows = rows_by_name(&read_fixture(ENHETER));
    let count = |code: &str| {
        rows.iter()
            .filter(|r| r["forretningsadresse.kommunenummer"] == code)
            .count()
    };
    assert_eq!(count("3203"), 76);
    for old in ["3025", "0220", "0627", "0628"] {
        assert_eq!(count(old), 0, "{old}");
    }
}

#[test]
fn asker_counts_by_form_and_year_match_independent_count() {
    let asker = Kommune::parse(b"3203").unwrap();
    // Independent: csv::Reader + StringRecord, by header name.
    let rows = rows_by_name(&read_fixture(ENHETER));
    let mut by_form: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, u64> = BTreeMap::new();
    let mut as_by_year: BTreeMap<i32, u64> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| r["forretningsadresse.kommunenummer"] == "3203")
    {
        *by_form
            .entry(r["organisasjonsform.kode"].clone())
            .or_default() += 1;
        let y: i32 = r["registreringsdatoenhetsregisteret"][..4].parse().unwrap();
        *by_year.entry(y).or_default() += 1;
        if r["organisasjonsform.kode"] == "AS" {
            *as_by_year.entry(y).or_default() += 1;
        }
    }
    // The same with the naive line split.
    let (header, naive) = naive_rows(&read_fixture(ENHETER));
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (k, f) = (
        col("forretningsadresse.kommunenummer"),
        col("organisasjonsform.kode"),
    );
    let mut naive_by_form: BTreeMap<String, u64> = BTreeMap::new();
    for r in naive.iter().filter(|r| r[k] == "3203") {
        *naive_by_form.entry(r[f].clone()).or_default() += 1;
    }
    assert_eq!(by_form, naive_by_form);
    assert_eq!(by_form["AS"], 33);
    assert_eq!(by_form["ENK"], 32);

    // The implementation.
    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 5);
    for u in read_all(ENHETER, UnitKind::Enhet) {
        facts.add(&u);
    }
    let facts = facts.finish();
    let a = &facts.municipalities[&asker];
    let got_form: BTreeMap<String, u64> = a
        .units_by_form
        .iter()
        .map(|(f, n)| (f.to_string(), *n))
        .collect();
    assert_eq!(got_form, by_form);
    assert_eq!(a.enheter, 76);
    let got_year: BTreeMap<i32, u64> = a
        .registrations_by_year
        .iter()
        .map(|(y, r)| (*y, r.total))
        .collect();
    assert_eq!(got_year, by_year);
    for (y, r) in &a.registrations_by_year {
        let expect_as = as_by_year.get(y).copied().unwrap_or(0);
        assert_eq!(r.by_form.get(&OrgForm::AS).copied().unwrap_or(0), expect_as);
        let share = r.as_share().unwrap();
        assert!((share - expect_as as f64 / by_year[y] as f64).abs() < 1e-12);
    }
    // Bankruptcies / liquidations, independently.
    let under_liq = rows
        .iter()
        .filter(|r| {
            r["forretningsadresse.kommunenummer"] == "3203" && r["underAvvikling"] == "true"
        })
        .count() as u64;
    assert_eq!(a.under_liquidation, under_liq);
    assert_eq!(a.bankrupt, 0, "no konkurs=true in the sample");
}

#[test]
fn withheld_headcount_is_withheld_not_zero() {
    let rows = rows_by_name(&read_fixture(ENHETER));
    let withheld: Vec<&str> = rows
        .iter()
        .filter(|r| r["harRegistrertAntallAnsatte"] == "true" && r["antallAnsatte"].is_empty())
        .map(|r| r["organisasjonsnummer"].as_str())
        .collect();
    assert_eq!(withheld.len(), 23);
    let units = read_all(ENHETER, UnitKind::Enhet);
    for o in &withheld {
        let u = units.iter().find(|u| u.orgnr.to_string() == *o).unwrap();
        assert_eq!(u.employees, Employees::Withheld, "{o}");
        assert_eq!(u.employee_count(), None);
    }
    let not_registered = units
        .iter()
        .filter(|u| u.employees == Employees::NotRegistered)
        .count();
    let expect = rows
        .iter()
        .filter(|r| r["harRegistrertAntallAnsatte"] == "false" && r["antallAnsatte"].is_empty())
        .count();
    assert_eq!(not_registered, expect);
    // A published count.
    let ways = units
        .iter()
        .find(|u| u.orgnr.to_string() == "832175692")
        .unwrap();
    assert_eq!(ways.employees, Employees::Known(5));
    assert_eq!(ways.nace.unwrap().to_string(), "62.010");
}

#[test]
fn underenheter_sample_and_employees_by_group() {
    let bytes = read_fixture(UNDERENHETER);
    let rows = rows_by_name(&bytes);
    let units = read_all(UNDERENHETER, UnitKind::Underenhet);
    assert_eq!(units.len(), rows.len());
    assert_eq!(units.len(), 231);
    // Independent sums for Asker (3203), knowledge-intensive divisions per footnote 5.
    let ki = |d: u32| {
        [(5, 9), (10, 33), (58, 63), (64, 66), (68, 75), (86, 88)]
            .iter()
            .any(|&(a, b)| (a..=b).contains(&d))
    };
    let (mut all_sum, mut all_withheld, mut ki_sum, mut ki_units, mut ki_withheld) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut asker = 0u64;
    for r in rows
        .iter()
        .filter(|r| r["beliggenhetsadresse.kommunenummer"] == "3203")
    {
        asker += 1;
        let n: Option<u64> = r["antallAnsatte"].parse().ok();
        let withheld = r["harRegistrertAntallAnsatte"] == "true" && n.is_none();
        all_sum += n.unwrap_or(0);
        all_withheld += u64::from(withheld);
        let div: Option<u32> = r["naeringskode1.kode"]
            .get(..2)
            .and_then(|d| d.parse().ok());
        if div.is_some_and(ki) {
            ki_units += 1;
            ki_sum += n.unwrap_or(0);
            ki_withheld += u64::from(withheld);
        }
    }
    assert_eq!(asker, 191);

    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 3);
    units.iter().for_each(|u| facts.add(u));
    let facts = facts.finish();
    let a = &facts.municipalities[&Kommune::parse(b"3203").unwrap()];
    assert_eq!(a.employees_total.units, asker);
    assert_eq!(a.employees_total.known_sum, all_sum);
    assert_eq!(a.employees_total.withheld_units, all_withheld);
    let k = &a.employees_by_group["knowledge_intensive"];
    assert_eq!(
        (k.units, k.known_sum, k.withheld_units),
        (ki_units, ki_sum, ki_withheld)
    );
    // underenheter carry their parent
    assert!(units.iter().all(|u| u.parent.is_some()));
}

#[test]
fn largest_enterprises_match_independent_ranking() {
    let rows = rows_by_name(&read_fixture(ENHETER));
    let mut expect: Vec<(u64, String)> = rows
        .iter()
        .filter(|r| r["forretningsadresse.kommunenummer"] == "3203")
        .filter_map(|r| {
            Some((
                r["antallAnsatte"].parse().ok()?,
                r["organisasjonsnummer"].clone(),
            ))
        })
        .collect();
    expect.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    expect.truncate(3);
    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 3);
    read_all(ENHETER, UnitKind::Enhet)
        .iter()
        .for_each(|u| facts.add(u));
    let facts = facts.finish();
    let got: Vec<(u64, String)> = facts.municipalities[&Kommune::parse(b"3203").unwrap()]
        .largest_enterprises
        .iter()
        .map(|r| (r.value as u64, r.orgnr.to_string()))
        .collect();
    assert_eq!(got, expect);
}

/// Feeds API-shaped objects through the bulk JSON reader as a one-element array.
fn json_units(objects: &[serde_json::Value], kind: UnitKind) -> Vec<Unit> {
    let text = serde_json::to_vec(objects).unwrap();
    JsonUnitReader::new(&text[..], kind, "api.json")
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn load_json(name: &str) -> serde_json::Value {
    serde_json::from_slice(&read_fixture(name)).unwrap()
}

#[test]
fn real_api_unit_objects_parse() {
    let aj = json_units(
        &[load_json("brreg_api_enhet_AS_2024.json")],
        UnitKind::Enhet,
    );
    let u = &aj[0];
    assert_eq!(u.orgnr.to_string(), "932740265");
    assert_eq!(u.org_form, OrgForm::AS);
    assert_eq!(u.employees, Employees::Known(10));
    assert_eq!(u.municipality.unwrap().to_string(), "0301");
    assert_eq!(u.registered.unwrap().to_string(), "2024-01-02");
    assert_eq!(u.founded.unwrap().to_string(), "2023-10-26");
    assert_eq!(u.sector.unwrap().to_string(), "2100");

    let search = load_json("brreg_api_enheter_search_response.json");
    let enheter = search["_embedded"]["enheter"].as_array().unwrap();
    let u = &json_units(enheter, UnitKind::Enhet)[0];
    assert_eq!(u.name, "DIGITALISERINGSDIREKTORATET");
    assert_eq!(u.org_form.as_str(), "ORGL");
    assert_eq!(u.nace.unwrap().to_string(), "84.110");
    assert_eq!(u.employees, Employees::Known(433));
    assert_eq!(u.parent, Some("932384469".parse::<OrgNr>().unwrap()));

    let search = load_json("brreg_api_underenheter_search_response.json");
    let subs = search["_embedded"]["underenheter"].as_array().unwrap();
    let u = &json_units(subs, UnitKind::Underenhet)[0];
    assert_eq!(u.municipality.unwrap().to_string(), "1813");
    assert_eq!(u.parent.unwrap().to_string(), "991825827");
    assert_eq!(u.started.unwrap().to_string(), "2020-01-01");

    // 2022 shape: Asker as 3025, no harRegistrertAntallAnsatte field, a count of 2.
    let old = json_units(
        &[load_json("brreg_api_underenhet_asker_3025_2022.json")],
        UnitKind::Underenhet,
    );
    assert_eq!(old[0].municipality.unwrap().to_string(), "3025");
    assert_eq!(old[0].employees, Employees::Known(2));

    // Auto-detection takes the same array as JSON.
    let text = serde_json::to_vec(subs).unwrap();
    let units: Vec<_> = bulk::open(&text[..], UnitKind::Underenhet, Format::Auto, "x")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units.len(), 1);
}

#[test]
fn deleted_unit_body_is_a_row_error_not_a_panic() {
    // The API's answer for a deleted unit has no organisation form: a row error, skippable.
    let obj = load_json("brreg_api_deleted_underenhet_SlettetEnhet.json");
    let text = serde_json::to_vec(&[obj]).unwrap();
    let rows = JsonUnitReader::new(&text[..], UnitKind::Underenhet, "deleted.json");
    let report = bulk::read_units(rows, ErrorPolicy::SkipAndReport, |_| {}).unwrap();
    assert_eq!((report.units, report.skipped), (0, 1));
    let e = &report.errors[0];
    assert_eq!(e.orgnr.as_deref(), Some("930802409"));
    assert!(
        e.to_string().contains("organisasjonsform.kode is missing"),
        "{e}"
    );
}

/// Postal codes (issue 20 item 5, districts): each unit's own address's postal code, as an
/// independent reading of the CSV column gives it, in both readers; the facts count Asker's
/// units per postal code and the codes add up to the municipality's count.
#[test]
fn postal_codes_of_the_units_own_address() {
    for (name, kind, column, muni_column) in [
        (
            ENHETER,
            UnitKind::Enhet,
            "forretningsadresse.postnummer",
            "forretningsadresse.kommunenummer",
        ),
        (
            UNDERENHETER,
            UnitKind::Underenhet,
            "beliggenhetsadresse.postnummer",
            "beliggenhetsadresse.kommunenummer",
        ),
    ] {
        let units = read_all(name, kind);
        let rows = rows_by_name(&read_fixture(name));
        assert_eq!(units.len(), rows.len());
        for (u, r) in units.iter().zip(&rows) {
            let want = r[column].trim();
            let got = u.postal_code.map(naeringsplan_brreg::postal_code_text);
            if want.len() == 4 && want.bytes().all(|b| b.is_ascii_digit()) {
                assert_eq!(got.as_deref(), Some(want), "{name} {}", u.orgnr);
            } else {
                assert_eq!(got, None, "{name} {}: {want:?}", u.orgnr);
            }
        }
        let mut b = FactsBuilder::new(SectorGroups::embedded(), 10);
        for u in &units {
            b.add(u);
        }
        let facts = b.finish();
        let asker = &facts.municipalities[&"3203".parse::<Kommune>().unwrap()];
        let by_code = &asker.by_postal_code;
        let naive_1383 = rows
            .iter()
            .filter(|r| r[muni_column] == "3203" && r[column] == "1383")
            .count() as u64;
        assert!(naive_1383 > 0);
        let got_1383 = by_code["1383"].units;
        assert!(
            got_1383 > 0 && got_1383 <= naive_1383,
            "{got_1383} of {naive_1383}: deleted or closed units are not counted"
        );
        let registered: u64 = by_code
            .values()
            .flat_map(|p| p.registrations_by_year.values())
            .sum();
        let registered_all: u64 = rows.iter().filter(|r| r[muni_column] == "3203").count() as u64;
        assert!(registered <= registered_all);
        if kind == UnitKind::Enhet {
            let sum: u64 = by_code.values().map(|p| p.units).sum();
            assert_eq!(
                sum, asker.enheter,
                "postal codes add up to the municipality"
            );
        }
    }
    // The JSON reader reads the same field (an Asker establishment of 2022 at 1383 ASKER).
    let old = json_units(
        &[load_json("brreg_api_underenhet_asker_3025_2022.json")],
        UnitKind::Underenhet,
    );
    assert_eq!(old[0].postal_code, Some(1383));
}
