//! SSB's classification database KLASS: code lists, change tables and correspondences, read from
//! the KLASS JSON API (`/codes`, `/codesAt`, `/changes`, `/corresponds`) or from CSV exports.
//!
//! Classification 131 is *Standard for kommuneinndeling* (municipalities), 104 *Standard for
//! fylkesinndeling* (counties). CSV exports come as UTF-8 (with or without BOM) or ISO-8859-1 /
//! Windows-1252, `;`-separated and quoted; the encoding and separator are detected and columns
//! are found by header name. Errors give the line and the field.
//!
//! KLASS dates: `validFrom` is the first day a code is valid, `validTo` the first day it is **no
//! longer** valid (exclusive), as in the API.

use serde::Deserialize;
use time::macros::format_description;
use time::{Date, Month};

use crate::text::{self, TextEncoding};

/// One code of a classification version (a row of `/codes`, `/codesAt` or a CSV export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KlassCode {
    /// The code, e.g. `"3203"` or `"32"`.
    pub code: String,
    /// The parent code in a hierarchical classification.
    pub parent_code: Option<String>,
    /// The level in the hierarchy (`"1"` for municipalities).
    pub level: Option<String>,
    /// The name, e.g. `"Asker"`.
    pub name: String,
    /// A short name, if KLASS has one.
    pub short_name: Option<String>,
    /// The presentation name, if KLASS has one.
    pub presentation_name: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// First day the code is valid, when given.
    pub valid_from: Option<Date>,
    /// First day the code is no longer valid (exclusive), when given.
    pub valid_to: Option<Date>,
}

/// One change of a classification (a row of `/changes` or of a change-table export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KlassChange {
    /// The code before the change, e.g. `"0220"`.
    pub old_code: String,
    /// The name before the change.
    pub old_name: Option<String>,
    /// The code after the change, e.g. `"3025"`.
    pub new_code: String,
    /// The name after the change.
    pub new_name: Option<String>,
    /// The day the change took effect (the first day of the new code).
    pub change_occurred: Date,
    /// The file's own mark that the old unit was split (SSB's `splittes` column), if given.
    pub split: Option<bool>,
}

/// One item of a correspondence table (`/corresponds`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correspondence {
    /// Code in the source classification.
    pub source_code: String,
    /// Name in the source classification.
    pub source_name: Option<String>,
    /// Code in the target classification.
    pub target_code: String,
    /// Name in the target classification.
    pub target_name: Option<String>,
    /// First day the correspondence holds.
    pub valid_from: Option<Date>,
    /// First day it no longer holds (exclusive).
    pub valid_to: Option<Date>,
}

/// A KLASS reading error, located by line and field (or line and column for JSON).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KlassError {
    /// The input was empty.
    #[error("empty input: expected {expected}")]
    Empty {
        /// What was expected.
        expected: &'static str,
    },
    /// JSON syntax or shape error, at serde_json's position.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// A CSV record could not be read (e.g. an unterminated quote).
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A required column is absent from the header line.
    #[error("line 1: missing column {column:?} (the header has {header})")]
    MissingColumn {
        /// The column looked for.
        column: String,
        /// The header as read.
        header: String,
    },
    /// A field has a bad value.
    #[error("line {line}, field {field:?}: expected {expected}, found {found:?}")]
    Field {
        /// 1-based line of the record.
        line: u64,
        /// The column name.
        field: String,
        /// What the field should hold.
        expected: String,
        /// What it holds.
        found: String,
    },
}

type Result<T> = std::result::Result<T, KlassError>;

// ---------------------------------------------------------------------------------------------
// JSON API

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodesJson {
    codes: Vec<CodeJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeJson {
    code: String,
    parent_code: Option<String>,
    level: Option<String>,
    name: String,
    short_name: Option<String>,
    presentation_name: Option<String>,
    notes: Option<String>,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
    valid_from_in_requested_range: Option<Date>,
    valid_to_in_requested_range: Option<Date>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangesJson {
    code_changes: Vec<ChangeJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangeJson {
    old_code: String,
    old_name: Option<String>,
    new_code: String,
    new_name: Option<String>,
    change_occurred: Date,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CorrespondsJson {
    correspondence_items: Vec<CorrespondenceJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CorrespondenceJson {
    source_code: String,
    source_name: Option<String>,
    target_code: String,
    target_name: Option<String>,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
}

fn json<'a, T: Deserialize<'a>>(bytes: &'a [u8], expected: &'static str) -> Result<T> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(KlassError::Empty { expected });
    }
    serde_json::from_slice(body).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        KlassError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Reads a KLASS `/codes` or `/codesAt` JSON response (`{"codes": [...]}`).
pub fn parse_codes_json(bytes: &[u8]) -> Result<Vec<KlassCode>> {
    let doc: CodesJson = json(bytes, "a KLASS codes response {\"codes\": [...]}")?;
    Ok(doc
        .codes
        .into_iter()
        .map(|c| KlassCode {
            code: c.code,
            parent_code: non_empty(c.parent_code),
            level: non_empty(c.level),
            name: c.name,
            short_name: non_empty(c.short_name),
            presentation_name: non_empty(c.presentation_name),
            notes: non_empty(c.notes),
            valid_from: c.valid_from.or(c.valid_from_in_requested_range),
            valid_to: c.valid_to.or(c.valid_to_in_requested_range),
        })
        .collect())
}

/// Reads a KLASS `/changes` JSON response (`{"codeChanges": [...]}`).
pub fn parse_changes_json(bytes: &[u8]) -> Result<Vec<KlassChange>> {
    let doc: ChangesJson = json(bytes, "a KLASS changes response {\"codeChanges\": [...]}")?;
    Ok(doc
        .code_changes
        .into_iter()
        .map(|c| KlassChange {
            old_code: c.old_code,
            old_name: non_empty(c.old_name),
            new_code: c.new_code,
            new_name: non_empty(c.new_name),
            change_occurred: c.change_occurred,
            split: None,
        })
        .collect())
}

/// Reads a KLASS `/corresponds` JSON response (`{"correspondenceItems": [...]}`).
pub fn parse_correspondence_json(bytes: &[u8]) -> Result<Vec<Correspondence>> {
    let doc: CorrespondsJson = json(
        bytes,
        "a KLASS corresponds response {\"correspondenceItems\": [...]}",
    )?;
    Ok(doc
        .correspondence_items
        .into_iter()
        .map(|c| Correspondence {
            source_code: c.source_code,
            source_name: non_empty(c.source_name),
            target_code: c.target_code,
            target_name: non_empty(c.target_name),
            valid_from: c.valid_from,
            valid_to: c.valid_to,
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// CSV exports

/// A CSV export decoded and split into records, with the header for lookups by name.
struct Table {
    header: Vec<String>,
    records: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn read(bytes: &[u8], expected: &'static str) -> Result<(Table, TextEncoding)> {
        let (text, encoding) = text::decode(bytes);
        if text.trim().is_empty() {
            return Err(KlassError::Empty { expected });
        }
        let first_line = text.lines().next().unwrap_or("");
        let delimiter = [b';', b'\t', b',']
            .into_iter()
            .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
            .unwrap_or(b';');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut header = None;
        let mut records = Vec::new();
        // Line numbers from byte offsets: the csv crate's own count is off after CRLF lines.
        let bytes = text.as_bytes();
        // A record's position may point at the line feed ending the previous CRLF line.
        let line_at = |byte: u64| {
            let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
            while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
                end += 1;
            }
            bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
        };
        for rec in reader.records() {
            let rec = rec.map_err(|e| KlassError::Csv {
                line: e.position().map_or(0, |p| line_at(p.byte())),
                message: e.to_string(),
            })?;
            let line = rec.position().map_or(0, |p| line_at(p.byte()));
            let fields: Vec<String> = rec.iter().map(|f| f.trim().to_owned()).collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            if header.is_none() {
                header = Some(fields);
            } else {
                records.push((line, fields));
            }
        }
        let header = header.ok_or(KlassError::Empty { expected })?;
        Ok((Table { header, records }, encoding))
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    fn require(&self, name: &str) -> Result<usize> {
        self.column(name).ok_or_else(|| KlassError::MissingColumn {
            column: name.to_owned(),
            header: self.header.join(";"),
        })
    }
}

fn field(fields: &[String], col: Option<usize>) -> Option<String> {
    col.and_then(|c| fields.get(c))
        .filter(|s| !s.is_empty())
        .cloned()
}

fn required(fields: &[String], col: usize, line: u64, name: &str, what: &str) -> Result<String> {
    field(fields, Some(col)).ok_or_else(|| KlassError::Field {
        line,
        field: name.to_owned(),
        expected: what.to_owned(),
        found: String::new(),
    })
}

/// Parses `2020-01-01` or `01.01.2020`.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let iso = format_description!("[year]-[month]-[day]");
    let nor = format_description!("[day].[month].[year]");
    Date::parse(s, &iso).or_else(|_| Date::parse(s, &nor)).ok()
}

fn date_field(
    fields: &[String],
    col: Option<usize>,
    line: u64,
    name: &str,
) -> Result<Option<Date>> {
    match field(fields, col) {
        None => Ok(None),
        Some(s) => parse_date(&s).map(Some).ok_or_else(|| KlassError::Field {
            line,
            field: name.to_owned(),
            expected: "a date (YYYY-MM-DD)".to_owned(),
            found: s,
        }),
    }
}

/// Reads a KLASS code-list CSV export (`"code";"parentCode";"level";"name";…;"validFrom";"validTo"`).
///
/// Columns are found by name; `code` and `name` are required, the rest optional. Rows may be
/// shorter than the header (SSB's exports leave out trailing empty fields).
pub fn parse_codes_csv(bytes: &[u8]) -> Result<Vec<KlassCode>> {
    let (table, _) = Table::read(bytes, "a KLASS code list with a header line")?;
    let code = table.require("code")?;
    let name = table.require("name")?;
    let parent = table.column("parentCode");
    let level = table.column("level");
    let short = table.column("shortName");
    let presentation = table.column("presentationName");
    let notes = table.column("notes");
    let from = table.column("validFrom");
    let to = table.column("validTo");
    table
        .records
        .iter()
        .map(|(line, f)| {
            Ok(KlassCode {
                code: required(f, code, *line, "code", "a code")?,
                name: required(f, name, *line, "name", "a name")?,
                parent_code: field(f, parent),
                level: field(f, level),
                short_name: field(f, short),
                presentation_name: field(f, presentation),
                notes: field(f, notes),
                valid_from: date_field(f, from, *line, "validFrom")?,
                valid_to: date_field(f, to, *line, "validTo")?,
            })
        })
        .collect()
}

/// Reads a change table exported as CSV, in either of two layouts:
///
/// - KLASS's own columns `oldCode;oldName;newCode;newName;changeOccurred` (as in the JSON API);
/// - SSB's published *endringer* table, e.g. `kommuner_2019;kommuner_2020;splittes` with cells
///   `"0220 - Asker"` (the dashes may be surrounded by no-break spaces). The change date is the
///   1st of January of the second column's year, as municipal changes take effect then.
pub fn parse_changes_csv(bytes: &[u8]) -> Result<Vec<KlassChange>> {
    let (table, _) = Table::read(bytes, "a change table with a header line")?;
    if table.column("oldCode").is_some() {
        return klass_changes(&table);
    }
    let years: Vec<(usize, i32)> = table
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let (_, year) = h.rsplit_once('_')?;
            (year.len() == 4).then(|| year.parse().ok().map(|y| (i, y)))?
        })
        .collect();
    let [(old_col, _), (new_col, new_year)] = years[..] else {
        return Err(KlassError::MissingColumn {
            column: "oldCode (or two columns named like kommuner_2019;kommuner_2020)".to_owned(),
            header: table.header.join(";"),
        });
    };
    let date =
        Date::from_calendar_date(new_year, Month::January, 1).map_err(|_| KlassError::Field {
            line: 1,
            field: table.header[new_col].clone(),
            expected: "a year in the column name".to_owned(),
            found: table.header[new_col].clone(),
        })?;
    let split_col = table.column("splittes");
    let old_name = &table.header[old_col];
    let new_name = &table.header[new_col];
    table
        .records
        .iter()
        .map(|(line, f)| {
            let (oc, on) = code_and_name(f, old_col, *line, old_name)?;
            let (nc, nn) = code_and_name(f, new_col, *line, new_name)?;
            let split = match field(f, split_col).as_deref() {
                None => None,
                Some("1") => Some(true),
                Some("0") => Some(false),
                Some(other) => {
                    return Err(KlassError::Field {
                        line: *line,
                        field: "splittes".to_owned(),
                        expected: "0 or 1".to_owned(),
                        found: other.to_owned(),
                    });
                }
            };
            Ok(KlassChange {
                old_code: oc,
                old_name: Some(on),
                new_code: nc,
                new_name: Some(nn),
                change_occurred: date,
                split,
            })
        })
        .collect()
}

fn klass_changes(table: &Table) -> Result<Vec<KlassChange>> {
    let old_code = table.require("oldCode")?;
    let new_code = table.require("newCode")?;
    let occurred = table.require("changeOccurred")?;
    let old_name = table.column("oldName");
    let new_name = table.column("newName");
    table
        .records
        .iter()
        .map(|(line, f)| {
            let change_occurred = date_field(f, Some(occurred), *line, "changeOccurred")?
                .ok_or_else(|| KlassError::Field {
                    line: *line,
                    field: "changeOccurred".to_owned(),
                    expected: "a date (YYYY-MM-DD)".to_owned(),
                    found: String::new(),
                })?;
            Ok(KlassChange {
                old_code: required(f, old_code, *line, "oldCode", "a code")?,
                old_name: field(f, old_name),
                new_code: required(f, new_code, *line, "newCode", "a code")?,
                new_name: field(f, new_name),
                change_occurred,
                split: None,
            })
        })
        .collect()
}

/// Splits `"0220 - Asker"` (dash between any whitespace, including no-break spaces) into code
/// and name; only the first dash separates, so `"1850 - Tysfjord - Divtasvuodna"` keeps its name.
fn code_and_name(fields: &[String], col: usize, line: u64, name: &str) -> Result<(String, String)> {
    let cell = field(fields, Some(col)).unwrap_or_default();
    let bad = || KlassError::Field {
        line,
        field: name.to_owned(),
        expected: "\"code - name\"".to_owned(),
        found: cell.clone(),
    };
    let (code, rest) = cell.split_once('-').ok_or_else(bad)?;
    let code = code.trim_matches(|c: char| c.is_whitespace());
    let rest = rest.trim_matches(|c: char| c.is_whitespace());
    if code.is_empty() || rest.is_empty() || code.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    Ok((code.to_owned(), rest.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_name_with_no_break_spaces() {
        let f = vec!["1850\u{a0}-\u{a0}Tysfjord - Divtasvuodna".to_owned()];
        assert_eq!(
            code_and_name(&f, 0, 2, "kommuner_2019").unwrap(),
            ("1850".to_owned(), "Tysfjord - Divtasvuodna".to_owned())
        );
        let f = vec!["Tysfjord".to_owned()];
        assert_eq!(
            code_and_name(&f, 0, 2, "kommuner_2019")
                .unwrap_err()
                .to_string(),
            "line 2, field \"kommuner_2019\": expected \"code - name\", found \"Tysfjord\""
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("01.01.2020"),
            Date::from_calendar_date(2020, Month::January, 1).ok()
        );
        assert_eq!(parse_date("2020-13-01"), None);
    }
}
