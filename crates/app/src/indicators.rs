//! Evaluate the plan's indicators from the store: values (computed, imported, quoted side by
//! side), judgement per year, and trend status.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use engine::{IndicatorEvaluation, Inputs, TrendAssessment, combine_override};
use plan::Plan;
use stats::geography::Geography;
use store::Store;
use store::observations::SeriesCatalogue;

use crate::AppError;

/// One indicator, evaluated, with its trend.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Evaluated {
    /// Values and judgements by year.
    pub evaluation: IndicatorEvaluation,
    /// Trend status (computed; with a staff override when one exists).
    pub trend: Option<TrendAssessment>,
    /// The projection to the plan's last year from real data (absent, with the reason, where
    /// the latest values are demo data).
    pub projection: Option<engine::Projection>,
}

/// The plan's indicators evaluated against everything in the store, with the inputs used.
pub async fn evaluate(store: &Store, plan: &Plan) -> Result<(Vec<Evaluated>, Inputs), AppError> {
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let mut inputs = crate::inputs::load(store, geo, &catalogue, plan).await?;
    crate::ranking::feed_plan_indicators(store, plan, &mut inputs).await?;
    let evaluations = engine::evaluate_plan(plan, &inputs)?;
    let overrides = store
        .current_status_overrides(&plan.meta.municipality_code)
        .await?;
    // Overrides are shown publicly (pages, API, council report): by display name, never by
    // login name (issue 21).
    let names = store.public_names().await?;
    let mut out = Vec::new();
    for evaluation in evaluations {
        let override_ = overrides
            .iter()
            .find(|o| o.indicator_id == evaluation.indicator_id)
            .and_then(|o| {
                let status = engine::TrendStatus::parse(o.status.as_deref()?)?;
                engine::StatusOverride::new(status, &o.justification, names.of(&o.by), &o.at).ok()
            });
        let trend = engine::assess_trend(plan, &evaluation)
            .ok()
            .map(|t| combine_override(t, override_));
        let projection = engine::project(plan, &evaluation).ok();
        out.push(Evaluated {
            evaluation,
            trend,
            projection,
        });
    }
    Ok((out, inputs))
}

type CacheKey = (u64, u64);
type Cache = Mutex<Vec<(CacheKey, Arc<Vec<Evaluated>>)>>;

/// A fingerprint of what the evaluation of `plan` reads from the plan itself: municipality,
/// table years and the indicators (values, ambitions, rules, computations).
fn plan_fingerprint(plan: &Plan) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    plan.meta.municipality_code.hash(&mut h);
    plan.table_years().collect::<Vec<_>>().hash(&mut h);
    format!("{:?}", plan.indicators).hash(&mut h);
    h.finish()
}

/// A fingerprint of what the local-procurement series read besides the statistics: the ledger
/// files (ids and SHA-256 sums) and the register snapshots (ids).
async fn registers_fingerprint(store: &Store, plan_code: &str) -> Result<u64, AppError> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    "registers".hash(&mut h);
    for i in store.procurement_imports(plan_code).await? {
        (i.id, i.sha256).hash(&mut h);
    }
    for s in store.register_snapshots().await? {
        (s.id, s.sha256).hash(&mut h);
    }
    Ok(h.finish())
}

/// As [`evaluate`] without the inputs, cached: the result is a function of the store's imports
/// (their ids and SHA-256 sums, see [`crate::ranking`]; the ledger files and register snapshots
/// the local-procurement series read), the plan's indicators and the staff's
/// status overrides (append-only, so the latest id identifies them) with their authors' display
/// names, so pages can call this on every request and only the first request after an import
/// pays for the computation. Kept in memory and in the store ([`crate::cache`]): a CLI call or
/// a fresh web node reads what another computed.
pub async fn evaluate_cached(store: &Store, plan: &Plan) -> Result<Arc<Vec<Evaluated>>, AppError> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let overrides = store.status_overrides(&plan.meta.municipality_code).await?;
    // Overrides show their authors' display names: those are an input too.
    let names = store.public_names().await?;
    let authors = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for o in &overrides {
            names.of(&o.by).hash(&mut h);
        }
        h.finish()
    };
    let key = (
        crate::ranking::fingerprint(store).await?
            ^ registers_fingerprint(store, &plan.meta.municipality_code).await?,
        plan_fingerprint(plan)
            ^ overrides.last().map_or(0, |o| o.id as u64).rotate_left(32)
            ^ authors.rotate_left(16)
            // The ranking's default years end last year.
            ^ (time::OffsetDateTime::now_utc().year() as u64).rotate_left(48),
    );
    if let Some((_, hit)) = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
    {
        return Ok(hit.clone());
    }
    // Then the copy in the store (another process may have computed it), then compute.
    let stored_key = crate::cache::key(key);
    let evaluated =
        match crate::cache::read::<Vec<Evaluated>>(store, STORED_KIND, &stored_key).await {
            Some(e) => Arc::new(e),
            None => {
                let (evaluated, _) = evaluate(store, plan).await?;
                crate::cache::write(store, STORED_KIND, &stored_key, &evaluated, STORED_KEEP).await;
                Arc::new(evaluated)
            }
        };
    let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
    c.retain(|(k, _)| *k != key);
    c.push((key, evaluated.clone()));
    // The plan municipality and its peers (app::compare), and a few older fingerprints.
    if c.len() > 32 {
        c.remove(0);
    }
    Ok(evaluated)
}

/// The kind of the evaluations kept in the store ([`crate::cache`]).
const STORED_KIND: &str = "evaluation";
/// How many evaluations the store keeps (about 80 kB each): the plan municipality and the
/// peers compared with it, for a few versions of the inputs.
const STORED_KEEP: u32 = 48;

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

/// One year of an indicator as every output shows it (web card and page, chart, API, council
/// report, CLI): the value that counts — chosen by the engine's one source rule
/// ([`engine::YearEvaluation::chosen`]: computed, else published, else quoted, real before demo)
/// — its source, the year's verdict (a demo value is never judged), the ambition, and the year's
/// other values beside it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YearRow {
    /// The year.
    pub year: plan::Year,
    /// The value that counts, if any.
    pub value: Option<ValueRow>,
    /// What the plan aims for that year.
    pub ambition: Option<f64>,
    /// The year's verdict (the engine's judgement).
    pub verdict: engine::Verdict,
    /// The other values of the year (another source than `value`), never dropped.
    pub also: Vec<ValueRow>,
}

/// A value with its source, as shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ValueRow {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Which kind of source.
    pub source: engine::Source,
    /// The source in detail (plan section, tables computed from, publisher's note).
    pub detail: String,
}

/// The plan's table years of an evaluated indicator as [`YearRow`]s (every table year, with or
/// without values).
pub fn year_rows(plan: &Plan, e: &IndicatorEvaluation) -> Vec<YearRow> {
    let indicator = plan.indicator(&e.indicator_id);
    plan.table_years()
        .map(|year| {
            let Some(ye) = e.year(year) else {
                return YearRow {
                    year,
                    value: None,
                    ambition: indicator.and_then(|i| i.ambitions.get(&year).copied()),
                    verdict: engine::Verdict::NoAmbition,
                    also: Vec::new(),
                };
            };
            let chosen = ye.chosen;
            YearRow {
                year,
                value: chosen.map(|c| value_row(indicator, ye, c)),
                ambition: ye.ambition,
                verdict: ye.judgement.verdict,
                also: ye
                    .candidates()
                    .into_iter()
                    .filter(|c| Some(c.basis) != chosen.map(|c| c.basis))
                    .map(|c| value_row(indicator, ye, c))
                    .collect(),
            }
        })
        .collect()
}

/// A candidate value with its source in detail.
fn value_row(
    indicator: Option<&plan::Indicator>,
    ye: &engine::YearEvaluation,
    c: engine::ChosenValue,
) -> ValueRow {
    let detail = match c.basis {
        engine::ValueBasis::PlanQuote => ye
            .quoted
            .as_ref()
            .map(|q| q.source.clone())
            .or_else(|| indicator.and_then(|i| i.results.get(&ye.year).map(|q| q.source.clone())))
            .unwrap_or_default(),
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
            format!("Beregnet fra {tables}")
        }
        engine::ValueBasis::Imported => ye
            .imported
            .as_ref()
            .and_then(|o| o.provenance.note.clone())
            .unwrap_or_else(|| "Importert publisert tall".into()),
    };
    ValueRow {
        value: c.value,
        source: c.source(),
        detail,
    }
}
