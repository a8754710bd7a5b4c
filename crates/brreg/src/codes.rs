//! Small, copyable code types: organisation numbers (with the MOD11 check), organisation forms,
//! SN2007 industry codes, municipality numbers, institutional sector codes and dates.
//!
//! They parse from bytes (`&[u8]`) so the CSV reader can work on raw records without allocating.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month};

/// Why an organisation number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgNrError {
    /// Not exactly nine characters.
    #[error("expected 9 digits, got {0} characters")]
    WrongLength(usize),
    /// Something other than the digits 0–9.
    #[error("contains a character that is not a digit")]
    NotDigits,
    /// The first eight digits give remainder 1, so check digit would be 10: no such number exists.
    #[error("no valid check digit exists for these first eight digits (11 - sum mod 11 = 10)")]
    NoCheckDigit,
    /// The ninth digit is not the MOD11 check digit of the first eight.
    #[error("check digit is {found}, MOD11 gives {expected}")]
    CheckDigit {
        /// The check digit computed from the first eight digits.
        expected: u8,
        /// The ninth digit as written.
        found: u8,
    },
}

/// MOD11 weights for the first eight digits of an organisation number (Brønnøysundregistrene).
const ORGNR_WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

/// Computes the MOD11 check digit for the first eight digits of an organisation number.
///
/// `check = 11 - (Σ digit × weight mod 11)`; 11 becomes 0, and 10 means the eight digits cannot
/// start a valid number (`None`). Weights are 3, 2, 7, 6, 5, 4, 3, 2.
pub fn orgnr_check_digit(first8: [u8; 8]) -> Option<u8> {
    let sum: u32 = first8
        .iter()
        .zip(ORGNR_WEIGHTS)
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    match 11 - (sum % 11) {
        11 => Some(0),
        10 => None,
        c => Some(c as u8),
    }
}

/// A Norwegian organisation number: nine digits, the last a MOD11 check digit.
///
/// Stored as a `u32`; displays as the nine digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgNr(u32);

impl OrgNr {
    /// Parses and validates nine ASCII digits (no spaces).
    pub fn parse(bytes: &[u8]) -> Result<Self, OrgNrError> {
        if bytes.len() != 9 {
            return Err(OrgNrError::WrongLength(bytes.len()));
        }
        let mut digits = [0u8; 9];
        for (d, &b) in digits.iter_mut().zip(bytes) {
            if !b.is_ascii_digit() {
                return Err(OrgNrError::NotDigits);
            }
            *d = b - b'0';
        }
        let mut first8 = [0u8; 8];
        first8.copy_from_slice(&digits[..8]);
        let expected = orgnr_check_digit(first8).ok_or(OrgNrError::NoCheckDigit)?;
        if expected != digits[8] {
            return Err(OrgNrError::CheckDigit {
                expected,
                found: digits[8],
            });
        }
        Ok(OrgNr(
            digits.iter().fold(0u32, |n, &d| n * 10 + u32::from(d)),
        ))
    }

    /// Builds a number from its first eight digits (as an integer below 100 000 000), appending
    /// the check digit; `None` when those digits have no valid check digit.
    pub fn from_first8(first8: u32) -> Option<Self> {
        if first8 >= 100_000_000 {
            return None;
        }
        let mut d = [0u8; 8];
        let mut n = first8;
        for slot in d.iter_mut().rev() {
            *slot = (n % 10) as u8;
            n /= 10;
        }
        orgnr_check_digit(d).map(|c| OrgNr(first8 * 10 + u32::from(c)))
    }

    /// The number as an integer (e.g. `923609016`).
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for OrgNr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:09}", self.0)
    }
}

impl FromStr for OrgNr {
    type Err = OrgNrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgNr::parse(s.as_bytes())
    }
}

/// An organisation form code from Enhetsregisteret (`AS`, `ENK`, `FLI`, `BEDR`, `SÆR`, …).
///
/// Held inline (up to 8 bytes of UTF-8), so it is `Copy` and costs no allocation.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgForm {
    len: u8,
    bytes: [u8; 8],
}

impl OrgForm {
    /// Aksjeselskap, the private limited company.
    pub const AS: OrgForm = OrgForm::from_ascii(b"AS");
    /// Enkeltpersonforetak, the sole proprietorship.
    pub const ENK: OrgForm = OrgForm::from_ascii(b"ENK");

    const fn from_ascii(b: &[u8]) -> OrgForm {
        let mut bytes = [0u8; 8];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        OrgForm {
            len: b.len() as u8,
            bytes,
        }
    }

    /// Parses a code: 1–8 bytes of UTF-8 letters (no spaces or punctuation).
    pub fn parse(b: &[u8]) -> Option<Self> {
        if b.is_empty() || b.len() > 8 {
            return None;
        }
        let s = std::str::from_utf8(b).ok()?;
        if !s.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut bytes = [0u8; 8];
        bytes[..b.len()].copy_from_slice(b);
        Some(OrgForm {
            len: b.len() as u8,
            bytes,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ever built from validated UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl fmt::Display for OrgForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for OrgForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrgForm({})", self.as_str())
    }
}

impl FromStr for OrgForm {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        OrgForm::parse(s.as_bytes()).ok_or(())
    }
}

/// An industry code at the SN2007 subclass level as Enhetsregisteret writes it: `NN.NNN`
/// (e.g. `62.010`).
///
/// Stored as the five digits (`62010`). Only the format is checked here; whether the code exists in
/// SN2007 is for [`crate::sn2007::Sn2007`] to say.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NaceCode(u32);

impl NaceCode {
    /// Parses `NN.NNN`.
    pub fn parse(b: &[u8]) -> Option<Self> {
        if b.len() != 6 || b[2] != b'.' {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in b.iter().enumerate() {
            if i == 2 {
                continue;
            }
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(NaceCode(n))
    }

    /// The two-digit division (*næring*), e.g. 62 for `62.010`.
    pub fn division(self) -> u8 {
        (self.0 / 1000) as u8
    }

    /// The five digits as an integer (`62010`).
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for NaceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

impl fmt::Debug for NaceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NaceCode({self})")
    }
}

impl FromStr for NaceCode {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        NaceCode::parse(s.as_bytes()).ok_or(())
    }
}

/// Parses exactly four ASCII digits.
fn four_digits(b: &[u8]) -> Option<u16> {
    if b.len() != 4 {
        return None;
    }
    let mut n = 0u16;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u16::from(c - b'0');
    }
    Some(n)
}

/// A municipality number (*kommunenummer*), four digits, e.g. `3203` (Asker from 2024) or `3025`
/// (Asker 2020–2023). Codes are kept as found in the file: mapping between code generations is the
/// job of the `stats` crate's geography.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kommune(u16);

impl Kommune {
    /// Parses four digits.
    pub fn parse(b: &[u8]) -> Option<Self> {
        four_digits(b).map(Kommune)
    }

    /// Builds from an integer below 10 000.
    pub fn new(code: u16) -> Option<Self> {
        (code < 10_000).then_some(Kommune(code))
    }

    /// The code as an integer (`3203`).
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Kommune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl fmt::Debug for Kommune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kommune({self})")
    }
}

impl FromStr for Kommune {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Kommune::parse(s.as_bytes()).ok_or(())
    }
}

/// An institutional sector code (*institusjonell sektorkode*, SSB's sector classification),
/// four digits, e.g. `2100` private limited companies, `8200` sole proprietors.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectorCode(u16);

impl SectorCode {
    /// Parses four digits.
    pub fn parse(b: &[u8]) -> Option<Self> {
        four_digits(b).map(SectorCode)
    }

    /// The code as an integer.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for SectorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl fmt::Debug for SectorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SectorCode({self})")
    }
}

/// Parses an ISO date `YYYY-MM-DD` from bytes, checking that the day exists.
pub fn parse_date(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let y = num(0..4)? as i32;
    let m = Month::try_from(num(5..7)? as u8).ok()?;
    let d = num(8..10)? as u8;
    Date::from_calendar_date(y, m, d).ok()
}

/// Serialises a code as its display text (`"923609016"`, `"AS"`, `"62.010"`, `"3203"`, `"2100"`).
macro_rules! serialize_as_text {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}
serialize_as_text!(OrgNr, OrgForm, NaceCode, Kommune, SectorCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod11_known_numbers() {
        for ok in [
            "923609016",
            "991825827",
            "932740265",
            "919274018",
            "974760673",
        ] {
            assert!(OrgNr::from_str(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            OrgNr::from_str("923609017"),
            Err(OrgNrError::CheckDigit {
                expected: 6,
                found: 7
            })
        );
        assert_eq!(OrgNr::from_str("92360901"), Err(OrgNrError::WrongLength(8)));
        assert_eq!(OrgNr::from_str("92360901x"), Err(OrgNrError::NotDigits));
        assert_eq!(
            OrgNr::from_first8(92360901).unwrap().to_string(),
            "923609016"
        );
    }

    #[test]
    fn remainder_rules() {
        // Find eight digits with sum mod 11 == 0 (check 11 -> 0) and == 1 (check 10 -> invalid).
        let mut zero = None;
        let mut ten = None;
        for n in 80_000_000u32..80_001_000 {
            let d: Vec<u8> = format!("{n:08}").bytes().map(|b| b - b'0').collect();
            let s: u32 = d
                .iter()
                .zip(ORGNR_WEIGHTS)
                .map(|(&a, w)| u32::from(a) * w)
                .sum();
            if s.is_multiple_of(11) && zero.is_none() {
                zero = Some(n);
            }
            if s % 11 == 1 && ten.is_none() {
                ten = Some(n);
            }
        }
        let zero = zero.unwrap();
        assert_eq!(OrgNr::from_first8(zero).unwrap().get() % 10, 0);
        let ten = ten.unwrap();
        assert_eq!(OrgNr::from_first8(ten), None);
        for last in 0..10 {
            let s = format!("{ten:08}{last}");
            assert_eq!(OrgNr::from_str(&s), Err(OrgNrError::NoCheckDigit));
        }
    }

    #[test]
    fn codes_parse() {
        assert_eq!(NaceCode::parse(b"62.010").unwrap().division(), 62);
        assert_eq!(NaceCode::parse(b"01.110").unwrap().to_string(), "01.110");
        assert!(NaceCode::parse(b"62.01").is_none());
        assert_eq!(Kommune::parse(b"0301").unwrap().to_string(), "0301");
        assert!(Kommune::parse(b"301").is_none());
        assert_eq!(OrgForm::parse("SÆR".as_bytes()).unwrap().as_str(), "SÆR");
        assert_eq!(OrgForm::parse(b"AS"), Some(OrgForm::AS));
        assert!(OrgForm::parse(b"A S").is_none());
        assert_eq!(
            parse_date(b"2024-02-29"),
            Some(Date::from_calendar_date(2024, Month::February, 29).unwrap())
        );
        assert_eq!(parse_date(b"2023-02-29"), None);
        assert_eq!(parse_date(b"2023-13-01"), None);
        assert_eq!(parse_date(b"01.02.2023"), None);
    }
}
