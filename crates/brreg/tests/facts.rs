//! Acceptance: aggregation on hand-made units — cohort survival over snapshots, the accounts join,
//! bankruptcies, groups and the withheld headcounts.

use naeringsplan_brreg::accounts::{AccountsIndex, parse_accounts};
use naeringsplan_brreg::facts::{
    AccountsJoin, FactsBuilder, SnapshotBuilder, cohort_survival, is_private_sector,
};
use naeringsplan_brreg::sectors::SectorGroups;
use naeringsplan_brreg::{
    Employees, Kommune, NaceCode, OrgForm, OrgNr, SectorCode, Unit, UnitKind,
};
use time::Date;
use time::macros::date;

fn orgnr(i: u32) -> OrgNr {
    (0..)
        .find_map(|k| OrgNr::from_first8(80_000_000 + i * 10 + k))
        .unwrap()
}

fn k(code: &str) -> Kommune {
    code.parse().unwrap()
}

fn unit(i: u32, form: &str, kommune: &str, registered: Date) -> Unit {
    Unit {
        kind: UnitKind::Enhet,
        orgnr: orgnr(i),
        name: format!("U{i}"),
        org_form: form.parse().unwrap(),
        nace: None,
        employees: Employees::NotRegistered,
        municipality: Some(k(kommune)),
        postal_municipality: None,
        postal_code: None,
        sector: None,
        registered: Some(registered),
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

fn snapshot(date: Date, units: &[Unit]) -> naeringsplan_brreg::facts::Snapshot {
    let mut b = SnapshotBuilder::new(date);
    units.iter().for_each(|u| b.add(u));
    b.finish()
}

#[test]
fn cohort_survival_from_hand_made_snapshots() {
    // Snapshot A, January 2019: the 2018 cohort (4 in Asker, 2 in Oslo) + one from 2017.
    let a_units = vec![
        unit(1, "AS", "3203", date!(2018 - 02 - 01)),
        unit(2, "AS", "3203", date!(2018 - 05 - 01)),
        unit(3, "ENK", "3203", date!(2018 - 07 - 01)),
        unit(4, "AS", "3203", date!(2018 - 12 - 31)),
        unit(5, "AS", "0301", date!(2018 - 03 - 01)),
        unit(6, "ENK", "0301", date!(2018 - 04 - 01)),
        unit(7, "AS", "3203", date!(2017 - 06 - 01)),
    ];
    // Snapshot B, February 2024 (5 years and a bit later):
    // 1 survives, 2 bankrupt, 3 gone (deleted: not in the file), 4 survives,
    // 5 moved to Asker (still a survivor of Oslo's cohort), 6 survives; a 2023 newcomer.
    let mut b_units = vec![
        unit(1, "AS", "3203", date!(2018 - 02 - 01)),
        unit(2, "AS", "3203", date!(2018 - 05 - 01)),
        unit(4, "AS", "3203", date!(2018 - 12 - 31)),
        unit(5, "AS", "3203", date!(2018 - 03 - 01)),
        unit(6, "ENK", "0301", date!(2018 - 04 - 01)),
        unit(8, "AS", "3203", date!(2023 - 04 - 01)),
    ];
    b_units[1].bankrupt = true;
    // Snapshot C, mid 2021: too early to be anyone's 5-year follow-up here.
    let c_units = vec![unit(1, "AS", "3203", date!(2018 - 02 - 01))];

    let snaps = vec![
        snapshot(date!(2024 - 02 - 01), &b_units),
        snapshot(date!(2019 - 01 - 15), &a_units),
        snapshot(date!(2021 - 06 - 30), &c_units),
    ];
    assert!(snaps[0].is_present(orgnr(1)));
    assert!(!snaps[0].is_present(orgnr(2)), "bankrupt is not present");
    assert!(!snaps[0].is_present(orgnr(3)), "missing is not present");

    let rows = cohort_survival(&snaps, 5, |_| true);
    // Only cohort 2018 has both a base (2019-01-15) and a 5-year follow-up (2024-02-01).
    assert_eq!(rows.len(), 2, "{rows:?}");
    let oslo = &rows[0];
    assert_eq!(oslo.municipality, Some(k("0301")));
    assert_eq!(
        (oslo.cohort_year, oslo.base_count, oslo.survivors),
        (2018, 2, 2)
    );
    let asker = &rows[1];
    assert_eq!(asker.municipality, Some(k("3203")));
    assert_eq!(
        (asker.cohort_year, asker.base_count, asker.survivors),
        (2018, 4, 2)
    );
    assert_eq!(asker.share(), Some(0.5));
    assert_eq!(asker.base_date, date!(2019 - 01 - 15));
    assert_eq!(asker.followup_date, date!(2024 - 02 - 01));

    // Only AS.
    let rows = cohort_survival(&snaps, 5, |e| e.org_form == OrgForm::AS);
    let asker = rows
        .iter()
        .find(|r| r.municipality == Some(k("3203")))
        .unwrap();
    assert_eq!((asker.base_count, asker.survivors), (3, 2));

    // A 2-year horizon: base 2019-01-15, follow-up in [2021-01-15, 2022-01-15) -> C.
    let rows = cohort_survival(&snaps, 2, |_| true);
    let asker = rows
        .iter()
        .find(|r| r.municipality == Some(k("3203")))
        .unwrap();
    assert_eq!(asker.followup_date, date!(2021 - 06 - 30));
    assert_eq!((asker.base_count, asker.survivors), (4, 1));

    // Not enough snapshots: nothing.
    assert!(cohort_survival(&snaps[..1], 5, |_| true).is_empty());
}

#[test]
fn facts_on_hand_made_units() {
    let groups = SectorGroups::embedded();
    let mut f = FactsBuilder::new(groups, 2);
    let nace = |c: &str| Some(c.parse::<NaceCode>().unwrap());

    let mut a = unit(1, "AS", "3203", date!(2022 - 01 - 10));
    a.nace = nace("62.010");
    a.employees = Employees::Known(40);
    let mut b = unit(2, "AS", "3203", date!(2022 - 03 - 10));
    b.nace = nace("86.211");
    b.employees = Employees::Known(90);
    b.bankrupt = true;
    b.bankruptcy_date = Some(date!(2024 - 05 - 02));
    let mut c = unit(3, "ENK", "3203", date!(2022 - 06 - 10));
    c.nace = nace("43.320");
    c.employees = Employees::Withheld;
    c.under_liquidation = true;
    let mut d = unit(4, "AS", "3203", date!(2023 - 06 - 10));
    d.nace = nace("62.020");
    d.employees = Employees::Known(40);
    let mut gone = unit(5, "AS", "3203", date!(2023 - 07 - 10));
    gone.deleted = Some(date!(2024 - 01 - 01));
    let mut nowhere = unit(6, "AS", "3203", date!(2023 - 07 - 10));
    nowhere.municipality = None;
    nowhere.postal_municipality = Some(k("3203"));
    assert_eq!(nowhere.municipality_or_postal(), Some(k("3203")));

    // Establishments: headcounts by sector group, withheld beside known.
    let sub = |i: u32, code: Option<&str>, e: Employees| {
        let mut s = unit(100 + i, "BEDR", "3203", date!(2020 - 01 - 01));
        s.kind = UnitKind::Underenhet;
        s.nace = code.and_then(nace);
        s.employees = e;
        s
    };
    let subs = [
        sub(1, Some("62.010"), Employees::Known(30)),
        sub(2, Some("86.211"), Employees::Known(50)),
        sub(3, Some("86.211"), Employees::Withheld),
        sub(4, Some("43.320"), Employees::Known(6)),
        sub(5, None, Employees::Withheld),
        sub(6, Some("47.110"), Employees::NotRegistered),
    ];
    for u in [&a, &b, &c, &d, &gone, &nowhere]
        .into_iter()
        .chain(subs.iter())
    {
        f.add(u);
    }
    let facts = f.finish();
    assert_eq!(facts.enheter_without_municipality, 1);
    let m = &facts.municipalities[&k("3203")];
    assert_eq!(m.enheter, 4);
    assert_eq!(m.deleted_or_closed, 1);
    assert_eq!(m.units_by_form[&OrgForm::AS], 3);
    assert_eq!(m.units_by_form[&OrgForm::ENK], 1);
    assert_eq!(m.registrations_by_year[&2022].total, 3);
    assert_eq!(
        m.registrations_by_year[&2023].total, 2,
        "the deleted one registered too"
    );
    assert!((m.registrations_by_year[&2022].as_share().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(m.bankrupt, 1);
    assert_eq!(m.bankruptcies_by_year[&2024], 1);
    assert_eq!(m.under_liquidation, 1);
    // Largest: 90 (b), then the tie at 40 broken by the lower orgnr (a before d).
    let top: Vec<_> = m
        .largest_enterprises
        .iter()
        .map(|r| (r.orgnr, r.value))
        .collect();
    assert_eq!(top, [(orgnr(2), 90), (orgnr(1), 40)]);
    let ki: Vec<_> = m.largest_enterprises_by_group["knowledge_intensive"]
        .iter()
        .map(|r| r.orgnr)
        .collect();
    assert_eq!(ki, [orgnr(2), orgnr(1)]);
    assert_eq!(
        m.largest_enterprises_by_group["construction"].len(),
        0,
        "withheld is not ranked"
    );
    assert_eq!(m.enterprise_employees.withheld_units, 1);

    let ki = &m.employees_by_group["knowledge_intensive"];
    assert_eq!((ki.units, ki.known_sum, ki.withheld_units), (3, 80, 1));
    let hs = &m.employees_by_group["health_social"];
    assert_eq!((hs.units, hs.known_sum, hs.withheld_units), (2, 50, 1));
    let trade = &m.employees_by_group["trade"];
    assert_eq!((trade.units, trade.not_registered_units), (1, 1));
    assert_eq!(m.employees_ungrouped.units, 1);
    assert_eq!(m.employees_ungrouped.withheld_units, 1);
    assert_eq!(m.employees_total.known_sum, 86);
    assert_eq!(m.employees_total.withheld_units, 2);

    // Facts serialise (for the store), with codes as text.
    let json = serde_json::to_value(&facts).unwrap();
    assert_eq!(json["municipalities"]["3203"]["units_by_form"]["AS"], 3);
}

#[test]
fn accounts_join_by_orgnr() {
    let acc = |o: OrgNr, currency: &str, turnover: i64, wage: Option<i64>, res: i64| {
        let wage = wage
            .map(|w| format!(r#""loennskostnad": {w},"#))
            .unwrap_or_default();
        format!(
            r#"{{"regnskapstype": "SELSKAP", "valuta": "{currency}",
              "virksomhet": {{"organisasjonsnummer": "{o}"}},
              "regnskapsperiode": {{"fraDato": "2024-01-01", "tilDato": "2024-12-31"}},
              "resultatregnskapResultat": {{"driftsresultat": {{"driftsresultat": {res},
                 "driftsinntekter": {{"sumDriftsinntekter": {turnover}}},
                 "driftskostnad": {{{wage} "sumDriftskostnad": 1}}}}}}}}"#
        )
    };
    let text = format!(
        "[{}]",
        [
            acc(orgnr(1), "NOK", 500, Some(100), 50),
            acc(orgnr(2), "NOK", 900, None, 10),
            acc(orgnr(3), "USD", 10_000, Some(1), 1),
            acc(orgnr(4), "NOK", 700, Some(200), -20),
        ]
        .join(",")
    );
    let idx: AccountsIndex = parse_accounts(text.as_bytes(), "acc.json")
        .unwrap()
        .into_iter()
        .collect();
    let private = SectorCode::parse(b"2100");
    let mut units: Vec<Unit> = (1..=6)
        .map(|i| {
            let mut u = unit(i, "AS", "3203", date!(2015 - 01 - 01));
            u.sector = private;
            u
        })
        .collect();
    units[4].bankrupt = true; // 5: ignored
    units[5].sector = SectorCode::parse(b"6500"); // 6: public, filtered out

    let mut join = AccountsJoin::new(&idx, 2024, 2).with_filter(is_private_sector);
    units.iter().for_each(|u| join.add(u));
    let out = join.finish();
    let a = &out[&k("3203")];
    assert_eq!(a.enterprises, 4);
    assert_eq!(a.with_accounts, 4);
    assert_eq!(a.non_nok, 1);
    assert_eq!(a.turnover_nok, 500 + 900 + 700);
    assert_eq!(a.value_added_nok, (100 + 50) + (200 - 20));
    assert_eq!((a.with_value_added, a.missing_value_added), (2, 1));
    let top: Vec<_> = a
        .largest_by_turnover
        .iter()
        .map(|r| (r.orgnr, r.value))
        .collect();
    assert_eq!(top, [(orgnr(2), 900), (orgnr(4), 700)]);

    // Another year: no accounts.
    let mut join = AccountsJoin::new(&idx, 2023, 2);
    units.iter().for_each(|u| join.add(u));
    assert_eq!(join.finish()[&k("3203")].with_accounts, 0);
}
