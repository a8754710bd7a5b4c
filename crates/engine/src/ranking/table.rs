//! [`SeriesTable`]: a dense matrix of series values by (year, series, municipality), the
//! ranking's fast input.
//!
//! The engine's general input model ([`Inputs`]) is a sorted map keyed by strings, right for
//! explaining one indicator and slow for ranking 357 municipalities × 19 indicators × many years.
//! A `SeriesTable` holds the same numbers in one `Vec<f64>` laid out year-major, then series,
//! then municipality, so that one series in one year is a contiguous column; a missing value is
//! NaN in the matrix, and its reason (when it is not simply "no observation") is kept on the
//! side. Each cell also carries the synthetic flag of its observation.
//!
//! ```
//! use naeringsplan_engine::ranking::SeriesTable;
//! let mut t = SeriesTable::new(["3203", "3201"], ["jobs", "population"], 2019..=2020).unwrap();
//! t.set("jobs", "3203", 2020, 37_000.0, true).unwrap();
//! assert_eq!(t.get("jobs", "3203", 2020), Some(37_000.0));
//! assert!(t.is_synthetic("jobs", "3203", 2020));
//! assert_eq!(t.get("jobs", "3201", 2020), None);
//! assert!(t.set("jobs", "9999", 2020, 1.0, false).is_err());
//! ```

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::RangeInclusive;

use plan::Year;
use serde::Serialize;
use thiserror::Error;

use crate::inputs::{Cell, Inputs, MissingReason};

/// What can go wrong building a [`SeriesTable`].
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TableError {
    /// A municipality code listed twice.
    #[error("municipality code `{0}` is listed twice")]
    DuplicateCode(String),
    /// A series listed twice.
    #[error("series `{0}` is listed twice")]
    DuplicateSeries(String),
    /// A code the table was not built with.
    #[error("municipality code `{0}` is not in the table")]
    UnknownCode(String),
    /// A series the table was not built with.
    #[error("series `{0}` is not in the table")]
    UnknownSeries(String),
    /// A year outside the table's years.
    #[error("year {year} is outside the table's years {first}–{last}")]
    YearOutOfRange {
        /// The year given.
        year: Year,
        /// The table's first year.
        first: Year,
        /// The table's last year.
        last: Year,
    },
}

/// FNV-1a: a fast hasher for short keys (municipality codes, series names). The keys come from
/// the caller's own data, so the flooding resistance of the default hasher buys nothing here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// A hash map with the [`Fnv`] hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A dense matrix of series values by (year, series, municipality): one `Vec<f64>` laid out
/// year-major, then series, then municipality, so that one series in one year is a contiguous
/// column. A missing value is NaN in the matrix, its reason (when it is not simply "no
/// observation") kept on the side; every cell carries its observation's synthetic flag.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(into = "TableWire", try_from = "TableWire")]
pub struct SeriesTable {
    codes: Vec<String>,
    code_index: FastMap<String, usize>,
    series: Vec<String>,
    series_index: FastMap<String, usize>,
    first_year: Year,
    n_years: usize,
    values: Vec<f64>,
    synthetic: Vec<bool>,
    reasons: FastMap<usize, MissingReason>,
}

/// A [`SeriesTable`] as written and read (a stored computation, `app::cache`): the matrix with
/// a missing value as `null`, the missing reasons by cell index; the indexes are rebuilt on
/// reading and the shape is checked.
#[derive(Serialize, serde::Deserialize)]
struct TableWire {
    codes: Vec<String>,
    series: Vec<String>,
    first_year: Year,
    n_years: usize,
    values: Vec<Option<f64>>,
    synthetic: Vec<bool>,
    reasons: Vec<(usize, MissingReason)>,
}

impl From<SeriesTable> for TableWire {
    fn from(t: SeriesTable) -> Self {
        let mut reasons: Vec<(usize, MissingReason)> = t.reasons.into_iter().collect();
        reasons.sort_by_key(|(i, _)| *i);
        TableWire {
            codes: t.codes,
            series: t.series,
            first_year: t.first_year,
            n_years: t.n_years,
            values: t
                .values
                .iter()
                .map(|v| (!v.is_nan()).then_some(*v))
                .collect(),
            synthetic: t.synthetic,
            reasons,
        }
    }
}

impl TryFrom<TableWire> for SeriesTable {
    type Error = String;

    fn try_from(w: TableWire) -> Result<Self, String> {
        #[allow(clippy::reversed_empty_ranges)] // a table with no years
        let years = if w.n_years == 0 {
            w.first_year..=w.first_year - 1
        } else {
            w.first_year..=w.first_year + (w.n_years as Year - 1)
        };
        let mut t = SeriesTable::new(w.codes, w.series, years).map_err(|e| e.to_string())?;
        let n = t.values.len();
        if w.values.len() != n || w.synthetic.len() != n || w.reasons.iter().any(|(i, _)| *i >= n) {
            return Err(format!(
                "a series table of {n} cells read with {} values, {} flags",
                w.values.len(),
                w.synthetic.len()
            ));
        }
        t.values = w
            .values
            .into_iter()
            .map(|v| v.unwrap_or(f64::NAN))
            .collect();
        t.synthetic = w.synthetic;
        t.reasons = w.reasons.into_iter().collect();
        Ok(t)
    }
}

impl SeriesTable {
    /// An empty table (every cell missing, no reason recorded) for these municipality codes,
    /// series and years. An empty year range gives a table with no years.
    pub fn new<C, S>(
        codes: impl IntoIterator<Item = C>,
        series: impl IntoIterator<Item = S>,
        years: RangeInclusive<Year>,
    ) -> Result<Self, TableError>
    where
        C: Into<String>,
        S: Into<String>,
    {
        let codes: Vec<String> = codes.into_iter().map(Into::into).collect();
        let series: Vec<String> = series.into_iter().map(Into::into).collect();
        let mut code_index = FastMap::with_capacity_and_hasher(codes.len(), Default::default());
        for (i, c) in codes.iter().enumerate() {
            if code_index.insert(c.clone(), i).is_some() {
                return Err(TableError::DuplicateCode(c.clone()));
            }
        }
        let mut series_index = FastMap::with_capacity_and_hasher(series.len(), Default::default());
        for (i, s) in series.iter().enumerate() {
            if series_index.insert(s.clone(), i).is_some() {
                return Err(TableError::DuplicateSeries(s.clone()));
            }
        }
        let (first_year, n_years) = if years.is_empty() {
            (*years.start(), 0)
        } else {
            (
                *years.start(),
                (*years.end() as i64 - *years.start() as i64 + 1) as usize,
            )
        };
        let n = n_years * series.len() * codes.len();
        Ok(SeriesTable {
            codes,
            code_index,
            series,
            series_index,
            first_year,
            n_years,
            values: vec![f64::NAN; n],
            synthetic: vec![false; n],
            reasons: FastMap::default(),
        })
    }

    /// The table of every observation in `inputs`: its municipality codes and series in sorted
    /// order, and every year from the first to the last it holds. Missing reasons and synthetic
    /// flags are kept; imported published figures are not series and are left out.
    pub fn from_inputs(inputs: &Inputs) -> Self {
        let mut codes = BTreeSet::new();
        let mut series = BTreeSet::new();
        let mut years = BTreeSet::new();
        for (s, c, y, _) in inputs.iter() {
            series.insert(s);
            codes.insert(c);
            years.insert(y);
        }
        #[allow(clippy::reversed_empty_ranges)] // an empty table has no years
        let range = match (years.first(), years.last()) {
            (Some(a), Some(b)) => *a..=*b,
            _ => 1..=0,
        };
        let mut t = SeriesTable::new(codes, series, range)
            .expect("sets have no duplicates, so the table builds");
        for (s, c, y, o) in inputs.iter() {
            let i = t
                .index(s, c, y)
                .expect("every key of the inputs is in the table");
            t.synthetic[i] = o.provenance.synthetic;
            match &o.cell {
                Cell::Value(v) if v.is_finite() => t.values[i] = *v,
                Cell::Value(_) => {
                    t.reasons.insert(i, MissingReason::Unspecified);
                }
                Cell::Missing(r) => {
                    t.reasons.insert(i, r.clone());
                }
            }
        }
        t
    }

    /// The municipality codes (rows), in table order.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// The series (columns), in table order.
    pub fn series(&self) -> &[String] {
        &self.series
    }

    /// The years covered (may be empty).
    pub fn years(&self) -> RangeInclusive<Year> {
        self.first_year..=(self.first_year + self.n_years as Year - 1)
    }

    /// The row of a municipality code.
    pub fn code_index(&self, code: &str) -> Option<usize> {
        self.code_index.get(code).copied()
    }

    /// The column of a series.
    pub fn series_index(&self, series: &str) -> Option<usize> {
        self.series_index.get(series).copied()
    }

    /// The columns of a series family: every series named `family:<member>`, in table order.
    pub fn family_indices(&self, family: &str) -> Vec<usize> {
        let prefix = format!("{family}:");
        self.series
            .iter()
            .enumerate()
            .filter(|(_, s)| s.starts_with(&prefix) && s.len() > prefix.len())
            .map(|(i, _)| i)
            .collect()
    }

    fn year_index(&self, year: Year) -> Option<usize> {
        let d = year as i64 - self.first_year as i64;
        (d >= 0 && (d as usize) < self.n_years).then_some(d as usize)
    }

    fn index(&self, series: &str, code: &str, year: Year) -> Result<usize, TableError> {
        let s = self
            .series_index(series)
            .ok_or_else(|| TableError::UnknownSeries(series.to_string()))?;
        let c = self
            .code_index(code)
            .ok_or_else(|| TableError::UnknownCode(code.to_string()))?;
        let y = self.year_index(year).ok_or(TableError::YearOutOfRange {
            year,
            first: *self.years().start(),
            last: *self.years().end(),
        })?;
        Ok(self.flat(y, s, c))
    }

    #[inline]
    fn flat(&self, year_idx: usize, series_idx: usize, code_idx: usize) -> usize {
        (year_idx * self.series.len() + series_idx) * self.codes.len() + code_idx
    }

    /// Sets a value (a non-finite value is stored as missing, reason unspecified).
    pub fn set(
        &mut self,
        series: &str,
        code: &str,
        year: Year,
        value: f64,
        synthetic: bool,
    ) -> Result<(), TableError> {
        let i = self.index(series, code, year)?;
        self.put(i, value, synthetic);
        Ok(())
    }

    /// Sets a value by column, row and year, the fast way to fill a table (see
    /// [`SeriesTable::series_index`], [`SeriesTable::code_index`]).
    pub fn set_at(
        &mut self,
        series_idx: usize,
        code_idx: usize,
        year: Year,
        value: f64,
        synthetic: bool,
    ) -> Result<(), TableError> {
        if series_idx >= self.series.len() {
            return Err(TableError::UnknownSeries(format!("#{series_idx}")));
        }
        if code_idx >= self.codes.len() {
            return Err(TableError::UnknownCode(format!("#{code_idx}")));
        }
        let y = self.year_index(year).ok_or(TableError::YearOutOfRange {
            year,
            first: *self.years().start(),
            last: *self.years().end(),
        })?;
        let i = self.flat(y, series_idx, code_idx);
        self.put(i, value, synthetic);
        Ok(())
    }

    fn put(&mut self, i: usize, value: f64, synthetic: bool) {
        self.synthetic[i] = synthetic;
        if value.is_finite() {
            self.values[i] = value;
            if !self.reasons.is_empty() {
                self.reasons.remove(&i);
            }
        } else {
            self.values[i] = f64::NAN;
            self.reasons.insert(i, MissingReason::Unspecified);
        }
    }

    /// Marks a cell missing, with the reason.
    pub fn set_missing(
        &mut self,
        series: &str,
        code: &str,
        year: Year,
        reason: MissingReason,
        synthetic: bool,
    ) -> Result<(), TableError> {
        let i = self.index(series, code, year)?;
        self.values[i] = f64::NAN;
        self.synthetic[i] = synthetic;
        self.reasons.insert(i, reason);
        Ok(())
    }

    /// The value of a cell; `None` if it is missing or outside the table.
    pub fn get(&self, series: &str, code: &str, year: Year) -> Option<f64> {
        let i = self.index(series, code, year).ok()?;
        let v = self.values[i];
        (!v.is_nan()).then_some(v)
    }

    /// The cell as a value or a missing reason ([`MissingReason::NoObservation`] outside the
    /// table or when nothing was recorded).
    pub fn cell(&self, series: &str, code: &str, year: Year) -> Cell {
        match self.index(series, code, year) {
            Ok(i) if !self.values[i].is_nan() => Cell::Value(self.values[i]),
            Ok(i) => Cell::Missing(
                self.reasons
                    .get(&i)
                    .cloned()
                    .unwrap_or(MissingReason::NoObservation),
            ),
            Err(_) => Cell::Missing(MissingReason::NoObservation),
        }
    }

    /// Whether a cell's observation is synthetic (false outside the table).
    pub fn is_synthetic(&self, series: &str, code: &str, year: Year) -> bool {
        self.index(series, code, year)
            .is_ok_and(|i| self.synthetic[i])
    }

    /// One series in one year for every row (NaN = missing), with the synthetic flags; `None`
    /// if the year is outside the table.
    pub(crate) fn column(&self, series_idx: usize, year: Year) -> Option<(&[f64], &[bool])> {
        let y = self.year_index(year)?;
        let start = self.flat(y, series_idx, 0);
        let end = start + self.codes.len();
        Some((&self.values[start..end], &self.synthetic[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::{Observation, Provenance};

    #[test]
    fn from_inputs_keeps_values_reasons_and_flags() {
        let mut i = Inputs::new();
        i.insert(
            "jobs",
            "3203",
            2020,
            Observation::value(10.0, Provenance::default().synthetic(true)),
        );
        i.insert(
            "jobs",
            "3201",
            2022,
            Observation::symbol(":", Provenance::default()),
        );
        i.insert(
            "population",
            "3201",
            2021,
            Observation::value(5.0, Provenance::default()),
        );
        let t = SeriesTable::from_inputs(&i);
        assert_eq!(t.codes(), ["3201", "3203"]);
        assert_eq!(t.series(), ["jobs", "population"]);
        assert_eq!(t.years(), 2020..=2022);
        assert_eq!(t.get("jobs", "3203", 2020), Some(10.0));
        assert!(t.is_synthetic("jobs", "3203", 2020));
        assert!(!t.is_synthetic("population", "3201", 2021));
        assert_eq!(
            t.cell("jobs", "3201", 2022),
            Cell::Missing(MissingReason::Confidential)
        );
        assert_eq!(
            t.cell("jobs", "3201", 2021),
            Cell::Missing(MissingReason::NoObservation)
        );
        assert_eq!(
            t.cell("jobs", "3201", 2030),
            Cell::Missing(MissingReason::NoObservation)
        );
        let empty = SeriesTable::from_inputs(&Inputs::new());
        assert!(empty.years().is_empty());
        assert_eq!(empty.get("jobs", "3203", 2020), None);
    }

    #[test]
    fn families_and_errors() {
        let mut t = SeriesTable::new(
            ["a"],
            [
                "jobs_by_industry:01-03",
                "jobs",
                "jobs_by_industry:10-33",
                "jobs_by_industry:",
            ],
            2020..=2020,
        )
        .unwrap();
        assert_eq!(t.family_indices("jobs_by_industry"), vec![0, 2]);
        assert_eq!(
            t.set("x", "a", 2020, 1.0, false),
            Err(TableError::UnknownSeries("x".into()))
        );
        assert!(matches!(
            t.set("jobs", "a", 2019, 1.0, false),
            Err(TableError::YearOutOfRange { year: 2019, .. })
        ));
        t.set("jobs", "a", 2020, f64::INFINITY, false).unwrap();
        assert_eq!(
            t.cell("jobs", "a", 2020),
            Cell::Missing(MissingReason::Unspecified)
        );
        assert_eq!(
            SeriesTable::new(["a", "a"], ["x"], 2020..=2020),
            Err(TableError::DuplicateCode("a".into()))
        );
    }
}
