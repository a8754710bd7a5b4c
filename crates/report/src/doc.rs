//! The report as a small document tree, built once from [`ReportInput`] and rendered by each
//! backend (HTML, Markdown, typst/PDF). Keeping the content in one place means the three formats
//! cannot drift apart.

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
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Text.
    pub text: String,
    /// Bold.
    pub strong: bool,
}

impl Cell {
    fn plain(t: impl Into<String>) -> Self {
        Cell {
            text: t.into(),
            strong: false,
        }
    }
    fn strong(t: impl Into<String>) -> Self {
        Cell {
            text: t.into(),
            strong: true,
        }
    }
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
    },
    /// A paragraph.
    Para(Vec<Span>),
    /// A highlighted notice (synthetic data, deviations).
    Notice(String),
    /// A bulleted list.
    List(Vec<String>),
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

/// A written assessment: its paragraphs, then who wrote it and when.
fn push_assessment(d: &mut Vec<Block>, a: &crate::model::AssessmentView) {
    let paragraphs: Vec<&str> = a
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let last = paragraphs.len().saturating_sub(1);
    for (n, p) in paragraphs.iter().enumerate() {
        if n == last {
            d.push(para(format!("{p} {}", a.signature())));
        } else {
            d.push(para(p.to_string()));
        }
    }
}

fn para(text: impl Into<String>) -> Block {
    Block::Para(vec![Span {
        text: text.into(),
        strong: false,
    }])
}

fn heading(level: u8, text: impl Into<String>, id: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        id: id.to_string(),
    }
}

/// Builds the document.
pub fn build(r: &ReportInput) -> Vec<Block> {
    let p = &r.plan;
    let mut d = Vec::new();
    let mut front = vec![
        format!("{} kommune", p.meta.municipality_name),
        format!(
            "{} – planperiode {}–{}, vedtatt {} {}",
            p.meta.title.nb,
            p.meta.period_start,
            p.meta.period_end,
            p.meta.adopted_by.to_lowercase(),
            p.meta.adopted
        ),
        format!("Rapportperiode: {}", r.period.label(r.year)),
        format!("Data per {}", r.data_as_of),
        format!(
            "Tallgrunnlag: tall for år til og med {} (rapportens datadato er {}; et års tall publiseres tidligst året etter)",
            r.last_data_year(),
            r.data_cutoff
        ),
        match &r.state {
            ReportState::Final { date, by } => {
                format!("Endelig versjon, fastsatt {date} av {by}. Denne filen endres ikke.")
            }
            ReportState::Preview => "FORHÅNDSVISNING for saksbehandlere: upubliserte vurderinger er med og merket «utkast». Ikke endelig.".to_string(),
            ReportState::Generated => "Generert fra dataene med de publiserte vurderingene; ikke fastsatt som endelig rapport.".to_string(),
        },
    ];
    if r.has_synthetic() {
        front.push(
            "DEMONSTRASJON: Rapporten inneholder demodata (syntetiske tall fra en dokumentert generator) der offisielle tall ikke var hentet. Slike tall er merket «demo» eller «syntetisk», er ikke kommunens faktiske tall og vurderes aldri mot målene – de er en demonstrasjon av metoden, ikke et resultat."
                .to_string(),
        );
    }
    d.push(Block::Front {
        title: r.title(),
        lines: front,
    });
    d.push(Block::Toc);

    // Summary.
    d.push(heading(1, "Sammendrag", "sammendrag"));
    if let Some(a) = &r.overall {
        d.push(heading(2, "Samlet vurdering", "samlet-vurdering"));
        push_assessment(&mut d, a);
    }
    d.push(Block::Para(vec![
        Span {
            text: "Visjon: ".into(),
            strong: true,
        },
        Span {
            text: p.vision.nb.clone(),
            strong: false,
        },
    ]));
    d.push(para(format!(
        "Kommunedirektøren rapporterer årlig til kommunestyret om status for måloppnåelse og arbeidet med oppfølging av innsatsområder og strategier (planens kap. 2.5). Denne rapporten er laget automatisk fra planens data per {}.",
        r.data_as_of
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
            Cell::plain(format!("{}. {}", i.number, i.name)),
            Cell::plain(match latest {
                Some((y, v)) if y < r.year => format!(
                    "{} (data for {y}, siste tilgjengelige; {})",
                    fmt::value(v.value, i.unit),
                    v.kind.label()
                ),
                Some((y, v)) => {
                    format!("{} ({y}, {})", fmt::value(v.value, i.unit), v.kind.label())
                }
                None => "ingen reelle data".to_string(),
            }),
            Cell::plain(
                this.and_then(|y| y.ambition.map(|a| (y.year, a)))
                    .map(|(y, a)| format!("{} {} ({y})", i.ambition_op, fmt::value(a, i.unit)))
                    .unwrap_or_else(|| "–".into()),
            ),
            match this.map(|y| (y.mark, y.year)) {
                Some((Mark::NoAmbition, y)) => Cell::plain(format!("ingen ambisjon for {y}")),
                Some((m, y)) => Cell::strong(format!("{} ({y})", m.label())),
                None => Cell::plain("–"),
            },
            Cell::plain(
                i.trend
                    .as_ref()
                    .map(|t| t.status.clone())
                    .unwrap_or_else(|| "ikke beregnet".into()),
            ),
        ]);
    }
    d.push(Block::Table {
        caption: format!(
            "Indikatorene – siste verdi til og med {}, ambisjonen og vurderingen for samme år",
            r.year.min(r.last_data_year())
        ),
        header: vec![
            "Indikator".into(),
            "Siste verdi".into(),
            "Ambisjon".into(),
            "Vurdering".into(),
            "Trend".into(),
        ],
        numeric: vec![false, true, true, false, false],
        rows,
    });
    action_summary(&mut d, r);

    // Chapter-6 table.
    d.push(heading(1, "Resultater og ambisjoner", "indikatorer"));
    d.push(para(
        "Tabellen følger planens kapittel 6: for hvert år vises verdien som teller – beregnet fra reelle data der det finnes, ellers publisert tall, ellers tallet planen selv oppgir; demodata bare der ingen av disse finnes, og da uten vurdering – og ambisjonen, med vurdering. Et år uten data er merket «ingen data», aldri 0. Det er de samme tallene og vurderingene som på nettsidene.",
    ));
    let years: Vec<i32> = p.table_years().collect();
    let mut header = vec!["Indikator".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut rows = Vec::new();
    for i in &r.indicators {
        let mut row = vec![Cell::plain(format!("{}. {}", i.number, i.name))];
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
                parts.push(format!("mål {} {}", i.ambition_op, fmt::value(a, i.unit)));
            }
            // In words, with the sign beside them (never a sign alone).
            match yv.map(|v| v.mark) {
                Some(Mark::Achieved) => parts.push("✓ nådd".into()),
                Some(Mark::NotAchieved) => parts.push("✗ ikke nådd".into()),
                Some(Mark::NoData) => parts.push("ingen data".into()),
                Some(Mark::DemoNotJudged) => parts.push("ikke vurdert".into()),
                Some(Mark::NotYetPublished) => parts.push("ikke publisert ennå".into()),
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
        caption: "Resultat, mål (ambisjon) og vurdering per år: ✓ nådd, ✗ ikke nådd, ? ingen data; (demo) = demodata, som aldri vurderes".into(),
        header,
        numeric,
        rows,
    });

    for i in &r.indicators {
        d.push(heading(
            2,
            format!("{}. {}", i.number, i.name),
            &format!("ind-{}", i.id),
        ));
        d.push(Block::Chart {
            id: i.id.clone(),
            svg: chart::indicator_svg(i),
            caption: format!("Resultater og ambisjoner for «{}».", i.name),
        });
        d.push(para(format!("Mål: {} Kilde: {}.", i.rule_text, i.source)));
        d.push(para(format!("Beregning: {}", i.definition)));
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
                            o.kind.label(),
                            fmt::value(o.value, i.unit),
                            o.source
                        )
                    })
                    .collect();
                (!others.is_empty()).then(|| {
                    format!(
                        "{}: {} {} ({}); også {}",
                        y.year,
                        v.kind.label(),
                        fmt::value(v.value, i.unit),
                        v.source,
                        others.join("; ")
                    )
                })
            })
            .collect();
        if !differing.is_empty() {
            d.push(para(
                "År der kildene gir ulike tall (verdien som teller først, de andre etter):",
            ));
            d.push(Block::List(differing));
        }
        if let Some(t) = &i.trend {
            d.push(para(format!("Trend: {}. {}", t.status, t.basis)));
            if let Some(o) = &t.override_note {
                d.push(para(format!("Overstyrt av saksbehandler: {o}")));
            }
            if let Some(p) = &t.projection {
                d.push(para(p.clone()));
            }
        }
        if let Some(a) = &i.assessment {
            d.push(para("Vurdering:"));
            push_assessment(&mut d, a);
        }
    }

    // Ranking.
    d.push(heading(1, "Kommune-NM", "kommune-nm"));
    if r.rankings.is_empty() {
        d.push(para("Ingen rangering er tilgjengelig."));
    }
    for k in &r.rankings {
        let mut header = vec!["Kommune".to_string(), "Totalt".to_string()];
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
        d.push(Block::Table {
            caption: format!(
                "{} ({}{}). Kilde: {}",
                k.title,
                if k.computed { "beregnet" } else { "publisert" },
                if k.synthetic {
                    ", syntetiske inndata"
                } else {
                    ""
                },
                k.source
            ),
            header,
            numeric,
            rows,
        });
    }

    // Focus areas.
    d.push(heading(
        1,
        "Innsatsområder, strategier og tiltak",
        "innsatsomrader",
    ));
    for a in &p.focus_areas {
        d.push(heading(
            2,
            format!("{} {}", a.number, a.title.nb),
            &format!("omrade-{}", a.number),
        ));
        d.push(para(a.description.clone()));
        if let Some(v) = r.area_assessments.get(&a.number) {
            d.push(para("Vurdering:"));
            push_assessment(&mut d, v);
        }
        let mut rows = Vec::new();
        for s in a.all_strategies() {
            let linked: Vec<&crate::model::ActionView> = r
                .actions
                .iter()
                .filter(|x| x.strategies.contains(&s.id))
                .collect();
            let actions = if linked.is_empty() {
                "ingen tiltak koblet".to_string()
            } else {
                linked
                    .iter()
                    .map(|x| format!("{} {} ({}, {} %)", x.id, x.title, x.status, x.progress))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            rows.push(vec![
                Cell::strong(s.id.clone()),
                Cell::plain(s.text.clone()),
                Cell::plain(actions),
            ]);
        }
        d.push(Block::Table {
            caption: format!("Strategier i {} og tiltakene som følger dem opp", a.number),
            header: vec![
                "Id".into(),
                "Strategi".into(),
                "Tiltak (status, fremdrift)".into(),
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
                let caption = format!("Strategi {} følges med nøkkeltallet {}", s.id, m.name);
                if m.rows.is_empty() {
                    d.push(para(format!(
                        "{caption}: ingen verdi ({}).",
                        m.missing.as_deref().unwrap_or("mangler")
                    )));
                    continue;
                }
                d.push(Block::Table {
                    caption,
                    header: vec!["År".into(), "Verdi".into(), "Kilde".into()],
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
    d.push(heading(1, "Avvik", "avvik"));
    let deviations = r.deviations();
    if deviations.is_empty() {
        d.push(para("Ingen avvik registrert for perioden."));
    } else {
        d.push(para(
            "Indikatorer som ikke når ambisjonen og forsinkede tiltak, med saksbehandlers forklaring:",
        ));
        d.push(Block::List(
            deviations
                .iter()
                .map(|x| match x.explanation {
                    Some(e) => format!("{}. Forklaring: {} {}", x.text, e.text, e.signature()),
                    None => format!("{}. Forklaring mangler.", x.text),
                })
                .collect(),
        ));
    }

    // Register facts.
    d.push(heading(1, "Fakta fra registrene", "fakta"));
    if r.facts.is_empty() {
        d.push(para(
            "Ingen registertall er importert ennå; planens egne fakta (2019-tall) står i planen.",
        ));
    } else {
        let rows = r
            .facts
            .iter()
            .map(|f| {
                vec![
                    Cell::plain(f.section.clone()),
                    Cell::plain(f.quoted_text.clone()),
                    Cell::plain(f.quoted.clone().unwrap_or_else(|| "–".into())),
                    Cell::plain(match &f.computed {
                        Some(c) if f.synthetic => format!("{c} (syntetisk)"),
                        Some(c) => c.clone(),
                        None => "–".into(),
                    }),
                ]
            })
            .collect();
        d.push(Block::Table {
            caption: "Planens tall (sitert) ved siden av tall beregnet fra Enhetsregisteret".into(),
            header: vec![
                "Avsnitt".into(),
                "Fakta i planen".into(),
                "Planens tall".into(),
                "Beregnet".into(),
            ],
            numeric: vec![false, false, true, true],
            rows,
        });
    }

    // The registers the plan says are missing.
    for sec in &r.registers {
        d.push(heading(1, sec.title.clone(), &sec.id));
        if sec.synthetic {
            d.push(Block::Notice(
                "Syntetiske data: tallene i dette kapitlet er laget av eksempeldata, ikke kommunens egne.".into(),
            ));
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
    d.push(heading(1, "Vedlegg: kilder og definisjoner", "vedlegg"));
    if !r.sources.is_empty() {
        d.push(Block::Table {
            caption: "Kilder".into(),
            header: vec![
                "Kilde".into(),
                "Utgiver".into(),
                "Adresse".into(),
                "Hentet".into(),
                "Data".into(),
            ],
            numeric: vec![false, false, false, false, false],
            rows: r
                .sources
                .iter()
                .map(|s| {
                    vec![
                        Cell::plain(s.name.clone()),
                        Cell::plain(s.publisher.clone()),
                        Cell::plain(s.url.clone()),
                        Cell::plain(s.fetched.clone()),
                        Cell::plain(match (s.real, s.synthetic) {
                            (true, false) => "ekte",
                            (true, true) => "ekte og demo (syntetisk)",
                            (false, _) => "demo (syntetisk)",
                        }),
                    ]
                })
                .collect(),
        });
    }
    d.push(para(format!(
        "Planens tall er sitert fra «{}». Tall merket «beregnet» er regnet ut av naeringsplan fra kildene over.",
        p.meta.source
    )));
    if !r.definitions.is_empty() {
        d.push(Block::List(
            r.definitions
                .iter()
                .map(|(t, e)| format!("{t}: {e}"))
                .collect(),
        ));
    }
    let files: Vec<String> = r
        .sources
        .iter()
        .flat_map(|s| s.files.iter().cloned())
        .collect();
    if !files.is_empty() {
        d.push(heading(
            2,
            "Maskinlesbart vedlegg: importerte filer",
            "filer",
        ));
        d.push(Block::List(files));
    }
    d
}

/// The actions in the summary: counts by status, the late ones by name, and the next steps
/// (actions whose end falls in the next period), as of the period's last day.
fn action_summary(d: &mut Vec<Block>, r: &ReportInput) {
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
        "Tiltak per {}: {} i alt{}{}.",
        end.map(|e| e.to_string())
            .unwrap_or_else(|| r.period.label(r.year)),
        r.actions.len(),
        if counts.is_empty() { "" } else { " – " },
        counts
    )));
    if let Some(p) = &r.progress {
        d.push(para(format!(
            "Fremdrift for hele planen: {} % – strategier uten tiltak teller som 0 %, så tallet viser aldri mer fremdrift enn tiltakene dekker. {} av {} strategier har tiltak; fremdriften i disse er {} %. Samme regel som på nettsiden «Fremdrift».",
            fmt::number(p.plan_percent, 0),
            p.covered,
            p.total,
            fmt::number(p.covered_percent, 0)
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
                        if a.late { ", forsinket" } else { "" }
                    )
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
                    .map(|e| format!(" (sluttdato {e}, {} %)", a.progress))
                    .unwrap_or_default()
            )
        })
        .collect();
    if late.is_empty() {
        d.push(para("Ingen tiltak er forsinket."));
    } else {
        d.push(para("Forsinkede tiltak (sluttdatoen er passert uten at tiltaket er fullført, eller de er meldt forsinket):"));
        d.push(Block::List(late));
    }
    if let Some(end) = end {
        let next_end = end.replace_year(end.year() + 1).unwrap_or(end);
        let next_end = match r.period {
            crate::model::Period::Year => next_end,
            _ => end
                .checked_add(time::Duration::days(183))
                .unwrap_or(next_end),
        };
        let next: Vec<String> = r
            .actions
            .iter()
            .filter(|a| a.end.is_some_and(|e| e > end && e <= next_end))
            .filter(|a| !matches!(a.status.as_str(), "Fullført" | "Avlyst"))
            .map(|a| {
                format!(
                    "{} {} – sluttdato {}",
                    a.id,
                    a.title,
                    a.end.map(|e| e.to_string()).unwrap_or_default()
                )
            })
            .collect();
        if !next.is_empty() {
            d.push(para("Neste steg – tiltak med sluttdato i neste periode:"));
            d.push(Block::List(next));
        }
    }
}

/// The sentence that introduces the priority selection of `year`, with its decision(s).
fn priority_intro(r: &ReportInput, year: i32) -> String {
    let mut decisions: Vec<String> = Vec::new();
    for a in r.priority_actions() {
        if let Some(p) = &a.budget.priority {
            let d = match (p.decision.as_str(), p.decided) {
                ("", None) => continue,
                (d, None) => d.to_string(),
                ("", Some(day)) => format!("vedtatt {day}"),
                (d, Some(day)) => format!("{d}, {day}"),
            };
            if !decisions.contains(&d) {
                decisions.push(d);
            }
        }
    }
    if decisions.is_empty() {
        format!("Topp 10 for {year} – årets prioriterte tiltak (uten registrert vedtak):")
    } else {
        format!(
            "Topp 10 for {year} – årets prioriterte tiltak ({}):",
            decisions.join("; ")
        )
    }
}

/// An action's budget cycle in one line (only what is filled in), for the action tables.
fn budget_text(b: &plan::Budget) -> String {
    let mut parts = Vec::new();
    if let Some(c) = b.cost_estimate {
        parts.push(format!("kostnadsoverslag {} kr", fmt::number(c as f64, 0)));
    }
    if !b.budget_years.is_empty() {
        parts.push(format!("budsjettår {}", plan::years_text(&b.budget_years)));
    }
    if !b.funding_source.is_empty() {
        parts.push(format!("finansiering: {}", b.funding_source));
    }
    if !b.handlingsprogram.is_empty() {
        parts.push(format!("handlingsprogram: {}", b.handlingsprogram));
    }
    if !b.contact.is_empty() {
        parts.push(format!("kontakt: {}", b.contact));
    }
    if !b.milestones.is_empty() {
        parts.push(format!(
            "milepæler: {}",
            b.milestones
                .iter()
                .map(|m| format!(
                    "{} {}{}",
                    m.date,
                    m.title,
                    if m.done { " (nådd)" } else { "" }
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    parts.join("; ")
}

/// One action as a row of the action tables.
fn action_row(a: &crate::model::ActionView) -> Vec<Cell> {
    let budget = budget_text(&a.budget);
    vec![
        Cell::strong(a.id.clone()),
        Cell::plain(format!(
            "{} (ansvarlig: {}){}",
            a.title,
            a.owner,
            if budget.is_empty() {
                String::new()
            } else {
                format!(" – {budget}")
            }
        )),
        Cell::plain(format!(
            "{}–{}",
            a.start.map(|x| x.to_string()).unwrap_or_default(),
            a.end.map(|x| x.to_string()).unwrap_or_default()
        )),
        if a.late {
            Cell::strong(format!("{}, {} % – forsinket", a.status, a.progress))
        } else {
            Cell::plain(format!("{}, {} %", a.status, a.progress))
        },
        Cell::plain(a.changed.clone().unwrap_or_else(|| "uendret".into())),
    ]
}

/// The action tables' header.
fn action_header() -> Vec<String> {
    vec![
        "Id".into(),
        "Tiltak".into(),
        "Periode".into(),
        "Status og fremdrift".into(),
        "Endret siden forrige rapport".into(),
    ]
}

/// Every action, grouped by focus area (an action linked to strategies in several areas is
/// listed under each), as of the period's last day; the year's priority selection (*topp 10*)
/// first, and after the areas the plan's 5.9 tasks that no action serves.
fn action_table(d: &mut Vec<Block>, r: &ReportInput) {
    d.push(heading(1, "Tiltakene", "tiltak"));
    d.push(para(format!(
        "Status, fremdrift og frister slik de var ved periodens slutt ({}), rekonstruert fra tiltakenes endringslogg; endringer gjort senere er ikke med. «Endret» sammenligner med forrige rapport.",
        r.period
            .end(r.year)
            .map(|e| e.to_string())
            .unwrap_or_else(|| r.period.label(r.year))
    )));
    if let Some(year) = r.priority_year() {
        d.push(para(priority_intro(r, year)));
        d.push(Block::Table {
            caption: format!("Topp 10 for {year}"),
            header: action_header(),
            numeric: vec![false, false, false, false, false],
            rows: r.priority_actions().into_iter().map(action_row).collect(),
        });
    }
    for area in &r.plan.focus_areas {
        let ids: Vec<&str> = area.all_strategies().map(|s| s.id.as_str()).collect();
        let rows: Vec<Vec<Cell>> = r
            .actions
            .iter()
            .filter(|a| a.strategies.iter().any(|s| ids.contains(&s.as_str())))
            .map(action_row)
            .collect();
        if rows.is_empty() {
            continue;
        }
        d.push(Block::Table {
            caption: format!("Tiltak i {} {}", area.number, area.title.nb),
            header: action_header(),
            numeric: vec![false, false, false, false, false],
            rows,
        });
    }
    // The 5.9 tasks (issue 20 item 2): those no action follows up.
    let open = r.tasks_without_action();
    if r.plan.tasks().next().is_some() {
        d.push(heading(
            2,
            "Oppgaver i 5.9 uten tiltak",
            "oppgaver-uten-tiltak",
        ));
        if open.is_empty() {
            d.push(para(
                "Alle de viktige næringsfaglige arbeidsoppgavene i 5.9 har minst ett tiltak.",
            ));
        } else {
            d.push(para(format!(
                "{} av {} viktige næringsfaglige arbeidsoppgaver i 5.9 har ennå ikke noe tiltak:",
                open.len(),
                r.plan.tasks().count()
            )));
            d.push(Block::List(
                open.iter()
                    .map(|(id, text)| format!("{id} {text}"))
                    .collect(),
            ));
        }
    }
}
