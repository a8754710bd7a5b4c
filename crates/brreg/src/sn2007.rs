//! SN2007 (*Standard for næringsgruppering*, the Norwegian NACE Rev. 2) from an SSB KLASS CSV export.
//!
//! The bundled copy is `data/sn2007/klass6_SN2007_version30_codes.csv` (KLASS classification 6,
//! version 30), compiled in: [`Sn2007::embedded`]. The export is UTF-8, `;`-separated, every field
//! quoted; its header has 8 columns but the data rows only 6, so rows are read flexibly and by
//! header name. A file that is not UTF-8 is decoded as Windows-1252 (KLASS can export ISO-8859-1).
//!
//! Levels: 1 section (letter `A`–`U`), 2 division (`62`), 3 group (`62.0`), 4 class (`62.01`),
//! 5 subclass (`62.010`, the form Enhetsregisteret uses).

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use crate::codes::NaceCode;

/// The bundled KLASS export, as text (a `static`: a `const` may be copied into each use).
pub static EMBEDDED_SOURCE: &str =
    include_str!("../../../data/sn2007/klass6_SN2007_version30_codes.csv");

/// One code of the classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassItem {
    /// The code: `J`, `62`, `62.0`, `62.01`, `62.010`.
    pub code: String,
    /// The parent code (`None` for sections).
    pub parent: Option<String>,
    /// 1 section, 2 division, 3 group, 4 class, 5 subclass.
    pub level: u8,
    /// The full Norwegian name.
    pub name: String,
    /// The short name.
    pub short_name: String,
}

/// An SN2007 export that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum Sn2007Error {
    /// Reading failed.
    #[error("reading the SN2007 file: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV is malformed.
    #[error("SN2007 CSV, line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A needed column is missing from the header.
    #[error("SN2007 CSV: the header has no column {0:?}")]
    MissingColumn(&'static str),
}

/// The SN2007 classification: lookups by code, and from a subclass to its division and section.
#[derive(Debug, Clone)]
pub struct Sn2007 {
    items: Vec<ClassItem>,
    index: HashMap<String, usize>,
    section_of_division: [Option<char>; 100],
}

impl Sn2007 {
    /// The bundled classification (parsed once, on first use).
    pub fn embedded() -> &'static Sn2007 {
        static CELL: OnceLock<Sn2007> = OnceLock::new();
        CELL.get_or_init(|| {
            Sn2007::from_klass_csv(EMBEDDED_SOURCE.as_bytes())
                .expect("the bundled SN2007 export parses (checked by tests)")
        })
    }

    /// Reads a KLASS CSV export (`code;parentCode;level;name;shortName;notes;...`).
    pub fn from_klass_csv(mut reader: impl Read) -> Result<Sn2007, Sn2007Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => encoding_rs::WINDOWS_1252
                .decode(e.as_bytes())
                .0
                .into_owned(),
        };
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = rdr
            .headers()
            .map_err(|e| Sn2007Error::Csv {
                line: 1,
                message: e.to_string(),
            })?
            .clone();
        let col = |name: &'static str| {
            header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
                .ok_or(Sn2007Error::MissingColumn(name))
        };
        let (c_code, c_parent, c_level, c_name) = (
            col("code")?,
            col("parentCode")?,
            col("level")?,
            col("name")?,
        );
        let c_short = col("shortName").ok();
        let mut items = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| Sn2007Error::Csv {
                line: e.position().map(|p| p.line()).unwrap_or(0),
                message: e.to_string(),
            })?;
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            let get = |i: usize| rec.get(i).unwrap_or("").trim();
            let level: u8 = get(c_level).parse().map_err(|_| Sn2007Error::Csv {
                line,
                message: format!("level {:?} is not a number", get(c_level)),
            })?;
            let code = get(c_code).to_string();
            if code.is_empty() {
                return Err(Sn2007Error::Csv {
                    line,
                    message: "empty code".into(),
                });
            }
            let parent = Some(get(c_parent).to_string()).filter(|p| !p.is_empty());
            items.push(ClassItem {
                code,
                parent,
                level,
                name: get(c_name).to_string(),
                short_name: c_short.map(get).unwrap_or("").to_string(),
            });
        }
        let index = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.code.clone(), i))
            .collect();
        let mut section_of_division = [None; 100];
        for it in items.iter().filter(|it| it.level == 2) {
            if let (Ok(d), Some(p)) = (it.code.parse::<usize>(), it.parent.as_deref())
                && d < 100
            {
                section_of_division[d] = p.chars().next();
            }
        }
        Ok(Sn2007 {
            items,
            index,
            section_of_division,
        })
    }

    /// All codes, in file order.
    pub fn items(&self) -> &[ClassItem] {
        &self.items
    }

    /// The codes of one level (5 for subclasses such as `62.010`).
    pub fn level(&self, level: u8) -> impl Iterator<Item = &ClassItem> {
        self.items.iter().filter(move |it| it.level == level)
    }

    /// Looks a code up (`"62.010"`, `"62"`, `"J"`).
    pub fn get(&self, code: &str) -> Option<&ClassItem> {
        self.index.get(code).map(|&i| &self.items[i])
    }

    /// True when the code exists in SN2007.
    pub fn contains(&self, code: &str) -> bool {
        self.index.contains_key(code)
    }

    /// The division (two-digit level) of a code such as `"62.010"`, `"62.01"` or `"62"`, when the
    /// division exists in SN2007.
    pub fn division(&self, code: &str) -> Option<u8> {
        let d = code.get(..2)?;
        if !d.bytes().all(|c| c.is_ascii_digit())
            || !(code.len() == 2 || code[2..].starts_with('.'))
        {
            return None;
        }
        let d: u8 = d.parse().ok()?;
        self.section_of_division[usize::from(d)].map(|_| d)
    }

    /// The section letter (`'J'`) of a code such as `"62.010"`.
    pub fn section(&self, code: &str) -> Option<char> {
        self.division(code)
            .and_then(|d| self.section_of_division(d))
    }

    /// The section letter of a division (62 → `'J'`).
    pub fn section_of_division(&self, division: u8) -> Option<char> {
        self.section_of_division
            .get(usize::from(division))
            .copied()
            .flatten()
    }

    /// The section letter of a parsed subclass code.
    pub fn section_of(&self, code: NaceCode) -> Option<char> {
        self.section_of_division(code.division())
    }

    /// The name of a code, if it exists.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.get(code).map(|it| it.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_counts_and_lookups() {
        let sn = Sn2007::embedded();
        assert_eq!(sn.items().len(), 1811);
        let counts: Vec<usize> = (1..=5).map(|l| sn.level(l).count()).collect();
        assert_eq!(counts, vec![21, 87, 270, 613, 820]);
        assert_eq!(sn.division("62.010"), Some(62));
        assert_eq!(sn.section("62.010"), Some('J'));
        assert_eq!(sn.section("01.110"), Some('A'));
        assert_eq!(sn.section("86.211"), Some('Q'));
        assert_eq!(
            sn.section_of(NaceCode::parse(b"41.200").unwrap()),
            Some('F')
        );
        assert_eq!(sn.name("62.010"), Some("Programmeringstjenester"));
        assert_eq!(sn.get("62.010").unwrap().parent.as_deref(), Some("62.01"));
        assert_eq!(sn.division("04.000"), None, "division 04 does not exist");
        assert_eq!(sn.division("6x.010"), None);
        assert!(sn.contains("J"));
    }

    #[test]
    fn latin1_export_is_decoded() {
        let text = "\"code\";\"parentCode\";\"level\";\"name\";\"shortName\"\n\"A\";\"\";\"1\";\"Jordbruk, skogbruk og fiske\";\"\"\n\"01\";\"A\";\"2\";\"Jordbruk og tjenester tilknyttet jordbruk\";\"Jordbruk\"\n\"01.110\";\"01.11\";\"5\";\"Dyrking av korn (unntatt ris), belgvekster og oljeholdige vekster\";\"Korn\"\n\"02\";\"A\";\"2\";\"Skogbruk og tjenester tilknyttet skogbruk\";\"Skogbruk\"\n\"02.100\";\"02.10\";\"5\";\"Skjøtsel\";\"S\"\n";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let sn = Sn2007::from_klass_csv(&latin1[..]).unwrap();
        assert_eq!(sn.name("02.100"), Some("Skjøtsel"));
        assert_eq!(sn.section("02.100"), Some('A'));
    }
}
