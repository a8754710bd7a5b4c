use super::*;
use std::collections::BTreeMap;

fn indicator(
    unit: Unit,
    direction: Direction,
    rule: Rule,
    op: Op,
    ambitions: &[(Year, f64)],
) -> Indicator {
    Indicator {
        id: "x".into(),
        number: 1,
        name: LocalText {
            nb: "X".into(),
            en: None,
        },
        source: "SSB".into(),
        unit,
        direction,
        rule,
        rule_text: LocalText::default(),
        ambition_op: op,
        computation: Computation::Published {
            publisher: "NHO".into(),
        },
        results: BTreeMap::new(),
        ambitions: ambitions.iter().copied().collect(),
        goals: vec![],
    }
}

fn cv(year: Year, value: f64) -> Option<ChosenValue> {
    Some(ChosenValue {
        year,
        value,
        basis: ValueBasis::Computed,
        synthetic: false,
    })
}

#[test]
fn rank_at_most_n() {
    let i = indicator(
        Unit::Rank,
        Direction::LowerIsBetter,
        Rule::Threshold {
            op: Op::Le,
            target: 10.0,
        },
        Op::Le,
        &[(2021, 12.0), (2024, 10.0)],
    );
    let j = judge_year(&i, 2021, cv(2021, 12.0), None);
    assert_eq!(j.verdict, Verdict::Achieved, "{}", j.reasoning.nb);
    // The headline rule ≤ 10 is not met, but only informational.
    assert_eq!(j.checks.len(), 2);
    assert!(!j.checks[1].decisive);
    assert_eq!(j.checks[1].outcome, CheckOutcome::NotMet);
    assert!(
        j.reasoning
            .nb
            .contains("Hovedregel: plass 12 ≤ 10 – ikke oppfylt (til informasjon)."),
        "{}",
        j.reasoning.nb
    );
    assert_eq!(
        judge_year(&i, 2024, cv(2024, 11.0), None).verdict,
        Verdict::NotAchieved
    );
    assert_eq!(
        judge_year(&i, 2024, cv(2024, 10.0), None).verdict,
        Verdict::Achieved
    );
    // No data and no ambition.
    let nd = judge_year(&i, 2024, None, None);
    assert_eq!(nd.verdict, Verdict::NoData);
    assert_eq!(nd.checks[0].outcome, CheckOutcome::NoData);
    assert!(nd.reasoning.nb.contains("Ingen verdi for 2024"));
    let na = judge_year(&i, 2019, cv(2019, 13.0), None);
    assert_eq!(na.verdict, Verdict::NoAmbition);
    assert_eq!(na.checks.len(), 1, "headline checked for information");
    assert_eq!(
        judge_year(&i, 2020, None, None).verdict,
        Verdict::NoAmbition
    );
    assert!(judge_year(&i, 2020, None, None).checks.is_empty());
}

#[test]
fn ratio_at_least_x() {
    let i = indicator(
        Unit::Percent,
        Direction::HigherIsBetter,
        Rule::Threshold {
            op: Op::Ge,
            target: 50.0,
        },
        Op::Ge,
        &[(2021, 50.0)],
    );
    assert_eq!(
        judge_year(&i, 2021, cv(2021, 50.0), None).verdict,
        Verdict::Achieved
    );
    assert_eq!(
        judge_year(&i, 2021, cv(2021, 49.9), None).verdict,
        Verdict::NotAchieved
    );
    assert_eq!(
        judge_year(&i, 2021, cv(2021, -20.0), None).verdict,
        Verdict::NotAchieved
    );
    assert_eq!(judge_year(&i, 2021, None, None).verdict, Verdict::NoData);
    assert_eq!(
        judge_year(&i, 2018, cv(2018, 168.0), None).verdict,
        Verdict::NoAmbition
    );
}

#[test]
fn value_at_most_x() {
    let i = indicator(
        Unit::Dekar,
        Direction::LowerIsBetter,
        Rule::Threshold {
            op: Op::Le,
            target: 15.0,
        },
        Op::Le,
        &[(2022, 15.0)],
    );
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 15.0), None).verdict,
        Verdict::Achieved
    );
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 0.0), None).verdict,
        Verdict::Achieved
    );
    let j = judge_year(&i, 2022, cv(2022, 90.0), None);
    assert_eq!(j.verdict, Verdict::NotAchieved);
    assert_eq!(
        j.checks[0].text.nb.replace('\u{a0}', " "),
        "Ambisjon 2022: 90 dekar ≤ 15 dekar – ikke oppfylt"
    );
}

#[test]
fn share_higher_than_previous_year() {
    let i = indicator(
        Unit::Percent,
        Direction::HigherIsBetter,
        Rule::IncreaseFromPreviousYear,
        Op::Ge,
        &[(2021, 41.4), (2022, 42.0)],
    );
    // Meets the ambition and rises: achieved.
    let j = judge_year(&i, 2022, cv(2022, 42.3), cv(2021, 42.1));
    assert_eq!(j.verdict, Verdict::Achieved, "{}", j.reasoning.nb);
    assert!(j.checks.iter().all(|c| c.decisive));
    // Meets the ambition but falls: not achieved.
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 42.3), cv(2021, 42.5)).verdict,
        Verdict::NotAchieved
    );
    // Equal to last year is no increase.
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 42.3), cv(2021, 42.3)).verdict,
        Verdict::NotAchieved
    );
    // Rises but misses the ambition: not achieved.
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 41.9), cv(2021, 41.5)).verdict,
        Verdict::NotAchieved
    );
    // Previous year missing: no data (the ambition is met but the rule cannot be judged).
    let j = judge_year(&i, 2021, cv(2021, 41.5), None);
    assert_eq!(j.verdict, Verdict::NoData);
    assert!(matches!(
        j.checks[1].kind,
        CheckKind::IncreaseFromPreviousYear {
            previous_year: 2020,
            previous: None
        }
    ));
    assert_eq!(j.checks[1].outcome, CheckOutcome::NoData);
    // … unless another check already fails.
    assert_eq!(
        judge_year(&i, 2021, cv(2021, 40.0), None).verdict,
        Verdict::NotAchieved
    );
    // No ambition: informational increase check.
    let j = judge_year(&i, 2018, cv(2018, 42.3), cv(2017, 41.9));
    assert_eq!(j.verdict, Verdict::NoAmbition);
    assert_eq!(j.checks[0].outcome, CheckOutcome::Met);
    assert!(!j.checks[0].decisive);
    assert_eq!(
        judge_year(&i, 2022, None, cv(2021, 41.0)).verdict,
        Verdict::NoData
    );
}

#[test]
fn share_lower_than_previous_year() {
    let i = indicator(
        Unit::Dekar,
        Direction::LowerIsBetter,
        Rule::DecreaseFromPreviousYear,
        Op::Le,
        &[(2022, 100.0)],
    );
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 20.0), cv(2021, 30.0)).verdict,
        Verdict::Achieved
    );
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 40.0), cv(2021, 30.0)).verdict,
        Verdict::NotAchieved
    );
    assert_eq!(
        judge_year(&i, 2022, cv(2022, 40.0), None).verdict,
        Verdict::NoData
    );
}

#[test]
fn comparisons_use_the_quote_precision() {
    let q = |v| PlanQuote {
        value: v,
        source: "kap. 6".into(),
    };
    let imported = Observation::value(13.0, crate::Provenance::default());
    let c = compare(None, Some(&imported), Some(&q(13.0)));
    assert_eq!(c.len(), 1);
    assert!(c[0].agrees);
    let c = compare(
        None,
        Some(&Observation::value(5.0, crate::Provenance::default())),
        Some(&q(12.0)),
    );
    assert!(!c[0].agrees);
    assert_eq!(c[0].difference, -7.0);
    assert_eq!(decimals(56.0), 0);
    assert_eq!(decimals(41.9), 1);
    assert_eq!(decimals(41.95), 2);
    assert_eq!(decimals(100.0 / 3.0), 3);
}

fn demo(year: Year, value: f64) -> Option<ChosenValue> {
    Some(ChosenValue {
        year,
        value,
        basis: ValueBasis::Computed,
        synthetic: true,
    })
}

#[test]
fn a_demo_value_is_never_judged() {
    let i = indicator(
        Unit::Rank,
        Direction::LowerIsBetter,
        Rule::Threshold {
            op: Op::Le,
            target: 10.0,
        },
        Op::Le,
        &[(2024, 10.0)],
    );
    let j = judge_year(&i, 2024, demo(2024, 2.0), None);
    assert_eq!(j.verdict, Verdict::DemoNotJudged);
    assert!(j.checks.is_empty(), "no met/not met for demo data");
    assert!(
        j.reasoning.nb.contains("vurderes ikke"),
        "{}",
        j.reasoning.nb
    );
    // Without an ambition: no informational "oppfylt" either.
    let j = judge_year(&i, 2023, demo(2023, 2.0), None);
    assert_eq!(j.verdict, Verdict::NoAmbition);
    assert!(j.checks.is_empty());
    assert_eq!(cv(2024, 2.0).unwrap().source(), Source::Computed);
    assert_eq!(demo(2024, 2.0).unwrap().source(), Source::Demo);
}

#[test]
fn a_comparison_with_a_demo_year_is_not_judged() {
    let i = indicator(
        Unit::Percent,
        Direction::HigherIsBetter,
        Rule::IncreaseFromPreviousYear,
        Op::Ge,
        &[(2021, 41.4)],
    );
    // Real 2021 meets its ambition, but "higher than 2020" rests on a demo 2020.
    let j = judge_year(&i, 2021, cv(2021, 42.0), demo(2020, 41.0));
    assert_eq!(j.verdict, Verdict::DemoNotJudged, "{}", j.reasoning.nb);
    assert!(
        j.checks
            .iter()
            .all(|c| !matches!(c.kind, CheckKind::IncreaseFromPreviousYear { .. }))
    );
    // With a real 2020 it is judged.
    let j = judge_year(&i, 2021, cv(2021, 42.0), cv(2020, 41.0));
    assert_eq!(j.verdict, Verdict::Achieved);
    // A year without an ambition keeps no informational comparison with a demo year.
    let j = judge_year(&i, 2017, cv(2017, 41.9), demo(2016, 30.0));
    assert_eq!(j.verdict, Verdict::NoAmbition);
    assert!(j.checks.is_empty());
}
