//! Indicator values and judgements as the pages and the API see them.
//!
//! Why a module: this is the one boundary between "where the numbers come from" and "how they are
//! shown". [`indicator_views`] takes each year's value from the indicator engine
//! (`app::indicators::evaluate_cached`: computed from the stored statistics, an imported or
//! computed ranking, or the plan's quoted figure — real data before synthetic) with its
//! provenance; every page, card, chart and API answer follows. A view with any synthetic value
//! makes its pages show the synthetic-data banner ([`IndicatorView::synthetic`]).

use plan::{Indicator, Plan, Rule, Unit, Year};

use crate::AppState;

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Provenance {
    /// Quoted from the plan document (or another publication).
    Quoted {
        /// Where it is quoted from.
        source: String,
    },
    /// Computed by the indicator engine from stored statistics.
    Computed {
        /// Statistics used (e.g. SSB table numbers).
        source: String,
        /// Computed from synthetic data: must be marked wherever shown.
        synthetic: bool,
    },
}

impl Provenance {
    /// Whether the value rests on synthetic data.
    pub fn synthetic(&self) -> bool {
        matches!(
            self,
            Provenance::Computed {
                synthetic: true,
                ..
            }
        )
    }

    /// A short description of the source.
    pub fn source(&self) -> &str {
        match self {
            Provenance::Quoted { source } | Provenance::Computed { source, .. } => source,
        }
    }
}

/// A result with its provenance.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Observed {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// One year of an indicator: a result, an ambition, both or neither.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct YearValue {
    /// The year.
    pub year: Year,
    /// What happened.
    pub result: Option<Observed>,
    /// What the plan aims for.
    pub ambition: Option<f64>,
    /// The year's other values (another basis than `result`: the plan's quote beside a computed
    /// value, or the reverse), shown side by side and never silently dropped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Observed>,
}

/// How the latest result stands against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// The target is met.
    Met,
    /// The target is not met.
    NotMet,
    /// Nothing to judge by (no result, or no target for it).
    Unknown,
}

impl Judgement {
    /// The label a reader sees.
    pub fn label(self, lang: plan::Lang) -> &'static str {
        use plan::Lang::*;
        match (self, lang) {
            (Judgement::Met, Nb) => "Nådd",
            (Judgement::Met, En) => "Met",
            (Judgement::NotMet, Nb) => "Ikke nådd",
            (Judgement::NotMet, En) => "Not met",
            (Judgement::Unknown, Nb) => "Kan ikke vurderes",
            (Judgement::Unknown, En) => "Cannot be judged",
        }
    }

    /// CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Judgement::Met => "judgement met",
            Judgement::NotMet => "judgement not-met",
            Judgement::Unknown => "judgement unknown",
        }
    }
}

/// An indicator with its values by year, latest result and judgement.
#[derive(Debug, Clone)]
pub struct IndicatorView<'a> {
    /// The plan's indicator (name, unit, rule, sources).
    pub indicator: &'a Indicator,
    /// Every year of the plan's table, in order.
    pub years: Vec<YearValue>,
    /// The latest year with a result.
    pub latest: Option<(Year, Observed)>,
    /// The first ambition from the latest result's year on (or the last one).
    pub next_ambition: Option<(Year, f64)>,
    /// The latest result judged against that year's ambition, else against the headline rule.
    pub judgement: Judgement,
    /// What the judgement compared (for readers), Norwegian and English.
    pub basis: (String, String),
    /// The trend status (Open SDG method) with every input, and a staff override if one is in
    /// force; `None` where the engine could not assess it.
    pub trend: Option<engine::TrendAssessment>,
}

impl IndicatorView<'_> {
    /// Whether any shown value rests on synthetic data.
    pub fn synthetic(&self) -> bool {
        self.years
            .iter()
            .any(|y| y.result.as_ref().is_some_and(|r| r.provenance.synthetic()))
    }
}

/// Every indicator of the plan, ready to show, with the values the engine chose from the store
/// (an indicator the engine cannot evaluate falls back to the plan's quoted figures).
pub async fn indicator_views<'a>(
    state: &AppState,
    plan: &'a Plan,
) -> Result<Vec<IndicatorView<'a>>, crate::AppError> {
    let evaluated = app::indicators::evaluate_cached(&state.store, plan).await?;
    Ok(plan
        .indicators
        .iter()
        .map(
            |i| match evaluated.iter().find(|e| e.evaluation.indicator_id == i.id) {
                Some(e) => {
                    let mut v = evaluated_view(plan, i, &e.evaluation);
                    v.trend = e.trend.clone();
                    v
                }
                None => quoted(plan, i),
            },
        )
        .collect())
}

/// An indicator with the engine's chosen value for every table year.
pub fn evaluated_view<'a>(
    plan: &Plan,
    i: &'a Indicator,
    e: &engine::IndicatorEvaluation,
) -> IndicatorView<'a> {
    let years = plan
        .table_years()
        .map(|year| {
            let ye = e.years.iter().find(|y| y.year == year);
            let chosen = ye.and_then(|ye| ye.chosen);
            let also = ye
                .map(|ye| {
                    ye.candidates()
                        .into_iter()
                        .filter(|c| Some(c.basis) != chosen.map(|c| c.basis))
                        .map(|c| observed(i, ye, c))
                        .collect()
                })
                .unwrap_or_default();
            YearValue {
                year,
                result: ye.and_then(|ye| chosen.map(|c| observed(i, ye, c))),
                ambition: i.ambitions.get(&year).copied(),
                also,
            }
        })
        .collect();
    view(i, years)
}

/// A chosen value with its provenance as readers see it.
fn observed(i: &Indicator, ye: &engine::YearEvaluation, c: engine::ChosenValue) -> Observed {
    let provenance = match c.basis {
        engine::ValueBasis::PlanQuote => Provenance::Quoted {
            source: ye
                .quoted
                .as_ref()
                .map(|q| q.source.clone())
                .or_else(|| i.results.get(&ye.year).map(|q| q.source.clone()))
                .unwrap_or_default(),
        },
        engine::ValueBasis::Computed => {
            let mut tables: Vec<String> = ye
                .computation
                .as_ref()
                .and_then(|o| o.computed())
                .map(|v| {
                    v.inputs
                        .iter()
                        .filter_map(|u| u.observation.provenance.table.clone())
                        .collect()
                })
                .unwrap_or_default();
            tables.sort();
            tables.dedup();
            let tables = tables
                .iter()
                .map(|t| {
                    if t.chars().all(|c| c.is_ascii_digit()) {
                        format!("SSB {t}")
                    } else {
                        t.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            Provenance::Computed {
                source: format!("Beregnet fra {tables}"),
                synthetic: c.synthetic,
            }
        }
        engine::ValueBasis::Imported => Provenance::Computed {
            source: ye
                .imported
                .as_ref()
                .and_then(|o| o.provenance.note.clone())
                .unwrap_or_else(|| "Importert publisert tall".into()),
            synthetic: c.synthetic,
        },
    };
    Observed {
        value: c.value,
        provenance,
    }
}

/// An indicator as the plan quotes it.
pub fn quoted<'a>(plan: &Plan, i: &'a Indicator) -> IndicatorView<'a> {
    let years: Vec<YearValue> = plan
        .table_years()
        .map(|y| YearValue {
            year: y,
            result: i.results.get(&y).map(|q| Observed {
                value: q.value,
                provenance: Provenance::Quoted {
                    source: q.source.clone(),
                },
            }),
            ambition: i.ambitions.get(&y).copied(),
            also: Vec::new(),
        })
        .collect();
    view(i, years)
}

/// Builds the view (latest, judgement) from values by year. Pure; used for quoted and computed
/// values alike.
pub fn view(i: &Indicator, years: Vec<YearValue>) -> IndicatorView<'_> {
    let latest = years
        .iter()
        .rev()
        .find_map(|y| y.result.clone().map(|r| (y.year, r)));
    let from = latest.as_ref().map(|(y, _)| *y).unwrap_or(i32::MIN);
    let next_ambition = years
        .iter()
        .filter(|y| y.year >= from)
        .find_map(|y| y.ambition.map(|a| (y.year, a)))
        .or_else(|| {
            years
                .iter()
                .rev()
                .find_map(|y| y.ambition.map(|a| (y.year, a)))
        });
    let (judgement, basis) = judge(i, &years, latest.as_ref());
    IndicatorView {
        indicator: i,
        years,
        latest,
        next_ambition,
        judgement,
        basis,
        trend: None,
    }
}

fn judge(
    i: &Indicator,
    years: &[YearValue],
    latest: Option<&(Year, Observed)>,
) -> (Judgement, (String, String)) {
    let Some((year, obs)) = latest else {
        return (
            Judgement::Unknown,
            ("Ingen resultater ennå.".into(), "No results yet.".into()),
        );
    };
    let v = obs.value;
    // Ranks are written "13."; a sentence ending in one gets no second full stop.
    let fmt = |x: f64| plan::fmt::value(x, i.unit);
    let end = |s: String| if s.ends_with('.') { s } else { s + "." };
    if let Some(a) = years
        .iter()
        .find(|y| y.year == *year)
        .and_then(|y| y.ambition)
    {
        let met = i.ambition_op.holds(v, a);
        let s = i.ambition_op.symbol();
        return (
            met.into(),
            (
                end(format!("{year}: {} mot ambisjonen {s} {}", fmt(v), fmt(a))),
                end(format!(
                    "{year}: {} against the ambition {s} {}",
                    fmt(v),
                    fmt(a)
                )),
            ),
        );
    }
    match i.rule {
        Rule::Threshold { op, target } => {
            let s = op.symbol();
            (
                op.holds(v, target).into(),
                (
                    end(format!("{year}: {} mot målet {s} {}", fmt(v), fmt(target))),
                    end(format!(
                        "{year}: {} against the target {s} {}",
                        fmt(v),
                        fmt(target)
                    )),
                ),
            )
        }
        Rule::IncreaseFromPreviousYear | Rule::DecreaseFromPreviousYear => {
            let prev = years
                .iter()
                .find(|y| y.year == year - 1)
                .and_then(|y| y.result.as_ref());
            match prev {
                None => (
                    Judgement::Unknown,
                    (
                        format!("Ingen verdi for {} å sammenligne med.", year - 1),
                        format!("No value for {} to compare with.", year - 1),
                    ),
                ),
                Some(p) => {
                    let up = matches!(i.rule, Rule::IncreaseFromPreviousYear);
                    let met = if up { v > p.value } else { v < p.value };
                    (
                        met.into(),
                        (
                            format!("{year}: {} mot {} året før.", fmt(v), fmt(p.value)),
                            format!(
                                "{year}: {} against {} the year before.",
                                fmt(v),
                                fmt(p.value)
                            ),
                        ),
                    )
                }
            }
        }
    }
}

impl From<bool> for Judgement {
    fn from(b: bool) -> Self {
        if b { Judgement::Met } else { Judgement::NotMet }
    }
}

/// Whether a chart should put lower values higher (ranks: 1 on top).
pub fn inverted(i: &Indicator) -> bool {
    i.unit == Unit::Rank
}
