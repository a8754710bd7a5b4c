//! Validation of a parsed plan file: every problem is reported with its position.
//!
//! Checks: unique ids (goals, indicators, strategies, facts, actions, area numbers); links resolve
//! (action → strategy, indicator/area → goal); years inside the plan's range; results not dated
//! after adoption and ambitions not before the period (result and ambition not confused);
//! progress 0–100; status from the fixed vocabulary; dates are plain dates with start ≤ end;
//! SDG numbers 1–17; municipality codes of four digits.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::Reporter;
use crate::file::*;
use crate::model::*;

struct Ids {
    seen: HashMap<String, (&'static str, usize)>,
}

impl Ids {
    fn new() -> Self {
        Ids {
            seen: HashMap::new(),
        }
    }

    /// Registers an id; reports a duplicate (ids are unique across the whole plan).
    fn add(&mut self, r: &mut Reporter, kind: &'static str, id: &S<String>) {
        let offset = id.span().start;
        if id.get_ref().trim().is_empty() {
            r.at(offset, format!("empty {kind} id"));
            return;
        }
        if let Some((other_kind, other_off)) = self.seen.get(id.get_ref()) {
            let (line, col) = r.position(*other_off);
            r.at(
                offset,
                format!(
                    "duplicate id `{}`: already used by a {other_kind} at line {line}, column {col}",
                    id.get_ref()
                ),
            );
            return;
        }
        self.seen.insert(id.get_ref().clone(), (kind, offset));
    }
}

/// Validates and converts. Returns `None` if any problem was reported.
pub(crate) fn check(raw: RawPlan, r: &mut Reporter) -> Option<Plan> {
    let before = r.found.len();
    let meta = meta(&raw.meta, r);
    let (first, start, end, adopted) = match &meta {
        Some(m) => (
            m.first_data_year,
            m.period_start,
            m.period_end,
            Some(m.adopted),
        ),
        None => (i32::MIN, i32::MIN, i32::MAX, None),
    };
    let range = Range {
        first,
        start,
        end,
        adopted,
    };

    let mut ids = Ids::new();
    let mut goal_ids = HashSet::new();
    let goals: Vec<Goal> = raw
        .goals
        .iter()
        .map(|g| {
            ids.add(r, "goal", &g.id);
            goal_ids.insert(g.id.get_ref().clone());
            for sdg in &g.sdgs {
                if !(1..=17).contains(sdg.get_ref()) {
                    r.at(
                        sdg.span().start,
                        format!(
                            "UN sustainable development goal {} does not exist: expected 1–17",
                            sdg.get_ref()
                        ),
                    );
                }
            }
            Goal {
                id: g.id.get_ref().clone(),
                name: g.name.clone(),
                sdgs: g.sdgs.iter().map(|s| *s.get_ref() as u8).collect(),
                sub_goals: g.sub_goals.clone(),
            }
        })
        .collect();

    let goal_link = |r: &mut Reporter, id: &S<String>, what: &str| {
        if !goal_ids.contains(id.get_ref()) {
            r.at(
                id.span().start,
                format!(
                    "{what} links to goal `{}`, which is not defined under [[goals]]",
                    id.get_ref()
                ),
            );
        }
    };

    let mut indicators = Vec::new();
    for (n, i) in raw.indicators.iter().enumerate() {
        ids.add(r, "indicator", &i.id);
        for g in &i.goals {
            goal_link(r, g, "indicator");
        }
        if let Rule::Threshold { target, .. } = i.rule.get_ref()
            && i.unit == Unit::Rank
            && (*target < 1.0 || target.fract() != 0.0)
        {
            r.at(
                i.rule.span().start,
                format!("a rank target must be a whole number ≥ 1, found {target}"),
            );
        }
        let ambition_op = i
            .ambition_op
            .unwrap_or(match (i.rule.get_ref(), i.direction) {
                (Rule::Threshold { op, .. }, _) => *op,
                (_, Direction::HigherIsBetter) => Op::Ge,
                (_, Direction::LowerIsBetter) => Op::Le,
            });
        let results = years_map(&i.results, r, &range, YearKind::Result, i.unit);
        let ambitions = years_map(&i.ambitions, r, &range, YearKind::Ambition, i.unit);
        let source = i
            .results_source
            .clone()
            .unwrap_or_else(|| "plan file".to_string());
        indicators.push(Indicator {
            id: i.id.get_ref().clone(),
            number: n as u32 + 1,
            name: i.name.clone(),
            source: i.source.clone(),
            unit: i.unit,
            direction: i.direction,
            rule: i.rule.get_ref().clone(),
            rule_text: i.rule_text.clone(),
            ambition_op,
            computation: i.computation.clone(),
            results: results
                .into_iter()
                .map(|(y, v)| {
                    (
                        y,
                        QuotedValue {
                            value: v,
                            source: source.clone(),
                        },
                    )
                })
                .collect(),
            ambitions,
            goals: i.goals.iter().map(|g| g.get_ref().clone()).collect(),
        });
    }

    let districts = districts(&raw.districts, r, &mut ids);

    let mut strategy_ids = HashSet::new();
    let mut numbers = Ids::new();
    let mut focus_areas = Vec::new();
    for a in &raw.focus_areas {
        numbers.add(r, "focus area", &a.number);
        for g in &a.goals {
            goal_link(r, g, "focus area");
        }
        let area_facts = facts(&a.facts, a.number.get_ref(), r, &mut ids, &range);
        let area_strategies = strategies(&a.strategies, r, &mut ids, &mut strategy_ids);
        let mut sub_areas = Vec::new();
        for s in &a.sub_areas {
            numbers.add(r, "sub-area", &s.number);
            if !s
                .number
                .get_ref()
                .starts_with(&format!("{}.", a.number.get_ref()))
            {
                r.at(
                    s.number.span().start,
                    format!(
                        "sub-area `{}` is not numbered under its focus area `{}`",
                        s.number.get_ref(),
                        a.number.get_ref()
                    ),
                );
            }
            sub_areas.push(SubArea {
                number: s.number.get_ref().clone(),
                title: s.title.clone(),
                description: s.description.clone(),
                facts: facts(&s.facts, s.number.get_ref(), r, &mut ids, &range),
                strategies: strategies(&s.strategies, r, &mut ids, &mut strategy_ids),
            });
        }
        let area_districts = a.districts.as_ref().is_some_and(|d| *d.get_ref());
        if let Some(flag) = &a.districts
            && *flag.get_ref()
            && raw.districts.is_empty()
        {
            r.at(
                flag.span().start,
                format!(
                    "focus area `{}` asks for a district table, but the plan defines no [[districts]]",
                    a.number.get_ref()
                ),
            );
        }
        focus_areas.push(FocusArea {
            districts: area_districts,
            number: a.number.get_ref().clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            facts: area_facts,
            sub_areas,
            strategies: area_strategies,
            goals: a.goals.iter().map(|g| g.get_ref().clone()).collect(),
        });
    }

    let premises: Vec<Premise> = raw
        .premises
        .iter()
        .map(|p| {
            numbers.add(r, "premise", &p.number);
            let tasks = p
                .tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let (id, text) = match t {
                        RawTask::Plain(text) => {
                            (Task::id_for(p.number.get_ref(), i + 1), text.clone())
                        }
                        RawTask::Item { id, text } => (id.trim().to_string(), text.clone()),
                    };
                    // Untagged entries keep no position of their own: the premise's number
                    // locates a bad task id.
                    ids.add(r, "task", &S::new(p.number.span(), id.clone()));
                    Task { id, text }
                })
                .collect();
            Premise {
                number: p.number.get_ref().clone(),
                title: p.title.clone(),
                description: p.description.clone(),
                facts: facts(&p.facts, p.number.get_ref(), r, &mut ids, &range),
                tasks,
            }
        })
        .collect();
    let task_ids: HashSet<String> = premises
        .iter()
        .flat_map(|p| p.tasks.iter().map(|t| t.id.clone()))
        .collect();

    let published_rankings = raw
        .published_rankings
        .iter()
        .map(|k| {
            ids.add(r, "published ranking", &k.id);
            let group_ids: HashSet<&str> = k.groups.iter().map(|g| g.id.as_str()).collect();
            let rows = k
                .rows
                .iter()
                .map(|row| {
                    let total = rank_value(&row.total, r);
                    let groups = row
                        .groups
                        .iter()
                        .map(|(g, v)| {
                            if !group_ids.contains(g.get_ref().as_str()) {
                                r.at(
                                    g.span().start,
                                    format!(
                                        "unknown ranking group `{}`: expected one of {}",
                                        g.get_ref(),
                                        k.groups
                                            .iter()
                                            .map(|g| g.id.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                );
                            }
                            (g.get_ref().clone(), rank_value(v, r))
                        })
                        .collect();
                    PublishedRank {
                        municipality_code: row.municipality_code.clone(),
                        municipality_name: row.municipality_name.clone(),
                        total,
                        groups,
                    }
                })
                .collect();
            PublishedRanking {
                id: k.id.get_ref().clone(),
                publisher: k.publisher.clone(),
                edition: k.edition as i32,
                data_year: k.data_year as i32,
                source: k.source.clone(),
                groups: k.groups.clone(),
                rows,
            }
        })
        .collect();

    let mut actions = Vec::new();
    let mut action_history = BTreeMap::new();
    for a in &raw.actions {
        ids.add(r, "action", &a.id);
        for s in &a.strategies {
            if !strategy_ids.contains(s.get_ref()) {
                r.at(
                    s.span().start,
                    format!(
                        "action `{}` links to strategy `{}`, which does not exist in this plan",
                        a.id.get_ref(),
                        s.get_ref()
                    ),
                );
            }
        }
        for t in &a.tasks {
            if !task_ids.contains(t.get_ref()) {
                r.at(
                    t.span().start,
                    format!(
                        "action `{}` serves task `{}`, which does not exist in this plan (task ids are the premise's number, `-o` and the task's place: `5.9.1-o1`)",
                        a.id.get_ref(),
                        t.get_ref()
                    ),
                );
            }
        }
        let budget = a.budget.as_ref().map(|b| budget(b, r)).unwrap_or_default();
        let status = match ActionStatus::parse(a.status.get_ref()) {
            Some(s) => s,
            None => {
                r.at(
                    a.status.span().start,
                    format!(
                        "unknown status `{}`: expected one of {}",
                        a.status.get_ref(),
                        ActionStatus::ALL.map(|s| s.as_str()).join(", ")
                    ),
                );
                ActionStatus::NotStarted
            }
        };
        let progress = match &a.progress {
            None => 0,
            Some(p) => {
                let v = *p.get_ref();
                if !(0..=100).contains(&v) {
                    r.at(
                        p.span().start,
                        format!("progress {v} is out of range: expected 0–100 (percent)"),
                    );
                    0
                } else {
                    v as u8
                }
            }
        };
        let start = a.start.as_ref().and_then(|d| date(d, r));
        let end = a.end.as_ref().and_then(|d| date(d, r));
        if let (Some(s), Some(e), Some(end_span)) = (start, end, a.end.as_ref())
            && e < s
        {
            r.at(
                end_span.span().start,
                format!("end date {e} is before start date {s}"),
            );
        }
        let deliveries = a
            .deliveries
            .iter()
            .map(|d| Delivery {
                title: d.title.clone(),
                due: d.due.as_ref().and_then(|x| date(x, r)),
                done: d.done,
            })
            .collect();
        let mut history: Vec<ActionSnapshot> = Vec::new();
        for h in &a.history {
            let Some(day) = date(&h.date, r) else {
                continue;
            };
            if let Some(prev) = history.last()
                && day <= prev.date
            {
                r.at(
                    h.date.span().start,
                    format!(
                        "history of action `{}`: {day} is not after {}; entries must be in date order",
                        a.id.get_ref(),
                        prev.date
                    ),
                );
            }
            let Some(st) = ActionStatus::parse(h.status.get_ref()) else {
                r.at(
                    h.status.span().start,
                    format!(
                        "unknown status `{}`: expected one of {}",
                        h.status.get_ref(),
                        ActionStatus::ALL.map(|s| s.as_str()).join(", ")
                    ),
                );
                continue;
            };
            let p = *h.progress.get_ref();
            if !(0..=100).contains(&p) {
                r.at(
                    h.progress.span().start,
                    format!("progress {p} is out of range: expected 0–100 (percent)"),
                );
                continue;
            }
            history.push(ActionSnapshot {
                date: day,
                status: st,
                progress: p as u8,
                comment: h.comment.clone(),
            });
        }
        if let (Some(last), Some(raw_last)) = (history.last(), a.history.last())
            && (last.status != status || last.progress != progress)
        {
            r.at(
                raw_last.status.span().start,
                format!(
                    "history of action `{}`: the last entry ({} {} %) must equal the action's own status and progress ({} {} %)",
                    a.id.get_ref(),
                    last.status.as_str(),
                    last.progress,
                    status.as_str(),
                    progress
                ),
            );
        }
        if !history.is_empty() {
            action_history.insert(a.id.get_ref().clone(), history);
        }
        actions.push(Action {
            id: a.id.get_ref().clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            strategies: a.strategies.iter().map(|s| s.get_ref().clone()).collect(),
            owner: a.owner.clone(),
            partners: a.partners.clone(),
            start,
            end,
            status,
            progress,
            deliveries,
            origin: a.origin.clone(),
            budget,
            tasks: a.tasks.iter().map(|t| t.get_ref().clone()).collect(),
        });
    }

    let key_figures = key_figures(&raw.key_figures, r);

    if r.found.len() > before {
        return None;
    }
    Some(Plan {
        districts,
        key_figures,
        meta: meta?,
        vision: raw.vision,
        goals,
        indicators,
        focus_areas,
        premises,
        published_rankings,
        actions,
        action_history,
    })
}

/// `[actions.budget]` checked: cost not negative, years of four digits, dates plain dates;
/// budget years and milestones sorted.
fn budget(b: &RawBudget, r: &mut Reporter) -> Budget {
    let cost_estimate = b.cost_estimate.as_ref().and_then(|c| {
        let v = *c.get_ref();
        if v < 0 {
            r.at(
                c.span().start,
                format!("cost estimate {v} is negative: expected whole kroner, 0 or more"),
            );
            None
        } else {
            Some(v as u64)
        }
    });
    let year = |y: &S<i64>, r: &mut Reporter| {
        let v = *y.get_ref();
        if (1900..=2200).contains(&v) {
            Some(v as Year)
        } else {
            r.at(
                y.span().start,
                format!("year {v} is not a year (expected four digits, e.g. 2025)"),
            );
            None
        }
    };
    let mut budget_years: Vec<Year> = b.budget_years.iter().filter_map(|y| year(y, r)).collect();
    budget_years.sort();
    budget_years.dedup();
    let mut milestones: Vec<Milestone> = b
        .milestones
        .iter()
        .filter_map(|m| {
            Some(Milestone {
                date: date(&m.date, r)?,
                title: m.title.clone(),
                done: m.done,
            })
        })
        .collect();
    milestones.sort_by_key(|m| m.date);
    let priority = b.priority.as_ref().and_then(|p| {
        Some(Priority {
            year: year(&p.year, r)?,
            decision: p.decision.clone(),
            decided: p.decided.as_ref().and_then(|d| date(d, r)),
        })
    });
    Budget {
        cost_estimate,
        budget_years,
        funding_source: b.funding_source.clone(),
        handlingsprogram: b.handlingsprogram.clone(),
        contact: b.contact.clone(),
        milestones,
        priority,
    }
}

struct Range {
    first: i32,
    start: i32,
    end: i32,
    adopted: Option<time::Date>,
}

#[derive(Clone, Copy, PartialEq)]
enum YearKind {
    Result,
    Ambition,
}

fn meta(m: &RawMeta, r: &mut Reporter) -> Option<PlanMeta> {
    let before = r.found.len();
    let code = |r: &mut Reporter, c: &S<String>, digits: usize, what: &str| {
        let s = c.get_ref();
        if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
            r.at(
                c.span().start,
                format!("{what} `{s}` is not valid: expected {digits} digits"),
            );
        }
    };
    code(r, &m.municipality_code, 4, "municipality code");
    for c in &m.previous_codes {
        code(r, c, 4, "previous municipality code");
    }
    if let Some(c) = &m.county_code {
        code(r, c, 2, "county code");
    }
    for c in &m.peers {
        code(r, c, 4, "peer municipality code");
    }
    let language = match &m.language {
        Some(l) => match Lang::from_code(l.get_ref()) {
            Some(lang) => lang,
            None => {
                r.at(
                    l.span().start,
                    format!(
                        "language `{}` is not one we write: expected `nb` (bokmål), `nn` (nynorsk) or `en`",
                        l.get_ref()
                    ),
                );
                Lang::Nb
            }
        },
        None => Lang::Nb,
    };
    let year = |r: &mut Reporter, y: &S<i64>| -> i32 {
        let v = *y.get_ref();
        if !(1900..=2200).contains(&v) {
            r.at(
                y.span().start,
                format!("year {v} is not plausible: expected a four-digit year"),
            );
        }
        v as i32
    };
    let period_start = year(r, &m.period_start);
    let period_end = year(r, &m.period_end);
    if period_end < period_start {
        r.at(
            m.period_end.span().start,
            format!("the plan period ends ({period_end}) before it starts ({period_start})"),
        );
    }
    let first_data_year = match &m.first_data_year {
        Some(y) => {
            let v = year(r, y);
            if v > period_start {
                r.at(
                    y.span().start,
                    format!(
                        "first_data_year {v} is after the period start {period_start}: expected a year ≤ {period_start}"
                    ),
                );
            }
            v
        }
        None => period_start,
    };
    let adopted = date(&m.adopted, r);
    if r.found.len() > before {
        return None;
    }
    Some(PlanMeta {
        municipality_code: m.municipality_code.get_ref().clone(),
        municipality_name: m.municipality_name.clone(),
        previous_codes: m
            .previous_codes
            .iter()
            .map(|c| c.get_ref().clone())
            .collect(),
        county_code: m.county_code.as_ref().map(|c| c.get_ref().clone()),
        peers: m.peers.iter().map(|c| c.get_ref().clone()).collect(),
        language,
        title: m.title.clone(),
        period_start,
        period_end,
        first_data_year,
        adopted: adopted?,
        adopted_by: m.adopted_by.clone(),
        amendments: m
            .amendments
            .iter()
            .map(|a| Amendment {
                number: a.number,
                section: a.section.clone(),
                text: a.text.clone(),
            })
            .collect(),
        source: m.source.clone(),
    })
}

fn date(d: &S<toml::value::Datetime>, r: &mut Reporter) -> Option<time::Date> {
    let v = toml_date(d.get_ref());
    if v.is_none() {
        r.at(
            d.span().start,
            format!(
                "`{}` is not a plain date: expected YYYY-MM-DD without time",
                d.get_ref()
            ),
        );
    }
    v
}

fn rank_value(v: &S<i64>, r: &mut Reporter) -> u32 {
    let x = *v.get_ref();
    if x < 1 {
        r.at(
            v.span().start,
            format!("rank {x} is not valid: expected a whole number ≥ 1"),
        );
        return 0;
    }
    x as u32
}

fn years_map(
    map: &BTreeMap<S<String>, S<Num>>,
    r: &mut Reporter,
    range: &Range,
    kind: YearKind,
    unit: Unit,
) -> BTreeMap<Year, f64> {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let Ok(year) = k.get_ref().parse::<i32>() else {
            r.at(
                k.span().start,
                format!("`{}` is not a year: expected e.g. 2021", k.get_ref()),
            );
            continue;
        };
        let value = v.get_ref().0;
        match kind {
            YearKind::Result => {
                if year < range.first {
                    r.at(
                        k.span().start,
                        format!(
                            "result for {year} is before the plan's first data year {}: expected {}–{} (set `first_data_year` in [meta] to quote earlier results)",
                            range.first, range.first, range.end
                        ),
                    );
                } else if year > range.end {
                    r.at(
                        k.span().start,
                        format!(
                            "result for {year} is after the plan period ends: expected {}–{}",
                            range.first, range.end
                        ),
                    );
                } else if let Some(adopted) = range.adopted
                    && year >= adopted.year()
                {
                    r.at(
                        k.span().start,
                        format!(
                            "result for {year} cannot be quoted by a plan adopted {adopted}: is it an ambition? (results are for years before adoption; put targets under `ambitions`)"
                        ),
                    );
                }
            }
            YearKind::Ambition => {
                if year < range.start || year > range.end {
                    let hint = if year < range.start {
                        " (is it a result? put what happened under `results`)"
                    } else {
                        ""
                    };
                    r.at(
                        k.span().start,
                        format!(
                            "ambition for {year} is outside the plan period {}–{}{hint}",
                            range.start, range.end
                        ),
                    );
                }
            }
        }
        if !value.is_finite() {
            r.at(v.span().start, "value is not a finite number");
        } else if unit == Unit::Rank && (value < 1.0 || value.fract() != 0.0) {
            r.at(
                v.span().start,
                format!("rank {value} is not valid: expected a whole number ≥ 1"),
            );
        } else if unit == Unit::Percent && !(-1000.0..=10000.0).contains(&value) {
            r.at(
                v.span().start,
                format!("percentage {value} is not plausible"),
            );
        }
        out.insert(year, value);
    }
    out
}

fn facts(
    raw: &[RawFact],
    section: &str,
    r: &mut Reporter,
    ids: &mut Ids,
    range: &Range,
) -> Vec<Fact> {
    raw.iter()
        .enumerate()
        .map(|(n, f)| {
            let id = match &f.id {
                Some(id) => {
                    ids.add(r, "fact", id);
                    id.get_ref().clone()
                }
                None => format!("{section}-f{}", n + 1),
            };
            let year = f.year.as_ref().map(|y| {
                let v = *y.get_ref();
                if v < 1900 || v > i64::from(range.end) {
                    r.at(
                        y.span().start,
                        format!(
                            "fact year {v} is outside the plan's range: expected 1900–{}",
                            range.end
                        ),
                    );
                }
                v as i32
            });
            Fact {
                id,
                text: f.text.clone(),
                value: f.value.map(|v| v.0),
                unit: f.unit.clone(),
                year,
                section: section.to_string(),
                computed_by: f.computed_by.clone(),
            }
        })
        .collect()
}

fn strategies(
    raw: &[RawStrategy],
    r: &mut Reporter,
    ids: &mut Ids,
    known: &mut HashSet<String>,
) -> Vec<Strategy> {
    raw.iter()
        .map(|s| {
            ids.add(r, "strategy", &s.id);
            known.insert(s.id.get_ref().clone());
            if s.text.trim().is_empty() {
                r.at(s.id.span().start, "strategy text is empty");
            }
            let mut monitor: Vec<String> = Vec::new();
            for m in &s.monitor {
                let id = m.get_ref().trim();
                if id.is_empty() {
                    r.at(m.span().start, "monitoring key figure id is empty");
                } else if monitor.iter().any(|x| x == id) {
                    r.at(
                        m.span().start,
                        format!(
                            "key figure `{id}` is named twice for strategy `{}`",
                            s.id.get_ref()
                        ),
                    );
                } else {
                    monitor.push(id.to_string());
                }
            }
            Strategy {
                id: s.id.get_ref().clone(),
                text: s.text.clone(),
                added_by_amendment: s.added_by_amendment.as_ref().map(|a| *a.get_ref()),
                monitor,
            }
        })
        .collect()
}

/// The plan's districts (`[[districts]]`): ids unique, a name, postal codes and former
/// municipality numbers of four digits, each postal code, former municipality and place in one
/// district only, and every district reachable by a postal code or a former municipality.
fn districts(raw: &[RawDistrict], r: &mut Reporter, ids: &mut Ids) -> Vec<District> {
    // Where each postal code, municipality and place (lower-case) was first given: (district, offset).
    let mut postal: HashMap<String, (String, usize)> = HashMap::new();
    let mut former: HashMap<String, (String, usize)> = HashMap::new();
    let mut places: HashMap<String, (String, usize)> = HashMap::new();
    let once = |r: &mut Reporter,
                seen: &mut HashMap<String, (String, usize)>,
                key: String,
                what: &str,
                district: &str,
                offset: usize| {
        if let Some((other, off)) = seen.get(&key) {
            let (line, col) = r.position(*off);
            r.at(
                offset,
                format!(
                    "{what} `{key}` is already in district `{other}` (line {line}, column {col}): a {what} belongs to one district"
                ),
            );
            return false;
        }
        seen.insert(key, (district.to_string(), offset));
        true
    };
    let four_digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    raw.iter()
        .map(|d| {
            ids.add(r, "district", &d.id);
            let id = d.id.get_ref().trim().to_string();
            if d.name.get_ref().nb.trim().is_empty() {
                r.at(d.name.span().start, format!("district `{id}` has an empty name"));
            }
            let mut postal_codes = Vec::new();
            for c in &d.postal_codes {
                let v = c.get_ref().trim();
                if !four_digits(v) {
                    r.at(
                        c.span().start,
                        format!("postal code `{v}` is not valid: expected 4 digits, e.g. 1383"),
                    );
                } else if once(r, &mut postal, v.to_string(), "postal code", &id, c.span().start) {
                    postal_codes.push(v.to_string());
                }
            }
            let mut former_municipalities = Vec::new();
            for c in &d.former_municipalities {
                let v = c.get_ref().trim();
                if !four_digits(v) {
                    r.at(
                        c.span().start,
                        format!(
                            "former municipality `{v}` is not valid: expected a municipality number of 4 digits, e.g. 0627"
                        ),
                    );
                } else if once(r, &mut former, v.to_string(), "former municipality", &id, c.span().start) {
                    former_municipalities.push(v.to_string());
                }
            }
            let mut district_places = Vec::new();
            for p in &d.places {
                let v = p.get_ref().trim();
                if v.is_empty() {
                    r.at(p.span().start, format!("district `{id}` has an empty place name"));
                } else if once(r, &mut places, v.to_lowercase(), "place", &id, p.span().start) {
                    district_places.push(v.to_string());
                }
            }
            if d.postal_codes.is_empty() && d.former_municipalities.is_empty() {
                r.at(
                    d.id.span().start,
                    format!(
                        "district `{id}` has no postal codes and no former municipalities: no register unit could be placed in it"
                    ),
                );
            }
            District {
                id,
                name: d.name.get_ref().clone(),
                postal_codes,
                former_municipalities,
                places: district_places,
                source: d.source.clone(),
            }
        })
        .collect()
}

/// The plan's quoted key figures (`[[key_figures]]`): a figure id, a plausible year, one quote
/// per figure and year.
fn key_figures(raw: &[crate::file::RawKeyFigure], r: &mut Reporter) -> Vec<KeyFigureQuote> {
    let mut seen: HashSet<(String, i64)> = HashSet::new();
    raw.iter()
        .map(|k| {
            let figure = k.figure.get_ref().trim().to_string();
            if figure.is_empty() {
                r.at(k.figure.span().start, "key figure id is empty");
            }
            let year = *k.year.get_ref();
            if !(1900..=2200).contains(&year) {
                r.at(
                    k.year.span().start,
                    format!("year {year} is not plausible: expected a four-digit year"),
                );
            }
            if !seen.insert((figure.clone(), year)) {
                r.at(
                    k.figure.span().start,
                    format!("key figure `{figure}` is quoted twice for {year}"),
                );
            }
            if k.source.trim().is_empty() {
                r.at(
                    k.figure.span().start,
                    "a quoted key figure needs its source",
                );
            }
            KeyFigureQuote {
                figure,
                value: k.value.0,
                year: year as i32,
                text: k.text.clone(),
                source: k.source.clone(),
            }
        })
        .collect()
}
