//! Progress roll-up: action → strategy → focus area → plan.
//!
//! A pure function over the plan's structure and each action's progress (0–100).
//!
//! - A **strategy**'s progress is the mean of its actions' progress (with
//!   [`Weighting::Weighted`], weighted by the actions' weights: default 1, a weight ≤ 0 leaves the
//!   action out). A strategy without actions has no progress: it is shown as "no actions yet",
//!   never as a figure. Cancelled actions are left out: they will never progress. An action
//!   linked to several strategies counts fully in each.
//! - A **focus area** and the **plan** state their coverage (how many of their strategies have
//!   actions) and two figures:
//!   - `progress`, the honest headline: the mean over *all* their strategies, a strategy without
//!     actions counting as 0 %. It can never be higher than the covered share allows (13 of 43
//!     strategies covered → at most 30 %). Every strategy counts equally; the weighting only
//!     decides each strategy's own figure.
//!   - `covered_progress`: the same mean over the covered strategies only (with
//!     [`Weighting::Weighted`], weighted by the summed action weights under each strategy, i.e. the
//!     share of the planned work done), shown beside the coverage, never alone.

use plan::Plan;

/// How the actions under a strategy are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Plain mean of the actions.
    #[default]
    Mean,
    /// Mean weighted by the actions' weights.
    Weighted,
}

/// What the roll-up needs of one action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionInput {
    /// Action id.
    pub id: String,
    /// Strategies it is linked to.
    pub strategies: Vec<String>,
    /// Progress 0–100.
    pub progress: f64,
    /// Weight in [`Weighting::Weighted`] (None: 1).
    pub weight: Option<f64>,
    /// Cancelled actions are left out.
    pub cancelled: bool,
}

/// A rolled-up value: progress in percent and the weight behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// 0–100.
    pub percent: f64,
    /// The weight it carries one level up (1 for a mean, the summed action weights when
    /// weighted).
    pub weight: f64,
}

/// One strategy's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRollup {
    /// Strategy id.
    pub id: String,
    /// The counted actions' ids, in input order.
    pub actions: Vec<String>,
    /// None when no counted action is linked.
    pub progress: Option<Progress>,
}

/// How many strategies have actions, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// Strategies with at least one counted action.
    pub covered: usize,
    /// All strategies.
    pub total: usize,
}

impl Coverage {
    /// The covered share in percent (0 when there are no strategies).
    pub fn percent(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.covered as f64 / self.total as f64
        }
    }
}

/// One focus area's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRollup {
    /// Area number, e.g. `5.1`.
    pub number: String,
    /// Every strategy of the area (own and sub-areas'), in plan order.
    pub strategies: Vec<StrategyRollup>,
    /// How many of them have actions.
    pub coverage: Coverage,
    /// Mean over all the area's strategies, those without actions as 0 %; None when none has
    /// actions.
    pub progress: Option<Progress>,
    /// Mean over the strategies with actions only (see the module docs).
    pub covered_progress: Option<Progress>,
}

/// The whole plan's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRollup {
    /// Per focus area, in plan order.
    pub areas: Vec<AreaRollup>,
    /// How many of the plan's strategies have actions.
    pub coverage: Coverage,
    /// Mean over all the plan's strategies, those without actions as 0 %; None when none has
    /// actions.
    pub progress: Option<Progress>,
    /// Mean over the strategies with actions only (see the module docs).
    pub covered_progress: Option<Progress>,
}

impl PlanRollup {
    /// A strategy's roll-up by id.
    pub fn strategy(&self, id: &str) -> Option<&StrategyRollup> {
        self.areas
            .iter()
            .flat_map(|a| a.strategies.iter())
            .find(|s| s.id == id)
    }

    /// An area's roll-up by number.
    pub fn area(&self, number: &str) -> Option<&AreaRollup> {
        self.areas.iter().find(|a| a.number == number)
    }

    /// The strategies without actions, in plan order.
    pub fn uncovered(&self) -> impl Iterator<Item = &StrategyRollup> {
        self.areas
            .iter()
            .flat_map(|a| a.strategies.iter())
            .filter(|s| s.progress.is_none())
    }
}

fn combine(children: impl Iterator<Item = Progress>, weighting: Weighting) -> Option<Progress> {
    let mut sum = 0.0;
    let mut total = 0.0;
    for c in children {
        let w = match weighting {
            Weighting::Mean => 1.0,
            Weighting::Weighted => c.weight,
        };
        if w > 0.0 && w.is_finite() {
            sum += c.percent * w;
            total += w;
        }
    }
    (total > 0.0).then(|| Progress {
        percent: (sum / total).clamp(0.0, 100.0),
        weight: match weighting {
            Weighting::Mean => 1.0,
            Weighting::Weighted => total,
        },
    })
}

/// The coverage and the two figures over a set of strategies.
fn over<'a>(
    strategies: impl Iterator<Item = &'a StrategyRollup> + Clone,
    weighting: Weighting,
) -> (Coverage, Option<Progress>, Option<Progress>) {
    let total = strategies.clone().count();
    let covered = strategies.clone().filter(|s| s.progress.is_some()).count();
    let coverage = Coverage { covered, total };
    let covered_progress = combine(strategies.clone().filter_map(|s| s.progress), weighting);
    let progress = (covered > 0).then(|| Progress {
        percent: (strategies
            .filter_map(|s| s.progress)
            .map(|p| p.percent)
            .sum::<f64>()
            / total as f64)
            .clamp(0.0, 100.0),
        weight: total as f64,
    });
    (coverage, progress, covered_progress)
}

/// Rolls action progress up through the plan's strategies and focus areas.
pub fn rollup(plan: &Plan, actions: &[ActionInput], weighting: Weighting) -> PlanRollup {
    let counted: Vec<&ActionInput> = actions
        .iter()
        .filter(|a| !a.cancelled && a.progress.is_finite())
        .collect();
    let areas: Vec<AreaRollup> = plan
        .focus_areas
        .iter()
        .map(|area| {
            let strategies: Vec<StrategyRollup> = area
                .all_strategies()
                .map(|s| {
                    let linked: Vec<&&ActionInput> = counted
                        .iter()
                        .filter(|a| a.strategies.contains(&s.id))
                        .collect();
                    let progress = combine(
                        linked.iter().map(|a| Progress {
                            percent: a.progress.clamp(0.0, 100.0),
                            weight: a.weight.unwrap_or(1.0),
                        }),
                        weighting,
                    );
                    StrategyRollup {
                        id: s.id.clone(),
                        actions: linked.iter().map(|a| a.id.clone()).collect(),
                        progress,
                    }
                })
                .collect();
            let (coverage, progress, covered_progress) = over(strategies.iter(), weighting);
            AreaRollup {
                number: area.number.clone(),
                strategies,
                coverage,
                progress,
                covered_progress,
            }
        })
        .collect();
    let (coverage, progress, covered_progress) =
        over(areas.iter().flat_map(|a| a.strategies.iter()), weighting);
    PlanRollup {
        areas,
        coverage,
        progress,
        covered_progress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let mut p = plan::embedded_default();
        p.focus_areas.truncate(2);
        p
    }

    fn action(id: &str, strategies: &[&str], progress: f64, weight: Option<f64>) -> ActionInput {
        ActionInput {
            id: id.into(),
            strategies: strategies.iter().map(|s| s.to_string()).collect(),
            progress,
            weight,
            cancelled: false,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn strategies_without_actions_count_as_zero_in_the_headline() {
        let p = plan();
        let n0 = p.focus_areas[0].all_strategies().count();
        let n1 = p.focus_areas[1].all_strategies().count();
        let a1 = p.focus_areas[0].all_strategies().next().unwrap().id.clone();
        let a2 = p.focus_areas[0].all_strategies().nth(1).unwrap().id.clone();
        let b1 = p.focus_areas[1].all_strategies().next().unwrap().id.clone();
        let actions = [
            action("T1", &[&a1], 20.0, None),
            action("T2", &[&a1], 40.0, None),
            action("T3", &[&a2], 90.0, None),
            action("T4", &[&b1], 10.0, None),
        ];
        let r = rollup(&p, &actions, Weighting::Mean);
        assert_eq!(r.strategy(&a1).unwrap().progress.unwrap().percent, 30.0);
        assert_eq!(r.strategy(&a1).unwrap().actions, ["T1", "T2"]);
        let empty = p.focus_areas[0].all_strategies().nth(2).unwrap();
        assert!(r.strategy(&empty.id).unwrap().progress.is_none());
        // Area 1: the covered strategies' mean is 60; over all its strategies (the rest 0 %)
        // it is 120 / n0.
        let a = &r.areas[0];
        assert_eq!(
            a.coverage,
            Coverage {
                covered: 2,
                total: n0
            }
        );
        assert_eq!(a.covered_progress.unwrap().percent, 60.0);
        assert!(close(a.progress.unwrap().percent, 120.0 / n0 as f64));
        // The plan: 130 over every strategy.
        assert_eq!(
            r.coverage,
            Coverage {
                covered: 3,
                total: n0 + n1
            }
        );
        assert!(close(r.progress.unwrap().percent, 130.0 / (n0 + n1) as f64));
        assert!(close(r.covered_progress.unwrap().percent, 130.0 / 3.0));
        assert_eq!(r.uncovered().count(), n0 + n1 - 3);
    }

    #[test]
    fn the_headline_never_exceeds_the_covered_share() {
        // The embedded default: 13 of 43 strategies with actions, every one of them done.
        let p = plan::embedded_default();
        let ids: Vec<String> = p
            .focus_areas
            .iter()
            .flat_map(|a| a.all_strategies())
            .map(|s| s.id.clone())
            .collect();
        assert_eq!(ids.len(), 43);
        let actions: Vec<ActionInput> = ids[..13]
            .iter()
            .enumerate()
            .map(|(k, s)| action(&format!("T{k}"), &[s], 100.0, Some(5.0)))
            .collect();
        for w in [Weighting::Mean, Weighting::Weighted] {
            let r = rollup(&p, &actions, w);
            assert_eq!(
                r.coverage,
                Coverage {
                    covered: 13,
                    total: 43
                }
            );
            let headline = r.progress.unwrap().percent;
            assert!(headline <= r.coverage.percent() + 1e-9, "{headline}");
            assert!(close(headline, 100.0 * 13.0 / 43.0));
            assert_eq!(r.covered_progress.unwrap().percent, 100.0);
        }
    }

    #[test]
    fn weights_and_cancelled_actions() {
        let p = plan();
        let n = p
            .focus_areas
            .iter()
            .map(|a| a.all_strategies().count())
            .sum::<usize>();
        let a1 = p.focus_areas[0].all_strategies().next().unwrap().id.clone();
        let b1 = p.focus_areas[1].all_strategies().next().unwrap().id.clone();
        let mut cancelled = action("T9", &[&a1], 0.0, Some(100.0));
        cancelled.cancelled = true;
        let actions = [
            action("T1", &[&a1], 100.0, Some(3.0)),
            action("T2", &[&a1], 0.0, None),
            action("T3", &[&b1], 0.0, Some(4.0)),
            cancelled,
        ];
        let mean = rollup(&p, &actions, Weighting::Mean);
        assert_eq!(mean.strategy(&a1).unwrap().progress.unwrap().percent, 50.0);
        assert_eq!(mean.covered_progress.unwrap().percent, 25.0);
        assert!(close(mean.progress.unwrap().percent, 50.0 / n as f64));
        let w = rollup(&p, &actions, Weighting::Weighted);
        assert_eq!(w.strategy(&a1).unwrap().progress.unwrap().percent, 75.0);
        assert_eq!(w.strategy(&a1).unwrap().progress.unwrap().weight, 4.0);
        // Covered strategies weighted by their actions' weights: (75·4 + 0·4) / 8.
        assert_eq!(w.covered_progress.unwrap().percent, 37.5);
        // The headline: every strategy counts once, the weighting only inside a strategy.
        assert!(close(w.progress.unwrap().percent, 75.0 / n as f64));
    }

    #[test]
    fn nothing_linked_means_no_progress() {
        let r = rollup(&plan(), &[], Weighting::Mean);
        assert!(r.progress.is_none() && r.covered_progress.is_none());
        assert_eq!(r.coverage.covered, 0);
        assert!(r.areas.iter().all(|a| a.progress.is_none()));
    }
}
