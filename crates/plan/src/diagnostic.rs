//! Located problems in a plan file: `file:line:col: message`.

use std::fmt;

/// One problem found in a plan file, with its position (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
    /// What is wrong and, where possible, what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Every problem found in a plan file, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets in a source text to 1-based line and column.
pub(crate) struct LineIndex<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { src, line_starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .src
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }
}

/// Rewords a syntax or type error from the TOML reader for someone editing a plan file: names the
/// key of a duplicate, says "whole number" rather than a Rust type, and hints at the usual cause of
/// an unterminated string or an unclosed array.
pub(crate) fn reword_toml_error(
    message: &str,
    src: &str,
    span: Option<std::ops::Range<usize>>,
) -> String {
    let message = message.trim();
    let mut out = message
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number ≥ 0")
        .replace("expected u8", "expected a whole number 0–255")
        .replace("expected f64", "expected a number");
    if message == "duplicate key" {
        let key = span
            .and_then(|r| src.get(r))
            .map(|k| k.trim().trim_matches('"'))
            .filter(|k| !k.is_empty() && !k.contains('\n'));
        out = match key {
            Some(k) => format!("duplicate key `{k}`: it is already set in this table"),
            None => "duplicate key: it is already set in this table".to_string(),
        };
    } else if message.starts_with("invalid basic string") {
        out.push_str(
            " (is the closing `\"` missing? a \"…\" string must end on the line where it starts; use \"\"\"…\"\"\" for text over several lines)",
        );
    } else if message.starts_with("missing comma between array elements") {
        out.push_str(" (or is the closing `]` of the array missing?)");
    }
    out
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter<'a> {
    file: String,
    index: LineIndex<'a>,
    pub(crate) found: Vec<(usize, Diagnostic)>,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(file: &str, src: &'a str) -> Self {
        Reporter {
            file: file.to_string(),
            index: LineIndex::new(src),
            found: Vec::new(),
        }
    }

    /// 1-based (line, column) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }

    /// Record a problem at a byte offset.
    pub(crate) fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.index.position(offset);
        self.found.push((
            offset,
            Diagnostic {
                file: self.file.clone(),
                line,
                col,
                message: message.into(),
            },
        ));
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|(o, _)| *o);
        self.found.into_iter().map(|(_, d)| d).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_are_reworded_for_plan_editors() {
        let src = "a = 1\na = 2\n";
        assert_eq!(
            reword_toml_error("duplicate key", src, Some(6..7)),
            "duplicate key `a`: it is already set in this table"
        );
        assert_eq!(
            reword_toml_error("invalid type: string \"40\", expected i64", src, None),
            "invalid type: string \"40\", expected a whole number"
        );
        assert!(
            reword_toml_error("invalid basic string, expected `\"`", src, None)
                .contains("is the closing `\"` missing?")
        );
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = "a = 1\nø = 2\n  b";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(6), (2, 1));
        // 'ø' is two bytes; the '=' after "ø " is the 3rd character.
        assert_eq!(idx.position(6 + "ø ".len()), (2, 3));
        assert_eq!(idx.position(src.len() - 1), (3, 3));
    }
}
