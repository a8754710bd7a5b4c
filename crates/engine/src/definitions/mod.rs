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
#[derive(Debug, Clone, Copy, PartialEq, Error, Serialize, serde::Deserialize)]
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

    /// Growth in percent from `start` to `end` (e.g. the population on 1 January of two
    /// consecutive years): `100 × (end − start) / start`; undefined when `start` is not
    /// positive.
    pub fn growth_percent(start: f64, end: f64) -> Result<f64, Undefined> {
        percent(end - start, start)
    }

    /// Public-sector share of the jobs, in percent: `100 × (jobs − private-sector jobs) /
    /// jobs` (key figure of the plan's chapter 3: *andel arbeidsplasser i offentlig sektor*).
    pub fn public_sector_share(jobs: f64, jobs_private: f64) -> Result<f64, Undefined> {
        percent(jobs - jobs_private, jobs)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// The same computation over whole columns ([`crate::columns`]).
    #[serde(skip)]
    pub(crate) kernel: Kernel,
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MissingInput {
    /// Semantic series name.
    pub series: String,
    /// Year.
    pub year: Year,
    /// Why it is missing.
    pub reason: MissingReason,
}

/// A value computed by a definition, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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

/// Collects the inputs a computation looks at; with `explain` off (a national table of values,
/// [`Definition::value`]) only whether any of them is synthetic, and no arithmetic text.
struct Gather<'a> {
    inputs: &'a Inputs,
    code: &'a str,
    used: Vec<UsedInput>,
    explain: bool,
    synthetic: bool,
}

impl Gather<'_> {
    /// The arithmetic in words, when explaining.
    fn text(&self, f: impl FnOnce() -> Bilingual) -> Bilingual {
        if self.explain {
            f()
        } else {
            Bilingual::default()
        }
    }

    fn get(&mut self, series: &str, year: Year, role_nb: &str, role_en: &str) -> Option<f64> {
        if !self.explain {
            let observation = self.inputs.get(series, self.code, year)?;
            self.synthetic |= observation.provenance.synthetic;
            return observation.as_value();
        }
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
            explain: true,
            synthetic: false,
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

    /// The value alone, and whether it rests on synthetic data: what [`Definition::compute`]
    /// gives as [`ComputedValue::value`] and [`ComputedValue::synthetic`], without the inputs'
    /// provenance or the arithmetic in words (for tables of every municipality).
    pub fn value(&self, inputs: &Inputs, code: &str, year: Year) -> Option<(f64, bool)> {
        let mut g = Gather {
            inputs,
            code,
            used: Vec::new(),
            explain: false,
            synthetic: false,
        };
        match (self.eval)(&mut g, year) {
            Step::Value { value, .. } => Some((value, g.synthetic)),
            Step::MissingInputs | Step::Undefined(_) => None,
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

mod eval;
#[cfg(test)]
mod tests;

pub(crate) use crate::columns::Kernel;

use eval::*;

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
        kernel: Kernel::Ratio,
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
        kernel: Kernel::Ratio,
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
        kernel: Kernel::Ratio,
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
        kernel: Kernel::Ratio,
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
        kernel: Kernel::JobGrowth,
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
        kernel: Kernel::Sum,
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
        kernel: Kernel::Passthrough,
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
        kernel: Kernel::Passthrough,
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
        kernel: Kernel::PerCellOnly,
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
        kernel: Kernel::Passthrough,
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
        kernel: Kernel::Passthrough,
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
        kernel: Kernel::Passthrough,
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
        kernel: Kernel::Passthrough,
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
