//! Statistics files as observations: which format a file holds ([`detect_format`]), and a
//! JSON-stat dataset or a statistics-bank CSV export turned into the rows the store keeps
//! ([`observations_from_dataset`], [`observations_from_ssb_csv`]): the series key of every
//! cell, the region normalised, a missing value kept with its reason, the synthetic mark and the
//! source address read from the file. Pure: `naeringsplan-store` writes the rows.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::jsonstat::{self, Cell, Dataset, JsonStatError};
use crate::klass::KlassError;
use crate::pxcsv::{PxCsvError, PxValue};

/// Why a file cannot be read as observations. Reading errors carry their location in the file;
/// the file name is added by the caller (`file: location: what was expected`).
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The bytes match no known format.
    #[error("{0}")]
    Unrecognised(String),
    /// The JSON-stat dataset is malformed.
    #[error("{0}")]
    JsonStat(#[from] JsonStatError),
    /// The KLASS file is malformed.
    #[error("{0}")]
    Klass(#[from] KlassError),
    /// The statistics-bank CSV export is malformed.
    #[error("{0}")]
    SsbCsv(#[from] PxCsvError),
    /// A well-formed file whose content cannot be stored as observations.
    #[error("at {location}: expected {expected}, found {found}")]
    Content {
        /// Where in the file (JSON path, or line and field).
        location: String,
        /// What the store needs there.
        expected: String,
        /// What the file has.
        found: String,
    },
}

/// What kind of file an import holds, as detected from its bytes (see [`detect_format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// A JSON-stat 2.0 dataset (SSB PxWebApi v0/v1/v2 `json-stat2`).
    JsonStat2,
    /// An SSB statistics-bank CSV export of 07459 by region and single-year age.
    SsbCsv,
    /// A KLASS code list exported as CSV.
    KlassCodesCsv,
    /// A KLASS `/codes` or `/codesAt` JSON response.
    KlassCodesJson,
    /// A KLASS change table exported as CSV (KLASS columns or SSB's `kommuner_2019;kommuner_2020`).
    KlassChangesCsv,
    /// A KLASS `/changes` JSON response.
    KlassChangesJson,
    /// A Brønnøysund register bulk file (enheter/underenheter, CSV or JSON, maybe gzipped);
    /// imported by the register import, not here.
    Brreg,
}

impl FileFormat {
    /// The name stored in `imports.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::JsonStat2 => "jsonstat2",
            FileFormat::SsbCsv => "ssb_csv",
            FileFormat::KlassCodesCsv => "klass_codes_csv",
            FileFormat::KlassCodesJson => "klass_codes_json",
            FileFormat::KlassChangesCsv => "klass_changes_csv",
            FileFormat::KlassChangesJson => "klass_changes_json",
            FileFormat::Brreg => "brreg",
        }
    }

    /// A description in Norwegian for messages.
    pub fn describe_nb(self) -> &'static str {
        match self {
            FileFormat::JsonStat2 => "JSON-stat 2.0-datasett",
            FileFormat::SsbCsv => "CSV-uttrekk fra Statistikkbanken",
            FileFormat::KlassCodesCsv => "KLASS-kodeliste (CSV)",
            FileFormat::KlassCodesJson => "KLASS-kodeliste (JSON)",
            FileFormat::KlassChangesCsv => "KLASS-endringstabell (CSV)",
            FileFormat::KlassChangesJson => "KLASS-endringstabell (JSON)",
            FileFormat::Brreg => "Enhetsregisteret-fil",
        }
    }
}

impl fmt::Display for FileFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Looks at a file's bytes (and name) and says what it is, or why it is none of the formats.
pub fn detect_format(name: &str, bytes: &[u8]) -> Result<FileFormat, ConvertError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(FileFormat::Brreg);
    }
    let lower = name.to_lowercase();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(ConvertError::Unrecognised(
            "empty file: expected a JSON-stat 2.0 dataset, a KLASS export (CSV or JSON) or a Brønnøysund bulk file".to_owned(),
        ));
    };
    let head = &body[first..body.len().min(first + 65_536)];
    let head_text = String::from_utf8_lossy(head);
    if head[0] == b'{' || head[0] == b'[' || lower.ends_with(".json") {
        if head_text.contains("\"organisasjonsnummer\"") {
            return Ok(FileFormat::Brreg);
        }
        if head_text.contains("\"codeChanges\"") {
            return Ok(FileFormat::KlassChangesJson);
        }
        if head_text.contains("\"codes\"") && !head_text.contains("\"dimension\"") {
            return Ok(FileFormat::KlassCodesJson);
        }
        // Everything else JSON-like is read as JSON-stat, whose reader says what is wrong.
        return Ok(FileFormat::JsonStat2);
    }
    let (text, _) = crate::text::decode(head);
    let header = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("\"07459:") && l.contains([';', ',', '\t']))
        .unwrap_or("");
    let fields: Vec<String> = header
        .split([';', ',', '\t'])
        .map(|f| f.trim().trim_matches('"').to_lowercase())
        .collect();
    let has = |n: &str| fields.iter().any(|f| f == n);
    if has("organisasjonsnummer") {
        return Ok(FileFormat::Brreg);
    }
    if has("region") && (has("age") || has("alder")) {
        return Ok(FileFormat::SsbCsv);
    }
    if has("oldcode") || has("newcode") || has("changeoccurred") {
        return Ok(FileFormat::KlassChangesCsv);
    }
    let year_cols = fields
        .iter()
        .filter(|f| {
            f.rsplit_once('_')
                .is_some_and(|(_, y)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    if year_cols >= 2 {
        return Ok(FileFormat::KlassChangesCsv);
    }
    if has("code") || has("name") || has("validfrom") || lower.contains("klass") {
        return Ok(FileFormat::KlassCodesCsv);
    }
    Err(ConvertError::Unrecognised(format!(
        "line 1: expected a JSON-stat 2.0 dataset (JSON), a KLASS CSV export (columns code;name;… or oldCode;newCode;…), an SSB CSV export (region;age;Persons YYYY) or a Brønnøysund bulk file, found {:?}",
        header.chars().take(80).collect::<String>()
    )))
}

/// One observation ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewObservation {
    /// The measure (`ContentsCode` category).
    pub contents_code: String,
    /// The other dimensions' codes, as [`series_key`] writes them.
    pub series_key: String,
    /// The region, normalised ([`normalise_region`]).
    pub region: String,
    /// The region code as the file wrote it.
    pub region_raw: String,
    /// The time code, e.g. `2024` or `2024K4`.
    pub period: String,
    /// The value, if there is one.
    pub value: Option<f64>,
    /// SSB's status symbol: the reason for a missing value, or a flag on a value.
    pub status: Option<String>,
    /// The unit's base, e.g. `personer`.
    pub unit: Option<String>,
    /// Decimals as published.
    pub decimals: Option<i64>,
}

/// A parsed file of observations, with what the provenance needs.
pub struct ObservationFile {
    /// The statistics-bank table id.
    pub table_id: String,
    /// SSB's `updated` of the release (RFC 3339, UTC).
    pub updated: Option<String>,
    /// Where the file says it came from (or, for synthetic data, its generator).
    pub source_url: Option<String>,
    /// The file marks itself as synthetic.
    pub synthetic: bool,
    /// The cells to store.
    pub rows: Vec<NewObservation>,
    /// Cells read in all (including bare nulls, which are not stored).
    pub cells: u64,
}

/// The normalised region code: a municipality's four digits without `K-`, else as given.
pub fn normalise_region(raw: &str) -> String {
    crate::geography::municipality_code(raw)
        .unwrap_or(raw)
        .to_owned()
}

/// The canonical series key of `(dimension id, code)` pairs: sorted by id, `id=code;…`.
pub fn series_key(pairs: &[(&str, &str)]) -> String {
    let mut p: Vec<(&str, &str)> = pairs.to_vec();
    p.sort();
    p.iter()
        .map(|(d, c)| format!("{d}={c}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn rfc3339_utc(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Whether a dataset marks itself synthetic (`extension.naeringsplan.synthetic`, or
/// `SYNTETISKE DATA` in its label), and the source address it names (for synthetic data, its
/// generator).
pub fn dataset_marks(ds: &Dataset) -> (bool, Option<String>) {
    let ext = ds.extension.as_ref().and_then(|e| e.get("naeringsplan"));
    let synthetic = ext
        .and_then(|e| e.get("synthetic"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
        || ds
            .label
            .as_deref()
            .is_some_and(|l| l.contains("SYNTETISKE DATA"));
    let url = ext
        .and_then(|e| e.get("source_url"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    // Synthetic data has no SSB address: its provenance names the generator instead.
    let url = url.or_else(|| {
        synthetic.then(|| {
            let generator = ext
                .and_then(|e| e.get("generator"))
                .and_then(serde_json::Value::as_str)
                .unwrap_or("naeringsplan");
            format!("syntetisk, ikke SSB: generert med `{generator}`")
        })
    });
    (synthetic, url)
}

/// A JSON-stat dataset as observations: one row per cell with a value or a status symbol (a
/// bare `null` is not stored); a region given twice, a blank period or a missing table id is
/// refused with its place in the file.
pub fn observations_from_dataset(ds: &Dataset) -> Result<ObservationFile, ConvertError> {
    let table_id = ds.table_id.clone().ok_or_else(|| ConvertError::Content {
        location: "extension.px.tableid".to_owned(),
        expected: "the statistics-bank table id (e.g. \"07459\")".to_owned(),
        found: "nothing".to_owned(),
    })?;
    let metric = ds
        .roles
        .metric
        .first()
        .ok_or_else(|| ConvertError::Content {
            location: "role.metric".to_owned(),
            expected: "a measure dimension (ContentsCode)".to_owned(),
            found: "none".to_owned(),
        })?;
    let time_dim = ds.roles.time.first().ok_or_else(|| ConvertError::Content {
        location: "role.time".to_owned(),
        expected: "a time dimension (Tid)".to_owned(),
        found: "none".to_owned(),
    })?;
    let geo = ds.roles.geo.first();
    let (synthetic, source_url) = dataset_marks(ds);
    let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
    let mut rows = Vec::with_capacity(ds.cells().len());
    for obs in ds.observations() {
        // A bare `null` (no status symbol) says only "no value", as an absent row does: not
        // stored (sparse datasets such as a commuting matrix are mostly that).
        if matches!(
            obs.cell,
            Cell::Missing(jsonstat::MissingReason::Unspecified)
        ) {
            continue;
        }
        let contents = obs.code(metric).unwrap_or_default();
        let period = obs.code(time_dim).unwrap_or_default();
        // A period is looked up by its exact code ("2024", "2024K4"): a blank or padded code
        // would be stored and never found.
        if period.is_empty() || period.chars().any(char::is_whitespace) {
            return Err(ConvertError::Content {
                location: format!("dimension.{time_dim}.category.index"),
                expected: "a time code without spaces, such as \"2024\" or \"2024K4\"".to_owned(),
                found: format!("{period:?}"),
            });
        }
        let region_raw = geo.and_then(|g| obs.code(g)).unwrap_or_default();
        let others: Vec<(&str, &str)> = obs
            .coordinates
            .iter()
            .filter(|(d, _)| *d != metric && *d != time_dim && Some(*d) != geo.map(String::as_str))
            .map(|&(d, c)| (d, c))
            .collect();
        let normalised_others: Vec<(String, String)> = others
            .iter()
            .map(|(d, c)| ((*d).to_owned(), normalise_region(c)))
            .collect();
        let pairs: Vec<(&str, &str)> = normalised_others
            .iter()
            .map(|(d, c)| (d.as_str(), c.as_str()))
            .collect();
        let key = series_key(&pairs);
        let region = normalise_region(region_raw);
        if !seen.insert((
            contents.to_owned(),
            key.clone(),
            region.clone(),
            period.to_owned(),
        )) {
            return Err(ConvertError::Content {
                location: format!("dimension.{}", geo.map_or("?", String::as_str)),
                expected: "each region once (K-3025 and 3025 are the same municipality)".to_owned(),
                found: format!("{region_raw:?} (municipality {region}) a second time"),
            });
        }
        let (value, status) = match obs.cell {
            Cell::Value(v) => (Some(*v), None),
            Cell::Flagged { value, status } => (Some(*value), Some(status.clone())),
            Cell::Missing(r) => (None, Some(r.symbol().unwrap_or("").to_owned())),
        };
        let unit = ds.unit(contents);
        rows.push(NewObservation {
            contents_code: contents.to_owned(),
            series_key: key,
            region,
            region_raw: region_raw.to_owned(),
            period: period.to_owned(),
            value,
            status,
            unit: unit.and_then(|u| u.base.clone()),
            decimals: unit.and_then(|u| u.decimals).or(ds.decimals).map(i64::from),
        });
    }
    Ok(ObservationFile {
        table_id,
        updated: ds.updated.map(rfc3339_utc),
        source_url,
        synthetic,
        rows,
        cells: ds.cells().len() as u64,
    })
}

/// An SSB CSV export of 07459 by single-year age, as observations of table 07459 (contents
/// `Personer1`, series key `Alder=…`). A region with 0 in every age of a year is a code that
/// did not exist that year (SSB's 2015–2018 export writes 0 there): those cells are stored as
/// missing with reason `.` (not applicable), never as 0.
pub fn observations_from_ssb_csv(
    table: &crate::pxcsv::PxCsvTable,
) -> Result<ObservationFile, ConvertError> {
    let totals = table.region_year_totals();
    let mut rows = Vec::with_capacity(table.rows.len() * table.years.len());
    let mut seen: HashSet<(String, String, i32)> = HashSet::new();
    for row in &table.rows {
        let region = normalise_region(&row.region);
        for (year, v) in table.years.iter().zip(&row.values) {
            if !seen.insert((region.clone(), row.age.clone(), *year)) {
                return Err(ConvertError::Content {
                    location: format!("line {}", row.line),
                    expected: "each region and age once".to_owned(),
                    found: format!("{} {} a second time", row.region, row.age),
                });
            }
            let absent = totals
                .get(&(row.region.clone(), *year))
                .is_some_and(|t| *t == 0.0);
            let (value, status) = match v {
                PxValue::Value(_) if absent => (None, Some(".".to_owned())),
                PxValue::Value(x) => (Some(*x), None),
                PxValue::Missing(r) => (None, Some(r.symbol().unwrap_or("").to_owned())),
            };
            rows.push(NewObservation {
                contents_code: "Personer1".to_owned(),
                series_key: format!("Alder={}", row.age),
                region: region.clone(),
                region_raw: row.region.clone(),
                period: year.to_string(),
                value,
                status,
                unit: Some("personer".to_owned()),
                decimals: Some(0),
            });
        }
    }
    let cells = rows.len() as u64;
    Ok(ObservationFile {
        table_id: "07459".to_owned(),
        updated: None,
        source_url: None,
        synthetic: false,
        rows,
        cells,
    })
}
