//! Streaming readers for the Enhetsregisteret bulk files (enheter, underenheter), CSV or JSON,
//! plain or gzipped.
//!
//! For the national files, [`read_units_parallel`] runs decompression on a thread of its own and
//! parses CSV on several workers (same units, same errors; see its module docs).
//!
//! Every reader is an iterator of `Result<Unit, RowError>`, one item per row (CSV record or JSON
//! array element), so the caller chooses: stop at the first error (the default of
//! [`read_units`]) or skip bad rows and report them ([`ErrorPolicy::SkipAndReport`]). Nothing is
//! collected: memory stays bounded whatever the file size.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use naeringsplan_brreg::bulk::{self, ErrorPolicy};
//! use naeringsplan_brreg::UnitKind;
//! let file = std::fs::File::open("enheter_alle.csv.gz")?;
//! let reader = bulk::open(file, UnitKind::Enhet, bulk::Format::Auto, "enheter_alle.csv.gz")?;
//! let report = bulk::read_units(reader, ErrorPolicy::Abort, |unit| {
//!     let _ = unit.orgnr;
//! })?;
//! println!("{} units", report.units);
//! # Ok(()) }
//! ```

mod csv_reader;
mod input;
mod json_reader;
mod parallel;

use std::io::{BufRead, Read};

pub use csv_reader::CsvUnitReader;
pub use input::{Input, Peeked};
pub use json_reader::{DEFAULT_MAX_ELEMENT, JsonUnitReader};
pub use parallel::{
    DEFAULT_BLOCK_SIZE, MAX_RECORD_BYTES, ParallelOptions, ParallelRead, ReadError,
    read_units_parallel,
};

use crate::error::{OpenError, RowError};
use crate::unit::{Unit, UnitKind};

/// Opens a bulk CSV file (gzipped or not: detected by the magic bytes `1f 8b`).
pub fn open_csv<R: Read>(
    reader: R,
    kind: UnitKind,
    file: &str,
) -> Result<CsvUnitReader<Input<R>>, OpenError> {
    let input = Input::new(reader).map_err(|source| OpenError::Io {
        file: file.to_string(),
        source,
    })?;
    CsvUnitReader::new(input, kind, file)
}

/// Opens a bulk JSON file (gzipped or not: detected by the magic bytes `1f 8b`).
pub fn open_json<R: Read>(
    reader: R,
    kind: UnitKind,
    file: &str,
) -> Result<JsonUnitReader<Input<R>>, OpenError> {
    let input = Input::new(reader).map_err(|source| OpenError::Io {
        file: file.to_string(),
        source,
    })?;
    Ok(JsonUnitReader::new(input, kind, file))
}

/// The format of a bulk file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON array of unit objects.
    Json,
    /// Decide from the content: after decompression, a first non-blank byte `[` means JSON,
    /// anything else CSV.
    Auto,
}

/// A reader of either format.
pub enum UnitReader<R: Read> {
    /// Reading CSV.
    Csv(Box<CsvUnitReader<Input<R>>>),
    /// Reading JSON.
    Json(Box<JsonUnitReader<Input<R>>>),
}

impl<R: Read> Iterator for UnitReader<R> {
    type Item = Result<Unit, RowError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            UnitReader::Csv(r) => r.next(),
            UnitReader::Json(r) => r.next(),
        }
    }
}

/// Opens a bulk file of the given format (or detects it), gzipped or not.
pub fn open<R: Read>(
    reader: R,
    kind: UnitKind,
    format: Format,
    file: &str,
) -> Result<UnitReader<R>, OpenError> {
    let io_err = |source| OpenError::Io {
        file: file.to_string(),
        source,
    };
    let mut input = Input::new(reader).map_err(io_err)?;
    let format = match format {
        Format::Auto => {
            let first = loop {
                let buf = input.fill_buf().map_err(io_err)?;
                if buf.is_empty() {
                    break None;
                }
                // A UTF-8 byte order mark is skipped by both readers themselves.
                let skip = if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    3
                } else {
                    0
                };
                match buf[skip..]
                    .iter()
                    .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    Some(i) => break Some(buf[skip + i]),
                    // All blank: only then may we consume (nothing of value is lost).
                    None => {
                        let n = buf.len();
                        input.consume(n);
                    }
                }
            };
            if first == Some(b'[') {
                Format::Json
            } else {
                Format::Csv
            }
        }
        f => f,
    };
    Ok(match format {
        Format::Json => UnitReader::Json(Box::new(JsonUnitReader::new(input, kind, file))),
        _ => UnitReader::Csv(Box::new(CsvUnitReader::new(input, kind, file)?)),
    })
}

/// What to do with a bad row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorPolicy {
    /// Stop at the first bad row and return its error (the default: an import is all or nothing).
    #[default]
    Abort,
    /// Skip bad rows, keep reading, and report them. A fatal error (I/O, broken structure) still
    /// stops the read.
    SkipAndReport,
}

/// How many skipped rows [`read_units`] keeps in full; the rest are only counted.
pub const MAX_KEPT_ERRORS: usize = 1000;

/// The outcome of [`read_units`].
#[derive(Debug, Default)]
pub struct ReadReport {
    /// Units read and handed to the sink.
    pub units: u64,
    /// Rows skipped (with [`ErrorPolicy::SkipAndReport`]).
    pub skipped: u64,
    /// The first [`MAX_KEPT_ERRORS`] skipped rows' errors.
    pub errors: Vec<RowError>,
}

/// Drives a reader to the end, handing each unit to `sink` and applying `policy` to bad rows.
///
/// Returns the first error with [`ErrorPolicy::Abort`], or the first fatal error with
/// [`ErrorPolicy::SkipAndReport`].
pub fn read_units<I, F>(rows: I, policy: ErrorPolicy, mut sink: F) -> Result<ReadReport, RowError>
where
    I: IntoIterator<Item = Result<Unit, RowError>>,
    F: FnMut(Unit),
{
    let mut report = ReadReport::default();
    for row in rows {
        match row {
            Ok(unit) => {
                report.units += 1;
                sink(unit);
            }
            Err(e) if policy == ErrorPolicy::Abort || e.is_fatal() => return Err(e),
            Err(e) => {
                report.skipped += 1;
                if report.errors.len() < MAX_KEPT_ERRORS {
                    report.errors.push(e);
                }
            }
        }
    }
    Ok(report)
}
