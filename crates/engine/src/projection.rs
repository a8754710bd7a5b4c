//! Projection to the plan's end year: "will we get there at this pace?"
//!
//! The method, said in every result so a reader can redo it by hand:
//!
//! - the series is the indicator's chosen values that rest on real data (as for the trend
//!   status); when the latest chosen value is a demo value there is no projection at all
//!   ([`ProjectionVerdict::DemoNotJudged`]) — a projection from older real values past newer demo
//!   ones would mix the two;
//! - the **method** ([`Method`]): an indicator held to the same bar every year (its ambitions all
//!   equal, or a threshold rule without ambitions: job growth against population growth, farmland
//!   converted per year) measures a flow anew each year, and a flow is volatile — continuing its
//!   last change would project −400 % — so its projection is the **average** of the real values
//!   of the window below. Otherwise the **pace** is measured over the window (at least two real
//!   values): for shares and ratios the average absolute change per year,
//!   `(v_last − v_first) / (t_last − t_first)` (**linear**); for levels (ranks, counts, areas,
//!   money) the compound annual growth rate `(v_last / v_first)^(1 / (t_last − t_first)) − 1`
//!   (**CAGR**) — the same split as the trend status ([`Growth`]);
//! - the **window** is the trend status's: from its base year (the plan's last result year before
//!   its period) to the latest real value, so the page, the report and the API give one observed
//!   pace, not two; with fewer than two real values since the base year, the last
//!   [`FIT_POINTS`] real values;
//! - the **projected value** in a year is the latest real value continued at that pace
//!   (`v_last + pace × years`, or `v_last × (1 + pace)^years`), or the average; a rank is never
//!   projected above first place;
//! - the **required pace** is the pace that takes the latest real value to the target in the
//!   target year;
//! - the **verdict**: the latest value already meets the target → "målet er nådd"; the target
//!   year has passed without it → "målet ble ikke nådd"; the projected value in the target year
//!   meets the target → "på vei mot målet"; else "trenger høyere tempo". Without a target the
//!   projection is shown without a verdict.
//!
//! Not a forecast: only the recent pace continued, said so wherever it is shown.

use plan::{Direction, Indicator, Plan, Rule, Unit, Year};
use serde::Serialize;

use crate::evaluate::{ChosenValue, IndicatorEvaluation};
use crate::trend::{Growth, TrendTarget, cagr, trend_config};
use crate::{Bilingual, EngineError};

/// How many of the latest real values the pace is measured over when the base year has fewer
/// than two real values from it on.
pub const FIT_POINTS: usize = 3;

/// How an indicator is projected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Average absolute change per year continued (shares and ratios).
    Linear,
    /// Compound annual growth continued (levels: ranks, counts, areas, money).
    Cagr,
    /// The average of the last values (a flow held to the same bar every year).
    Average,
}

impl Method {
    /// The method an indicator is projected by (see the module docs).
    pub fn of(indicator: &Indicator, growth: Growth) -> Method {
        let mut ambitions = indicator.ambitions.values();
        let same_bar = match ambitions.next() {
            Some(first) => ambitions.all(|a| a == first) && indicator.ambitions.len() >= 2,
            None => matches!(indicator.rule, Rule::Threshold { .. }),
        };
        match (same_bar, growth) {
            (true, _) => Method::Average,
            (false, Growth::AbsoluteChange) => Method::Linear,
            (false, Growth::Cagr) => Method::Cagr,
        }
    }

    /// The machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Linear => "linear",
            Method::Cagr => "cagr",
            Method::Average => "average",
        }
    }
}

/// The plain verdict of a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionVerdict {
    /// The latest real value already meets the target.
    TargetReached,
    /// At the recent pace the target is met in the target year.
    OnTrack,
    /// At the recent pace the target is not met: a higher pace is needed.
    NeedsFasterPace,
    /// The target year has passed and the target was not met.
    NotReached,
    /// The plan sets no target: the projection is shown without a verdict.
    NoTarget,
    /// The latest values are demo data: nothing is projected.
    DemoNotJudged,
    /// Too few real values (or a pace that cannot be computed).
    NotAvailable,
}

impl ProjectionVerdict {
    /// The machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectionVerdict::TargetReached => "target_reached",
            ProjectionVerdict::OnTrack => "on_track",
            ProjectionVerdict::NeedsFasterPace => "needs_faster_pace",
            ProjectionVerdict::NotReached => "not_reached",
            ProjectionVerdict::NoTarget => "no_target",
            ProjectionVerdict::DemoNotJudged => "demo_not_judged",
            ProjectionVerdict::NotAvailable => "not_available",
        }
    }

    /// The label a reader sees, in `lang` (from the translation files).
    pub fn label(self, lang: plan::Lang) -> String {
        i18n::tr(
            lang,
            match self {
                ProjectionVerdict::TargetReached => "projection-verdict-target-reached",
                ProjectionVerdict::OnTrack => "projection-verdict-on-track",
                ProjectionVerdict::NeedsFasterPace => "projection-verdict-needs-faster-pace",
                ProjectionVerdict::NotReached => "projection-verdict-not-reached",
                ProjectionVerdict::NoTarget => "projection-verdict-no-target",
                ProjectionVerdict::DemoNotJudged => "projection-verdict-demo-not-judged",
                ProjectionVerdict::NotAvailable => "projection-verdict-not-available",
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

/// A projection with every number it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Projection {
    /// The verdict.
    pub verdict: ProjectionVerdict,
    /// How the indicator is projected.
    pub method: Method,
    /// The year projected to: the plan's last year.
    pub to_year: Year,
    /// The first real value the pace is measured from.
    pub from: Option<(Year, f64)>,
    /// Whether the window starts at the trend status's base year (else: the last
    /// [`FIT_POINTS`] real values).
    pub from_base_year: bool,
    /// The latest real value.
    pub latest: Option<(Year, f64)>,
    /// The observed pace per year (absolute change, or growth rate: 0.02 = 2 % a year; none for
    /// [`Method::Average`]).
    pub pace_observed: Option<f64>,
    /// The pace per year needed from the latest value to reach the target in the target year.
    pub pace_required: Option<f64>,
    /// The projected value in `to_year` (none when the latest value is from `to_year` or later).
    pub projected: Option<f64>,
    /// The target, if the plan sets one.
    pub target: Option<TrendTarget>,
    /// Why the verdict is what it is, in a sentence.
    pub reason: Bilingual,
}

impl Projection {
    /// The method in words.
    pub fn method_text(&self) -> Bilingual {
        let window = if self.from_base_year {
            "projection-window-trend"
        } else {
            "projection-window-latest"
        };
        let key = match self.method {
            Method::Linear => "projection-method-linear",
            Method::Cagr => "projection-method-cagr",
            Method::Average => "projection-method-average",
        };
        Bilingual::each(|lang| {
            i18n::tr_args(lang, key, &[("window", i18n::tr(lang, window).into())])
        })
    }

    /// A pace per year in words: a growth rate in percent (CAGR), else a change in the
    /// indicator's unit (percentage points for shares); bokmål (`nb`) or English.
    pub fn pace_text(&self, pace: Option<f64>, unit: Unit, nb: bool) -> String {
        self.pace_text_in(pace, unit, if nb { plan::Lang::Nb } else { plan::Lang::En })
    }

    /// As [`Projection::pace_text`], in `lang`.
    pub fn pace_text_in(&self, pace: Option<f64>, unit: Unit, lang: plan::Lang) -> String {
        let Some(p) = pace else {
            return "–".into();
        };
        let signed = |v: f64, d: usize| match lang {
            plan::Lang::En => plan::fmt::signed_en(v, d),
            plan::Lang::Nb | plan::Lang::Nn => plan::fmt::signed(v, d),
        };
        match self.method {
            Method::Cagr => i18n::tr_args(
                lang,
                "projection-pace-cagr",
                &[("pace", signed(p * 100.0, 1).into())],
            ),
            _ => {
                let units = i18n::tr(
                    lang,
                    match unit {
                        Unit::Percent => "projection-unit-percent",
                        Unit::Dekar => "projection-unit-dekar",
                        Unit::Rank => "projection-unit-rank",
                        _ => "projection-unit-other",
                    },
                );
                i18n::tr_args(
                    lang,
                    "projection-pace-units",
                    &[("pace", signed(p, 2).into()), ("units", units.into())],
                )
            }
        }
    }

    /// The whole projection in one paragraph (verdict, reason, paces, projected value, method):
    /// the same words on the indicator page, in the council's report and in the CLI; bokmål
    /// (`nb`) or English.
    pub fn sentence(&self, unit: Unit, nb: bool) -> String {
        self.sentence_in(unit, if nb { plan::Lang::Nb } else { plan::Lang::En })
    }

    /// As [`Projection::sentence`], in `lang`.
    pub fn sentence_in(&self, unit: Unit, lang: plan::Lang) -> String {
        let say = |key: &str, args: &[(&str, String)]| {
            let args: Vec<(&str, i18n::Value<'_>)> = args
                .iter()
                .map(|(n, v)| (*n, i18n::Value::from(v.as_str())))
                .collect();
            i18n::tr_args(lang, key, &args)
        };
        let value = |v: f64| match lang {
            plan::Lang::En => fmt_en(v, unit),
            plan::Lang::Nb | plan::Lang::Nn => fmt(v, unit),
        };
        let mut parts = vec![say(
            "projection-sentence-head",
            &[
                ("year", self.to_year.to_string()),
                ("verdict", self.verdict.label(lang)),
                ("reason", self.reason.get(lang).to_string()),
            ],
        )];
        if !matches!(
            self.verdict,
            ProjectionVerdict::DemoNotJudged | ProjectionVerdict::NotAvailable
        ) {
            if let (Some((fy, _)), Some((ly, _)), Some(_)) =
                (self.from, self.latest, self.pace_observed)
            {
                parts.push(say(
                    "projection-sentence-pace",
                    &[
                        ("from", fy.to_string()),
                        ("to", ly.to_string()),
                        ("pace", self.pace_text_in(self.pace_observed, unit, lang)),
                    ],
                ));
            }
            if let (Some(_), Some((ly, _))) = (self.pace_required, self.latest) {
                parts.push(say(
                    "projection-sentence-needed",
                    &[
                        ("year", ly.to_string()),
                        ("pace", self.pace_text_in(self.pace_required, unit, lang)),
                    ],
                ));
            }
            if let Some(p) = self.projected {
                parts.push(say(
                    "projection-sentence-projected",
                    &[("year", self.to_year.to_string()), ("value", value(p))],
                ));
            }
            parts.push(say(
                "projection-sentence-method",
                &[("method", self.method_text().get(lang).to_string())],
            ));
        }
        let mut out = String::new();
        for part in parts {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&part);
            // A rank ends in its own full stop ("10."): no second one.
            if !part.ends_with('.') {
                out.push('.');
            }
        }
        out
    }

    /// Whether the projection is drawn: a projected value exists and the verdict rests on real
    /// data.
    pub fn drawable(&self) -> bool {
        self.projected.is_some()
            && !matches!(
                self.verdict,
                ProjectionVerdict::DemoNotJudged | ProjectionVerdict::NotAvailable
            )
    }
}

/// The projection of an evaluated indicator to the plan's last year, against the target of its
/// trend configuration ([`trend_config`]).
pub fn project(plan: &Plan, evaluation: &IndicatorEvaluation) -> Result<Projection, EngineError> {
    let indicator = plan
        .indicator(&evaluation.indicator_id)
        .ok_or_else(|| EngineError::UnknownIndicator(evaluation.indicator_id.clone()))?;
    let config = trend_config(plan, indicator);
    Ok(projection_of(
        &evaluation.chosen_series(),
        Method::of(indicator, config.growth),
        Some(config.base_year),
        config.direction,
        indicator.unit,
        config.target,
        plan.meta.period_end,
    ))
}

fn fmt(v: f64, unit: Unit) -> String {
    plan::fmt::value(v, unit)
}

fn fmt_en(v: f64, unit: Unit) -> String {
    plan::fmt::value_en(v, unit)
}

/// The projection of a chosen series (any order; demo values flagged) to `to_year`, the pace
/// measured from `base_year` (see the module docs).
pub fn projection_of(
    chosen: &[ChosenValue],
    method: Method,
    base_year: Option<Year>,
    direction: Direction,
    unit: Unit,
    target: Option<TrendTarget>,
    to_year: Year,
) -> Projection {
    let mut r = Projection {
        verdict: ProjectionVerdict::NotAvailable,
        method,
        to_year,
        from: None,
        from_base_year: false,
        latest: None,
        pace_observed: None,
        pace_required: None,
        projected: None,
        target,
        reason: Bilingual::default(),
    };
    let mut all: Vec<ChosenValue> = chosen
        .iter()
        .filter(|c| c.value.is_finite())
        .copied()
        .collect();
    all.sort_by_key(|c| c.year);
    if all.last().is_some_and(|c| c.synthetic) {
        r.verdict = ProjectionVerdict::DemoNotJudged;
        r.reason = Bilingual::each(|lang| i18n::tr(lang, "projection-latest-demo"));
        return r;
    }
    let real: Vec<(Year, f64)> = all
        .iter()
        .filter(|c| !c.synthetic)
        .map(|c| (c.year, c.value))
        .collect();
    let Some(&(ly, lv)) = real.last() else {
        r.reason = Bilingual::each(|lang| i18n::tr(lang, "projection-no-real-values"));
        return r;
    };
    r.latest = Some((ly, lv));
    let meets = |v: f64, t: f64| match direction {
        Direction::HigherIsBetter => v >= t,
        Direction::LowerIsBetter => v <= t,
    };

    // The pace (or the average) over the window: from the base year, else the last FIT_POINTS.
    let since_base = base_year.map_or(0, |b| real.iter().filter(|(y, _)| *y >= b).count());
    r.from_base_year = since_base >= 2;
    let fit = if since_base >= 2 {
        &real[real.len() - since_base..]
    } else {
        &real[real.len().saturating_sub(FIT_POINTS)..]
    };
    let (fy, fv) = fit[0];
    let enough = fit.len() >= 2 && ly > fy;
    if enough {
        r.from = Some((fy, fv));
        r.pace_observed = match method {
            Method::Linear => Some((lv - fv) / f64::from(ly - fy)),
            Method::Cagr => cagr(fv, fy, lv, ly),
            Method::Average => None,
        };
    }
    let average = fit.iter().map(|(_, v)| v).sum::<f64>() / fit.len() as f64;
    let at = |year: Year| -> Option<f64> {
        let n = f64::from(year - ly);
        let v = match method {
            Method::Linear => lv + r.pace_observed? * n,
            Method::Cagr => lv * (1.0 + r.pace_observed?).powf(n),
            Method::Average => enough.then_some(average)?,
        };
        Some(if unit == Unit::Rank { v.max(1.0) } else { v })
    };
    if ly < to_year {
        r.projected = at(to_year);
    }

    let Some(t) = target else {
        r.verdict = match r.projected {
            Some(_) => ProjectionVerdict::NoTarget,
            None => ProjectionVerdict::NotAvailable,
        };
        r.reason = match r.projected {
            Some(p) => say(
                "projection-no-target",
                &[("to_year", to_year)],
                &[("projected", p)],
                unit,
            ),
            None => not_enough(ly, to_year),
        };
        return r;
    };
    if ly < t.year {
        r.pace_required = match method {
            Method::Linear => Some((t.value - lv) / f64::from(t.year - ly)),
            Method::Cagr => cagr(lv, ly, t.value, t.year),
            Method::Average => None,
        };
    }
    // A bar to clear every year is not cleared for good by one year's value.
    if meets(lv, t.value) && (method != Method::Average || ly >= t.year) {
        r.verdict = ProjectionVerdict::TargetReached;
        r.reason = say(
            "projection-reached",
            &[("latest_year", ly), ("target_year", t.year)],
            &[("latest", lv), ("target", t.value)],
            unit,
        );
        return r;
    }
    if ly >= t.year {
        r.verdict = ProjectionVerdict::NotReached;
        r.reason = say(
            "projection-passed",
            &[("latest_year", ly), ("target_year", t.year)],
            &[("latest", lv), ("target", t.value)],
            unit,
        );
        return r;
    }
    let Some(at_target_year) = at(t.year) else {
        r.reason = not_enough(ly, to_year);
        return r;
    };
    let (verdict, suffix) = if meets(at_target_year, t.value) {
        (ProjectionVerdict::OnTrack, "meets")
    } else {
        (ProjectionVerdict::NeedsFasterPace, "misses")
    };
    r.verdict = verdict;
    let key = match (method == Method::Average, suffix) {
        (true, "meets") => "projection-average-meets",
        (true, _) => "projection-average-misses",
        (false, "meets") => "projection-pace-meets",
        (false, _) => "projection-pace-misses",
    };
    r.reason = say(
        key,
        &[
            ("first_year", fy),
            ("latest_year", ly),
            ("target_year", t.year),
        ],
        &[("at_target_year", at_target_year), ("target", t.value)],
        unit,
    );
    r
}

/// A reason from the translation files: years as they are, values formatted for each language.
fn say(
    key: &'static str,
    years: &[(&'static str, Year)],
    values: &[(&'static str, f64)],
    unit: Unit,
) -> Bilingual {
    Bilingual::each(|lang| {
        let mut args: Vec<(&str, i18n::Value<'_>)> = years
            .iter()
            .map(|(n, y)| (*n, y.to_string().into()))
            .collect();
        for (n, v) in values {
            let text = match lang {
                plan::Lang::En => fmt_en(*v, unit),
                _ => fmt(*v, unit),
            };
            args.push((*n, text.into()));
        }
        i18n::tr_args(lang, key, &args)
    })
}

fn not_enough(ly: Year, to_year: Year) -> Bilingual {
    if ly >= to_year {
        say(
            "projection-period-over",
            &[("latest_year", ly), ("to_year", to_year)],
            &[],
            Unit::Count,
        )
    } else {
        Bilingual::each(|lang| i18n::tr(lang, "projection-needs-two-years"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(points: &[(Year, f64)]) -> Vec<ChosenValue> {
        points
            .iter()
            .map(|(y, v)| ChosenValue {
                year: *y,
                value: *v,
                basis: crate::ValueBasis::Computed,
                synthetic: false,
            })
            .collect()
    }

    fn target(year: Year, value: f64) -> Option<TrendTarget> {
        Some(TrendTarget { year, value })
    }

    #[test]
    fn linear_pace_over_the_last_three_values() {
        // 50, 60, 62, 64: the pace is (64 − 60) / 2 = 2 a year; 2024 → 64 + 2 × 2 = 68.
        let p = projection_of(
            &real(&[(2019, 50.0), (2020, 60.0), (2021, 62.0), (2022, 64.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 70.0),
            2024,
        );
        assert_eq!(p.from, Some((2020, 60.0)));
        assert_eq!(p.pace_observed, Some(2.0));
        assert_eq!(p.projected, Some(68.0));
        assert_eq!(p.pace_required, Some(3.0));
        assert_eq!(p.verdict, ProjectionVerdict::NeedsFasterPace);
        let p = projection_of(
            &real(&[(2020, 60.0), (2021, 62.0), (2022, 64.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 68.0),
            2024,
        );
        assert_eq!(p.verdict, ProjectionVerdict::OnTrack);
    }

    #[test]
    fn levels_grow_by_cagr_and_ranks_stop_at_first_place() {
        // 100 → 121 over two years is 10 % a year; two more years: 146.41.
        let p = projection_of(
            &real(&[(2020, 100.0), (2022, 121.0)]),
            Method::Cagr,
            None,
            Direction::HigherIsBetter,
            Unit::Count,
            target(2024, 150.0),
            2024,
        );
        assert!((p.pace_observed.unwrap() - 0.1).abs() < 1e-12);
        assert!((p.projected.unwrap() - 146.41).abs() < 1e-9);
        assert_eq!(p.verdict, ProjectionVerdict::NeedsFasterPace);
        // Rank 8 → 2 in two years: halving each year would pass first place.
        let p = projection_of(
            &real(&[(2020, 8.0), (2022, 2.0)]),
            Method::Cagr,
            None,
            Direction::LowerIsBetter,
            Unit::Rank,
            target(2024, 1.0),
            2024,
        );
        assert_eq!(p.projected, Some(1.0));
        assert_eq!(p.verdict, ProjectionVerdict::OnTrack);
    }

    #[test]
    fn demo_latest_values_are_never_projected() {
        let mut s = real(&[(2020, 60.0), (2021, 62.0)]);
        s.push(ChosenValue {
            year: 2022,
            value: 90.0,
            basis: crate::ValueBasis::Computed,
            synthetic: true,
        });
        let p = projection_of(
            &s,
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 70.0),
            2024,
        );
        assert_eq!(p.verdict, ProjectionVerdict::DemoNotJudged);
        assert_eq!(p.projected, None);
        assert!(!p.drawable());
    }

    #[test]
    fn reached_passed_and_too_short() {
        let reached = projection_of(
            &real(&[(2021, 72.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 70.0),
            2024,
        );
        assert_eq!(reached.verdict, ProjectionVerdict::TargetReached);
        let passed = projection_of(
            &real(&[(2023, 60.0), (2024, 65.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 70.0),
            2024,
        );
        assert_eq!(passed.verdict, ProjectionVerdict::NotReached);
        assert_eq!(passed.projected, None);
        let short = projection_of(
            &real(&[(2022, 60.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 70.0),
            2024,
        );
        assert_eq!(short.verdict, ProjectionVerdict::NotAvailable);
        assert!(short.reason.nb.contains("minst to år"));
        let none = projection_of(
            &[],
            Method::Cagr,
            None,
            Direction::HigherIsBetter,
            Unit::Count,
            None,
            2024,
        );
        assert_eq!(none.verdict, ProjectionVerdict::NotAvailable);
    }

    #[test]
    fn without_a_target_the_projection_has_no_verdict() {
        let p = projection_of(
            &real(&[(2020, 10.0), (2022, 14.0)]),
            Method::Linear,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            None,
            2024,
        );
        assert_eq!(p.verdict, ProjectionVerdict::NoTarget);
        assert_eq!(p.projected, Some(18.0));
        assert!(p.drawable());
    }

    #[test]
    fn a_flow_held_to_the_same_bar_is_projected_by_its_average() {
        // Job growth against population growth, real: 167.9, 9.2, −18.6 (2018–2020). Linear
        // would continue −93 points a year; the average is 52.8, which clears the bar of 50.
        let p = projection_of(
            &real(&[(2018, 167.9), (2019, 9.2), (2020, -18.6)]),
            Method::Average,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 50.0),
            2024,
        );
        assert!((p.projected.unwrap() - 52.833_333).abs() < 1e-5);
        assert_eq!(p.pace_observed, None);
        assert_eq!(p.pace_required, None);
        assert_eq!(p.verdict, ProjectionVerdict::OnTrack);
        assert!(
            p.sentence(Unit::Percent, true)
                .contains("gjennomsnittet 2018–2020")
        );
        // One year above the bar does not clear it for good.
        let p = projection_of(
            &real(&[(2019, 9.2), (2020, -18.6), (2021, 83.5)]),
            Method::Average,
            None,
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 50.0),
            2024,
        );
        assert_eq!(p.verdict, ProjectionVerdict::NeedsFasterPace);
    }

    #[test]
    fn a_rank_sentence_has_one_full_stop() {
        let p = projection_of(
            &real(&[(2018, 12.0), (2019, 13.0), (2020, 11.0)]),
            Method::Cagr,
            None,
            Direction::LowerIsBetter,
            Unit::Rank,
            target(2024, 10.0),
            2024,
        );
        let s = p.sentence(Unit::Rank, true);
        assert!(!s.contains(".."), "{s}");
        assert!(
            s.starts_with("Framskriving til 2024: på vei mot målet"),
            "{s}"
        );
    }

    #[test]
    fn the_method_follows_the_ambitions() {
        let plan = plan::embedded_default();
        let of = |id: &str| {
            let i = plan.indicator(id).unwrap();
            Method::of(i, trend_config(&plan, i).growth)
        };
        assert_eq!(of("job-growth"), Method::Average);
        assert_eq!(of("farmland-conversion"), Method::Average);
        assert_eq!(of("kortreist"), Method::Linear);
        assert_eq!(of("kommune-nm-total"), Method::Cagr);
    }

    #[test]
    fn the_window_is_the_trend_status_s_from_the_base_year() {
        // Base year 2019: the pace is 2019 → 2021, (44 − 42) / 2 = 1 a year, not 2017 → 2021.
        let pts = real(&[
            (2017, 30.0),
            (2018, 50.0),
            (2019, 42.0),
            (2020, 43.0),
            (2021, 44.0),
        ]);
        let p = projection_of(
            &pts,
            Method::Linear,
            Some(2019),
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 48.0),
            2024,
        );
        assert_eq!(p.from, Some((2019, 42.0)));
        assert_eq!(p.pace_observed, Some(1.0));
        assert_eq!(p.projected, Some(47.0));
        // Fewer than two real values since the base year: the last three.
        let p = projection_of(
            &pts,
            Method::Linear,
            Some(2021),
            Direction::HigherIsBetter,
            Unit::Percent,
            target(2024, 48.0),
            2024,
        );
        assert_eq!(p.from, Some((2019, 42.0)));
    }
}
