//! The report's input: a plain view of everything the report shows, assembled by the caller from
//! the store and the engine. The renderers only format; they compute nothing, so the HTML, the
//! Markdown and the PDF always say the same thing.

use i18n::{Lang, Value, tr, tr_args};
use plan::{Plan, Unit};
use serde::Serialize;

/// Which part of the year the report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// The whole year (the annual report to the council).
    Year,
    /// First half-year (political follow-up).
    H1,
    /// Second half-year.
    H2,
}

impl Period {
    /// Label as shown in a bokmål report, e.g. `2024`, `1. halvår 2024`.
    pub fn label(self, year: i32) -> String {
        self.label_in(Lang::Nb, year)
    }

    /// Label in `lang`, e.g. `2024`, `1. halvår 2024`, `first half of 2024`.
    pub fn label_in(self, lang: Lang, year: i32) -> String {
        let key = match self {
            Period::Year => return format!("{year}"),
            Period::H1 => "rpt-period-h1",
            Period::H2 => "rpt-period-h2",
        };
        tr_args(lang, key, &[("year", Value::from(year.to_string()))])
    }

    /// The period's code in the store, URLs and forms: `year`, `H1` or `H2`.
    pub fn code(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::H1 => "H1",
            Period::H2 => "H2",
        }
    }

    /// Parses a period code (`year`, `aar`, `år`, `H1`/`h1`, `H2`/`h2`).
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "year" | "aar" | "år" => Some(Period::Year),
            "H1" | "h1" => Some(Period::H1),
            "H2" | "h2" => Some(Period::H2),
            _ => None,
        }
    }

    /// Last day covered.
    pub fn end(self, year: i32) -> Option<time::Date> {
        let (m, d) = match self {
            Period::H1 => (time::Month::June, 30),
            Period::Year | Period::H2 => (time::Month::December, 31),
        };
        time::Date::from_calendar_date(year, m, d).ok()
    }
}

/// How a year of an indicator was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// The year's result meets the ambition.
    Achieved,
    /// It does not.
    NotAchieved,
    /// There is an ambition but no result.
    NoData,
    /// No ambition for that year.
    NoAmbition,
    /// The value rests on demo (synthetic) data: shown, never judged.
    DemoNotJudged,
    /// The year had not ended by the report's data date, so its figures could not have been
    /// published: left out of the report (see [`ReportInput::data_cutoff`]).
    NotYetPublished,
}

impl Mark {
    /// Symbol and word shown in tables (text, not colour only), in `lang`.
    pub fn label(self, lang: Lang) -> String {
        let key = match self {
            Mark::Achieved => "rpt-mark-achieved",
            Mark::NotAchieved => "rpt-mark-not-achieved",
            Mark::NoData => "rpt-mark-no-data",
            Mark::NoAmbition => return String::new(),
            Mark::DemoNotJudged => "rpt-mark-demo",
            Mark::NotYetPublished => "rpt-mark-not-published",
        };
        tr(lang, key)
    }
}

/// Which kind of source a value has (the engine's one rule, carried over).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Quoted in the plan.
    PlanQuote,
    /// Published by its publisher (e.g. NHO).
    Published,
    /// Computed from real data.
    Computed,
    /// Demo (synthetic) data: never judged.
    Demo,
}

impl SourceKind {
    /// Every kind, in legend order.
    pub const ALL: [SourceKind; 4] = [
        SourceKind::PlanQuote,
        SourceKind::Published,
        SourceKind::Computed,
        SourceKind::Demo,
    ];

    /// Label in tables and chart descriptions, in `lang`.
    pub fn label(self, lang: Lang) -> String {
        tr(
            lang,
            match self {
                SourceKind::PlanQuote => "rpt-source-plan-quote",
                SourceKind::Published => "rpt-source-published",
                SourceKind::Computed => "rpt-source-computed",
                SourceKind::Demo => "rpt-source-demo",
            },
        )
    }
}

/// A result value and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueView {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Which kind of source.
    pub kind: SourceKind,
    /// The source in detail, e.g. `Beregnet fra SSB 03321` or the plan's section.
    pub source: String,
}

impl ValueView {
    /// Whether the value rests on demo (synthetic) data.
    pub fn synthetic(&self) -> bool {
        self.kind == SourceKind::Demo
    }
}

/// One year of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// The value that counts (the same on the dashboard, in the API and the CLI), if any.
    pub value: Option<ValueView>,
    /// The year's other values (other sources), shown beside it.
    pub also: Vec<ValueView>,
    /// The ambition that year, if any.
    pub ambition: Option<f64>,
    /// The judgement.
    pub mark: Mark,
}

impl YearView {
    /// The value that counts.
    pub fn shown(&self) -> Option<&ValueView> {
        self.value.as_ref()
    }

    /// Every value of the year, the one that counts first.
    pub fn all_values(&self) -> impl Iterator<Item = &ValueView> {
        self.value.iter().chain(self.also.iter())
    }
}

/// An indicator with its years, trend and explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorView {
    /// Stable id.
    pub id: String,
    /// Position in the plan.
    pub number: u32,
    /// Name (Norwegian).
    pub name: String,
    /// Unit.
    pub unit: Unit,
    /// The rule in words.
    pub rule_text: String,
    /// Comparison symbol of the ambitions (≤, ≥ …).
    pub ambition_op: String,
    /// Data source (e.g. SSB, NHO).
    pub source: String,
    /// One entry per year of the plan's table.
    pub years: Vec<YearView>,
    /// Trend status (Open SDG method), if computed: label and the figures it rests on.
    pub trend: Option<TrendView>,
    /// How the value is computed, in words.
    pub definition: String,
    /// Staff's written assessment for the report period (it explains a deviation), if any.
    pub assessment: Option<AssessmentView>,
}

/// A staff member's written assessment, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentView {
    /// The text.
    pub text: String,
    /// Who wrote it (display name).
    pub by: String,
    /// When (local date, `YYYY-MM-DD`).
    pub date: String,
    /// Not published yet (shown only in the staff's preview, marked as a draft).
    pub draft: bool,
}

impl AssessmentView {
    /// The signature after the text, e.g. `(Kari Nordmann, 2025-02-03)` or with `utkast` (in
    /// `lang`).
    pub fn signature(&self, lang: Lang) -> String {
        if self.draft {
            tr_args(
                lang,
                "rpt-draft-signature",
                &[
                    ("by", Value::from(self.by.as_str())),
                    ("date", Value::from(self.date.as_str())),
                ],
            )
        } else {
            format!("({}, {})", self.by, self.date)
        }
    }
}

/// The plan's progress rolled up from the actions (the same rule as the dashboard): strategies
/// without actions count as 0 %, and the coverage is stated beside it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProgressView {
    /// Mean over all the plan's strategies, those without actions as 0 %.
    pub plan_percent: f64,
    /// Mean over the strategies with actions only.
    pub covered_percent: f64,
    /// Strategies with actions.
    pub covered: usize,
    /// All strategies.
    pub total: usize,
}

/// Which version of the report this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ReportState {
    /// Generated from the current data with the published assessments; not marked final.
    Generated,
    /// The staff's preview: drafts (unpublished assessments) included and marked.
    Preview,
    /// The final report, frozen when it was marked final.
    Final {
        /// When it was marked final (local date).
        date: String,
        /// By whom (display name).
        by: String,
    },
}

/// A deviation the report lists: an indicator whose latest judged year (up to the report year,
/// with the figures known by the data date) does not reach its ambition, or a late action. Each needs a written explanation before the report can be final.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deviation<'a> {
    /// `indicator` or `action`.
    pub kind: &'static str,
    /// The indicator's or action's id.
    pub id: &'a str,
    /// The deviation in words.
    pub text: String,
    /// The explanation, if written.
    pub explanation: Option<&'a AssessmentView>,
}

/// Trend status with its inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendView {
    /// Status in words, e.g. `Moderat fremgang`.
    pub status: String,
    /// The figures it rests on, in words.
    pub basis: String,
    /// A staff override and its justification, shown beside the computed status.
    pub override_note: Option<String>,
    /// The projection to the plan's last year, in one paragraph (the same words as on the
    /// indicator page and in the CLI).
    pub projection: Option<String>,
}

/// An action with its current state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Linked strategy ids.
    pub strategies: Vec<String>,
    /// Owner.
    pub owner: String,
    /// Status label (Norwegian).
    pub status: String,
    /// Progress 0–100.
    pub progress: u8,
    /// Planned start, if any.
    pub start: Option<time::Date>,
    /// Planned end, if any.
    pub end: Option<time::Date>,
    /// Latest staff comment.
    pub comment: String,
    /// Late: past its end date without being completed, or marked delayed.
    pub late: bool,
    /// What changed since the previous report (`None`: nothing shown changed).
    pub changed: Option<String>,
    /// The day of its last change up to the period's end (Norwegian date, `YYYY-MM-DD`).
    pub last_change: Option<String>,
    /// Staff's written explanation for the report period (needed when it is late), if any.
    pub explanation: Option<AssessmentView>,
    /// Its budget cycle (cost, funding, contact, milestones, topp-10 selection) as of the
    /// period's end.
    #[serde(default)]
    pub budget: plan::Budget,
    /// The plan's 5.9 tasks it serves (`5.9.2-o1`).
    #[serde(default)]
    pub tasks: Vec<String>,
}

/// A plain table of text cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextTable {
    /// Caption.
    pub caption: String,
    /// Header cells.
    pub header: Vec<String>,
    /// Which columns are numeric (right-aligned).
    pub numeric: Vec<bool>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// A section on one of the registers the plan says are missing (commercial land, local
/// procurement, company visits): paragraphs, then tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterSection {
    /// Heading.
    pub title: String,
    /// Anchor id.
    pub id: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Tables.
    pub tables: Vec<TextTable>,
    /// Built from synthetic data.
    pub synthetic: bool,
}

/// A fact computed from a register or statistics, beside the plan's quoted figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactView {
    /// Plan section.
    pub section: String,
    /// The fact as quoted in the plan.
    pub quoted_text: String,
    /// The quoted value with its year, formatted.
    pub quoted: Option<String>,
    /// The computed value, formatted, with its date.
    pub computed: Option<String>,
    /// Whether the computed value is synthetic.
    pub synthetic: bool,
}

/// A key figure that monitors a strategy, year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyIndicatorView {
    /// The strategy's id, e.g. `5.7-s8`.
    pub strategy_id: String,
    /// The key figure's name.
    pub name: String,
    /// One row per year with a value: year, value formatted, source, whether it rests on
    /// synthetic (demo) data.
    pub rows: Vec<(i32, String, String, bool)>,
    /// Why there is no value at all.
    pub missing: Option<String>,
}

/// A ranking position (computed or published) with sub-ranks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankRow {
    /// Municipality name.
    pub name: String,
    /// Total rank.
    pub total: u32,
    /// Sub-ranks in the order of [`RankingView::groups`].
    pub groups: Vec<Option<u32>>,
    /// Whether this is the plan's own municipality.
    pub own: bool,
}

/// A ranking table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankingView {
    /// Title, e.g. `NHOs Kommune-NM 2020 (tall fra 2019), publisert`.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// Group names.
    pub groups: Vec<String>,
    /// Rows.
    pub rows: Vec<RankRow>,
    /// Whether it is computed (vs published).
    pub computed: bool,
    /// Whether its inputs are synthetic.
    pub synthetic: bool,
}

/// One source in the appendix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceView {
    /// The table in words, e.g. `Befolkning (SSB tabell 07459)`.
    pub name: String,
    /// Who publishes it, e.g. `Statistisk sentralbyrå (SSB)`.
    pub publisher: String,
    /// Where it is published (the table's page).
    pub url: String,
    /// Release / update, newest.
    pub release: String,
    /// When it was last fetched or imported.
    pub fetched: String,
    /// Some of its data are synthetic (demo).
    pub synthetic: bool,
    /// Some of its data are real.
    pub real: bool,
    /// The files imported (for the machine-readable appendix only).
    pub files: Vec<String>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportInput {
    /// The plan.
    pub plan: Plan,
    /// The report's language: its fixed texts, labels and the texts assembled for it (the
    /// plan's own texts stay as written, in bokmål unless translated, and are marked so).
    pub lang: Lang,
    /// Report year.
    pub year: i32,
    /// Period.
    pub period: Period,
    /// "Data as of": the latest change in the store (never the wall clock, so the output is
    /// deterministic).
    pub data_as_of: String,
    /// The report's data date: figures for a year that had not ended by this day are left out
    /// (a year's statistics are published in the following year at the earliest). The period's
    /// last day unless asked otherwise (`--data-as-of`).
    pub data_cutoff: time::Date,
    /// Which version this is (generated, preview, final).
    pub state: ReportState,
    /// Staff's overall assessment, shown on top of the summary.
    pub overall: Option<AssessmentView>,
    /// The plan's progress at the period's end, by the dashboard's rule (`/fremdrift`).
    pub progress: Option<ProgressView>,
    /// Staff's assessment per focus area, by the area's number.
    pub area_assessments: std::collections::BTreeMap<String, AssessmentView>,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// Actions.
    pub actions: Vec<ActionView>,
    /// Rankings (computed and published).
    pub rankings: Vec<RankingView>,
    /// Register facts beside the plan's quoted figures.
    pub facts: Vec<FactView>,
    /// The key figures that monitor strategies (`monitor` in the plan file), shown in their
    /// focus area's section.
    pub strategy_indicators: Vec<StrategyIndicatorView>,
    /// Commercial land, local procurement and company visits (one section each).
    pub registers: Vec<RegisterSection>,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// Definitions (term, explanation).
    pub definitions: Vec<(String, String)>,
}

impl ReportInput {
    /// The year of the priority selection (*topp 10*) the report shows: the newest not after
    /// the report's year ([`plan::priority_year`]).
    pub fn priority_year(&self) -> Option<i32> {
        plan::priority_year(
            self.actions.iter().map(|a| a.budget.priority.as_ref()),
            Some(self.year),
        )
    }

    /// The actions of the report's priority selection, in the report's order.
    pub fn priority_actions(&self) -> Vec<&ActionView> {
        match self.priority_year() {
            None => Vec::new(),
            Some(y) => self
                .actions
                .iter()
                .filter(|a| a.budget.priority.as_ref().is_some_and(|p| p.year == y))
                .collect(),
        }
    }

    /// The plan's 5.9 tasks no action in the report serves: (id, text).
    pub fn tasks_without_action(&self) -> Vec<(&str, &str)> {
        self.plan
            .tasks()
            .filter(|t| !self.actions.iter().any(|a| a.tasks.contains(&t.id)))
            .map(|t| (t.id.as_str(), t.text.as_str()))
            .collect()
    }

    /// Whether anything shown is synthetic (the report then says so on its front page).
    pub fn has_synthetic(&self) -> bool {
        self.indicators
            .iter()
            .flat_map(|i| i.years.iter())
            .flat_map(|y| y.all_values())
            .any(|v| v.synthetic())
            || self.rankings.iter().any(|r| r.synthetic)
            || self.facts.iter().any(|f| f.synthetic)
            || self
                .strategy_indicators
                .iter()
                .any(|s| s.rows.iter().any(|r| r.3))
            || self.registers.iter().any(|r| r.synthetic)
            || self.sources.iter().any(|s| s.synthetic)
    }

    /// The report's title, e.g. `Status for måloppnåelse 2024 – Temaplan næring 2021–2024`.
    pub fn title(&self) -> String {
        tr_args(
            self.lang,
            "rpt-title",
            &[
                (
                    "period",
                    Value::from(self.period.label_in(self.lang, self.year)),
                ),
                ("plan", Value::from(self.plan.meta.title.get(self.lang))),
            ],
        )
    }

    /// The language the plan's own texts appear in within this report (they are written in
    /// bokmål, some with an English translation): `None` when it is the report's language, else
    /// the language to mark them with.
    pub fn content_lang(&self, text: &plan::LocalText) -> Option<Lang> {
        let l = text.lang_of(self.lang);
        (l != self.lang).then_some(l)
    }

    /// As [`Self::content_lang`] for a plan text with no translation (strategy texts, action
    /// titles, staff's assessments): bokmål.
    pub fn bokmal_lang(&self) -> Option<Lang> {
        (self.lang != Lang::Nb).then_some(Lang::Nb)
    }

    /// The last year whose figures the report may use: the year before the data date's year.
    pub fn last_data_year(&self) -> i32 {
        self.data_cutoff.year() - 1
    }

    /// The deviations: indicators whose latest judged year does not reach the ambition, then late
    /// actions, each with its explanation if written.
    pub fn deviations(&self) -> Vec<Deviation<'_>> {
        let mut out: Vec<Deviation<'_>> = self
            .off_track()
            .into_iter()
            .map(|i| Deviation {
                kind: "indicator",
                id: &i.id,
                text: {
                    let mut t = tr_args(
                        self.lang,
                        "rpt-deviation-indicator",
                        &[
                            ("number", Value::from(i.number.to_string())),
                            ("name", Value::from(i.name.as_str())),
                            (
                                "year",
                                Value::from(
                                    self.judged_year(i)
                                        .map_or(self.year, |y| y.year)
                                        .to_string(),
                                ),
                            ),
                        ],
                    );
                    if self.judged_year(i).is_some_and(|y| y.year < self.year) {
                        t.push(' ');
                        t.push_str(&tr(self.lang, "rpt-latest-available"));
                    }
                    t
                },
                explanation: i.assessment.as_ref(),
            })
            .collect();
        out.extend(self.actions.iter().filter(|a| a.late).map(|a| Deviation {
            kind: "action",
            id: &a.id,
            text: {
                let mut t = tr_args(
                    self.lang,
                    "rpt-deviation-action",
                    &[
                        ("id", Value::from(a.id.as_str())),
                        ("title", Value::from(a.title.as_str())),
                        ("status", Value::from(a.status.as_str())),
                        ("progress", Value::from(a.progress.to_string())),
                    ],
                );
                if let Some(e) = a.end {
                    t.push_str(", ");
                    t.push_str(&tr_args(
                        self.lang,
                        "rpt-end-date",
                        &[("date", Value::from(e.to_string()))],
                    ));
                }
                if !a.comment.is_empty() {
                    t.push(' ');
                    t.push_str(&tr_args(
                        self.lang,
                        "rpt-action-comment",
                        &[("comment", Value::from(a.comment.trim_end_matches('.')))],
                    ));
                }
                t
            },
            explanation: a.explanation.as_ref(),
        }));
        out
    }

    /// The latest year up to the report year whose value was judged (reached or not), with the
    /// figures the report may use: what the report judges the indicator by.
    pub fn judged_year<'a>(&self, i: &'a IndicatorView) -> Option<&'a YearView> {
        i.years
            .iter()
            .rev()
            .filter(|y| y.year <= self.year)
            .find(|y| matches!(y.mark, Mark::Achieved | Mark::NotAchieved))
    }

    /// Indicators off track: the latest judged year (see [`Self::judged_year`]) does not reach
    /// the ambition.
    pub fn off_track(&self) -> Vec<&IndicatorView> {
        self.indicators
            .iter()
            .filter(|i| {
                self.judged_year(i)
                    .is_some_and(|y| y.mark == Mark::NotAchieved)
            })
            .collect()
    }
}
