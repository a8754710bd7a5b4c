//! The CSV plumbing the land, ledger and visits files share: byte-order mark, UTF-8, the
//! separator sniffed from the header line, header names folded ([`crate::fold_header`]), blank
//! rows skipped, every row as wide as the header, and each row with the line an editor shows
//! (the csv crate's own line count skips blank lines).

use crate::{InputError, Location, fold_header, sniff_delimiter, strip_bom};

/// The rows of one CSV file after its header, as `(line, record)`.
pub(crate) struct CsvRows<'a> {
    file: &'a str,
    text: &'a str,
    headers: Vec<String>,
    records: csv::StringRecordsIntoIter<&'a [u8]>,
}

impl<'a> CsvRows<'a> {
    /// Reads the header of `bytes` (named `file` in messages).
    pub(crate) fn open(file: &'a str, bytes: &'a [u8]) -> Result<Self, InputError> {
        let bytes = strip_bom(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            InputError::new(file, Location::File, None, format!("not UTF-8 text: {e}"))
        })?;
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(bytes))
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| InputError::new(file, Location::Line(1), None, format!("CSV: {e}")))?
            .iter()
            .map(fold_header)
            .collect();
        Ok(CsvRows {
            file,
            text,
            headers,
            records: rdr.into_records(),
        })
    }

    /// The file's text (without a byte-order mark).
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The header names, folded.
    pub(crate) fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The 1-based line on which the reader's `pos` (a record's or an error's start) lies.
    fn line_of(&self, pos: Option<&csv::Position>) -> u64 {
        pos.map_or(0, |p| {
            let bytes = self.text.as_bytes();
            let mut end = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // The reader places a record right after the previous one's line end, before any
            // blank lines it skipped.
            while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
                end += 1;
            }
            bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
        })
    }
}

impl Iterator for CsvRows<'_> {
    type Item = Result<(u64, csv::StringRecord), InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rec = match self.records.next()? {
                Ok(r) => r,
                Err(e) => {
                    let line = self.line_of(e.position());
                    return Some(Err(InputError::new(
                        self.file,
                        Location::Line(line),
                        None,
                        format!("CSV: {e}"),
                    )));
                }
            };
            let line = self.line_of(rec.position());
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if rec.len() != self.headers.len() {
                return Some(Err(InputError::new(
                    self.file,
                    Location::Line(line),
                    None,
                    format!(
                        "expected {} fields (as in the header), found {}",
                        self.headers.len(),
                        rec.len()
                    ),
                )));
            }
            // Cells we quoted on export (formula-like text) come back as they were.
            let rec = if rec.iter().any(|f| f.starts_with('\'')) {
                rec.iter().map(sheet::csv_safe::restore).collect()
            } else {
                rec
            };
            return Some(Ok((line, rec)));
        }
    }
}
