//! JSON-stat 2.0 datasets as returned by SSB's statistics bank (PxWebApi v0/v1 `POST …?format=json-stat2`
//! and v2 `GET /tables/{id}/data` or `/metadata`).
//!
//! [`parse`] reads a data response into a typed [`Dataset`]: dimensions in the order of the `id`
//! array (never JSON key order), categories with codes, labels and units, and one [`Cell`] per
//! value in row-major order. A value SSB does not publish is a [`Cell::Missing`] carrying the
//! reason from the `status` symbol (`.`, `..`, `...`, `:`, `-`) — never 0.
//!
//! Every error says where the input went wrong: a JSON path such as
//! `dimension.Region.category.index` for a structural problem, `line:column` for a syntax error,
//! a byte offset for invalid UTF-8.

mod node;
mod reader;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use reader::{parse, parse_dimension, parse_metadata};

/// A JSON-stat 2.0 dataset: dimensions, categories and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The dataset label, e.g. `"07459: Befolkning, etter region, statistikkvariabel og år"`.
    pub label: Option<String>,
    /// The source, e.g. `"Statistisk sentralbyrå"`.
    pub source: Option<String>,
    /// When the data was last updated by the publisher (`updated`).
    pub updated: Option<OffsetDateTime>,
    /// The statistics-bank table id, from `extension.px.tableid` (e.g. `"07459"`).
    pub table_id: Option<String>,
    /// The number of decimals SSB shows for the table, from `extension.px.decimals`.
    pub decimals: Option<u32>,
    /// Dataset notes (`note`), e.g. what a status symbol means in this table.
    pub notes: Vec<String>,
    /// The raw `extension` object, for publisher-specific fields not modelled here.
    pub extension: Option<serde_json::Value>,
    /// Which dimensions are time, geography and measure (given or inferred).
    pub roles: Roles,
    pub(crate) dimensions: Vec<Dimension>,
    pub(crate) cells: Vec<Cell>,
    pub(crate) has_values: bool,
}

/// One dimension of a dataset, with its categories in index order.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// The dimension id as listed in the dataset's `id`, e.g. `"Region"`.
    pub id: String,
    /// The dimension label, e.g. `"region"`.
    pub label: Option<String>,
    /// Dimension-level notes.
    pub notes: Vec<String>,
    /// The categories, in index order (position 0 first).
    pub categories: Vec<Category>,
    pub(crate) positions: HashMap<String, usize>,
}

/// One category of a dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// The category code, e.g. `"K-3025"` or `"2022"`.
    pub code: String,
    /// The category label, e.g. `"Asker"`.
    pub label: Option<String>,
    /// The unit of measure (for categories of a metric dimension such as `ContentsCode`).
    pub unit: Option<Unit>,
    /// Category notes.
    pub notes: Vec<String>,
}

/// The unit of a measure (`category.unit` of a metric dimension).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// The base unit, e.g. `"personer"`, `"prosent"`, `"1 000 liter"`.
    pub base: Option<String>,
    /// Number of decimals to show.
    pub decimals: Option<u32>,
    /// A label for the unit.
    pub label: Option<String>,
    /// A symbol for the unit, e.g. `"%"`.
    pub symbol: Option<String>,
    /// Where the symbol goes: `"start"` or `"end"`.
    pub position: Option<String>,
}

/// The roles of the dimensions. SSB sometimes omits `role.geo` or `role.time`; then they are
/// inferred from the dimension ids and the inferred roles are listed in [`Roles::inferred`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    /// Time dimensions (e.g. `Tid`).
    pub time: Vec<String>,
    /// Geographic dimensions (e.g. `Region`).
    pub geo: Vec<String>,
    /// Measure dimensions (e.g. `ContentsCode`).
    pub metric: Vec<String>,
    /// Roles that were absent from the response and inferred from dimension ids.
    pub inferred: Vec<RoleKind>,
}

/// A dimension role in JSON-stat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleKind {
    /// `role.time`.
    Time,
    /// `role.geo`.
    Geo,
    /// `role.metric`.
    Metric,
}

/// One cell of a dataset.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A published number.
    Value(f64),
    /// A published number that also carries a status symbol (some SSB tables mark e.g.
    /// provisional figures this way); the symbol is kept as given.
    Flagged {
        /// The number.
        value: f64,
        /// The status symbol attached to it.
        status: String,
    },
    /// No number: the reason why. Never read as 0.
    Missing(MissingReason),
}

impl Cell {
    /// The number, if there is one (flagged or not).
    pub fn value(&self) -> Option<f64> {
        match *self {
            Cell::Value(v) | Cell::Flagged { value: v, .. } => Some(v),
            Cell::Missing(_) => None,
        }
    }

    /// The reason the value is missing, if it is.
    pub fn missing_reason(&self) -> Option<&MissingReason> {
        match self {
            Cell::Missing(r) => Some(r),
            _ => None,
        }
    }

    /// The status symbol of the cell, if any (`None` for a plain value or a bare `null`).
    pub fn status(&self) -> Option<&str> {
        match self {
            Cell::Value(_) => None,
            Cell::Flagged { status, .. } => Some(status),
            Cell::Missing(r) => r.symbol(),
        }
    }
}

/// Why a value is missing: SSB's standard table symbols (*standardtegn i tabeller*).
///
/// Serialised as the symbol itself (`"."`, `".."`, …; `""` for a bare `null`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum MissingReason {
    /// `.` — category not applicable / not possible to give a figure.
    NotApplicable,
    /// `..` — data not available.
    NotAvailable,
    /// `...` — not for publication.
    NotForPublication,
    /// `:` — suppressed for confidentiality.
    Confidential,
    /// `-` — nil. SSB uses it where there is nothing to count; it is still kept as a reason,
    /// and a caller that wants 0 must say so explicitly (see [`MissingReason::is_nil`]).
    Nil,
    /// A status symbol outside SSB's standard set, kept as given.
    Other(String),
    /// `null` with no status symbol at all.
    Unspecified,
}

impl MissingReason {
    /// The reason for a status symbol (`"."`, `".."`, `"..."`, `":"`, `"-"`; anything else is
    /// [`MissingReason::Other`], the empty string is [`MissingReason::Unspecified`]).
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

    /// The status symbol, or `None` for [`MissingReason::Unspecified`].
    pub fn symbol(&self) -> Option<&str> {
        Some(match self {
            Self::NotApplicable => ".",
            Self::NotAvailable => "..",
            Self::NotForPublication => "...",
            Self::Confidential => ":",
            Self::Nil => "-",
            Self::Other(s) => s,
            Self::Unspecified => return None,
        })
    }

    /// The meaning in Norwegian (bokmål), as SSB words it.
    pub fn meaning_nb(&self) -> &'static str {
        match self {
            Self::NotApplicable => "Lovlig umulig eller ikke aktuelt (ikke mulig å oppgi tall)",
            Self::NotAvailable => "Tallgrunnlag mangler",
            Self::NotForPublication => "Tall kan ikke offentliggjøres",
            Self::Confidential => "Vises ikke av konfidensialitetshensyn",
            Self::Nil => "Null",
            Self::Other(_) => "Ukjent statussymbol",
            Self::Unspecified => "Mangler (ingen årsak oppgitt)",
        }
    }

    /// The meaning in English.
    pub fn meaning_en(&self) -> &'static str {
        match self {
            Self::NotApplicable => "Category not applicable",
            Self::NotAvailable => "Data not available",
            Self::NotForPublication => "Not for publication",
            Self::Confidential => "Confidential",
            Self::Nil => "Nil",
            Self::Other(_) => "Unknown status symbol",
            Self::Unspecified => "Missing (no reason given)",
        }
    }

    /// True for `-` (nil), the one symbol that means "nothing there" rather than "unknown".
    pub fn is_nil(&self) -> bool {
        matches!(self, Self::Nil)
    }
}

impl fmt::Display for MissingReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.symbol() {
            Some(s) => write!(f, "{s} ({})", self.meaning_en()),
            None => f.write_str(self.meaning_en()),
        }
    }
}

impl From<String> for MissingReason {
    fn from(s: String) -> Self {
        Self::from_symbol(&s)
    }
}

impl From<MissingReason> for String {
    fn from(r: MissingReason) -> Self {
        r.symbol().unwrap_or("").to_owned()
    }
}

/// A reading error, located in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonStatError {
    /// The input was empty or only whitespace.
    #[error("empty input: expected a JSON-stat 2.0 dataset")]
    Empty,
    /// The input is not UTF-8 (JSON must be). `hint` suggests what the bytes look like.
    #[error("byte {offset} (line {line}, column {column}): invalid UTF-8{hint}")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
        /// A hint such as "; the byte 0xF8 is 'ø' in ISO-8859-1/Windows-1252".
        hint: String,
    },
    /// A JSON syntax error (serde_json's message and position).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// Valid JSON that is not a valid JSON-stat dataset; `path` is where.
    #[error("at {path}: expected {expected}, found {found}")]
    Invalid {
        /// JSON path, e.g. `dimension.Region.category.index`.
        path: String,
        /// What a JSON-stat 2.0 dataset has there.
        expected: String,
        /// What the input has there.
        found: String,
    },
}

/// One observation: the category code on every dimension and the cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation<'a> {
    /// Row-major position of the cell in `value`.
    pub index: usize,
    /// `(dimension id, category code)` for every dimension, in `id` order.
    pub coordinates: Vec<(&'a str, &'a str)>,
    /// The cell.
    pub cell: &'a Cell,
}

impl<'a> Observation<'a> {
    /// The category code of this observation on dimension `dimension_id`.
    pub fn code(&self, dimension_id: &str) -> Option<&'a str> {
        self.coordinates
            .iter()
            .find(|(d, _)| *d == dimension_id)
            .map(|(_, c)| *c)
    }
}

impl Dimension {
    /// The number of categories.
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// True when the dimension has no categories (possible only with `size` 0).
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The index position of a category code.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.positions.get(code).copied()
    }

    /// The category with this code.
    pub fn category(&self, code: &str) -> Option<&Category> {
        self.position(code).map(|p| &self.categories[p])
    }

    /// The label of a category code (falls back to `None` if the code or its label is absent).
    pub fn label_of(&self, code: &str) -> Option<&str> {
        self.category(code).and_then(|c| c.label.as_deref())
    }

    /// The category codes, in index order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.code.as_str())
    }
}

impl Dataset {
    /// The dimensions, in the order of the dataset's `id` array.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The `size` of every dimension, in `id` order.
    pub fn size(&self) -> Vec<usize> {
        self.dimensions.iter().map(Dimension::len).collect()
    }

    /// All cells in row-major order (empty for a metadata response).
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// False for a metadata response (PxWebApi v2 `/metadata`, `value: []`).
    pub fn has_values(&self) -> bool {
        self.has_values
    }

    /// The row-major position of the cell at these category positions (one per dimension).
    pub fn index_of(&self, positions: &[usize]) -> Option<usize> {
        if positions.len() != self.dimensions.len() {
            return None;
        }
        let mut index = 0usize;
        for (d, &p) in self.dimensions.iter().zip(positions) {
            if p >= d.len() {
                return None;
            }
            index = index * d.len() + p;
        }
        Some(index)
    }

    /// The cell at these category positions (one per dimension, in `id` order).
    pub fn cell_at(&self, positions: &[usize]) -> Option<&Cell> {
        self.index_of(positions).and_then(|i| self.cells.get(i))
    }

    /// The cell at these `(dimension id, category code)` coordinates. A dimension with a single
    /// category may be left out. Returns `None` if a code or dimension is unknown, or a dimension
    /// with several categories is not given.
    pub fn get(&self, coordinates: &[(&str, &str)]) -> Option<&Cell> {
        if coordinates.iter().any(|(d, _)| self.dimension(d).is_none()) {
            return None;
        }
        let mut positions = Vec::with_capacity(self.dimensions.len());
        for d in &self.dimensions {
            match coordinates.iter().find(|(id, _)| *id == d.id) {
                Some((_, code)) => positions.push(d.position(code)?),
                None if d.len() == 1 => positions.push(0),
                None => return None,
            }
        }
        self.cell_at(&positions)
    }

    /// The unit of a measure code (a category of a metric dimension, e.g. `"Personer1"`).
    pub fn unit(&self, measure_code: &str) -> Option<&Unit> {
        self.roles
            .metric
            .iter()
            .filter_map(|id| self.dimension(id))
            .chain(self.dimensions.iter())
            .find_map(|d| d.category(measure_code).and_then(|c| c.unit.as_ref()))
    }

    /// Every observation, in row-major order, with its coordinates.
    pub fn observations(&self) -> Observations<'_> {
        Observations {
            dataset: self,
            positions: vec![0; self.dimensions.len()],
            index: 0,
        }
    }
}

/// Iterator over a dataset's observations, see [`Dataset::observations`].
#[derive(Debug, Clone)]
pub struct Observations<'a> {
    dataset: &'a Dataset,
    positions: Vec<usize>,
    index: usize,
}

impl<'a> Iterator for Observations<'a> {
    type Item = Observation<'a>;

    fn next(&mut self) -> Option<Observation<'a>> {
        let ds = self.dataset;
        let cell = ds.cells.get(self.index)?;
        let coordinates = ds
            .dimensions
            .iter()
            .zip(&self.positions)
            .map(|(d, &p)| (d.id.as_str(), d.categories[p].code.as_str()))
            .collect();
        let obs = Observation {
            index: self.index,
            coordinates,
            cell,
        };
        self.index += 1;
        for (d, p) in ds.dimensions.iter().zip(self.positions.iter_mut()).rev() {
            *p += 1;
            if *p < d.len() {
                break;
            }
            *p = 0;
        }
        Some(obs)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.dataset.cells.len().saturating_sub(self.index);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Observations<'_> {}
