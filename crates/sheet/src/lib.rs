//! Reads an uploaded spreadsheet (CSV or XLSX) into a table of text cells within fixed
//! [`limits`], and writes CSV cells that are safe to open in a spreadsheet ([`csv_safe`]).
//!
//! Why a crate of its own: these are the parsers an outsider's file reaches first (the staff
//! upload page and `naeringsplan actions import`), so they are fuzzed on their own
//! (`fuzz/fuzz_targets/action_sheet.rs`), and a fuzz build must not pull in the store, the web
//! layer or the report. Like the other domain crates it does no I/O: bytes in, a [`Table`] or a
//! [`ReadError`] out. What the columns mean is the caller's business (`app::action_sheet`).
//!
//! Issue 21: a 1.4 KB sheet with values in A1 and XFD1048576 made a dense reader allocate
//! 512 GiB and abort the server; a 1.8 MB upload inflated to 522 MB of XML. Here every limit is
//! checked while reading, before anything is allocated by a size the file declares.

pub mod csv_safe;

use std::io::{Cursor, Read as _};

use calamine::{Data, Reader as _};

/// Why a file could not be read, in words for the user (Norwegian where the limits speak).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(pub String);

/// A sheet as text cells: header and numbered rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Header names (trimmed, lower case).
    pub header: Vec<String>,
    /// (spreadsheet row number, cells).
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma- or semicolon-separated text (UTF-8).
    Csv,
    /// Excel workbook (first sheet).
    Xlsx,
}

impl Format {
    /// Guesses the format from a file name and its first bytes (XLSX is a zip: `PK`).
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK") || name.to_ascii_lowercase().ends_with(".xlsx") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Reads a CSV file (`,` or `;` separated, optional UTF-8 BOM); cells quoted against formulas
/// by [`csv_safe::write_record`] come back as they were.
pub fn read_csv(bytes: &[u8]) -> Result<Table, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ReadError(format!("the file is not UTF-8 text: {e}")))?;
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| ReadError(format!("row {}: {e}", i + 1)))?;
        let row = i + 1;
        let has_value = rec.iter().any(|c| !c.trim().is_empty());
        if has_value && row > limits::ROWS as usize {
            return Err(ReadError(format!(
                "filen har verdier på rad {row}; en tiltaksfil kan ha høyst {} rader",
                limits::ROWS
            )));
        }
        if let Some(col) = rec
            .iter()
            .enumerate()
            .skip(limits::COLUMNS as usize)
            .find(|(_, c)| !c.trim().is_empty())
            .map(|(c, _)| c + 1)
        {
            return Err(ReadError(format!(
                "rad {row} har en verdi i kolonne {col}; en tiltaksfil kan ha høyst {} kolonner",
                limits::COLUMNS
            )));
        }
        let cells: Vec<String> = rec
            .iter()
            .take(limits::COLUMNS as usize)
            .map(|c| csv_safe::restore(c).into_owned())
            .collect();
        if i == 0 {
            table.header = cells.iter().map(|c| c.trim().to_lowercase()).collect();
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push((i + 1, cells));
        }
    }
    Ok(table)
}

/// Excel's serial day number → ISO date (the 1900 system; serial 25569 is 1970-01-01).
fn excel_date(serial: f64) -> Option<String> {
    let days = serial.floor() as i64 - 25569;
    let d = time::Date::from_julian_day(
        time::Date::from_calendar_date(1970, time::Month::January, 1)
            .ok()?
            .to_julian_day()
            + i32::try_from(days).ok()?,
    )
    .ok()?;
    Some(d.to_string())
}

/// Limits on a spreadsheet, checked while reading and before anything is allocated by size: an
/// action plan has tens to hundreds of rows, so these are far above any real file and far below
/// what could exhaust memory or time (issue 21: a 1.4 KB sheet with cells A1 and XFD1048576 made
/// the dense reader allocate 512 GiB; a 1.8 MB upload inflated to 522 MB of XML).
pub mod limits {
    /// Largest file read at all (bytes); the web upload has its own, smaller limit.
    pub const FILE_BYTES: u64 = 20 * 1024 * 1024;
    /// Largest total size of an XLSX file's parts once unpacked (bytes).
    pub const INFLATED_BYTES: u64 = 32 * 1024 * 1024;
    /// Most parts in an XLSX file (a normal one has about ten).
    pub const ZIP_ENTRIES: usize = 1000;
    /// Highest row number a cell with a value may have (the header is row 1).
    pub const ROWS: u32 = 10_000;
    /// Highest column number a cell with a value may have (column A is 1).
    pub const COLUMNS: u32 = 100;
    /// Most cells (with or without a value) in the sheet.
    pub const CELLS: usize = 200_000;
    /// Row problems listed one by one; the rest are counted.
    pub const REPORTED_ERRORS: usize = 50;
}

/// `A`, `B`, …, `XFD` for a column counted from 0.
fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Unpacks every part of a zip archive into a sink, counting bytes, and refuses the archive
/// when the parts together inflate beyond [`limits::INFLATED_BYTES`] (the sizes the archive
/// declares are not trusted: the bytes are counted). Memory stays at the copy buffer.
fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError(format!("not a readable workbook: {e}")))?;
    if zip.len() > limits::ZIP_ENTRIES {
        return Err(ReadError(format!(
            "regnearket har {} deler (en vanlig XLSX-fil har rundt ti, grensen er {}); filen er ikke lest",
            zip.len(),
            limits::ZIP_ENTRIES
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| ReadError(format!("not a readable workbook: {e}")))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let budget = limits::INFLATED_BYTES - total;
        let n = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(|e| ReadError(format!("not a readable workbook: {name}: {e}")))?;
        total += n;
        if total > limits::INFLATED_BYTES {
            return Err(ReadError(format!(
                "regnearket pakker seg ut til mer enn {} MB (delen {name}); en tiltaksplan er langt mindre, så filen er ikke lest (en skadet fil eller en «zip-bombe»?)",
                limits::INFLATED_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| c.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Reads the first sheet of an XLSX workbook, cell by cell: the archive is checked first
/// ([`check_zip`]), then every cell's position is checked against [`limits`] as it streams
/// by, so a sparse sheet (a value in A1 and one in XFD1048576) or a row bomb is refused with
/// the cell named instead of being laid out as a dense grid.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, ReadError> {
    check_zip(bytes)?;
    let mut wb: calamine::Xlsx<_> = calamine::Reader::new(Cursor::new(bytes))
        .map_err(|e| ReadError(format!("not a readable workbook: {e}")))?;
    let first = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ReadError("the workbook has no sheet".into()))?;
    let mut reader = wb
        .worksheet_cells_reader(&first)
        .map_err(|e| ReadError(format!("cannot read the first sheet: {e}")))?;
    // (row, column, value) of every cell with a value, both counted from 0.
    let mut cells: Vec<(u32, u32, Data)> = Vec::new();
    let mut seen = 0usize;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| ReadError(format!("cannot read the first sheet: {e}")))?
    {
        seen += 1;
        if seen > limits::CELLS {
            return Err(ReadError(format!(
                "arket har mer enn {} celler; en tiltaksplan er langt mindre, så filen er ikke lest",
                limits::CELLS
            )));
        }
        let value = Data::from(cell.get_value().clone());
        if matches!(value, Data::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= limits::ROWS || col >= limits::COLUMNS {
            return Err(ReadError(format!(
                "arket har en verdi i celle {}{} (rad {}, kolonne {}), utenfor det en tiltaksfil kan ha (høyst {} rader og {} kolonner); slett celler langt ute i arket og prøv igjen",
                column_letters(col),
                u64::from(row) + 1,
                u64::from(row) + 1,
                u64::from(col) + 1,
                limits::ROWS,
                limits::COLUMNS
            )));
        }
        cells.push((row, col, value));
    }
    let row0 = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let col0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
    // Rows in order; within a row, cells placed by column (both bounded by the limits above).
    cells.sort_by_key(|c| (c.0, c.1));
    let mut table = Table::default();
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0;
        let mut line: Vec<String> = Vec::new();
        while i < cells.len() && cells[i].0 == row {
            let at = (cells[i].1 - col0) as usize;
            if line.len() <= at {
                line.resize(at + 1, String::new());
            }
            line[at] = cell_text(&cells[i].2);
            i += 1;
        }
        if row == row0 {
            table.header = line.iter().map(|c| c.trim().to_lowercase()).collect();
        } else if line.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push((row as usize + 1, line));
        }
    }
    Ok(table)
}

/// Reads a file of either format.
pub fn read(name: &str, bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(ReadError(format!(
            "filen er på {} MB; en tiltaksfil kan være høyst {} MB",
            bytes.len() / (1024 * 1024),
            limits::FILE_BYTES / (1024 * 1024)
        )));
    }
    match Format::detect(name, bytes) {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => read_xlsx(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (row, col, text) in cells {
            ws.write_string(*row, *col, *text).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_small_sheet_reads_as_its_rows() {
        let bytes = workbook(&[
            (0, 0, "ID"),
            (0, 1, "Status"),
            (1, 0, "T1"),
            (1, 1, "Pågår"),
        ]);
        let table = read("tiltak.xlsx", &bytes).unwrap();
        assert_eq!(table.header, ["id", "status"]);
        assert_eq!(
            table.rows,
            [(2, vec!["T1".to_string(), "Pågår".to_string()])]
        );
    }

    #[test]
    fn a_sparse_sheet_is_refused_with_the_cell_named() {
        // Issue 21, finding 1: A1 and XFD1048576 once made a dense reader allocate 512 GiB.
        let bytes = workbook(&[(0, 0, "id"), (1_048_575, 16_383, "x")]);
        let err = read("sparse.xlsx", &bytes).unwrap_err();
        assert!(err.0.contains("XFD1048576"), "{err}");
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_read() {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..(limits::INFLATED_BYTES / (1 << 20) + 1) {
            zip.write_all(&chunk).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
        let err = read("bomb.xlsx", &bytes).unwrap_err();
        assert!(err.0.contains("zip-bombe"), "{err}");
    }

    #[test]
    fn csv_rows_and_columns_beyond_the_limits_are_refused() {
        let wide = format!("id{}x\n", ",".repeat(limits::COLUMNS as usize));
        let err = read_csv(wide.as_bytes()).unwrap_err();
        assert!(err.0.contains("kolonne"), "{err}");
        let long = format!("id\n{}", "x\n".repeat(limits::ROWS as usize));
        let err = read_csv(long.as_bytes()).unwrap_err();
        assert!(err.0.contains("rader"), "{err}");
        assert!(read_csv(b"\xff\xfe").unwrap_err().0.contains("UTF-8"));
    }

    #[test]
    fn neutralised_cells_come_back_as_written() {
        let mut w = csv::Writer::from_writer(Vec::new());
        csv_safe::write_record(&mut w, ["id", "title"]).unwrap();
        csv_safe::write_record(&mut w, ["T1", "=HYPERLINK(\"x\")"]).unwrap();
        let bytes = w.into_inner().unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("'=HYPERLINK"));
        let table = read_csv(&bytes).unwrap();
        assert_eq!(table.rows[0].1[1], "=HYPERLINK(\"x\")");
    }
}
