//! Evaluate the plan's indicators from the store: values (computed, imported, quoted side by
//! side), judgement per year, and trend status.

use engine::{IndicatorEvaluation, Inputs, TrendAssessment, combine_override};
use plan::Plan;
use stats::geography::Geography;
use store::Store;
use store::observations::SeriesCatalogue;

use crate::AppError;

/// One indicator, evaluated, with its trend.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Evaluated {
    /// Values and judgements by year.
    pub evaluation: IndicatorEvaluation,
    /// Trend status (computed; with a staff override when one exists).
    pub trend: Option<TrendAssessment>,
}

/// The plan's indicators evaluated against everything in the store, with the inputs used.
pub async fn evaluate(store: &Store, plan: &Plan) -> Result<(Vec<Evaluated>, Inputs), AppError> {
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let mut inputs = crate::inputs::load(store, geo, &catalogue, plan).await?;
    crate::ranking::feed_plan_indicators(store, plan, &mut inputs).await?;
    let evaluations = engine::evaluate_plan(plan, &inputs)?;
    let mut out = Vec::new();
    for evaluation in evaluations {
        let trend = engine::assess_trend(plan, &evaluation)
            .ok()
            .map(|t| combine_override(t, None));
        out.push(Evaluated { evaluation, trend });
    }
    Ok((out, inputs))
}

/// The explanation of one indicator (formula, every input with provenance, arithmetic,
/// judgement), evaluated against the store.
pub async fn explain(
    store: &Store,
    plan: &Plan,
    indicator_id: &str,
) -> Result<engine::IndicatorExplanation, AppError> {
    if plan.indicator(indicator_id).is_none() {
        return Err(AppError::NotFound(format!(
            "ukjent indikator «{indicator_id}» (kjente: {})",
            plan.indicators
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let mut inputs = crate::inputs::load(store, geo, &catalogue, plan).await?;
    crate::ranking::feed_plan_indicators(store, plan, &mut inputs).await?;
    Ok(engine::explain_indicator(plan, &inputs, indicator_id)?)
}
