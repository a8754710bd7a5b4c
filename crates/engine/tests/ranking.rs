//! Ranking on hand-made data with hand-computed ranks (ties, missing values, a lower-is-better
//! indicator, both missing-data policies), formulas, explanations and sensitivity with
//! hand-checked numbers, county ranks against the KLASS geography, and published ranks beside
//! computed ones.

use std::collections::BTreeSet;

use naeringsplan_engine::inputs::{Inputs, MissingReason, Observation, Provenance};
use naeringsplan_engine::ranking::{
    Definition, Municipality, RankError, RankOrigin, RankScope, Ranker, SeriesTable,
    compare_published, kommune_nm,
};
use stats::geography::Geography;
use time::macros::date;

/// Two groups: g1 = x (higher is better) and y (LOWER is better); g2 = z (higher).
const HAND: &str = r#"
[definition]
id = "hand"
name = { nb = "Håndlaget", en = "Hand-made" }
edition_lag = 1

[method]
normalisation = "zscore"
clamp = 3
missing = "group_mean"
min_group_coverage = 0.5

[series.x]
description = { nb = "x", en = "x" }
data = "synthetic"

[series.y]
description = { nb = "y", en = "y" }
data = "synthetic"

[series.z]
description = { nb = "z", en = "z" }
data = "synthetic"

[[groups]]
id = "g1"
name = { nb = "G1", en = "G1" }
weight = 1

[[groups.indicators]]
id = "x"
name = { nb = "x", en = "x" }
formula = "x"
direction = "higher"
weight = 1
data = "synthetic"

[[groups.indicators]]
id = "y"
name = { nb = "y", en = "y" }
formula = "y"
direction = "lower"
weight = 1
data = "synthetic"

[[groups]]
id = "g2"
name = { nb = "G2", en = "G2" }
weight = 1

[[groups.indicators]]
id = "z"
name = { nb = "z", en = "z" }
formula = "z"
direction = "higher"
weight = 1
data = "synthetic"
"#;

const YEAR: i32 = 2021;

/// A–C and G in county 30, D–F in county 03; G has no values (x confidential); H is not in the
/// table at all.
///
/// | | x (↑) | y (↓) | z (↑) |
/// |---|---|---|---|
/// | A | 4 | 30 | 5 |
/// | B | 4 | – | 7 |
/// | C | 2 | 10 | 5 |
/// | D | 2 | – | 7 |
/// | E | – | 10 | 5 |
/// | F | – | 30 | 7 |
///
/// Each indicator's values sit at mean ± sd exactly: x mean 3 sd 1; y mean 20 sd 10; z mean 6
/// sd 1. So the scores are ±1 (y negated: 10 → +1, 30 → −1).
fn hand_inputs() -> Inputs {
    let mut i = Inputs::new();
    let p = || Provenance::default().synthetic(true);
    type Row<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>);
    let rows: [Row; 6] = [
        ("A", Some(4.0), Some(30.0), Some(5.0)),
        ("B", Some(4.0), None, Some(7.0)),
        ("C", Some(2.0), Some(10.0), Some(5.0)),
        ("D", Some(2.0), None, Some(7.0)),
        ("E", None, Some(10.0), Some(5.0)),
        ("F", None, Some(30.0), Some(7.0)),
    ];
    for (code, x, y, z) in rows {
        for (s, v) in [("x", x), ("y", y), ("z", z)] {
            match v {
                Some(v) => i.insert(s, code, YEAR, Observation::value(v, p())),
                None => i.insert(s, code, YEAR, Observation::symbol("..", p())),
            };
        }
    }
    i.insert("x", "G", YEAR, Observation::symbol(":", p()));
    i
}

fn hand_municipalities() -> Vec<Municipality> {
    [
        ("A", "30"),
        ("B", "30"),
        ("C", "30"),
        ("D", "03"),
        ("E", "03"),
        ("F", "03"),
        ("G", "30"),
        ("H", "03"),
    ]
    .into_iter()
    .map(|(c, k)| Municipality::new(c, k))
    .collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn hand_made_set_ranks_as_computed_by_hand() {
    let def = Definition::parse(HAND).unwrap();
    let table = SeriesTable::from_inputs(&hand_inputs());
    let r = Ranker::new(&def, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    assert_eq!(r.edition, 2022);

    // Scores: x ±1, y (lower is better) 10 → +1 and 30 → −1, z ±1.
    let x = &r.indicators[0];
    let y = &r.indicators[1];
    assert_eq!(
        x.scores(),
        [
            Some(1.0),
            Some(1.0),
            Some(-1.0),
            Some(-1.0),
            None,
            None,
            None,
            None
        ]
    );
    assert_eq!(
        y.scores(),
        [
            Some(-1.0),
            None,
            Some(1.0),
            None,
            Some(1.0),
            Some(-1.0),
            None,
            None
        ]
    );
    // Indicator ranks by value, ties shared, the lower-is-better one reversed.
    assert_eq!(
        x.ranks(),
        [Some(1), Some(1), Some(3), Some(3), None, None, None, None]
    );
    assert_eq!(
        y.ranks(),
        [Some(3), None, Some(1), None, Some(1), Some(3), None, None]
    );

    // g1 = mean of the x and y scores a municipality has (B, D, E, F miss one: half the
    // group's weight, enough): A 0, B 1, C 0, D −1, E 1, F −1. G has none: no score.
    let g1 = &r.groups[0];
    assert_eq!(
        g1.scores(),
        [
            Some(0.0),
            Some(1.0),
            Some(0.0),
            Some(-1.0),
            Some(1.0),
            Some(-1.0),
            None,
            None
        ]
    );
    assert_eq!(g1.missing, [0, 1, 0, 1, 1, 1, 2, 2]);
    assert_eq!(
        g1.ranks,
        [
            Some(3),
            Some(1),
            Some(3),
            Some(5),
            Some(1),
            Some(5),
            None,
            None
        ]
    );
    // g2 = z: A −1, B 1, C −1, D 1, E −1, F 1.
    assert_eq!(
        r.groups[1].ranks,
        [
            Some(4),
            Some(1),
            Some(4),
            Some(1),
            Some(4),
            Some(1),
            None,
            None
        ]
    );

    // Total = (g1 + g2) / 2: A −0.5, B 1, C −0.5, D 0, E 0, F 0; G and H not ranked.
    assert_eq!(
        r.total.scores(),
        [
            Some(-0.5),
            Some(1.0),
            Some(-0.5),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            None,
            None
        ]
    );
    // Competition ranking: 1, 2, 2, 2, 5, 5.
    assert_eq!(
        r.total.ranks,
        [
            Some(5),
            Some(1),
            Some(5),
            Some(2),
            Some(2),
            Some(2),
            None,
            None
        ]
    );
    assert_eq!(r.total.ranked, 6);
    // County 30 (A, B, C, G): B 1, A and C share 2. County 03 (D, E, F, H): all three tie.
    assert_eq!(
        r.total.county_ranks,
        [
            Some(2),
            Some(1),
            Some(2),
            Some(1),
            Some(1),
            Some(1),
            None,
            None
        ]
    );
    let county30: Vec<(String, Option<u32>)> = r
        .county_rows("30")
        .into_iter()
        .map(|row| (row.code, row.county_rank))
        .collect();
    assert_eq!(
        county30,
        [
            ("B".to_string(), Some(1)),
            ("A".to_string(), Some(2)),
            ("C".to_string(), Some(2)),
            ("G".to_string(), None)
        ]
    );
    assert_eq!(r.county_ranked("30"), 3);
    let g = r.row("G").unwrap();
    assert_eq!(g.missing_groups, ["g1", "g2"]);
    assert!(r.row("B").unwrap().synthetic);
    assert!(r.uses_synthetic());
}

#[test]
fn exclude_policy_drops_incomplete_groups() {
    let def = Definition::parse(&HAND.replace("\"group_mean\"", "\"exclude\"")).unwrap();
    let table = SeriesTable::from_inputs(&hand_inputs());
    let r = Ranker::new(&def, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    // Only A and C have both x and y; both total −0.5 (g1 0, g2 −1): a tie at 1.
    assert_eq!(
        r.total.ranks,
        [Some(1), None, Some(1), None, None, None, None, None]
    );
    assert_eq!(r.total.county_ranks[0], Some(1));
    // The normalisation still uses every value: x is ±1 as before.
    assert_eq!(r.indicators[0].score(1), Some(1.0));
}

#[test]
fn coverage_threshold_and_ties_after_rounding() {
    // With coverage 0.75, B/D/E/F (half of g1) get no g1 score and are not ranked.
    let def =
        Definition::parse(&HAND.replace("min_group_coverage = 0.5", "min_group_coverage = 0.75"))
            .unwrap();
    let table = SeriesTable::from_inputs(&hand_inputs());
    let r = Ranker::new(&def, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    assert_eq!(r.total.ranked, 2);

    // Scores that differ only beyond tie_decimals share a rank; a coarser tie_decimals merges
    // more.
    let one = Definition::parse(&HAND.replace("clamp = 3", "clamp = 3\ntie_decimals = 0")).unwrap();
    let r = Ranker::new(&one, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    // Rounded to whole numbers (half to even): A −0.5 → −0, B 1, C −0, D/E/F 0: all but B tie.
    assert_eq!(
        r.total.ranks,
        [
            Some(2),
            Some(1),
            Some(2),
            Some(2),
            Some(2),
            Some(2),
            None,
            None
        ]
    );
}

#[test]
fn duplicate_municipality_is_refused() {
    let def = Definition::parse(HAND).unwrap();
    let table = SeriesTable::from_inputs(&hand_inputs());
    let err = Ranker::new(&def, &table)
        .rank_year(
            YEAR,
            &[Municipality::new("A", "30"), Municipality::new("A", "30")],
        )
        .unwrap_err();
    assert_eq!(
        err,
        RankError::DuplicateMunicipality {
            code: "A".into(),
            year: YEAR
        }
    );
}

#[test]
fn explain_and_sensitivity_match_hand_computation() {
    let def = Definition::parse(HAND).unwrap();
    let table = SeriesTable::from_inputs(&hand_inputs());
    let ranker = Ranker::new(&def, &table);
    let r = ranker.rank_year(YEAR, &hand_municipalities()).unwrap();

    // C: x 2 (score −1), y 10 (+1), z 5 (−1); g1 0, g2 −1; total −0.5, rank 5 of 6,
    // county 30 rank 2 of 3.
    let e = ranker.explain(&r, "C").unwrap();
    assert_eq!(
        (e.rank, e.ranked, e.county_rank, e.county_ranked),
        (Some(5), 6, Some(2), 3)
    );
    assert_eq!(e.score, Some(-0.5));
    let gap = e.gap_to_rank_above.as_ref().unwrap();
    // The next place up is the three-way tie D, E, F at 0 (rank 2): 0.5 above.
    assert_eq!((gap.rank, gap.score, gap.gap), (2, 0.0, 0.5));
    assert_eq!(gap.codes, ["D", "E", "F"]);
    assert_eq!(e.gap_to_10th, None, "only 6 ranked");
    assert_eq!(e.groups[0].score, Some(0.0));
    assert_eq!(e.groups[1].rank, Some(4));
    assert_eq!(e.indicators[1].rank, Some(1));
    assert_eq!(e.indicators[1].mean, Some(20.0));
    assert_eq!(e.indicators[1].sd, Some(10.0));

    // Sensitivity, by hand (others held fixed; others' totals B 1, D/E/F 0, A −0.5):
    //   x +1 sd: 2 → 3, score 0, g1 0.5, total −0.25: still below 0 → rank 5 (±0).
    //   x → county-30 median of {4, 4, 2} = 4: score 1, g1 1, total 0 → ties D/E/F: rank 2 (+3).
    //   y +1 sd (lower is better): 10 → 0, score 2, g1 0.5, total −0.25 → rank 5 (±0).
    //   y → median of {30, 10} = 20: score 0, g1 −0.5, total −0.75 → below A: rank 6 (−1).
    //   z +1 sd: 5 → 6, score 0, g2 0, total 0 → rank 2 (+3); county rank 2 (B above).
    //   z → median of {5, 7, 5} = 5: unchanged, rank 5 (±0).
    // Order: moves 3 (z, then x: z's +1 sd gains more), then y (moves 1).
    let order: Vec<&str> = e.sensitivity.iter().map(|s| s.indicator.as_str()).collect();
    assert_eq!(order, ["z", "x", "y"]);
    let z = &e.sensitivity[0];
    let p = z.plus_one_sd.as_ref().unwrap();
    assert_eq!((p.value, p.score, p.total), (6.0, 0.0, Some(0.0)));
    assert_eq!(
        (p.rank, p.county_rank, p.rank_gain),
        (Some(2), Some(2), Some(3))
    );
    assert_eq!(z.county_median.as_ref().unwrap().rank_gain, Some(0));
    assert_eq!(z.moves, 3);
    let x = &e.sensitivity[1];
    assert_eq!(x.plus_one_sd.as_ref().unwrap().rank, Some(5));
    assert!(close(x.plus_one_sd.as_ref().unwrap().total, -0.25));
    let xm = x.county_median.as_ref().unwrap();
    assert_eq!(
        (xm.value, xm.score, xm.rank, xm.rank_gain),
        (4.0, 1.0, Some(2), Some(3))
    );
    let y = &e.sensitivity[2];
    let yp = y.plus_one_sd.as_ref().unwrap();
    assert_eq!((yp.value, yp.score, yp.rank), (0.0, 2.0, Some(5)));
    let ym = y.county_median.as_ref().unwrap();
    assert_eq!((ym.value, ym.rank, ym.rank_gain), (20.0, Some(6), Some(-1)));
    assert!(close(ym.total, -0.75));
    assert_eq!(y.moves, 1);

    // B is first: nothing above.
    let b = ranker.explain(&r, "B").unwrap();
    assert_eq!(b.gap_to_rank_above, None);
    // E lacks x: under the group-mean policy it gets the mean of its other g1 score (y: +1).
    let e_ = ranker.explain(&r, "E").unwrap();
    assert_eq!(e_.indicators[0].score, None);
    assert_eq!(e_.indicators[0].imputed_score, Some(1.0));
    assert!(
        e_.sensitivity
            .iter()
            .find(|s| s.indicator == "x")
            .unwrap()
            .plus_one_sd
            .is_none()
    );
    assert_eq!(
        e_.indicators[0].missing_inputs[0].reason,
        MissingReason::NotAvailable
    );
    // G is not ranked, and says why; its x is confidential. Reporting x at the county median
    // (4) still leaves g2 without a score, so it stays unranked.
    let g = ranker.explain(&r, "G").unwrap();
    assert_eq!(g.rank, None);
    assert_eq!(g.missing_groups, ["g1", "g2"]);
    assert_eq!(
        g.indicators[0].missing_inputs[0].reason,
        MissingReason::Confidential
    );
    assert_eq!(g.indicators[0].missing_inputs[0].year, YEAR);
    let gx = g.sensitivity.iter().find(|s| s.indicator == "x").unwrap();
    assert_eq!(gx.county_median.as_ref().unwrap().rank, None);
    // H is not in the table: every input is "no observation".
    let h = ranker.explain(&r, "H").unwrap();
    assert_eq!(
        h.indicators[2].missing_inputs[0].reason,
        MissingReason::NoObservation
    );
    assert!(matches!(
        ranker.explain(&r, "Z"),
        Err(RankError::UnknownMunicipality { .. })
    ));
}

/// One indicator, twelve municipalities with values 1..=12: the gap to 10th place and the
/// sensitivity of the last.
#[test]
fn gap_to_tenth_place_and_sensitivity_of_the_last() {
    let one = HAND.split("[[groups]]").next().unwrap().to_string()
        + r#"
[[groups]]
id = "g"
name = { nb = "G", en = "G" }
weight = 1

[[groups.indicators]]
id = "x"
name = { nb = "x", en = "x" }
formula = "x"
direction = "higher"
weight = 1
data = "synthetic"
"#;
    let def = Definition::parse(&one).unwrap();
    let codes: Vec<String> = (1..=12).map(|i| format!("M{i:02}")).collect();
    let mut t = SeriesTable::new(&codes, ["x", "y", "z"], YEAR..=YEAR).unwrap();
    for (i, c) in codes.iter().enumerate() {
        t.set("x", c, YEAR, (i + 1) as f64, false).unwrap();
    }
    let ms: Vec<Municipality> = codes.iter().map(|c| Municipality::new(c, "01")).collect();
    let ranker = Ranker::new(&def, &t);
    let r = ranker.rank_year(YEAR, &ms).unwrap();
    // Values 1..12: mean 6.5, sd √(143/12).
    let sd = (143.0f64 / 12.0).sqrt();
    assert!(close(r.indicators[0].stats.map(|s| s.sd), sd));
    // M03 (value 3) is 10th: the gap to 10th place is zero.
    let e = ranker.explain(&r, "M03").unwrap();
    assert_eq!(e.rank, Some(10));
    let g10 = e.gap_to_10th.unwrap();
    assert_eq!(
        (g10.rank, g10.codes.clone(), g10.gap),
        (10, vec!["M03".to_string()], 0.0)
    );
    // M01 (value 1) is 12th: 1/sd below M02, 2/sd below 10th place.
    let e = ranker.explain(&r, "M01").unwrap();
    assert_eq!(e.rank, Some(12));
    let above = e.gap_to_rank_above.unwrap();
    assert_eq!((above.rank, above.codes), (11, vec!["M02".to_string()]));
    assert!((above.gap - 1.0 / sd).abs() < 1e-12);
    assert!((e.gap_to_10th.unwrap().gap - 2.0 / sd).abs() < 1e-12);
    // +1 sd: 1 → 1 + 3.45 = 4.45; eight values (5..12) above → rank 9, three places up.
    // County median (all twelve in county 01): 6.5; six values above → rank 7, five up.
    let s = &e.sensitivity[0];
    assert!(close(s.plus_one_sd.as_ref().map(|p| p.value), 1.0 + sd));
    assert_eq!(s.plus_one_sd.as_ref().unwrap().rank_gain, Some(3));
    let m = s.county_median.as_ref().unwrap();
    assert_eq!(
        (m.value, m.score, m.rank, m.rank_gain),
        (6.5, 0.0, Some(7), Some(5))
    );
    assert_eq!(s.moves, 5);
}

#[test]
fn minmax_and_rank_normalisations() {
    let table = SeriesTable::from_inputs(&hand_inputs());
    let mm = Definition::parse(&HAND.replace("\"zscore\"", "\"minmax\"")).unwrap();
    let r = Ranker::new(&mm, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    // x in {2, 4}: 4 → 1, 2 → 0; y (lower) 10 → 1, 30 → 0.
    assert_eq!(
        r.indicators[0].scores()[..4],
        [Some(1.0), Some(1.0), Some(0.0), Some(0.0)]
    );
    assert_eq!(r.indicators[1].score(0), Some(0.0));
    assert_eq!(r.indicators[1].score(2), Some(1.0));
    // Same ranks as the z-score here (two-valued indicators).
    assert_eq!(
        r.total.ranks,
        [
            Some(5),
            Some(1),
            Some(5),
            Some(2),
            Some(2),
            Some(2),
            None,
            None
        ]
    );
    let rk = Definition::parse(&HAND.replace("\"zscore\"", "\"rank\"")).unwrap();
    let r = Ranker::new(&rk, &table)
        .rank_year(YEAR, &hand_municipalities())
        .unwrap();
    // x = [4, 4, 2, 2]: the two 2s share average rank 1.5 from the worst → (1.5 − 1)/3;
    // the 4s 3.5 → 2.5/3.
    assert!(close(r.indicators[0].score(0), 2.5 / 3.0));
    assert!(close(r.indicators[0].score(2), 0.5 / 3.0));
}

/// Formulas: year offsets, max, diversity, division by zero.
#[test]
fn formulas_are_evaluated_over_the_table() {
    let def = Definition::parse(
        &(HAND.split("[series.x]").next().unwrap().to_string()
            + r#"
[series.p]
description = { nb = "p", en = "p" }
data = "synthetic"

[series.t]
description = { nb = "t", en = "t" }
data = "synthetic"

[series.f]
description = { nb = "f", en = "f" }
data = "synthetic"
family = true

[[groups]]
id = "g"
name = { nb = "G", en = "G" }
weight = 1

[[groups.indicators]]
id = "growth"
name = { nb = "v", en = "g" }
formula = "p[+1] / p[-2] - 1"
direction = "higher"
weight = 1
data = "synthetic"

[[groups.indicators]]
id = "tax"
name = { nb = "t", en = "t" }
formula = "max(t, 0) / p"
direction = "lower"
weight = 1
data = "synthetic"

[[groups.indicators]]
id = "div"
name = { nb = "d", en = "d" }
formula = "diversity(f)"
direction = "higher"
weight = 1
data = "synthetic"
"#),
    )
    .unwrap();
    let mut t = SeriesTable::new(
        ["A", "B", "C"],
        ["p", "t", "f:1", "f:2", "f:3"],
        2018..=2022,
    )
    .unwrap();
    // A: p 2019 = 100, 2022 = 110 → growth 0.1 for data year 2021; t −5 → 0 per resident.
    // B: p 2019 = 0 → division by zero → missing; t 50 / p(2021) 200 = 0.25.
    // C: p 2022 missing → missing growth.
    for (c, p19, p21, p22, tax) in [
        ("A", 100.0, 100.0, 110.0, -5.0),
        ("B", 0.0, 200.0, 210.0, 50.0),
        ("C", 100.0, 100.0, f64::NAN, 1.0),
    ] {
        t.set("p", c, 2019, p19, false).unwrap();
        t.set("p", c, 2021, p21, false).unwrap();
        t.set("p", c, 2022, p22, false).unwrap();
        t.set("t", c, 2021, tax, true).unwrap();
    }
    // Diversity: A 1/3 each → 1 − 3/9 = 2/3; B all in one → 0; C one member missing,
    // the other two equal → 1 − 2/4 = 0.5.
    for (c, v) in [
        ("A", [1.0, 1.0, 1.0]),
        ("B", [5.0, 0.0, 0.0]),
        ("C", [2.0, 2.0, f64::NAN]),
    ] {
        for (k, x) in v.iter().enumerate() {
            t.set(&format!("f:{}", k + 1), c, 2021, *x, false).unwrap();
        }
    }
    let ms: Vec<Municipality> = ["A", "B", "C"]
        .iter()
        .map(|c| Municipality::new(*c, "01"))
        .collect();
    let r = Ranker::new(&def, &t).rank_year(2021, &ms).unwrap();
    assert!(close(r.indicators[0].value(0), 0.1));
    assert_eq!(r.indicators[0].values()[1..], [None, None]);
    assert_eq!(
        r.indicators[1].values(),
        [Some(0.0), Some(0.25), Some(0.01)]
    );
    assert!(r.indicators[1].synthetic.iter().all(|s| *s));
    assert!(!r.indicators[0].synthetic[0]);
    assert!(close(r.indicators[2].value(0), 2.0 / 3.0));
    assert_eq!(r.indicators[2].values()[1..], [Some(0.0), Some(0.5)]);
    // Lower tax is better: A (0) first.
    assert_eq!(r.indicators[1].ranks(), [Some(1), Some(3), Some(2)]);
    assert_eq!(r.indicators[1].rank_of(2), Some(2));
    // A series the table lacks entirely is reported, and its indicator is missing for all.
    let t2 = SeriesTable::new(["A"], ["p"], 2021..=2021).unwrap();
    let r2 = Ranker::new(&def, &t2)
        .rank_year(2021, &[Municipality::new("A", "01")])
        .unwrap();
    assert_eq!(r2.indicators[1].absent_series, ["t"]);
    assert_eq!(r2.indicators[2].absent_series, ["f"]);
}

// ---------------------------------------------------------------------------------------------
// The bundled definition over real geography.

/// A deterministic pseudo-random value in (0, 1) for a key.
fn unit(key: &str) -> f64 {
    // FNV-1a, then a splitmix finaliser.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    ((h >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// Every series of the bundled definition, for these codes and years, with made-up values
/// (three members for each family).
fn synthetic_table(codes: &[String], years: std::ops::RangeInclusive<i32>) -> SeriesTable {
    let def = kommune_nm();
    let mut names = Vec::new();
    for s in &def.series {
        if s.family {
            names.extend((1..=3).map(|k| format!("{}:{k}", s.name)));
        } else {
            names.push(s.name.clone());
        }
    }
    let mut t = SeriesTable::new(codes, &names, years.clone()).unwrap();
    for y in years {
        for c in codes {
            for s in &names {
                let v = 1000.0 + 1000.0 * unit(&format!("{s}/{c}/{y}"));
                t.set(s, c, y, v, true).unwrap();
            }
        }
    }
    t
}

#[test]
fn county_ranking_in_2022_covers_exactly_the_30xx_municipalities() {
    let geo = Geography::bundled();
    let date = date!(2022 - 01 - 01);
    let valid = geo.municipalities_at(date).unwrap();
    let ms: Vec<Municipality> = valid
        .iter()
        .map(|m| Municipality::new(&m.code, &geo.county_of(&m.code, date).unwrap().code))
        .collect();
    let codes: Vec<String> = ms.iter().map(|m| m.code.clone()).collect();
    let table = synthetic_table(&codes, 2019..=2023);
    let def = kommune_nm();
    let r = Ranker::new(def, &table).rank_year(2022, &ms).unwrap();
    assert_eq!(r.total.ranked as usize, valid.len());

    let viken: BTreeSet<String> = r
        .county_rows("30")
        .into_iter()
        .map(|row| row.code)
        .collect();
    let klass_30xx: BTreeSet<String> = valid
        .iter()
        .filter(|m| m.code.starts_with("30"))
        .map(|m| m.code.clone())
        .collect();
    let in_county: BTreeSet<String> = geo
        .municipalities_in_county("30", date)
        .unwrap()
        .iter()
        .map(|m| m.code.clone())
        .collect();
    assert!(!viken.is_empty());
    assert_eq!(viken, klass_30xx);
    assert_eq!(viken, in_county);
    assert!(viken.contains("3025"), "Asker 2020–2023 is 3025");
    // County ranks 1..=n, in the national order.
    let rows = r.county_rows("30");
    let county_ranks: Vec<u32> = rows.iter().map(|row| row.county_rank.unwrap()).collect();
    assert_eq!(county_ranks, (1..=viken.len() as u32).collect::<Vec<_>>());
    assert!(rows.windows(2).all(|w| w[0].rank < w[1].rank));

    // In 2024 Viken is gone: no municipality is in county 30.
    let d24 = date!(2024 - 01 - 01);
    let ms24: Vec<Municipality> = geo
        .municipalities_at(d24)
        .unwrap()
        .iter()
        .map(|m| Municipality::new(&m.code, &geo.county_of(&m.code, d24).unwrap().code))
        .collect();
    assert!(ms24.iter().all(|m| m.county != "30"));
    assert!(ms24.iter().any(|m| m.code == "3203" && m.county == "32"));
}

#[test]
fn published_ranks_stay_beside_computed_ones() {
    let plan = plan::embedded_default();
    let nm2020 = &plan.published_rankings[0];
    assert_eq!((nm2020.edition, nm2020.data_year), (2020, 2019));
    let codes: Vec<String> = nm2020
        .rows
        .iter()
        .filter_map(|r| r.municipality_code.clone())
        .collect();
    let ms: Vec<Municipality> = codes.iter().map(|c| Municipality::new(c, "30")).collect();
    let table = synthetic_table(&codes, 2016..=2020);
    let def = kommune_nm();
    let r = Ranker::new(def, &table).rank_year(2019, &ms).unwrap();
    let pairs = compare_published(def, &r, nm2020).unwrap();
    // Six municipalities × (total + five groups).
    assert_eq!(pairs.len(), 36);
    let asker = &pairs[0];
    assert_eq!(asker.code, "3025");
    assert_eq!(asker.scope, RankScope::Total);
    assert_eq!((asker.edition, asker.data_year), (2020, 2019));
    let published = asker.published.as_ref().unwrap();
    assert_eq!(published.rank, 13);
    assert_eq!(published.origin, RankOrigin::Published);
    assert!(published.label.nb.starts_with("publisert av NHO"));
    let computed = asker.computed.as_ref().unwrap();
    assert_eq!(computed.origin, RankOrigin::Computed);
    assert_eq!(computed.out_of, Some(6));
    assert!(computed.synthetic);
    assert!(computed.label.nb.contains("SYNTETISKE DATA"));
    assert_eq!(
        asker.difference(),
        Some(computed.rank as i64 - 13),
        "computed − published"
    );
    let asker_demografi = pairs
        .iter()
        .find(|p| p.code == "3025" && p.scope == RankScope::Group("demografi".into()))
        .unwrap();
    assert_eq!(asker_demografi.published.as_ref().unwrap().rank, 95);
    // Demography uses real series only, but this test table marks everything synthetic.
    assert!(asker_demografi.computed.as_ref().unwrap().synthetic);

    // Edition ≠ data year + 1, or another data year: refused.
    let mut wrong = nm2020.clone();
    wrong.edition = 2019;
    assert!(matches!(
        compare_published(def, &r, &wrong),
        Err(RankError::EditionMismatch { lag: 1, .. })
    ));
    let r2020 = Ranker::new(def, &table).rank_year(2020, &ms).unwrap();
    assert_eq!(
        compare_published(def, &r2020, nm2020).unwrap_err(),
        RankError::YearMismatch {
            computed: 2020,
            published: 2019
        }
    );
}

#[test]
fn inputs_convert_to_a_table_with_the_same_results() {
    // Ranking from Inputs (via from_inputs) equals ranking from a table filled by hand.
    let def = Definition::parse(HAND).unwrap();
    let from_inputs = SeriesTable::from_inputs(&hand_inputs());
    let mut by_hand =
        SeriesTable::new(from_inputs.codes(), from_inputs.series(), YEAR..=YEAR).unwrap();
    for s in ["x", "y", "z"] {
        for c in from_inputs.codes() {
            if let Some(v) = from_inputs.get(s, c, YEAR) {
                by_hand.set(s, c, YEAR, v, true).unwrap();
            }
        }
    }
    let ms = hand_municipalities();
    let a = Ranker::new(&def, &from_inputs)
        .rank_year(YEAR, &ms)
        .unwrap();
    let b = Ranker::new(&def, &by_hand).rank_year(YEAR, &ms).unwrap();
    assert_eq!(a.total, b.total);
    assert_eq!(a.groups, b.groups);
    // JSON output has no NaN: missing is null.
    let json = serde_json::to_string(&a).unwrap();
    assert!(
        json.contains("\"scores\":[-0.5,1.0,-0.5,0.0,0.0,0.0,null,null]"),
        "{json}"
    );
}
