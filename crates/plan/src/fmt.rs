//! Norwegian presentation of numbers: decimal comma, no-break space between thousands
//! (`96 088`, `41,9 %`), as Statistics Norway and the plan document write them.

use crate::model::Unit;

/// No-break space used between digit groups and before `%`.
pub const NBSP: char = '\u{a0}';

/// Formats `value` with `decimals` decimals, Norwegian style: `1234567.891, 1` → `1 234 567,9`.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let s = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    // Rounding may give "-0,0": only show the sign when a digit is non-zero.
    if value < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('−');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 && digits > 4 {
            out.push(NBSP);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// The fewest decimals (0–`max`) that show `value` exactly to `max` places: 12 → `12`, 41.9 → `41,9`.
pub fn number_auto(value: f64, max: usize) -> String {
    for d in 0..=max {
        let scale = 10f64.powi(d as i32);
        if ((value * scale).round() - value * scale).abs() < 1e-6 {
            return number(value, d);
        }
    }
    number(value, max)
}

/// A value in an indicator unit: `41,9 %`, `12.` for ranks, `260 dekar`, `96 088`.
pub fn value(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{}{NBSP}%", number_auto(value, 1)),
        Unit::Rank => format!("{}.", number(value, 0)),
        Unit::Ratio => number_auto(value, 2),
        Unit::Dekar => format!("{}{NBSP}dekar", number_auto(value, 1)),
        Unit::Count => number(value, 0),
        Unit::Nok => format!("{}{NBSP}kr", number(value, 0)),
    }
}

/// Like [`value`] without the unit word for dekar (for table cells under a unit heading).
pub fn bare(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Dekar => number_auto(value, 1),
        Unit::Rank => number(value, 0),
        _ => self::value(value, unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace(NBSP, " ")
    }

    #[test]
    fn norwegian_numbers() {
        assert_eq!(plain(number(96088.0, 0)), "96 088");
        assert_eq!(plain(number(1234567.891, 1)), "1 234 567,9");
        assert_eq!(number(8935.0, 0), "8935", "four digits are not grouped");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(-12.5, 1), "−12,5");
        assert_eq!(plain(value(41.9, Unit::Percent)), "41,9 %");
        assert_eq!(plain(value(56.0, Unit::Percent)), "56 %");
        assert_eq!(value(12.0, Unit::Rank), "12.");
        assert_eq!(plain(value(260.0, Unit::Dekar)), "260 dekar");
        assert_eq!(number(f64::NAN, 1), "–");
    }
}
