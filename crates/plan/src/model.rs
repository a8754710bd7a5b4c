//! The plan model: plain data, no I/O.
//!
//! A municipal business-development plan (*temaplan næring*) as typed values. Every type here is
//! serialisable so that the plan file, the JSON export and the store all share one shape. Norwegian
//! bokmål is the primary language of every user-facing text; English is optional beside it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A calendar year, as used for results and ambitions.
pub type Year = i32;

/// A text in Norwegian bokmål, with an optional English translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LocalText {
    /// Norwegian bokmål (always present; the plan's own language).
    pub nb: String,
    /// English translation, where one has been written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalText {
    /// The text in the requested language, falling back to Norwegian.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb | Lang::Nn => &self.nb,
            Lang::En => self.en.as_deref().unwrap_or(&self.nb),
        }
    }

    /// The language [`LocalText::get`] gives for `lang`: the plan's texts are written in bokmål,
    /// with English beside them where translated, so a nynorsk page shows them in bokmål (and
    /// marks them `lang="nb"`).
    pub fn lang_of(&self, lang: Lang) -> Lang {
        match lang {
            Lang::En if self.en.is_some() => Lang::En,
            _ => Lang::Nb,
        }
    }
}

/// The languages the product shows (defined with the translations, in `i18n`).
pub use i18n::Lang;

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Who adopted what and when.
    pub meta: PlanMeta,
    /// The main vision (*hovedvisjon*).
    pub vision: LocalText,
    /// The sustainability goals (*satsningsområder*) of the municipal master plan.
    pub goals: Vec<Goal>,
    /// The plan's indicators (*næringspolitiske indikatorer*).
    pub indicators: Vec<Indicator>,
    /// The focus areas (*innsatsområder*), numbered as in the plan document.
    pub focus_areas: Vec<FocusArea>,
    /// Premises outside the plan (5.9: transport, land use), with task lists but no strategies.
    pub premises: Vec<Premise>,
    /// Published rankings quoted by the plan (e.g. NHO Kommune-NM), kept as imported figures.
    pub published_rankings: Vec<PublishedRanking>,
    /// The action plan (*tiltaksplan*). In the store these become mutable with a history.
    pub actions: Vec<Action>,
    /// The follow-up history the plan file records for its actions (`[[actions.history]]`), by
    /// action id: dated states, oldest first, the last equal to the action's own status and
    /// progress. Seeding writes them into the store's action history under their dates, so a
    /// report for an earlier period shows the actions as they stood then.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub action_history: std::collections::BTreeMap<String, Vec<ActionSnapshot>>,
    /// The figures the plan quotes in its status chapter (Asker's chapter 3, *Asker i tall*),
    /// each to stand beside the same key figure computed from the statistics. (Absent in plans
    /// stored before it existed: none.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_figures: Vec<KeyFigureQuote>,
    /// The parts of the municipality the plan speaks of (`[[districts]]` in the plan file; for
    /// Asker *Asker nord*, *Asker sentrum* and *Asker syd*), each defined by postal codes and
    /// former municipalities, so that register facts, land sites and company visits can be
    /// counted per district. (Absent in plans stored before it existed: none.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<District>,
}

/// A part of the municipality (`[[districts]]` in the plan file), e.g. *Asker syd*.
///
/// A register unit is in the district whose `postal_codes` hold its address's postal code; a
/// unit whose postal code no district lists (or that has none) is in the district whose
/// `former_municipalities` hold the municipality code it is registered under in the snapshot
/// (a snapshot from before a merger says 0627 for Røyken); any other unit is outside every
/// district and is counted apart. A land site or a company visit is in the district whose name,
/// id or `places` match its place or area (case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// Stable id, e.g. `asker-syd`.
    pub id: String,
    /// The district's name as the plan writes it.
    pub name: LocalText,
    /// Four-digit postal codes (*postnummer*) of business and location addresses in the district.
    #[serde(default)]
    pub postal_codes: Vec<String>,
    /// Four-digit numbers of former municipalities whose units fall in the district when their
    /// postal code is in no district (e.g. `0627` Røyken and `0628` Hurum for Asker syd).
    #[serde(default)]
    pub former_municipalities: Vec<String>,
    /// Place names in the district (*stedsnavn*, e.g. `Tofte`): how land sites and company visits
    /// are placed.
    #[serde(default)]
    pub places: Vec<String>,
    /// Where the definition comes from, in words (shown beside the district table).
    #[serde(default)]
    pub source: String,
}

impl District {
    /// Whether a place or area name (a land site's place, a visit's area) is in this district:
    /// the district's id, name or one of its places, ignoring case and surrounding space.
    pub fn has_place(&self, name: &str) -> bool {
        let n = name.trim().to_lowercase();
        !n.is_empty()
            && (self.id.to_lowercase() == n
                || self.name.nb.to_lowercase() == n
                || self
                    .name
                    .en
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase() == n)
                || self.places.iter().any(|p| p.to_lowercase() == n))
    }
}

impl Plan {
    /// The district a place or area name belongs to ([`District::has_place`]), if any.
    pub fn district_of_place(&self, name: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.has_place(name))
    }

    /// The district of a register unit: by its postal code first, then by the municipality code
    /// it is registered under ([`District`] explains the rule). `None`: outside every district.
    pub fn district_of_unit(
        &self,
        postal_code: Option<&str>,
        municipality: &str,
    ) -> Option<&District> {
        postal_code
            .and_then(|pc| {
                self.districts
                    .iter()
                    .find(|d| d.postal_codes.iter().any(|c| c == pc))
            })
            .or_else(|| {
                self.districts
                    .iter()
                    .find(|d| d.former_municipalities.iter().any(|c| c == municipality))
            })
    }
}

/// A figure the plan quotes about the municipality as it was (`[[key_figures]]` in the plan
/// file), e.g. *egendekningen av arbeidsplasser er på 77 %*.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigureQuote {
    /// The key figure it quotes: an id of `app::key_figures` (`egendekning`,
    /// `sysselsettingsgrad`, `kortreist`, …). An id no release knows is shown as such, never
    /// matched to another figure.
    pub figure: String,
    /// The number quoted, in the key figure's unit (percent as the percent number: 77 = 77 %).
    pub value: f64,
    /// The year the figure describes.
    pub year: Year,
    /// The plan's sentence, verbatim.
    pub text: String,
    /// Where in the plan it stands, e.g. `Temaplan næring, kap. 3.1`.
    pub source: String,
}

impl Plan {
    /// The plan's quote of key figure `figure`, if it quotes one.
    pub fn key_figure_quote(&self, figure: &str) -> Option<&KeyFigureQuote> {
        self.key_figures.iter().find(|q| q.figure == figure)
    }
}

/// One dated state of an action: from `date` on, it had this status, progress and comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSnapshot {
    /// The day the state was reported.
    pub date: time::Date,
    /// Status from that day.
    pub status: ActionStatus,
    /// Progress 0–100 from that day.
    pub progress: u8,
    /// The follow-up comment of that day, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Plan metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanMeta {
    /// Four-digit municipality number at the plan's current geography, e.g. `3203`.
    pub municipality_code: String,
    /// Municipality name, e.g. `Asker`.
    pub municipality_name: String,
    /// Earlier municipality numbers the plan's series should follow (e.g. `3025` for Asker 2020–2023).
    pub previous_codes: Vec<String>,
    /// County number at the plan's current geography (e.g. `32` Akershus from 2024).
    pub county_code: Option<String>,
    /// The municipalities the plan compares itself with (codes on current borders), in the
    /// plan's order: Asker names its neighbours and the peers of its Kommune-NM table. (Absent
    /// in plans stored before it existed: none.)
    #[serde(default)]
    pub peers: Vec<String>,
    /// The municipality's written standard (*målform*): the language its pages show when the
    /// reader has not chosen one (`language = "nn"` in the plan file; default bokmål). (Absent in
    /// plans stored before it existed: bokmål.)
    #[serde(default)]
    pub language: Lang,
    /// Plan title, e.g. *Temaplan næring*.
    pub title: LocalText,
    /// First year of the plan period.
    pub period_start: Year,
    /// Last year of the plan period.
    pub period_end: Year,
    /// First year any indicator may carry a value for (results may predate the period).
    pub first_data_year: Year,
    /// Date of adoption, ISO 8601.
    pub adopted: time::Date,
    /// Body that adopted it, e.g. *Kommunestyret*.
    pub adopted_by: String,
    /// Amendments made by the adopting body.
    pub amendments: Vec<Amendment>,
    /// Where the plan text comes from (document name, URL).
    pub source: String,
}

/// One amendment in the adoption decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    /// Number in the decision.
    pub number: u32,
    /// Plan section it changes, e.g. `5.3`.
    pub section: String,
    /// Verbatim text of the amendment.
    pub text: String,
}

/// A sustainability goal with its UN SDG numbers and sub-goals (*delmål*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// Stable id, e.g. `g1`.
    pub id: String,
    /// Name of the goal.
    pub name: LocalText,
    /// UN Sustainable Development Goal numbers (1–17).
    pub sdgs: Vec<u8>,
    /// Sub-goals, verbatim.
    pub sub_goals: Vec<String>,
}

/// Unit of an indicator's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A rank: 1 is best.
    Rank,
    /// A percentage, stored as the percent number (41.9 means 41,9 %).
    Percent,
    /// A plain ratio (0.5 means one half).
    Ratio,
    /// Area in dekar (1 000 m²).
    Dekar,
    /// A count of things (jobs, enterprises, people).
    Count,
    /// Norwegian kroner.
    Nok,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (a share, a count of jobs).
    HigherIsBetter,
    /// Less is better (a rank, farmland lost).
    LowerIsBetter,
}

/// A comparison operator in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// value < target
    #[serde(rename = "<")]
    Lt,
    /// value ≤ target
    #[serde(rename = "<=")]
    Le,
    /// value > target
    #[serde(rename = ">")]
    Gt,
    /// value ≥ target
    #[serde(rename = ">=")]
    Ge,
}

impl Op {
    /// Whether `value op target` holds.
    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Op::Lt => value < target,
            Op::Le => value <= target,
            Op::Gt => value > target,
            Op::Ge => value >= target,
        }
    }

    /// The operator as the symbol people write.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }
}

/// An indicator's headline rule, e.g. "rank ≤ 10" or "higher than the year before".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// `value op target`, e.g. rank ≤ 10, ratio ≥ 50 %.
    Threshold {
        /// The comparison.
        op: Op,
        /// The target value, in the indicator's unit.
        target: f64,
    },
    /// The value must be higher than the previous year's.
    IncreaseFromPreviousYear,
    /// The value must be lower than the previous year's.
    DecreaseFromPreviousYear,
}

/// How an indicator's value is obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Computation {
    /// A figure published by someone else and imported as such (e.g. NHO's Kommune-NM ranks).
    Published {
        /// Who publishes it.
        publisher: String,
    },
    /// Computed by a named definition of the indicator engine over stored statistics.
    Definition {
        /// Definition id known to the engine, e.g. `job_growth_vs_population`.
        definition: String,
    },
}

/// A quoted or imported value for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotedValue {
    /// The value in the indicator's unit.
    pub value: f64,
    /// Where this figure was quoted from (e.g. "Temaplan næring, kap. 6").
    pub source: String,
}

/// A plan indicator. Results (what happened) and ambitions (what the plan aims for) are kept apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, e.g. `kommune-nm-total`.
    pub id: String,
    /// Position in the plan's indicator list (1-based).
    pub number: u32,
    /// Name of the indicator, as worded in the plan.
    pub name: LocalText,
    /// Who the data comes from, e.g. `NHO`, `SSB`.
    pub source: String,
    /// Unit of results and ambitions.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// The headline rule, e.g. rank ≤ 10.
    pub rule: Rule,
    /// The headline rule worded as in the plan.
    pub rule_text: LocalText,
    /// The comparison used to judge a year's result against that year's ambition.
    pub ambition_op: Op,
    /// How the value is obtained.
    pub computation: Computation,
    /// Results quoted by the plan, by year.
    pub results: BTreeMap<Year, QuotedValue>,
    /// Ambitions (targets) by year, in the indicator's unit.
    pub ambitions: BTreeMap<Year, f64>,
    /// Goals this indicator follows up.
    pub goals: Vec<String>,
}

/// A fact (*Fakta*) box entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id, e.g. `5.1.1-f1`.
    pub id: String,
    /// The fact's text, verbatim from the plan.
    pub text: String,
    /// The number stated, where there is one.
    pub value: Option<f64>,
    /// Unit of `value`, free text (e.g. `sysselsatte`, `mrd. kr`, `dekar`).
    pub unit: Option<String>,
    /// The year the figure describes (the boxes say "2019-tall").
    pub year: Option<Year>,
    /// The plan section whose box holds it, e.g. `5.1.1`.
    pub section: String,
    /// Key of a register or statistics fact that can recompute it, if any (e.g. `employees:knowledge_intensive`).
    pub computed_by: Option<String>,
}

/// A strategy (*strategi*), verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    /// Stable id, e.g. `5.1-s1`, `5.2.1-s3`.
    pub id: String,
    /// The strategy text, verbatim in Norwegian.
    pub text: String,
    /// Whether the council added it in its adoption decision.
    pub added_by_amendment: Option<u32>,
    /// The key figures that monitor it (ids of `app::key_figures`, e.g. `egendekning`), shown
    /// on its focus area's page and in the report's section for that area. (Absent in plans
    /// stored before it existed: none.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monitor: Vec<String>,
}

/// A sub-area of a focus area, e.g. 5.1.1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubArea {
    /// Number as in the plan, e.g. `5.1.1`.
    pub number: String,
    /// Title.
    pub title: LocalText,
    /// Description (summary of the plan text).
    pub description: String,
    /// Facts from this sub-area's box.
    pub facts: Vec<Fact>,
    /// Strategies listed under this sub-area's own heading (e.g. 5.2.1 *Strategi for gründerskap*).
    pub strategies: Vec<Strategy>,
}

/// A focus area (*innsatsområde*), 5.1 … 5.8.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusArea {
    /// Number as in the plan, e.g. `5.1`.
    pub number: String,
    /// Title.
    pub title: LocalText,
    /// Description (summary of the plan text).
    pub description: String,
    /// Facts from the area's own box.
    pub facts: Vec<Fact>,
    /// Sub-areas.
    pub sub_areas: Vec<SubArea>,
    /// Strategies listed for the whole area.
    pub strategies: Vec<Strategy>,
    /// Goal ids this area serves.
    pub goals: Vec<String>,
    /// Whether the plan speaks of districts in this area (`districts = true` in the plan file):
    /// its page then shows the register facts per district. (Absent in plans stored before it
    /// existed: no.)
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub districts: bool,
}

impl FocusArea {
    /// Every strategy of the area, its own first, then each sub-area's in order.
    pub fn all_strategies(&self) -> impl Iterator<Item = &Strategy> {
        self.strategies
            .iter()
            .chain(self.sub_areas.iter().flat_map(|s| s.strategies.iter()))
    }

    /// Every fact of the area, its own first, then each sub-area's in order.
    pub fn all_facts(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .chain(self.sub_areas.iter().flat_map(|s| s.facts.iter()))
    }
}

/// A premise outside the plan (5.9.x) with its list of important tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Premise {
    /// Number as in the plan, e.g. `5.9.1`.
    pub number: String,
    /// Title.
    pub title: LocalText,
    /// Description.
    pub description: String,
    /// Facts from its box.
    pub facts: Vec<Fact>,
    /// "Viktige oppgaver", verbatim, each with an id (`5.9.1-o1`: the premise's number, `-o`
    /// for *oppgave*, its place in the list) that actions name in [`Action::tasks`].
    pub tasks: Vec<Task>,
}

/// One of a premise's important tasks (*viktige næringsfaglige arbeidsoppgaver*, 5.9.x), an
/// item actions can serve and the report can follow (issue 20 item 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Stable id: the premise's number, `-o` (*oppgave*) and its 1-based place in the list,
    /// e.g. `5.9.1-o3`. T-ids are the actions'; `-s` and `-f` the strategies' and facts'.
    pub id: String,
    /// The task, verbatim.
    pub text: String,
}

impl Task {
    /// The id of the `n`-th (1-based) task of premise `number`: `5.9.1-o3`.
    pub fn id_for(number: &str, n: usize) -> String {
        format!("{number}-o{n}")
    }
}

/// A stored premise: a plan stored before tasks had ids (issue 20) holds plain strings; they
/// read with the ids [`Task::id_for`] gives them.
impl<'de> Deserialize<'de> for Premise {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum StoredTask {
            Plain(String),
            Item { id: String, text: String },
        }
        #[derive(Deserialize)]
        struct Stored {
            number: String,
            title: LocalText,
            description: String,
            facts: Vec<Fact>,
            tasks: Vec<StoredTask>,
        }
        let s = Stored::deserialize(d)?;
        let tasks = s
            .tasks
            .into_iter()
            .enumerate()
            .map(|(i, t)| match t {
                StoredTask::Plain(text) => Task {
                    id: Task::id_for(&s.number, i + 1),
                    text,
                },
                StoredTask::Item { id, text } => Task { id, text },
            })
            .collect();
        Ok(Premise {
            number: s.number,
            title: s.title,
            description: s.description,
            facts: s.facts,
            tasks,
        })
    }
}

/// One row of a published ranking: a municipality's total and group ranks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRank {
    /// Municipality number at the time of publication, if known.
    pub municipality_code: Option<String>,
    /// Municipality name as printed.
    pub municipality_name: String,
    /// Total rank.
    pub total: u32,
    /// Rank per group, keyed by group id (e.g. `naeringsliv`).
    pub groups: BTreeMap<String, u32>,
}

/// A published ranking table (e.g. NHO Kommune-NM 2020, quoted in §3.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedRanking {
    /// Stable id, e.g. `kommune-nm-2020`.
    pub id: String,
    /// Publisher, e.g. `NHO`.
    pub publisher: String,
    /// Edition year (the year of publication).
    pub edition: Year,
    /// The year of the data it ranks.
    pub data_year: Year,
    /// Where it is quoted from (plan section and/or URL).
    pub source: String,
    /// Group ids with their display names, in the publisher's order.
    pub groups: Vec<RankGroup>,
    /// The rows.
    pub rows: Vec<PublishedRank>,
}

/// A group of a ranking, with its number of indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankGroup {
    /// Group id, e.g. `naeringsliv`.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// Number of indicators (*parametere*) in the group.
    pub indicators: u32,
}

/// Status of an action: a fixed vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not yet started (*ikke startet*).
    NotStarted,
    /// Ongoing (*pågår*).
    InProgress,
    /// Completed (*fullført*).
    Completed,
    /// Behind schedule (*forsinket*).
    Delayed,
    /// Put on hold (*satt på vent*).
    OnHold,
    /// Cancelled (*avlyst*).
    Cancelled,
}

impl ActionStatus {
    /// All statuses in display order.
    pub const ALL: [ActionStatus; 6] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Delayed,
        ActionStatus::OnHold,
        ActionStatus::Completed,
        ActionStatus::Cancelled,
    ];

    /// The machine name used in files, URLs and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Completed => "completed",
            ActionStatus::Delayed => "delayed",
            ActionStatus::OnHold => "on_hold",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    /// Parse the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The label a user reads (from the translation files: `status-<machine name>`).
    pub fn label(self, lang: Lang) -> String {
        i18n::tr(lang, &format!("status-{}", self.as_str().replace('_', "-")))
    }
}

/// A delivery (*leveranse*) of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// What is delivered.
    pub title: String,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<time::Date>,
    /// Whether it has been delivered.
    #[serde(default)]
    pub done: bool,
}

/// Where an action comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionOrigin {
    /// Named in the plan text itself; `section` and `quote` say where.
    DrawnFromText {
        /// Plan section, e.g. `Forord`, `5.7.3`.
        section: String,
        /// The sentence of the plan that names it, verbatim.
        quote: String,
    },
    /// Entered by the municipality's staff.
    Staff,
}

/// An action (*tiltak*) in the action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Stable id, e.g. `T1`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Longer description.
    pub description: String,
    /// Strategies it implements (many-to-many).
    pub strategies: Vec<String>,
    /// Responsible unit or person.
    pub owner: String,
    /// Partners.
    pub partners: Vec<String>,
    /// Start date.
    pub start: Option<time::Date>,
    /// End date.
    pub end: Option<time::Date>,
    /// Status.
    pub status: ActionStatus,
    /// Progress 0–100.
    pub progress: u8,
    /// Deliveries.
    pub deliveries: Vec<Delivery>,
    /// Where the action comes from.
    pub origin: ActionOrigin,
    /// The action in the budget cycle (issue 20): cost, funding, contact, milestones and the
    /// yearly priority selection. (Absent in plans and stores made before it: empty.)
    #[serde(default, skip_serializing_if = "Budget::is_empty")]
    pub budget: Budget,
    /// The premises' tasks (ids such as `5.9.1-o3`, [`Task`]) the action serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
}

/// An action in the municipality's budget cycle (*handlingsprogram*, *virksomhetsplan*): what
/// it costs, who pays and from which budget, whom to ask, its dated milestones and whether it is
/// among the year's priority actions. `Action::owner` is the responsible unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Estimated cost in whole Norwegian kroner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_estimate: Option<u64>,
    /// The budget years it is funded in, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_years: Vec<Year>,
    /// Where the money comes from (e.g. *driftsbudsjett SNA*, *Innovasjon Norge*).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub funding_source: String,
    /// The *handlingsprogram* item it is funded under, e.g. `HP 2024–2027, tiltak 4.3`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub handlingsprogram: String,
    /// Contact person (name, and e-mail or phone as staff choose to write it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// Dated milestones, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// Its place in a yearly selection of priority actions (*topp 10*), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

impl Priority {
    /// The selection as text: `2025: Formannskapet sak 12/25 (2025-02-11)`.
    pub fn to_text(&self) -> String {
        let mut s = self.year.to_string();
        if !self.decision.is_empty() {
            s.push_str(": ");
            s.push_str(&self.decision);
        }
        if let Some(d) = self.decided {
            s.push_str(&format!(" ({d})"));
        }
        s
    }
}

impl Priority {
    /// Reads [`Priority::to_text`]'s form back; `None` for an empty text (not selected) or one
    /// that does not start with a year.
    pub fn parse_text(s: &str) -> Option<Priority> {
        let s = s.trim();
        let (year, rest) = match s.split_once(':') {
            Some((y, r)) => (y, r.trim()),
            None => s.split_once(' ').map_or((s, ""), |(y, r)| (y, r.trim())),
        };
        let year = year.trim().parse::<Year>().ok()?;
        let (decision, decided) = match rest
            .strip_suffix(')')
            .and_then(|r| r.rsplit_once('('))
            .and_then(|(d, day)| Some((d.trim(), crate::date::parse(day).ok()?)))
        {
            Some((d, day)) => (d.to_string(), Some(day)),
            None => (rest.to_string(), None),
        };
        Some(Priority {
            year,
            decision,
            decided,
        })
    }
}

impl Budget {
    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        *self == Budget::default()
    }
}

/// A dated milestone of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// When it is due.
    pub date: time::Date,
    /// What is reached.
    pub title: String,
    /// Whether it has been reached.
    #[serde(default)]
    pub done: bool,
}

impl Milestone {
    /// One milestone as text: `2025-09-30 Rapport`, a reached one `[x] 2025-03-31 Mandat`.
    pub fn to_text(&self) -> String {
        format!(
            "{}{} {}",
            if self.done { "[x] " } else { "" },
            self.date,
            self.title
        )
    }

    /// Milestones as one text, separated by `sep` (`"; "` in a cell, a newline in a form).
    pub fn list_text(list: &[Milestone], sep: &str) -> String {
        list.iter()
            .map(Milestone::to_text)
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Reads milestones written by [`Milestone::list_text`]: one per line or `;`, each a date
    /// `YYYY-MM-DD` and a title, `[x]` before a reached one. Sorted by date. On a bad entry,
    /// that entry.
    pub fn parse_list(s: &str) -> Result<Vec<Milestone>, String> {
        let mut out = Vec::new();
        for part in s.lines().flat_map(|l| l.split(';')) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (done, rest) = match part
                .strip_prefix("[x]")
                .or_else(|| part.strip_prefix("[X]"))
            {
                Some(r) => (true, r.trim_start()),
                None => (false, part),
            };
            let (day, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let date = crate::date::parse(day).map_err(|_| part.to_string())?;
            let title = title.trim();
            if title.is_empty() {
                return Err(part.to_string());
            }
            out.push(Milestone {
                date,
                title: title.to_string(),
                done,
            });
        }
        out.sort_by_key(|m| m.date);
        Ok(out)
    }
}

/// The year of the priority selection (*topp 10*) to show: the newest year any of `selected`
/// names, not after `up_to` when given (a report shows its own year's selection or the one
/// before). `None`: no selection. The one rule for the pages, the API and the report.
pub fn priority_year<'a>(
    selected: impl IntoIterator<Item = Option<&'a Priority>>,
    up_to: Option<Year>,
) -> Option<Year> {
    selected
        .into_iter()
        .flatten()
        .map(|p| p.year)
        .filter(|y| up_to.is_none_or(|u| *y <= u))
        .max()
}

/// Budget years as text: `2025; 2026`.
pub fn years_text(years: &[Year]) -> String {
    years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads budget years: separated by `;`, `,` or spaces, a range as `2025–2027` or
/// `2025-2027`; sorted, each once. On a bad entry, that entry.
pub fn parse_years(s: &str) -> Result<Vec<Year>, String> {
    let mut out = Vec::new();
    let year = |t: &str| -> Result<Year, String> {
        t.trim()
            .parse::<Year>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| t.trim().to_string())
    };
    for part in s
        .split([';', ',', ' ', '\n'])
        .filter(|p| !p.trim().is_empty())
    {
        match part.split_once(['–', '-']) {
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                if b < a || b - a > 50 {
                    return Err(part.trim().to_string());
                }
                out.extend(a..=b);
            }
            None => out.push(year(part)?),
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// An action's place in the yearly priority selection (*topp 10*), with the decision behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// The year of the selection.
    pub year: Year,
    /// The decision's reference, e.g. `Formannskapet sak 12/24`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision: String,
    /// The day of the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<time::Date>,
}

impl Plan {
    /// Every strategy in the plan, in document order.
    pub fn strategies(&self) -> impl Iterator<Item = &Strategy> {
        self.focus_areas.iter().flat_map(|a| a.all_strategies())
    }

    /// The focus area a strategy id belongs to.
    pub fn focus_area_of_strategy(&self, strategy_id: &str) -> Option<&FocusArea> {
        self.focus_areas
            .iter()
            .find(|a| a.all_strategies().any(|s| s.id == strategy_id))
    }

    /// Every premise task, in document order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.premises.iter().flat_map(|p| p.tasks.iter())
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The years an indicator table should show: first data year to period end.
    pub fn table_years(&self) -> std::ops::RangeInclusive<Year> {
        self.meta.first_data_year..=self.meta.period_end
    }
}
