//! Company visits and dialogue meetings (*bedriftsbesøk og dialogmøter*).
//!
//! The foreword of the seed: "Temaplanen har blant annet et konkret tiltak om at ordfører tar
//! initiativ til faste bedriftsbesøk". A visit names a company (by organisation number, its
//! name and sector taken from the register when it is added), a date, the participants, the
//! topics, and follow-ups linked to the plan's strategies and actions.
//!
//! **Personal data.** Participants' names (and free text that may name people) are personal
//! data: the details are for staff only, kept for a retention period ([`DEFAULT_RETENTION_MONTHS`]
//! by default) and then deleted ([`retention_cutoff`]). What is public are the aggregates
//! ([`aggregate`]): counts per year, per sector and per part of the municipality, with no names.
//!
//! Visits can be recorded one at a time or imported from a CSV file ([`parse_csv`]).

use std::collections::{BTreeMap, BTreeSet};

use brreg::OrgNr;
use serde::Serialize;
use time::Date;

use crate::{InputError, Location, parse_date};

/// Default retention period of visit details, in months.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

/// What kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// A company visit (*bedriftsbesøk*).
    Visit,
    /// A dialogue meeting (*dialogmøte*), possibly with several companies.
    Dialogue,
}

impl VisitKind {
    /// Machine code.
    pub fn code(self) -> &'static str {
        match self {
            VisitKind::Visit => "besok",
            VisitKind::Dialogue => "dialogmote",
        }
    }

    /// Norwegian label.
    pub fn nb(self) -> &'static str {
        match self {
            VisitKind::Visit => "bedriftsbesøk",
            VisitKind::Dialogue => "dialogmøte",
        }
    }

    /// Parses the code or the label.
    pub fn parse(s: &str) -> Option<VisitKind> {
        match crate::fold_header(s).as_str() {
            "besok" | "bedriftsbesok" | "visit" => Some(VisitKind::Visit),
            "dialogmote" | "dialogue" => Some(VisitKind::Dialogue),
            _ => None,
        }
    }
}

/// A follow-up agreed at a visit, linked to strategies (`5.7-s1`) and actions (`T3`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FollowUp {
    /// What is to be done.
    pub text: String,
    /// Strategy and action ids.
    pub links: Vec<String>,
}

impl FollowUp {
    /// Parses `text [id, id]`: the links in square brackets at the end, comma-separated.
    pub fn parse(s: &str) -> Result<FollowUp, String> {
        let s = s.trim();
        let (text, links) = match s.strip_suffix(']').and_then(|r| r.rsplit_once('[')) {
            Some((text, links)) => (
                text.trim(),
                links
                    .split(',')
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect(),
            ),
            None => (s, Vec::new()),
        };
        if text.is_empty() {
            return Err(format!("{s:?}: a follow-up needs a text"));
        }
        Ok(FollowUp {
            text: text.to_string(),
            links,
        })
    }

    /// The links not in `known` (strategy and action ids of the plan).
    pub fn unknown_links<'a>(&'a self, known: &BTreeSet<String>) -> Vec<&'a str> {
        self.links
            .iter()
            .filter(|l| !known.contains(*l))
            .map(String::as_str)
            .collect()
    }
}

/// One visit as recorded by staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    /// Store id (0 before it is stored).
    pub id: i64,
    /// The company.
    #[serde(serialize_with = "ser_orgnr")]
    pub orgnr: OrgNr,
    /// The company's name (from the register when added).
    pub company: String,
    /// SN2007 section letter of the company's main industry, when known.
    pub sector: Option<String>,
    /// Part of the municipality (e.g. `Asker nord`, `Røyken`, `Hurum`), as entered.
    pub area: String,
    /// Date of the visit.
    pub date: Date,
    /// Kind.
    pub kind: VisitKind,
    /// Participants (personal data).
    pub participants: Vec<String>,
    /// Topics.
    pub topics: Vec<String>,
    /// Follow-ups.
    pub follow_ups: Vec<FollowUp>,
}

fn ser_orgnr<S: serde::Serializer>(o: &OrgNr, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&o.to_string())
}

/// The date before which visit details are deleted: `today` minus `months` months (the day
/// clamped to the month's length).
pub fn retention_cutoff(today: Date, months: u32) -> Date {
    let total = today.year() * 12 + i32::from(u8::from(today.month())) - 1 - months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let month = time::Month::try_from(m as u8).unwrap_or(time::Month::January);
    let day = today.day().min(month.length(y));
    Date::from_calendar_date(y, month, day).unwrap_or(Date::MIN)
}

/// Public aggregates of visits: no names, no free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VisitAggregates {
    /// Visits per year.
    pub per_year: BTreeMap<i32, u64>,
    /// Per year and SN2007 section (`?` when unknown).
    pub per_year_sector: BTreeMap<i32, BTreeMap<String, u64>>,
    /// Per year and part of the municipality (`?` when not entered).
    pub per_year_area: BTreeMap<i32, BTreeMap<String, u64>>,
    /// Per year and kind.
    pub per_year_kind: BTreeMap<i32, BTreeMap<VisitKind, u64>>,
    /// Distinct companies visited per year.
    pub companies_per_year: BTreeMap<i32, u64>,
    /// Follow-ups per year, and how many are linked to a strategy or action.
    pub follow_ups_per_year: BTreeMap<i32, (u64, u64)>,
}

/// One row of a visits file: the visit (its `company` is the name given in the file, or empty;
/// `sector` is `None` — the caller fills both from the register) and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The visit.
    pub visit: Visit,
    /// The company's name as given in the file (column `virksomhet`), if any.
    pub company: Option<String>,
}

const V_ORGNR: &[&str] = &["orgnr", "organisasjonsnummer", "orgnummer"];
const V_DATE: &[&str] = &["dato", "date"];
const V_KIND: &[&str] = &["type", "art", "kind"];
const V_AREA: &[&str] = &["omrade", "del_av_kommunen", "area"];
const V_PARTICIPANTS: &[&str] = &["deltakere", "participants"];
const V_TOPICS: &[&str] = &["tema", "temaer", "topics"];
const V_FOLLOW_UPS: &[&str] = &["oppfolging", "oppfolgingspunkter", "follow_ups"];
const V_COMPANY: &[&str] = &["virksomhet", "bedrift", "firma", "company"];

/// The columns of a visits file, for help texts: (name, what it holds).
pub const CSV_COLUMNS: &[(&str, &str)] = &[
    ("orgnr", "the company's organisation number (required)"),
    ("dato", "the date, YYYY-MM-DD or DD.MM.YYYY (required)"),
    ("type", "besok (company visit, the default) or dialogmote"),
    (
        "omrade",
        "part of the municipality, e.g. Asker nord, Røyken, Hurum",
    ),
    ("deltakere", "participants, separated by |"),
    ("tema", "topics, separated by |"),
    (
        "oppfolging",
        "follow-ups separated by |, each \"text [strategy or action ids]\"",
    ),
    (
        "virksomhet",
        "the company's name (needed when it is not in the register snapshot)",
    ),
];

/// Parses a visits file (CSV, `;`, `,` or tab separated, UTF-8): one row per visit, with the
/// columns of [`CSV_COLUMNS`] in any order (names case- and æøå-folded; only `orgnr` and `dato`
/// are required). Lists within a field are separated by `|`. Every follow-up link must be in
/// `known_links` (the plan's strategy and action ids). The first bad row is an error naming
/// the file, the line and the field.
pub fn parse_csv(
    file: &str,
    bytes: &[u8],
    known_links: &BTreeSet<String>,
) -> Result<Vec<VisitRow>, InputError> {
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
    let optional = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
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
    let (c_org, c_date) = (required(V_ORGNR)?, required(V_DATE)?);
    let (c_kind, c_area, c_part, c_topic, c_follow, c_company) = (
        optional(V_KIND),
        optional(V_AREA),
        optional(V_PARTICIPANTS),
        optional(V_TOPICS),
        optional(V_FOLLOW_UPS),
        optional(V_COMPANY),
    );
    let mut out = Vec::new();
    for row in rows {
        let (line, rec) = row?;
        let field = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let list = |i: Option<usize>| -> Vec<String> {
            field(i)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let err =
            |name: &str, m: String| InputError::new(file, Location::Line(line), Some(name), m);
        let raw = field(Some(c_org)).replace([' ', '\u{a0}'], "");
        if raw.is_empty() {
            return Err(err(
                "orgnr",
                "is empty, expected an organisation number".into(),
            ));
        }
        let orgnr = OrgNr::parse(raw.as_bytes()).map_err(|e| {
            err(
                "orgnr",
                format!("{raw:?} is not a valid organisation number: {e}"),
            )
        })?;
        let date = parse_date(field(Some(c_date))).map_err(|m| err("dato", m))?;
        let kind = match field(c_kind) {
            "" => VisitKind::Visit,
            k => VisitKind::parse(k)
                .ok_or_else(|| err("type", format!("{k:?} is not one of besok, dialogmote")))?,
        };
        let mut follow_ups = Vec::new();
        for f in list(c_follow) {
            let f = FollowUp::parse(&f).map_err(|m| err("oppfolging", m))?;
            let unknown = f.unknown_links(known_links);
            if !unknown.is_empty() {
                return Err(err(
                    "oppfolging",
                    format!(
                        "{} is not a strategy or action of the plan",
                        unknown.join(", ")
                    ),
                ));
            }
            follow_ups.push(f);
        }
        let company = Some(field(c_company).to_string()).filter(|c| !c.is_empty());
        out.push(VisitRow {
            line,
            visit: Visit {
                id: 0,
                orgnr,
                company: company.clone().unwrap_or_default(),
                sector: None,
                area: field(c_area).to_string(),
                date,
                kind,
                participants: list(c_part),
                topics: list(c_topic),
                follow_ups,
            },
            company,
        });
    }
    if out.is_empty() {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "no visits after the header",
        ));
    }
    Ok(out)
}

/// Counts visits per year, sector, area and kind.
pub fn aggregate(visits: &[Visit]) -> VisitAggregates {
    let mut a = VisitAggregates::default();
    let mut companies: BTreeMap<i32, BTreeSet<OrgNr>> = BTreeMap::new();
    for v in visits {
        let y = v.date.year();
        *a.per_year.entry(y).or_default() += 1;
        let sector = v.sector.clone().unwrap_or_else(|| "?".into());
        *a.per_year_sector
            .entry(y)
            .or_default()
            .entry(sector)
            .or_default() += 1;
        let area = if v.area.trim().is_empty() {
            "?".to_string()
        } else {
            v.area.trim().to_string()
        };
        *a.per_year_area
            .entry(y)
            .or_default()
            .entry(area)
            .or_default() += 1;
        *a.per_year_kind
            .entry(y)
            .or_default()
            .entry(v.kind)
            .or_default() += 1;
        companies.entry(y).or_default().insert(v.orgnr);
        let f = a.follow_ups_per_year.entry(y).or_default();
        f.0 += v.follow_ups.len() as u64;
        f.1 += v.follow_ups.iter().filter(|f| !f.links.is_empty()).count() as u64;
    }
    a.companies_per_year = companies
        .into_iter()
        .map(|(y, s)| (y, s.len() as u64))
        .collect();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::parse_date(s).unwrap()
    }

    fn visit(orgnr: &str, date: &str, sector: Option<&str>, area: &str) -> Visit {
        Visit {
            id: 0,
            orgnr: orgnr.parse().unwrap(),
            company: "X".into(),
            sector: sector.map(str::to_string),
            area: area.into(),
            date: d(date),
            kind: VisitKind::Visit,
            participants: vec!["Ordfører".into()],
            topics: vec!["rekruttering".into()],
            follow_ups: vec![FollowUp::parse("Sende info [5.7-s1]").unwrap()],
        }
    }

    #[test]
    fn aggregates_per_year_sector_area() {
        let v = [
            visit("923609016", "2024-02-01", Some("C"), "Asker nord"),
            visit("923609016", "2024-09-01", Some("C"), "Asker nord"),
            visit("914778271", "2024-10-01", None, ""),
            visit("914778271", "2025-01-05", Some("J"), "Hurum"),
        ];
        let a = aggregate(&v);
        assert_eq!(a.per_year[&2024], 3);
        assert_eq!(a.per_year[&2025], 1);
        assert_eq!(a.companies_per_year[&2024], 2);
        assert_eq!(a.per_year_sector[&2024]["C"], 2);
        assert_eq!(a.per_year_sector[&2024]["?"], 1);
        assert_eq!(a.per_year_area[&2024]["?"], 1);
        assert_eq!(a.per_year_area[&2025]["Hurum"], 1);
        assert_eq!(a.follow_ups_per_year[&2024], (3, 3));
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            !json.contains("Ordfører"),
            "aggregates carry no names: {json}"
        );
    }

    #[test]
    fn follow_up_links() {
        let f = FollowUp::parse("Møte om tomt [5.9-x, T3 ]").unwrap();
        assert_eq!(f.text, "Møte om tomt");
        assert_eq!(f.links, ["5.9-x", "T3"]);
        let known: BTreeSet<String> = ["T3".to_string()].into();
        assert_eq!(f.unknown_links(&known), ["5.9-x"]);
        assert!(FollowUp::parse(" [T3]").is_err());
        assert_eq!(FollowUp::parse("Bare tekst").unwrap().links.len(), 0);
    }

    #[test]
    fn csv_rows_and_errors() {
        let known: BTreeSet<String> = ["5.7-s1".to_string(), "T3".to_string()].into();
        let text = "orgnr;dato;type;omrade;deltakere;tema;oppfolging;virksomhet
923 609 016;04.03.2025;dialogmote;Røyken;Kari | Ola;rekruttering|tomt;Sende info [5.7-s1, T3] | Ringe;Firma AS
914778271;2025-03-05;;;;;;
";
        let rows = parse_csv("b.csv", text.as_bytes(), &known).unwrap();
        assert_eq!(rows.len(), 2);
        let (a, b) = (&rows[0], &rows[1]);
        assert_eq!(a.line, 2);
        assert_eq!(a.visit.kind, VisitKind::Dialogue);
        assert_eq!(a.visit.date, d("2025-03-04"));
        assert_eq!(a.visit.participants, ["Kari", "Ola"]);
        assert_eq!(a.visit.topics, ["rekruttering", "tomt"]);
        assert_eq!(a.visit.follow_ups.len(), 2);
        assert_eq!(a.visit.follow_ups[0].links, ["5.7-s1", "T3"]);
        assert_eq!(a.company.as_deref(), Some("Firma AS"));
        assert_eq!(
            (b.line, b.visit.kind, b.company.as_ref()),
            (3, VisitKind::Visit, None)
        );

        let bad = |body: &str| {
            parse_csv(
                "b.csv",
                format!("orgnr;dato;type;oppfolging\n{body}").as_bytes(),
                &known,
            )
            .unwrap_err()
            .to_string()
        };
        assert_eq!(
            bad("923609016;2025-02-30;;"),
            "b.csv: line 2: dato: \"2025-02-30\" is not a valid date (YYYY-MM-DD or DD.MM.YYYY)"
        );
        assert_eq!(
            bad("923609016;2025-02-03;lunsj;"),
            "b.csv: line 2: type: \"lunsj\" is not one of besok, dialogmote"
        );
        assert_eq!(
            bad("923609016;2025-02-03;;Ring [T9]"),
            "b.csv: line 2: oppfolging: T9 is not a strategy or action of the plan"
        );
        assert_eq!(
            bad(";2025-02-03;;"),
            "b.csv: line 2: orgnr: is empty, expected an organisation number"
        );
        let e = parse_csv("b.csv", b"orgnr;type\n923609016;besok\n", &known).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.csv: line 1: the header has no column \"dato\" (nor any of: date)"
        );
    }

    #[test]
    fn retention_cutoff_months() {
        assert_eq!(retention_cutoff(d("2026-11-28"), 24), d("2024-11-28"));
        assert_eq!(retention_cutoff(d("2026-03-31"), 1), d("2026-02-28"));
        assert_eq!(retention_cutoff(d("2026-01-15"), 13), d("2024-12-15"));
        assert_eq!(retention_cutoff(d("2026-01-15"), 0), d("2026-01-15"));
    }
}
