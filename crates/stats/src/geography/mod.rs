//! Municipalities and counties over time: which codes are valid at a date, how codes changed
//! (mergers, splits, renumbering), and carrying a series observed on one date's geography to
//! another's.
//!
//! Built from KLASS code lists and change tables ([`GeographyBuilder`]); [`Geography::bundled`]
//! holds the offline snapshot from 2017 onwards (`data/klass/`, origins in its README). Dates
//! follow KLASS: `valid_from` is the first valid day, `valid_to` the first day no longer valid.
//!
//! Asker, for instance: 0220 Asker, 0627 Røyken and 0628 Hurum merged into 3025 Asker on
//! 2020-01-01, renumbered 3203 on 2024-01-01 when county 30 Viken (2020–2023) was split.

mod bundled;
mod mapping;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use time::Date;

use crate::klass::{KlassChange, KlassCode, KlassError};

pub use bundled::{BUNDLED_FILES, BUNDLED_README, BundledFile, BundledKind};
pub use mapping::{Additivity, Component, MappedSeries, MappedValue, Series, SplitWeights};

/// The municipality code in an SSB region code: `"K-3025"` (PxWebApi v0/v1 aggregations such
/// as `agg:KommSummer`) or `"3025"` → `Some("3025")`; anything else (`"K-Rest"`, `"K-21-22"`,
/// county or national codes) → `None`.
pub fn municipality_code(region: &str) -> Option<&str> {
    let code = region.strip_prefix("K-").unwrap_or(region);
    (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// KLASS 131, four-digit municipality (*kommune*) codes.
    Municipality,
    /// KLASS 104, two-digit county (*fylke*) codes.
    County,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Municipality => "municipality",
            Level::County => "county",
        })
    }
}

/// A code with one name over one unbroken period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeVersion {
    /// The code, e.g. `"3025"` or `"30"`.
    pub code: String,
    /// The name in this period, e.g. `"Asker"`.
    pub name: String,
    /// First valid day; `None` = valid since before the geography's coverage start.
    pub valid_from: Option<Date>,
    /// First day no longer valid (exclusive); `None` = still valid.
    pub valid_to: Option<Date>,
}

impl CodeVersion {
    /// Whether the code (with this name) is valid on `date`.
    pub fn is_valid_at(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date < t)
    }

    /// The last valid day, if the code has ended.
    pub fn last_day(&self) -> Option<Date> {
        self.valid_to.and_then(Date::previous_day)
    }
}

/// One recorded change: `old_code` became (part of) `new_code` on `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The code before.
    pub old_code: String,
    /// The name before.
    pub old_name: Option<String>,
    /// The code after (equal to `old_code` for a change of name only).
    pub new_code: String,
    /// The name after.
    pub new_name: Option<String>,
    /// The first day of the new code.
    pub date: Date,
}

/// A geography error: invalid codes and dates, and refused mappings, with the codes named.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeographyError {
    /// The date lies before the first code list.
    #[error("{date} is before {coverage_start}, the start of the geography's code lists")]
    BeforeCoverage {
        /// The date asked for.
        date: Date,
        /// The first day covered.
        coverage_start: Date,
    },
    /// The code is not valid on that date.
    #[error("{code} is not a {level} code valid on {date}{hint}")]
    NotValid {
        /// Municipality or county.
        level: Level,
        /// The code.
        code: String,
        /// The date.
        date: Date,
        /// When the code was valid, e.g. " (0220 was valid until 2019-12-31)".
        hint: String,
    },
    /// A code was split and the caller gave no weights for the parts.
    #[error(
        "{code} was split on {date} into {}: a sum cannot be shared out without weights \
         (give SplitWeights for {code} → each part)",
        targets.join(", ")
    )]
    SplitNeedsWeights {
        /// The split code.
        code: String,
        /// When it was split.
        date: Date,
        /// The codes it was split into.
        targets: Vec<String>,
    },
    /// Weights for a split are incomplete or do not sum to 1.
    #[error("weights for the split of {code} into {} must be given for every part and sum to 1, found {found}", targets.join(", "))]
    BadWeights {
        /// The split code.
        code: String,
        /// The codes it was split into.
        targets: Vec<String>,
        /// What was given.
        found: String,
    },
    /// A ratio or non-additive series would have to be summed or shared out.
    #[error("{0}")]
    NotSummable(Box<NotSummable>),
    /// Mapping to an earlier geography would need a sum divided into its parts.
    #[error("{0}")]
    Backward(Box<Backward>),
    /// Numerator and denominator of a ratio do not fit together.
    #[error("ratio {name:?}: {message}")]
    RatioParts {
        /// The ratio's name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// An error about one code of a named series.
    #[error("series {series:?}: {source}")]
    InSeries {
        /// The series name.
        series: String,
        /// The error.
        source: Box<GeographyError>,
    },
    /// The code lists and change tables do not fit together.
    #[error("inconsistent geography data: {0}")]
    Data(String),
    /// A bundled or supplied KLASS file could not be read.
    #[error("{file}: {source}")]
    Klass {
        /// The file name.
        file: String,
        /// The reading error.
        source: KlassError,
    },
}

type Result<T> = std::result::Result<T, GeographyError>;

/// Details of [`GeographyError::NotSummable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSummable {
    /// The series name.
    pub series: String,
    /// "a ratio (numerator / denominator)" or "not additive".
    pub kind: String,
    /// The target code.
    pub target: String,
    /// The target date.
    pub date: Date,
    /// The codes on the series' own date that make up the target ("part of …" if split).
    pub components: Vec<String>,
    /// The series' own date.
    pub from: Date,
    /// What to do instead.
    pub advice: String,
}

impl fmt::Display for NotSummable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "series {:?} is {} and cannot be summed: {} on the geography of {} is made of {} \
             (as of {}); {}",
            self.series,
            self.kind,
            self.target,
            self.date,
            self.components.join(", "),
            self.from,
            self.advice
        )
    }
}

/// Details of [`GeographyError::Backward`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backward {
    /// The series name.
    pub series: String,
    /// The code on the later geography.
    pub code: String,
    /// The change date where the code has several parts.
    pub date: Date,
    /// The codes it was formed from.
    pub predecessors: Vec<String>,
    /// The series' own date.
    pub from: Date,
    /// The date asked for.
    pub to: Date,
}

impl fmt::Display for Backward {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "series {:?} cannot be mapped back from {} to {}: {} was formed on {} from {}, \
             and a sum cannot be divided back into its parts",
            self.series,
            self.from,
            self.to,
            self.code,
            self.date,
            self.predecessors.join(", ")
        )
    }
}

/// Municipality and county codes over time, with the changes between them.
#[derive(Debug, Clone)]
pub struct Geography {
    coverage_start: Date,
    municipalities: Vec<CodeVersion>,
    counties: Vec<CodeVersion>,
    changes: Vec<Change>,
    by_old: HashMap<String, Vec<usize>>,
    by_new: HashMap<String, Vec<usize>>,
    change_dates: Vec<Date>,
}

/// A municipality code list: first valid day, first day no longer valid, `(code, name)` pairs.
type CodeList = (Date, Option<Date>, Vec<(String, String)>);

/// Assembles a [`Geography`] from KLASS code lists and change tables, then checks that they fit.
#[derive(Debug, Clone, Default)]
pub struct GeographyBuilder {
    lists: Vec<CodeList>,
    counties: Vec<CodeVersion>,
    changes: Vec<Change>,
}

impl GeographyBuilder {
    /// Adds the municipality code list valid from `valid_from` until `valid_to` (exclusive;
    /// `None` = still valid). Lists must follow each other without gaps; the first list's start
    /// is the coverage start.
    pub fn municipality_list(
        &mut self,
        valid_from: Date,
        valid_to: Option<Date>,
        codes: &[KlassCode],
    ) -> &mut Self {
        let pairs = codes
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect();
        self.lists.push((valid_from, valid_to, pairs));
        self
    }

    /// Adds counties with their own `valid_from`/`valid_to` (KLASS 104; `None` from = since
    /// before coverage, `None` to = still valid).
    pub fn counties(&mut self, codes: &[KlassCode]) -> &mut Self {
        self.counties.extend(codes.iter().map(|c| CodeVersion {
            code: c.code.clone(),
            name: c.name.clone(),
            valid_from: c.valid_from,
            valid_to: c.valid_to,
        }));
        self
    }

    /// Adds municipality change records.
    pub fn changes(&mut self, changes: &[KlassChange]) -> &mut Self {
        self.changes.extend(changes.iter().map(|c| Change {
            old_code: c.old_code.clone(),
            old_name: c.old_name.clone(),
            new_code: c.new_code.clone(),
            new_name: c.new_name.clone(),
            date: c.change_occurred,
        }));
        self
    }

    /// Checks the lists and changes against each other and builds the geography: every code
    /// that ends at a list boundary has a change record, every new code is the target of one,
    /// every change links a code valid the day before to one valid on the day, and every
    /// municipality has a county valid at each list start.
    pub fn build(&self) -> Result<Geography> {
        let mut lists = self.lists.clone();
        lists.sort_by_key(|l| l.0);
        let Some(coverage_start) = lists.first().map(|l| l.0) else {
            return Err(GeographyError::Data("no municipality code list".into()));
        };
        for w in lists.windows(2) {
            if w[0].1 != Some(w[1].0) {
                return Err(GeographyError::Data(format!(
                    "the code list from {} ends {} but the next starts {}",
                    w[0].0,
                    w[0].1.map_or("never".to_owned(), |d| d.to_string()),
                    w[1].0
                )));
            }
        }

        // Merge the lists into versions: one per code and name over an unbroken period.
        let mut municipalities: Vec<CodeVersion> = Vec::new();
        let mut open: HashMap<String, usize> = HashMap::new();
        for (i, (from, to, pairs)) in lists.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for (code, name) in pairs {
                check_code(code, 4, Level::Municipality)?;
                if !seen.insert(code.as_str()) {
                    return Err(GeographyError::Data(format!(
                        "municipality {code} is listed twice in the list from {from}"
                    )));
                }
                match open.get(code).map(|&v| &mut municipalities[v]) {
                    Some(v) if v.name == *name && v.valid_to == Some(*from) => v.valid_to = *to,
                    _ => {
                        open.insert(code.clone(), municipalities.len());
                        municipalities.push(CodeVersion {
                            code: code.clone(),
                            name: name.clone(),
                            valid_from: (i > 0).then_some(*from),
                            valid_to: *to,
                        });
                    }
                }
            }
        }
        municipalities.sort_by(|a, b| (&a.code, a.valid_from).cmp(&(&b.code, b.valid_from)));

        let mut counties = self.counties.clone();
        for c in &counties {
            check_code(&c.code, 2, Level::County)?;
        }
        counties.sort_by(|a, b| (&a.code, a.valid_from).cmp(&(&b.code, b.valid_from)));

        let mut changes = self.changes.clone();
        changes.sort_by(|a, b| {
            (a.date, &a.old_code, &a.new_code).cmp(&(b.date, &b.old_code, &b.new_code))
        });
        changes.dedup_by(|a, b| {
            (a.date, &a.old_code, &a.new_code) == (b.date, &b.old_code, &b.new_code)
        });
        let mut by_old: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_new: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in changes.iter().enumerate() {
            by_old.entry(c.old_code.clone()).or_default().push(i);
            by_new.entry(c.new_code.clone()).or_default().push(i);
        }
        let change_dates: Vec<Date> = changes
            .iter()
            .map(|c| c.date)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();

        let geo = Geography {
            coverage_start,
            municipalities,
            counties,
            changes,
            by_old,
            by_new,
            change_dates,
        };
        geo.check(&lists)?;
        Ok(geo)
    }
}

fn check_code(code: &str, digits: usize, level: Level) -> Result<()> {
    if code.len() == digits && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(GeographyError::Data(format!(
            "{level} code {code:?} is not {digits} digits"
        )))
    }
}

fn day_before(date: Date) -> Result<Date> {
    date.previous_day()
        .ok_or_else(|| GeographyError::Data(format!("no day before {date}")))
}

impl Geography {
    /// Starts a [`GeographyBuilder`].
    pub fn builder() -> GeographyBuilder {
        GeographyBuilder::default()
    }

    fn check(&self, lists: &[CodeList]) -> Result<()> {
        let valid = |code: &str, d: Date| self.version(Level::Municipality, code, d).is_some();
        for c in &self.changes {
            if c.date <= self.coverage_start {
                continue;
            }
            let before = day_before(c.date)?;
            if !valid(&c.old_code, before) {
                return Err(GeographyError::Data(format!(
                    "change {} → {} on {}: {} is not a municipality on {before}",
                    c.old_code, c.new_code, c.date, c.old_code
                )));
            }
            if !valid(&c.new_code, c.date) {
                return Err(GeographyError::Data(format!(
                    "change {} → {} on {}: {} is not a municipality on {}",
                    c.old_code, c.new_code, c.date, c.new_code, c.date
                )));
            }
        }
        for (from, _, _) in lists.iter().skip(1) {
            let t = *from;
            let before = day_before(t)?;
            let recs_at = |idx: Option<&Vec<usize>>| -> Vec<&Change> {
                idx.map(|v| {
                    v.iter()
                        .map(|&i| &self.changes[i])
                        .filter(|c| c.date == t)
                        .collect()
                })
                .unwrap_or_default()
            };
            for code in self.codes_valid(Level::Municipality, before) {
                let out = recs_at(self.by_old.get(code));
                let continues = valid(code, t);
                if !continues && out.is_empty() {
                    return Err(GeographyError::Data(format!(
                        "municipality {code} ends on {before} but no change on {t} says what it became"
                    )));
                }
                if continues && !out.is_empty() && !out.iter().any(|c| c.new_code == code) {
                    return Err(GeographyError::Data(format!(
                        "municipality {code} continues after {t} but its changes on {t} move it to {}",
                        out.iter()
                            .map(|c| c.new_code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
            for code in self.codes_valid(Level::Municipality, t) {
                if !valid(code, before) && recs_at(self.by_new.get(code)).is_empty() {
                    return Err(GeographyError::Data(format!(
                        "municipality {code} starts on {t} but no change on {t} says where it came from"
                    )));
                }
            }
        }
        if !self.counties.is_empty() {
            for (from, _, _) in lists {
                for code in self.codes_valid(Level::Municipality, *from) {
                    if self.version(Level::County, &code[..2], *from).is_none() {
                        return Err(GeographyError::Data(format!(
                            "municipality {code} has no county {} valid on {from}",
                            &code[..2]
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    fn versions(&self, level: Level) -> &[CodeVersion] {
        match level {
            Level::Municipality => &self.municipalities,
            Level::County => &self.counties,
        }
    }

    fn version(&self, level: Level, code: &str, date: Date) -> Option<&CodeVersion> {
        let all = self.versions(level);
        let start = all.partition_point(|v| v.code.as_str() < code);
        all[start..]
            .iter()
            .take_while(|v| v.code == code)
            .find(|v| v.is_valid_at(date))
    }

    fn codes_valid(&self, level: Level, date: Date) -> Vec<&str> {
        self.versions(level)
            .iter()
            .filter(|v| v.is_valid_at(date))
            .map(|v| v.code.as_str())
            .collect()
    }

    fn covered(&self, date: Date) -> Result<()> {
        if date < self.coverage_start {
            Err(GeographyError::BeforeCoverage {
                date,
                coverage_start: self.coverage_start,
            })
        } else {
            Ok(())
        }
    }

    fn not_valid(&self, level: Level, code: &str, date: Date) -> GeographyError {
        let versions = self.versions_of(level, code);
        let hint = match (versions.first(), versions.last()) {
            (Some(first), Some(last)) => match (first.valid_from, last.last_day()) {
                (Some(from), _) if date < from => format!(" ({code} is valid from {from})"),
                (None, Some(end)) => format!(" ({code} was valid until {end})"),
                (Some(from), Some(end)) => format!(" ({code} was valid {from} – {end})"),
                _ => String::new(),
            },
            _ => " (no such code in the code lists)".to_owned(),
        };
        GeographyError::NotValid {
            level,
            code: code.to_owned(),
            date,
            hint,
        }
    }

    /// The first day covered by the code lists.
    pub fn coverage_start(&self) -> Date {
        self.coverage_start
    }

    /// Every municipality valid on `date`, ordered by code.
    pub fn municipalities_at(&self, date: Date) -> Result<Vec<&CodeVersion>> {
        self.at(Level::Municipality, date)
    }

    /// Every county valid on `date`, ordered by code.
    pub fn counties_at(&self, date: Date) -> Result<Vec<&CodeVersion>> {
        self.at(Level::County, date)
    }

    fn at(&self, level: Level, date: Date) -> Result<Vec<&CodeVersion>> {
        self.covered(date)?;
        Ok(self
            .versions(level)
            .iter()
            .filter(|v| v.is_valid_at(date))
            .collect())
    }

    /// The municipality `code` as valid on `date`, or an error saying when it was valid.
    pub fn municipality(&self, code: &str, date: Date) -> Result<&CodeVersion> {
        self.covered(date)?;
        self.version(Level::Municipality, code, date)
            .ok_or_else(|| self.not_valid(Level::Municipality, code, date))
    }

    /// The county `code` as valid on `date`, or an error saying when it was valid.
    pub fn county(&self, code: &str, date: Date) -> Result<&CodeVersion> {
        self.covered(date)?;
        self.version(Level::County, code, date)
            .ok_or_else(|| self.not_valid(Level::County, code, date))
    }

    /// Every version (name and period) a code has had, oldest first.
    pub fn versions_of(&self, level: Level, code: &str) -> Vec<&CodeVersion> {
        self.versions(level)
            .iter()
            .filter(|v| v.code == code)
            .collect()
    }

    /// The county of a municipality on `date`: the county whose code is the first two digits of
    /// the municipality code valid then.
    pub fn county_of(&self, municipality: &str, date: Date) -> Result<&CodeVersion> {
        let m = self.municipality(municipality, date)?;
        self.county(&m.code[..2], date)
    }

    /// The municipalities of a county on `date`, ordered by code.
    pub fn municipalities_in_county(&self, county: &str, date: Date) -> Result<Vec<&CodeVersion>> {
        self.county(county, date)?;
        Ok(self
            .municipalities_at(date)?
            .into_iter()
            .filter(|m| m.code.starts_with(county))
            .collect())
    }

    /// All change records, ordered by date, old code, new code.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The changes recorded for `code` as the old code (what it became).
    pub fn changes_from(&self, code: &str) -> Vec<&Change> {
        self.indexed(self.by_old.get(code))
    }

    /// The changes recorded with `code` as the new code (what it came from).
    pub fn changes_into(&self, code: &str) -> Vec<&Change> {
        self.indexed(self.by_new.get(code))
    }

    fn indexed(&self, idx: Option<&Vec<usize>>) -> Vec<&Change> {
        idx.map(|v| v.iter().map(|&i| &self.changes[i]).collect())
            .unwrap_or_default()
    }

    /// Every recorded change reachable forward from `code` as valid on `date`, in date order:
    /// for 0220 in 2019, `0220 → 3025` (2020-01-01) and `3025 → 3203` (2024-01-01). A code that
    /// carries on unchanged while others merge into it has no record of its own.
    pub fn chain_forward(&self, code: &str, date: Date) -> Result<Vec<&Change>> {
        self.municipality(code, date)?;
        let mut out: Vec<&Change> = Vec::new();
        let mut current: BTreeSet<String> = BTreeSet::from([code.to_owned()]);
        let later: Vec<Date> = self
            .change_dates
            .iter()
            .copied()
            .filter(|&d| d > date)
            .collect();
        for t in later {
            let mut next = BTreeSet::new();
            for c in &current {
                out.extend(self.changes_from(c).into_iter().filter(|ch| ch.date == t));
                next.extend(self.step(c, t)?);
            }
            current = next;
        }
        Ok(out)
    }

    /// Every recorded change reachable backward from `code` as valid on `date`, newest first:
    /// for 3203 in 2024, `3025 → 3203` and then `0220`, `0627`, `0628 → 3025`.
    pub fn chain_backward(&self, code: &str, date: Date) -> Result<Vec<&Change>> {
        self.municipality(code, date)?;
        let mut out: Vec<&Change> = Vec::new();
        let mut current: BTreeSet<String> = BTreeSet::from([code.to_owned()]);
        let earlier: Vec<Date> = self
            .change_dates
            .iter()
            .rev()
            .copied()
            .filter(|&d| d <= date && d > self.coverage_start)
            .collect();
        for t in earlier {
            let before = day_before(t)?;
            let mut next = BTreeSet::new();
            for c in &current {
                let into: Vec<&Change> = self
                    .changes_into(c)
                    .into_iter()
                    .filter(|ch| ch.date == t)
                    .collect();
                next.extend(into.iter().map(|ch| ch.old_code.clone()));
                out.extend(into);
                if self.version(Level::Municipality, c, before).is_some() {
                    next.insert(c.clone());
                }
            }
            current = next;
        }
        Ok(out)
    }

    /// The codes valid on `to` that the municipality `code` (valid on `from`) became, `from` ≤ `to`:
    /// 0220 in 2019 → `["3203"]` in 2024; 1850 Tysfjord in 2019 → `["1806", "1875"]` in 2020.
    pub fn successors(&self, code: &str, from: Date, to: Date) -> Result<Vec<String>> {
        self.municipality(code, from)?;
        self.covered(to)?;
        let shares = self.forward_structure(code, from, to)?;
        Ok(shares.into_keys().collect())
    }

    /// The codes valid on `earlier` that became (part of) the municipality `code` valid on `at`:
    /// 3203 in 2024 → `["0220", "0627", "0628"]` in 2019.
    pub fn predecessors(&self, code: &str, at: Date, earlier: Date) -> Result<Vec<String>> {
        self.municipality(code, at)?;
        self.covered(earlier)?;
        let mut out = BTreeSet::new();
        for m in self.codes_valid(Level::Municipality, earlier) {
            if self.forward_structure(m, earlier, at)?.contains_key(code) {
                out.insert(m.to_owned());
            }
        }
        Ok(out.into_iter().collect())
    }

    /// The change dates in `(from, to]`.
    fn dates_between(&self, from: Date, to: Date) -> impl Iterator<Item = Date> + '_ {
        self.change_dates
            .iter()
            .copied()
            .filter(move |&d| from < d && d <= to)
    }

    /// What `code` became at change date `t`: the targets of its records on `t`, or itself if it
    /// carries on.
    fn step(&self, code: &str, t: Date) -> Result<Vec<String>> {
        let mut targets: Vec<String> = self
            .changes_from(code)
            .into_iter()
            .filter(|c| c.date == t)
            .map(|c| c.new_code.clone())
            .collect();
        targets.dedup();
        if !targets.is_empty() {
            return Ok(targets);
        }
        if self.version(Level::Municipality, code, t).is_some() {
            return Ok(vec![code.to_owned()]);
        }
        Err(GeographyError::Data(format!(
            "municipality {code} ends before {t} but no change says what it became"
        )))
    }

    /// The targets on `to` of `code` on `from`, each flagged `true` if the way there passes a
    /// split (so only part of the code's value belongs to it).
    pub(crate) fn forward_structure(
        &self,
        code: &str,
        from: Date,
        to: Date,
    ) -> Result<BTreeMap<String, bool>> {
        let mut current: BTreeMap<String, bool> = BTreeMap::from([(code.to_owned(), false)]);
        for t in self.dates_between(from, to) {
            let mut next: BTreeMap<String, bool> = BTreeMap::new();
            for (c, split) in current {
                let targets = self.step(&c, t)?;
                let now_split = split || targets.len() > 1;
                for target in targets {
                    *next.entry(target).or_default() |= now_split;
                }
            }
            current = next;
        }
        Ok(current)
    }

    /// The share of `code`'s value (on `from`) that belongs to each target on `to`, using
    /// `weights` at every split; a split without weights is an error.
    pub(crate) fn forward_shares(
        &self,
        code: &str,
        from: Date,
        to: Date,
        weights: &SplitWeights,
    ) -> Result<BTreeMap<String, f64>> {
        let mut current: BTreeMap<String, f64> = BTreeMap::from([(code.to_owned(), 1.0)]);
        for t in self.dates_between(from, to) {
            let mut next: BTreeMap<String, f64> = BTreeMap::new();
            for (c, share) in current {
                let targets = self.step(&c, t)?;
                let shares = if targets.len() == 1 {
                    vec![1.0]
                } else {
                    weights.shares(&c, &targets)?.ok_or_else(|| {
                        GeographyError::SplitNeedsWeights {
                            code: c.clone(),
                            date: t,
                            targets: targets.clone(),
                        }
                    })?
                };
                for (target, s) in targets.into_iter().zip(shares) {
                    *next.entry(target).or_default() += share * s;
                }
            }
            current = next;
        }
        Ok(current)
    }
}
