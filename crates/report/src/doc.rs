//! The report as a small document tree, built once from [`ReportInput`] and rendered by each
//! backend (HTML, Markdown, typst/PDF). Keeping the content in one place means the three formats
//! cannot drift apart.

use i18n::{Lang, Value, tr, tr_args};
use plan::fmt;

use crate::chart;
use crate::model::{Mark, ReportInput, ReportState};

/// A run of text, optionally bold.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// The text's language when it differs from the report's (the plan's own texts, written in
    /// bokmål, in a nynorsk or English report).
    pub lang: Option<Lang>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Text.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// The text's language when it differs from the report's (see [`Span::lang`]).
    pub lang: Option<Lang>,
}

impl Cell {
    fn plain(t: impl Into<String>) -> Self {
        Cell {
            text: t.into(),
            strong: false,
            lang: None,
        }
    }
    fn strong(t: impl Into<String>) -> Self {
        Cell {
            text: t.into(),
            strong: true,
            lang: None,
        }
    }
    /// The cell marked as written in `lang` (`None`: the report's language).
    fn in_lang(mut self, lang: Option<Lang>) -> Self {
        self.lang = lang;
        self
    }
}

/// The message `key` in `lang` with text variables.
fn ta(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, Value<'_>)> = args
        .iter()
        .map(|(n, v)| (*n, Value::from(v.as_str())))
        .collect();
    tr_args(lang, key, &args)
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The front page: title lines.
    Front {
        /// Main title.
        title: String,
        /// Lines under it.
        lines: Vec<String>,
    },
    /// Table of contents.
    Toc,
    /// A heading (level 1 or 2) with an anchor id.
    Heading {
        /// 1 or 2.
        level: u8,
        /// Text.
        text: String,
        /// Anchor.
        id: String,
        /// The text's language when it differs from the report's (see [`Span::lang`]).
        lang: Option<Lang>,
    },
    /// A paragraph.
    Para(Vec<Span>),
    /// A highlighted notice (synthetic data, deviations).
    Notice(String),
    /// A bulleted list; an item is spans, so that a bokmål fragment (a plan text, a stored
    /// source) in a nynorsk or English report is marked with its language.
    List(Vec<Vec<Span>>),
    /// A table.
    Table {
        /// Caption.
        caption: String,
        /// Header cells.
        header: Vec<String>,
        /// Which columns are numeric (right-aligned).
        numeric: Vec<bool>,
        /// Rows.
        rows: Vec<Vec<Cell>>,
    },
    /// A chart (SVG) with a caption.
    Chart {
        /// Stable file-safe id.
        id: String,
        /// The SVG document.
        svg: String,
        /// Caption.
        caption: String,
    },
}

/// A written assessment: its paragraphs, then who wrote it and when. The text is the staff's,
/// marked bokmål in a report in another language.
fn push_assessment(d: &mut Vec<Block>, r: &ReportInput, a: &crate::model::AssessmentView) {
    let paragraphs: Vec<&str> = a
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let last = paragraphs.len().saturating_sub(1);
    for (n, p) in paragraphs.iter().enumerate() {
        let mut spans = vec![Span {
            text: p.to_string(),
            strong: false,
            lang: r.bokmal_lang(),
        }];
        if n == last {
            spans.push(Span {
                text: format!(" {}", a.signature(r.lang)),
                strong: false,
                lang: None,
            });
        }
        d.push(Block::Para(spans));
    }
}

/// Items of plain text.
fn items(texts: Vec<String>) -> Vec<Vec<Span>> {
    texts
        .into_iter()
        .map(|t| {
            vec![Span {
                text: t,
                strong: false,
                lang: None,
            }]
        })
        .collect()
}

/// `text` as spans with every occurrence of the `fragments` (texts written in bokmål that come
/// with the data: the plan's titles and comments, stored sources) marked `lang`; unmarked when
/// `lang` is `None` (a bokmål report).
fn marked(text: &str, fragments: &[&str], lang: Option<Lang>) -> Vec<Span> {
    let plain = |t: &str| Span {
        text: t.to_string(),
        strong: false,
        lang: None,
    };
    let Some(lang) = lang else {
        return vec![plain(text)];
    };
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for f in fragments.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
        for (at, _) in text.match_indices(f) {
            ranges.push((at, at + f.len()));
        }
    }
    ranges.sort_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b) in ranges {
        if a < pos {
            continue; // inside a longer fragment already marked
        }
        if a > pos {
            out.push(plain(&text[pos..a]));
        }
        out.push(Span {
            text: text[a..b].to_string(),
            strong: false,
            lang: Some(lang),
        });
        pos = b;
    }
    if pos < text.len() {
        out.push(plain(&text[pos..]));
    }
    out
}

fn para(text: impl Into<String>) -> Block {
    Block::Para(vec![Span {
        text: text.into(),
        strong: false,
        lang: None,
    }])
}

/// A paragraph of the plan's own text, written in `lang` when that differs from the report's.
fn content_para(text: impl Into<String>, lang: Option<Lang>) -> Block {
    Block::Para(vec![Span {
        text: text.into(),
        strong: false,
        lang,
    }])
}

fn heading(level: u8, text: impl Into<String>, id: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        id: id.to_string(),
        lang: None,
    }
}

/// A heading made of the plan's own text, written in `lang` when that differs from the
/// report's.
fn content_heading(level: u8, text: impl Into<String>, id: &str, lang: Option<Lang>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        id: id.to_string(),
        lang,
    }
}

/// Builds the document, in the report's language (`r.lang`).
pub fn build(r: &ReportInput) -> Vec<Block> {
    let p = &r.plan;
    let l = r.lang;
    let nb = r.bokmal_lang();
    // The language of an indicator's name as the report shows it.
    let name_lang = |id: &str| p.indicator(id).and_then(|x| r.content_lang(&x.name));
    let mut d = Vec::new();
    let mut front = vec![
        ta(
            l,
            "rpt-municipality",
            &[("name", p.meta.municipality_name.clone())],
        ),
        ta(
            l,
            "rpt-front-plan",
            &[
                ("title", p.meta.title.get(l).to_string()),
                ("start", p.meta.period_start.to_string()),
                ("end", p.meta.period_end.to_string()),
                ("by", p.meta.adopted_by.to_lowercase()),
                ("adopted", p.meta.adopted.to_string()),
            ],
        ),
        ta(
            l,
            "rpt-front-period",
            &[("period", r.period.label_in(l, r.year))],
        ),
        ta(l, "rpt-front-data-as-of", &[("date", r.data_as_of.clone())]),
        ta(
            l,
            "rpt-front-basis",
            &[
                ("year", r.last_data_year().to_string()),
                ("date", r.data_cutoff.to_string()),
            ],
        ),
        match &r.state {
            ReportState::Final { date, by } => ta(
                l,
                "rpt-front-final",
                &[("date", date.clone()), ("by", by.clone())],
            ),
            ReportState::Preview => tr(l, "rpt-front-preview"),
            ReportState::Generated => tr(l, "rpt-front-generated"),
        },
    ];
    if r.has_synthetic() {
        front.push(tr(l, "rpt-front-demo"));
    }
    d.push(Block::Front {
        title: r.title(),
        lines: front,
    });
    d.push(Block::Toc);

    // Summary.
    d.push(heading(1, tr(l, "rpt-summary"), "sammendrag"));
    if let Some(a) = &r.overall {
        d.push(heading(2, tr(l, "rpt-overall"), "samlet-vurdering"));
        push_assessment(&mut d, r, a);
    }
    d.push(Block::Para(vec![
        Span {
            text: format!("{}: ", tr(l, "rpt-vision")),
            strong: true,
            lang: None,
        },
        Span {
            text: p.vision.get(l).to_string(),
            strong: false,
            lang: r.content_lang(&p.vision),
        },
    ]));
    d.push(para(ta(
        l,
        "rpt-summary-intro",
        &[("date", r.data_as_of.clone())],
    )));
    let mut rows = Vec::new();
    for i in &r.indicators {
        // The latest value resting on real data, as the dashboard's card shows it.
        // Up to the report's year: a later year's figure is not part of this report.
        let latest = i
            .years
            .iter()
            .rev()
            .filter(|y| y.year <= r.year)
            .find_map(|y| y.shown().filter(|v| !v.synthetic()).map(|v| (y.year, v)));
        // Judged by the year of that value (the report year's own figures are usually not
        // published before the report); without one, the report year.
        let this = latest
            .and_then(|(y, _)| i.years.iter().find(|v| v.year == y))
            .or_else(|| i.years.iter().find(|y| y.year == r.year));
        rows.push(vec![
            Cell::plain(format!("{}. {}", i.number, i.name)).in_lang(name_lang(&i.id)),
            Cell::plain(match latest {
                Some((y, v)) if y < r.year => ta(
                    l,
                    "rpt-latest-earlier",
                    &[
                        ("value", fmt::value(v.value, i.unit)),
                        ("year", y.to_string()),
                        ("source", v.kind.label(l)),
                    ],
                ),
                Some((y, v)) => {
                    format!("{} ({y}, {})", fmt::value(v.value, i.unit), v.kind.label(l))
                }
                None => tr(l, "rpt-no-real-data"),
            }),
            Cell::plain(
                this.and_then(|y| y.ambition.map(|a| (y.year, a)))
                    .map(|(y, a)| format!("{} {} ({y})", i.ambition_op, fmt::value(a, i.unit)))
                    .unwrap_or_else(|| "–".into()),
            ),
            match this.map(|y| (y.mark, y.year)) {
                Some((Mark::NoAmbition, y)) => {
                    Cell::plain(ta(l, "rpt-no-ambition-for", &[("year", y.to_string())]))
                }
                Some((m, y)) => Cell::strong(format!("{} ({y})", m.label(l))),
                None => Cell::plain("–"),
            },
            Cell::plain(
                i.trend
                    .as_ref()
                    .map(|t| t.status.clone())
                    .unwrap_or_else(|| tr(l, "rpt-not-computed")),
            ),
        ]);
    }
    d.push(Block::Table {
        caption: ta(
            l,
            "rpt-summary-caption",
            &[("year", r.year.min(r.last_data_year()).to_string())],
        ),
        header: vec![
            tr(l, "rpt-col-indicator"),
            tr(l, "rpt-col-latest"),
            tr(l, "rpt-col-ambition"),
            tr(l, "rpt-col-assessment"),
            tr(l, "rpt-col-trend"),
        ],
        numeric: vec![false, true, true, false, false],
        rows,
    });
    action_summary(&mut d, r);

    // Chapter-6 table.
    d.push(heading(1, tr(l, "rpt-results"), "indikatorer"));
    d.push(para(tr(l, "rpt-results-intro")));
    let years: Vec<i32> = p.table_years().collect();
    let mut header = vec![tr(l, "rpt-col-indicator")];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut rows = Vec::new();
    for i in &r.indicators {
        let mut row =
            vec![Cell::plain(format!("{}. {}", i.number, i.name)).in_lang(name_lang(&i.id))];
        for y in &years {
            let yv = i.years.iter().find(|v| v.year == *y);
            let mut parts = Vec::new();
            if let Some(v) = yv.and_then(|v| v.shown()) {
                parts.push(format!(
                    "{}{}",
                    fmt::value(v.value, i.unit),
                    if v.synthetic() { " (demo)" } else { "" }
                ));
            }
            if let Some(a) = yv.and_then(|v| v.ambition) {
                parts.push(ta(
                    l,
                    "rpt-target",
                    &[
                        ("op", i.ambition_op.clone()),
                        ("value", fmt::value(a, i.unit)),
                    ],
                ));
            }
            // In words, with the sign beside them (never a sign alone).
            match yv.map(|v| v.mark) {
                Some(Mark::Achieved) => parts.push(tr(l, "rpt-mark-achieved")),
                Some(Mark::NotAchieved) => parts.push(tr(l, "rpt-mark-not-achieved")),
                Some(Mark::NoData) => parts.push(tr(l, "rpt-cell-no-data")),
                Some(Mark::DemoNotJudged) => parts.push(tr(l, "rpt-cell-not-judged")),
                Some(Mark::NotYetPublished) => parts.push(tr(l, "rpt-cell-not-published")),
                _ => {}
            }
            row.push(Cell::plain(if parts.is_empty() {
                "–".to_string()
            } else {
                parts.join(" – ")
            }));
        }
        rows.push(row);
    }
    let mut numeric = vec![false];
    numeric.extend(years.iter().map(|_| true));
    d.push(Block::Table {
        caption: tr(l, "rpt-results-caption"),
        header,
        numeric,
        rows,
    });

    for i in &r.indicators {
        d.push(content_heading(
            2,
            format!("{}. {}", i.number, i.name),
            &format!("ind-{}", i.id),
            name_lang(&i.id),
        ));
        d.push(Block::Chart {
            id: i.id.clone(),
            svg: chart::indicator_svg(i, l),
            caption: ta(l, "rpt-chart-caption", &[("name", i.name.clone())]),
        });
        d.push(para(ta(
            l,
            "rpt-goal-source",
            &[("rule", i.rule_text.clone()), ("source", i.source.clone())],
        )));
        d.push(para(ta(
            l,
            "rpt-computation",
            &[("definition", i.definition.clone())],
        )));
        let differing: Vec<String> = i
            .years
            .iter()
            .filter_map(|y| {
                let v = y.value.as_ref()?;
                let others: Vec<String> = y
                    .also
                    .iter()
                    .filter(|o| (o.value - v.value).abs() > 1e-9)
                    .map(|o| {
                        format!(
                            "{} {} ({})",
                            o.kind.label(l),
                            fmt::value(o.value, i.unit),
                            o.source
                        )
                    })
                    .collect();
                (!others.is_empty()).then(|| {
                    ta(
                        l,
                        "rpt-also",
                        &[
                            ("year", y.year.to_string()),
                            ("kind", v.kind.label(l)),
                            ("value", fmt::value(v.value, i.unit)),
                            ("source", v.source.clone()),
                            ("others", others.join("; ")),
                        ],
                    )
                })
            })
            .collect();
        if !differing.is_empty() {
            let sources: Vec<&str> = i
                .years
                .iter()
                .flat_map(|y| y.value.iter().chain(y.also.iter()))
                .map(|v| v.source.as_str())
                .collect();
            d.push(para(tr(l, "rpt-differing")));
            d.push(Block::List(
                differing
                    .iter()
                    .map(|t| marked(t, &sources, r.bokmal_lang()))
                    .collect(),
            ));
        }
        if let Some(t) = &i.trend {
            d.push(para(format!(
                "{}: {}. {}",
                tr(l, "rpt-col-trend"),
                t.status,
                t.basis
            )));
            if let Some(o) = &t.override_note {
                d.push(para(ta(l, "rpt-override", &[("note", o.clone())])));
            }
            if let Some(p) = &t.projection {
                d.push(para(p.clone()));
            }
        }
        if let Some(a) = &i.assessment {
            d.push(para(format!("{}:", tr(l, "rpt-col-assessment"))));
            push_assessment(&mut d, r, a);
        }
    }

    // Ranking.
    d.push(heading(1, "Kommune-NM", "kommune-nm"));
    if r.rankings.is_empty() {
        d.push(para(tr(l, "rpt-no-ranking")));
    }
    for k in &r.rankings {
        let mut header = vec![tr(l, "rpt-col-municipality"), tr(l, "rpt-col-total")];
        header.extend(k.groups.iter().cloned());
        let numeric = header.iter().enumerate().map(|(n, _)| n > 0).collect();
        let rows = k
            .rows
            .iter()
            .map(|row| {
                let mk = |t: String| {
                    if row.own {
                        Cell::strong(t)
                    } else {
                        Cell::plain(t)
                    }
                };
                let mut cells = vec![mk(row.name.clone()), mk(format!("{}.", row.total))];
                cells.extend(
                    row.groups
                        .iter()
                        .map(|g| mk(g.map(|g| format!("{g}.")).unwrap_or_else(|| "–".into()))),
                );
                cells
            })
            .collect();
        let mut kind = tr(
            l,
            if k.computed {
                "rpt-computed"
            } else {
                "rpt-published"
            },
        );
        if k.synthetic {
            kind.push_str(", ");
            kind.push_str(&tr(l, "rpt-synthetic-inputs"));
        }
        d.push(Block::Table {
            caption: ta(
                l,
                "rpt-ranking-caption",
                &[
                    ("title", k.title.clone()),
                    ("kind", kind),
                    ("source", k.source.clone()),
                ],
            ),
            header,
            numeric,
            rows,
        });
    }

    // Focus areas.
    d.push(heading(1, tr(l, "rpt-areas"), "innsatsomrader"));
    for a in &p.focus_areas {
        d.push(content_heading(
            2,
            format!("{} {}", a.number, a.title.get(l)),
            &format!("omrade-{}", a.number),
            r.content_lang(&a.title),
        ));
        d.push(content_para(a.description.clone(), nb));
        if let Some(v) = r.area_assessments.get(&a.number) {
            d.push(para(format!("{}:", tr(l, "rpt-col-assessment"))));
            push_assessment(&mut d, r, v);
        }
        let mut rows = Vec::new();
        for s in a.all_strategies() {
            let linked: Vec<&crate::model::ActionView> = r
                .actions
                .iter()
                .filter(|x| x.strategies.contains(&s.id))
                .collect();
            let actions = if linked.is_empty() {
                Cell::plain(tr(l, "rpt-no-actions-linked"))
            } else {
                Cell::plain(
                    linked
                        .iter()
                        .map(|x| format!("{} {} ({}, {} %)", x.id, x.title, x.status, x.progress))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            rows.push(vec![
                Cell::strong(s.id.clone()),
                Cell::plain(s.text.clone()).in_lang(nb),
                actions,
            ]);
        }
        d.push(Block::Table {
            caption: ta(l, "rpt-strategies-caption", &[("area", a.number.clone())]),
            header: vec![
                tr(l, "rpt-col-id"),
                tr(l, "rpt-col-strategy"),
                tr(l, "rpt-col-actions-status"),
            ],
            numeric: vec![false, false, false],
            rows,
        });
        for s in a.all_strategies() {
            for m in r
                .strategy_indicators
                .iter()
                .filter(|m| m.strategy_id == s.id)
            {
                let caption = ta(
                    l,
                    "rpt-monitor-caption",
                    &[("id", s.id.clone()), ("name", m.name.clone())],
                );
                if m.rows.is_empty() {
                    d.push(para(ta(
                        l,
                        "rpt-monitor-none",
                        &[
                            ("caption", caption),
                            (
                                "reason",
                                m.missing.clone().unwrap_or_else(|| tr(l, "rpt-missing")),
                            ),
                        ],
                    )));
                    continue;
                }
                d.push(Block::Table {
                    caption,
                    header: vec![
                        tr(l, "rpt-col-year"),
                        tr(l, "rpt-col-value"),
                        tr(l, "rpt-col-source"),
                    ],
                    numeric: vec![false, true, false],
                    rows: m
                        .rows
                        .iter()
                        .map(|(y, v, src, demo)| {
                            vec![
                                Cell::plain(y.to_string()),
                                Cell::plain(if *demo {
                                    format!("{v} (demo)")
                                } else {
                                    v.clone()
                                }),
                                Cell::plain(src.clone()),
                            ]
                        })
                        .collect(),
                });
            }
        }
    }

    action_table(&mut d, r);

    // Deviations.
    d.push(heading(1, tr(l, "rpt-deviations"), "avvik"));
    let deviations = r.deviations();
    if deviations.is_empty() {
        d.push(para(tr(l, "rpt-no-deviations")));
    } else {
        d.push(para(tr(l, "rpt-deviations-intro")));
        let plan_texts: Vec<&str> = r
            .actions
            .iter()
            .flat_map(|a| [a.title.as_str(), a.comment.trim_end_matches('.')])
            .chain(r.indicators.iter().map(|i| i.name.as_str()))
            .collect();
        d.push(Block::List(
            deviations
                .iter()
                .map(|x| {
                    let t = match x.explanation {
                        Some(e) => ta(
                            l,
                            "rpt-explanation",
                            &[
                                ("text", x.text.clone()),
                                ("explanation", format!("{} {}", e.text, e.signature(l))),
                            ],
                        ),
                        None => ta(l, "rpt-explanation-missing", &[("text", x.text.clone())]),
                    };
                    let mut f = plan_texts.clone();
                    f.extend(
                        x.explanation
                            .map(|e| e.text.as_str())
                            .filter(|t| !t.is_empty()),
                    );
                    marked(&t, &f, r.bokmal_lang())
                })
                .collect(),
        ));
    }

    // Register facts.
    d.push(heading(1, tr(l, "rpt-facts"), "fakta"));
    if r.facts.is_empty() {
        d.push(para(tr(l, "rpt-no-facts")));
    } else {
        let rows = r
            .facts
            .iter()
            .map(|f| {
                vec![
                    Cell::plain(f.section.clone()),
                    Cell::plain(f.quoted_text.clone()).in_lang(nb),
                    Cell::plain(f.quoted.clone().unwrap_or_else(|| "–".into())),
                    Cell::plain(match &f.computed {
                        Some(c) if f.synthetic => format!("{c} ({})", tr(l, "rpt-synthetic")),
                        Some(c) => c.clone(),
                        None => "–".into(),
                    }),
                ]
            })
            .collect();
        d.push(Block::Table {
            caption: tr(l, "rpt-facts-caption"),
            header: vec![
                tr(l, "rpt-col-section"),
                tr(l, "rpt-col-plan-fact"),
                tr(l, "rpt-col-plan-figure"),
                tr(l, "rpt-col-computed"),
            ],
            numeric: vec![false, false, true, true],
            rows,
        });
    }

    // The registers the plan says are missing.
    for sec in &r.registers {
        d.push(heading(1, sec.title.clone(), &sec.id));
        if sec.synthetic {
            d.push(Block::Notice(tr(l, "rpt-register-synthetic")));
        }
        d.extend(sec.paragraphs.iter().map(|p| para(p.clone())));
        for t in &sec.tables {
            d.push(Block::Table {
                caption: t.caption.clone(),
                header: t.header.clone(),
                numeric: t.numeric.clone(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| Cell::plain(c.clone())).collect())
                    .collect(),
            });
        }
    }

    // Appendix.
    d.push(heading(1, tr(l, "rpt-appendix"), "vedlegg"));
    if !r.sources.is_empty() {
        d.push(Block::Table {
            caption: tr(l, "rpt-sources"),
            header: vec![
                tr(l, "rpt-col-source"),
                tr(l, "rpt-col-publisher"),
                tr(l, "rpt-col-address"),
                tr(l, "rpt-col-fetched"),
                tr(l, "rpt-col-data"),
            ],
            numeric: vec![false, false, false, false, false],
            rows: r
                .sources
                .iter()
                .map(|s| {
                    vec![
                        // The tables' titles as their publishers give them (Norwegian).
                        Cell::plain(s.name.clone()).in_lang(r.bokmal_lang()),
                        Cell::plain(s.publisher.clone()),
                        Cell::plain(s.url.clone()),
                        Cell::plain(s.fetched.clone()),
                        Cell::plain(tr(
                            l,
                            match (s.real, s.synthetic) {
                                (true, false) => "rpt-data-real",
                                (true, true) => "rpt-data-both",
                                (false, _) => "rpt-data-demo",
                            },
                        )),
                    ]
                })
                .collect(),
        });
    }
    d.push(para(ta(
        l,
        "rpt-quoted-from",
        &[("source", p.meta.source.clone())],
    )));
    if !r.definitions.is_empty() {
        // The chapter-9 definitions' names and formulas come in bokmål and English: a nynorsk
        // report has the bokmål ones, marked.
        let lang = (l == Lang::Nn).then_some(Lang::Nb);
        d.push(Block::List(
            r.definitions
                .iter()
                .map(|(t, e)| marked(&format!("{t}: {e}"), &[t.as_str(), e.as_str()], lang))
                .collect(),
        ));
    }
    let files: Vec<String> = r
        .sources
        .iter()
        .flat_map(|s| s.files.iter().cloned())
        .collect();
    if !files.is_empty() {
        d.push(heading(2, tr(l, "rpt-files"), "filer"));
        d.push(Block::List(items(files)));
    }
    d
}

/// The actions in the summary: counts by status, the late ones by name, and the next steps
/// (actions whose end falls in the next period), as of the period's last day.
fn action_summary(d: &mut Vec<Block>, r: &ReportInput) {
    let l = r.lang;
    let end = r.period.end(r.year);
    let mut by_status: Vec<(String, usize)> = Vec::new();
    for a in &r.actions {
        match by_status.iter_mut().find(|(s, _)| *s == a.status) {
            Some((_, n)) => *n += 1,
            None => by_status.push((a.status.clone(), 1)),
        }
    }
    let counts = by_status
        .iter()
        .map(|(s, n)| format!("{s}: {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    d.push(para(format!(
        "{}{}{}.",
        ta(
            l,
            "rpt-actions-count",
            &[
                (
                    "date",
                    end.map(|e| e.to_string())
                        .unwrap_or_else(|| r.period.label_in(l, r.year)),
                ),
                ("count", r.actions.len().to_string()),
            ],
        ),
        if counts.is_empty() { "" } else { " – " },
        counts
    )));
    if let Some(p) = &r.progress {
        d.push(para(ta(
            l,
            "rpt-plan-progress",
            &[
                ("plan", fmt::number(p.plan_percent, 0)),
                ("covered", p.covered.to_string()),
                ("total", p.total.to_string()),
                ("coveredpercent", fmt::number(p.covered_percent, 0)),
            ],
        )));
    }
    if let Some(year) = r.priority_year() {
        d.push(para(priority_intro(r, year)));
        d.push(Block::List(
            r.priority_actions()
                .iter()
                .map(|a| {
                    format!(
                        "{} {} – {}, {} %{}",
                        a.id,
                        a.title,
                        a.status,
                        a.progress,
                        if a.late {
                            format!(", {}", tr(l, "rpt-late"))
                        } else {
                            String::new()
                        }
                    )
                })
                .map(|t| {
                    let titles: Vec<&str> = r.actions.iter().map(|a| a.title.as_str()).collect();
                    marked(&t, &titles, r.bokmal_lang())
                })
                .collect(),
        ));
    }
    let late: Vec<String> = r
        .actions
        .iter()
        .filter(|a| a.late)
        .map(|a| {
            format!(
                "{} {}{}",
                a.id,
                a.title,
                a.end
                    .map(|e| format!(
                        " {}",
                        ta(
                            l,
                            "rpt-late-end",
                            &[
                                ("date", e.to_string()),
                                ("progress", a.progress.to_string())
                            ]
                        )
                    ))
                    .unwrap_or_default()
            )
        })
        .collect();
    if late.is_empty() {
        d.push(para(tr(l, "rpt-none-late")));
    } else {
        d.push(para(tr(l, "rpt-late-intro")));
        let titles: Vec<&str> = r.actions.iter().map(|a| a.title.as_str()).collect();
        d.push(Block::List(
            late.iter()
                .map(|t| marked(t, &titles, r.bokmal_lang()))
                .collect(),
        ));
    }
    if let Some(end) = end {
        let next_end = end.replace_year(end.year() + 1).unwrap_or(end);
        let next_end = match r.period {
            crate::model::Period::Year => next_end,
            _ => end
                .checked_add(time::Duration::days(183))
                .unwrap_or(next_end),
        };
        let closed = [
            plan::ActionStatus::Completed.label(l),
            plan::ActionStatus::Cancelled.label(l),
        ];
        let next: Vec<String> = r
            .actions
            .iter()
            .filter(|a| a.end.is_some_and(|e| e > end && e <= next_end))
            .filter(|a| !closed.contains(&a.status))
            .map(|a| {
                format!(
                    "{} {} – {}",
                    a.id,
                    a.title,
                    ta(
                        l,
                        "rpt-end-date",
                        &[("date", a.end.map(|e| e.to_string()).unwrap_or_default())]
                    )
                )
            })
            .collect();
        if !next.is_empty() {
            d.push(para(tr(l, "rpt-next-intro")));
            let titles: Vec<&str> = r.actions.iter().map(|a| a.title.as_str()).collect();
            d.push(Block::List(
                next.iter()
                    .map(|t| marked(t, &titles, r.bokmal_lang()))
                    .collect(),
            ));
        }
    }
}

/// The sentence that introduces the priority selection of `year`, with its decision(s).
fn priority_intro(r: &ReportInput, year: i32) -> String {
    let l = r.lang;
    let mut decisions: Vec<String> = Vec::new();
    for a in r.priority_actions() {
        if let Some(p) = &a.budget.priority {
            let d = match (p.decision.as_str(), p.decided) {
                ("", None) => continue,
                (d, None) => d.to_string(),
                ("", Some(day)) => ta(l, "rpt-decided-on", &[("date", day.to_string())]),
                (d, Some(day)) => format!("{d}, {day}"),
            };
            if !decisions.contains(&d) {
                decisions.push(d);
            }
        }
    }
    if decisions.is_empty() {
        ta(l, "rpt-priority-intro-none", &[("year", year.to_string())])
    } else {
        ta(
            l,
            "rpt-priority-intro",
            &[
                ("year", year.to_string()),
                ("decisions", decisions.join("; ")),
            ],
        )
    }
}

/// An action's budget cycle in one line (only what is filled in), for the action tables.
fn budget_text(l: Lang, b: &plan::Budget) -> String {
    let mut parts = Vec::new();
    if let Some(c) = b.cost_estimate {
        parts.push(ta(
            l,
            "rpt-budget-cost",
            &[("amount", fmt::number(c as f64, 0))],
        ));
    }
    if !b.budget_years.is_empty() {
        parts.push(ta(
            l,
            "rpt-budget-years",
            &[("years", plan::years_text(&b.budget_years))],
        ));
    }
    if !b.funding_source.is_empty() {
        parts.push(ta(
            l,
            "rpt-budget-funding",
            &[("source", b.funding_source.clone())],
        ));
    }
    if !b.handlingsprogram.is_empty() {
        parts.push(ta(
            l,
            "rpt-budget-hp",
            &[("item", b.handlingsprogram.clone())],
        ));
    }
    if !b.contact.is_empty() {
        parts.push(ta(l, "rpt-budget-contact", &[("name", b.contact.clone())]));
    }
    if !b.milestones.is_empty() {
        let reached = tr(l, "rpt-milestone-reached");
        parts.push(ta(
            l,
            "rpt-budget-milestones",
            &[(
                "list",
                b.milestones
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {}{}",
                            m.date,
                            m.title,
                            if m.done {
                                format!(" ({reached})")
                            } else {
                                String::new()
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )],
        ));
    }
    parts.join("; ")
}

/// One action as a row of the action tables.
fn action_row(l: Lang, a: &crate::model::ActionView) -> Vec<Cell> {
    let budget = budget_text(l, &a.budget);
    let owner = ta(
        l,
        "rpt-owner",
        &[("title", a.title.clone()), ("owner", a.owner.clone())],
    );
    vec![
        Cell::strong(a.id.clone()),
        Cell::plain(if budget.is_empty() {
            owner
        } else {
            format!("{owner} – {budget}")
        }),
        Cell::plain(format!(
            "{}–{}",
            a.start.map(|x| x.to_string()).unwrap_or_default(),
            a.end.map(|x| x.to_string()).unwrap_or_default()
        )),
        if a.late {
            Cell::strong(format!(
                "{}, {} % – {}",
                a.status,
                a.progress,
                tr(l, "rpt-late")
            ))
        } else {
            Cell::plain(format!("{}, {} %", a.status, a.progress))
        },
        Cell::plain(a.changed.clone().unwrap_or_else(|| tr(l, "rpt-unchanged"))),
    ]
}

/// The action tables' header.
fn action_header(l: Lang) -> Vec<String> {
    vec![
        tr(l, "rpt-col-id"),
        tr(l, "rpt-col-action"),
        tr(l, "rpt-col-period"),
        tr(l, "rpt-col-status-progress"),
        tr(l, "rpt-col-changed"),
    ]
}

/// Every action, grouped by focus area (an action linked to strategies in several areas is
/// listed under each), as of the period's last day; the year's priority selection (*topp 10*)
/// first, and after the areas the plan's 5.9 tasks that no action serves.
fn action_table(d: &mut Vec<Block>, r: &ReportInput) {
    let l = r.lang;
    d.push(heading(1, tr(l, "rpt-actions"), "tiltak"));
    d.push(para(ta(
        l,
        "rpt-actions-intro",
        &[(
            "date",
            r.period
                .end(r.year)
                .map(|e| e.to_string())
                .unwrap_or_else(|| r.period.label_in(l, r.year)),
        )],
    )));
    if let Some(year) = r.priority_year() {
        d.push(para(priority_intro(r, year)));
        d.push(Block::Table {
            caption: ta(l, "rpt-priority-caption", &[("year", year.to_string())]),
            header: action_header(l),
            numeric: vec![false, false, false, false, false],
            rows: r
                .priority_actions()
                .into_iter()
                .map(|a| action_row(l, a))
                .collect(),
        });
    }
    for area in &r.plan.focus_areas {
        let ids: Vec<&str> = area.all_strategies().map(|s| s.id.as_str()).collect();
        let rows: Vec<Vec<Cell>> = r
            .actions
            .iter()
            .filter(|a| a.strategies.iter().any(|s| ids.contains(&s.as_str())))
            .map(|a| action_row(l, a))
            .collect();
        if rows.is_empty() {
            continue;
        }
        d.push(Block::Table {
            caption: ta(
                l,
                "rpt-actions-caption",
                &[("area", format!("{} {}", area.number, area.title.get(l)))],
            ),
            header: action_header(l),
            numeric: vec![false, false, false, false, false],
            rows,
        });
    }
    // The 5.9 tasks (issue 20 item 2): those no action follows up.
    let open = r.tasks_without_action();
    if r.plan.tasks().next().is_some() {
        d.push(heading(2, tr(l, "rpt-tasks-open"), "oppgaver-uten-tiltak"));
        if open.is_empty() {
            d.push(para(tr(l, "rpt-tasks-all-covered")));
        } else {
            d.push(para(ta(
                l,
                "rpt-tasks-open-intro",
                &[
                    ("open", open.len().to_string()),
                    ("total", r.plan.tasks().count().to_string()),
                ],
            )));
            d.push(Block::List(
                open.iter()
                    .map(|(id, text)| marked(&format!("{id} {text}"), &[text], r.bokmal_lang()))
                    .collect(),
            ));
        }
    }
}
