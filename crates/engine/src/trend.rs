//! Trend status after Open SDG's progress-status method, and staff overrides.
//!
//! The method (open-sdg/sdg-build `ProgressMeasure.py`, after Statistics Canada and Eurostat):
//!
//! - the *current* (latest) year is the last year with a value; the *base* year is the
//!   configured one, or the first year with a value after it when it has none;
//! - `CAGR(a → b) = (y_b / y_a)^(1 / (t_b − t_a)) − 1`;
//! - `d` is +1 when higher is better and −1 when lower is better; `sign` is −1 when the base value
//!   is negative, else +1;
//! - **with a target**: if the latest value already reaches the target (≥ for higher-is-better,
//!   ≤ for lower-is-better) the status is `target_achieved`. Otherwise CAGR observed =
//!   CAGR(base → latest), CAGR required = CAGR(base → target in the target year), and the
//!   progress value is the ratio `sign × d × CAGR_observed / |CAGR_required|`, compared with
//!   the thresholds 0.95 / 0.60 / 0;
//! - **without a target**: the progress value is `sign × d × CAGR_observed`, compared with
//!   1.5 % / 0.5 % / 0;
//! - value ≥ high → `substantial_progress`; ≥ med → `moderate_progress`; ≥ low →
//!   `limited_progress`; below → `deterioration`; no progress value → `not_available`.
//!
//! As Open SDG does, a base value of 0 is replaced by 0.001 and a target of 0 by 0.001 (a
//! growth rate from or to 0 is undefined), with a note in the result; a base and latest value of
//! opposite signs, fewer than two years, or a target year not after the base year give
//! `not_available`, also with a note. Open SDG's optional scaling of the no-target thresholds
//! near a natural limit (e.g. 100 %) is not implemented: the plan's indicators configure none.
//!
//! Departures from Open SDG, each said in the result's notes and on the pages:
//!
//! - **Growth measure** ([`Growth`]): a share or ratio (unit percent or ratio), which can be zero or
//!   negative (job growth relative to population growth was 9 % one year and 168 % the next), is
//!   judged on its absolute change per year (observed `(latest − base) / years` against required
//!   `(target − base) / years`), not on CAGR, which is meaningless across zero. Levels (ranks,
//!   counts, dekar, kroner) keep CAGR.
//! - **Base year** ([`trend_config`]): the plan's last result year before its period (2019 for a
//!   2021–2024 plan quoting 2017–2019), not the first data year.
//! - **Only real data**: the series is the indicator's chosen values that rest on real data; a demo
//!   value never enters a trend ([`assess_trend`]).
//! - **A series that improved every year of the plan period** (at least two years in it) is never
//!   `deterioration`: it is at worst `limited_progress`, with a note — it is behind the base year,
//!   not moving the wrong way.
//!
//! Every input and intermediate number is kept in [`TrendResult`] so it can be stored and shown.

use plan::{Direction, Indicator, Plan, Rule, Unit, Year};
use serde::Serialize;

use crate::evaluate::{ChosenValue, IndicatorEvaluation, ValueBasis};
use crate::{Bilingual, EngineError};

/// Progress status (Open SDG's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendStatus {
    /// The latest value reaches the target.
    TargetAchieved,
    /// On track: ratio ≥ 0.95 (with target) or CAGR ≥ 1.5 % (without).
    SubstantialProgress,
    /// Progress, acceleration needed: ratio ≥ 0.60 or CAGR ≥ 0.5 %.
    ModerateProgress,
    /// Little progress: ratio ≥ 0 or CAGR ≥ 0.
    LimitedProgress,
    /// Moving the wrong way.
    Deterioration,
    /// Cannot be computed.
    NotAvailable,
}

impl TrendStatus {
    /// Every status, best first.
    pub const ALL: [TrendStatus; 6] = [
        TrendStatus::TargetAchieved,
        TrendStatus::SubstantialProgress,
        TrendStatus::ModerateProgress,
        TrendStatus::LimitedProgress,
        TrendStatus::Deterioration,
        TrendStatus::NotAvailable,
    ];

    /// The machine name (as Open SDG writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            TrendStatus::TargetAchieved => "target_achieved",
            TrendStatus::SubstantialProgress => "substantial_progress",
            TrendStatus::ModerateProgress => "moderate_progress",
            TrendStatus::LimitedProgress => "limited_progress",
            TrendStatus::Deterioration => "deterioration",
            TrendStatus::NotAvailable => "not_available",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                TrendStatus::TargetAchieved => "trend-status-target-achieved",
                TrendStatus::SubstantialProgress => "trend-status-substantial-progress",
                TrendStatus::ModerateProgress => "trend-status-moderate-progress",
                TrendStatus::LimitedProgress => "trend-status-limited-progress",
                TrendStatus::Deterioration => "trend-status-deterioration",
                TrendStatus::NotAvailable => "trend-status-not-available",
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

/// Which of Open SDG's two methods applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendMethod {
    /// Ratio of observed to required CAGR (a target is set).
    WithTarget,
    /// Observed CAGR against fixed rates (no target).
    WithoutTarget,
}

/// How change is measured between two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// Compound annual growth rate (levels: ranks, counts, areas, money).
    Cagr,
    /// Absolute change per year (shares and ratios, which can be zero or negative).
    AbsoluteChange,
}

impl Growth {
    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                Growth::Cagr => "growth-cagr",
                Growth::AbsoluteChange => "growth-absolute-change",
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

/// The three thresholds a progress value is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Thresholds {
    /// At or above: substantial progress.
    pub high: f64,
    /// At or above: moderate progress.
    pub med: f64,
    /// At or above: limited progress; below: deterioration.
    pub low: f64,
}

impl Thresholds {
    /// With a target: 0.95 / 0.60 / 0.
    pub const WITH_TARGET: Thresholds = Thresholds {
        high: 0.95,
        med: 0.6,
        low: 0.0,
    };
    /// Without a target: 1.5 % / 0.5 % / 0 a year.
    pub const WITHOUT_TARGET: Thresholds = Thresholds {
        high: 0.015,
        med: 0.005,
        low: 0.0,
    };
    /// Without a target, absolute change: 0.5 / 0.1 / 0 units (percentage points) a year.
    pub const WITHOUT_TARGET_ABSOLUTE: Thresholds = Thresholds {
        high: 0.5,
        med: 0.1,
        low: 0.0,
    };

    /// The status for a progress value.
    pub fn status(&self, progress: f64) -> TrendStatus {
        if progress >= self.high {
            TrendStatus::SubstantialProgress
        } else if progress >= self.med {
            TrendStatus::ModerateProgress
        } else if progress >= self.low {
            TrendStatus::LimitedProgress
        } else {
            TrendStatus::Deterioration
        }
    }
}

/// A target value to reach by a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct TrendTarget {
    /// The year by which it should be reached.
    pub year: Year,
    /// The value.
    pub value: f64,
}

/// What the trend is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct TrendConfig {
    /// Base year (the first year with a value at or after it is used).
    pub base_year: Year,
    /// How change is measured.
    pub growth: Growth,
    /// First year of the plan period, for the rule that a series improving every year of the
    /// period is not `deterioration` (`None`: no such rule).
    pub period_start: Option<Year>,
    /// Which way is better.
    pub direction: Direction,
    /// The target, if any.
    pub target: Option<TrendTarget>,
}

/// The trend status with every input and intermediate number.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TrendResult {
    /// The status.
    pub status: TrendStatus,
    /// The method used.
    pub method: TrendMethod,
    /// How change is measured.
    pub growth: Growth,
    /// Which way is better.
    pub direction: Direction,
    /// Base year actually used.
    pub base_year: Option<Year>,
    /// Base value (as found; see `notes` for a 0 replaced by 0.001).
    pub base_value: Option<f64>,
    /// Basis of the base value (computed / imported / plan quote), when known.
    pub base_basis: Option<ValueBasis>,
    /// Latest year with a value.
    pub latest_year: Option<Year>,
    /// Latest value.
    pub latest_value: Option<f64>,
    /// Basis of the latest value, when known.
    pub latest_basis: Option<ValueBasis>,
    /// Target year (with a target).
    pub target_year: Option<Year>,
    /// Target value (with a target).
    pub target_value: Option<f64>,
    /// Observed compound annual growth rate, base → latest (0.02 = 2 % a year).
    pub cagr_observed: Option<f64>,
    /// Required compound annual growth rate, base → target.
    pub cagr_required: Option<f64>,
    /// Observed absolute change per year, base → latest ([`Growth::AbsoluteChange`]).
    pub change_observed: Option<f64>,
    /// Required absolute change per year, base → target ([`Growth::AbsoluteChange`]).
    pub change_required: Option<f64>,
    /// With a target: `sign × d × CAGR_observed / |CAGR_required|`.
    pub ratio: Option<f64>,
    /// The number compared with the thresholds (the ratio, or `sign × d × CAGR_observed`).
    pub progress_value: Option<f64>,
    /// The thresholds of the method.
    pub thresholds: Thresholds,
    /// Substitutions made and reasons for `not_available`.
    pub notes: Vec<Bilingual>,
}

/// `(y_b / y_a)^(1 / (t_b − t_a)) − 1`, when defined and finite.
pub fn cagr(from_value: f64, from_year: Year, to_value: f64, to_year: Year) -> Option<f64> {
    let years = f64::from(to_year - from_year);
    if years <= 0.0 || from_value == 0.0 {
        return None;
    }
    let r = (to_value / from_value).powf(1.0 / years) - 1.0;
    r.is_finite().then_some(r)
}

/// The trend configuration the plan implies for an indicator: base year = the plan's last
/// result year before its period (else its first data year); target = the ambition of the last
/// year that has one, or else a threshold rule's target by the end of the plan period; no target
/// for year-on-year rules without ambitions; absolute change for shares and ratios, CAGR for
/// levels ([`Growth`]).
pub fn trend_config(plan: &Plan, indicator: &Indicator) -> TrendConfig {
    let target = match indicator.ambitions.iter().next_back() {
        Some((y, v)) => Some(TrendTarget {
            year: *y,
            value: *v,
        }),
        None => match indicator.rule {
            Rule::Threshold { target, .. } => Some(TrendTarget {
                year: plan.meta.period_end,
                value: target,
            }),
            _ => None,
        },
    };
    let base_year = indicator
        .results
        .keys()
        .copied()
        .filter(|y| *y < plan.meta.period_start)
        .max()
        .unwrap_or(plan.meta.first_data_year);
    TrendConfig {
        base_year,
        growth: match indicator.unit {
            Unit::Percent | Unit::Ratio => Growth::AbsoluteChange,
            _ => Growth::Cagr,
        },
        period_start: Some(plan.meta.period_start),
        direction: indicator.direction,
        target,
    }
}

/// Computes the trend status of a series of `(year, value)` points (any order; missing years
/// simply absent).
pub fn trend_status(points: &[(Year, f64)], config: &TrendConfig) -> TrendResult {
    let chosen: Vec<ChosenValue> = points
        .iter()
        .map(|(y, v)| ChosenValue {
            year: *y,
            value: *v,
            basis: ValueBasis::Computed,
            synthetic: false,
        })
        .collect();
    let mut r = trend_of(&chosen, config);
    r.base_basis = None;
    r.latest_basis = None;
    r
}

/// The trend status of an evaluated indicator, from its chosen values that rest on real data
/// (demo values never enter a trend), with the plan's configuration ([`trend_config`]).
pub fn assess_trend(
    plan: &Plan,
    evaluation: &IndicatorEvaluation,
) -> Result<TrendResult, EngineError> {
    let indicator = plan
        .indicator(&evaluation.indicator_id)
        .ok_or_else(|| EngineError::UnknownIndicator(evaluation.indicator_id.clone()))?;
    Ok(trend_of(
        &evaluation.real_series(),
        &trend_config(plan, indicator),
    ))
}

/// A trend note from the translation files (`trend-note-*`), in every language.
fn note(key: &str, args: &[(&str, String)]) -> Bilingual {
    Bilingual::each(|lang| {
        let args: Vec<(&str, i18n::Value<'_>)> = args
            .iter()
            .map(|(n, v)| (*n, i18n::Value::from(v.as_str())))
            .collect();
        i18n::tr_args(lang, key, &args)
    })
}

fn trend_of(points: &[ChosenValue], config: &TrendConfig) -> TrendResult {
    let mut pts: Vec<ChosenValue> = points
        .iter()
        .filter(|p| p.value.is_finite())
        .copied()
        .collect();
    pts.sort_by_key(|p| p.year);
    pts.dedup_by_key(|p| p.year);
    let method = if config.target.is_some() {
        TrendMethod::WithTarget
    } else {
        TrendMethod::WithoutTarget
    };
    let mut r = TrendResult {
        status: TrendStatus::NotAvailable,
        method,
        growth: config.growth,
        direction: config.direction,
        base_year: None,
        base_value: None,
        base_basis: None,
        latest_year: None,
        latest_value: None,
        latest_basis: None,
        target_year: config.target.map(|t| t.year),
        target_value: config.target.map(|t| t.value),
        cagr_observed: None,
        cagr_required: None,
        change_observed: None,
        change_required: None,
        ratio: None,
        progress_value: None,
        thresholds: match (method, config.growth) {
            (TrendMethod::WithTarget, _) => Thresholds::WITH_TARGET,
            (TrendMethod::WithoutTarget, Growth::Cagr) => Thresholds::WITHOUT_TARGET,
            (TrendMethod::WithoutTarget, Growth::AbsoluteChange) => {
                Thresholds::WITHOUT_TARGET_ABSOLUTE
            }
        },
        notes: Vec::new(),
    };
    let Some(latest) = pts.last().copied() else {
        r.notes.push(note("trend-note-no-values", &[]));
        return r;
    };
    r.latest_year = Some(latest.year);
    r.latest_value = Some(latest.value);
    r.latest_basis = Some(latest.basis);

    let d = match config.direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    };

    // Target, with Open SDG's 0 → 0.001 substitution.
    let target = config.target.map(|t| {
        if t.value == 0.0 && config.growth == Growth::Cagr {
            r.notes.push(note("trend-note-target-zero", &[]));
            TrendTarget {
                year: t.year,
                value: 0.001,
            }
        } else {
            t
        }
    });
    let target_achieved = target.is_some_and(|t| {
        if d > 0.0 {
            latest.value >= t.value
        } else {
            latest.value <= t.value
        }
    });

    let base = pts.iter().find(|p| p.year >= config.base_year).copied();
    match base {
        None => r.notes.push(note(
            "trend-note-no-base",
            &[("year", config.base_year.to_string())],
        )),
        Some(b) => {
            r.base_year = Some(b.year);
            r.base_value = Some(b.value);
            r.base_basis = Some(b.basis);
            if latest.year - b.year < 1 {
                r.notes.push(note("trend-note-two-years", &[]));
            } else {
                match config.growth {
                    Growth::Cagr => progress(&mut r, b, latest, target, d),
                    Growth::AbsoluteChange => progress_absolute(&mut r, b, latest, target, d),
                }
            }
        }
    }

    r.status = if target_achieved {
        TrendStatus::TargetAchieved
    } else {
        match r.progress_value {
            Some(p) => r.thresholds.status(p),
            None => TrendStatus::NotAvailable,
        }
    };
    if r.status == TrendStatus::Deterioration
        && let Some(start) = config.period_start
    {
        let in_period: Vec<&ChosenValue> = pts.iter().filter(|p| p.year >= start).collect();
        let improved_every_year = in_period.len() >= 2
            && in_period
                .windows(2)
                .all(|w| w[1].year == w[0].year + 1 && d * (w[1].value - w[0].value) > 0.0);
        if improved_every_year {
            r.status = TrendStatus::LimitedProgress;
            r.notes.push(note(
                "trend-note-improved-every-year",
                &[("start", start.to_string())],
            ));
        }
    }
    r
}

/// Whether the target year is after the base year; if not, says so in the notes.
fn target_after_base(r: &mut TrendResult, t: TrendTarget, b: ChosenValue) -> bool {
    if t.year > b.year {
        return true;
    }
    r.notes.push(note(
        "trend-note-target-not-after-base",
        &[("target", t.year.to_string()), ("base", b.year.to_string())],
    ));
    false
}

/// Progress on absolute change per year ([`Growth::AbsoluteChange`]); the caller has checked
/// that the latest year is after the base year.
fn progress_absolute(
    r: &mut TrendResult,
    b: ChosenValue,
    latest: ChosenValue,
    target: Option<TrendTarget>,
    d: f64,
) {
    let observed = (latest.value - b.value) / f64::from(latest.year - b.year);
    r.change_observed = Some(observed);
    match target {
        None => r.progress_value = Some(d * observed),
        Some(t) => {
            if !target_after_base(r, t, b) {
                return;
            }
            let required = (t.value - b.value) / f64::from(t.year - b.year);
            r.change_required = Some(required);
            if required == 0.0 {
                r.notes.push(note("trend-note-base-is-target-change", &[]));
                return;
            }
            let ratio = d * observed / required.abs();
            r.ratio = Some(ratio);
            r.progress_value = Some(ratio);
        }
    }
}

/// Progress on CAGR ([`Growth::Cagr`]); the caller has checked that the latest year is after
/// the base year.
fn progress(
    r: &mut TrendResult,
    b: ChosenValue,
    latest: ChosenValue,
    target: Option<TrendTarget>,
    d: f64,
) {
    let mut base_value = b.value;
    if base_value == 0.0 {
        r.notes.push(note("trend-note-base-zero", &[]));
        base_value = 0.001;
    }
    if (base_value > 0.0 && latest.value < 0.0) || (base_value < 0.0 && latest.value > 0.0) {
        r.notes.push(note("trend-note-opposite-signs", &[]));
        return;
    }
    let sign = if base_value < 0.0 { -1.0 } else { 1.0 };
    let Some(cagr_o) = cagr(base_value, b.year, latest.value, latest.year) else {
        r.notes.push(note("trend-note-no-growth-rate", &[]));
        return;
    };
    r.cagr_observed = Some(cagr_o);
    match target {
        None => r.progress_value = Some(sign * d * cagr_o),
        Some(t) => {
            if !target_after_base(r, t, b) {
                return;
            }
            let Some(cagr_r) = cagr(base_value, b.year, t.value, t.year) else {
                r.notes.push(note("trend-note-no-required-rate", &[]));
                return;
            };
            r.cagr_required = Some(cagr_r);
            if cagr_r == 0.0 {
                r.notes.push(note("trend-note-base-is-target-rate", &[]));
                return;
            }
            let ratio = sign * d * cagr_o / cagr_r.abs();
            r.ratio = Some(ratio);
            r.progress_value = Some(ratio);
        }
    }
}

/// A staff override of a computed trend status: the status they set, why, who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StatusOverride {
    /// The status staff set.
    pub status: TrendStatus,
    /// The written justification (required).
    pub justification: String,
    /// Who made the override.
    pub by: String,
    /// When (ISO 8601 text, as the store records it).
    pub at: String,
}

impl StatusOverride {
    /// An override; refuses an empty justification or author.
    pub fn new(
        status: TrendStatus,
        justification: impl Into<String>,
        by: impl Into<String>,
        at: impl Into<String>,
    ) -> Result<Self, EngineError> {
        let justification = justification.into();
        let by = by.into();
        if justification.trim().is_empty() {
            return Err(EngineError::EmptyJustification);
        }
        if by.trim().is_empty() {
            return Err(EngineError::EmptyAuthor);
        }
        Ok(StatusOverride {
            status,
            justification,
            by,
            at: at.into(),
        })
    }
}

/// A computed trend shown next to any staff override.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TrendAssessment {
    /// The computed result, always kept.
    pub computed: TrendResult,
    /// The staff override, if any.
    #[serde(rename = "override")]
    pub override_: Option<StatusOverride>,
    /// The status to show as current: the override's if there is one, else the computed one.
    pub effective_status: TrendStatus,
    /// Whether the override disagrees with the computed status.
    pub differs: bool,
}

/// Combines a computed trend with a staff override (both are kept; the override's status is the
/// effective one).
pub fn combine_override(
    computed: TrendResult,
    override_: Option<StatusOverride>,
) -> TrendAssessment {
    let effective_status = override_.as_ref().map_or(computed.status, |o| o.status);
    TrendAssessment {
        differs: effective_status != computed.status,
        computed,
        override_,
        effective_status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(direction: Direction, target: Option<(Year, f64)>) -> TrendConfig {
        TrendConfig {
            base_year: 2015,
            growth: Growth::Cagr,
            period_start: None,
            direction,
            target: target.map(|(year, value)| TrendTarget { year, value }),
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    const UP: Direction = Direction::HigherIsBetter;
    const DOWN: Direction = Direction::LowerIsBetter;

    #[test]
    fn with_target_statuses() {
        // Base 100 (2015) → target 200 (2025): CAGR_required = 2^(1/10) − 1 = 0.071773…
        let req = 2f64.powf(0.1) - 1.0;
        let c = cfg(UP, Some((2025, 200.0)));
        // Latest 2020 at 100 × (1 + req)^5 = 141.42…: on the required path, ratio 1.
        let on_path = 100.0 * 2f64.sqrt();
        let r = trend_status(&[(2015, 100.0), (2020, on_path)], &c);
        assert_eq!(r.status, TrendStatus::SubstantialProgress);
        assert!(close(r.cagr_required, req));
        assert!(close(r.cagr_observed, req));
        assert!(close(r.ratio, 1.0));
        assert_eq!(
            (r.base_year, r.latest_year, r.target_year),
            (Some(2015), Some(2020), Some(2025))
        );
        assert_eq!((r.base_value, r.target_value), (Some(100.0), Some(200.0)));
        // Half the required rate: 100 × (1 + req/2)^5 → ratio 0.5 → limited.
        let half = 100.0 * (1.0 + req / 2.0).powi(5);
        let r = trend_status(&[(2015, 100.0), (2020, half)], &c);
        assert!(close(r.ratio, 0.5));
        assert_eq!(r.status, TrendStatus::LimitedProgress);
        // 0.7 of the rate → moderate.
        let r = trend_status(
            &[(2015, 100.0), (2020, 100.0 * (1.0 + 0.7 * req).powi(5))],
            &c,
        );
        assert_eq!(r.status, TrendStatus::ModerateProgress);
        // Falling → deterioration.
        let r = trend_status(&[(2015, 100.0), (2020, 90.0)], &c);
        assert_eq!(r.status, TrendStatus::Deterioration);
        assert!(r.ratio.unwrap() < 0.0);
        // Reached → target achieved.
        let r = trend_status(&[(2015, 100.0), (2020, 200.0)], &c);
        assert_eq!(r.status, TrendStatus::TargetAchieved);
    }

    #[test]
    fn lower_is_better_with_target() {
        // Rank 13 (2019) → 10 by 2024: CAGR_required = (10/13)^(1/5) − 1 < 0.
        let c = TrendConfig {
            base_year: 2019,
            growth: Growth::Cagr,
            period_start: None,
            ..cfg(DOWN, Some((2024, 10.0)))
        };
        let req = (10.0f64 / 13.0).powf(0.2) - 1.0;
        // Rank 12 in 2021: CAGR_observed = (12/13)^(1/2) − 1; ratio = −1 × obs / |req| > 0.
        let r = trend_status(&[(2017, 12.0), (2019, 13.0), (2021, 12.0)], &c);
        let obs = (12.0f64 / 13.0).sqrt() - 1.0;
        assert_eq!(r.base_year, Some(2019));
        assert!(close(r.cagr_required, req));
        assert!(close(r.cagr_observed, obs));
        assert!(close(r.ratio, -obs / req.abs()));
        // −obs/|req| = 0.0392/0.0511 ≈ 0.77 → moderate.
        assert!((r.ratio.unwrap() - 0.767).abs() < 0.01, "{:?}", r.ratio);
        assert_eq!(r.status, TrendStatus::ModerateProgress);
        // Rank rising (worse) → deterioration.
        let r = trend_status(&[(2019, 13.0), (2021, 15.0)], &c);
        assert_eq!(r.status, TrendStatus::Deterioration);
        // Rank 10 reached.
        let r = trend_status(&[(2019, 13.0), (2022, 9.0)], &c);
        assert_eq!(r.status, TrendStatus::TargetAchieved);
    }

    #[test]
    fn without_target_statuses() {
        // 100 → 100 × 1.02^4: CAGR 2 % → substantial (≥ 1.5 %).
        let c = cfg(UP, None);
        let r = trend_status(&[(2016, 100.0), (2020, 100.0 * 1.02f64.powi(4))], &c);
        assert_eq!(r.method, TrendMethod::WithoutTarget);
        assert!(close(r.cagr_observed, 0.02));
        assert_eq!(r.status, TrendStatus::SubstantialProgress);
        assert_eq!(
            r.base_year,
            Some(2016),
            "first year after the configured base year"
        );
        let r = trend_status(&[(2016, 100.0), (2020, 100.0 * 1.01f64.powi(4))], &c);
        assert_eq!(r.status, TrendStatus::ModerateProgress);
        let r = trend_status(&[(2016, 100.0), (2020, 100.0 * 1.001f64.powi(4))], &c);
        assert_eq!(r.status, TrendStatus::LimitedProgress);
        let r = trend_status(&[(2016, 100.0), (2020, 99.0)], &c);
        assert_eq!(r.status, TrendStatus::Deterioration);
        // Lower is better: a 2 % yearly fall is substantial progress, a rise deterioration.
        let c = cfg(DOWN, None);
        let r = trend_status(&[(2016, 100.0), (2020, 100.0 * 0.98f64.powi(4))], &c);
        assert!(close(r.progress_value, 0.02));
        assert_eq!(r.status, TrendStatus::SubstantialProgress);
        let r = trend_status(&[(2016, 100.0), (2020, 110.0)], &c);
        assert_eq!(r.status, TrendStatus::Deterioration);
    }

    #[test]
    fn not_available_cases() {
        let c = cfg(UP, Some((2024, 50.0)));
        let r = trend_status(&[], &c);
        assert_eq!(r.status, TrendStatus::NotAvailable);
        assert!(!r.notes.is_empty());
        // One point only (below target).
        let r = trend_status(&[(2019, 9.0)], &c);
        assert_eq!(r.status, TrendStatus::NotAvailable);
        // One point reaching the target is target_achieved, as in Open SDG.
        assert_eq!(
            trend_status(&[(2019, 56.0)], &c).status,
            TrendStatus::TargetAchieved
        );
        // Opposite signs.
        let r = trend_status(&[(2017, 20.0), (2019, -10.0)], &c);
        assert_eq!(r.status, TrendStatus::NotAvailable);
        assert!(r.notes[0].en.contains("opposite signs"));
        // Data only before the base year.
        let r = trend_status(&[(2010, 1.0), (2011, 2.0)], &cfg(UP, None));
        assert_eq!(r.status, TrendStatus::NotAvailable);
        assert_eq!(r.latest_year, Some(2011));
        // Target year not after the base year.
        let r = trend_status(
            &[(2017, 1.0), (2019, 2.0)],
            &TrendConfig {
                base_year: 2017,
                growth: Growth::Cagr,
                period_start: None,
                ..cfg(UP, Some((2017, 3.0)))
            },
        );
        assert_eq!(r.status, TrendStatus::NotAvailable);
        // Base equals target: required growth 0.
        let r = trend_status(
            &[(2017, 15.0), (2019, 20.0)],
            &TrendConfig {
                base_year: 2017,
                growth: Growth::Cagr,
                period_start: None,
                ..cfg(DOWN, Some((2024, 15.0)))
            },
        );
        assert_eq!(r.status, TrendStatus::NotAvailable);
        assert!(close(r.cagr_required, 0.0));
    }

    #[test]
    fn zero_substitutions_as_open_sdg() {
        // Zero vision for farmland: target 0 → 0.001; base 23 → latest 0 reaches it.
        let c = TrendConfig {
            base_year: 2017,
            growth: Growth::Cagr,
            period_start: None,
            ..cfg(DOWN, Some((2024, 0.0)))
        };
        let r = trend_status(&[(2017, 23.0), (2019, 0.0)], &c);
        assert_eq!(r.status, TrendStatus::TargetAchieved);
        assert!(r.notes.iter().any(|n| n.en.contains("target 0")));
        // Base 0 replaced by 0.001.
        let r = trend_status(
            &[(2017, 0.0), (2019, 5.0)],
            &TrendConfig {
                base_year: 2017,
                growth: Growth::Cagr,
                period_start: None,
                ..cfg(UP, None)
            },
        );
        assert!(r.notes.iter().any(|n| n.en.contains("base value 0")));
        assert_eq!(r.status, TrendStatus::SubstantialProgress);
    }

    #[test]
    fn override_is_kept_next_to_computed() {
        let computed = trend_status(&[(2016, 100.0), (2020, 99.0)], &cfg(UP, None));
        assert_eq!(computed.status, TrendStatus::Deterioration);
        let o = StatusOverride::new(
            TrendStatus::LimitedProgress,
            "Nedgangen skyldes omlegging av statistikken i 2019.",
            "næringssjefen",
            "2025-03-01T10:00:00Z",
        )
        .unwrap();
        let a = combine_override(computed.clone(), Some(o.clone()));
        assert_eq!(a.effective_status, TrendStatus::LimitedProgress);
        assert_eq!(a.computed.status, TrendStatus::Deterioration);
        assert!(a.differs);
        assert_eq!(a.override_, Some(o));
        let a = combine_override(computed, None);
        assert_eq!(a.effective_status, TrendStatus::Deterioration);
        assert!(!a.differs);
        assert_eq!(
            StatusOverride::new(TrendStatus::Deterioration, "  ", "x", "t"),
            Err(EngineError::EmptyJustification)
        );
        assert_eq!(
            StatusOverride::new(TrendStatus::Deterioration, "why", "", "t"),
            Err(EngineError::EmptyAuthor)
        );
        for s in TrendStatus::ALL {
            assert_eq!(TrendStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn shares_are_judged_on_absolute_change_per_year() {
        // Kortreist-like: base 2019 41.4 %, target 43.0 % in 2024 → 0.32 pp a year required.
        let c = TrendConfig {
            base_year: 2019,
            growth: Growth::AbsoluteChange,
            period_start: Some(2021),
            direction: UP,
            target: Some(TrendTarget {
                year: 2024,
                value: 43.0,
            }),
        };
        let r = trend_status(&[(2019, 41.4), (2022, 42.0)], &c);
        assert_eq!(r.growth, Growth::AbsoluteChange);
        assert!(close(r.change_required, 0.32));
        assert!(close(r.change_observed, 0.2));
        assert!(close(r.ratio, 0.2 / 0.32));
        assert_eq!(r.status, TrendStatus::ModerateProgress);
        assert_eq!(r.cagr_observed, None, "no growth rate for a share");
        // A share can cross zero: job growth relative to population growth.
        let c = TrendConfig {
            target: Some(TrendTarget {
                year: 2024,
                value: 50.0,
            }),
            ..c
        };
        let r = trend_status(&[(2019, -20.0), (2022, 40.0)], &c);
        assert!(close(r.change_observed, 20.0));
        assert_eq!(r.status, TrendStatus::SubstantialProgress, "{r:?}");
    }

    #[test]
    fn a_share_rising_every_year_of_the_plan_is_never_deterioration() {
        // Below the 2019 base, but rising 2021 → 2024: behind, not the wrong way.
        let c = TrendConfig {
            base_year: 2019,
            growth: Growth::AbsoluteChange,
            period_start: Some(2021),
            direction: UP,
            target: Some(TrendTarget {
                year: 2024,
                value: 43.0,
            }),
        };
        let pts = [
            (2019, 41.5),
            (2020, 40.0),
            (2021, 40.2),
            (2022, 40.5),
            (2023, 40.9),
            (2024, 41.2),
        ];
        let r = trend_status(&pts, &c);
        assert_ne!(r.status, TrendStatus::Deterioration);
        assert_eq!(r.status, TrendStatus::LimitedProgress);
        assert!(
            r.notes
                .iter()
                .any(|n| n.nb.contains("hvert år i planperioden"))
        );
        // Falling in one of the years: the rule does not apply.
        let mut pts2 = pts;
        pts2[4].1 = 40.3;
        pts2[5].1 = 40.1;
        assert_eq!(trend_status(&pts2, &c).status, TrendStatus::Deterioration);
    }
}
