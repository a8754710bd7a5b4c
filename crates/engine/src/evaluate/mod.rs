//! Evaluating the plan's indicators year by year, and judging each year against its ambition.
//!
//! For every indicator the evaluation keeps, per year and side by side:
//!
//! - the **computed** value (definition indicators: [`crate::definitions`](mod@crate::definitions) over the inputs), or
//!   why there is none;
//! - the **imported** published figure (from [`Inputs::published`], e.g. NHO's own table);
//! - the **plan quote** (the plan's `results`, e.g. job growth 56 %, 168 %, 9 % for 2017–2019).
//!
//! None overwrites another; where two are present they are compared ([`Comparison`]).
//! The value a year is judged by ([`ChosenValue`]) is the first present of computed, imported,
//! plan quote that rests on real data, else the first present (synthetic) one — and says which it
//! is. Real data beats synthetic: the offline demo's synthetic series never override a figure the
//! plan quotes from its source.
//!
//! Judgement of a year ([`judge_year`]), with the rules as data (`plan::Rule` and the
//! indicator's `ambition_op`):
//!
//! - no ambition that year → [`Verdict::NoAmbition`] (the headline rule is still checked, for
//!   information, when there is a value);
//! - an ambition but no value → [`Verdict::NoData`], never 0;
//! - otherwise the decisive checks are *value `ambition_op` ambition* and, for the rules
//!   "higher/lower than the previous year", the comparison with the previous calendar year's
//!   chosen value (no value that year → that check has no data). Any check not met →
//!   [`Verdict::NotAchieved`]; else any check without data → [`Verdict::NoData`]; else
//!   [`Verdict::Achieved`]. A threshold headline rule (e.g. rank ≤ 10) is checked for
//!   information only, since the year's ambition is the step towards it (rank ≤ 12 in 2021).

use std::collections::BTreeSet;

use plan::{Computation, Direction, Indicator, LocalText, Op, Plan, Rule, Unit, Year};
use serde::Serialize;

use crate::definitions::{self, Definition, DefinitionOutcome};
use crate::inputs::{Inputs, Observation};
use crate::{Bilingual, EngineError};

/// Which value a judgement used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    /// Computed by the engine from the inputs.
    Computed,
    /// A published figure imported from its publisher.
    Imported,
    /// A result quoted in the plan document.
    PlanQuote,
}

impl ValueBasis {
    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                ValueBasis::Computed => "value-basis-computed",
                ValueBasis::Imported => "value-basis-imported",
                ValueBasis::PlanQuote => "value-basis-plan-quote",
            },
        )
    }

    /// The bokmål label.
    pub fn label_nb(self) -> String {
        self.label(plan::Lang::Nb)
    }

    /// The English label.
    pub fn label_en(self) -> String {
        self.label(plan::Lang::En)
    }
}

/// Where a year's value comes from, in the words every output uses (card, page, chart legend,
/// report, CLI, API). Derived from the basis and the synthetic flag by [`ChosenValue::source`]:
/// the one rule for naming a source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Quoted in the plan document.
    PlanQuote,
    /// Published by its publisher (e.g. NHO's Kommune-NM rank) and imported as published.
    Published,
    /// Computed by the engine from real data.
    Computed,
    /// Rests on synthetic (demo) data, in whole or in part: shown, never judged.
    Demo,
}

impl Source {
    /// Every source, in legend order.
    pub const ALL: [Source; 4] = [
        Source::PlanQuote,
        Source::Published,
        Source::Computed,
        Source::Demo,
    ];

    /// The machine name (`plan_quote`, `published`, `computed`, `demo`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::PlanQuote => "plan_quote",
            Source::Published => "published",
            Source::Computed => "computed",
            Source::Demo => "demo",
        }
    }

    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                Source::PlanQuote => "source-plan-quote",
                Source::Published => "source-published",
                Source::Computed => "source-computed",
                Source::Demo => "source-demo",
            },
        )
    }

    /// The bokmål label.
    pub fn label_nb(self) -> String {
        self.label(plan::Lang::Nb)
    }

    /// The English label.
    pub fn label_en(self) -> String {
        self.label(plan::Lang::En)
    }
}

/// The value a year is judged by, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct ChosenValue {
    /// The year.
    pub year: Year,
    /// The value in the indicator's unit.
    pub value: f64,
    /// Which of computed / imported / plan quote it is.
    pub basis: ValueBasis,
    /// Whether it rests on synthetic data.
    pub synthetic: bool,
}

impl ChosenValue {
    /// Where the value comes from ([`Source`]); a synthetic value is [`Source::Demo`] whatever
    /// its basis.
    pub fn source(&self) -> Source {
        if self.synthetic {
            return Source::Demo;
        }
        match self.basis {
            ValueBasis::PlanQuote => Source::PlanQuote,
            ValueBasis::Imported => Source::Published,
            ValueBasis::Computed => Source::Computed,
        }
    }
}

/// A result quoted by the plan document.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct PlanQuote {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Where in the plan.
    pub source: String,
}

/// Two values for the same year from different bases, compared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Comparison {
    /// The first basis (the more preferred one).
    pub a: ValueBasis,
    /// Its value.
    pub a_value: f64,
    /// The second basis.
    pub b: ValueBasis,
    /// Its value.
    pub b_value: f64,
    /// `a_value − b_value`.
    pub difference: f64,
    /// Whether they agree to the precision of the less precise of the two (a quoted 56 agrees
    /// with a computed 55.6, not with 54.4).
    pub agrees: bool,
}

/// Verdict of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The year's ambition (and rule) is met.
    Achieved,
    /// It is not.
    NotAchieved,
    /// There is an ambition but no value (or no value for the previous year where the rule
    /// needs one).
    NoData,
    /// The plan sets no ambition for the year.
    NoAmbition,
    /// The value (or the previous year's value a rule compares it with) rests on synthetic demo
    /// data: it is shown, never judged.
    DemoNotJudged,
}

impl Verdict {
    /// The machine name, as the API and the CLI's JSON write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Achieved => "achieved",
            Verdict::NotAchieved => "not_achieved",
            Verdict::NoData => "no_data",
            Verdict::NoAmbition => "no_ambition",
            Verdict::DemoNotJudged => "demo_not_judged",
        }
    }

    /// Whether this is a judgement of a value (achieved or not), as opposed to a reason for none.
    pub fn is_judged(self) -> bool {
        matches!(self, Verdict::Achieved | Verdict::NotAchieved)
    }

    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                Verdict::Achieved => "verdict-inline-achieved",
                Verdict::NotAchieved => "verdict-inline-not-achieved",
                Verdict::NoData => "verdict-inline-no-data",
                Verdict::NoAmbition => "verdict-inline-no-ambition",
                Verdict::DemoNotJudged => "verdict-inline-demo-not-judged",
            },
        )
    }

    /// The bokmål label.
    pub fn label_nb(self) -> String {
        self.label(plan::Lang::Nb)
    }

    /// The English label.
    pub fn label_en(self) -> String {
        self.label(plan::Lang::En)
    }
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The condition holds.
    Met,
    /// It does not.
    NotMet,
    /// It cannot be checked for lack of a value.
    NoData,
}

impl CheckOutcome {
    /// The label a reader sees, in `lang` (from the translation files).
    fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                CheckOutcome::Met => "check-outcome-met",
                CheckOutcome::NotMet => "check-outcome-not-met",
                CheckOutcome::NoData => "check-outcome-no-data",
            },
        )
    }
}

/// What a check compares.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CheckKind {
    /// `value op ambition` for the year.
    Ambition {
        /// The comparison (`ambition_op`).
        op: Op,
        /// The year's ambition.
        target: f64,
    },
    /// The headline threshold rule, e.g. rank ≤ 10.
    Threshold {
        /// The comparison.
        op: Op,
        /// The rule's target.
        target: f64,
    },
    /// Higher than the previous year's value.
    IncreaseFromPreviousYear {
        /// The previous year.
        previous_year: Year,
        /// Its value, if there is one.
        previous: Option<ChosenValue>,
    },
    /// Lower than the previous year's value.
    DecreaseFromPreviousYear {
        /// The previous year.
        previous_year: Year,
        /// Its value, if there is one.
        previous: Option<ChosenValue>,
    },
}

/// One check of a judgement.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Check {
    /// What is compared.
    pub kind: CheckKind,
    /// Whether it decides the verdict (false: shown for information).
    pub decisive: bool,
    /// The outcome.
    pub outcome: CheckOutcome,
    /// The check in words, with the numbers.
    pub text: Bilingual,
}

/// The judgement of one year against its ambition.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Judgement {
    /// The year.
    pub year: Year,
    /// The verdict.
    pub verdict: Verdict,
    /// The value judged, and which basis it is (none: no data).
    pub value: Option<ChosenValue>,
    /// The year's ambition.
    pub ambition: Option<f64>,
    /// The checks made, decisive and informational.
    pub checks: Vec<Check>,
    /// The reasoning in words.
    pub reasoning: Bilingual,
}

/// Everything known about one indicator in one year.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct YearEvaluation {
    /// The year.
    pub year: Year,
    /// Whether the year is one of the plan's table years (first data year to period end).
    pub in_table: bool,
    /// For definition indicators: the computed value or why there is none.
    pub computation: Option<DefinitionOutcome>,
    /// An imported published figure (or its missing reason).
    pub imported: Option<Observation>,
    /// The plan's quoted result.
    pub quoted: Option<PlanQuote>,
    /// Pairwise comparisons of the values present.
    pub comparisons: Vec<Comparison>,
    /// The value used for judgement: computed, else imported, else plan quote.
    pub chosen: Option<ChosenValue>,
    /// The year's ambition.
    pub ambition: Option<f64>,
    /// The judgement.
    pub judgement: Judgement,
}

impl YearEvaluation {
    /// The computed value, if any.
    pub fn computed_value(&self) -> Option<f64> {
        self.computation
            .as_ref()
            .and_then(DefinitionOutcome::computed)
            .map(|c| c.value)
    }

    /// The imported published value, if any.
    pub fn imported_value(&self) -> Option<f64> {
        self.imported.as_ref().and_then(Observation::as_value)
    }

    /// Every value the year has, as candidates in the order computed, imported, plan quote.
    pub fn candidates(&self) -> Vec<ChosenValue> {
        candidates(
            self.year,
            self.computation.as_ref(),
            self.imported.as_ref(),
            self.quoted.as_ref(),
        )
    }

    /// Whether any two values present disagree.
    pub fn has_disagreement(&self) -> bool {
        self.comparisons.iter().any(|c| !c.agrees)
    }
}

/// One plan indicator, evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndicatorEvaluation {
    /// Indicator id.
    pub indicator_id: String,
    /// Position in the plan's list.
    pub number: u32,
    /// Name as worded in the plan.
    pub name: LocalText,
    /// Unit of values and ambitions.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// The headline rule.
    pub rule: Rule,
    /// The headline rule in the plan's words.
    pub rule_text: LocalText,
    /// Comparison of a year's value with its ambition.
    pub ambition_op: Op,
    /// How the value is obtained (as the plan says).
    pub computation: Computation,
    /// The definition's name and formula, for definition indicators.
    pub formula: Option<FormulaInfo>,
    /// Municipality code the values are for.
    pub municipality_code: String,
    /// Years in order: the plan's table years, plus any other year with a value or an ambition.
    pub years: Vec<YearEvaluation>,
}

/// A definition's name and formula, as carried in an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FormulaInfo {
    /// Definition id.
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// Formula.
    pub formula: Bilingual,
}

impl IndicatorEvaluation {
    /// The evaluation of one year.
    pub fn year(&self, year: Year) -> Option<&YearEvaluation> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The plan's table years only.
    pub fn table_years(&self) -> impl Iterator<Item = &YearEvaluation> {
        self.years.iter().filter(|y| y.in_table)
    }

    /// The chosen values in year order.
    pub fn chosen_series(&self) -> Vec<ChosenValue> {
        self.years.iter().filter_map(|y| y.chosen).collect()
    }

    /// The chosen values that rest on real data, in year order: the series the trend status
    /// is computed from (demo values never enter a trend).
    pub fn real_series(&self) -> Vec<ChosenValue> {
        self.years
            .iter()
            .filter_map(|y| y.chosen)
            .filter(|c| !c.synthetic)
            .collect()
    }

    /// What a card or a summary leads with ([`Headline`]).
    pub fn headline(&self) -> Headline {
        let latest = |demo: bool| {
            self.table_years()
                .filter(|y| y.chosen.is_some_and(|c| c.synthetic == demo))
                .map(|y| y.year)
                .last()
        };
        let real = latest(false);
        Headline {
            real,
            demo: latest(true).filter(|d| real.is_none_or(|r| *d > r)),
        }
    }
}

/// The years an indicator's headline shows: the latest table year whose chosen value rests on
/// real data (shown with that year's own judgement, the same as in every table), and the latest
/// demo year after it, if any (shown as demo, not judged). Web cards, the API's `latest_*`, the
/// report's summary and the CLI use this one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Headline {
    /// The latest year with a real value.
    pub real: Option<Year>,
    /// The latest year with a demo value, when it is later than `real`.
    pub demo: Option<Year>,
}

/// Every indicator of the plan whose computation names a definition the engine does not know.
pub fn check_plan(plan: &Plan) -> Vec<EngineError> {
    plan.indicators
        .iter()
        .filter_map(|i| resolve_definition(i).err())
        .collect()
}

fn resolve_definition(indicator: &Indicator) -> Result<Option<&'static Definition>, EngineError> {
    match &indicator.computation {
        Computation::Published { .. } => Ok(None),
        Computation::Definition { definition } => definitions::definition(definition)
            .map(Some)
            .ok_or_else(|| EngineError::UnknownDefinition {
                indicator: indicator.id.clone(),
                definition: definition.clone(),
                known: definitions::definitions()
                    .iter()
                    .map(|d| d.id)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
    }
}

/// Evaluates every indicator of the plan, in plan order.
pub fn evaluate_plan(
    plan: &Plan,
    inputs: &Inputs,
) -> Result<Vec<IndicatorEvaluation>, EngineError> {
    plan.indicators
        .iter()
        .map(|i| evaluate_indicator(plan, i, inputs))
        .collect()
}

/// Evaluates one indicator for the plan's municipality: every table year, plus every other year
/// with a computed or imported value, a quote or an ambition.
pub fn evaluate_indicator(
    plan: &Plan,
    indicator: &Indicator,
    inputs: &Inputs,
) -> Result<IndicatorEvaluation, EngineError> {
    let code = plan.meta.municipality_code.as_str();
    let def = resolve_definition(indicator)?;
    let table: BTreeSet<Year> = plan.table_years().collect();
    let mut years: BTreeSet<Year> = table.clone();
    years.extend(indicator.results.keys());
    years.extend(indicator.ambitions.keys());
    years.extend(inputs.published_years(&indicator.id, code));
    if let Some(d) = def {
        years.extend(d.candidate_years(inputs, code));
    }

    // First pass: values.
    struct Row {
        year: Year,
        in_table: bool,
        computation: Option<DefinitionOutcome>,
        imported: Option<Observation>,
        quoted: Option<PlanQuote>,
        ambition: Option<f64>,
    }
    let mut rows: Vec<Row> = Vec::new();
    for year in years {
        let computation = def.map(|d| d.compute(inputs, code, year));
        let imported = inputs.published(&indicator.id, code, year).cloned();
        let quoted = indicator.results.get(&year).map(|q| PlanQuote {
            value: q.value,
            source: q.source.clone(),
        });
        let ambition = indicator.ambitions.get(&year).copied();
        let in_table = table.contains(&year);
        let has_computed = computation.as_ref().is_some_and(|c| c.computed().is_some());
        if in_table || has_computed || imported.is_some() || quoted.is_some() || ambition.is_some()
        {
            rows.push(Row {
                year,
                in_table,
                computation,
                imported,
                quoted,
                ambition,
            });
        }
    }

    let chosen: Vec<Option<ChosenValue>> = rows
        .iter()
        .map(|r| {
            choose(
                r.year,
                r.computation.as_ref(),
                r.imported.as_ref(),
                r.quoted.as_ref(),
            )
        })
        .collect();

    let mut out = Vec::with_capacity(rows.len());
    for (idx, r) in rows.into_iter().enumerate() {
        let previous = rows_prev(&chosen, idx, r.year);
        let judgement = judge_year(indicator, r.year, chosen[idx], previous);
        let comparisons = compare(
            r.computation.as_ref(),
            r.imported.as_ref(),
            r.quoted.as_ref(),
        );
        out.push(YearEvaluation {
            year: r.year,
            in_table: r.in_table,
            computation: r.computation,
            imported: r.imported,
            quoted: r.quoted,
            comparisons,
            chosen: chosen[idx],
            ambition: r.ambition,
            judgement,
        });
    }

    Ok(IndicatorEvaluation {
        indicator_id: indicator.id.clone(),
        number: indicator.number,
        name: indicator.name.clone(),
        unit: indicator.unit,
        direction: indicator.direction,
        rule: indicator.rule.clone(),
        rule_text: indicator.rule_text.clone(),
        ambition_op: indicator.ambition_op,
        computation: indicator.computation.clone(),
        formula: def.map(|d| FormulaInfo {
            id: d.id.to_string(),
            name: Bilingual::new(d.name_nb, d.name_en),
            formula: Bilingual::new(d.formula_nb, d.formula_en),
        }),
        municipality_code: code.to_string(),
        years: out,
    })
}

/// The chosen value of the calendar year before `year`, if that row exists and has one.
fn rows_prev(chosen: &[Option<ChosenValue>], idx: usize, year: Year) -> Option<ChosenValue> {
    chosen[..idx]
        .iter()
        .rev()
        .flatten()
        .find(|c| c.year == year - 1)
        .copied()
}

fn choose(
    year: Year,
    computation: Option<&DefinitionOutcome>,
    imported: Option<&Observation>,
    quoted: Option<&PlanQuote>,
) -> Option<ChosenValue> {
    let candidates = candidates(year, computation, imported, quoted);
    // Real data beats synthetic data; among equals, computed before imported before quoted.
    candidates
        .iter()
        .find(|c| !c.synthetic)
        .or_else(|| candidates.first())
        .copied()
}

fn candidates(
    year: Year,
    computation: Option<&DefinitionOutcome>,
    imported: Option<&Observation>,
    quoted: Option<&PlanQuote>,
) -> Vec<ChosenValue> {
    let computed = computation
        .and_then(DefinitionOutcome::computed)
        .map(|c| ChosenValue {
            year,
            value: c.value,
            basis: ValueBasis::Computed,
            synthetic: c.synthetic,
        });
    let imported = imported.and_then(|o| {
        o.as_value().map(|v| ChosenValue {
            year,
            value: v,
            basis: ValueBasis::Imported,
            synthetic: o.provenance.synthetic,
        })
    });
    let quoted = quoted.map(|q| ChosenValue {
        year,
        value: q.value,
        basis: ValueBasis::PlanQuote,
        synthetic: false,
    });
    [computed, imported, quoted].into_iter().flatten().collect()
}

/// Number of decimals a figure is given to (0–3): 56 → 0, 41.9 → 1, 0.8125 → 3.
fn decimals(v: f64) -> i32 {
    for d in 0..3 {
        let s = v * 10f64.powi(d);
        if (s - s.round()).abs() < 1e-9 * s.abs().max(1.0) {
            return d;
        }
    }
    3
}

fn compare(
    computation: Option<&DefinitionOutcome>,
    imported: Option<&Observation>,
    quoted: Option<&PlanQuote>,
) -> Vec<Comparison> {
    let mut present: Vec<(ValueBasis, f64)> = Vec::new();
    if let Some(c) = computation.and_then(DefinitionOutcome::computed) {
        present.push((ValueBasis::Computed, c.value));
    }
    if let Some(v) = imported.and_then(Observation::as_value) {
        present.push((ValueBasis::Imported, v));
    }
    if let Some(q) = quoted {
        present.push((ValueBasis::PlanQuote, q.value));
    }
    let mut out = Vec::new();
    for i in 0..present.len() {
        for j in i + 1..present.len() {
            let (a, av) = present[i];
            let (b, bv) = present[j];
            let d = decimals(av).min(decimals(bv));
            let tolerance = 0.5 * 10f64.powi(-d) + 1e-9;
            out.push(Comparison {
                a,
                a_value: av,
                b,
                b_value: bv,
                difference: av - bv,
                agrees: (av - bv).abs() <= tolerance,
            });
        }
    }
    out
}

mod judge;
#[cfg(test)]
mod tests;

pub use judge::judge_year;
