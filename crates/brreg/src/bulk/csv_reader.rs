//! Streaming reader for the Enhetsregisteret bulk CSV files (enheter and underenheter).

use std::io::Read;
use std::sync::Arc;

use csv::{ByteRecord, ReaderBuilder};

use crate::error::{Location, OpenError, RowError, RowErrorKind};
use crate::unit::{RawCount, RawUnit, Unit, UnitKind};

/// Header names (compared ignoring ASCII case) for each field, first match wins. The register
/// spells the same field differently from file to file: the registration date is
/// `registreringsdatoenhetsregisteret` in the enheter CSV, `registreringsdatoIEnhetsregisteret` in
/// the underenheter CSV and `registreringsdatoEnhetsregisteret` in JSON.
mod names {
    pub const ORGNR: &[&str] = &["organisasjonsnummer"];
    pub const NAME: &[&str] = &["navn"];
    pub const ORG_FORM: &[&str] = &["organisasjonsform.kode", "organisasjonsform"];
    pub const NACE: &[&str] = &["naeringskode1.kode"];
    pub const HAS_EMPLOYEES: &[&str] = &["harRegistrertAntallAnsatte"];
    pub const EMPLOYEES: &[&str] = &["antallAnsatte"];
    pub const BUSINESS_MUNICIPALITY: &[&str] = &["forretningsadresse.kommunenummer"];
    pub const LOCATION_MUNICIPALITY: &[&str] = &["beliggenhetsadresse.kommunenummer"];
    pub const POSTAL_MUNICIPALITY: &[&str] = &["postadresse.kommunenummer"];
    pub const BUSINESS_POSTAL_CODE: &[&str] = &["forretningsadresse.postnummer"];
    pub const LOCATION_POSTAL_CODE: &[&str] = &["beliggenhetsadresse.postnummer"];
    pub const SECTOR: &[&str] = &["institusjonellSektorkode.kode"];
    pub const REGISTERED: &[&str] = &[
        "registreringsdatoenhetsregisteret",
        "registreringsdatoIEnhetsregisteret",
    ];
    pub const FOUNDED: &[&str] = &["stiftelsesdato"];
    pub const STARTED: &[&str] = &["oppstartsdato"];
    pub const BANKRUPT: &[&str] = &["konkurs"];
    pub const BANKRUPTCY_DATE: &[&str] = &["konkursdato"];
    pub const UNDER_LIQUIDATION: &[&str] = &["underAvvikling"];
    pub const LIQUIDATION_DATE: &[&str] = &["underAvviklingDato"];
    pub const FORCED: &[&str] = &["underTvangsavviklingEllerTvangsopplosning"];
    pub const DELETED: &[&str] = &["slettedato"];
    pub const CLOSED: &[&str] = &["nedleggelsesdato"];
    pub const PARENT: &[&str] = &["overordnetEnhet"];
}

/// Column positions, resolved once from the header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    orgnr: usize,
    name: usize,
    org_form: usize,
    municipality: usize,
    registered: usize,
    nace: Option<usize>,
    has_employees: Option<usize>,
    employees: Option<usize>,
    postal_municipality: Option<usize>,
    postal_code: Option<usize>,
    sector: Option<usize>,
    founded: Option<usize>,
    started: Option<usize>,
    bankrupt: Option<usize>,
    bankruptcy_date: Option<usize>,
    under_liquidation: Option<usize>,
    liquidation_date: Option<usize>,
    forced: Option<usize>,
    deleted: Option<usize>,
    closed: Option<usize>,
    parent: Option<usize>,
}

impl Columns {
    pub(crate) fn resolve(
        header: &[String],
        kind: UnitKind,
        file: &str,
    ) -> Result<Columns, OpenError> {
        let find = |aliases: &[&str]| {
            aliases
                .iter()
                .find_map(|a| header.iter().position(|h| h.eq_ignore_ascii_case(a)))
        };
        let need = |aliases: &[&'static str]| {
            find(aliases).ok_or(OpenError::MissingColumn {
                file: file.to_string(),
                column: aliases[0],
            })
        };
        let municipality = match kind {
            UnitKind::Enhet => need(names::BUSINESS_MUNICIPALITY)?,
            UnitKind::Underenhet => need(names::LOCATION_MUNICIPALITY)?,
        };
        Ok(Columns {
            orgnr: need(names::ORGNR)?,
            name: need(names::NAME)?,
            org_form: need(names::ORG_FORM)?,
            municipality,
            registered: need(names::REGISTERED)?,
            nace: find(names::NACE),
            has_employees: find(names::HAS_EMPLOYEES),
            employees: find(names::EMPLOYEES),
            postal_municipality: find(names::POSTAL_MUNICIPALITY),
            postal_code: find(match kind {
                UnitKind::Enhet => names::BUSINESS_POSTAL_CODE,
                UnitKind::Underenhet => names::LOCATION_POSTAL_CODE,
            }),
            sector: find(names::SECTOR),
            founded: find(names::FOUNDED),
            started: find(names::STARTED),
            bankrupt: find(names::BANKRUPT),
            bankruptcy_date: find(names::BANKRUPTCY_DATE),
            under_liquidation: find(names::UNDER_LIQUIDATION),
            liquidation_date: find(names::LIQUIDATION_DATE),
            forced: find(names::FORCED),
            deleted: find(names::DELETED),
            closed: find(names::CLOSED),
            parent: find(names::PARENT),
        })
    }

    fn raw<'r>(&self, rec: &'r ByteRecord) -> RawUnit<'r> {
        let get = |i: usize| rec.get(i).unwrap_or(b"");
        let opt = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or(b"");
        RawUnit {
            orgnr: get(self.orgnr),
            name: get(self.name),
            org_form: get(self.org_form),
            nace: opt(self.nace),
            has_employees: opt(self.has_employees),
            employees: RawCount::Text(opt(self.employees)),
            municipality: get(self.municipality),
            postal_municipality: opt(self.postal_municipality),
            postal_code: opt(self.postal_code),
            sector: opt(self.sector),
            registered: get(self.registered),
            founded: opt(self.founded),
            started: opt(self.started),
            bankrupt: opt(self.bankrupt),
            bankruptcy_date: opt(self.bankruptcy_date),
            under_liquidation: opt(self.under_liquidation),
            liquidation_date: opt(self.liquidation_date),
            under_forced_liquidation: opt(self.forced),
            deleted: opt(self.deleted),
            closed: opt(self.closed),
            parent: opt(self.parent),
        }
    }
}

/// The header's column names (trimmed, a byte order mark dropped); an error unless UTF-8.
pub(crate) fn header_names(header: &ByteRecord, file: &str) -> Result<Vec<String>, OpenError> {
    header
        .iter()
        .map(|h| {
            std::str::from_utf8(h)
                .map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
                .map_err(|_| OpenError::Header {
                    file: file.to_string(),
                    message: "header is not UTF-8".to_string(),
                })
        })
        .collect()
}

/// Reads units from an Enhetsregisteret bulk CSV file, one [`Unit`] (or [`RowError`]) per record.
///
/// Columns are found by header name (ignoring ASCII case, with the aliases the register uses), so
/// both the 2024 enheter layout (54 columns) and the 2025 one (68 columns) work, as do the
/// underenheter files. Required columns: `organisasjonsnummer`, `navn`, `organisasjonsform.kode`,
/// the registration date, and `forretningsadresse.kommunenummer` (enheter) or
/// `beliggenhetsadresse.kommunenummer` (underenheter); the rest are optional.
///
/// Records are read into one reused [`ByteRecord`]; a unit costs one allocation (its name). A
/// record with a different field count than the header, a bad date or an organisation number
/// failing MOD11 yields a [`RowError`] with the file name and the record's 1-based line; the
/// iterator goes on with the next record. An I/O or gzip error is fatal: it is yielded once and
/// the iterator ends. Memory use does not grow with the file.
///
/// The input is taken as it is: use [`crate::bulk::open_csv`] for automatic gzip detection.
pub struct CsvUnitReader<R: Read> {
    inner: csv::Reader<R>,
    cols: Columns,
    kind: UnitKind,
    file: Arc<str>,
    record: ByteRecord,
    width: usize,
    /// Added to the CSV parser's line numbers: lines of the file before the text this reader
    /// sees (0 when it reads the file from its header; more for a chunk of the file).
    line_offset: u64,
    finished: bool,
}

impl<R: Read> CsvUnitReader<R> {
    /// Reads the header and resolves the columns. `file` is the name shown in errors.
    pub fn new(reader: R, kind: UnitKind, file: &str) -> Result<Self, OpenError> {
        let mut inner = ReaderBuilder::new()
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(reader);
        let header = inner.byte_headers().map_err(|e| OpenError::Header {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let header = header_names(header, file)?;
        let cols = Columns::resolve(&header, kind, file)?;
        Ok(CsvUnitReader {
            inner,
            cols,
            kind,
            file: Arc::from(file),
            record: ByteRecord::new(),
            width: header.len(),
            line_offset: 0,
            finished: false,
        })
    }

    /// A reader of header-less CSV text (a chunk of a file) whose columns are already known.
    /// `line_offset` is the number of lines of the file before the chunk, so that errors name the
    /// line in the whole file.
    pub(crate) fn for_chunk(
        reader: R,
        cols: Columns,
        kind: UnitKind,
        file: Arc<str>,
        width: usize,
        line_offset: u64,
    ) -> Self {
        let inner = ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(64 * 1024)
            .from_reader(reader);
        CsvUnitReader {
            inner,
            cols,
            kind,
            file,
            record: ByteRecord::new(),
            width,
            line_offset,
            finished: false,
        }
    }

    /// Which kind of units this reader yields.
    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    /// The number of columns in the header.
    pub fn width(&self) -> usize {
        self.width
    }

    fn error(&self, line: u64, orgnr: Option<&[u8]>, kind: RowErrorKind) -> RowError {
        RowError {
            file: self.file.clone(),
            location: Location::Line(line + self.line_offset),
            orgnr: orgnr
                .filter(|o| !o.is_empty())
                .map(|o| String::from_utf8_lossy(o).into_owned()),
            kind,
        }
    }
}

impl<R: Read> Iterator for CsvUnitReader<R> {
    type Item = Result<Unit, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.inner.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.finished = true;
                None
            }
            Err(e) => {
                self.finished = true;
                let line = e
                    .position()
                    .map(|p| p.line())
                    .unwrap_or_else(|| self.inner.position().line());
                let kind = match e.kind() {
                    csv::ErrorKind::Io(io) => RowErrorKind::Io(io.to_string()),
                    _ => RowErrorKind::Csv(e.to_string()),
                };
                Some(Err(self.error(line, None, kind)))
            }
            Ok(true) => {
                let line = self.record.position().map(|p| p.line()).unwrap_or(0);
                if self.record.len() != self.width {
                    let kind = RowErrorKind::ColumnCount {
                        expected: self.width,
                        found: self.record.len(),
                    };
                    return Some(Err(self.error(
                        line,
                        self.record.get(self.cols.orgnr),
                        kind,
                    )));
                }
                let raw = self.cols.raw(&self.record);
                Some(
                    raw.build(self.kind)
                        .map_err(|k| self.error(line, Some(raw.orgnr), k)),
                )
            }
        }
    }
}
