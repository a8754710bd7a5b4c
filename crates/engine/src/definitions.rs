//! The definitions of the plan's chapter 9 (*Begrepsliste/definisjoner*) as tested functions.
//!
//! Each [`Definition`] has an id (the one plan files name in
//! `computation = { kind = "definition", definition = "…" }`), a Norwegian and English name and
//! formula, the inputs it needs, and a computation over an [`Inputs`] table. The arithmetic itself
//! lives in [`formula`] as plain functions over numbers, so it can be tested by hand.
//!
//! Choices the plan leaves open, documented here and in each definition's `notes`:
//!
//! - **Job growth relative to population growth** (`job_growth_vs_population`) for year *y*:
//!   Δjobs(y) = jobs(y) − jobs(y−1), both 4th-quarter counts; Δpopulation(y) = population(1 Jan
//!   y+1) − population(1 Jan y), the growth during year *y*; value = 100 × Δjobs / Δpopulation, in
//!   percent. The plan's rule "at least 50 %" is `value ≥ 50`. When Δpopulation ≤ 0 the ratio has
//!   no meaning (the plan's premise is growth): there is no value, with that reason — never 0,
//!   never infinity. A negative Δjobs with positive population growth gives a negative value.
//! - **Ratios** have no value when the denominator is 0 or negative.
//! - **Missing cells** (SSB `.`, `..`, `...`, `:`, `-`, or no observation) make the result
//!   missing, with the missing inputs listed. `-` (nil) is not read as 0 either.
//! - **Knowledge-intensive share**: the plan's footnote 5 names NACE divisions 05–09, 10–33,
//!   58–63, 64–66, 68–75 and 86–88 "where more than 33 % of employees have higher education";
//!   the division list is used as the operational definition (the education share per industry
//!   is not among the inputs). Denominator: the sum of every `jobs_by_industry:NN` series
//!   present for the municipality and year (including `00`, unknown industry); numerator: those
//!   in the list. Any missing division cell makes the share missing.
//! - **Merged municipalities**: inputs are summed first (see [`crate::inputs::sum_components`]
//!   and [`formula::ratio_of_sums`]); a ratio is never an average of the parts' ratios.

use plan::{Unit, Year};
use serde::Serialize;
use thiserror::Error;

use crate::Bilingual;
use crate::inputs::{Inputs, MissingReason, Observation, series};

/// Why a formula has no value although its inputs are present.
#[derive(Debug, Clone, Copy, PartialEq, Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Undefined {
    /// A ratio's denominator is zero or negative.
    #[error("the denominator is {denominator}, so the ratio is undefined")]
    NonPositiveDenominator {
        /// The denominator found.
        denominator: f64,
    },
    /// The population did not grow, so job growth relative to population growth has no meaning.
    #[error("the population did not grow (change {delta_population}), so the ratio is undefined")]
    NoPopulationGrowth {
        /// Δpopulation found (≤ 0).
        delta_population: f64,
    },
}

impl Undefined {
    /// The reason in Norwegian (bokmål), with Norwegian number formatting.
    pub fn describe_nb(&self) -> String {
        match self {
            Undefined::NonPositiveDenominator { denominator } => format!(
                "nevneren er {}, så forholdstallet er ikke definert",
                num_nb(*denominator)
            ),
            Undefined::NoPopulationGrowth { delta_population } => format!(
                "befolkningen vokste ikke (endring {}), så forholdet mellom vekst i \
                 arbeidsplasser og befolkningsvekst er ikke definert",
                num_nb(*delta_population)
            ),
        }
    }

    /// The reason in English.
    pub fn describe_en(&self) -> String {
        self.to_string()
    }
}

/// The formulas over plain numbers. Every function returns the indicator value in the
/// definition's unit (percent as the percent number: 41.9 means 41,9 %).
pub mod formula {
    use super::Undefined;

    /// NACE divisions of knowledge-intensive industries (plan footnote 5), inclusive ranges.
    pub const KNOWLEDGE_INTENSIVE_DIVISIONS: [(u8, u8); 6] =
        [(5, 9), (10, 33), (58, 63), (64, 66), (68, 75), (86, 88)];

    /// Whether a NACE division (two-digit number) is knowledge-intensive.
    pub fn is_knowledge_intensive(division: u8) -> bool {
        KNOWLEDGE_INTENSIVE_DIVISIONS
            .iter()
            .any(|(a, b)| (*a..=*b).contains(&division))
    }

    /// `numerator / denominator`; undefined when the denominator is not positive.
    pub fn ratio(numerator: f64, denominator: f64) -> Result<f64, Undefined> {
        if denominator > 0.0 {
            Ok(numerator / denominator)
        } else {
            Err(Undefined::NonPositiveDenominator { denominator })
        }
    }

    /// `100 × numerator / denominator`.
    pub fn percent(numerator: f64, denominator: f64) -> Result<f64, Undefined> {
        ratio(numerator, denominator).map(|r| 100.0 * r)
    }

    /// The ratio of a merged municipality from its parts' `(numerator, denominator)`: the sum of
    /// numerators over the sum of denominators — never the average of the parts' ratios.
    pub fn ratio_of_sums(parts: &[(f64, f64)]) -> Result<f64, Undefined> {
        let (n, d) = parts
            .iter()
            .fold((0.0, 0.0), |(n, d), (pn, pd)| (n + pn, d + pd));
        ratio(n, d)
    }

    /// *Egendekning*: jobs in the municipality per employed resident aged 15–74 (a ratio).
    pub fn egendekning(jobs: f64, employed_residents: f64) -> Result<f64, Undefined> {
        ratio(jobs, employed_residents)
    }

    /// *Sysselsettingsandel*: jobs (employed by place of work) as % of the population 16–66.
    pub fn sysselsettingsandel(jobs: f64, population_16_66: f64) -> Result<f64, Undefined> {
        percent(jobs, population_16_66)
    }

    /// *Sysselsettingsgrad*: employed residents 15–74 as % of the population 15–74.
    pub fn sysselsettingsgrad(
        employed_residents: f64,
        population_15_74: f64,
    ) -> Result<f64, Undefined> {
        percent(employed_residents, population_15_74)
    }

    /// *Kortreist andel*: employed residents working in their own municipality as % of all
    /// employed residents.
    pub fn kortreist_andel(local: f64, employed_residents: f64) -> Result<f64, Undefined> {
        percent(local, employed_residents)
    }

    /// Job growth relative to population growth, in percent: `100 × (jobs − jobs_prev) /
    /// (population_end − population_start)`, where `jobs_prev`/`jobs` are 4th-quarter counts of
    /// years *y−1*/*y* and `population_start`/`population_end` the population on 1 January of
    /// *y*/*y+1*. Undefined when the population did not grow.
    pub fn job_growth_vs_population(
        jobs_prev: f64,
        jobs: f64,
        population_start: f64,
        population_end: f64,
    ) -> Result<f64, Undefined> {
        let dj = jobs - jobs_prev;
        let dp = population_end - population_start;
        if dp <= 0.0 {
            return Err(Undefined::NoPopulationGrowth {
                delta_population: dp,
            });
        }
        Ok(100.0 * dj / dp)
    }

    /// *Verdiskapning i privat næringsliv*: wage costs + operating result.
    pub fn verdiskapning(wage_costs: f64, operating_result: f64) -> f64 {
        wage_costs + operating_result
    }

    /// Share of jobs in knowledge-intensive industries, in percent, from `(division, jobs)`
    /// pairs covering all industries.
    pub fn knowledge_intensive_share(by_division: &[(u8, f64)]) -> Result<f64, Undefined> {
        let total: f64 = by_division.iter().map(|(_, v)| v).sum();
        let ki: f64 = by_division
            .iter()
            .filter(|(d, _)| is_knowledge_intensive(*d))
            .map(|(_, v)| v)
            .sum();
        percent(ki, total)
    }
}

/// One input a definition needs: a series at an offset from the year computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Semantic series name (see [`series`]); `jobs_by_industry:*` stands for the whole family.
    pub series: &'static str,
    /// Year offset: the value for year *y* uses the series in year *y + offset*.
    pub year_offset: i32,
    /// What it is, in Norwegian.
    pub role_nb: &'static str,
    /// What it is, in English.
    pub role_en: &'static str,
}

/// Outcome of a definition's arithmetic before bookkeeping.
enum Step {
    Value { value: f64, arithmetic: Bilingual },
    MissingInputs,
    Undefined(Undefined),
}

type EvalFn = fn(&mut Gather<'_>, Year) -> Step;

/// A definition of the seed's chapter 9: id, names, formula, inputs and computation.
#[derive(Clone, Copy, Serialize)]
pub struct Definition {
    /// Stable id, as plan files name it.
    pub id: &'static str,
    /// Name in Norwegian (bokmål).
    pub name_nb: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// Formula in Norwegian.
    pub formula_nb: &'static str,
    /// Formula in English.
    pub formula_en: &'static str,
    /// Unit of the value.
    pub unit: Unit,
    /// Inputs it needs.
    pub needs: &'static [Need],
    /// Documented choices, in English.
    pub notes: &'static str,
    #[serde(skip)]
    eval: EvalFn,
}

impl std::fmt::Debug for Definition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Definition").field("id", &self.id).finish()
    }
}

impl PartialEq for Definition {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// An input as used in a computation: which series, municipality and year, what role it plays,
/// and the observation found (a missing one included, with its reason and provenance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsedInput {
    /// Semantic series name.
    pub series: String,
    /// Municipality code.
    pub code: String,
    /// Year of the observation.
    pub year: Year,
    /// Its role in the formula.
    pub role: Bilingual,
    /// The observation ([`MissingReason::NoObservation`] when the table had none).
    pub observation: Observation,
}

/// An input that had no value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingInput {
    /// Semantic series name.
    pub series: String,
    /// Year.
    pub year: Year,
    /// Why it is missing.
    pub reason: MissingReason,
}

/// A value computed by a definition, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComputedValue {
    /// Definition id.
    pub definition: String,
    /// The year the value describes.
    pub year: Year,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit of the value.
    pub unit: Unit,
    /// Every input used, with its provenance.
    pub inputs: Vec<UsedInput>,
    /// The arithmetic, with the numbers filled in.
    pub arithmetic: Bilingual,
    /// Whether any input is synthetic (then so is the value).
    pub synthetic: bool,
}

/// Why a definition produced no value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NoValueReason {
    /// Some inputs have no value.
    MissingInputs {
        /// The inputs without value and why.
        missing: Vec<MissingInput>,
    },
    /// The inputs are there but the formula is undefined for them.
    Undefined {
        /// Why.
        why: Undefined,
    },
}

impl NoValueReason {
    /// The reason in Norwegian.
    pub fn describe_nb(&self) -> String {
        match self {
            NoValueReason::MissingInputs { missing } => {
                let list: Vec<String> = missing
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {}: {}",
                            series::label_nb(&m.series),
                            m.year,
                            m.reason.describe_nb()
                        )
                    })
                    .collect();
                format!("mangler grunnlagstall ({})", list.join("; "))
            }
            NoValueReason::Undefined { why } => why.describe_nb(),
        }
    }

    /// The reason in English.
    pub fn describe_en(&self) -> String {
        match self {
            NoValueReason::MissingInputs { missing } => {
                let list: Vec<String> = missing
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {}: {}",
                            series::label_en(&m.series),
                            m.year,
                            m.reason.describe_en()
                        )
                    })
                    .collect();
                format!("inputs missing ({})", list.join("; "))
            }
            NoValueReason::Undefined { why } => why.describe_en(),
        }
    }
}

/// No value for a year, with the inputs that were looked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoValue {
    /// Definition id.
    pub definition: String,
    /// The year.
    pub year: Year,
    /// Why there is no value.
    pub reason: NoValueReason,
    /// The inputs looked at (found or not), with provenance.
    pub inputs: Vec<UsedInput>,
}

/// The result of computing a definition for one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum DefinitionOutcome {
    /// A value.
    Computed(ComputedValue),
    /// No value, and why.
    NoValue(NoValue),
}

impl DefinitionOutcome {
    /// The computed value, if any.
    pub fn computed(&self) -> Option<&ComputedValue> {
        match self {
            DefinitionOutcome::Computed(c) => Some(c),
            DefinitionOutcome::NoValue(_) => None,
        }
    }

    /// The inputs looked at.
    pub fn inputs(&self) -> &[UsedInput] {
        match self {
            DefinitionOutcome::Computed(c) => &c.inputs,
            DefinitionOutcome::NoValue(n) => &n.inputs,
        }
    }
}

/// Collects the inputs a computation looks at.
struct Gather<'a> {
    inputs: &'a Inputs,
    code: &'a str,
    used: Vec<UsedInput>,
}

impl Gather<'_> {
    fn get(&mut self, series: &str, year: Year, role_nb: &str, role_en: &str) -> Option<f64> {
        let observation = self
            .inputs
            .get(series, self.code, year)
            .cloned()
            .unwrap_or_else(Observation::absent);
        let v = observation.as_value();
        self.used.push(UsedInput {
            series: series.to_string(),
            code: self.code.to_string(),
            year,
            role: Bilingual::new(role_nb, role_en),
            observation,
        });
        v
    }
}

impl Definition {
    /// Computes the definition for municipality `code` and `year` from `inputs`.
    pub fn compute(&self, inputs: &Inputs, code: &str, year: Year) -> DefinitionOutcome {
        let mut g = Gather {
            inputs,
            code,
            used: Vec::new(),
        };
        let step = (self.eval)(&mut g, year);
        let used = g.used;
        match step {
            Step::Value { value, arithmetic } => DefinitionOutcome::Computed(ComputedValue {
                definition: self.id.to_string(),
                year,
                value,
                unit: self.unit,
                synthetic: used.iter().any(|u| u.observation.provenance.synthetic),
                inputs: used,
                arithmetic,
            }),
            Step::MissingInputs => {
                let missing = used
                    .iter()
                    .filter_map(|u| {
                        u.observation.cell.missing().map(|r| MissingInput {
                            series: u.series.clone(),
                            year: u.year,
                            reason: r.clone(),
                        })
                    })
                    .collect();
                DefinitionOutcome::NoValue(NoValue {
                    definition: self.id.to_string(),
                    year,
                    reason: NoValueReason::MissingInputs { missing },
                    inputs: used,
                })
            }
            Step::Undefined(why) => DefinitionOutcome::NoValue(NoValue {
                definition: self.id.to_string(),
                year,
                reason: NoValueReason::Undefined { why },
                inputs: used,
            }),
        }
    }

    /// The years for which `inputs` holds any observation this definition reads directly
    /// (shifted by each need's offset), for municipality `code`.
    pub fn candidate_years(&self, inputs: &Inputs, code: &str) -> std::collections::BTreeSet<Year> {
        let mut years = std::collections::BTreeSet::new();
        for n in self.needs {
            let prefix = n.series.trim_end_matches('*');
            let exact = !n.series.ends_with('*');
            for y in inputs.years_with_prefix(prefix, code) {
                if exact && inputs.get(n.series, code, y).is_none() {
                    continue;
                }
                // The series in year y serves the computation of year y − offset.
                years.insert(y - n.year_offset);
            }
        }
        years
    }
}

/// Norwegian number for arithmetic: up to two decimals, no-break space between thousands.
pub(crate) fn num_nb(v: f64) -> String {
    plan::fmt::number_auto(v, 2)
}

/// English number for arithmetic: up to two decimals, comma between thousands.
pub(crate) fn num_en(v: f64) -> String {
    plan::fmt::number_auto_en(v, 2)
}

/// The result rounded for arithmetic lines.
fn res_nb(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} %", plan::fmt::number(v, 1)).replace(' ', "\u{a0}"),
        Unit::Ratio => plan::fmt::number(v, 3),
        _ => plan::fmt::value(v, unit),
    }
}

fn res_en(v: f64, unit: Unit) -> String {
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
fn simple_ratio(
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
                arithmetic: Bilingual {
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
                },
            }
        }
        Err(u) => Step::Undefined(u),
    }
}

/// A definition that takes one series as it is.
fn passthrough(g: &mut Gather<'_>, y: Year, s: &str, nb: &str, en: &str, unit: Unit) -> Step {
    match g.get(s, y, nb, en) {
        Some(v) => Step::Value {
            value: v,
            arithmetic: Bilingual {
                nb: format!("{} = {}", series::label_nb(s), res_nb(v, unit)),
                en: format!("{} = {}", series::label_en(s), res_en(v, unit)),
            },
        },
        None => Step::MissingInputs,
    }
}

fn eval_egendekning(g: &mut Gather<'_>, y: Year) -> Step {
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

fn eval_sysselsettingsandel(g: &mut Gather<'_>, y: Year) -> Step {
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

fn eval_sysselsettingsgrad(g: &mut Gather<'_>, y: Year) -> Step {
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

fn eval_kortreist(g: &mut Gather<'_>, y: Year) -> Step {
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

fn eval_job_growth(g: &mut Gather<'_>, y: Year) -> Step {
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
                arithmetic: Bilingual {
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
                },
            }
        }
        Err(u) => Step::Undefined(u),
    }
}

fn eval_verdiskapning(g: &mut Gather<'_>, y: Year) -> Step {
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
        arithmetic: Bilingual {
            nb: format!("{} + {} = {}", num_nb(w), num_nb(o), res_nb(v, Unit::Nok)),
            en: format!("{} + {} = {}", num_en(w), num_en(o), res_en(v, Unit::Nok)),
        },
    }
}

fn eval_nyetableringer(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::NEW_ENTERPRISES,
        "nyetablerte foretak",
        "new enterprises",
        Unit::Count,
    )
}

fn eval_farmland(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::FARMLAND_CONVERTED_DEKAR,
        "omdisponert dyrket mark",
        "farmland converted",
        Unit::Dekar,
    )
}

fn eval_procurement_local(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_LOCAL_SHARE,
        "andel hos leverandører i kommunen",
        "share with suppliers in the municipality",
        Unit::Percent,
    )
}

fn eval_procurement_neighbour(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_NEIGHBOUR_SHARE,
        "andel hos leverandører i nabokommuner",
        "share with suppliers in neighbouring municipalities",
        Unit::Percent,
    )
}

fn eval_procurement_elsewhere(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_ELSEWHERE_SHARE,
        "andel hos leverandører andre steder",
        "share with suppliers elsewhere",
        Unit::Percent,
    )
}

fn eval_procurement_sme(g: &mut Gather<'_>, y: Year) -> Step {
    passthrough(
        g,
        y,
        series::PROCUREMENT_SME_SHARE,
        "andel hos små og mellomstore bedrifter",
        "share with small and medium enterprises",
        Unit::Percent,
    )
}

fn eval_knowledge(g: &mut Gather<'_>, y: Year) -> Step {
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
            role: Bilingual { nb, en },
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
            arithmetic: Bilingual {
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
            },
        },
        Err(u) => Step::Undefined(u),
    }
}

const fn need(
    series: &'static str,
    year_offset: i32,
    role_nb: &'static str,
    role_en: &'static str,
) -> Need {
    Need {
        series,
        year_offset,
        role_nb,
        role_en,
    }
}

/// Every definition, in the order of the plan's chapter 9 (then the indicators' own, then the
/// local-procurement shares of issue 9, each named as the series it passes through).
pub static DEFINITIONS: [Definition; 13] = [
    Definition {
        id: "egendekning",
        name_nb: "Egendekning",
        name_en: "Job coverage (jobs per employed resident)",
        formula_nb: "arbeidsplasser i kommunen / sysselsatte bosatte 15–74 år",
        formula_en: "jobs in the municipality / employed residents aged 15–74",
        unit: Unit::Ratio,
        needs: &[
            need(series::JOBS, 0, "arbeidsplasser", "jobs"),
            need(
                series::EMPLOYED_RESIDENTS,
                0,
                "sysselsatte bosatte",
                "employed residents",
            ),
        ],
        notes: "A plain ratio (1.0 means as many jobs as employed residents); undefined when \
                there are no employed residents.",
        eval: eval_egendekning,
    },
    Definition {
        id: "sysselsettingsandel",
        name_nb: "Sysselsettingsandel",
        name_en: "Employment share (jobs per population 16–66)",
        formula_nb: "100 × sysselsatte etter arbeidssted / befolkning 16–66 år",
        formula_en: "100 × employed by place of work / population aged 16–66",
        unit: Unit::Percent,
        needs: &[
            need(series::JOBS, 0, "sysselsatte etter arbeidssted", "jobs"),
            need(
                series::POPULATION_16_66,
                0,
                "befolkning 16–66 år",
                "population 16–66",
            ),
        ],
        notes: "As the plan defines it: jobs (employed 15–74 by place of work) over residents \
                16–66; the age groups differ on purpose.",
        eval: eval_sysselsettingsandel,
    },
    Definition {
        id: "sysselsettingsgrad",
        name_nb: "Sysselsettingsgrad",
        name_en: "Employment rate (residents 15–74)",
        formula_nb: "100 × sysselsatte bosatte 15–74 år / befolkning 15–74 år",
        formula_en: "100 × employed residents aged 15–74 / population aged 15–74",
        unit: Unit::Percent,
        needs: &[
            need(
                series::EMPLOYED_RESIDENTS,
                0,
                "sysselsatte bosatte",
                "employed residents",
            ),
            need(
                series::POPULATION_15_74,
                0,
                "befolkning 15–74 år",
                "population 15–74",
            ),
        ],
        notes: "Both counts at the employment statistics' reference time (4th quarter).",
        eval: eval_sysselsettingsgrad,
    },
    Definition {
        id: "kortreist_andel",
        name_nb: "Kortreist andel (bosatt og sysselsatt i egen kommune)",
        name_en: "Short-commute share (employed residents working in their own municipality)",
        formula_nb: "100 × sysselsatte bosatte som arbeider i egen kommune / alle sysselsatte \
                     bosatte",
        formula_en: "100 × employed residents working in their own municipality / all employed \
                     residents",
        unit: Unit::Percent,
        needs: &[
            need(
                series::EMPLOYED_RESIDENTS_LOCAL,
                0,
                "arbeider i egen kommune",
                "working locally",
            ),
            need(
                series::EMPLOYED_RESIDENTS,
                0,
                "alle sysselsatte bosatte",
                "all employed residents",
            ),
        ],
        notes: "For a merged municipality, commuting between the former municipalities counts \
                as local once the series are mapped to the merged code.",
        eval: eval_kortreist,
    },
    Definition {
        id: "job_growth_vs_population",
        name_nb: "Vekst i arbeidsplasser i forhold til befolkningsveksten",
        name_en: "Job growth relative to population growth",
        formula_nb: "100 × Δarbeidsplasser / Δbefolkning, der Δarbeidsplasser(år) = \
                     arbeidsplasser(år) − arbeidsplasser(år − 1) (4. kvartal) og \
                     Δbefolkning(år) = folkemengde(1.1. år + 1) − folkemengde(1.1. år)",
        formula_en: "100 × Δjobs / Δpopulation, where Δjobs(y) = jobs(y) − jobs(y − 1) (Q4) and \
                     Δpopulation(y) = population(1 Jan y + 1) − population(1 Jan y)",
        unit: Unit::Percent,
        needs: &[
            need(series::JOBS, 0, "arbeidsplasser i året", "jobs in the year"),
            need(
                series::JOBS,
                -1,
                "arbeidsplasser året før",
                "jobs the year before",
            ),
            need(
                series::POPULATION,
                0,
                "folkemengde 1.1. i året",
                "population 1 Jan",
            ),
            need(
                series::POPULATION,
                1,
                "folkemengde 1.1. året etter",
                "population 1 Jan next year",
            ),
        ],
        notes: "Growth during year y: Q4 jobs y vs y−1, population 1 January y+1 vs y. The \
                plan's rule 'at least 50 %' is value ≥ 50. When Δpopulation ≤ 0 the ratio is \
                undefined: no value, with that reason (never 0, never infinity).",
        eval: eval_job_growth,
    },
    Definition {
        id: "verdiskapning",
        name_nb: "Verdiskapning i privat næringsliv",
        name_en: "Value added in private business",
        formula_nb: "lønnskostnader + driftsresultat (foretak registrert i kommunen)",
        formula_en: "wage costs + operating result (enterprises registered in the municipality)",
        unit: Unit::Nok,
        needs: &[
            need(series::WAGE_COSTS, 0, "lønnskostnader", "wage costs"),
            need(
                series::OPERATING_RESULT,
                0,
                "driftsresultat",
                "operating result",
            ),
        ],
        notes: "Both series cover private enterprises registered in the municipality; the \
                operating result may be negative.",
        eval: eval_verdiskapning,
    },
    Definition {
        id: "nyetableringer",
        name_nb: "Nyetableringer",
        name_en: "New enterprises",
        formula_nb: "antall nye foretak (nyregistreringer og eierskifte teller ikke)",
        formula_en: "number of new enterprises (re-registrations and changes of owner excluded)",
        unit: Unit::Count,
        needs: &[need(
            series::NEW_ENTERPRISES,
            0,
            "nyetablerte foretak",
            "new enterprises",
        )],
        notes: "The series as the source counts it.",
        eval: eval_nyetableringer,
    },
    Definition {
        id: "farmland_converted",
        name_nb: "Omdisponert dyrket mark",
        name_en: "Farmland converted",
        formula_nb: "dekar dyrket mark omdisponert i året",
        formula_en: "dekar of cultivated land converted during the year",
        unit: Unit::Dekar,
        needs: &[need(
            series::FARMLAND_CONVERTED_DEKAR,
            0,
            "omdisponert dyrket mark",
            "farmland converted",
        )],
        notes: "The KOSTRA series as published.",
        eval: eval_farmland,
    },
    Definition {
        id: "knowledge_intensive_share",
        name_nb: "Andel arbeidsplasser i kunnskapsintensive næringer",
        name_en: "Share of jobs in knowledge-intensive industries",
        formula_nb: "100 × arbeidsplasser i næring 05–09, 10–33, 58–63, 64–66, 68–75 og 86–88 / \
                     arbeidsplasser i alle næringer",
        formula_en: "100 × jobs in NACE 05–09, 10–33, 58–63, 64–66, 68–75 and 86–88 / jobs in \
                     all industries",
        unit: Unit::Percent,
        needs: &[need(
            "jobs_by_industry:*",
            0,
            "arbeidsplasser etter næring",
            "jobs by industry",
        )],
        notes: "The division list of the plan's footnote 5 is the operational definition. The \
                denominator is every jobs_by_industry:NN present (including 00, unknown); any \
                missing division makes the share missing.",
        eval: eval_knowledge,
    },
    Definition {
        id: "procurement_local_share",
        name_nb: "Lokale anskaffelser: andel i kommunen",
        name_en: "Local procurement: share in the municipality",
        formula_nb: "100 × innkjøp fra leverandører med forretningsadresse i kommunen / innkjøp som kunne plasseres",
        formula_en: "100 × purchases from suppliers with a business address in the municipality / purchases that could be placed",
        unit: Unit::Percent,
        needs: &[need(
            series::PROCUREMENT_LOCAL_SHARE,
            0,
            "andel i kommunen",
            "share in the municipality",
        )],
        notes: "Computed by the app from the stored supplier ledger (fakturajournal) joined with \
                the current Enhetsregisteret snapshot, by the supplier's business address; the \
                share is of the spend that could be placed (unknown, deleted, bankrupt and \
                address-less suppliers are reported apart, never guessed).",
        eval: eval_procurement_local,
    },
    Definition {
        id: "procurement_neighbour_share",
        name_nb: "Lokale anskaffelser: andel i nabokommunene",
        name_en: "Local procurement: share in neighbouring municipalities",
        formula_nb: "100 × innkjøp fra leverandører i nabokommunene / innkjøp som kunne plasseres",
        formula_en: "100 × purchases from suppliers in neighbouring municipalities / purchases that could be placed",
        unit: Unit::Percent,
        needs: &[need(
            series::PROCUREMENT_NEIGHBOUR_SHARE,
            0,
            "andel i nabokommunene",
            "share in neighbouring municipalities",
        )],
        notes: "Computed by the app from the stored supplier ledger (fakturajournal) joined with \
                the current Enhetsregisteret snapshot, by the supplier's business address; the \
                share is of the spend that could be placed (unknown, deleted, bankrupt and \
                address-less suppliers are reported apart, never guessed). Neighbours: data/registers/neighbours.toml.",
        eval: eval_procurement_neighbour,
    },
    Definition {
        id: "procurement_elsewhere_share",
        name_nb: "Lokale anskaffelser: andel andre steder",
        name_en: "Local procurement: share elsewhere",
        formula_nb: "100 × innkjøp fra leverandører andre steder / innkjøp som kunne plasseres",
        formula_en: "100 × purchases from suppliers elsewhere / purchases that could be placed",
        unit: Unit::Percent,
        needs: &[need(
            series::PROCUREMENT_ELSEWHERE_SHARE,
            0,
            "andel andre steder",
            "share elsewhere",
        )],
        notes: "Computed by the app from the stored supplier ledger (fakturajournal) joined with \
                the current Enhetsregisteret snapshot, by the supplier's business address; the \
                share is of the spend that could be placed (unknown, deleted, bankrupt and \
                address-less suppliers are reported apart, never guessed).",
        eval: eval_procurement_elsewhere,
    },
    Definition {
        id: "procurement_sme_share",
        name_nb: "Lokale anskaffelser: andel hos små og mellomstore bedrifter",
        name_en: "Local procurement: share with small and medium enterprises",
        formula_nb: "100 × innkjøp fra leverandører med færre enn 250 ansatte / innkjøp som kunne plasseres",
        formula_en: "100 × purchases from suppliers with fewer than 250 employees / purchases that could be placed",
        unit: Unit::Percent,
        needs: &[need(
            series::PROCUREMENT_SME_SHARE,
            0,
            "andel hos SMB",
            "share with SMEs",
        )],
        notes: "Computed by the app from the stored supplier ledger (fakturajournal) joined with \
                the current Enhetsregisteret snapshot, by the supplier's business address; the \
                share is of the spend that could be placed (unknown, deleted, bankrupt and \
                address-less suppliers are reported apart, never guessed). Public bodies and withheld headcounts are not SMEs here.",
        eval: eval_procurement_sme,
    },
];

/// Every definition.
pub fn definitions() -> &'static [Definition] {
    &DEFINITIONS
}

/// A definition by id.
pub fn definition(id: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
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
        let DefinitionOutcome::Computed(c) =
            definition("egendekning").unwrap().compute(&i, C, 2022)
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
}
