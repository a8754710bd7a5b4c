//! The indicator engine: pure computation over an in-memory table of observations.
//!
//! - [`inputs`]: the input model — observations by (semantic series, municipality code, year),
//!   a value or a missing reason, with provenance; imported published figures; summing the
//!   parts of merged municipalities;
//! - [`definitions`](mod@definitions): the plan's chapter-9 definitions (egendekning, sysselsettingsandel, …,
//!   job growth relative to population growth) as tested functions;
//! - [`evaluate`]: each plan indicator year by year — computed, imported and plan-quoted values
//!   side by side — and the judgement against that year's ambition;
//! - [`trend`]: trend status after Open SDG's progress method, and staff overrides;
//! - [`explain`](mod@explain): the formula, every input with provenance, the arithmetic and the reasoning,
//!   rendered in Norwegian.
//!
//! No I/O: the store fills an [`Inputs`] through an adapter, and callers render the results
//! (every result type is `serde::Serialize`).
//!
//! ```
//! use naeringsplan_engine::{evaluate_plan, Inputs, Verdict};
//! let plan = plan::embedded_default();
//! let evals = evaluate_plan(&plan, &Inputs::new()).unwrap();
//! let nm = evals.iter().find(|e| e.indicator_id == "kommune-nm-total").unwrap();
//! // 2019: the plan quotes rank 13 but sets no ambition for 2019.
//! assert_eq!(nm.year(2019).unwrap().judgement.verdict, Verdict::NoAmbition);
//! // 2024: ambition ≤ 10, no data.
//! assert_eq!(nm.year(2024).unwrap().judgement.verdict, Verdict::NoData);
//! ```

#![warn(missing_docs)]

use serde::Serialize;
use thiserror::Error;

pub mod columns;
pub mod definitions;
pub mod evaluate;
pub mod explain;
pub mod inputs;
pub mod projection;
pub mod ranking;
pub mod rollup;
pub mod trend;

pub use definitions::{
    ComputedValue, Definition, DefinitionOutcome, NoValue, NoValueReason, UsedInput, definition,
    definitions,
};
pub use evaluate::{
    Check, CheckKind, CheckOutcome, ChosenValue, Comparison, Headline, IndicatorEvaluation,
    Judgement, PlanQuote, Source, ValueBasis, Verdict, YearEvaluation, check_plan,
    evaluate_indicator, evaluate_plan, judge_year,
};
pub use explain::{Explanation, IndicatorExplanation, explain, explain_indicator, explain_year};
pub use inputs::{
    Cell, Inputs, MergeMap, MissingReason, Observation, Provenance, series, sum_components,
};
pub use projection::{Projection, ProjectionVerdict, project};
pub use trend::{
    Growth, StatusOverride, TrendAssessment, TrendConfig, TrendResult, TrendStatus, TrendTarget,
    assess_trend, combine_override, trend_config, trend_status,
};

/// A text the engine writes, in bokmål and English (both always present) and nynorsk (empty in
/// texts cached before it existed: then a nynorsk reader gets bokmål).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
pub struct Bilingual {
    /// Norwegian bokmål.
    pub nb: String,
    /// English.
    pub en: String,
    /// Norwegian nynorsk.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nn: String,
}

impl Bilingual {
    /// A text from its bokmål and English (nynorsk readers get the bokmål).
    pub fn new(nb: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            nb: nb.into(),
            en: en.into(),
            nn: String::new(),
        }
    }

    /// A text written once per language by `write` (which takes its words from the
    /// translation files, `i18n`).
    pub fn each(write: impl Fn(plan::Lang) -> String) -> Self {
        Bilingual {
            nb: write(plan::Lang::Nb),
            nn: write(plan::Lang::Nn),
            en: write(plan::Lang::En),
        }
    }

    /// The text in the requested language.
    pub fn get(&self, lang: plan::Lang) -> &str {
        match lang {
            plan::Lang::Nn if !self.nn.is_empty() => &self.nn,
            plan::Lang::Nb | plan::Lang::Nn => &self.nb,
            plan::Lang::En => &self.en,
        }
    }
}

/// What can go wrong when the engine is asked about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EngineError {
    /// A plan indicator names a definition the engine does not know.
    #[error(
        "indicator `{indicator}` names definition `{definition}`, which the engine does not know \
         (known: {known})"
    )]
    UnknownDefinition {
        /// Indicator id.
        indicator: String,
        /// The definition id it names.
        definition: String,
        /// The known definition ids, comma-separated.
        known: String,
    },
    /// No indicator with this id in the plan.
    #[error("the plan has no indicator `{0}`")]
    UnknownIndicator(String),
    /// A staff override without a written justification.
    #[error("a status override needs a written justification")]
    EmptyJustification,
    /// A staff override without the name of who made it.
    #[error("a status override needs the name of who made it")]
    EmptyAuthor,
}
