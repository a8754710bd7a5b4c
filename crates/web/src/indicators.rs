//! Indicator values and judgements as the pages and the API see them.
//!
//! Why a module: this is the one boundary between "where the numbers come from" and "how they are
//! shown". [`indicator_views`] takes each year's value, source and verdict from the indicator
//! engine through `app::indicators::year_rows` (the same rows the council report and the CLI
//! use: one source rule, one verdict per indicator-year); every page, card, chart and API answer
//! follows. A value resting on demo (synthetic) data is shown as such and never judged.

use engine::{Source, Verdict};
use plan::{Indicator, Lang, Plan, Unit, Year};

use crate::AppState;

/// A value with its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Observed {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Which kind of source: `plan_quote`, `published`, `computed` (from real data) or `demo`
    /// (synthetic: shown, never judged).
    #[schema(value_type = String)]
    pub source: Source,
    /// The source in detail (plan section, tables computed from, publisher).
    pub detail: String,
}

impl Observed {
    /// Whether the value rests on demo (synthetic) data.
    pub fn demo(&self) -> bool {
        self.source == Source::Demo
    }

    fn from_row(r: &app::indicators::ValueRow) -> Self {
        Observed {
            value: r.value,
            source: r.source,
            detail: r.detail.clone(),
        }
    }
}

/// One year of an indicator: a result, an ambition, both or neither, and the year's verdict.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct YearValue {
    /// The year.
    pub year: Year,
    /// The value that counts (the engine's one source rule).
    pub result: Option<Observed>,
    /// What the plan aims for.
    pub ambition: Option<f64>,
    /// The year's verdict: `achieved`, `not_achieved`, `no_data`, `no_ambition` or
    /// `demo_not_judged`.
    #[schema(value_type = String)]
    pub verdict: Verdict,
    /// The year's other values (another source than `result`), shown side by side and never
    /// silently dropped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Observed>,
}

/// The label a reader sees for a verdict.
pub fn verdict_label(v: Verdict, lang: Lang) -> String {
    let key = match v {
        Verdict::Achieved => "verdict-achieved",
        Verdict::NotAchieved => "verdict-not-achieved",
        Verdict::NoData => "verdict-no-data",
        Verdict::NoAmbition => "verdict-no-ambition",
        Verdict::DemoNotJudged => "verdict-demo-not-judged",
    };
    crate::layout::tr(lang, key)
}

/// CSS class of a verdict.
pub fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Achieved => "judgement met",
        Verdict::NotAchieved => "judgement not-met",
        Verdict::DemoNotJudged => "judgement demo",
        Verdict::NoData | Verdict::NoAmbition => "judgement unknown",
    }
}

/// The label of a source.
pub fn source_label(s: Source, lang: Lang) -> String {
    s.label(lang)
}

/// An indicator with its values by year, headline and judgement.
#[derive(Debug, Clone)]
pub struct IndicatorView<'a> {
    /// The plan's indicator (name, unit, rule, sources).
    pub indicator: &'a Indicator,
    /// Every year of the plan's table, in order.
    pub years: Vec<YearValue>,
    /// The latest year with a value resting on real data, with that value.
    pub latest: Option<(Year, Observed)>,
    /// The latest demo value, when later than `latest` (shown, not judged).
    pub latest_demo: Option<(Year, Observed)>,
    /// The first ambition from the latest result's year on (or the last one).
    pub next_ambition: Option<(Year, f64)>,
    /// The verdict of `latest`'s year (the same as in the table, the report and the API).
    pub judgement: Verdict,
    /// What the judgement compared (the engine's checks, in words), Norwegian and English.
    pub basis: engine::Bilingual,
    /// The trend status with every input, and a staff override if one is in force; `None`
    /// where the engine could not assess it.
    pub trend: Option<engine::TrendAssessment>,
    /// The projection to the plan's last year (from real data only); `None` where the engine
    /// could not evaluate the indicator.
    pub projection: Option<engine::Projection>,
}

impl IndicatorView<'_> {
    /// Whether any shown value rests on demo (synthetic) data.
    pub fn synthetic(&self) -> bool {
        self.years.iter().any(|y| {
            y.result.as_ref().is_some_and(Observed::demo) || y.also.iter().any(Observed::demo)
        })
    }
}

/// Every indicator of the plan, ready to show, with the values the engine chose from the store
/// (an indicator the engine cannot evaluate against the store is evaluated on the plan's quoted
/// figures alone, by the same rules).
pub async fn indicator_views<'a>(
    state: &AppState,
    plan: &'a Plan,
) -> Result<Vec<IndicatorView<'a>>, crate::WebError> {
    let evaluated = app::indicators::evaluate_cached(&state.store, plan).await?;
    Ok(views_of(plan, &evaluated))
}

/// Every indicator of `plan` as [`indicator_views`] shows it, from evaluations already made
/// (for the plan's municipality, or another one's from `app::compare::evaluate_for`).
pub fn views_of<'a>(
    plan: &'a Plan,
    evaluated: &[app::indicators::Evaluated],
) -> Vec<IndicatorView<'a>> {
    plan.indicators
        .iter()
        .map(
            |i| match evaluated.iter().find(|e| e.evaluation.indicator_id == i.id) {
                Some(e) => {
                    let mut v = evaluated_view(plan, i, &e.evaluation);
                    v.trend = e.trend.clone();
                    v.projection = e.projection.clone();
                    v
                }
                None => quoted(plan, i),
            },
        )
        .collect()
}

/// An indicator with the engine's chosen value and verdict for every table year.
pub fn evaluated_view<'a>(
    plan: &Plan,
    i: &'a Indicator,
    e: &engine::IndicatorEvaluation,
) -> IndicatorView<'a> {
    let years: Vec<YearValue> = app::indicators::year_rows(plan, e)
        .iter()
        .map(|r| YearValue {
            year: r.year,
            result: r.value.as_ref().map(Observed::from_row),
            ambition: r.ambition,
            verdict: r.verdict,
            also: r.also.iter().map(Observed::from_row).collect(),
        })
        .collect();
    let headline = e.headline();
    let at = |y: Option<Year>| {
        y.and_then(|y| {
            years
                .iter()
                .find(|v| v.year == y)
                .and_then(|v| v.result.clone().map(|r| (y, r)))
        })
    };
    let latest = at(headline.real);
    let latest_demo = at(headline.demo);
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
    let (judgement, basis) = match headline.real.and_then(|y| e.year(y)) {
        Some(ye) => {
            let texts = engine::Bilingual::each(|lang| {
                let t: Vec<String> = ye
                    .judgement
                    .checks
                    .iter()
                    .map(|c| {
                        let text = c.text.get(lang);
                        if c.decisive {
                            text.to_string()
                        } else {
                            crate::layout::tr_args(
                                lang,
                                "judge-for-information",
                                &[("check", text.into())],
                            )
                        }
                    })
                    .collect();
                if t.is_empty() {
                    String::new()
                } else {
                    format!("{}: {}.", ye.year, t.join("; "))
                }
            });
            (ye.judgement.verdict, texts)
        }
        None => (
            Verdict::NoData,
            engine::Bilingual::each(|lang| {
                crate::layout::tr(lang, "indicators-no-real-results-yet")
            }),
        ),
    };
    IndicatorView {
        indicator: i,
        years,
        latest,
        latest_demo,
        next_ambition,
        judgement,
        basis,
        trend: None,
        projection: None,
    }
}

/// An indicator as the plan quotes it, judged by the engine's rules on the quotes alone.
pub fn quoted<'a>(plan: &Plan, i: &'a Indicator) -> IndicatorView<'a> {
    match engine::evaluate_indicator(plan, i, &engine::Inputs::new()) {
        Ok(e) => evaluated_view(plan, i, &e),
        Err(_) => IndicatorView {
            indicator: i,
            years: Vec::new(),
            latest: None,
            latest_demo: None,
            next_ambition: None,
            judgement: Verdict::NoData,
            basis: engine::Bilingual::default(),
            trend: None,
            projection: None,
        },
    }
}

/// Whether a chart should put lower values higher (ranks: 1 on top).
pub fn inverted(i: &Indicator) -> bool {
    i.unit == Unit::Rank
}
