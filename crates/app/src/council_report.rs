//! Assemble the council report's input from the store and the engine. The report crate only
//! formats; every number and judgement comes from here.

use engine::Verdict;
use plan::{ActionStatus, Lang, Plan};
use report::{
    ActionView, AssessmentView, FactView, IndicatorView, Mark, Period, RankRow, RankingView,
    ReportInput, ReportState, SourceKind, SourceView, TrendView, ValueView, YearView,
};
use store::Store;
use store::assessments::SubjectKind;

use crate::AppError;
use crate::indicators::{Evaluated, evaluate_cached};

fn mark(v: Verdict) -> Mark {
    match v {
        Verdict::Achieved => Mark::Achieved,
        Verdict::NotAchieved => Mark::NotAchieved,
        Verdict::NoData => Mark::NoData,
        Verdict::NoAmbition => Mark::NoAmbition,
        Verdict::DemoNotJudged => Mark::DemoNotJudged,
    }
}

fn kind(s: engine::Source) -> SourceKind {
    match s {
        engine::Source::PlanQuote => SourceKind::PlanQuote,
        engine::Source::Published => SourceKind::Published,
        engine::Source::Computed => SourceKind::Computed,
        engine::Source::Demo => SourceKind::Demo,
    }
}

fn value_view(v: &crate::indicators::ValueRow) -> ValueView {
    ValueView {
        value: v.value,
        kind: kind(v.source),
        source: v.detail.clone(),
    }
}

/// The message `key` in `lang` with text variables.
pub(crate) fn ta(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, i18n::Value<'_>)> = args
        .iter()
        .map(|(n, v)| (*n, i18n::Value::from(v.as_str())))
        .collect();
    i18n::tr_args(lang, key, &args)
}

/// The report's view of one evaluated indicator, in bokmål.
pub fn indicator_view(plan: &Plan, e: &Evaluated) -> IndicatorView {
    indicator_view_in(plan, e, Lang::Nb)
}

/// The report's view of one evaluated indicator, its words in `lang` (the plan's texts in bokmål
/// where they have no translation).
pub fn indicator_view_in(plan: &Plan, e: &Evaluated, lang: Lang) -> IndicatorView {
    let ev = &e.evaluation;
    let ind = plan.indicator(&ev.indicator_id);
    // The same rows as the dashboard, the API and the CLI: one source rule, one verdict.
    let years = crate::indicators::year_rows(plan, ev)
        .iter()
        .map(|r| YearView {
            year: r.year,
            value: r.value.as_ref().map(value_view),
            also: r.also.iter().map(value_view).collect(),
            ambition: r.ambition,
            mark: mark(r.verdict),
        })
        .collect();
    let trend = e.trend.as_ref().map(|t| {
        let c = &t.computed;
        let fmt = |v: Option<f64>| {
            v.map(|v| plan::fmt::value(v, ev.unit))
                .unwrap_or_else(|| "–".into())
        };
        let pct = |v: Option<f64>| {
            v.map(|v| format!("{} %", plan::fmt::number(v * 100.0, 1)))
                .unwrap_or_else(|| "–".into())
        };
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_else(|| "–".into());
        TrendView {
            status: t.effective_status.label(lang),
            basis: {
                let change = match c.growth {
                    engine::Growth::Cagr => ta(
                        lang,
                        "rpt-trend-cagr",
                        &[
                            ("observed", pct(c.cagr_observed)),
                            ("required", pct(c.cagr_required)),
                        ],
                    ),
                    engine::Growth::AbsoluteChange => ta(
                        lang,
                        "rpt-trend-change",
                        &[
                            (
                                "observed",
                                c.change_observed
                                    .map(|v| plan::fmt::number(v, 2))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                            (
                                "required",
                                c.change_required
                                    .map(|v| plan::fmt::number(v, 2))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                        ],
                    ),
                };
                let notes: Vec<&str> = c.notes.iter().map(|n| n.get(lang)).collect();
                let mut basis = ta(
                    lang,
                    "rpt-trend-basis",
                    &[
                        ("baseyear", year(c.base_year)),
                        ("base", fmt(c.base_value)),
                        ("latestyear", year(c.latest_year)),
                        ("latest", fmt(c.latest_value)),
                        ("target", fmt(c.target_value)),
                        ("targetyear", year(c.target_year)),
                        ("change", change),
                        ("method", c.growth.label(lang)),
                    ],
                );
                if !notes.is_empty() {
                    basis.push(' ');
                    basis.push_str(&ta(lang, "rpt-trend-notes", &[("notes", notes.join("; "))]));
                }
                basis
            },
            override_note: t.override_.as_ref().map(|o| {
                format!(
                    "{} ({}, {}): {}",
                    o.status.label(lang),
                    o.by,
                    o.at,
                    o.justification
                )
            }),
            projection: e.projection.as_ref().map(|p| p.sentence_in(ev.unit, lang)),
        }
    });
    IndicatorView {
        id: ev.indicator_id.clone(),
        number: ev.number,
        name: ev.name.get(lang).to_string(),
        unit: ev.unit,
        rule_text: ev.rule_text.get(lang).to_string(),
        ambition_op: ev.ambition_op.symbol().to_string(),
        source: ind.map(|i| i.source.clone()).unwrap_or_default(),
        years,
        trend,
        assessment: None,
        definition: match &ev.formula {
            Some(f) => format!("{}: {}", f.name.get(lang), f.formula.get(lang)),
            None => i18n::tr(lang, "rpt-definition-published"),
        },
    }
}

/// How a report is assembled.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The staff's preview: the latest assessment of each subject whether published or not
    /// (drafts are marked). Without it only published assessments are shown.
    pub drafts: bool,
    /// The report's data date (default: the period's last day). Figures for a year that had
    /// not ended by this day are left out: a year's statistics are published in the following
    /// year at the earliest, so they could not have been known.
    pub data_as_of: Option<time::Date>,
    /// The report's language (default: the plan's written standard, `meta.language`).
    pub lang: Option<Lang>,
}

/// `e` as it could have been known on a data date whose last finished year is `last_year`:
/// every value of a later year is removed (its ambition kept, its verdict "no data"), and the
/// trend and the projection are computed again from what is left (the staff override, if any, kept).
pub fn known_by(plan: &Plan, e: &Evaluated, last_year: i32) -> Evaluated {
    let mut evaluation = e.evaluation.clone();
    for y in evaluation.years.iter_mut().filter(|y| y.year > last_year) {
        y.computation = None;
        y.imported = None;
        y.quoted = None;
        y.comparisons.clear();
        y.chosen = None;
        y.judgement.value = None;
        y.judgement.checks.clear();
        y.judgement.verdict = if y.ambition.is_some() {
            Verdict::NoData
        } else {
            Verdict::NoAmbition
        };
        y.judgement.reasoning =
            engine::Bilingual::each(|lang| i18n::tr(lang, "rpt-not-published-by-date"));
    }
    let override_ = e.trend.as_ref().and_then(|t| t.override_.clone());
    let trend = engine::assess_trend(plan, &evaluation)
        .ok()
        .map(|t| engine::combine_override(t, override_));
    let projection = engine::project(plan, &evaluation).ok();
    Evaluated {
        evaluation,
        trend,
        projection,
    }
}

/// The report's view of a staff assessment (by display name, local date).
fn assessment_view(
    a: &store::assessments::Assessment,
    names: &store::users::PublicNames,
) -> AssessmentView {
    AssessmentView {
        text: a.text.clone(),
        by: names.of(&a.by),
        date: time::OffsetDateTime::parse(&a.at, &time::format_description::well_known::Rfc3339)
            .map(|t| crate::as_of::local_date(t).to_string())
            .unwrap_or_else(|_| a.at.get(..10).unwrap_or(&a.at).to_string()),
        draft: !a.published,
    }
}

/// Everything the report for `year`/`period` shows, from the store.
pub async fn assemble(
    store: &Store,
    plan: &Plan,
    year: i32,
    period: Period,
) -> Result<ReportInput, AppError> {
    assemble_with(store, plan, year, period, &ReportOptions::default()).await
}

/// As [`assemble`], with options (the staff's preview with drafts, another data date).
pub async fn assemble_with(
    store: &Store,
    plan: &Plan,
    year: i32,
    period: Period,
    options: &ReportOptions,
) -> Result<ReportInput, AppError> {
    // Assessments belong to the plan version (`store::plans`).
    let code = &store.plan_key_or_code(plan).await?;
    let lang = options.lang.unwrap_or(plan.meta.language);
    let data_cutoff = options
        .data_as_of
        .or_else(|| period.end(year))
        .ok_or_else(|| AppError::Config(format!("no last day for the period {year}")))?;
    let last_data_year = data_cutoff.year() - 1;
    // The evaluation the dashboard shows (stored, app::cache), cut to the report's data date.
    let evaluated = evaluate_cached(store, plan).await?;
    let names = store.public_names().await?;
    let assessments = store
        .assessments(code, year, period.code(), !options.drafts)
        .await?;
    let find = |kind: SubjectKind, id: &str| {
        assessments
            .iter()
            .find(|a| a.kind == kind && a.subject_id == id)
            .map(|a| assessment_view(a, &names))
    };
    let indicators = evaluated
        .iter()
        .map(|e| {
            let mut v = indicator_view_in(plan, &known_by(plan, e, last_data_year), lang);
            for y in v.years.iter_mut().filter(|y| y.year > last_data_year) {
                y.mark = Mark::NotYetPublished;
            }
            v.assessment = find(SubjectKind::Indicator, &v.id);
            v
        })
        .collect();

    // The actions as they stood on the period's last day (a change made later does not alter
    // this report), compared with the end of the previous report's period.
    let period_end = period.end(year);
    let previous_end = crate::as_of::previous_report_end(period, year);
    let mut actions = Vec::new();
    let mut rollup_inputs = Vec::new();
    for r in store.actions(code).await? {
        let history = store.history(code, &r.action.id).await?;
        let Some(now) = (match period_end {
            Some(day) => crate::as_of::action_as_of(&r, &history, day),
            None => Some(r.clone()),
        }) else {
            continue;
        };
        let before = previous_end.and_then(|day| crate::as_of::action_as_of(&r, &history, day));
        let changed = crate::as_of::change_between_in(before.as_ref(), &now, lang);
        let last_change = time::OffsetDateTime::parse(
            &now.updated_at,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()
        .map(|t| crate::as_of::local_date(t).to_string());
        rollup_inputs.push(engine::rollup::ActionInput {
            id: now.action.id.clone(),
            strategies: now.action.strategies.clone(),
            progress: f64::from(now.action.progress),
            weight: now.weight,
            cancelled: now.action.status == ActionStatus::Cancelled,
        });
        let a = now.action;
        let explanation = find(SubjectKind::Action, &a.id);
        let late = match period_end {
            Some(day) => crate::as_of::is_late(&a, day),
            None => a.status == ActionStatus::Delayed,
        };
        actions.push(ActionView {
            id: a.id,
            title: a.title,
            strategies: a.strategies,
            owner: a.owner,
            status: a.status.label(lang).to_string(),
            progress: a.progress,
            start: a.start,
            end: a.end,
            comment: now.comment,
            late,
            changed,
            last_change,
            explanation,
            budget: a.budget,
            tasks: a.tasks,
        });
    }

    let mut rankings: Vec<RankingView> = plan
        .published_rankings
        .iter()
        .map(|k| RankingView {
            title: ta(
                lang,
                "rpt-nho-title",
                &[
                    ("edition", k.edition.to_string()),
                    ("year", k.data_year.to_string()),
                ],
            ),
            source: k.source.clone(),
            groups: k
                .groups
                .iter()
                .map(|g| g.name.get(lang).to_string())
                .collect(),
            rows: k
                .rows
                .iter()
                .map(|r| RankRow {
                    name: r.municipality_name.clone(),
                    total: r.total,
                    groups: k
                        .groups
                        .iter()
                        .map(|g| r.groups.get(&g.id).copied())
                        .collect(),
                    own: r
                        .municipality_name
                        .starts_with(&plan.meta.municipality_name),
                })
                .collect(),
            computed: false,
            synthetic: false,
        })
        .collect();

    if let Some(view) =
        computed_ranking(store, plan, year.min(last_data_year), &rankings, lang).await?
    {
        rankings.push(view);
    }

    // One row per table, in words, with its publisher and address; the files imported go to
    // the machine-readable appendix only.
    let imports = store.imports().await?;
    let tables = crate::sources::bundled_tables();
    let mut by_table: std::collections::BTreeMap<String, SourceView> = Default::default();
    for i in imports.iter() {
        let Some(id) = i.table_id.as_deref() else {
            continue;
        };
        let title = tables
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.title.clone());
        let klass = i.file_name.starts_with("klass/") || i.format.contains("klass");
        let placeholder = !id.bytes().all(|b| b.is_ascii_digit());
        let v = by_table
            .entry(id.to_string())
            .or_insert_with(|| SourceView {
                name: match (&title, klass, placeholder) {
                    (_, true, _) => ta(lang, "rpt-source-klass", &[("id", id.to_string())]),
                    (_, _, true) => ta(lang, "rpt-source-placeholder", &[("id", id.to_string())]),
                    (Some(t), ..) => ta(
                        lang,
                        "rpt-source-table-titled",
                        &[("title", t.clone()), ("id", id.to_string())],
                    ),
                    (None, ..) => ta(lang, "rpt-source-table", &[("id", id.to_string())]),
                },
                publisher: if placeholder {
                    "naeringsplan (demo)".into()
                } else {
                    i18n::tr(lang, "rpt-publisher-ssb")
                },
                url: if klass {
                    format!("https://www.ssb.no/klass/klassifikasjoner/{id}")
                } else if placeholder {
                    "–".into()
                } else {
                    i.source_url
                        .clone()
                        .filter(|u| u.starts_with("https://www.ssb.no/"))
                        .unwrap_or_else(|| format!("https://www.ssb.no/statbank/table/{id}"))
                },
                release: String::new(),
                fetched: String::new(),
                synthetic: false,
                real: false,
                files: Vec::new(),
            });
        let day = i
            .imported_at
            .get(..10)
            .unwrap_or(&i.imported_at)
            .to_string();
        if day > v.fetched {
            v.fetched = day;
        }
        if let Some(u) = &i.updated
            && *u > v.release
        {
            v.release = u.clone();
        }
        v.synthetic |= i.synthetic;
        v.real |= !i.synthetic;
        v.files.push(format!(
            "{} (SSB {id}, {}{})",
            i.file_name,
            i.imported_at.get(..10).unwrap_or(&i.imported_at),
            if i.synthetic {
                format!(", {}", i18n::tr(lang, "rpt-synthetic"))
            } else {
                String::new()
            }
        ));
    }
    let sources: Vec<SourceView> = by_table.into_values().collect();

    let latest_change = store
        .recent_history(code, 1)
        .await?
        .into_iter()
        .next()
        .map(|h| h.at);
    let latest_import = imports.iter().map(|i| i.imported_at.clone()).max();
    let data_as_of = latest_change
        .into_iter()
        .chain(latest_import)
        .max()
        .map(|s| s.get(..10).unwrap_or(&s).to_string())
        .unwrap_or_else(|| plan.meta.adopted.to_string());

    // The definitions are written in bokmål and English (a nynorsk report shows the bokmål).
    let definitions = engine::definitions()
        .iter()
        .map(|d| match lang {
            Lang::En => (d.name_en.to_string(), d.formula_en.to_string()),
            Lang::Nb | Lang::Nn => (d.name_nb.to_string(), d.formula_nb.to_string()),
        })
        .collect();

    Ok(ReportInput {
        plan: plan.clone(),
        lang,
        year,
        period,
        data_as_of,
        data_cutoff,
        state: if options.drafts {
            ReportState::Preview
        } else {
            ReportState::Generated
        },
        overall: find(SubjectKind::Plan, ""),
        progress: {
            let roll =
                engine::rollup::rollup(plan, &rollup_inputs, engine::rollup::Weighting::Mean);
            match (roll.progress, roll.covered_progress) {
                (Some(p), Some(c)) => Some(report::ProgressView {
                    plan_percent: p.percent,
                    covered_percent: c.percent,
                    covered: roll.coverage.covered,
                    total: roll.coverage.total,
                }),
                _ => None,
            }
        },
        area_assessments: plan
            .focus_areas
            .iter()
            .filter_map(|a| Some((a.number.clone(), find(SubjectKind::FocusArea, &a.number)?)))
            .collect(),
        indicators,
        actions,
        rankings,
        facts: register_facts(store, plan, lang).await?,
        strategy_indicators: strategy_indicators(store, plan, last_data_year, data_cutoff, lang)
            .await?,
        registers: {
            let mut sections =
                crate::local_registers::report_sections_in(store, plan, year, lang).await?;
            if let Some(t) = crate::districts::district_table(store, plan).await? {
                sections.push(crate::districts::report_section(&t, lang));
            }
            let code = &plan.meta.municipality_code;
            sections.extend(crate::pipeline::report_section(store, code, year, lang).await?);
            sections.extend(crate::partners::report_section(store, code, lang).await?);
            sections
        },
        sources,
        definitions,
    })
}

/// The key figures that monitor strategies (`monitor`), for the years up to the report's last
/// data year; a register figure only when its snapshot is not after the data date.
async fn strategy_indicators(
    store: &Store,
    plan: &Plan,
    last_year: i32,
    cutoff: time::Date,
    lang: Lang,
) -> Result<Vec<report::StrategyIndicatorView>, AppError> {
    let mut out = Vec::new();
    for s in plan
        .focus_areas
        .iter()
        .flat_map(|a| a.all_strategies())
        .filter(|s| !s.monitor.is_empty())
    {
        for m in crate::key_figures::monitor(store, plan, s, last_year, Some(cutoff)).await? {
            out.push(report::StrategyIndicatorView {
                strategy_id: s.id.clone(),
                name: m.name.get(lang).to_string(),
                rows: m
                    .values
                    .iter()
                    .map(|v| {
                        (
                            v.year,
                            plan::fmt::value(v.value, m.unit),
                            v.detail.clone(),
                            v.demo,
                        )
                    })
                    .collect(),
                missing: m.missing.map(|b| b.get(lang).to_string()),
            });
        }
    }
    Ok(out)
}

/// The plan's facts that name a register key, each beside the value computed from the stored
/// Enhetsregisteret snapshot (none when the store holds no register data).
async fn register_facts(store: &Store, plan: &Plan, lang: Lang) -> Result<Vec<FactView>, AppError> {
    let values = if store.has_register_data().await? {
        crate::plan_facts::plan_fact_values(store, plan).await?
    } else {
        Vec::new()
    };
    let fmt_num = |v: f64| plan::fmt::number_auto(v, 1);
    Ok(plan
        .focus_areas
        .iter()
        .flat_map(|a| a.all_facts())
        .filter(|f| f.computed_by.as_deref().is_some_and(|k| !k.is_empty()))
        .map(|f| {
            let value = values.iter().find(|v| v.fact_id == f.id);
            let computed = value.and_then(|v| v.computed.as_ref());
            FactView {
                section: f.section.clone(),
                quoted_text: f.text.clone(),
                quoted: f.value.map(|v| {
                    let unit = f.unit.as_deref().unwrap_or("");
                    match f.year {
                        Some(y) => format!("{} {unit} ({y})", fmt_num(v)),
                        None => format!("{} {unit}", fmt_num(v)),
                    }
                }),
                computed: computed.map(|c| {
                    let mut s = ta(
                        lang,
                        "rpt-register-as-of",
                        &[
                            ("value", fmt_num(c.value)),
                            ("unit", c.unit.to_string()),
                            ("date", c.snapshot.snapshot_date.to_string()),
                        ],
                    );
                    if let Some(va) = &c.value_added {
                        s.push_str(&format!(
                            "; {}: {} {}",
                            i18n::tr(lang, "rpt-value-added"),
                            fmt_num(va.value),
                            va.unit
                        ));
                    }
                    s
                }),
                synthetic: computed.is_some_and(|c| c.snapshot.synthetic),
            }
        })
        .collect())
}

/// Our computed Kommune-NM-style ranking for the latest data year up to `year`: the plan's
/// municipality and the peers of the published tables (by name), else the top ten; `None` when
/// the store holds nothing to rank.
async fn computed_ranking(
    store: &Store,
    plan: &Plan,
    year: i32,
    published: &[RankingView],
    lang: Lang,
) -> Result<Option<RankingView>, AppError> {
    use crate::ranking;
    let geo = stats::geography::Geography::bundled();
    let code = &plan.meta.municipality_code;
    let set = ranking::load(
        store,
        ranking::default_years(geo),
        ranking::plan_borders(geo, code),
    )
    .await?;
    let Some(data_year) = set
        .years
        .iter()
        .map(|y| y.year)
        .filter(|y| *y <= year)
        .max()
    else {
        return Ok(None);
    };
    let rep = ranking::report(
        &set,
        geo,
        Some(plan),
        &ranking::ReportOptions {
            year: Some(data_year),
            ..Default::default()
        },
    )?;
    let peers: Vec<String> = published
        .iter()
        .flat_map(|r| r.rows.iter().map(|row| base_name(&row.name).to_string()))
        .collect();
    let chosen: Vec<&ranking::ReportRow> = rep
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .filter(|r| {
            r.plan
                || if peers.is_empty() {
                    r.rank.is_some_and(|k| k <= 10)
                } else {
                    peers.iter().any(|p| p == base_name(&r.name))
                }
        })
        .collect();
    if chosen.is_empty() {
        return Ok(None);
    }
    Ok(Some(RankingView {
        title: ta(
            lang,
            "rpt-computed-title",
            &[
                ("edition", rep.edition.to_string()),
                ("year", data_year.to_string()),
            ],
        ),
        source: ta(
            lang,
            "rpt-computed-source",
            &[
                ("ranked", rep.ranked.to_string()),
                ("total", rep.municipalities.to_string()),
                ("date", rep.geography_at.to_string()),
            ],
        ),
        groups: rep
            .groups
            .iter()
            .map(|g| g.name.get(lang).to_string())
            .collect(),
        rows: chosen
            .into_iter()
            .map(|r| RankRow {
                name: r.name.clone(),
                total: r.rank.unwrap_or_default(),
                groups: r.groups.iter().map(|g| g.rank).collect(),
                own: r.plan,
            })
            .collect(),
        computed: true,
        synthetic: rep.synthetic,
    }))
}

/// A municipality name without SSB's period suffix (`Asker (2020-2023)` → `Asker`).
fn base_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}
