//! Neighbouring municipalities: which municipalities count as "neighbouring" for the local
//! procurement shares. The bundled file (`data/registers/neighbours.toml`) covers Asker (3203)
//! and says where its list comes from (our own judgement from the map; no official list was
//! found). Old municipality codes are aliases, so a register snapshot on older borders still
//! matches.

use serde::Deserialize;

/// The bundled neighbour file, as text.
pub const EMBEDDED_SOURCE: &str = include_str!("../../../data/registers/neighbours.toml");

/// A neighbour file that is not valid.
#[derive(Debug, thiserror::Error)]
#[error("neighbour file: {0}")]
pub struct NeighboursError(String);

/// One municipality named in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Named {
    /// Four-digit code (current).
    pub code: String,
    /// Name.
    pub name: String,
    /// Earlier codes of the same area.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Named {
    /// True when `code` is this municipality's code or one of its aliases.
    pub fn matches(&self, code: &str) -> bool {
        self.code == code || self.aliases.iter().any(|a| a == code)
    }
}

/// A municipality with its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Neighbourhood {
    /// Four-digit code (current).
    pub code: String,
    /// Name.
    pub name: String,
    /// Earlier codes of the same area.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Sharing a land border.
    #[serde(default)]
    pub land: Vec<Named>,
    /// Across a fjord with a short link.
    #[serde(default)]
    pub fjord: Vec<Named>,
}

/// Where a supplier's municipality lies relative to the plan's municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Proximity {
    /// The municipality itself.
    Local,
    /// A neighbouring municipality.
    Neighbour,
    /// Anywhere else in Norway.
    Elsewhere,
}

impl Neighbourhood {
    /// The proximity of a municipality code.
    pub fn proximity(&self, code: &str) -> Proximity {
        if self.code == code || self.aliases.iter().any(|a| a == code) {
            Proximity::Local
        } else if self.land.iter().chain(&self.fjord).any(|n| n.matches(code)) {
            Proximity::Neighbour
        } else {
            Proximity::Elsewhere
        }
    }

    /// Every neighbour (land first).
    pub fn neighbours(&self) -> impl Iterator<Item = &Named> {
        self.land.iter().chain(&self.fjord)
    }
}

#[derive(Deserialize)]
struct File {
    municipality: Vec<Neighbourhood>,
}

/// Every municipality of a neighbour file.
pub fn parse(src: &str) -> Result<Vec<Neighbourhood>, NeighboursError> {
    let f: File = toml::from_str(src).map_err(|e| NeighboursError(e.to_string()))?;
    for m in &f.municipality {
        for code in std::iter::once(&m.code).chain(m.neighbours().map(|n| &n.code)) {
            if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NeighboursError(format!(
                    "{code:?} (in {}) is not a four-digit municipality code",
                    m.name
                )));
            }
        }
    }
    Ok(f.municipality)
}

/// The neighbourhood of `code` in the bundled file (matching aliases too); a municipality not
/// in the file gets one with no neighbours, so every other municipality is "elsewhere".
pub fn embedded(code: &str) -> Neighbourhood {
    parse(EMBEDDED_SOURCE)
        .ok()
        .and_then(|all| {
            all.into_iter()
                .find(|m| m.code == code || m.aliases.iter().any(|a| a == code))
        })
        .unwrap_or_else(|| Neighbourhood {
            code: code.to_string(),
            name: code.to_string(),
            aliases: Vec::new(),
            land: Vec::new(),
            fjord: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_file_parses_and_asker_has_its_neighbours() {
        let all = parse(EMBEDDED_SOURCE).unwrap();
        assert!(!all.is_empty());
        let asker = embedded("3203");
        assert_eq!(asker.proximity("3203"), Proximity::Local);
        assert_eq!(asker.proximity("3025"), Proximity::Local);
        assert_eq!(asker.proximity("3201"), Proximity::Neighbour);
        assert_eq!(asker.proximity("3024"), Proximity::Neighbour);
        assert_eq!(asker.proximity("3312"), Proximity::Neighbour);
        assert_eq!(asker.proximity("0301"), Proximity::Elsewhere);
        assert_eq!(embedded("3025").code, "3203");
        let other = embedded("1103");
        assert_eq!(other.proximity("3203"), Proximity::Elsewhere);
    }

    #[test]
    fn bad_codes_are_refused() {
        let e = parse("[[municipality]]\ncode = \"320\"\nname = \"X\"\n").unwrap_err();
        assert!(e.to_string().contains("\"320\""), "{e}");
    }
}
