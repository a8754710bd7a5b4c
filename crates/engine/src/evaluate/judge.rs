//! Judging one year: the plan's rule and the ambition checked against the chosen value, each
//! check written out in Norwegian and English.

use super::*;
use i18n::Value;

/// A value in a sentence: `41,9 %`, `12.` (rank), `260 dekar`.
pub(super) fn fmt_value(v: f64, unit: Unit) -> String {
    plan::fmt::value(v, unit)
}

pub(super) fn fmt_value_en(v: f64, unit: Unit) -> String {
    plan::fmt::value_en(v, unit)
}

/// [`fmt_lhs`] or [`fmt_lhs_en`] by language (nynorsk writes numbers as bokmål does).
fn lhs(lang: plan::Lang, v: f64, unit: Unit) -> String {
    match lang {
        plan::Lang::En => fmt_lhs_en(v, unit),
        _ if unit == Unit::Rank => i18n::tr_args(
            lang,
            "judge-rank",
            &[("rank", plan::fmt::number(v, 0).into())],
        ),
        _ => fmt_lhs(v, unit),
    }
}

/// [`fmt_rhs`] or [`fmt_rhs_en`] by language.
fn rhs(lang: plan::Lang, v: f64, unit: Unit) -> String {
    match lang {
        plan::Lang::En => fmt_rhs_en(v, unit),
        _ => fmt_rhs(v, unit),
    }
}

/// [`fmt_value`] or [`fmt_value_en`] by language.
fn value_in(lang: plan::Lang, v: f64, unit: Unit) -> String {
    match lang {
        plan::Lang::En => fmt_value_en(v, unit),
        _ => fmt_value(v, unit),
    }
}

/// The left side of a comparison: `plass 12` for ranks, else as [`fmt_value`].
pub(super) fn fmt_lhs(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => format!("plass {}", plan::fmt::number(v, 0)),
        _ => fmt_value(v, unit),
    }
}

pub(super) fn fmt_lhs_en(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => format!("rank {}", plan::fmt::number(v, 0)),
        _ => fmt_value_en(v, unit),
    }
}

/// The right side of a comparison: a bare number for ranks (`≤ 10`), else as [`fmt_value`].
pub(super) fn fmt_rhs(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => plan::fmt::number(v, 0),
        _ => fmt_value(v, unit),
    }
}

pub(super) fn fmt_rhs_en(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => plan::fmt::number_en(v, 0),
        _ => fmt_value_en(v, unit),
    }
}

pub(super) fn outcome(holds: bool) -> CheckOutcome {
    if holds {
        CheckOutcome::Met
    } else {
        CheckOutcome::NotMet
    }
}

pub(super) fn threshold_check(
    value: Option<f64>,
    op: Op,
    target: f64,
    unit: Unit,
    ambition: bool,
    year: Year,
) -> Check {
    let out = value.map_or(CheckOutcome::NoData, |v| outcome(op.holds(v, target)));
    let text = Bilingual::each(|lang| {
        let what = if ambition {
            i18n::tr_args(
                lang,
                "judge-ambition-year",
                &[("year", year.to_string().into())],
            )
        } else {
            i18n::tr(lang, "judge-headline-rule")
        };
        match value {
            Some(v) => format!(
                "{what}: {} {} {} – {}",
                lhs(lang, v, unit),
                op.symbol(),
                rhs(lang, target, unit),
                out.label(lang)
            ),
            None => i18n::tr_args(
                lang,
                "judge-check-without-value",
                &[
                    ("what", what.into()),
                    ("op", op.symbol().into()),
                    ("target", rhs(lang, target, unit).into()),
                    ("outcome", out.label(lang).into()),
                ],
            ),
        }
    });
    Check {
        kind: if ambition {
            CheckKind::Ambition { op, target }
        } else {
            CheckKind::Threshold { op, target }
        },
        decisive: ambition,
        outcome: out,
        text,
    }
}

pub(super) fn previous_check(
    value: Option<f64>,
    previous: Option<ChosenValue>,
    year: Year,
    increase: bool,
    unit: Unit,
    decisive: bool,
) -> Check {
    let previous_year = year - 1;
    let out = match (value, previous) {
        (Some(v), Some(p)) => outcome(if increase { v > p.value } else { v < p.value }),
        _ => CheckOutcome::NoData,
    };
    let sym = if increase { ">" } else { "<" };
    let text = Bilingual::each(|lang| {
        let word = i18n::tr_args(
            lang,
            if increase {
                "judge-increase-from"
            } else {
                "judge-decrease-from"
            },
            &[("previous", previous_year.to_string().into())],
        );
        match (value, previous) {
            (Some(v), Some(p)) => format!(
                "{word}: {} {sym} {} ({previous_year}, {}) – {}",
                lhs(lang, v, unit),
                rhs(lang, p.value, unit),
                p.basis.label(lang),
                out.label(lang)
            ),
            (Some(_), None) => i18n::tr_args(
                lang,
                "judge-no-previous-value",
                &[
                    ("what", word.into()),
                    ("previous", previous_year.to_string().into()),
                    ("outcome", out.label(lang).into()),
                ],
            ),
            (None, _) => i18n::tr_args(
                lang,
                "judge-no-value-to-compare",
                &[
                    ("what", word.into()),
                    ("year", year.to_string().into()),
                    ("outcome", out.label(lang).into()),
                ],
            ),
        }
    });
    Check {
        kind: if increase {
            CheckKind::IncreaseFromPreviousYear {
                previous_year,
                previous,
            }
        } else {
            CheckKind::DecreaseFromPreviousYear {
                previous_year,
                previous,
            }
        },
        decisive,
        outcome: out,
        text,
    }
}

/// Judges one year of an indicator (see the module documentation for the rules).
///
/// `value` is the year's chosen value (none: no data) and `previous` the chosen value of the
/// calendar year before, which the rules "higher/lower than the previous year" need.
pub fn judge_year(
    indicator: &Indicator,
    year: Year,
    value: Option<ChosenValue>,
    previous: Option<ChosenValue>,
) -> Judgement {
    let unit = indicator.unit;
    let v = value.map(|c| c.value);
    let ambition = indicator.ambitions.get(&year).copied();
    let has_ambition = ambition.is_some();

    let mut checks = Vec::new();
    if let Some(target) = ambition {
        checks.push(threshold_check(
            v,
            indicator.ambition_op,
            target,
            unit,
            true,
            year,
        ));
    }
    // The headline rule: decisive for year-on-year rules in ambition years, else informational.
    if has_ambition || v.is_some() {
        match &indicator.rule {
            Rule::Threshold { op, target } => {
                if v.is_some() {
                    checks.push(threshold_check(v, *op, *target, unit, false, year));
                }
            }
            Rule::IncreaseFromPreviousYear => {
                checks.push(previous_check(v, previous, year, true, unit, has_ambition))
            }
            Rule::DecreaseFromPreviousYear => {
                checks.push(previous_check(v, previous, year, false, unit, has_ambition))
            }
        }
    }
    // An informational check that cannot be made says nothing.
    checks.retain(|c| c.decisive || c.outcome != CheckOutcome::NoData);

    // Demo data is never judged: a synthetic value, or a synthetic previous-year value that a
    // check compares it with, removes the checks it enters (they would say "met"/"not met").
    let value_demo = value.is_some_and(|c| c.synthetic);
    let previous_demo = previous.is_some_and(|c| c.synthetic);
    let uses_previous = |c: &Check| {
        matches!(
            c.kind,
            CheckKind::IncreaseFromPreviousYear { .. } | CheckKind::DecreaseFromPreviousYear { .. }
        )
    };
    let demo_decides =
        value_demo || (previous_demo && checks.iter().any(|c| c.decisive && uses_previous(c)));
    if value_demo {
        checks.clear();
    } else if previous_demo {
        checks.retain(|c| !uses_previous(c));
    }

    let verdict = if !has_ambition {
        Verdict::NoAmbition
    } else if demo_decides {
        Verdict::DemoNotJudged
    } else if v.is_none() {
        Verdict::NoData
    } else {
        let decisive: Vec<CheckOutcome> = checks
            .iter()
            .filter(|c| c.decisive)
            .map(|c| c.outcome)
            .collect();
        if decisive.contains(&CheckOutcome::NotMet) {
            Verdict::NotAchieved
        } else if decisive.contains(&CheckOutcome::NoData) {
            Verdict::NoData
        } else {
            Verdict::Achieved
        }
    };

    let reasoning = Bilingual::each(|lang| {
        let y = || Value::from(year.to_string());
        let mut parts = vec![
            match value {
                Some(c) => i18n::tr_args(
                    lang,
                    if c.synthetic {
                        "judge-value-is-synthetic"
                    } else {
                        "judge-value-is"
                    },
                    &[
                        ("year", y()),
                        ("value", value_in(lang, c.value, unit).into()),
                        ("source", c.source().label(lang).into()),
                    ],
                ),
                None => i18n::tr_args(lang, "judge-no-value", &[("year", y())]),
            },
            match ambition {
                Some(a) => i18n::tr_args(
                    lang,
                    if unit == Unit::Rank {
                        "judge-ambition-is-rank"
                    } else {
                        "judge-ambition-is"
                    },
                    &[
                        ("year", y()),
                        ("op", indicator.ambition_op.symbol().into()),
                        ("target", rhs(lang, a, unit).into()),
                    ],
                ),
                None => i18n::tr_args(lang, "judge-no-ambition", &[("year", y())]),
            },
        ];
        if value_demo {
            parts.push(i18n::tr(lang, "judge-value-demo-not-judged"));
        } else if previous_demo && demo_decides {
            parts.push(i18n::tr_args(
                lang,
                "judge-previous-demo-not-judged",
                &[("previous", (year - 1).to_string().into())],
            ));
        }
        for c in &checks {
            let text = c.text.get(lang);
            parts.push(if c.decisive {
                format!("{text}.")
            } else {
                i18n::tr_args(lang, "judge-for-information", &[("check", text.into())])
            });
        }
        parts.push(i18n::tr_args(
            lang,
            "judge-verdict",
            &[("verdict", verdict.label(lang).into())],
        ));
        parts.join(" ")
    });

    Judgement {
        year,
        verdict,
        value,
        ambition,
        checks,
        reasoning,
    }
}
