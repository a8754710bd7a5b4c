//! The three registers the plan says are missing (issue 9), as pure domain code:
//!
//! - [`land`]: commercial land sites (*næringsarealer*, seed §5.9.2) with every change dated
//!   and kept, and statistics per year computed from the dated changes: supply by availability
//!   and use class, additions and withdrawals (*tilgang/avgang*), conversion to housing;
//!   CSV and GeoJSON import and export.
//! - [`procurement`]: a supplier ledger (*fakturajournal*, seed §5.7.2) matched against
//!   Enhetsregisteret: the share of spend with suppliers in the municipality, in neighbouring
//!   municipalities and elsewhere, by category and year, and the share going to SMEs.
//!   Unknown and deleted organisation numbers are reported, never guessed.
//! - [`visits`]: company visits and dialogue meetings (the foreword's *bedriftsbesøk*), with
//!   aggregates per year and per sector; the details are personal data (see the module docs).
//! - [`pipeline`]: the investment pipeline of the *Invester i Asker*-function (§5.7.3):
//!   enquiries through their stages, public aggregates per year and stage, never a name.
//! - [`partners`]: partners, memberships, partner agreements and ownerships (§5.7.1), linked
//!   to the plan's strategies and actions; public.
//! - [`neighbours`]: which municipalities border which (a small bundled data file).
//! - The SYNTHETIC example files for Asker are written by `naeringsplan-demo` (`demo::asker`).
//!
//! Like the other domain crates this one does no I/O: parsers take the bytes and the file's
//! name (for messages) and return typed values or an [`InputError`] naming the file, the line
//! (or GeoJSON feature) and the field.

mod csvfile;
pub mod land;
pub mod neighbours;
pub mod partners;
pub mod pipeline;
pub mod procurement;
pub mod visits;

use std::fmt;

use time::Date;

/// Where in an input file something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The whole file (empty, unreadable, not JSON …).
    File,
    /// A line of a text file, counted from 1 (the header is line 1).
    Line(u64),
    /// A GeoJSON feature, counted from 1 in the `features` array.
    Feature(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Line(n) => write!(f, "line {n}: "),
            Location::Feature(n) => write!(f, "feature {n}: "),
        }
    }
}

/// A refused input file: the file, where, which field, and what was expected.
///
/// Displays as `file: line 7: areal_daa: "12x" is not a number`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {location}{}{message}", field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
pub struct InputError {
    /// The file's name as given to the parser.
    pub file: String,
    /// Line or feature.
    pub location: Location,
    /// The column or property, when one field is to blame.
    pub field: Option<String>,
    /// What was wrong or expected.
    pub message: String,
}

impl InputError {
    /// An error at a line of a text file, for checks made outside this crate (e.g. against the
    /// store): `file: line N: field: message`.
    pub fn at_line(file: &str, line: u64, field: &str, message: impl Into<String>) -> Self {
        Self::new(file, Location::Line(line), Some(field), message)
    }

    pub(crate) fn new(
        file: &str,
        location: Location,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            file: file.to_string(),
            location,
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Parses a number written the Norwegian or the international way: `1 234,5`, `1234.5`,
/// `1.234,50`, `-12`, `−12` (Unicode minus). Spaces (also no-break and thin spaces) group
/// thousands. With a decimal comma, dots group thousands; without one, a single dot is the
/// decimal point only when one or two digits follow it — `1.234` is refused as ambiguous
/// (thousands or decimals?) rather than guessed.
pub fn parse_number(s: &str) -> Result<f64, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("is empty, expected a number".into());
    }
    let (neg, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let compact: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    let normalised = if compact.contains(',') {
        if compact.matches(',').count() > 1 {
            return Err(format!(
                "{s:?} is not a number (more than one decimal comma)"
            ));
        }
        let (int, frac) = compact.split_once(',').unwrap_or((&compact, ""));
        if int.contains('.') && !thousands_grouped(int, '.') {
            return Err(format!("{s:?} is not a number (dots must group thousands)"));
        }
        format!("{}.{frac}", int.replace('.', ""))
    } else if let Some((int, frac)) = compact.split_once('.') {
        if frac.contains('.') {
            if thousands_grouped(&compact, '.') {
                compact.replace('.', "")
            } else {
                return Err(format!("{s:?} is not a number"));
            }
        } else if frac.len() == 3 {
            return Err(format!(
                "{s:?} is ambiguous (thousands or decimals?): write 1234 or 1 234,5"
            ));
        } else {
            format!("{int}.{frac}")
        }
    } else {
        compact
    };
    if normalised.is_empty()
        || !normalised.chars().all(|c| c.is_ascii_digit() || c == '.')
        || normalised.starts_with('.')
        || normalised.ends_with('.')
    {
        return Err(format!("{s:?} is not a number"));
    }
    let v: f64 = normalised
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    Ok(if neg { -v } else { v })
}

/// `1.234.567` style grouping: first group 1–3 digits, the rest exactly 3.
fn thousands_grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && parts.all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Parses a date written `YYYY-MM-DD` or the Norwegian way `DD.MM.YYYY`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let t = s.trim();
    let bad = || format!("{s:?} is not a valid date (YYYY-MM-DD or DD.MM.YYYY)");
    let (y, m, d) = if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..] {
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        (y, m, d)
    } else if let [d, m, y] = t.split('.').collect::<Vec<_>>()[..] {
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return Err(bad());
        }
        (y, m, d)
    } else {
        return Err(bad());
    };
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    let d: u8 = d.parse().map_err(|_| bad())?;
    let month = time::Month::try_from(m).map_err(|_| bad())?;
    Date::from_calendar_date(y, month, d).map_err(|_| bad())
}

/// The field delimiter of a CSV file, sniffed from its first line: `;` (the Norwegian
/// spreadsheet default, since the comma is the decimal sign), tab, or `,`.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first.iter().filter(|&&b| b == c).count();
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&c| (count(c), c == b';'))
        .filter(|&c| count(c) > 0)
        .unwrap_or(b';')
}

/// Strips a UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Lower-cases a header name and folds æ/ø/å and separators, so `Beløp (NOK)`, `belop` and
/// `BELØP` compare equal.
pub(crate) fn fold_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "o")
        .replace('å', "a")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_norwegian_and_international() {
        assert_eq!(parse_number("1 234,50").unwrap(), 1234.5);
        assert_eq!(parse_number("1\u{a0}234,5").unwrap(), 1234.5);
        assert_eq!(parse_number("1.234.567,25").unwrap(), 1_234_567.25);
        assert_eq!(parse_number("1234.5").unwrap(), 1234.5);
        assert_eq!(parse_number("−12,5").unwrap(), -12.5);
        assert_eq!(parse_number("1.234.567").unwrap(), 1_234_567.0);
        assert_eq!(parse_number("42").unwrap(), 42.0);
        assert!(parse_number("1.234").unwrap_err().contains("ambiguous"));
        assert!(parse_number("12x").is_err());
        assert!(parse_number("1,2,3").is_err());
        assert!(parse_number("").is_err());
        assert!(parse_number("12.34.5").is_err());
    }

    #[test]
    fn dates_both_ways() {
        let d = Date::from_calendar_date(2024, time::Month::March, 5).unwrap();
        assert_eq!(parse_date("2024-03-05").unwrap(), d);
        assert_eq!(parse_date("05.03.2024").unwrap(), d);
        assert_eq!(parse_date("5.3.2024").unwrap(), d);
        assert!(parse_date("2024-02-30").is_err());
        assert!(parse_date("24-03-05").is_err());
    }

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
    }

    #[test]
    fn error_display_names_file_line_field() {
        let e = InputError::new("x.csv", Location::Line(7), Some("areal_daa"), "bad");
        assert_eq!(e.to_string(), "x.csv: line 7: areal_daa: bad");
        let e = InputError::new("x.json", Location::File, None, "not JSON");
        assert_eq!(e.to_string(), "x.json: not JSON");
    }
}
