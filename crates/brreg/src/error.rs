//! Errors of the bulk readers: per row ([`RowError`]) and when opening a file ([`OpenError`]).

use std::fmt;
use std::sync::Arc;

use crate::codes::OrgNrError;

/// Where in a file a row is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A CSV record, by the 1-based line it starts on (the header is line 1).
    Line(u64),
    /// An element of a JSON array: its 0-based index and the byte offset (0-based, in the
    /// decompressed text) where it starts.
    Element {
        /// 0-based index of the element in the array.
        index: u64,
        /// Byte offset of the element's first byte.
        byte_offset: u64,
    },
    /// Somewhere not tied to one row (e.g. the JSON array's framing), by byte offset.
    Byte(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(l) => write!(f, "{l}"),
            Location::Element { index, byte_offset } => {
                write!(f, "element {index} (byte {byte_offset})")
            }
            Location::Byte(b) => write!(f, "byte {b}"),
        }
    }
}

/// What was wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowErrorKind {
    /// A CSV record with a different number of fields than the header.
    #[error("expected {expected} fields (as in the header), found {found}")]
    ColumnCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this record.
        found: usize,
    },
    /// A date field that is not a valid `YYYY-MM-DD` date.
    #[error("{field}: {value:?} is not a valid date (YYYY-MM-DD)")]
    BadDate {
        /// The field name.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// An organisation number that fails validation.
    #[error("{field}: {value:?} is not a valid organisation number: {reason}")]
    BadOrgNr {
        /// The field name.
        field: &'static str,
        /// The text found.
        value: String,
        /// Why it was refused.
        reason: OrgNrError,
    },
    /// A number field that does not parse.
    #[error("{field}: {value:?} is not a whole number")]
    BadNumber {
        /// The field name.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A boolean field that is neither `true`, `false` nor empty.
    #[error("{field}: {value:?} is not true/false")]
    BadBool {
        /// The field name.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A code (organisation form, industry, municipality, sector) in the wrong format.
    #[error("{field}: {value:?} is not a valid code")]
    BadCode {
        /// The field name.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A required field that is empty or absent.
    #[error("{field} is missing")]
    Missing {
        /// The field name.
        field: &'static str,
    },
    /// A text field that is not UTF-8.
    #[error("{field} is not valid UTF-8")]
    NotUtf8 {
        /// The field name.
        field: &'static str,
    },
    /// A JSON array element that is not a valid unit object (syntax or type error inside the
    /// element). The reader can go on with the next element.
    #[error("invalid unit object: {0}")]
    Json(String),
    /// The CSV parser failed in a way it cannot recover from.
    #[error("CSV: {0}")]
    Csv(String),
    /// The JSON text is not an array of objects (fatal: the reader cannot find the next element).
    #[error("JSON structure: {0}")]
    Framing(String),
    /// A JSON element is larger than the reader's limit (fatal).
    #[error("JSON element larger than {limit} bytes")]
    ElementTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Reading the input failed (fatal), e.g. a truncated gzip stream.
    #[error("read error: {0}")]
    Io(String),
}

/// A row that could not be read: file, place and reason.
///
/// Displays as `file:line: message` (CSV) or `file:element N (byte B): message` (JSON).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{location}: {}{kind}", orgnr.as_ref().map(|o| format!("[{o}] ")).unwrap_or_default())]
pub struct RowError {
    /// The file name the reader was given.
    pub file: Arc<str>,
    /// Where the row is.
    pub location: Location,
    /// The row's organisation number as written, when one could be read (for the report).
    pub orgnr: Option<String>,
    /// What was wrong.
    pub kind: RowErrorKind,
}

impl RowError {
    /// True when the reader cannot go on after this error (I/O, broken CSV or JSON structure);
    /// the iterator then ends. Other errors concern one row only and may be skipped.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            RowErrorKind::Io(_)
                | RowErrorKind::Csv(_)
                | RowErrorKind::Framing(_)
                | RowErrorKind::ElementTooLarge { .. }
        )
    }
}

/// A file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Reading the start of the file failed.
    #[error("{file}: {source}")]
    Io {
        /// The file name.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The CSV header cannot be read or is not UTF-8.
    #[error("{file}:1: cannot read the CSV header: {message}")]
    Header {
        /// The file name.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The CSV header lacks a column the reader needs.
    #[error("{file}:1: the header has no column {column:?} (nor any of its known aliases)")]
    MissingColumn {
        /// The file name.
        file: String,
        /// The column that was looked for.
        column: &'static str,
    },
}
