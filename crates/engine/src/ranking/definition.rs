//! The index definition: groups, indicators (formula, direction, weight), the method
//! (normalisation, missing-data policy, aggregation, ties), the series it reads and its
//! documented departures from NHO's method — parsed from TOML and validated, with every problem
//! located by line and column.
//!
//! The default definition is `data/ranking/kommune-nm.toml` ([`KOMMUNE_NM_TOML`](super::KOMMUNE_NM_TOML)),
//! whose header comments document the method in prose.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;
use toml::Spanned;

use super::formula::{Expr, SeriesRef};
use crate::Bilingual;

/// How indicator values are put on a common scale (per indicator and data year, across the
/// municipalities ranked that year that have a value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalisation {
    /// `(oriented − mean) / sd` with the population sd, clamped to ±`clamp`; sd = 0 → 0.
    ZScore,
    /// `(oriented − min) / (max − min)` in [0, 1]; max = min → 0.5.
    MinMax,
    /// `(average rank from the worst − 1) / (n − 1)` in [0, 1]; n = 1 → 0.5.
    Rank,
}

impl Normalisation {
    /// The name used in the definition file.
    pub fn as_str(self) -> &'static str {
        match self {
            Normalisation::ZScore => "zscore",
            Normalisation::MinMax => "minmax",
            Normalisation::Rank => "rank",
        }
    }
}

/// What a municipality missing an indicator gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// The weighted mean of its other indicator scores in the group (so the group score is the
    /// weighted mean over the indicators it has), if they carry at least
    /// [`Method::min_group_coverage`] of the group's weight; otherwise no group score.
    GroupMean,
    /// No score in a group where it misses any indicator.
    Exclude,
}

impl MissingPolicy {
    /// The name used in the definition file.
    pub fn as_str(self) -> &'static str {
        match self {
            MissingPolicy::GroupMean => "group_mean",
            MissingPolicy::Exclude => "exclude",
        }
    }
}

/// How scores are combined (indicator scores into a group score, group scores into the total).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// `Σ wᵢ sᵢ / Σ wᵢ`.
    WeightedMean,
}

/// Whether a higher or a lower value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
}

impl Direction {
    /// +1 for higher-is-better, −1 for lower-is-better: multiplying a value by it gives the
    /// oriented value (higher always better).
    pub fn sign(self) -> f64 {
        match self {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
        }
    }
}

/// Whether the offline snapshot holds real figures for a series (or all series of an
/// indicator), or the synthetic generator makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    /// Real published statistics.
    Real,
    /// Generated, labelled synthetic wherever shown.
    Synthetic,
}

/// The method: normalisation, missing data, aggregation and ties.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Method {
    /// How indicator values are normalised.
    pub normalisation: Normalisation,
    /// z-scores are clamped to ±this (ignored by the other normalisations); `None` = no clamp.
    pub clamp: Option<f64>,
    /// The missing-data policy.
    pub missing: MissingPolicy,
    /// With [`MissingPolicy::GroupMean`], the share of a group's indicator weight a municipality
    /// must have values for to get a group score (0 < x ≤ 1).
    pub min_group_coverage: f64,
    /// Indicator scores → group score.
    pub group_score: Aggregation,
    /// Group scores → total score.
    pub total_score: Aggregation,
    /// Scores are rounded to this many decimals (half to even) before ranking, so that equal
    /// scores tie whatever the order of summation.
    pub tie_decimals: u32,
}

/// A semantic series the definition reads.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SeriesSpec {
    /// The name (as in `data/series.toml`).
    pub name: String,
    /// What it is.
    pub description: Bilingual,
    /// Unit, e.g. `personer`, `kroner`.
    pub unit: Option<String>,
    /// Real or synthetic in the offline snapshot.
    pub data: DataKind,
    /// Whether `data/series.toml` already maps it to an SSB table.
    pub catalogue: bool,
    /// A family of series `name:member`, used whole by `diversity(...)`.
    pub family: bool,
    /// Source table or note.
    pub source: Option<String>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Indicator {
    /// Stable id, unique in the definition.
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// The formula as written.
    pub formula_text: String,
    /// The parsed formula.
    pub formula: Expr,
    /// Higher or lower is better.
    pub direction: Direction,
    /// Weight within its group (> 0).
    pub weight: f64,
    /// Unit of the value.
    pub unit: Option<String>,
    /// Real or synthetic in the offline snapshot (checked against its series).
    pub data: DataKind,
    /// Notes: what is ours, what is NHO's.
    pub note: Option<String>,
}

/// One group of indicators.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Group {
    /// Stable id, e.g. `naeringsliv` (the ids of `plan::PublishedRanking` groups).
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// Weight within the total (> 0).
    pub weight: f64,
    /// The indicators, in file order.
    pub indicators: Vec<Indicator>,
}

/// One documented departure from NHO's method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Departure {
    /// Short topic, e.g. `weights` (a key, not for readers).
    pub topic: String,
    /// What we do and why (English).
    pub text: String,
    /// The topic for readers in Norwegian, e.g. `Vekter`; empty: not translated.
    pub title_nb: String,
    /// What we do and why in Norwegian; empty: not translated.
    pub text_nb: String,
    /// The topic for readers in English, e.g. `Weights`; empty: the topic key.
    #[serde(default)]
    pub title: String,
    /// The topic in nynorsk; empty: not translated.
    #[serde(default)]
    pub title_nn: String,
    /// What we do and why in nynorsk; empty: not translated.
    #[serde(default)]
    pub text_nn: String,
    /// Where the evidence is.
    pub source: Option<String>,
}

impl Departure {
    /// The title and text a reader in `lang` sees, and the language they are written in (a
    /// language without a translation gets bokmål, else English: mark it with that language).
    pub fn in_lang(&self, lang: plan::Lang) -> (&str, &str, plan::Lang) {
        use plan::Lang;
        let nb_title = || {
            if self.title_nb.is_empty() {
                self.topic.as_str()
            } else {
                self.title_nb.as_str()
            }
        };
        match lang {
            Lang::Nn if !self.text_nn.is_empty() => (
                if self.title_nn.is_empty() {
                    nb_title()
                } else {
                    &self.title_nn
                },
                &self.text_nn,
                Lang::Nn,
            ),
            Lang::Nb | Lang::Nn if !self.text_nb.is_empty() => {
                (nb_title(), &self.text_nb, Lang::Nb)
            }
            _ => (
                if self.title.is_empty() {
                    &self.topic
                } else {
                    &self.title
                },
                &self.text,
                Lang::En,
            ),
        }
    }
}

/// A validated index definition.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Definition {
    /// Stable id, e.g. `kommune-nm`.
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// What it is modelled on.
    pub based_on: Option<String>,
    /// Edition year − data year (1 for Kommune-NM: each edition ranks the previous year).
    pub edition_lag: i32,
    /// Sources for the method.
    pub sources: Vec<String>,
    /// The method.
    pub method: Method,
    /// The series it reads, in file order.
    pub series: Vec<SeriesSpec>,
    /// The groups, in file order.
    pub groups: Vec<Group>,
    /// Departures from NHO's method.
    pub departures: Vec<Departure>,
}

impl Definition {
    /// Every indicator with its group index, in order (group by group).
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &Indicator)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, grp)| grp.indicators.iter().map(move |i| (g, i)))
    }

    /// The number of indicators.
    pub fn indicator_count(&self) -> usize {
        self.groups.iter().map(|g| g.indicators.len()).sum()
    }

    /// The position of an indicator in [`Definition::indicators`] order.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators().position(|(_, i)| i.id == id)
    }

    /// The index of a group.
    pub fn group_index(&self, id: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.id == id)
    }

    /// The series spec by name.
    pub fn series_spec(&self, name: &str) -> Option<&SeriesSpec> {
        self.series.iter().find(|s| s.name == name)
    }

    /// The data year an edition ranks (`edition − edition_lag`).
    pub fn data_year(&self, edition: plan::Year) -> plan::Year {
        edition - self.edition_lag
    }

    /// The edition that ranks a data year (`data_year + edition_lag`).
    pub fn edition(&self, data_year: plan::Year) -> plan::Year {
        data_year + self.edition_lag
    }

    /// Parses and validates a definition. Every problem is reported, each with its line and
    /// column, in file order.
    pub fn parse(text: &str) -> Result<Definition, DefinitionError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |s| LineIndex::new(text).position_in(text, s.start));
            DefinitionError {
                problems: vec![Problem {
                    line,
                    column,
                    message: e.message().trim().to_string(),
                }],
            }
        })?;
        let mut r = Reporter {
            index: LineIndex::new(text),
            text,
            found: Vec::new(),
        };
        let def = check(raw, &mut r);
        if r.found.is_empty() {
            Ok(def)
        } else {
            let mut problems = r.found;
            problems.sort_by_key(|p| (p.line, p.column));
            Err(DefinitionError { problems })
        }
    }
}

/// One problem in a definition file, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Every problem found in a definition file, in file order, as `line:col: message` lines.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, serde::Deserialize)]
pub struct DefinitionError {
    /// The problems.
    pub problems: Vec<Problem>,
}

impl DefinitionError {
    /// The problems as `file:line:col: message` lines.
    pub fn in_file(&self, file: &str) -> String {
        self.problems
            .iter()
            .map(|p| format!("{file}:{p}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Raw file shape.

type S<T> = Spanned<T>;

/// A number written as TOML integer or float.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Num(f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum N {
            I(i64),
            F(f64),
        }
        match N::deserialize(d) {
            Ok(N::I(i)) => Ok(Num(i as f64)),
            Ok(N::F(f)) => Ok(Num(f)),
            Err(_) => Err(serde::de::Error::custom(
                "expected a number (e.g. 1 or 0.5)",
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    nb: String,
    en: String,
}

impl From<RawText> for Bilingual {
    fn from(t: RawText) -> Self {
        Bilingual::new(t.nb, t.en)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    definition: RawMeta,
    method: RawMethod,
    #[serde(default)]
    series: BTreeMap<String, S<RawSeries>>,
    #[serde(default)]
    groups: Vec<S<RawGroup>>,
    #[serde(default)]
    departures: Vec<RawDeparture>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: S<String>,
    name: RawText,
    #[serde(default)]
    based_on: Option<String>,
    edition_lag: S<i64>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethod {
    normalisation: S<String>,
    #[serde(default)]
    clamp: Option<S<Num>>,
    missing: S<String>,
    #[serde(default)]
    min_group_coverage: Option<S<Num>>,
    #[serde(default)]
    group_score: Option<S<String>>,
    #[serde(default)]
    total_score: Option<S<String>>,
    #[serde(default)]
    tie_decimals: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    description: RawText,
    #[serde(default)]
    unit: Option<String>,
    data: S<String>,
    #[serde(default)]
    catalogue: bool,
    #[serde(default)]
    family: bool,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: S<String>,
    name: RawText,
    weight: S<Num>,
    #[serde(default)]
    expected_indicators: Option<S<i64>>,
    #[serde(default)]
    indicators: Vec<S<RawIndicator>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: S<String>,
    name: RawText,
    formula: S<String>,
    direction: S<String>,
    weight: S<Num>,
    #[serde(default)]
    unit: Option<String>,
    data: S<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeparture {
    topic: S<String>,
    text: S<String>,
    #[serde(default)]
    title_nb: String,
    #[serde(default)]
    text_nb: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    title_nn: String,
    #[serde(default)]
    text_nn: String,
    #[serde(default)]
    source: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Validation.

/// Maps byte offsets to 1-based line and column.
struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    fn position_in(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

struct Reporter<'a> {
    index: LineIndex,
    text: &'a str,
    found: Vec<Problem>,
}

impl Reporter<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = self.index.position_in(self.text, offset);
        self.found.push(Problem {
            line,
            column,
            message: message.into(),
        });
    }

    /// The byte offset of the first character inside a string value's quotes.
    fn inside_string(&self, s: &S<String>) -> usize {
        let start = s.span().start;
        let quote = self.text.as_bytes().get(start).copied();
        match quote {
            // A basic string or a literal string, possibly multi-line.
            Some(b'"') | Some(b'\'') => {
                let q = quote.unwrap_or(b'"');
                let triple = self.text.as_bytes().get(start..start + 3) == Some(&[q, q, q][..]);
                start + if triple { 3 } else { 1 }
            }
            _ => start,
        }
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn positive(r: &mut Reporter, what: &str, n: &S<Num>) -> f64 {
    let v = n.get_ref().0;
    if !(v.is_finite() && v > 0.0) {
        r.at(
            n.span().start,
            format!("{what} must be a number greater than 0, found {v}"),
        );
    }
    v
}

fn data_kind(r: &mut Reporter, s: &S<String>) -> DataKind {
    match s.get_ref().as_str() {
        "real" => DataKind::Real,
        "synthetic" => DataKind::Synthetic,
        other => {
            r.at(
                s.span().start,
                format!("unknown data kind `{other}` (known: real, synthetic)"),
            );
            DataKind::Synthetic
        }
    }
}

fn check(raw: RawFile, r: &mut Reporter) -> Definition {
    // Definition.
    let id = raw.definition.id.get_ref().trim().to_string();
    if id.is_empty() {
        r.at(raw.definition.id.span().start, "empty definition id");
    }
    let lag = *raw.definition.edition_lag.get_ref();
    if !(0..=10).contains(&lag) {
        r.at(
            raw.definition.edition_lag.span().start,
            format!("edition_lag must be a whole number of years from 0 to 10, found {lag}"),
        );
    }

    // Method.
    let m = &raw.method;
    let normalisation = match m.normalisation.get_ref().as_str() {
        "zscore" => Normalisation::ZScore,
        "minmax" => Normalisation::MinMax,
        "rank" => Normalisation::Rank,
        other => {
            r.at(
                m.normalisation.span().start,
                format!("unknown normalisation `{other}` (known: zscore, minmax, rank)"),
            );
            Normalisation::ZScore
        }
    };
    let clamp = m.clamp.as_ref().map(|c| positive(r, "clamp", c));
    let missing = match m.missing.get_ref().as_str() {
        "group_mean" => MissingPolicy::GroupMean,
        "exclude" => MissingPolicy::Exclude,
        other => {
            r.at(
                m.missing.span().start,
                format!("unknown missing-data policy `{other}` (known: group_mean, exclude)"),
            );
            MissingPolicy::GroupMean
        }
    };
    let min_group_coverage = match &m.min_group_coverage {
        None => 0.5,
        Some(c) => {
            let v = c.get_ref().0;
            if !(v > 0.0 && v <= 1.0) {
                r.at(
                    c.span().start,
                    format!("min_group_coverage must be greater than 0 and at most 1, found {v}"),
                );
            }
            v
        }
    };
    let mut aggregation = |s: &Option<S<String>>| match s {
        None => Aggregation::WeightedMean,
        Some(s) => {
            if s.get_ref() != "weighted_mean" {
                r.at(
                    s.span().start,
                    format!(
                        "unknown aggregation `{}` (known: weighted_mean)",
                        s.get_ref()
                    ),
                );
            }
            Aggregation::WeightedMean
        }
    };
    let group_score = aggregation(&m.group_score);
    let total_score = aggregation(&m.total_score);
    let tie_decimals = match &m.tie_decimals {
        None => 9,
        Some(t) => {
            let v = *t.get_ref();
            if !(0..=15).contains(&v) {
                r.at(
                    t.span().start,
                    format!("tie_decimals must be from 0 to 15, found {v}"),
                );
            }
            v.clamp(0, 15) as u32
        }
    };
    let method = Method {
        normalisation,
        clamp,
        missing,
        min_group_coverage,
        group_score,
        total_score,
        tie_decimals,
    };

    // Series, in file order.
    let mut raw_series: Vec<(String, S<RawSeries>)> = raw.series.into_iter().collect();
    raw_series.sort_by_key(|(_, s)| s.span().start);
    let mut series = Vec::with_capacity(raw_series.len());
    for (name, s) in raw_series {
        let start = s.span().start;
        if !is_ident(&name) {
            r.at(
                start,
                format!(
                    "series name `{name}` must be letters, digits and `_`, starting with a letter"
                ),
            );
        }
        let s = s.into_inner();
        let data = data_kind(r, &s.data);
        series.push(SeriesSpec {
            name,
            description: s.description.into(),
            unit: s.unit,
            data,
            catalogue: s.catalogue,
            family: s.family,
            source: s.source,
        });
    }
    let series_by_name: HashMap<&str, &SeriesSpec> =
        series.iter().map(|s| (s.name.as_str(), s)).collect();

    // Groups and indicators.
    if raw.groups.is_empty() {
        r.at(0, "the definition has no [[groups]]");
    }
    let mut group_ids: HashMap<String, usize> = HashMap::new();
    let mut indicator_ids: HashMap<String, usize> = HashMap::new();
    let mut groups = Vec::with_capacity(raw.groups.len());
    for g in raw.groups {
        let g_start = g.span().start;
        let g = g.into_inner();
        let gid = g.id.get_ref().trim().to_string();
        if gid.is_empty() {
            r.at(g.id.span().start, "empty group id");
        } else if let Some(prev) = group_ids.insert(gid.clone(), g.id.span().start) {
            let (line, col) = r.index.position_in(r.text, prev);
            r.at(
                g.id.span().start,
                format!("duplicate group id `{gid}`: already used at line {line}, column {col}"),
            );
        }
        let weight = positive(r, "group weight", &g.weight);
        if g.indicators.is_empty() {
            r.at(g_start, format!("group `{gid}` has no indicators"));
        }
        if let Some(e) = &g.expected_indicators
            && *e.get_ref() != g.indicators.len() as i64
        {
            r.at(
                e.span().start,
                format!(
                    "group `{gid}` should have {} indicators (expected_indicators) but has {}",
                    e.get_ref(),
                    g.indicators.len()
                ),
            );
        }
        let mut indicators = Vec::with_capacity(g.indicators.len());
        for i in g.indicators {
            let i = i.into_inner();
            indicators.push(indicator(r, i, &series_by_name, &mut indicator_ids));
        }
        groups.push(Group {
            id: gid,
            name: g.name.into(),
            weight,
            indicators,
        });
    }

    let mut departures = Vec::with_capacity(raw.departures.len());
    let mut topics = HashSet::new();
    for d in raw.departures {
        let topic = d.topic.get_ref().trim().to_string();
        if topic.is_empty() {
            r.at(d.topic.span().start, "empty departure topic");
        } else if !topics.insert(topic.clone()) {
            r.at(
                d.topic.span().start,
                format!("departure topic `{topic}` appears twice"),
            );
        }
        if d.text.get_ref().trim().is_empty() {
            r.at(d.text.span().start, "empty departure text");
        }
        departures.push(Departure {
            topic,
            text: d.text.into_inner(),
            title_nb: d.title_nb,
            text_nb: d.text_nb,
            title: d.title,
            title_nn: d.title_nn,
            text_nn: d.text_nn,
            source: d.source,
        });
    }

    Definition {
        id,
        name: raw.definition.name.into(),
        based_on: raw.definition.based_on,
        edition_lag: lag.clamp(0, 10) as i32,
        sources: raw.definition.sources,
        method,
        series,
        groups,
        departures,
    }
}

fn indicator(
    r: &mut Reporter,
    i: RawIndicator,
    series: &HashMap<&str, &SeriesSpec>,
    ids: &mut HashMap<String, usize>,
) -> Indicator {
    let id = i.id.get_ref().trim().to_string();
    if id.is_empty() {
        r.at(i.id.span().start, "empty indicator id");
    } else if let Some(prev) = ids.insert(id.clone(), i.id.span().start) {
        let (line, col) = r.index.position_in(r.text, prev);
        r.at(
            i.id.span().start,
            format!("duplicate indicator id `{id}`: already used at line {line}, column {col}"),
        );
    }
    let direction = match i.direction.get_ref().as_str() {
        "higher" => Direction::Higher,
        "lower" => Direction::Lower,
        other => {
            r.at(
                i.direction.span().start,
                format!("unknown direction `{other}` for indicator `{id}` (known: higher, lower)"),
            );
            Direction::Higher
        }
    };
    let weight = positive(r, "indicator weight", &i.weight);
    let data = data_kind(r, &i.data);
    let inside = r.inside_string(&i.formula);
    let formula = match Expr::parse(i.formula.get_ref()) {
        Ok(e) => {
            check_refs(r, &id, &e.series_refs(), series, data, inside, &i.data);
            e
        }
        Err(e) => {
            r.at(
                inside + e.offset,
                format!("formula of indicator `{id}`: {}", e.message),
            );
            Expr::Number { value: f64::NAN }
        }
    };
    Indicator {
        id,
        name: i.name.into(),
        formula_text: i.formula.into_inner(),
        formula,
        direction,
        weight,
        unit: i.unit,
        data,
        note: i.note,
    }
}

fn check_refs(
    r: &mut Reporter,
    id: &str,
    refs: &[SeriesRef],
    series: &HashMap<&str, &SeriesSpec>,
    data: DataKind,
    formula_at: usize,
    data_span: &S<String>,
) {
    let mut all_real = true;
    let mut any_known = false;
    for s in refs {
        match series.get(s.name.as_str()) {
            None => {
                all_real = false;
                r.at(
                    formula_at,
                    format!(
                        "formula of indicator `{id}` reads series `{}`, which has no [series.{}] entry",
                        s.name, s.name
                    ),
                );
            }
            Some(spec) => {
                any_known = true;
                if spec.family && !s.family {
                    r.at(
                        formula_at,
                        format!(
                            "formula of indicator `{id}`: `{}` is a series family; use it inside diversity(...)",
                            s.name
                        ),
                    );
                }
                if !spec.family && s.family {
                    r.at(
                        formula_at,
                        format!(
                            "formula of indicator `{id}`: diversity(...) needs a series family, and `{}` is not one (family = true)",
                            s.name
                        ),
                    );
                }
                if spec.data != DataKind::Real {
                    all_real = false;
                }
            }
        }
    }
    if !any_known {
        return;
    }
    match (data, all_real) {
        (DataKind::Real, false) => r.at(
            data_span.span().start,
            format!(
                "indicator `{id}` is marked data = \"real\" but reads a synthetic series; mark it \"synthetic\""
            ),
        ),
        (DataKind::Synthetic, true) if !refs.is_empty() => r.at(
            data_span.span().start,
            format!(
                "indicator `{id}` is marked data = \"synthetic\" but every series it reads is real; mark it \"real\""
            ),
        ),
        _ => {}
    }
}
