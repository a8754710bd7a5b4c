//! The plan file (TOML): its raw shape with source positions, and its conversion to the model.
//!
//! Parsing is two steps. `toml` + `serde` turn the text into [`RawPlan`], whose fields that can be
//! wrong in a way the type system cannot see (ids, links, years, progress, status, dates) keep
//! their byte span. [`crate::validate`] then checks the whole file and reports every problem, not
//! just the first; only a clean file is turned into a [`Plan`].

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::model::*;

/// A number written as TOML integer or float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num(pub f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum N {
            I(i64),
            F(f64),
        }
        Ok(
            match N::deserialize(d).map_err(|_| {
                serde::de::Error::custom("expected a number (integer or decimal, e.g. 12 or 41.9)")
            })? {
                N::I(i) => Num(i as f64),
                N::F(f) => Num(f),
            },
        )
    }
}

pub(crate) type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlan {
    pub meta: RawMeta,
    pub vision: LocalText,
    #[serde(default)]
    pub goals: Vec<RawGoal>,
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
    #[serde(default)]
    pub focus_areas: Vec<RawFocusArea>,
    #[serde(default)]
    pub premises: Vec<RawPremise>,
    #[serde(default)]
    pub published_rankings: Vec<RawRanking>,
    #[serde(default)]
    pub actions: Vec<RawAction>,
    #[serde(default)]
    pub key_figures: Vec<RawKeyFigure>,
    #[serde(default)]
    pub districts: Vec<RawDistrict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDistrict {
    pub id: S<String>,
    pub name: S<LocalText>,
    #[serde(default)]
    pub postal_codes: Vec<S<String>>,
    #[serde(default)]
    pub former_municipalities: Vec<S<String>>,
    #[serde(default)]
    pub places: Vec<S<String>>,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyFigure {
    pub figure: S<String>,
    pub value: Num,
    pub year: S<i64>,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeta {
    pub municipality_code: S<String>,
    pub municipality_name: String,
    #[serde(default)]
    pub previous_codes: Vec<S<String>>,
    #[serde(default)]
    pub county_code: Option<S<String>>,
    #[serde(default)]
    pub peers: Vec<S<String>>,
    #[serde(default)]
    pub language: Option<S<String>>,
    pub title: LocalText,
    pub period_start: S<i64>,
    pub period_end: S<i64>,
    #[serde(default)]
    pub first_data_year: Option<S<i64>>,
    pub adopted: S<toml::value::Datetime>,
    pub adopted_by: String,
    #[serde(default)]
    pub amendments: Vec<RawAmendment>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAmendment {
    pub number: u32,
    pub section: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoal {
    pub id: S<String>,
    pub name: LocalText,
    pub sdgs: Vec<S<i64>>,
    #[serde(default)]
    pub sub_goals: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    pub id: S<String>,
    pub name: LocalText,
    pub source: String,
    pub unit: Unit,
    pub direction: Direction,
    pub rule: S<Rule>,
    pub rule_text: LocalText,
    #[serde(default)]
    pub ambition_op: Option<Op>,
    pub computation: Computation,
    /// Where the quoted results come from (applies to every entry of `results`).
    #[serde(default)]
    pub results_source: Option<String>,
    #[serde(default)]
    pub results: BTreeMap<S<String>, S<Num>>,
    #[serde(default)]
    pub ambitions: BTreeMap<S<String>, S<Num>>,
    #[serde(default)]
    pub goals: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    #[serde(default)]
    pub id: Option<S<String>>,
    pub text: String,
    #[serde(default)]
    pub value: Option<Num>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub year: Option<S<i64>>,
    #[serde(default)]
    pub computed_by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStrategy {
    pub id: S<String>,
    pub text: String,
    #[serde(default)]
    pub added_by_amendment: Option<S<u32>>,
    #[serde(default)]
    pub monitor: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSubArea {
    pub number: S<String>,
    pub title: LocalText,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub facts: Vec<RawFact>,
    #[serde(default)]
    pub strategies: Vec<RawStrategy>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFocusArea {
    pub number: S<String>,
    pub title: LocalText,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub goals: Vec<S<String>>,
    #[serde(default)]
    pub facts: Vec<RawFact>,
    #[serde(default)]
    pub strategies: Vec<RawStrategy>,
    #[serde(default)]
    pub sub_areas: Vec<RawSubArea>,
    #[serde(default)]
    pub districts: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPremise {
    pub number: S<String>,
    pub title: LocalText,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// The tasks: plain strings (ids generated: `5.9.1-o1`, …) or `{ id, text }`.
    #[serde(default)]
    pub tasks: Vec<RawTask>,
}

/// A premise task as the file writes it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawTask {
    /// Just the text; the id is generated from its place.
    Plain(String),
    /// Text with an explicit id.
    Item {
        /// The id.
        id: String,
        /// The text, verbatim.
        text: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRankingRow {
    #[serde(default)]
    pub municipality_code: Option<String>,
    pub municipality_name: String,
    pub total: S<i64>,
    #[serde(default)]
    pub groups: BTreeMap<S<String>, S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRanking {
    pub id: S<String>,
    pub publisher: String,
    pub edition: i64,
    pub data_year: i64,
    pub source: String,
    pub groups: Vec<RankGroup>,
    pub rows: Vec<RawRankingRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDelivery {
    pub title: String,
    #[serde(default)]
    pub due: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    pub id: S<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub strategies: Vec<S<String>>,
    pub owner: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub start: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub end: Option<S<toml::value::Datetime>>,
    pub status: S<String>,
    #[serde(default)]
    pub progress: Option<S<i64>>,
    #[serde(default)]
    pub deliveries: Vec<RawDelivery>,
    pub origin: ActionOrigin,
    #[serde(default)]
    pub history: Vec<RawSnapshot>,
    #[serde(default)]
    pub budget: Option<RawBudget>,
    #[serde(default)]
    pub tasks: Vec<S<String>>,
}

/// `[actions.budget]`: the action in the budget cycle.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBudget {
    #[serde(default)]
    pub cost_estimate: Option<S<i64>>,
    #[serde(default)]
    pub budget_years: Vec<S<i64>>,
    #[serde(default)]
    pub funding_source: String,
    #[serde(default)]
    pub handlingsprogram: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub milestones: Vec<RawMilestone>,
    #[serde(default)]
    pub priority: Option<RawPriority>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMilestone {
    pub date: S<toml::value::Datetime>,
    pub title: String,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPriority {
    pub year: S<i64>,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub decided: Option<S<toml::value::Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSnapshot {
    pub date: S<toml::value::Datetime>,
    pub status: S<String>,
    pub progress: S<i64>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A TOML date as a calendar date, if it is a plain local date (no time, no offset).
pub(crate) fn toml_date(dt: &toml::value::Datetime) -> Option<time::Date> {
    if dt.time.is_some() || dt.offset.is_some() {
        return None;
    }
    let d = dt.date?;
    let month = time::Month::try_from(d.month).ok()?;
    time::Date::from_calendar_date(i32::from(d.year), month, d.day).ok()
}
