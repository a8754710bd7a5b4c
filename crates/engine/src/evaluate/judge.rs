//! Judging one year: the plan's rule and the ambition checked against the chosen value, each
//! check written out in Norwegian and English.

use super::*;

/// A value in a sentence: `41,9 %`, `12.` (rank), `260 dekar`.
pub(super) fn fmt_value(v: f64, unit: Unit) -> String {
    plan::fmt::value(v, unit)
}

pub(super) fn fmt_value_en(v: f64, unit: Unit) -> String {
    plan::fmt::value_en(v, unit)
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
    let (what_nb, what_en) = if ambition {
        (format!("Ambisjon {year}"), format!("Ambition {year}"))
    } else {
        ("Hovedregel".to_string(), "Headline rule".to_string())
    };
    let (text_nb, text_en) = match value {
        Some(v) => (
            format!(
                "{what_nb}: {} {} {} – {}",
                fmt_lhs(v, unit),
                op.symbol(),
                fmt_rhs(target, unit),
                out.label_nb()
            ),
            format!(
                "{what_en}: {} {} {} – {}",
                fmt_lhs_en(v, unit),
                op.symbol(),
                fmt_rhs_en(target, unit),
                out.label_en()
            ),
        ),
        None => (
            format!(
                "{what_nb} ({} {}): ingen verdi – {}",
                op.symbol(),
                fmt_rhs(target, unit),
                out.label_nb()
            ),
            format!(
                "{what_en} ({} {}): no value – {}",
                op.symbol(),
                fmt_rhs_en(target, unit),
                out.label_en()
            ),
        ),
    };
    Check {
        kind: if ambition {
            CheckKind::Ambition { op, target }
        } else {
            CheckKind::Threshold { op, target }
        },
        decisive: ambition,
        outcome: out,
        text: Bilingual {
            nb: text_nb,
            en: text_en,
        },
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
    let (sym, word_nb, word_en) = if increase {
        (">", "Økning fra", "Increase from")
    } else {
        ("<", "Nedgang fra", "Decrease from")
    };
    let (text_nb, text_en) = match (value, previous) {
        (Some(v), Some(p)) => (
            format!(
                "{word_nb} {previous_year}: {} {sym} {} ({previous_year}, {}) – {}",
                fmt_lhs(v, unit),
                fmt_rhs(p.value, unit),
                p.basis.label_nb(),
                out.label_nb()
            ),
            format!(
                "{word_en} {previous_year}: {} {sym} {} ({previous_year}, {}) – {}",
                fmt_lhs_en(v, unit),
                fmt_rhs_en(p.value, unit),
                p.basis.label_en(),
                out.label_en()
            ),
        ),
        (Some(_), None) => (
            format!(
                "{word_nb} {previous_year}: ingen verdi for {previous_year} å sammenligne med – {}",
                out.label_nb()
            ),
            format!(
                "{word_en} {previous_year}: no value for {previous_year} to compare with – {}",
                out.label_en()
            ),
        ),
        (None, _) => (
            format!(
                "{word_nb} {previous_year}: ingen verdi for {year} – {}",
                out.label_nb()
            ),
            format!(
                "{word_en} {previous_year}: no value for {year} – {}",
                out.label_en()
            ),
        ),
    };
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
        text: Bilingual {
            nb: text_nb,
            en: text_en,
        },
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

    let value_nb = match value {
        Some(c) => format!(
            "Verdien for {year} er {} ({}{}).",
            fmt_value(c.value, unit),
            c.source().label_nb(),
            if c.synthetic { ", SYNTETISKE DATA" } else { "" }
        ),
        None => {
            format!("Ingen verdi for {year} (verken beregnet, importert eller sitert i planen).")
        }
    };
    let value_en = match value {
        Some(c) => format!(
            "The value for {year} is {} ({}{}).",
            fmt_value_en(c.value, unit),
            c.source().label_en(),
            if c.synthetic { ", SYNTHETIC DATA" } else { "" }
        ),
        None => format!("No value for {year} (neither computed, imported nor quoted in the plan)."),
    };
    let (amb_nb, amb_en) = match ambition {
        Some(a) => (
            format!(
                "Ambisjonen for {year} er {}{} {}.",
                if unit == Unit::Rank { "plass " } else { "" },
                indicator.ambition_op.symbol(),
                fmt_rhs(a, unit)
            ),
            format!(
                "The ambition for {year} is {}{} {}.",
                if unit == Unit::Rank { "rank " } else { "" },
                indicator.ambition_op.symbol(),
                fmt_rhs_en(a, unit)
            ),
        ),
        None => (
            format!("Planen har ingen ambisjon for {year}."),
            format!("The plan sets no ambition for {year}."),
        ),
    };
    let checks_nb: Vec<String> = checks
        .iter()
        .map(|c| {
            if c.decisive {
                format!("{}.", c.text.nb)
            } else {
                format!("{} (til informasjon).", c.text.nb)
            }
        })
        .collect();
    let checks_en: Vec<String> = checks
        .iter()
        .map(|c| {
            if c.decisive {
                format!("{}.", c.text.en)
            } else {
                format!("{} (for information).", c.text.en)
            }
        })
        .collect();
    let mut nb = vec![value_nb, amb_nb];
    let mut en = vec![value_en, amb_en];
    if value_demo {
        nb.push("Verdien bygger på demodata (syntetiske data) og vurderes ikke.".into());
        en.push("The value rests on demo (synthetic) data and is not judged.".into());
    } else if previous_demo && demo_decides {
        nb.push(format!(
            "Verdien for {} bygger på demodata; sammenligningen med den vurderes ikke.",
            year - 1
        ));
        en.push(format!(
            "The value for {} rests on demo data; the comparison with it is not judged.",
            year - 1
        ));
    }
    nb.extend(checks_nb);
    nb.push(format!("Vurdering: {}.", verdict.label_nb()));
    en.extend(checks_en);
    en.push(format!("Verdict: {}.", verdict.label_en()));

    Judgement {
        year,
        verdict,
        value,
        ambition,
        checks,
        reasoning: Bilingual {
            nb: nb.join(" "),
            en: en.join(" "),
        },
    }
}
