use super::*;
use crate::inputs::{Cell, MergeMap, Provenance, sum_components};

const C: &str = "3203";

fn ssb(t: &str) -> Provenance {
    Provenance::table(t, format!("https://data.ssb.no/api/v0/no/table/{t}"))
}

fn table(rows: &[(&str, Year, f64)]) -> Inputs {
    let mut i = Inputs::new();
    for (s, y, v) in rows {
        i.insert(*s, C, *y, Observation::value(*v, ssb("t")));
    }
    i
}

fn value(id: &str, i: &Inputs, y: Year) -> f64 {
    match definition(id).unwrap().compute(i, C, y) {
        DefinitionOutcome::Computed(c) => c.value,
        DefinitionOutcome::NoValue(n) => panic!("{id} {y}: {:?}", n.reason),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn registry_is_complete_and_unique() {
    let ids: Vec<_> = definitions().iter().map(|d| d.id).collect();
    assert_eq!(
        ids,
        [
            "egendekning",
            "sysselsettingsandel",
            "sysselsettingsgrad",
            "kortreist_andel",
            "job_growth_vs_population",
            "verdiskapning",
            "nyetableringer",
            "farmland_converted",
            "knowledge_intensive_share",
            "procurement_local_share",
            "procurement_neighbour_share",
            "procurement_elsewhere_share",
            "procurement_sme_share"
        ]
    );
    for d in definitions() {
        assert!(!d.formula_nb.is_empty() && !d.formula_en.is_empty() && !d.needs.is_empty());
    }
    assert!(definition("nope").is_none());
}

#[test]
fn procurement_shares_pass_their_series_through() {
    for s in series::PROCUREMENT {
        let d = definition(s).expect("a definition named as its series");
        assert_eq!(d.unit, Unit::Percent);
        assert_eq!(d.needs.len(), 1);
        assert_eq!(d.needs[0].series, s);
        let i = table(&[(s, 2023, 41.5)]);
        assert!(close(value(s, &i, 2023), 41.5));
        assert!(series::is_procurement(s));
    }
    assert!(!series::is_procurement(series::JOBS));
}

#[test]
fn egendekning_by_hand() {
    // 42 000 jobs, 48 000 employed residents: 42/48 = 0.875.
    let i = table(&[
        (series::JOBS, 2022, 42_000.0),
        (series::EMPLOYED_RESIDENTS, 2022, 48_000.0),
    ]);
    assert!(close(value("egendekning", &i, 2022), 0.875));
    assert_eq!(formula::egendekning(42_000.0, 48_000.0), Ok(0.875));
    let DefinitionOutcome::Computed(c) = definition("egendekning").unwrap().compute(&i, C, 2022)
    else {
        panic!()
    };
    assert_eq!(c.arithmetic.nb, "42\u{a0}000 / 48\u{a0}000 = 0,875");
    assert_eq!(c.arithmetic.en, "42,000 / 48,000 = 0.875");
    assert_eq!(c.inputs.len(), 2);
    assert_eq!(c.unit, Unit::Ratio);
}

#[test]
fn sysselsettingsandel_by_hand() {
    // 45 000 jobs / 60 000 residents 16–66 = 75 %.
    let i = table(&[
        (series::JOBS, 2021, 45_000.0),
        (series::POPULATION_16_66, 2021, 60_000.0),
    ]);
    assert!(close(value("sysselsettingsandel", &i, 2021), 75.0));
}

#[test]
fn sysselsettingsgrad_by_hand() {
    // 52 000 employed of 74 000 residents 15–74: 70.27027… %.
    let i = table(&[
        (series::EMPLOYED_RESIDENTS, 2021, 52_000.0),
        (series::POPULATION_15_74, 2021, 74_000.0),
    ]);
    assert!(close(
        value("sysselsettingsgrad", &i, 2021),
        5_200_000.0 / 74_000.0
    ));
    assert!((value("sysselsettingsgrad", &i, 2021) - 70.27).abs() < 0.01);
}

#[test]
fn kortreist_by_hand() {
    // 20 950 of 50 000 employed residents work locally: 41.9 %.
    let i = table(&[
        (series::EMPLOYED_RESIDENTS_LOCAL, 2017, 20_950.0),
        (series::EMPLOYED_RESIDENTS, 2017, 50_000.0),
    ]);
    assert!(close(value("kortreist_andel", &i, 2017), 41.9));
    let DefinitionOutcome::Computed(c) =
        definition("kortreist_andel").unwrap().compute(&i, C, 2017)
    else {
        panic!()
    };
    assert_eq!(
        c.arithmetic.nb,
        "100 × 20\u{a0}950 / 50\u{a0}000 = 41,9\u{a0}%"
    );
}

#[test]
fn job_growth_by_hand() {
    // Jobs Q4: 2016 40 000, 2017 40 560 (+560); population 1 Jan: 2017 94 000, 2018 95 000
    // (+1 000). 100 × 560 / 1 000 = 56 % — the plan's quoted 2017 figure.
    let i = table(&[
        (series::JOBS, 2016, 40_000.0),
        (series::JOBS, 2017, 40_560.0),
        (series::POPULATION, 2017, 94_000.0),
        (series::POPULATION, 2018, 95_000.0),
    ]);
    assert!(close(value("job_growth_vs_population", &i, 2017), 56.0));
    assert_eq!(
        formula::job_growth_vs_population(100.0, 90.0, 1000.0, 1040.0),
        Ok(-25.0)
    );
    let DefinitionOutcome::Computed(c) = definition("job_growth_vs_population")
        .unwrap()
        .compute(&i, C, 2017)
    else {
        panic!()
    };
    let years: Vec<_> = c
        .inputs
        .iter()
        .map(|u| (u.series.as_str(), u.year))
        .collect();
    assert_eq!(
        years,
        [
            ("jobs", 2016),
            ("jobs", 2017),
            ("population", 2017),
            ("population", 2018)
        ]
    );
    assert_eq!(
        c.arithmetic.nb.replace('\u{a0}', " "),
        "Δarbeidsplasser = 40 560 − 40 000 = 560; Δbefolkning = 95 000 − 94 000 = 1000; \
         100 × 560 / 1000 = 56,0 %"
    );
}

#[test]
fn job_growth_without_population_growth_is_undefined_never_zero_or_infinite() {
    for p1 in [94_000.0, 93_500.0] {
        let i = table(&[
            (series::JOBS, 2016, 40_000.0),
            (series::JOBS, 2017, 40_560.0),
            (series::POPULATION, 2017, 94_000.0),
            (series::POPULATION, 2018, p1),
        ]);
        match definition("job_growth_vs_population")
            .unwrap()
            .compute(&i, C, 2017)
        {
            DefinitionOutcome::NoValue(n) => {
                assert_eq!(
                    n.reason,
                    NoValueReason::Undefined {
                        why: Undefined::NoPopulationGrowth {
                            delta_population: p1 - 94_000.0
                        }
                    }
                );
                assert_eq!(n.inputs.len(), 4, "inputs are kept for the explanation");
                assert!(n.reason.describe_nb().contains("befolkningen vokste ikke"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn job_growth_missing_next_population_is_missing() {
    let mut i = table(&[
        (series::JOBS, 2023, 40_000.0),
        (series::JOBS, 2024, 40_100.0),
        (series::POPULATION, 2024, 98_000.0),
    ]);
    i.insert(
        series::POPULATION,
        C,
        2025,
        Observation::symbol("..", ssb("07459")),
    );
    match definition("job_growth_vs_population")
        .unwrap()
        .compute(&i, C, 2024)
    {
        DefinitionOutcome::NoValue(n) => {
            assert_eq!(
                n.reason,
                NoValueReason::MissingInputs {
                    missing: vec![MissingInput {
                        series: series::POPULATION.into(),
                        year: 2025,
                        reason: MissingReason::NotAvailable
                    }]
                }
            );
            assert!(
                n.reason
                    .describe_nb()
                    .contains("«..» (tallgrunnlag mangler)")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn verdiskapning_nyetableringer_farmland_by_hand() {
    let i = table(&[
        (series::WAGE_COSTS, 2020, 12_500_000_000.0),
        (series::OPERATING_RESULT, 2020, -500_000_000.0),
        (series::NEW_ENTERPRISES, 2020, 1_234.0),
        (series::FARMLAND_CONVERTED_DEKAR, 2020, 23.0),
    ]);
    assert!(close(value("verdiskapning", &i, 2020), 12_000_000_000.0));
    assert!(close(value("nyetableringer", &i, 2020), 1_234.0));
    assert!(close(value("farmland_converted", &i, 2020), 23.0));
    assert_eq!(formula::verdiskapning(3.0, -1.0), 2.0);
}

#[test]
fn knowledge_intensive_by_hand() {
    // Knowledge-intensive: 06 (100), 25 (900), 62 (2 000), 64 (500), 71 (1 000), 86 (1 500)
    // = 6 000; others: 01 (50), 47 (3 000), 85 (800), 00 (150) = 4 000. Share 6 000 / 10 000.
    let rows = [
        ("06", 100.0),
        ("25", 900.0),
        ("62", 2_000.0),
        ("64", 500.0),
        ("71", 1_000.0),
        ("86", 1_500.0),
        ("01", 50.0),
        ("47", 3_000.0),
        ("85", 800.0),
        ("00", 150.0),
    ];
    let mut i = Inputs::new();
    for (d, v) in rows {
        i.insert(
            series::jobs_by_industry(d),
            C,
            2019,
            Observation::value(v, ssb("07984")),
        );
    }
    // A non-division key is ignored.
    i.insert(
        "jobs_by_industry:total",
        C,
        2019,
        Observation::value(1e9, ssb("07984")),
    );
    assert!(close(value("knowledge_intensive_share", &i, 2019), 60.0));
    let parts: Vec<(u8, f64)> = rows.iter().map(|(d, v)| (d.parse().unwrap(), *v)).collect();
    assert_eq!(formula::knowledge_intensive_share(&parts), Ok(60.0));
    // Boundaries of the ranges.
    for d in [5, 9, 10, 33, 58, 63, 64, 66, 68, 75, 86, 88] {
        assert!(formula::is_knowledge_intensive(d), "{d}");
    }
    for d in [0, 1, 4, 34, 57, 67, 76, 85, 89, 99] {
        assert!(!formula::is_knowledge_intensive(d), "{d}");
    }
    // A confidential cell makes the share missing.
    i.insert(
        series::jobs_by_industry("07"),
        C,
        2019,
        Observation::symbol(":", ssb("07984")),
    );
    match definition("knowledge_intensive_share")
        .unwrap()
        .compute(&i, C, 2019)
    {
        DefinitionOutcome::NoValue(n) => assert!(matches!(
            n.reason,
            NoValueReason::MissingInputs { ref missing } if missing.len() == 1
                && missing[0].reason == MissingReason::Confidential
        )),
        other => panic!("{other:?}"),
    }
    // No industry series at all: missing, not 0.
    match definition("knowledge_intensive_share")
        .unwrap()
        .compute(&i, C, 2018)
    {
        DefinitionOutcome::NoValue(n) => assert!(matches!(
            n.reason,
            NoValueReason::MissingInputs { ref missing } if missing[0].reason == MissingReason::NoObservation
        )),
        other => panic!("{other:?}"),
    }
}

#[test]
fn zero_denominator_is_undefined() {
    assert_eq!(
        formula::ratio(1.0, 0.0),
        Err(Undefined::NonPositiveDenominator { denominator: 0.0 })
    );
    let i = table(&[
        (series::JOBS, 2022, 10.0),
        (series::EMPLOYED_RESIDENTS, 2022, 0.0),
    ]);
    assert!(matches!(
        definition("egendekning").unwrap().compute(&i, C, 2022),
        DefinitionOutcome::NoValue(NoValue {
            reason: NoValueReason::Undefined { .. },
            ..
        })
    ));
}

#[test]
fn missing_symbols_propagate_with_reason() {
    let mut i = table(&[(series::EMPLOYED_RESIDENTS, 2022, 100.0)]);
    i.insert(
        series::EMPLOYED_RESIDENTS_LOCAL,
        C,
        2022,
        Observation::symbol("-", ssb("03321")),
    );
    match definition("kortreist_andel").unwrap().compute(&i, C, 2022) {
        DefinitionOutcome::NoValue(n) => {
            let NoValueReason::MissingInputs { missing } = &n.reason else {
                panic!()
            };
            assert_eq!(missing[0].reason, MissingReason::Nil, "nil is not 0");
            assert_eq!(
                n.inputs[0].observation.cell,
                Cell::Missing(MissingReason::Nil)
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A merged municipality where summing first and averaging ratios differ.
///
/// Parts (jobs, employed residents): 0220 Asker (30 000, 32 000), 0627 Røyken
/// (6 000, 12 000), 0628 Hurum (2 000, 4 000).
/// Sum then divide: (30 000 + 6 000 + 2 000) / (32 000 + 12 000 + 4 000) = 38 000 / 48 000
/// = 0.791666…; average of ratios: (0.9375 + 0.5 + 0.5) / 3 = 0.645833….
#[test]
fn merged_municipality_sums_then_divides() {
    let parts = [
        ("0220", 30_000.0, 32_000.0),
        ("0627", 6_000.0, 12_000.0),
        ("0628", 2_000.0, 4_000.0),
    ];
    let mut i = Inputs::new();
    for (code, jobs, emp) in parts {
        i.insert(
            series::JOBS,
            code,
            2019,
            Observation::value(jobs, ssb("07979")),
        );
        i.insert(
            series::EMPLOYED_RESIDENTS,
            code,
            2019,
            Observation::value(emp, ssb("06445")),
        );
    }
    let merges = MergeMap::from([(
        C.to_string(),
        vec!["0220".into(), "0627".into(), "0628".into()],
    )]);
    let merged = sum_components(&i, &merges);
    let right = value("egendekning", &merged, 2019);
    assert!(close(right, 38_000.0 / 48_000.0));
    assert!((right - 0.791_666_666).abs() < 1e-8);
    let pairs: Vec<(f64, f64)> = parts.iter().map(|(_, j, e)| (*j, *e)).collect();
    assert!(close(formula::ratio_of_sums(&pairs).unwrap(), right));
    let wrong: f64 = parts.iter().map(|(_, j, e)| j / e).sum::<f64>() / 3.0;
    assert!((wrong - 0.645_833_333).abs() < 1e-8);
    assert!((right - wrong).abs() > 0.1, "the two methods differ");
    // The inputs say where they came from.
    let DefinitionOutcome::Computed(c) =
        definition("egendekning").unwrap().compute(&merged, C, 2019)
    else {
        panic!()
    };
    assert_eq!(
        c.inputs[0].observation.provenance.components,
        ["0220", "0627", "0628"]
    );

    // Kortreist share: the same rule. Local workers / employed residents per part:
    // 12 000 / 32 000, 3 000 / 12 000, 1 000 / 4 000 → sum 16 000 / 48 000 = 33.33 %;
    // mean of shares (37.5 + 25 + 25) / 3 = 29.17 %.
    let local = [12_000.0, 3_000.0, 1_000.0];
    let pairs: Vec<(f64, f64)> = local.iter().zip(&parts).map(|(l, p)| (*l, p.2)).collect();
    assert!(close(
        100.0 * formula::ratio_of_sums(&pairs).unwrap(),
        100.0 / 3.0
    ));
    let mean = pairs.iter().map(|(l, e)| 100.0 * l / e).sum::<f64>() / 3.0;
    assert!((mean - 29.166_666_67).abs() < 1e-6);
}

#[test]
fn candidate_years_follow_offsets() {
    let i = table(&[
        (series::JOBS, 2016, 1.0),
        (series::JOBS, 2017, 1.0),
        (series::POPULATION, 2018, 1.0),
    ]);
    let ys = definition("job_growth_vs_population")
        .unwrap()
        .candidate_years(&i, C);
    // jobs 2016 serves 2016 (offset 0) and 2017 (offset −1); population 2018 serves 2018 and 2017.
    assert_eq!(ys.into_iter().collect::<Vec<_>>(), vec![2016, 2017, 2018]);
}

#[test]
fn the_value_alone_is_what_compute_gives() {
    // Every definition over inputs with gaps, zeros, a masked cell and synthetic years: the
    // values-only path (national tables) agrees with the explained one, value and demo flag.
    let mut i = Inputs::new();
    let mut n = 0u32;
    for s in [
        series::JOBS,
        series::EMPLOYED_RESIDENTS,
        series::EMPLOYED_RESIDENTS_LOCAL,
        series::POPULATION,
        series::POPULATION_16_66,
        series::POPULATION_15_74,
        series::WAGE_COSTS,
        series::OPERATING_RESULT,
        series::NEW_ENTERPRISES,
        series::FARMLAND_CONVERTED_DEKAR,
        series::PROCUREMENT_LOCAL_SHARE,
    ] {
        for y in 2015..=2025 {
            n += 1;
            let v = f64::from((n * 7919) % 1000) - 100.0;
            let prov = ssb("t").synthetic(y >= 2023);
            let obs = match n % 9 {
                0 => continue,
                1 => Observation::symbol("..", prov),
                _ => Observation::value(v, prov),
            };
            i.insert(s, C, y, obs);
        }
    }
    let mut values = 0;
    for d in definitions() {
        for y in 2014..=2026 {
            let explained = d
                .compute(&i, C, y)
                .computed()
                .map(|c| (c.value, c.synthetic));
            assert_eq!(d.value(&i, C, y), explained, "{} {y}", d.id);
            values += usize::from(explained.is_some());
        }
    }
    assert!(values > 30, "{values}");
}
