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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// Norwegian label.
    pub fn label_nb(self) -> &'static str {
        match self {
            ValueBasis::Computed => "beregnet",
            ValueBasis::Imported => "importert publisert tall",
            ValueBasis::PlanQuote => "sitert fra planen",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            ValueBasis::Computed => "computed",
            ValueBasis::Imported => "imported published figure",
            ValueBasis::PlanQuote => "quoted in the plan",
        }
    }
}

/// Where a year's value comes from, in the words every output uses (card, page, chart legend,
/// report, CLI, API). Derived from the basis and the synthetic flag by [`ChosenValue::source`]:
/// the one rule for naming a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

    /// Norwegian label.
    pub fn label_nb(self) -> &'static str {
        match self {
            Source::PlanQuote => "sitert fra planen",
            Source::Published => "publisert tall",
            Source::Computed => "beregnet fra reelle data",
            Source::Demo => "demodata",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Source::PlanQuote => "quoted in the plan",
            Source::Published => "published figure",
            Source::Computed => "computed from real data",
            Source::Demo => "demo data",
        }
    }
}

/// The value a year is judged by, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanQuote {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Where in the plan.
    pub source: String,
}

/// Two values for the same year from different bases, compared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

    /// Norwegian label.
    pub fn label_nb(self) -> &'static str {
        match self {
            Verdict::Achieved => "nådd",
            Verdict::NotAchieved => "ikke nådd",
            Verdict::NoData => "ingen data",
            Verdict::NoAmbition => "ingen ambisjon",
            Verdict::DemoNotJudged => "demodata – ikke vurdert",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Verdict::Achieved => "achieved",
            Verdict::NotAchieved => "not achieved",
            Verdict::NoData => "no data",
            Verdict::NoAmbition => "no ambition",
            Verdict::DemoNotJudged => "demo data – not judged",
        }
    }
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    fn label_nb(self) -> &'static str {
        match self {
            CheckOutcome::Met => "oppfylt",
            CheckOutcome::NotMet => "ikke oppfylt",
            CheckOutcome::NoData => "kan ikke vurderes",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            CheckOutcome::Met => "met",
            CheckOutcome::NotMet => "not met",
            CheckOutcome::NoData => "cannot be judged",
        }
    }
}

/// What a check compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// A value in a sentence: `41,9 %`, `12.` (rank), `260 dekar`.
fn fmt_value(v: f64, unit: Unit) -> String {
    plan::fmt::value(v, unit)
}

fn fmt_value_en(v: f64, unit: Unit) -> String {
    plan::fmt::value_en(v, unit)
}

/// The left side of a comparison: `plass 12` for ranks, else as [`fmt_value`].
fn fmt_lhs(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => format!("plass {}", plan::fmt::number(v, 0)),
        _ => fmt_value(v, unit),
    }
}

fn fmt_lhs_en(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => format!("rank {}", plan::fmt::number(v, 0)),
        _ => fmt_value_en(v, unit),
    }
}

/// The right side of a comparison: a bare number for ranks (`≤ 10`), else as [`fmt_value`].
fn fmt_rhs(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => plan::fmt::number(v, 0),
        _ => fmt_value(v, unit),
    }
}

fn fmt_rhs_en(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rank => plan::fmt::number_en(v, 0),
        _ => fmt_value_en(v, unit),
    }
}

fn outcome(holds: bool) -> CheckOutcome {
    if holds {
        CheckOutcome::Met
    } else {
        CheckOutcome::NotMet
    }
}

fn threshold_check(
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

fn previous_check(
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

#[cfg(test)]
mod tests {
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
}
