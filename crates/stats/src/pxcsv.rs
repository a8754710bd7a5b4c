//! SSB statistics-bank CSV exports ("Lagre som CSV" / `tabell.csv`): the real-world mess of
//! table 07459 exports by municipality and single-year age, as SSB wrote them over the years.
//!
//! What varies between files (all seen in the real exports 2015–2023):
//!
//! - encoding: ISO-8859-1 / Windows-1252 or UTF-8 (see [`crate::text::decode`]);
//! - separator: TAB, `,` or `;` (detected from the header line);
//! - line ends: LF or CRLF;
//! - zero to a few title lines (`"07459: Population, by region, age, contents and year"`) and
//!   blank lines before the header;
//! - region labels `"0220 Asker"` (the code of the year) or `"K-3025 Asker"` (an aggregation),
//!   plus non-municipal rows such as `"K-Rest …"` and `"K-23 Continental shelf"`;
//! - one value column per year, named `"Persons 2019"` or `"Personer 2019"`.
//!
//! A cell with an SSB status symbol (`..`, `:` …) becomes a missing value with that reason; a
//! number is kept as given. The caller decides what a 0 means (in the 2015–2018 export a code
//! that did not exist in a year has 0 in every age; see [`PxCsvTable::region_year_totals`]).

use std::collections::BTreeMap;

use crate::jsonstat::MissingReason;
use crate::text;

/// An error in an export, located by line (1-based) and column name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PxCsvError {
    /// Nothing but whitespace.
    #[error("empty input: expected an SSB statistics-bank CSV export with a header line")]
    Empty,
    /// No header line with a region column and at least one year column.
    #[error(
        "line {line}: expected a header with a region column, an age column and columns named like \"Persons 2019\", found {found:?}"
    )]
    NoHeader {
        /// The first non-title line.
        line: usize,
        /// What it holds.
        found: String,
    },
    /// A record could not be split into fields.
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: usize,
        /// What went wrong.
        message: String,
    },
    /// A field has an unexpected value.
    #[error("line {line}, field {field:?}: expected {expected}, found {found:?}")]
    Field {
        /// 1-based line.
        line: usize,
        /// Column name.
        field: String,
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
}

/// One cell: a number or the reason there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum PxValue {
    /// A published number.
    Value(f64),
    /// No number, with SSB's status symbol.
    Missing(MissingReason),
}

/// One row of the export: region × age, with one value per year column.
#[derive(Debug, Clone, PartialEq)]
pub struct PxRow {
    /// 1-based line in the file.
    pub line: usize,
    /// The region code as written, e.g. `"0220"` or `"K-3025"`.
    pub region: String,
    /// The region name after the code, e.g. `"Asker"`.
    pub region_label: String,
    /// The age code in 07459's form: `"000"` … `"104"`, `"105+"`.
    pub age: String,
    /// Values in the order of [`PxCsvTable::years`].
    pub values: Vec<PxValue>,
}

/// A parsed export.
#[derive(Debug, Clone, PartialEq)]
pub struct PxCsvTable {
    /// The title line, if the export has one (e.g. `"07459: Population, by region, …"`).
    pub title: Option<String>,
    /// The year of each value column, in column order.
    pub years: Vec<i32>,
    /// The measure named in the value columns (e.g. `"Persons"`).
    pub measure: String,
    /// The rows in file order.
    pub rows: Vec<PxRow>,
}

impl PxCsvTable {
    /// Sum over all ages of every (region, year) with a value in each age; a region whose
    /// ages are all 0 in a year sums to 0 (in 07459's 2015–2018 export that marks a code that
    /// did not exist that year).
    pub fn region_year_totals(&self) -> BTreeMap<(String, i32), f64> {
        let mut out: BTreeMap<(String, i32), f64> = BTreeMap::new();
        for row in &self.rows {
            for (y, v) in self.years.iter().zip(&row.values) {
                if let PxValue::Value(v) = v {
                    *out.entry((row.region.clone(), *y)).or_default() += v;
                }
            }
        }
        out
    }
}

/// The 07459 age code for an export label: `"0 years"` → `"000"`, `"1 year"` → `"001"`,
/// `"105 years or older"` → `"105+"`; also Norwegian (`"0 år"`, `"105 år eller eldre"`).
pub fn age_code(label: &str) -> Option<String> {
    let l = label.trim();
    let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let rest = l[digits.len()..].trim().to_lowercase();
    let older = rest.contains("older") || rest.contains("eldre") || rest.ends_with('+');
    let unit_ok = rest.starts_with("year") || rest.starts_with("år") || rest.is_empty() || older;
    if !unit_ok {
        return None;
    }
    Some(if older {
        format!("{n:03}+")
    } else {
        format!("{n:03}")
    })
}

/// Splits `"K-3025 Asker"` / `"0220 Asker"` into code and name (the code is the first word).
fn split_region(cell: &str) -> (String, String) {
    let cell = cell.trim();
    match cell.split_once(char::is_whitespace) {
        Some((code, name)) => (code.to_owned(), name.trim().to_owned()),
        None => (cell.to_owned(), String::new()),
    }
}

/// The year in a value-column name such as `"Persons 2019"`, with the measure before it.
fn year_column(name: &str) -> Option<(String, i32)> {
    let name = name.trim();
    let (measure, year) = name.rsplit_once(' ')?;
    (year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .map(|y| (measure.trim().to_owned(), y))
}

/// Reads an SSB statistics-bank CSV export of 07459 by region and single-year age.
pub fn parse(bytes: &[u8]) -> Result<PxCsvTable, PxCsvError> {
    let (text, _) = text::decode(bytes);
    if text.trim().is_empty() {
        return Err(PxCsvError::Empty);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // A title line is one field (quoted, or with no separator); blank lines are skipped.
    let mut title = None;
    let mut header_idx = None;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let t = line.trim();
        let one_quoted_field =
            t.len() >= 2 && t.starts_with('"') && t.ends_with('"') && t.matches('"').count() == 2;
        let one_field = one_quoted_field || !t.contains(['\t', ';', ',']);
        if one_field && title.is_none() {
            title = Some(line.trim().trim_matches('"').to_owned());
            continue;
        }
        header_idx = Some(i);
        break;
    }
    let header_idx = header_idx.ok_or(PxCsvError::Empty)?;
    let header_line = lines[header_idx].trim_end_matches('\r');
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    // CR removed: the csv crate's line count drifts on CRLF input.
    let body: String = lines[header_idx..]
        .iter()
        .map(|l| l.trim_end_matches('\r'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(PxCsvError::Csv {
                line: header_idx + 1,
                message: e.to_string(),
            });
        }
        None => return Err(PxCsvError::Empty),
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let no_header = || PxCsvError::NoHeader {
        line: header_idx + 1,
        found: header_line.to_owned(),
    };
    let region_col = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("region"))
        .ok_or_else(no_header)?;
    let age_col = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("age") || h.eq_ignore_ascii_case("alder"))
        .ok_or_else(no_header)?;
    let mut year_cols = Vec::new();
    let mut measure = String::new();
    for (i, h) in header.iter().enumerate() {
        if let Some((m, y)) = year_column(h) {
            measure = m;
            year_cols.push((i, y));
        }
    }
    if year_cols.is_empty() {
        return Err(no_header());
    }
    let mut rows = Vec::new();
    for rec in records {
        let rec = rec.map_err(|e| PxCsvError::Csv {
            line: header_idx + e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        let line = header_idx + rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // More fields than the header names: a value that belongs to no column (a separator
        // inside an unquoted label, a shifted row) would otherwise be dropped unseen. An empty
        // field after a trailing separator is harmless.
        if rec.iter().skip(header.len()).any(|f| !f.trim().is_empty()) {
            return Err(PxCsvError::Csv {
                line,
                message: format!(
                    "{} fields, but the header names {}: expected one value per column",
                    rec.len(),
                    header.len()
                ),
            });
        }
        let get = |col: usize| rec.get(col).unwrap_or("").trim();
        let (region, region_label) = split_region(get(region_col));
        if region.is_empty() {
            return Err(PxCsvError::Field {
                line,
                field: header[region_col].clone(),
                expected: "a region such as \"0220 Asker\"".to_owned(),
                found: String::new(),
            });
        }
        let age_label = get(age_col);
        let age = age_code(age_label).ok_or_else(|| PxCsvError::Field {
            line,
            field: header[age_col].clone(),
            expected: "an age such as \"15 years\" or \"105 years or older\"".to_owned(),
            found: age_label.to_owned(),
        })?;
        let mut values = Vec::with_capacity(year_cols.len());
        for &(col, _) in &year_cols {
            let cell = get(col);
            let v = match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => PxValue::Value(v),
                _ if matches!(cell, "." | ".." | "..." | ":" | "-") => {
                    PxValue::Missing(MissingReason::from_symbol(cell))
                }
                _ => {
                    return Err(PxCsvError::Field {
                        line,
                        field: header[col].clone(),
                        expected: "a number or an SSB status symbol (. .. ... : -)".to_owned(),
                        found: cell.to_owned(),
                    });
                }
            };
            values.push(v);
        }
        rows.push(PxRow {
            line,
            region,
            region_label,
            age,
            values,
        });
    }
    Ok(PxCsvTable {
        title,
        years: year_cols.into_iter().map(|(_, y)| y).collect(),
        measure,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(age_code("0 years").as_deref(), Some("000"));
        assert_eq!(age_code("1 year").as_deref(), Some("001"));
        assert_eq!(age_code("74 years").as_deref(), Some("074"));
        assert_eq!(age_code("105 years or older").as_deref(), Some("105+"));
        assert_eq!(age_code("105 år eller eldre").as_deref(), Some("105+"));
        assert_eq!(age_code("years"), None);
        assert_eq!(age_code("5 apples"), None);
    }

    #[test]
    fn tab_latin1_with_quotes() {
        let bytes = b"\"region\"\t\"age\"\t\"Persons 2015\"\t\"Persons 2016\"\n\"0627 R\xF8yken\"\t\"0 years\"\t200\t..\n";
        let t = parse(bytes).unwrap();
        assert_eq!(t.years, vec![2015, 2016]);
        assert_eq!(t.measure, "Persons");
        assert_eq!(t.rows[0].region, "0627");
        assert_eq!(t.rows[0].region_label, "Røyken");
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(
            t.rows[0].values,
            vec![
                PxValue::Value(200.0),
                PxValue::Missing(MissingReason::NotAvailable)
            ]
        );
    }

    #[test]
    fn semicolon_crlf_with_title_lines() {
        let bytes = b"\"07459: Population, by region, age, contents and year\"\r\n\r\n\"region\";\"age\";\"Persons 2022\"\r\n\"K-3025 Asker\";\"0 years\";877\r\n\"K-3025 Asker\";\"1 year\";x\r\n";
        let err = parse(bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 5, field \"Persons 2022\": expected a number or an SSB status symbol (. .. ... : -), found \"x\""
        );
        let ok = b"\"07459: Population, by region, age, contents and year\"\r\n\r\n\"region\";\"age\";\"Persons 2022\"\r\n\"K-3025 Asker\";\"0 years\";877\r\n";
        let t = parse(ok).unwrap();
        assert_eq!(
            t.title.as_deref(),
            Some("07459: Population, by region, age, contents and year")
        );
        assert_eq!(t.rows[0].region, "K-3025");
        assert_eq!(t.rows[0].line, 4);
    }

    #[test]
    fn comma_and_missing_header() {
        let t = parse(b"region,age,Persons 2019\n0220 Asker,15 years,700\n").unwrap();
        assert_eq!(t.rows[0].age, "015");
        assert!(matches!(
            parse(b"kommune,alder,verdi\n").unwrap_err(),
            PxCsvError::NoHeader { line: 1, .. }
        ));
        assert_eq!(parse(b"  \n").unwrap_err(), PxCsvError::Empty);
    }
}
