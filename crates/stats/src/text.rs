//! Turning the bytes of a downloaded file into text: UTF-8 (with or without BOM) or Windows-1252.

use std::borrow::Cow;

/// The character encoding a byte buffer was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// Valid UTF-8 without a byte-order mark.
    Utf8,
    /// Valid UTF-8 that started with the byte-order mark `EF BB BF` (removed from the text).
    Utf8Bom,
    /// Not valid UTF-8; decoded as Windows-1252 (a superset of ISO-8859-1 for printable
    /// characters), which is how SSB's KLASS and statistics-bank CSV exports are written.
    Windows1252,
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` as UTF-8 when they are valid UTF-8 (a leading BOM is dropped), else as
/// Windows-1252. Never fails: every byte sequence is valid Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let (body, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(s) if bom => (Cow::Borrowed(s), TextEncoding::Utf8Bom),
        Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8),
        Err(_) => {
            let (text, _had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, TextEncoding::Windows1252)
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`, counting only the valid
/// UTF-8 prefix up to the offset (used to locate the first invalid byte).
pub(crate) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = &bytes[..offset.min(bytes.len())];
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_cp1252() {
        assert_eq!(decode(b"Asker").1, TextEncoding::Utf8);
        let (t, e) = decode(b"\xEF\xBB\xBFR\xC3\xB8yken");
        assert_eq!((t.as_ref(), e), ("Røyken", TextEncoding::Utf8Bom));
        let (t, e) = decode(b"R\xF8yken \x96 \x80");
        assert_eq!((t.as_ref(), e), ("Røyken – €", TextEncoding::Windows1252));
    }

    #[test]
    fn line_and_column_of_offset() {
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col(b"abc", 0), (1, 1));
    }
}
