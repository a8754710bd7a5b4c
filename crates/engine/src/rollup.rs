//! Progress roll-up: action → strategy → focus area → plan.
//!
//! A pure function over the plan's structure and each action's progress (0–100). Each level is
//! the mean of the level below, counting only children that have a value: a strategy without
//! actions has no progress (it is shown as "no actions yet", not as 0 %), and an area whose
//! strategies have none has none either. Cancelled actions are left out: they will never progress.
//!
//! With [`Weighting::Weighted`], an action counts with its weight (default 1; a weight ≤ 0 leaves
//! it out), and a strategy, area or the plan counts with the summed weight of the actions under it
//! — so the plan's figure is the weighted share of all work done. An action linked to several
//! strategies counts fully in each.

use plan::Plan;

/// How children are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Plain mean of the children that have a value.
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
    /// The weight it carries one level up (number of children for a mean, summed action weights
    /// when weighted).
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

/// One focus area's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRollup {
    /// Area number, e.g. `5.1`.
    pub number: String,
    /// Every strategy of the area (own and sub-areas'), in plan order.
    pub strategies: Vec<StrategyRollup>,
    /// None when no strategy has progress.
    pub progress: Option<Progress>,
}

/// The whole plan's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRollup {
    /// Per focus area, in plan order.
    pub areas: Vec<AreaRollup>,
    /// None when no area has progress.
    pub progress: Option<Progress>,
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
            let progress = combine(strategies.iter().filter_map(|s| s.progress), weighting);
            AreaRollup {
                number: area.number.clone(),
                strategies,
                progress,
            }
        })
        .collect();
    let progress = combine(areas.iter().filter_map(|a| a.progress), weighting);
    PlanRollup { areas, progress }
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

    #[test]
    fn mean_counts_only_strategies_with_actions() {
        let p = plan();
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
        // Area 1: mean of 30 and 90; strategies without actions do not count as 0.
        assert_eq!(r.areas[0].progress.unwrap().percent, 60.0);
        assert_eq!(r.areas[1].progress.unwrap().percent, 10.0);
        assert_eq!(r.progress.unwrap().percent, 35.0);
        let empty = p.focus_areas[0].all_strategies().nth(2).unwrap();
        assert!(r.strategy(&empty.id).unwrap().progress.is_none());
    }

    #[test]
    fn weights_and_cancelled_actions() {
        let p = plan();
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
        assert_eq!(mean.progress.unwrap().percent, 25.0);
        let w = rollup(&p, &actions, Weighting::Weighted);
        assert_eq!(w.strategy(&a1).unwrap().progress.unwrap().percent, 75.0);
        assert_eq!(w.strategy(&a1).unwrap().progress.unwrap().weight, 4.0);
        // Plan: (75·4 + 0·4) / 8.
        assert_eq!(w.progress.unwrap().percent, 37.5);
    }

    #[test]
    fn nothing_linked_means_no_progress() {
        let r = rollup(&plan(), &[], Weighting::Mean);
        assert!(r.progress.is_none());
        assert!(r.areas.iter().all(|a| a.progress.is_none()));
    }
}
