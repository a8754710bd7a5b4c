//! The computation of each definition: gather the inputs for a year, do the arithmetic, and
//! write it out in Norwegian and English.

use super::*;

/// Norwegian number for arithmetic: up to two decimals, no-break space between thousands.
pub(crate) fn num_nb(v: f64) -> String {
    plan::fmt::number_auto(v, 2)
}

/// English number for arithmetic: up to two decimals, comma between thousands.
pub(crate) fn num_en(v: f64) -> String {
    plan::fmt::number_auto_en(v, 2)
}

/// The result rounded for arithmetic lines.
pub(super) fn res_nb(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} %", plan::fmt::number(v, 1)).replace(' ', "\u{a0}"),
        Unit::Ratio => plan::fmt::number(v, 3),
        _ => plan::fmt::value(v, unit),
    }
}

pub(super) fn res_en(v: f64, unit: Unit) -> String {
    let s = match unit {
        Unit::Percent => format!("{:.1} %", v),
        Unit::Ratio => format!("{:.3}", v),
        Unit::Dekar => format!("{} dekar", num_en(v)),
        Unit::Nok => format!("NOK {}", num_en(v)),
        _ => num_en(v),
    };
    s.replace('-', "−")
}

/// Simple ratio/percent definitions: `scale × a / b`.
pub(super) fn simple_ratio(
    g: &mut Gather<'_>,
    y: Year,
    (a, a_nb, a_en): (&str, &str, &str),
    (b, b_nb, b_en): (&str, &str, &str),
    unit: Unit,
) -> Step {
    let av = g.get(a, y, a_nb, a_en);
    let bv = g.get(b, y, b_nb, b_en);
    let (Some(av), Some(bv)) = (av, bv) else {
        return Step::MissingInputs;
    };
    let r = if unit == Unit::Percent {
        formula::percent(av, bv)
    } else {
        formula::ratio(av, bv)
    };
    match r {
        Ok(value) => {
            let pre = if unit == Unit::Percent { "100 × " } else { "" };
            Step::Value {
                value,
                arithmetic: g.text(|| Bilingual {
                    nb: format!(
                        "{pre}{} / {} = {}",
                        num_nb(av),
                        num_nb(bv),
                        res_nb(value, unit)
                    ),
                    en: format!(
                        "{pre}{} / {} = {}",
                        num_en(av),
                        num_en(bv),
                        res_en(value, unit)
                    ),
                    ..Default::default()
                }),
            }
        }
        Err(u) => Step::Undefined(u),
    }
}

/// A definition that takes one series as it is.
pub(super) fn passthrough(
    g: &mut Gather<'_>,
    y: Year,
    s: &str,
    nb: &str,
    en: &str,
    unit: Unit,
) -> Step {
    match g.get(s, y, nb, en) {
        Some(v) => Step::Value {
            value: v,
            arithmetic: g.text(|| Bilingual {
                nb: format!("{} = {}", series::label_nb(s), res_nb(v, unit)),
                en: format!("{} = {}", series::label_en(s), res_en(v, unit)),
                ..Default::default()
            }),
        },
        None => Step::MissingInputs,
    }
}

pub(super) fn eval_egendekning(g: &mut Gather<'_>, y: Year) -> Step {
    simple_ratio(
        g,
        y,
        (
            series::JOBS,
            "arbeidsplasser i kommunen",
            "jobs in the municipality",
        ),
        (
            series::EMPLOYED_RESIDENTS,
            "sysselsatte bosatte 15–74 år",
            "employed residents aged 15–74",
        ),
        Unit::Ratio,
    )
}

pub(super) fn eval_sysselsettingsandel(g: &mut Gather<'_>, y: Year) -> Step {
    simple_ratio(
        g,
        y,
        (
            series::JOBS,
            "sysselsatte etter arbeidssted",
            "employed by place of work",
        ),
        (
            series::POPULATION_16_66,
            "befolkning 16–66 år",
            "population aged 16–66",
        ),
        Unit::Percent,
    )
}

pub(super) fn eval_sysselsettingsgrad(g: &mut Gather<'_>, y: Year) -> Step {
    simple_ratio(
        g,
        y,
        (
            series::EMPLOYED_RESIDENTS,
            "sysselsatte bosatte 15–74 år",
            "employed residents aged 15–74",
        ),
        (
            series::POPULATION_15_74,
            "befolkning 15–74 år",
            "population aged 15–74",
        ),
        Unit::Percent,
    )
}

pub(super) fn eval_kortreist(g: &mut Gather<'_>, y: Year) -> Step {
    simple_ratio(
        g,
        y,
        (
            series::EMPLOYED_RESIDENTS_LOCAL,
            "sysselsatte bosatte som arbeider i egen kommune",
            "employed residents working in their own municipality",
        ),
        (
            series::EMPLOYED_RESIDENTS,
            "alle sysselsatte bosatte",
            "all employed residents",
        ),
        Unit::Percent,
    )
}

pub(super) fn eval_job_growth(g: &mut Gather<'_>, y: Year) -> Step {
    let j0 = g.get(
        series::JOBS,
        y - 1,
        "arbeidsplasser året før (4. kvartal)",
        "jobs the year before (Q4)",
    );
    let j1 = g.get(
        series::JOBS,
        y,
        "arbeidsplasser i året (4. kvartal)",
        "jobs in the year (Q4)",
    );
    let p0 = g.get(
        series::POPULATION,
        y,
        "folkemengde ved årets start (1. januar)",
        "population at the start of the year (1 January)",
    );
    let p1 = g.get(
        series::POPULATION,
        y + 1,
        "folkemengde ved årets slutt (1. januar året etter)",
        "population at the end of the year (1 January the year after)",
    );
    let (Some(j0), Some(j1), Some(p0), Some(p1)) = (j0, j1, p0, p1) else {
        return Step::MissingInputs;
    };
    match formula::job_growth_vs_population(j0, j1, p0, p1) {
        Ok(value) => {
            let (dj, dp) = (j1 - j0, p1 - p0);
            Step::Value {
                value,
                arithmetic: g.text(|| Bilingual {
                    nb: format!(
                        "Δarbeidsplasser = {} − {} = {}; Δbefolkning = {} − {} = {}; \
                         100 × {} / {} = {}",
                        num_nb(j1),
                        num_nb(j0),
                        num_nb(dj),
                        num_nb(p1),
                        num_nb(p0),
                        num_nb(dp),
                        num_nb(dj),
                        num_nb(dp),
                        res_nb(value, Unit::Percent)
                    ),
                    en: format!(
                        "Δjobs = {} − {} = {}; Δpopulation = {} − {} = {}; 100 × {} / {} = {}",
                        num_en(j1),
                        num_en(j0),
                        num_en(dj),
                        num_en(p1),
                        num_en(p0),
                        num_en(dp),
                        num_en(dj),
                        num_en(dp),
                        res_en(value, Unit::Percent)
                    ),
                    ..Default::default()
                }),
            }
        }
        Err(u) => Step::Undefined(u),
    }
}

pub(super) fn eval_verdiskapning(g: &mut Gather<'_>, y: Year) -> Step {
    let w = g.get(series::WAGE_COSTS, y, "lønnskostnader", "wage costs");
    let o = g.get(
        series::OPERATING_RESULT,
        y,
        "driftsresultat",
        "operating result",
    );
    let (Some(w), Some(o)) = (w, o) else {
        return Step::MissingInputs;
    };
    let v = formula::verdiskapning(w, o);
    Step::Value {
        value: v,
        arithmetic: g.text(|| Bilingual {
            nb: format!("{} + {} = {}", num_nb(w), num_nb(o), res_nb(v, Unit::Nok)),
            en: format!("{} + {} = {}", num_en(w), num_en(o), res_en(v, Unit::Nok)),
            ..Default::default()
        }),
    }
}

pub(super) fn eval_nyetableringer(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::NEW_ENTERPRISES,
        "nyetablerte foretak",
        "new enterprises",
        Unit::Count,
    )
}

pub(super) fn eval_farmland(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::FARMLAND_CONVERTED_DEKAR,
        "omdisponert dyrket mark",
        "farmland converted",
        Unit::Dekar,
    )
}

pub(super) fn eval_procurement_local(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_LOCAL_SHARE,
        "andel hos leverandører i kommunen",
        "share with suppliers in the municipality",
        Unit::Percent,
    )
}

pub(super) fn eval_procurement_neighbour(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_NEIGHBOUR_SHARE,
        "andel hos leverandører i nabokommuner",
        "share with suppliers in neighbouring municipalities",
        Unit::Percent,
    )
}

pub(super) fn eval_procurement_elsewhere(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_ELSEWHERE_SHARE,
        "andel hos leverandører andre steder",
        "share with suppliers elsewhere",
        Unit::Percent,
    )
}

pub(super) fn eval_procurement_sme(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_SME_SHARE,
        "andel hos små og mellomstore bedrifter",
        "share with small and medium enterprises",
        Unit::Percent,
    )
}

pub(super) fn eval_knowledge(g: &mut Gather<'_>, y: Year) -> Step {
    let found: Vec<(String, Observation)> = g
        .inputs
        .with_prefix(series::JOBS_BY_INDUSTRY_PREFIX, g.code, y)
        .filter(|(s, _)| series::industry_division(s).is_some())
        .map(|(s, o)| (s.to_string(), o.clone()))
        .collect();
    if found.is_empty() {
        g.used.push(UsedInput {
            series: format!("{}*", series::JOBS_BY_INDUSTRY_PREFIX),
            code: g.code.to_string(),
            year: y,
            role: Bilingual::new(
                "arbeidsplasser etter næring (alle næringer)",
                "jobs by industry (all industries)",
            ),
            observation: Observation::absent(),
        });
        return Step::MissingInputs;
    }
    let mut parts = Vec::new();
    let mut complete = true;
    for (s, o) in found {
        let d = series::industry_division(&s).unwrap_or(0);
        let ki = formula::is_knowledge_intensive(d);
        let (nb, en) = if ki {
            (
                format!("næring {d:02} (kunnskapsintensiv: teller og nevner)"),
                format!("industry {d:02} (knowledge-intensive: numerator and denominator)"),
            )
        } else {
            (
                format!("næring {d:02} (bare i nevneren)"),
                format!("industry {d:02} (denominator only)"),
            )
        };
        match o.as_value() {
            Some(v) => parts.push((d, v)),
            None => complete = false,
        }
        g.used.push(UsedInput {
            series: s,
            code: g.code.to_string(),
            year: y,
            role: Bilingual {
                nb,
                en,
                ..Default::default()
            },
            observation: o,
        });
    }
    if !complete {
        return Step::MissingInputs;
    }
    let total: f64 = parts.iter().map(|(_, v)| v).sum();
    let ki: f64 = parts
        .iter()
        .filter(|(d, _)| formula::is_knowledge_intensive(*d))
        .map(|(_, v)| v)
        .sum();
    match formula::knowledge_intensive_share(&parts) {
        Ok(value) => Step::Value {
            value,
            arithmetic: g.text(|| Bilingual {
                nb: format!(
                    "100 × {} / {} = {} (kunnskapsintensive næringer / alle næringer)",
                    num_nb(ki),
                    num_nb(total),
                    res_nb(value, Unit::Percent)
                ),
                en: format!(
                    "100 × {} / {} = {} (knowledge-intensive industries / all industries)",
                    num_en(ki),
                    num_en(total),
                    res_en(value, Unit::Percent)
                ),
                ..Default::default()
            }),
        },
        Err(u) => Step::Undefined(u),
    }
}
