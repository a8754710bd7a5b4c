//! Partners, memberships, partner agreements and ownerships (seed §5.7.1 *Samarbeid,
//! partnerskap og eierskap*, strategies 5.7-s1, 5.7-s2 and 5.7-s7): the organisations the
//! municipality works with, is a member of, has a partner agreement with (period and purpose)
//! or owns a share of (the share in percent, the company's organisation number), each linked
//! to the plan's strategies and actions.
//!
//! What the municipality owns and is a member of is public information: the whole register is
//! public. Entries are identified by their kind and name ([`Partner::key`]); an import of a file
//! adds new entries and changes stored ones field by field ([`Partner::changes`]).

use std::collections::{BTreeMap, BTreeSet};

use brreg::OrgNr;
use serde::Serialize;
use time::Date;

use crate::{InputError, Location, parse_date, parse_number};

/// What ties the municipality to the organisation (serialised as its code, as in the files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum PartnerKind {
    /// A partner the municipality cooperates with, without a formal agreement.
    #[serde(rename = "samarbeid")]
    Cooperation,
    /// The municipality is a member.
    #[serde(rename = "medlemskap")]
    Membership,
    /// A partner agreement, with a period and a purpose.
    #[serde(rename = "partneravtale")]
    Agreement,
    /// The municipality owns a share of the company.
    #[serde(rename = "eierskap")]
    Ownership,
}

impl PartnerKind {
    /// Every kind, in order.
    pub const ALL: [PartnerKind; 4] = [
        PartnerKind::Ownership,
        PartnerKind::Membership,
        PartnerKind::Agreement,
        PartnerKind::Cooperation,
    ];

    /// Machine code.
    pub fn code(self) -> &'static str {
        match self {
            PartnerKind::Cooperation => "samarbeid",
            PartnerKind::Membership => "medlemskap",
            PartnerKind::Agreement => "partneravtale",
            PartnerKind::Ownership => "eierskap",
        }
    }

    /// Parses the code (or the English name).
    pub fn parse(s: &str) -> Option<PartnerKind> {
        match crate::fold_header(s).as_str() {
            "samarbeid" | "samarbeidspartner" | "cooperation" => Some(PartnerKind::Cooperation),
            "medlemskap" | "medlem" | "membership" => Some(PartnerKind::Membership),
            "partneravtale" | "avtale" | "agreement" => Some(PartnerKind::Agreement),
            "eierskap" | "eierandel" | "ownership" => Some(PartnerKind::Ownership),
            _ => None,
        }
    }
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Store id (0 before it is stored).
    pub id: i64,
    /// Kind.
    pub kind: PartnerKind,
    /// The organisation's name.
    pub name: String,
    /// Its organisation number, when known.
    #[serde(serialize_with = "ser_orgnr")]
    pub orgnr: Option<OrgNr>,
    /// The municipality's share in percent (ownerships; empty when not known).
    pub share_pct: Option<f64>,
    /// Start of the membership, agreement or ownership, when known.
    pub from: Option<Date>,
    /// End, when it has one.
    pub to: Option<Date>,
    /// Purpose (of an agreement) or what the cooperation is about.
    pub purpose: String,
    /// The plan's strategy and action ids it serves.
    pub links: Vec<String>,
    /// Where the entry comes from (e.g. the plan's section).
    pub source: String,
}

fn ser_orgnr<S: serde::Serializer>(o: &Option<OrgNr>, s: S) -> Result<S::Ok, S::Error> {
    match o {
        Some(o) => s.serialize_some(&o.to_string()),
        None => s.serialize_none(),
    }
}

impl Partner {
    /// The key an entry is known by: its kind and its name (case and spaces folded).
    pub fn key(&self) -> (PartnerKind, String) {
        (self.kind, fold_name(&self.name))
    }

    /// The rules an entry must keep, as `(field, problem)`: a name; a share only for an
    /// ownership, above 0 and at most 100; a period that does not end before it starts; links
    /// that are strategies or actions of the plan (`known_links`, when given).
    pub fn problems(&self, known_links: Option<&BTreeSet<String>>) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(("navn", "is empty, expected the organisation's name".into()));
        }
        if let Some(s) = self.share_pct {
            if self.kind != PartnerKind::Ownership {
                out.push((
                    "eierandel",
                    format!(
                        "only an ownership has a share (the type is {})",
                        self.kind.code()
                    ),
                ));
            } else if !(s.is_finite() && s > 0.0 && s <= 100.0) {
                out.push((
                    "eierandel",
                    format!("{s} is not a share above 0 and at most 100 %"),
                ));
            }
        }
        if let (Some(f), Some(t)) = (self.from, self.to)
            && t < f
        {
            out.push(("til", format!("{t} is before the start {f}")));
        }
        if let Some(known) = known_links {
            let unknown: Vec<&str> = self
                .links
                .iter()
                .filter(|l| !known.contains(*l))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                out.push((
                    "strategier",
                    format!(
                        "{} is not a strategy or action of the plan",
                        unknown.join(", ")
                    ),
                ));
            }
        }
        out
    }

    /// The fields as text, for the history of changes: `(field, value)`.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let opt = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            ("type", self.kind.code().to_string()),
            ("navn", self.name.clone()),
            (
                "orgnr",
                self.orgnr.map(|o| o.to_string()).unwrap_or_default(),
            ),
            (
                "eierandel",
                self.share_pct.map(|s| s.to_string()).unwrap_or_default(),
            ),
            ("fra", opt(self.from)),
            ("til", opt(self.to)),
            ("formal", self.purpose.clone()),
            ("strategier", self.links.join(", ")),
            ("kilde", self.source.clone()),
        ]
    }

    /// What differs from `other` (the stored entry), field by field: `(field, old, new)`.
    pub fn changes(&self, old: &Partner) -> Vec<(&'static str, String, String)> {
        old.fields()
            .into_iter()
            .zip(self.fields())
            .filter(|((_, a), (_, b))| a != b)
            .map(|((f, a), (_, b))| (f, a, b))
            .collect()
    }

    /// Whether the entry is in force on `day` (no period counts as in force).
    pub fn current_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| t >= day)
    }
}

/// A name folded for comparison: lower case, runs of white space as one space.
pub fn fold_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Parses a list of strategy and action ids separated by `|`, `,` or spaces.
pub fn parse_links(s: &str) -> Vec<String> {
    s.split(['|', ',', ' ', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// One row of a partners file.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The entry.
    pub partner: Partner,
}

const C_KIND: &[&str] = &["type", "art", "kind"];
const C_NAME: &[&str] = &["navn", "organisasjon", "name"];
const C_ORGNR: &[&str] = &["orgnr", "organisasjonsnummer"];
const C_SHARE: &[&str] = &["eierandel", "eierandel_prosent", "andel", "share"];
const C_FROM: &[&str] = &["fra", "from"];
const C_TO: &[&str] = &["til", "to"];
const C_PURPOSE: &[&str] = &["formal", "purpose"];
const C_LINKS: &[&str] = &["strategier", "koblinger", "links"];
const C_SOURCE: &[&str] = &["kilde", "source"];

/// The columns of a partners file, for help texts: (name, what it holds).
pub const CSV_COLUMNS: &[(&str, &str)] = &[
    (
        "type",
        "eierskap, medlemskap, partneravtale or samarbeid (required)",
    ),
    ("navn", "the organisation's name (required)"),
    ("orgnr", "its organisation number"),
    (
        "eierandel",
        "the municipality's share in percent (eierskap only)",
    ),
    ("fra", "start, YYYY-MM-DD or DD.MM.YYYY"),
    ("til", "end, YYYY-MM-DD or DD.MM.YYYY"),
    ("formal", "purpose"),
    (
        "strategier",
        "the plan's strategy and action ids, separated by |",
    ),
    ("kilde", "where the entry comes from"),
];

/// Parses a partners file (CSV, `;`, `,` or tab separated, UTF-8): one row per entry with the
/// columns of [`CSV_COLUMNS`] in any order (`type` and `navn` are required). Every link must be
/// in `known_links`; an entry (kind and name) may appear once. The first bad row is an error
/// naming the file, the line and the field.
pub fn parse_csv(
    file: &str,
    bytes: &[u8],
    known_links: &BTreeSet<String>,
) -> Result<Vec<PartnerRow>, InputError> {
    let rows = crate::csvfile::CsvRows::open(file, bytes)?;
    if rows.text().trim().is_empty() {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "the file is empty",
        ));
    }
    let headers: Vec<String> = rows.headers().to_vec();
    let optional = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| crate::fold_header(n) == *h))
    };
    let required = |names: &[&str]| -> Result<usize, InputError> {
        optional(names).ok_or_else(|| {
            InputError::new(
                file,
                Location::Line(1),
                None,
                format!(
                    "the header has no column {:?} (nor any of: {})",
                    names[0],
                    names[1..].join(", ")
                ),
            )
        })
    };
    let (c_kind, c_name) = (required(C_KIND)?, required(C_NAME)?);
    let (c_orgnr, c_share, c_from, c_to, c_purpose, c_links, c_source) = (
        optional(C_ORGNR),
        optional(C_SHARE),
        optional(C_FROM),
        optional(C_TO),
        optional(C_PURPOSE),
        optional(C_LINKS),
        optional(C_SOURCE),
    );
    let mut out = Vec::new();
    let mut seen: BTreeMap<(PartnerKind, String), u64> = BTreeMap::new();
    for row in rows {
        let (line, rec) = row?;
        let field = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let err =
            |name: &str, m: String| InputError::new(file, Location::Line(line), Some(name), m);
        let kind = match field(Some(c_kind)) {
            "" => {
                return Err(err(
                    "type",
                    "is empty, expected eierskap, medlemskap, partneravtale or samarbeid".into(),
                ));
            }
            k => PartnerKind::parse(k).ok_or_else(|| {
                err(
                    "type",
                    format!("{k:?} is not one of eierskap, medlemskap, partneravtale, samarbeid"),
                )
            })?,
        };
        let orgnr = match field(c_orgnr).replace([' ', '\u{a0}'], "").as_str() {
            "" => None,
            raw => Some(OrgNr::parse(raw.as_bytes()).map_err(|e| {
                err(
                    "orgnr",
                    format!("{raw:?} is not a valid organisation number: {e}"),
                )
            })?),
        };
        let share_pct = match field(c_share).trim_end_matches('%').trim() {
            "" => None,
            s => Some(parse_number(s).map_err(|m| err("eierandel", m))?),
        };
        let date = |i: Option<usize>, name: &str| match field(i) {
            "" => Ok(None),
            s => parse_date(s).map(Some).map_err(|m| err(name, m)),
        };
        let partner = Partner {
            id: 0,
            kind,
            name: field(Some(c_name)).to_string(),
            orgnr,
            share_pct,
            from: date(c_from, "fra")?,
            to: date(c_to, "til")?,
            purpose: field(c_purpose).to_string(),
            links: parse_links(field(c_links)),
            source: field(c_source).to_string(),
        };
        if let Some((f, m)) = partner.problems(Some(known_links)).into_iter().next() {
            return Err(err(f, m));
        }
        if let Some(first) = seen.insert(partner.key(), line) {
            return Err(err(
                "navn",
                format!(
                    "{} {:?} is in the file twice (the first at line {first})",
                    kind.code(),
                    partner.name
                ),
            ));
        }
        out.push(PartnerRow { line, partner });
    }
    if out.is_empty() {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "no entries after the header",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> BTreeSet<String> {
        ["5.7-s1", "5.7-s7", "T2"].map(String::from).into()
    }

    #[test]
    fn rows_parse_and_errors_name_file_line_field() {
        let ok = "type;navn;orgnr;eierandel;fra;til;formal;strategier;kilde\n\
                  eierskap;VEAS;;;;;;5.7-s7 | T2;§5.7.1\n\
                  eierskap;Eksempel AS;923609016;33,3 %;2020-01-01;;;;\n\
                  partneravtale;Næringsforeningen;;;01.01.2022;31.12.2025;Næringspolitikk;5.7-s1;\n";
        let rows = parse_csv("p.csv", ok.as_bytes(), &known()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].partner.share_pct, None, "no share invented");
        assert_eq!(rows[0].partner.links, ["5.7-s7", "T2"]);
        assert_eq!(rows[1].partner.share_pct, Some(33.3));
        assert_eq!(rows[2].partner.kind, PartnerKind::Agreement);
        let bad = |row: &str| {
            let text = format!(
                "type;navn;orgnr;eierandel;fra;til;strategier\neierskap;A AS;;;;;\n{row}\n"
            );
            parse_csv("b.csv", text.as_bytes(), &known())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("aksjer;B AS;;;;;"),
            "b.csv: line 3: type: \"aksjer\" is not one of eierskap, medlemskap, partneravtale, samarbeid"
        );
        assert_eq!(
            bad("eierskap;B AS;923609017;;;;"),
            "b.csv: line 3: orgnr: \"923609017\" is not a valid organisation number: check digit is 7, MOD11 gives 6"
        );
        assert_eq!(
            bad("eierskap;B AS;;120;;;"),
            "b.csv: line 3: eierandel: 120 is not a share above 0 and at most 100 %"
        );
        assert_eq!(
            bad("medlemskap;B;;10;;;"),
            "b.csv: line 3: eierandel: only an ownership has a share (the type is medlemskap)"
        );
        assert_eq!(
            bad("partneravtale;B;;;2024-01-01;2023-01-01;"),
            "b.csv: line 3: til: 2023-01-01 is before the start 2024-01-01"
        );
        assert_eq!(
            bad("medlemskap;B;;;;;T99"),
            "b.csv: line 3: strategier: T99 is not a strategy or action of the plan"
        );
        assert_eq!(
            bad("eierskap;a  as;;;;;"),
            "b.csv: line 3: navn: eierskap \"a  as\" is in the file twice (the first at line 2)"
        );
    }

    #[test]
    fn changes_field_by_field() {
        let rows = parse_csv(
            "p.csv",
            "type;navn;eierandel\neierskap;VEAS;\n".as_bytes(),
            &known(),
        )
        .unwrap();
        let old = rows[0].partner.clone();
        let mut new = old.clone();
        new.share_pct = Some(20.0);
        new.purpose = "Avløp".into();
        assert_eq!(
            new.changes(&old),
            vec![
                ("eierandel", String::new(), "20".to_string()),
                ("formal", String::new(), "Avløp".to_string())
            ]
        );
        assert!(old.changes(&old).is_empty());
    }
}
