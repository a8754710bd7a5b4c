//! The one place numbers are written for people: Norwegian presentation (decimal comma, no-break
//! space between thousands, `−` for minus: `96 088`, `41,9 %`), as Statistics Norway and the plan
//! document write them, and the English counterpart (`96,088`, `41.9 %`, `-`) for English pages.
//! Machine formats (CSV, JSON) write plain numbers and do not come here.

use crate::model::Unit;

/// No-break space used between digit groups and before `%`.
pub const NBSP: char = '\u{a0}';

/// Formats `value` with `decimals` decimals, Norwegian style: `1234567.891, 1` → `1 234 567,9`.
pub fn number(value: f64, decimals: usize) -> String {
    written(value, decimals, &NORWEGIAN)
}

/// As [`number`], English style: `1234567.891, 1` → `1,234,567.9` (comma between thousands,
/// decimal point, hyphen-minus).
pub fn number_en(value: f64, decimals: usize) -> String {
    written(value, decimals, &ENGLISH)
}

/// How a language writes a number.
struct Style {
    decimal: char,
    group: char,
    minus: char,
}

const NORWEGIAN: Style = Style {
    decimal: ',',
    group: NBSP,
    minus: '−',
};

const ENGLISH: Style = Style {
    decimal: '.',
    group: ',',
    minus: '-',
};

fn written(value: f64, decimals: usize, style: &Style) -> String {
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
        out.push(style.minus);
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 && digits > 4 {
            out.push(style.group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(style.decimal);
        out.push_str(f);
    }
    out
}

/// A number with its sign always shown, Norwegian style: `+1,23`, `−0,50`.
pub fn signed(value: f64, decimals: usize) -> String {
    let n = number(value, decimals);
    if n.starts_with('−') || !value.is_finite() {
        n
    } else {
        format!("+{n}")
    }
}

/// As [`signed`], English style: `+1.23`, `-0.50`.
pub fn signed_en(value: f64, decimals: usize) -> String {
    let n = number_en(value, decimals);
    if n.starts_with('-') || !value.is_finite() {
        n
    } else {
        format!("+{n}")
    }
}

/// A share given as a fraction (`0.419`) in per cent with `decimals` decimals: `41,9 %`.
pub fn fraction_percent(fraction: f64, decimals: usize) -> String {
    format!("{}{NBSP}%", number(fraction * 100.0, decimals))
}

/// The fewest decimals (0–`max`) that show `value` exactly to `max` places: 12 → `12`, 41.9 → `41,9`.
pub fn number_auto(value: f64, max: usize) -> String {
    number(value, auto_decimals(value, max))
}

/// As [`number_auto`], English style.
pub fn number_auto_en(value: f64, max: usize) -> String {
    number_en(value, auto_decimals(value, max))
}

fn auto_decimals(value: f64, max: usize) -> usize {
    (0..=max)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((value * scale).round() - value * scale).abs() < 1e-6
        })
        .unwrap_or(max)
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

/// As [`value`], English style: `41.9 %`, `12.` for ranks, `260 dekar`, `96,088`.
pub fn value_en(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} %", number_auto_en(value, 1)),
        Unit::Rank => format!("{}.", number_en(value, 0)),
        Unit::Ratio => number_auto_en(value, 2),
        Unit::Dekar => format!("{} dekar", number_auto_en(value, 1)),
        Unit::Count => number_en(value, 0),
        Unit::Nok => format!("{} kr", number_en(value, 0)),
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

    #[test]
    fn english_signed_and_fractions() {
        assert_eq!(number_en(1234567.891, 1), "1,234,567.9");
        assert_eq!(number_en(-12.5, 1), "-12.5");
        assert_eq!(value_en(41.9, Unit::Percent), "41.9 %");
        assert_eq!(value_en(96088.0, Unit::Count), "96,088");
        assert_eq!(signed(1.234, 2), "+1,23");
        assert_eq!(signed(-0.5, 2), "−0,50");
        assert_eq!(signed_en(-0.5, 2), "-0.50");
        assert_eq!(plain(fraction_percent(0.4186, 1)), "41,9 %");
        // English is Norwegian with the three characters swapped, for every unit.
        for unit in [
            Unit::Percent,
            Unit::Rank,
            Unit::Ratio,
            Unit::Dekar,
            Unit::Count,
            Unit::Nok,
        ] {
            for v in [0.0, 41.86, -1234.5, 96088.0] {
                let nb = value(v, unit)
                    .replace(',', ".")
                    .replace(NBSP, ",")
                    .replace('−', "-");
                let nb = nb
                    .replace(",dekar", " dekar")
                    .replace(",kr", " kr")
                    .replace(",%", " %");
                assert_eq!(value_en(v, unit), nb, "{v} {unit:?}");
            }
        }
    }
}
