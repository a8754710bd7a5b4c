//! The engine's input model: an in-memory table of observations.
//!
//! Every observation is keyed by (semantic series name, municipality code at the target
//! geography, year) and holds either a value or the reason there is none, together with its
//! provenance. The store side fills an [`Inputs`] through an adapter; the engine never reads
//! files or databases itself.
//!
//! A second map holds figures published by others and imported as such (e.g. NHO's Kommune-NM
//! ranks), keyed by (indicator id, municipality code, year).
//!
//! All semantic series (see [`series`]) are additive counts or amounts, so a merged
//! municipality's value is the sum of its parts ([`sum_components`]); ratios are always
//! computed from summed numerators and denominators, never by averaging ratios.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use plan::Year;
use serde::Serialize;

/// Semantic series names: the vocabulary between the store adapter and the engine.
///
/// Every series is additive (a count of people, jobs or enterprises, an area, or an amount in
/// kroner), so values for a merged municipality are sums of the component municipalities.
/// A series' value for year `y` is the figure the source publishes for year `y`; the reference
/// time within the year is given for each series below.
pub mod series {
    /// Population, total, on 1 January of the year (SSB table 07459).
    pub const POPULATION: &str = "population";
    /// Residents aged 15–74, counted at the reference time of the employment statistics for the
    /// year (4th quarter). An adapter that only has 1 January counts should store 1 January of
    /// year `y + 1` under year `y`, the nearest date.
    pub const POPULATION_15_74: &str = "population_15_74";
    /// Residents aged 16–66, with the same reference time as [`POPULATION_15_74`].
    pub const POPULATION_16_66: &str = "population_16_66";
    /// Jobs (*arbeidsplasser*): employed persons aged 15–74 by place of work, 4th quarter
    /// (SSB's register-based employment statistics, e.g. table 07979).
    pub const JOBS: &str = "jobs";
    /// Employed residents (*sysselsatte bosatte*) aged 15–74 by place of residence, 4th quarter,
    /// wherever they work (in Norway or on the continental shelf).
    pub const EMPLOYED_RESIDENTS: &str = "employed_residents";
    /// Employed residents aged 15–74 who work in their own municipality, 4th quarter (the
    /// diagonal of SSB's commuting matrix, table 03321).
    pub const EMPLOYED_RESIDENTS_LOCAL: &str = "employed_residents_local";
    /// Farmland (cultivated land) converted to other uses during the year, in dekar (KOSTRA).
    pub const FARMLAND_CONVERTED_DEKAR: &str = "farmland_converted_dekar";
    /// Newly established enterprises during the year (re-registrations and changes of owner
    /// excluded).
    pub const NEW_ENTERPRISES: &str = "new_enterprises";
    /// Bankruptcies opened during the year.
    pub const BANKRUPTCIES: &str = "bankruptcies";
    /// Wage costs of private enterprises registered in the municipality, NOK, for the year.
    pub const WAGE_COSTS: &str = "wage_costs";
    /// Operating result of private enterprises registered in the municipality, NOK, for the
    /// year (may be negative).
    pub const OPERATING_RESULT: &str = "operating_result";
    /// Prefix of the jobs-by-industry series: `jobs_by_industry:<NACE division, 2 digits>`,
    /// e.g. `jobs_by_industry:62`. Jobs (as [`JOBS`]) in one SN2007/NACE division; `00` is
    /// "unknown industry". Only keys with exactly two digits after the prefix are used.
    pub const JOBS_BY_INDUSTRY_PREFIX: &str = "jobs_by_industry:";
    /// Local procurement (seed §5.7.2): of the year's spend in the municipality's supplier ledger
    /// (*fakturajournal*) that could be placed by the supplier's business address in
    /// Enhetsregisteret, the percentage that went to suppliers in the municipality. Not an SSB
    /// series: the app computes it from the stored ledger joined with the stored register
    /// snapshot (issue 9), never typed in.
    pub const PROCUREMENT_LOCAL_SHARE: &str = "procurement_local_share";
    /// As [`PROCUREMENT_LOCAL_SHARE`], suppliers in a neighbouring municipality.
    pub const PROCUREMENT_NEIGHBOUR_SHARE: &str = "procurement_neighbour_share";
    /// As [`PROCUREMENT_LOCAL_SHARE`], suppliers elsewhere.
    pub const PROCUREMENT_ELSEWHERE_SHARE: &str = "procurement_elsewhere_share";
    /// As [`PROCUREMENT_LOCAL_SHARE`], suppliers that are small and medium enterprises (fewer
    /// than 250 employees in the register, or none registered).
    pub const PROCUREMENT_SME_SHARE: &str = "procurement_sme_share";
    /// The local-procurement series, computed from the registers rather than read from SSB.
    pub const PROCUREMENT: [&str; 4] = [
        PROCUREMENT_LOCAL_SHARE,
        PROCUREMENT_NEIGHBOUR_SHARE,
        PROCUREMENT_ELSEWHERE_SHARE,
        PROCUREMENT_SME_SHARE,
    ];

    /// Whether a series is one of the local-procurement series ([`PROCUREMENT`]).
    pub fn is_procurement(series: &str) -> bool {
        PROCUREMENT.contains(&series)
    }

    /// The series name of jobs in one NACE division: `jobs_by_industry("62")` →
    /// `"jobs_by_industry:62"`.
    pub fn jobs_by_industry(division: &str) -> String {
        format!("{JOBS_BY_INDUSTRY_PREFIX}{division}")
    }

    /// The NACE division of a jobs-by-industry series name, if it is one (two ASCII digits).
    pub fn industry_division(series: &str) -> Option<u8> {
        let d = series.strip_prefix(JOBS_BY_INDUSTRY_PREFIX)?;
        if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) {
            d.parse().ok()
        } else {
            None
        }
    }

    /// Every fixed series name (the jobs-by-industry family is open-ended and not listed).
    pub const ALL: [&str; 11] = [
        POPULATION,
        POPULATION_15_74,
        POPULATION_16_66,
        JOBS,
        EMPLOYED_RESIDENTS,
        EMPLOYED_RESIDENTS_LOCAL,
        FARMLAND_CONVERTED_DEKAR,
        NEW_ENTERPRISES,
        BANKRUPTCIES,
        WAGE_COSTS,
        OPERATING_RESULT,
    ];

    /// A short Norwegian (bokmål) label for a series, for explanations.
    pub fn label_nb(series: &str) -> String {
        if let Some(d) = series.strip_prefix(JOBS_BY_INDUSTRY_PREFIX) {
            return format!("arbeidsplasser i næring {d}");
        }
        match series {
            POPULATION => "folkemengde 1. januar",
            POPULATION_15_74 => "befolkning 15–74 år",
            POPULATION_16_66 => "befolkning 16–66 år",
            JOBS => "arbeidsplasser (sysselsatte etter arbeidssted, 4. kvartal)",
            EMPLOYED_RESIDENTS => "sysselsatte bosatte 15–74 år",
            EMPLOYED_RESIDENTS_LOCAL => "sysselsatte bosatte som arbeider i egen kommune",
            FARMLAND_CONVERTED_DEKAR => "omdisponert dyrket mark (dekar)",
            NEW_ENTERPRISES => "nyetablerte foretak",
            BANKRUPTCIES => "konkurser",
            WAGE_COSTS => "lønnskostnader",
            OPERATING_RESULT => "driftsresultat",
            PROCUREMENT_LOCAL_SHARE => "andel av innkjøpene hos leverandører i kommunen",
            PROCUREMENT_NEIGHBOUR_SHARE => "andel av innkjøpene hos leverandører i nabokommuner",
            PROCUREMENT_ELSEWHERE_SHARE => "andel av innkjøpene hos leverandører andre steder",
            PROCUREMENT_SME_SHARE => "andel av innkjøpene hos små og mellomstore bedrifter",
            other => other,
        }
        .to_string()
    }

    /// A short English label for a series.
    pub fn label_en(series: &str) -> String {
        if let Some(d) = series.strip_prefix(JOBS_BY_INDUSTRY_PREFIX) {
            return format!("jobs in industry {d}");
        }
        match series {
            POPULATION => "population on 1 January",
            POPULATION_15_74 => "population aged 15–74",
            POPULATION_16_66 => "population aged 16–66",
            JOBS => "jobs (employed by place of work, Q4)",
            EMPLOYED_RESIDENTS => "employed residents aged 15–74",
            EMPLOYED_RESIDENTS_LOCAL => "employed residents working in their own municipality",
            FARMLAND_CONVERTED_DEKAR => "farmland converted (dekar)",
            NEW_ENTERPRISES => "new enterprises",
            BANKRUPTCIES => "bankruptcies",
            WAGE_COSTS => "wage costs",
            OPERATING_RESULT => "operating result",
            PROCUREMENT_LOCAL_SHARE => "share of purchases from suppliers in the municipality",
            PROCUREMENT_NEIGHBOUR_SHARE => {
                "share of purchases from suppliers in neighbouring municipalities"
            }
            PROCUREMENT_ELSEWHERE_SHARE => "share of purchases from suppliers elsewhere",
            PROCUREMENT_SME_SHARE => "share of purchases from small and medium enterprises",
            other => other,
        }
        .to_string()
    }
}

/// Why an observation has no value: SSB's standard table symbols, or no observation at all.
///
/// A missing value is never turned into 0, not even `-` (nil): the engine reports it as a reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "symbol")]
pub enum MissingReason {
    /// `.` — category not applicable (*lovlig umulig å oppføre tall*).
    NotApplicable,
    /// `..` — data not available (*tallgrunnlag mangler*).
    NotAvailable,
    /// `...` — not for publication (*tall kan ikke offentliggjøres*).
    NotForPublication,
    /// `:` — suppressed for confidentiality (*vises ikke av konfidensialitetshensyn*).
    Confidential,
    /// `-` — nil (*null*). Kept as a reason, never read as 0.
    Nil,
    /// A status symbol outside SSB's standard set, kept as given.
    Other(String),
    /// The source gave `null` with no symbol.
    Unspecified,
    /// No observation exists in the table for this series, municipality and year.
    NoObservation,
}

impl MissingReason {
    /// The reason for an SSB status symbol (`"."`, `".."`, `"..."`, `":"`, `"-"`); an empty
    /// symbol is [`MissingReason::Unspecified`], anything else [`MissingReason::Other`].
    pub fn from_symbol(symbol: &str) -> Self {
        match symbol.trim() {
            "." => Self::NotApplicable,
            ".." => Self::NotAvailable,
            "..." => Self::NotForPublication,
            ":" => Self::Confidential,
            "-" => Self::Nil,
            "" => Self::Unspecified,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The status symbol, where there is one.
    pub fn symbol(&self) -> Option<&str> {
        Some(match self {
            Self::NotApplicable => ".",
            Self::NotAvailable => "..",
            Self::NotForPublication => "...",
            Self::Confidential => ":",
            Self::Nil => "-",
            Self::Other(s) => s,
            Self::Unspecified | Self::NoObservation => return None,
        })
    }

    /// The meaning in Norwegian (bokmål).
    pub fn meaning_nb(&self) -> &'static str {
        match self {
            Self::NotApplicable => "lovlig umulig å oppføre tall",
            Self::NotAvailable => "tallgrunnlag mangler",
            Self::NotForPublication => "tall kan ikke offentliggjøres",
            Self::Confidential => "vises ikke av konfidensialitetshensyn",
            Self::Nil => "null (ikke lest som 0)",
            Self::Other(_) => "ukjent statussymbol",
            Self::Unspecified => "mangler, ingen årsak oppgitt",
            Self::NoObservation => "ingen observasjon",
        }
    }

    /// The meaning in English.
    pub fn meaning_en(&self) -> &'static str {
        match self {
            Self::NotApplicable => "category not applicable",
            Self::NotAvailable => "data not available",
            Self::NotForPublication => "not for publication",
            Self::Confidential => "confidential",
            Self::Nil => "nil (not read as 0)",
            Self::Other(_) => "unknown status symbol",
            Self::Unspecified => "missing, no reason given",
            Self::NoObservation => "no observation",
        }
    }

    /// Norwegian text with the symbol: `«..» (tallgrunnlag mangler)`.
    pub fn describe_nb(&self) -> String {
        match self.symbol() {
            Some(s) => format!("«{s}» ({})", self.meaning_nb()),
            None => self.meaning_nb().to_string(),
        }
    }

    /// English text with the symbol: `".." (data not available)`.
    pub fn describe_en(&self) -> String {
        match self.symbol() {
            Some(s) => format!("\"{s}\" ({})", self.meaning_en()),
            None => self.meaning_en().to_string(),
        }
    }
}

impl fmt::Display for MissingReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe_nb())
    }
}

/// A value, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// A number in the series' unit.
    Value(f64),
    /// No number, and why.
    Missing(MissingReason),
}

impl Cell {
    /// The value, if there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Value(v) => Some(*v),
            Cell::Missing(_) => None,
        }
    }

    /// The reason the value is missing, if it is.
    pub fn missing(&self) -> Option<&MissingReason> {
        match self {
            Cell::Value(_) => None,
            Cell::Missing(r) => Some(r),
        }
    }
}

/// Where an observation comes from.
///
/// Timestamps are kept as the text the source or the store gives (ISO 8601), since the engine
/// only shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Provenance {
    /// Source table id, e.g. SSB `07459`, or another source's dataset name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// URL the data was fetched from (or would be, for a bundled snapshot).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The source's release timestamp (JSON-stat `updated`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// When the store imported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_at: Option<String>,
    /// Made-up data from the documented generator, not a real statistic.
    pub synthetic: bool,
    /// Municipality codes summed into this value (e.g. `0220`, `0627`, `0628` for Asker before
    /// 2020); empty when the value was published for the code itself.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub components: Vec<String>,
    /// The figure is quoted from the plan document, not imported from its publisher.
    pub quoted_from_plan: bool,
    /// Free-text remark (e.g. which component was missing in a sum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Provenance {
    /// Provenance for a statistics table: its id and URL.
    pub fn table(table: impl Into<String>, source_url: impl Into<String>) -> Self {
        Provenance {
            table: Some(table.into()),
            source_url: Some(source_url.into()),
            ..Provenance::default()
        }
    }

    /// Provenance for a figure quoted from the plan document; `source` says where
    /// (e.g. "Temaplan næring, kap. 6").
    pub fn plan_quote(source: impl Into<String>) -> Self {
        Provenance {
            quoted_from_plan: true,
            note: Some(source.into()),
            ..Provenance::default()
        }
    }

    /// Sets the release timestamp.
    pub fn updated(mut self, updated: impl Into<String>) -> Self {
        self.updated = Some(updated.into());
        self
    }

    /// Sets the import timestamp.
    pub fn imported_at(mut self, at: impl Into<String>) -> Self {
        self.imported_at = Some(at.into());
        self
    }

    /// Marks the data synthetic (or not).
    pub fn synthetic(mut self, synthetic: bool) -> Self {
        self.synthetic = synthetic;
        self
    }

    /// Sets the component municipality codes the value was summed from.
    pub fn components<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.components = codes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the free-text note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// One line in Norwegian: `SSB-tabell 07459, oppdatert …, importert …, syntetisk, summert
    /// fra 0220 + 0627 + 0628, <url>`. Empty provenance reads `ingen kildeopplysninger`.
    pub fn describe_nb(&self) -> String {
        let mut parts = Vec::new();
        if self.quoted_from_plan {
            parts.push("sitert fra planen".to_string());
        }
        if let Some(t) = &self.table {
            if t.chars().all(|c| c.is_ascii_digit()) {
                parts.push(format!("SSB-tabell {t}"));
            } else {
                parts.push(format!("kilde {t}"));
            }
        }
        if let Some(u) = &self.updated {
            parts.push(format!("oppdatert {u}"));
        }
        if let Some(i) = &self.imported_at {
            parts.push(format!("importert {i}"));
        }
        if self.synthetic {
            parts.push("SYNTETISKE DATA".to_string());
        }
        if !self.components.is_empty() {
            parts.push(format!("summert fra {}", self.components.join(" + ")));
        }
        if let Some(n) = &self.note {
            parts.push(n.clone());
        }
        if let Some(u) = &self.source_url {
            parts.push(u.clone());
        }
        if parts.is_empty() {
            "ingen kildeopplysninger".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// One observation: a value or a missing reason, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Observation {
    /// The value or the reason there is none.
    pub cell: Cell,
    /// Where it comes from.
    pub provenance: Provenance,
}

impl Observation {
    /// An observed value.
    pub fn value(value: f64, provenance: Provenance) -> Self {
        Observation {
            cell: Cell::Value(value),
            provenance,
        }
    }

    /// A missing value with its reason.
    pub fn missing(reason: MissingReason, provenance: Provenance) -> Self {
        Observation {
            cell: Cell::Missing(reason),
            provenance,
        }
    }

    /// A missing value from an SSB status symbol (`".."` etc.).
    pub fn symbol(symbol: &str, provenance: Provenance) -> Self {
        Self::missing(MissingReason::from_symbol(symbol), provenance)
    }

    /// The placeholder for a key the table does not hold.
    pub fn absent() -> Self {
        Self::missing(MissingReason::NoObservation, Provenance::default())
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<f64> {
        self.cell.value()
    }
}

/// The key of an observation: municipality code, year, series (ordered so that all series of
/// one municipality and year sit together).
type Key = (String, Year, String);

/// A key looked up without building one: `(code, year, series)` borrowed. The map's keys
/// borrow as this trait object (the usual pattern for tuple keys), so [`Inputs::get`], called
/// for every input of every computation (a national table makes ~100 000 calls), allocates
/// nothing.
trait KeyView {
    fn parts(&self) -> (&str, Year, &str);
}

impl KeyView for Key {
    fn parts(&self) -> (&str, Year, &str) {
        (&self.0, self.1, &self.2)
    }
}

impl KeyView for (&str, Year, &str) {
    fn parts(&self) -> (&str, Year, &str) {
        *self
    }
}

impl<'a> std::borrow::Borrow<dyn KeyView + 'a> for Key {
    fn borrow(&self) -> &(dyn KeyView + 'a) {
        self
    }
}

impl PartialEq for dyn KeyView + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn KeyView + '_ {}

impl PartialOrd for dyn KeyView + '_ {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for dyn KeyView + '_ {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parts().cmp(&other.parts())
    }
}

/// The engine's input table: observations by (series, municipality code, year), plus published
/// figures by (indicator id, municipality code, year).
///
/// ```
/// use naeringsplan_engine::inputs::{series, Inputs, Observation, Provenance};
/// let mut inputs = Inputs::new();
/// let ssb = Provenance::table("07459", "https://data.ssb.no/api/v0/no/table/07459");
/// inputs.insert(series::POPULATION, "3203", 2024, Observation::value(98_000.0, ssb.clone()));
/// inputs.insert(series::POPULATION, "3203", 2025, Observation::symbol("..", ssb));
/// assert_eq!(inputs.value(series::POPULATION, "3203", 2024), Some(98_000.0));
/// assert_eq!(inputs.value(series::POPULATION, "3203", 2025), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Inputs {
    #[serde(serialize_with = "ser_observations")]
    observations: BTreeMap<Key, Observation>,
    #[serde(serialize_with = "ser_observations")]
    published: BTreeMap<Key, Observation>,
}

/// Serialises a keyed map as a list of `{code, year, key, observation}` rows.
fn ser_observations<S: serde::Serializer>(
    map: &BTreeMap<Key, Observation>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        code: &'a str,
        year: Year,
        key: &'a str,
        observation: &'a Observation,
    }
    s.collect_seq(map.iter().map(|((code, year, key), o)| Row {
        code,
        year: *year,
        key,
        observation: o,
    }))
}

impl Inputs {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Inserts (or replaces) the observation of `series` for municipality `code` in `year`;
    /// returns the one it replaced.
    pub fn insert(
        &mut self,
        series: impl Into<String>,
        code: impl Into<String>,
        year: Year,
        observation: Observation,
    ) -> Option<Observation> {
        self.observations
            .insert((code.into(), year, series.into()), observation)
    }

    /// Inserts (or replaces) an imported published figure for plan indicator `indicator_id`
    /// (e.g. a Kommune-NM rank from NHO's own tables); returns the one it replaced.
    pub fn insert_published(
        &mut self,
        indicator_id: impl Into<String>,
        code: impl Into<String>,
        year: Year,
        observation: Observation,
    ) -> Option<Observation> {
        self.published
            .insert((code.into(), year, indicator_id.into()), observation)
    }

    /// The observation of `series` for `code` in `year`, if the table holds one.
    pub fn get(&self, series: &str, code: &str, year: Year) -> Option<&Observation> {
        self.observations.get(&(code, year, series) as &dyn KeyView)
    }

    /// The value of `series` for `code` in `year`, if there is one.
    pub fn value(&self, series: &str, code: &str, year: Year) -> Option<f64> {
        self.get(series, code, year).and_then(Observation::as_value)
    }

    /// The imported published figure for an indicator, if the table holds one.
    pub fn published(&self, indicator_id: &str, code: &str, year: Year) -> Option<&Observation> {
        self.published
            .get(&(code, year, indicator_id) as &dyn KeyView)
    }

    /// Every observation of `code` in `year` whose series name starts with `prefix`, in series
    /// order.
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
        code: &'a str,
        year: Year,
    ) -> impl Iterator<Item = (&'a str, &'a Observation)> + 'a {
        self.observations
            .range((code.to_string(), year, prefix.to_string())..)
            .take_while(move |((c, y, s), _)| c == code && *y == year && s.starts_with(prefix))
            .map(|((_, _, s), o)| (s.as_str(), o))
    }

    /// The years that hold any observation of a series starting with `prefix` for `code`.
    pub fn years_with_prefix(&self, prefix: &str, code: &str) -> BTreeSet<Year> {
        self.observations
            .keys()
            .filter(|(c, _, s)| c == code && s.starts_with(prefix))
            .map(|(_, y, _)| *y)
            .collect()
    }

    /// The years with an imported published figure for an indicator and municipality.
    pub fn published_years(&self, indicator_id: &str, code: &str) -> BTreeSet<Year> {
        self.published
            .keys()
            .filter(|(c, _, i)| c == code && i == indicator_id)
            .map(|(_, y, _)| *y)
            .collect()
    }

    /// Every observation as `(series, code, year, observation)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, Year, &Observation)> {
        self.observations
            .iter()
            .map(|((c, y, s), o)| (s.as_str(), c.as_str(), *y, o))
    }

    /// Every imported published figure as `(indicator id, code, year, observation)`.
    pub fn iter_published(&self) -> impl Iterator<Item = (&str, &str, Year, &Observation)> {
        self.published
            .iter()
            .map(|((c, y, i), o)| (i.as_str(), c.as_str(), *y, o))
    }

    /// Number of observations (published figures not counted).
    pub fn len(&self) -> usize {
        self.observations.len()
    }

    /// Whether the table holds no observations and no published figures.
    pub fn is_empty(&self) -> bool {
        self.observations.is_empty() && self.published.is_empty()
    }
}

/// Municipality merges: target code → the component codes whose sums make it
/// (e.g. `3203` → `0220`, `0627`, `0628`).
pub type MergeMap = BTreeMap<String, Vec<String>>;

/// Builds target-level inputs from component-level inputs by summing each series' parts.
///
/// For every target code in `merges`, every series and every year that any component has an
/// observation for, the target's observation is the sum of the components' values; the
/// provenance lists the components, is synthetic if any part is, carries the latest `updated`
/// and `imported_at`, and keeps the table id and URL when all parts share them. If any
/// component lacks a value, the target has none either: its reason is the first missing
/// component's (or [`MissingReason::NoObservation`]) and the note names that component.
///
/// Every observation of the input is kept (components stay available for explanations), an
/// observation the table already holds for the target code itself wins over the sum (the source
/// published it for that code), and published figures are copied unchanged: ranks are not
/// additive.
///
/// Summing first is what makes ratios of merged municipalities right: a ratio computed from the
/// summed numerator and denominator weights each part by its size, while an average of the
/// parts' ratios does not.
pub fn sum_components(inputs: &Inputs, merges: &MergeMap) -> Inputs {
    let mut out = inputs.clone();
    for (target, parts) in merges {
        // (year, series) pairs any component has.
        let mut wanted: BTreeSet<(Year, String)> = BTreeSet::new();
        for (c, y, s) in inputs.observations.keys() {
            if parts.contains(c) {
                wanted.insert((*y, s.clone()));
            }
        }
        for (year, series) in wanted {
            let key = (target.clone(), year, series);
            if out.observations.contains_key(&key) {
                // Published for the target code itself: that figure wins over a sum.
                continue;
            }
            let obs = sum_parts(inputs, parts, &key.2, year);
            out.observations.insert(key, obs);
        }
    }
    out
}

/// Sums one series over `parts` for one year (see [`sum_components`]).
fn sum_parts(inputs: &Inputs, parts: &[String], series: &str, year: Year) -> Observation {
    let mut total = 0.0;
    let mut missing: Option<(String, MissingReason)> = None;
    let mut found: Vec<&Observation> = Vec::new();
    for code in parts {
        match inputs.get(series, code, year) {
            Some(o) => {
                found.push(o);
                match &o.cell {
                    Cell::Value(v) => total += v,
                    Cell::Missing(r) => {
                        if missing.is_none() {
                            missing = Some((code.clone(), r.clone()));
                        }
                    }
                }
            }
            None => {
                if missing.is_none() {
                    missing = Some((code.clone(), MissingReason::NoObservation));
                }
            }
        }
    }
    let first = found.first().map(|o| &o.provenance);
    let same = |f: fn(&Provenance) -> &Option<String>| -> Option<String> {
        let v = f(first?).clone();
        found
            .iter()
            .all(|o| f(&o.provenance) == &v)
            .then_some(v)
            .flatten()
    };
    let latest = |f: fn(&Provenance) -> &Option<String>| -> Option<String> {
        found.iter().filter_map(|o| f(&o.provenance).clone()).max()
    };
    let mut provenance = Provenance {
        table: same(|p| &p.table),
        source_url: same(|p| &p.source_url),
        updated: latest(|p| &p.updated),
        imported_at: latest(|p| &p.imported_at),
        synthetic: found.iter().any(|o| o.provenance.synthetic),
        components: parts.to_vec(),
        quoted_from_plan: found.iter().any(|o| o.provenance.quoted_from_plan),
        note: None,
    };
    match missing {
        None => Observation::value(total, provenance),
        Some((code, reason)) => {
            provenance.note = Some(format!(
                "delen {code} mangler: {}; summen er derfor ikke beregnet",
                reason.describe_nb()
            ));
            Observation::missing(reason, provenance)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ssb(table: &str) -> Provenance {
        Provenance::table(
            table,
            format!("https://data.ssb.no/api/v0/no/table/{table}"),
        )
    }

    #[test]
    fn symbols_round_trip_and_are_never_zero() {
        for s in [".", "..", "...", ":", "-"] {
            let r = MissingReason::from_symbol(s);
            assert_eq!(r.symbol(), Some(s));
            let o = Observation::symbol(s, Provenance::default());
            assert_eq!(o.as_value(), None, "{s} must not read as a value");
        }
        assert_eq!(MissingReason::from_symbol(""), MissingReason::Unspecified);
        assert_eq!(
            MissingReason::from_symbol("x"),
            MissingReason::Other("x".into())
        );
        assert_eq!(MissingReason::NoObservation.symbol(), None);
    }

    #[test]
    fn insert_get_and_prefix_scan() {
        let mut i = Inputs::new();
        assert!(i.is_empty());
        i.insert(
            series::JOBS,
            "3203",
            2023,
            Observation::value(1.0, ssb("07979")),
        );
        i.insert(
            series::jobs_by_industry("62"),
            "3203",
            2023,
            Observation::value(5.0, ssb("07984")),
        );
        i.insert(
            series::jobs_by_industry("10"),
            "3203",
            2023,
            Observation::value(7.0, ssb("07984")),
        );
        i.insert(
            series::jobs_by_industry("10"),
            "3203",
            2022,
            Observation::value(9.0, ssb("07984")),
        );
        let old = i.insert(
            series::JOBS,
            "3203",
            2023,
            Observation::value(2.0, ssb("07979")),
        );
        assert_eq!(old.unwrap().as_value(), Some(1.0));
        assert_eq!(i.value(series::JOBS, "3203", 2023), Some(2.0));
        assert_eq!(i.get(series::JOBS, "3203", 2022), None);
        let by: Vec<_> = i
            .with_prefix(series::JOBS_BY_INDUSTRY_PREFIX, "3203", 2023)
            .map(|(s, o)| (s.to_string(), o.as_value().unwrap()))
            .collect();
        assert_eq!(
            by,
            vec![
                ("jobs_by_industry:10".to_string(), 7.0),
                ("jobs_by_industry:62".to_string(), 5.0)
            ]
        );
        assert_eq!(
            i.years_with_prefix(series::JOBS_BY_INDUSTRY_PREFIX, "3203"),
            BTreeSet::from([2022, 2023])
        );
        assert_eq!(i.len(), 4);
        assert_eq!(series::industry_division("jobs_by_industry:05"), Some(5));
        assert_eq!(series::industry_division("jobs_by_industry:total"), None);
        assert_eq!(series::industry_division("jobs"), None);
    }

    #[test]
    fn sum_components_sums_and_keeps_provenance() {
        let mut i = Inputs::new();
        let p = |upd: &str| ssb("07459").updated(upd);
        i.insert(
            series::POPULATION,
            "0220",
            2019,
            Observation::value(61_523.0, p("2019-02-21")),
        );
        i.insert(
            series::POPULATION,
            "0627",
            2019,
            Observation::value(31_093.0, p("2019-02-21")),
        );
        i.insert(
            series::POPULATION,
            "0628",
            2019,
            Observation::value(9_500.0, p("2019-02-22").synthetic(true)),
        );
        i.insert(
            series::JOBS,
            "0220",
            2019,
            Observation::value(30_000.0, p("x")),
        );
        i.insert(series::JOBS, "0627", 2019, Observation::symbol(":", p("x")));
        i.insert(
            series::POPULATION,
            "3201",
            2019,
            Observation::value(1.0, p("y")),
        );
        let merges = MergeMap::from([(
            "3203".to_string(),
            vec!["0220".to_string(), "0627".to_string(), "0628".to_string()],
        )]);
        let out = sum_components(&i, &merges);
        let pop = out.get(series::POPULATION, "3203", 2019).unwrap();
        assert_eq!(pop.as_value(), Some(102_116.0));
        assert_eq!(pop.provenance.components, vec!["0220", "0627", "0628"]);
        assert!(
            pop.provenance.synthetic,
            "one synthetic part makes the sum synthetic"
        );
        assert_eq!(pop.provenance.updated.as_deref(), Some("2019-02-22"));
        assert_eq!(pop.provenance.table.as_deref(), Some("07459"));
        let jobs = out.get(series::JOBS, "3203", 2019).unwrap();
        assert_eq!(jobs.cell, Cell::Missing(MissingReason::Confidential));
        assert!(jobs.provenance.note.as_deref().unwrap().contains("0627"));
        // Untouched codes are copied; components kept.
        assert_eq!(out.value(series::POPULATION, "3201", 2019), Some(1.0));
        assert_eq!(out.value(series::POPULATION, "0220", 2019), Some(61_523.0));
    }

    #[test]
    fn target_code_own_observation_wins_over_the_sum() {
        let mut i = Inputs::new();
        i.insert(
            series::JOBS,
            "0220",
            2024,
            Observation::value(10.0, ssb("07979")),
        );
        i.insert(
            series::JOBS,
            "0627",
            2024,
            Observation::value(5.0, ssb("07979")),
        );
        i.insert(
            series::JOBS,
            "3203",
            2024,
            Observation::value(16.0, ssb("07979")),
        );
        i.insert(
            series::JOBS,
            "0220",
            2019,
            Observation::value(9.0, ssb("07979")),
        );
        i.insert(
            series::JOBS,
            "0627",
            2019,
            Observation::value(4.0, ssb("07979")),
        );
        let merges = MergeMap::from([("3203".to_string(), vec!["0220".into(), "0627".into()])]);
        let out = sum_components(&i, &merges);
        let own = out.get(series::JOBS, "3203", 2024).unwrap();
        assert_eq!(own.as_value(), Some(16.0));
        assert!(own.provenance.components.is_empty());
        assert_eq!(out.value(series::JOBS, "3203", 2019), Some(13.0));
    }

    #[test]
    fn sum_components_missing_part_is_no_observation() {
        let mut i = Inputs::new();
        i.insert(
            series::JOBS,
            "0220",
            2018,
            Observation::value(10.0, ssb("07979")),
        );
        let merges = MergeMap::from([("3025".to_string(), vec!["0220".into(), "0627".into()])]);
        let out = sum_components(&i, &merges);
        let o = out.get(series::JOBS, "3025", 2018).unwrap();
        assert_eq!(o.cell, Cell::Missing(MissingReason::NoObservation));
        assert!(o.provenance.note.as_deref().unwrap().contains("0627"));
    }

    #[test]
    fn provenance_text() {
        let p = ssb("07459")
            .updated("2024-02-21T08:00:00Z")
            .imported_at("2024-03-01")
            .synthetic(true)
            .components(["0220", "0627", "0628"]);
        let t = p.describe_nb();
        assert!(
            t.starts_with("SSB-tabell 07459, oppdatert 2024-02-21T08:00:00Z"),
            "{t}"
        );
        assert!(t.contains("SYNTETISKE DATA"));
        assert!(t.contains("summert fra 0220 + 0627 + 0628"));
        assert!(t.ends_with("https://data.ssb.no/api/v0/no/table/07459"));
        assert_eq!(
            Provenance::default().describe_nb(),
            "ingen kildeopplysninger"
        );
        assert!(
            Provenance::plan_quote("kap. 6")
                .describe_nb()
                .starts_with("sitert fra planen")
        );
    }
}
