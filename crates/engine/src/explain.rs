//! Explanations: for an indicator and a year, the formula, every input with its value and
//! provenance, the arithmetic, the values side by side and the reasoning of the judgement —
//! as data ([`Explanation`], serialisable) and as Norwegian text (`Display`).

use std::fmt;

use plan::{Computation, LocalText, Unit, Year};
use serde::Serialize;

use crate::Bilingual;
use crate::definitions::{DefinitionOutcome, UsedInput};
use crate::evaluate::{
    ChosenValue, Comparison, FormulaInfo, IndicatorEvaluation, Judgement, PlanQuote, ValueBasis,
    YearEvaluation,
};
use crate::inputs::{Cell, Observation};
use crate::trend::TrendAssessment;

/// How the indicator's value is obtained, for an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Method {
    /// Computed by a definition.
    Definition(FormulaInfo),
    /// A published figure imported (or quoted) as such.
    Published {
        /// Who publishes it.
        publisher: String,
    },
}

/// The explanation of one indicator in one year.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Explanation {
    /// Indicator id.
    pub indicator_id: String,
    /// Indicator name, as in the plan.
    pub indicator_name: LocalText,
    /// The year.
    pub year: Year,
    /// Unit of the values.
    pub unit: Unit,
    /// How the value is obtained, with the formula.
    pub method: Method,
    /// Every input looked at, with value (or missing reason) and provenance.
    pub inputs: Vec<UsedInput>,
    /// The arithmetic with the numbers filled in, when a value was computed.
    pub arithmetic: Option<Bilingual>,
    /// Why no value was computed, for a definition without a value.
    pub no_value: Option<Bilingual>,
    /// The computed value.
    pub computed: Option<f64>,
    /// The imported published figure (or its missing reason), with provenance.
    pub imported: Option<Observation>,
    /// The plan's quoted result.
    pub quoted: Option<PlanQuote>,
    /// The values present, compared pairwise.
    pub comparisons: Vec<Comparison>,
    /// The value judged, and its basis.
    pub chosen: Option<ChosenValue>,
    /// The judgement with its reasoning.
    pub judgement: Judgement,
}

/// The explanation of one indicator: its method and every year's explanation, optionally with
/// the trend.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndicatorExplanation {
    /// Indicator id.
    pub indicator_id: String,
    /// Position in the plan.
    pub number: u32,
    /// Name, as in the plan.
    pub indicator_name: LocalText,
    /// The headline rule in the plan's words.
    pub rule_text: LocalText,
    /// Municipality code.
    pub municipality_code: String,
    /// How the value is obtained.
    pub method: Method,
    /// Year by year.
    pub years: Vec<Explanation>,
    /// The trend, if the caller added it.
    pub trend: Option<TrendAssessment>,
}

fn method_of(e: &IndicatorEvaluation) -> Method {
    match (&e.formula, &e.computation) {
        (Some(f), _) => Method::Definition(f.clone()),
        (None, Computation::Published { publisher }) => Method::Published {
            publisher: publisher.clone(),
        },
        (None, Computation::Definition { definition }) => Method::Published {
            publisher: definition.clone(),
        },
    }
}

fn explanation_of(e: &IndicatorEvaluation, y: &YearEvaluation) -> Explanation {
    let (inputs, arithmetic, no_value, computed) = match &y.computation {
        Some(DefinitionOutcome::Computed(c)) => (
            c.inputs.clone(),
            Some(c.arithmetic.clone()),
            None,
            Some(c.value),
        ),
        Some(DefinitionOutcome::NoValue(n)) => (
            n.inputs.clone(),
            None,
            Some(Bilingual::new(
                n.reason.describe_nb(),
                n.reason.describe_en(),
            )),
            None,
        ),
        None => (Vec::new(), None, None, None),
    };
    Explanation {
        indicator_id: e.indicator_id.clone(),
        indicator_name: e.name.clone(),
        year: y.year,
        unit: e.unit,
        method: method_of(e),
        inputs,
        arithmetic,
        no_value,
        computed,
        imported: y.imported.clone(),
        quoted: y.quoted.clone(),
        comparisons: y.comparisons.clone(),
        chosen: y.chosen,
        judgement: y.judgement.clone(),
    }
}

/// The explanation of one year of an evaluated indicator.
pub fn explain_year(evaluation: &IndicatorEvaluation, year: Year) -> Option<Explanation> {
    evaluation.year(year).map(|y| explanation_of(evaluation, y))
}

/// The explanation of every year of an evaluated indicator (table years and any others with
/// values). Add a trend with [`IndicatorExplanation::with_trend`].
pub fn explain(evaluation: &IndicatorEvaluation) -> IndicatorExplanation {
    IndicatorExplanation {
        indicator_id: evaluation.indicator_id.clone(),
        number: evaluation.number,
        indicator_name: evaluation.name.clone(),
        rule_text: evaluation.rule_text.clone(),
        municipality_code: evaluation.municipality_code.clone(),
        method: method_of(evaluation),
        years: evaluation
            .years
            .iter()
            .map(|y| explanation_of(evaluation, y))
            .collect(),
        trend: None,
    }
}

/// Evaluates one indicator of the plan by id and explains every year of it, with its trend
/// (no override): what `naeringsplan indicators --explain ID` prints.
pub fn explain_indicator(
    plan: &plan::Plan,
    inputs: &crate::inputs::Inputs,
    indicator_id: &str,
) -> Result<IndicatorExplanation, crate::EngineError> {
    let indicator = plan
        .indicator(indicator_id)
        .ok_or_else(|| crate::EngineError::UnknownIndicator(indicator_id.to_string()))?;
    let evaluation = crate::evaluate::evaluate_indicator(plan, indicator, inputs)?;
    let trend = crate::trend::assess_trend(plan, &evaluation)?;
    Ok(explain(&evaluation).with_trend(crate::trend::combine_override(trend, None)))
}

impl IndicatorExplanation {
    /// Adds the trend assessment to show after the years.
    pub fn with_trend(mut self, trend: TrendAssessment) -> Self {
        self.trend = Some(trend);
        self
    }
}

fn v(value: f64, unit: Unit) -> String {
    plan::fmt::value(value, unit)
}

fn input_line(u: &UsedInput) -> String {
    let value = match &u.observation.cell {
        Cell::Value(x) => plan::fmt::number_auto(*x, 2),
        Cell::Missing(r) => format!("ingen verdi – {}", r.describe_nb()),
    };
    format!(
        "{} [{}, kommune {}, {}]: {} – kilde: {}",
        u.role.nb,
        u.series,
        u.code,
        u.year,
        value,
        u.observation.provenance.describe_nb()
    )
}

fn basis_value(basis: ValueBasis, e: &Explanation) -> Option<f64> {
    match basis {
        ValueBasis::Computed => e.computed,
        ValueBasis::Imported => e.imported.as_ref().and_then(Observation::as_value),
        ValueBasis::PlanQuote => e.quoted.as_ref().map(|q| q.value),
    }
}

/// Writes the body of one year's explanation (without the indicator header).
fn write_year(f: &mut fmt::Formatter<'_>, e: &Explanation, indent: &str) -> fmt::Result {
    let unit = e.unit;
    if !e.inputs.is_empty() {
        writeln!(f, "{indent}Grunnlagstall:")?;
        for u in &e.inputs {
            writeln!(f, "{indent}  – {}", input_line(u))?;
        }
    }
    if let Some(a) = &e.arithmetic {
        writeln!(f, "{indent}Utregning: {}", a.nb)?;
    }
    if let Some(n) = &e.no_value {
        writeln!(f, "{indent}Ingen beregnet verdi: {}", n.nb)?;
    }
    if matches!(e.method, Method::Definition(_)) && e.computed.is_none() && e.no_value.is_none() {
        writeln!(f, "{indent}Ingen beregnet verdi.")?;
    }
    if let Some(o) = &e.imported {
        match &o.cell {
            Cell::Value(x) => writeln!(
                f,
                "{indent}Importert publisert tall: {} [{}]",
                v(*x, unit),
                o.provenance.describe_nb()
            )?,
            Cell::Missing(r) => writeln!(
                f,
                "{indent}Importert publisert tall: ingen verdi – {} [{}]",
                r.describe_nb(),
                o.provenance.describe_nb()
            )?,
        }
    }
    if let Some(q) = &e.quoted {
        writeln!(
            f,
            "{indent}Sitert i planen: {} [{}]",
            v(q.value, unit),
            q.source
        )?;
    }
    for c in &e.comparisons {
        let (a, b) = (basis_value(c.a, e), basis_value(c.b, e));
        if let (Some(a), Some(b)) = (a, b) {
            if c.agrees {
                writeln!(
                    f,
                    "{indent}Samsvar: {} ({}) og {} ({}) stemmer overens.",
                    v(a, unit),
                    c.a.label_nb(),
                    v(b, unit),
                    c.b.label_nb()
                )?;
            } else {
                writeln!(
                    f,
                    "{indent}Avvik: {} ({}) mot {} ({}); differanse {}. Begge vises, ingen er \
                     overskrevet.",
                    v(a, unit),
                    c.a.label_nb(),
                    v(b, unit),
                    c.b.label_nb(),
                    plan::fmt::number_auto(c.difference, 2)
                )?;
            }
        }
    }
    match e.chosen {
        Some(c) => writeln!(
            f,
            "{indent}Brukt i vurderingen: {} ({}{})",
            v(c.value, unit),
            c.basis.label_nb(),
            if c.synthetic { ", SYNTETISKE DATA" } else { "" }
        )?,
        None => writeln!(f, "{indent}Brukt i vurderingen: ingen data")?,
    }
    writeln!(f, "{indent}Vurdering: {}", e.judgement.verdict.label_nb())?;
    writeln!(f, "{indent}Begrunnelse: {}", e.judgement.reasoning.nb)
}

fn write_method(f: &mut fmt::Formatter<'_>, m: &Method) -> fmt::Result {
    match m {
        Method::Definition(d) => {
            writeln!(f, "Beregning: {} [{}]", d.name.nb, d.id)?;
            writeln!(f, "Formel: {}", d.formula.nb)
        }
        Method::Published { publisher } => writeln!(
            f,
            "Beregning: publisert tall fra {publisher}, importert eller sitert som det er"
        ),
    }
}

impl fmt::Display for Explanation {
    /// Norwegian (bokmål) text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} – {}", self.indicator_name.nb, self.year)?;
        write_method(f, &self.method)?;
        write_year(f, self, "")
    }
}

impl fmt::Display for IndicatorExplanation {
    /// Norwegian (bokmål) text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Indikator {}: {} [{}]",
            self.number, self.indicator_name.nb, self.indicator_id
        )?;
        writeln!(f, "Regel: {}", self.rule_text.nb)?;
        writeln!(f, "Kommune: {}", self.municipality_code)?;
        write_method(f, &self.method)?;
        for e in &self.years {
            writeln!(f)?;
            writeln!(f, "{}:", e.year)?;
            write_year(f, e, "  ")?;
        }
        if let Some(t) = &self.trend {
            writeln!(f)?;
            write_trend(f, t, self.years.first().map_or(Unit::Count, |e| e.unit))?;
        }
        Ok(())
    }
}

fn opt_year(y: Option<Year>) -> String {
    y.map_or("–".to_string(), |y| y.to_string())
}

fn opt_val(x: Option<f64>, unit: Unit) -> String {
    x.map_or("–".to_string(), |x| v(x, unit))
}

fn opt_pct(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| {
        format!("{}{}%", plan::fmt::number(100.0 * x, 2), plan::fmt::NBSP)
    })
}

fn write_trend(f: &mut fmt::Formatter<'_>, t: &TrendAssessment, unit: Unit) -> fmt::Result {
    let c = &t.computed;
    writeln!(f, "Utvikling (Open SDG-metoden): {}", c.status.label_nb())?;
    writeln!(
        f,
        "  Basisår {}: {}; siste år {}: {}; mål {}: {}",
        opt_year(c.base_year),
        opt_val(c.base_value, unit),
        opt_year(c.latest_year),
        opt_val(c.latest_value, unit),
        opt_year(c.target_year),
        opt_val(c.target_value, unit)
    )?;
    writeln!(
        f,
        "  Årlig vekst observert (CAGR): {}; nødvendig: {}; forhold: {}",
        opt_pct(c.cagr_observed),
        opt_pct(c.cagr_required),
        c.ratio.map_or("–".to_string(), |r| plan::fmt::number(r, 2))
    )?;
    for n in &c.notes {
        writeln!(f, "  Merk: {}", n.nb)?;
    }
    if let Some(o) = &t.override_ {
        writeln!(
            f,
            "  Overstyrt av {} ({}): {} – begrunnelse: {}",
            o.by,
            o.at,
            o.status.label_nb(),
            o.justification
        )?;
        writeln!(
            f,
            "  Beregnet status: {}; gjeldende status: {}",
            c.status.label_nb(),
            t.effective_status.label_nb()
        )?;
    }
    Ok(())
}
