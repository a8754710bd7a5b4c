//! The plan's sector groups (knowledge-intensive industries, trade, construction, …), defined as
//! DATA: ranges of SN2007 divisions in `data/sn2007/sector_groups.toml`.
//!
//! The bundled file is compiled in ([`SectorGroups::embedded`]); a municipality can use its own
//! file of the same format ([`SectorGroups::from_reader`]; the caller opens the path). Groups may
//! overlap: `knowledge_intensive` includes 86–88, which is also `health_social`.
//!
//! ```toml
//! [[group]]
//! id = "construction"
//! nb = "Bygge- og anleggsvirksomhet"
//! en = "Construction"
//! divisions = ["41-43"]        # inclusive ranges "NN-NN" or single divisions "NN"
//! note = "SN2007 section F."   # optional
//! ```

use std::collections::HashSet;
use std::io::Read;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::codes::NaceCode;

/// The bundled sector-group file, as text.
pub const EMBEDDED_SOURCE: &str = include_str!("../../../data/sn2007/sector_groups.toml");

/// The most groups a file may define.
pub const MAX_GROUPS: usize = 64;

/// One sector group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorGroup {
    /// Stable machine id, e.g. `knowledge_intensive`.
    pub id: String,
    /// Norwegian (bokmål) name.
    pub nb: String,
    /// English name.
    pub en: String,
    /// The SN2007 divisions in the group, as inclusive ranges.
    pub divisions: Vec<RangeInclusive<u8>>,
    /// Where the definition comes from.
    pub note: Option<String>,
}

impl SectorGroup {
    /// True when the division belongs to the group.
    pub fn contains_division(&self, division: u8) -> bool {
        self.divisions.iter().any(|r| r.contains(&division))
    }
}

/// A sector-group file that is not valid.
#[derive(Debug, thiserror::Error)]
pub enum SectorGroupsError {
    /// Reading failed.
    #[error("reading the sector groups: {0}")]
    Io(#[from] std::io::Error),
    /// TOML syntax or structure error (the message includes line and column).
    #[error("sector groups: {0}")]
    Toml(#[from] toml::de::Error),
    /// A group is wrong (bad range, duplicate id, empty name, …).
    #[error("sector group {id:?}: {message}")]
    Invalid {
        /// The group id (or its position when the id is the problem).
        id: String,
        /// What is wrong.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    group: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    nb: String,
    en: String,
    divisions: Vec<String>,
    note: Option<String>,
}

fn parse_range(s: &str) -> Option<RangeInclusive<u8>> {
    let num = |t: &str| -> Option<u8> {
        let t = t.trim();
        (t.len() == 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
            .filter(|&d| (1..=99).contains(&d))
    };
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => {
            let d = num(s)?;
            (d, d)
        }
    };
    (a <= b).then_some(a..=b)
}

/// The set of sector groups, with a fast lookup from a division to the groups that contain it.
#[derive(Debug, Clone)]
pub struct SectorGroups {
    groups: Vec<SectorGroup>,
    mask_of_division: [u64; 100],
}

impl SectorGroups {
    /// The bundled groups (parsed once, on first use).
    pub fn embedded() -> &'static SectorGroups {
        static CELL: OnceLock<SectorGroups> = OnceLock::new();
        CELL.get_or_init(|| {
            SectorGroups::from_toml_str(EMBEDDED_SOURCE)
                .expect("the bundled sector groups are valid (checked by tests)")
        })
    }

    /// Reads a sector-group file from a reader.
    pub fn from_reader(mut reader: impl Read) -> Result<SectorGroups, SectorGroupsError> {
        let mut s = String::new();
        reader.read_to_string(&mut s)?;
        SectorGroups::from_toml_str(&s)
    }

    /// Parses and validates a sector-group file.
    pub fn from_toml_str(src: &str) -> Result<SectorGroups, SectorGroupsError> {
        let raw: RawFile = toml::from_str(src)?;
        if raw.group.len() > MAX_GROUPS {
            return Err(SectorGroupsError::Invalid {
                id: String::new(),
                message: format!("at most {MAX_GROUPS} groups"),
            });
        }
        let mut seen = HashSet::new();
        let mut groups = Vec::with_capacity(raw.group.len());
        for (i, g) in raw.group.into_iter().enumerate() {
            let bad = |message: String| SectorGroupsError::Invalid {
                id: if g.id.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    g.id.clone()
                },
                message,
            };
            if g.id.is_empty()
                || !g
                    .id
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
            {
                return Err(bad("id must be non-empty snake_case (a-z, 0-9, _)".into()));
            }
            if !seen.insert(g.id.clone()) {
                return Err(bad("duplicate id".into()));
            }
            if g.nb.trim().is_empty() || g.en.trim().is_empty() {
                return Err(bad("nb and en names must not be empty".into()));
            }
            if g.divisions.is_empty() {
                return Err(bad("no divisions".into()));
            }
            let divisions = g
                .divisions
                .iter()
                .map(|s| {
                    parse_range(s).ok_or_else(|| {
                        bad(format!(
                            "{s:?} is not a division range like \"05-09\" or \"62\" (01-99)"
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            groups.push(SectorGroup {
                id: g.id,
                nb: g.nb,
                en: g.en,
                divisions,
                note: g.note,
            });
        }
        let mut mask_of_division = [0u64; 100];
        for (i, g) in groups.iter().enumerate() {
            for r in &g.divisions {
                for d in r.clone() {
                    mask_of_division[usize::from(d)] |= 1 << i;
                }
            }
        }
        Ok(SectorGroups {
            groups,
            mask_of_division,
        })
    }

    /// The groups, in file order.
    pub fn groups(&self) -> &[SectorGroup] {
        &self.groups
    }

    /// A group by id.
    pub fn get(&self, id: &str) -> Option<&SectorGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Bit `i` set when group `i` (file order) contains the division.
    pub fn mask_of_division(&self, division: u8) -> u64 {
        self.mask_of_division
            .get(usize::from(division))
            .copied()
            .unwrap_or(0)
    }

    /// The indices (file order) of the groups containing a division.
    pub fn indices_of_division(&self, division: u8) -> impl Iterator<Item = usize> + use<> {
        let mut mask = self.mask_of_division(division);
        std::iter::from_fn(move || {
            (mask != 0).then(|| {
                let i = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                i
            })
        })
    }

    /// The groups containing a division.
    pub fn groups_of_division(&self, division: u8) -> impl Iterator<Item = &SectorGroup> {
        self.indices_of_division(division).map(|i| &self.groups[i])
    }

    /// The groups containing an industry code's division.
    pub fn groups_of(&self, code: NaceCode) -> impl Iterator<Item = &SectorGroup> {
        self.groups_of_division(code.division())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_groups() {
        let g = SectorGroups::embedded();
        let ids: Vec<&str> = g.groups().iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "knowledge_intensive",
                "health_social",
                "trade",
                "construction",
                "transport_storage",
                "personal_services",
                "accommodation_food",
                "agriculture_forestry",
                "public_admin_education"
            ]
        );
        let of = |d: u8| -> Vec<&str> { g.groups_of_division(d).map(|g| g.id.as_str()).collect() };
        assert_eq!(of(87), ["knowledge_intensive", "health_social"]);
        assert_eq!(of(62), ["knowledge_intensive"]);
        assert_eq!(of(5), ["knowledge_intensive"]);
        assert_eq!(of(4), Vec::<&str>::new());
        assert_eq!(of(67), Vec::<&str>::new(), "67 is outside 64-66 and 68-75");
        assert_eq!(of(34), Vec::<&str>::new());
        assert_eq!(of(42), ["construction"]);
        assert_eq!(of(96), ["personal_services"]);
        let ki = g.get("knowledge_intensive").unwrap();
        assert!(ki.contains_division(75) && !ki.contains_division(76));
        assert_eq!(g.get("trade").unwrap().en, "Wholesale and retail trade");
    }

    #[test]
    fn invalid_files_are_refused() {
        let bad_range = "[[group]]\nid='x'\nnb='X'\nen='X'\ndivisions=['09-05']\n";
        assert!(matches!(
            SectorGroups::from_toml_str(bad_range),
            Err(SectorGroupsError::Invalid { .. })
        ));
        let dup = "[[group]]\nid='x'\nnb='X'\nen='X'\ndivisions=['05']\n[[group]]\nid='x'\nnb='X'\nen='X'\ndivisions=['06']\n";
        assert!(SectorGroups::from_toml_str(dup).is_err());
        let unknown = "[[group]]\nid='x'\nnb='X'\nen='X'\ndivisions=['05']\ncolour='red'\n";
        let e = SectorGroups::from_toml_str(unknown)
            .unwrap_err()
            .to_string();
        assert!(e.contains("colour"), "{e}");
        let ok = "[[group]]\nid='it'\nnb='IT'\nen='IT'\ndivisions=['62', '63']\n";
        let g = SectorGroups::from_reader(ok.as_bytes()).unwrap();
        assert_eq!(g.mask_of_division(63), 1);
    }
}
