//! The investment pipeline of the *Invester i Asker*-function (seed §5.7.3, strategy 5.7-s6):
//! enquiries from companies or projects that may invest or establish themselves in the
//! municipality, followed through their stages (enquiry → dialogue → site offered → decision →
//! established or lost), with the jobs expected and, when established, the jobs created.
//!
//! **Confidential details.** An enquiry's name, source and the reason it was lost are business
//! details for staff only; they are kept for a retention period ([`DEFAULT_RETENTION_MONTHS`])
//! after the enquiry is closed and then deleted (the store keeps their counts). What is public
//! are the aggregates ([`aggregate`]): counts and jobs per year and stage, never a name.
//!
//! Enquiries can be recorded one at a time or imported from a CSV file ([`parse_csv`]); a site
//! offered is a land site of [`crate::land`] (its id).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::Date;

use crate::{InputError, Location, parse_date, parse_number};

/// Default retention period of a closed enquiry's details, in months.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

/// Where an enquiry stands (serialised as its code, as in the files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Stage {
    /// A first enquiry (*henvendelse*).
    #[serde(rename = "henvendelse")]
    Enquiry,
    /// In dialogue (*dialog*).
    #[serde(rename = "dialog")]
    Dialogue,
    /// A site has been offered (*tomt tilbudt*).
    #[serde(rename = "tomt_tilbudt")]
    SiteOffered,
    /// Awaiting the company's decision (*beslutning*).
    #[serde(rename = "beslutning")]
    Decision,
    /// The company established itself (*etablert*).
    #[serde(rename = "etablert")]
    Established,
    /// The enquiry was lost (*tapt*), with a reason.
    #[serde(rename = "tapt")]
    Lost,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 6] = [
        Stage::Enquiry,
        Stage::Dialogue,
        Stage::SiteOffered,
        Stage::Decision,
        Stage::Established,
        Stage::Lost,
    ];

    /// Machine code (CSV, forms, store).
    pub fn code(self) -> &'static str {
        match self {
            Stage::Enquiry => "henvendelse",
            Stage::Dialogue => "dialog",
            Stage::SiteOffered => "tomt_tilbudt",
            Stage::Decision => "beslutning",
            Stage::Established => "etablert",
            Stage::Lost => "tapt",
        }
    }

    /// Parses the code (also with spaces or æøå, and the English names).
    pub fn parse(s: &str) -> Option<Stage> {
        match crate::fold_header(s).as_str() {
            "henvendelse" | "enquiry" => Some(Stage::Enquiry),
            "dialog" | "dialogue" => Some(Stage::Dialogue),
            "tomttilbudt" | "siteoffered" => Some(Stage::SiteOffered),
            "beslutning" | "decision" => Some(Stage::Decision),
            "etablert" | "established" => Some(Stage::Established),
            "tapt" | "lost" => Some(Stage::Lost),
            _ => None,
        }
    }

    /// Established or lost: the enquiry is closed.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Established | Stage::Lost)
    }

    /// Whether an enquiry may move from `self` to `to`: any open stage may move to any other
    /// stage; a lost enquiry may be reopened (to an open stage); an established one is final.
    pub fn may_move_to(self, to: Stage) -> bool {
        self != to
            && match self {
                Stage::Established => false,
                Stage::Lost => !to.is_closed(),
                _ => true,
            }
    }
}

/// One enquiry as recorded by staff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enquiry {
    /// Store id (0 before it is stored).
    pub id: i64,
    /// The company's or project's name (confidential).
    pub name: String,
    /// Sector, as entered (e.g. `lager og logistikk`).
    pub sector: String,
    /// Where the enquiry came from (e.g. `Invest in Norway`, `direkte`).
    pub source: String,
    /// Jobs the enquiry would bring, as expected.
    pub jobs_expected: Option<u32>,
    /// Area needed, in decares.
    pub area_daa: Option<f64>,
    /// Date of the enquiry.
    pub date: Date,
    /// Where it stands.
    pub stage: Stage,
    /// Why it was lost (required when lost).
    pub lost_reason: Option<String>,
    /// Jobs created (only when established).
    pub jobs_created: Option<u32>,
    /// The land site offered (an id of the land register), if any.
    pub site_id: Option<String>,
}

impl Enquiry {
    /// The rules an enquiry must keep, as `(field, problem)`: a name; a lost reason when
    /// lost and only then; jobs created only when established; a site when a site is offered;
    /// a positive area; a site id the land register knows (`known_sites`, when given).
    pub fn problems(&self, known_sites: Option<&BTreeSet<String>>) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push((
                "navn",
                "is empty, expected the company's or project's name".into(),
            ));
        }
        match (self.stage, self.lost_reason.as_deref().map(str::trim)) {
            (Stage::Lost, None | Some("")) => out.push((
                "tapt_arsak",
                "a lost enquiry needs the reason it was lost".into(),
            )),
            (s, Some(r)) if s != Stage::Lost && !r.is_empty() => out.push((
                "tapt_arsak",
                format!(
                    "only a lost enquiry has a reason (the stage is {})",
                    s.code()
                ),
            )),
            _ => {}
        }
        if self.jobs_created.is_some() && self.stage != Stage::Established {
            out.push((
                "arbeidsplasser_skapt",
                format!(
                    "jobs are created only when established (the stage is {})",
                    self.stage.code()
                ),
            ));
        }
        if self.stage == Stage::SiteOffered && self.site_id.is_none() {
            out.push(("tomt", "a site is offered: give the land site's id".into()));
        }
        if let Some(a) = self.area_daa
            && !(a.is_finite() && a > 0.0)
        {
            out.push(("areal_daa", format!("{a} is not a positive area")));
        }
        if let (Some(site), Some(known)) = (&self.site_id, known_sites)
            && !known.contains(site)
        {
            out.push((
                "tomt",
                format!("{site:?} is not a site of the land register"),
            ));
        }
        out
    }
}

/// A stage change as asked for (staff form, CLI): the new stage and what goes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct StageChange {
    /// The new stage.
    pub stage: Stage,
    /// Why it was lost (a lost stage).
    pub lost_reason: Option<String>,
    /// Jobs created (an established stage).
    pub jobs_created: Option<u32>,
    /// The site offered (kept when not given).
    pub site_id: Option<String>,
}

impl StageChange {
    /// The enquiry after this change, or why it may not be made (`(field, problem)`).
    pub fn apply(&self, e: &Enquiry) -> Result<Enquiry, Vec<(&'static str, String)>> {
        if !e.stage.may_move_to(self.stage) {
            return Err(vec![(
                "fase",
                format!(
                    "an enquiry at stage {} cannot move to {}",
                    e.stage.code(),
                    self.stage.code()
                ),
            )]);
        }
        let mut next = e.clone();
        next.stage = self.stage;
        next.lost_reason = self
            .lost_reason
            .clone()
            .filter(|r| !r.trim().is_empty() && self.stage == Stage::Lost);
        next.jobs_created = self
            .jobs_created
            .filter(|_| self.stage == Stage::Established);
        if self.site_id.is_some() {
            next.site_id = self.site_id.clone();
        }
        let problems = next.problems(None);
        if problems.is_empty() {
            Ok(next)
        } else {
            Err(problems)
        }
    }
}

/// Counts and jobs of the enquiries at one stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StageCount {
    /// Enquiries.
    pub enquiries: u64,
    /// Jobs expected, summed over those that gave a number.
    pub jobs_expected: u64,
    /// Jobs created (established enquiries).
    pub jobs_created: u64,
}

impl StageCount {
    /// Adds another count.
    pub fn add(&mut self, o: StageCount) {
        self.enquiries += o.enquiries;
        self.jobs_expected += o.jobs_expected;
        self.jobs_created += o.jobs_created;
    }
}

/// Public aggregates of the pipeline: no names, no sources, no reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PipelineAggregates {
    /// Per year of the enquiry and its current stage.
    pub per_year_stage: BTreeMap<i32, BTreeMap<Stage, StageCount>>,
}

impl PipelineAggregates {
    /// The totals of a year over its stages.
    pub fn year_total(&self, year: i32) -> StageCount {
        let mut t = StageCount::default();
        for c in self
            .per_year_stage
            .get(&year)
            .into_iter()
            .flat_map(|m| m.values())
        {
            t.add(*c);
        }
        t
    }
}

/// Counts enquiries per year and stage.
pub fn aggregate(enquiries: &[Enquiry]) -> PipelineAggregates {
    let mut a = PipelineAggregates::default();
    for e in enquiries {
        a.per_year_stage
            .entry(e.date.year())
            .or_default()
            .entry(e.stage)
            .or_default()
            .add(StageCount {
                enquiries: 1,
                jobs_expected: u64::from(e.jobs_expected.unwrap_or(0)),
                jobs_created: u64::from(e.jobs_created.unwrap_or(0)),
            });
    }
    a
}

/// One row of a pipeline file: the enquiry and its line.
#[derive(Debug, Clone, PartialEq)]
pub struct EnquiryRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The enquiry.
    pub enquiry: Enquiry,
}

const P_NAME: &[&str] = &["navn", "virksomhet", "prosjekt", "name"];
const P_DATE: &[&str] = &["dato", "date"];
const P_SECTOR: &[&str] = &["naering", "bransje", "sector"];
const P_SOURCE: &[&str] = &["kilde", "source"];
const P_JOBS: &[&str] = &[
    "arbeidsplasser_forventet",
    "arbeidsplasserforventet",
    "jobs_expected",
];
const P_AREA: &[&str] = &["areal_daa", "arealdaa", "area_daa"];
const P_STAGE: &[&str] = &["fase", "stage"];
const P_REASON: &[&str] = &["tapt_arsak", "taptarsak", "lost_reason"];
const P_CREATED: &[&str] = &[
    "arbeidsplasser_skapt",
    "arbeidsplasserskapt",
    "jobs_created",
];
const P_SITE: &[&str] = &["tomt", "tomt_id", "site_id"];

/// The columns of a pipeline file, for help texts: (name, what it holds).
pub const CSV_COLUMNS: &[(&str, &str)] = &[
    ("navn", "the company's or project's name (required)"),
    (
        "dato",
        "the enquiry's date, YYYY-MM-DD or DD.MM.YYYY (required)",
    ),
    ("naering", "sector, as text"),
    ("kilde", "where the enquiry came from"),
    ("arbeidsplasser_forventet", "jobs expected (a whole number)"),
    ("areal_daa", "area needed in decares"),
    (
        "fase",
        "henvendelse (default), dialog, tomt_tilbudt, beslutning, etablert or tapt",
    ),
    ("tapt_arsak", "why it was lost (required when tapt)"),
    ("arbeidsplasser_skapt", "jobs created (only when etablert)"),
    (
        "tomt",
        "the id of the land site offered (required when tomt_tilbudt)",
    ),
];

fn whole(s: &str) -> Result<Option<u32>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let v = parse_number(t)?;
    if v < 0.0 || v.fract() != 0.0 || v > f64::from(u32::MAX) {
        return Err(format!("{t:?} is not a whole number of jobs"));
    }
    Ok(Some(v as u32))
}

/// Parses a pipeline file (CSV, `;`, `,` or tab separated, UTF-8): one row per enquiry with
/// the columns of [`CSV_COLUMNS`] in any order (only `navn` and `dato` are required). Every
/// site id must be in `known_sites` (the land register's sites). The first bad row is an error
/// naming the file, the line and the field.
pub fn parse_csv(
    file: &str,
    bytes: &[u8],
    known_sites: &BTreeSet<String>,
) -> Result<Vec<EnquiryRow>, InputError> {
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
    let (c_name, c_date) = (required(P_NAME)?, required(P_DATE)?);
    let (c_sector, c_source, c_jobs, c_area, c_stage, c_reason, c_created, c_site) = (
        optional(P_SECTOR),
        optional(P_SOURCE),
        optional(P_JOBS),
        optional(P_AREA),
        optional(P_STAGE),
        optional(P_REASON),
        optional(P_CREATED),
        optional(P_SITE),
    );
    let mut out = Vec::new();
    for row in rows {
        let (line, rec) = row?;
        let field = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let err =
            |name: &str, m: String| InputError::new(file, Location::Line(line), Some(name), m);
        let date = parse_date(field(Some(c_date))).map_err(|m| err("dato", m))?;
        let stage = match field(c_stage) {
            "" => Stage::Enquiry,
            s => Stage::parse(s).ok_or_else(|| {
                err(
                    "fase",
                    format!(
                        "{s:?} is not one of {}",
                        Stage::ALL.map(Stage::code).join(", ")
                    ),
                )
            })?,
        };
        let jobs_expected = whole(field(c_jobs)).map_err(|m| err("arbeidsplasser_forventet", m))?;
        let jobs_created = whole(field(c_created)).map_err(|m| err("arbeidsplasser_skapt", m))?;
        let area_daa = match field(c_area) {
            "" => None,
            a => Some(parse_number(a).map_err(|m| err("areal_daa", m))?),
        };
        let opt = |i: Option<usize>| Some(field(i).to_string()).filter(|s| !s.is_empty());
        let enquiry = Enquiry {
            id: 0,
            name: field(Some(c_name)).to_string(),
            sector: field(c_sector).to_string(),
            source: field(c_source).to_string(),
            jobs_expected,
            area_daa,
            date,
            stage,
            lost_reason: opt(c_reason),
            jobs_created,
            site_id: opt(c_site),
        };
        if let Some((f, m)) = enquiry.problems(Some(known_sites)).into_iter().next() {
            return Err(err(f, m));
        }
        out.push(EnquiryRow { line, enquiry });
    }
    if out.is_empty() {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "no enquiries after the header",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::parse_date(s).unwrap()
    }

    fn sites() -> BTreeSet<String> {
        ["ASK-01".to_string()].into()
    }

    fn enquiry(date: &str, stage: Stage, jobs: u32, created: Option<u32>) -> Enquiry {
        Enquiry {
            id: 0,
            name: "Hemmelig Logistikk AS".into(),
            sector: "lager og logistikk".into(),
            source: "direkte".into(),
            jobs_expected: Some(jobs),
            area_daa: Some(20.0),
            date: d(date),
            stage,
            lost_reason: (stage == Stage::Lost).then(|| "valgte Lier".into()),
            jobs_created: created,
            site_id: None,
        }
    }

    #[test]
    fn aggregates_per_year_and_stage_without_names() {
        let e = [
            enquiry("2024-02-01", Stage::Enquiry, 10, None),
            enquiry("2024-03-01", Stage::Enquiry, 5, None),
            enquiry("2024-05-01", Stage::Established, 40, Some(35)),
            enquiry("2025-01-05", Stage::Lost, 12, None),
        ];
        let a = aggregate(&e);
        assert_eq!(a.per_year_stage[&2024][&Stage::Enquiry].enquiries, 2);
        assert_eq!(a.per_year_stage[&2024][&Stage::Enquiry].jobs_expected, 15);
        assert_eq!(
            a.per_year_stage[&2024][&Stage::Established].jobs_created,
            35
        );
        assert_eq!(a.year_total(2024).enquiries, 3);
        assert_eq!(a.year_total(2025).jobs_expected, 12);
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            !json.contains("Hemmelig"),
            "aggregates carry no names: {json}"
        );
        assert!(!json.contains("Lier"), "nor reasons: {json}");
    }

    #[test]
    fn stage_rules() {
        assert!(Stage::Enquiry.may_move_to(Stage::Lost));
        assert!(Stage::Lost.may_move_to(Stage::Dialogue));
        assert!(!Stage::Lost.may_move_to(Stage::Established));
        assert!(!Stage::Established.may_move_to(Stage::Lost));
        assert!(!Stage::Dialogue.may_move_to(Stage::Dialogue));
        let e = enquiry("2024-02-01", Stage::Dialogue, 10, None);
        let lost = StageChange {
            stage: Stage::Lost,
            lost_reason: None,
            jobs_created: None,
            site_id: None,
        };
        assert_eq!(lost.apply(&e).unwrap_err()[0].0, "tapt_arsak");
        let est = StageChange {
            stage: Stage::Established,
            lost_reason: Some("ignored".into()),
            jobs_created: Some(8),
            site_id: Some("ASK-01".into()),
        };
        let next = est.apply(&e).unwrap();
        assert_eq!(next.jobs_created, Some(8));
        assert_eq!(next.lost_reason, None);
        assert_eq!(next.site_id.as_deref(), Some("ASK-01"));
        let offered = StageChange {
            stage: Stage::SiteOffered,
            lost_reason: None,
            jobs_created: Some(3),
            site_id: None,
        };
        assert_eq!(offered.apply(&e).unwrap_err()[0].0, "tomt");
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn csv_rows_and_errors_name_file_line_field() {
        let ok = "navn;dato;naering;kilde;arbeidsplasser_forventet;areal_daa;fase;tapt_arsak;arbeidsplasser_skapt;tomt\n\
                  A AS;2024-03-01;logistikk;direkte;25;12,5;tomt_tilbudt;;;ASK-01\n\
                  B AS;05.06.2024;;;;;tapt;valgte annen kommune;;\n\
                  \n\
                  C AS;2025-01-02;;;;;;;;\n";
        let rows = parse_csv("p.csv", ok.as_bytes(), &sites()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].enquiry.stage, Stage::SiteOffered);
        assert_eq!(rows[0].enquiry.area_daa, Some(12.5));
        assert_eq!(
            rows[1].enquiry.lost_reason.as_deref(),
            Some("valgte annen kommune")
        );
        assert_eq!(rows[2].line, 5);
        assert_eq!(rows[2].enquiry.stage, Stage::Enquiry);
        let bad = |row: &str| {
            let text = format!(
                "navn;dato;fase;tapt_arsak;arbeidsplasser_skapt;tomt;arbeidsplasser_forventet\nA AS;2024-01-01;;;;;\n{row}\n"
            );
            parse_csv("b.csv", text.as_bytes(), &sites())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("B AS;2024-02-30;;;;;"),
            "b.csv: line 3: dato: \"2024-02-30\" is not a valid date (YYYY-MM-DD or DD.MM.YYYY)"
        );
        assert_eq!(
            bad("B AS;2024-02-03;solgt;;;;"),
            "b.csv: line 3: fase: \"solgt\" is not one of henvendelse, dialog, tomt_tilbudt, beslutning, etablert, tapt"
        );
        assert_eq!(
            bad("B AS;2024-02-03;tapt;;;;"),
            "b.csv: line 3: tapt_arsak: a lost enquiry needs the reason it was lost"
        );
        assert_eq!(
            bad("B AS;2024-02-03;dialog;;4;;"),
            "b.csv: line 3: arbeidsplasser_skapt: jobs are created only when established (the stage is dialog)"
        );
        assert_eq!(
            bad("B AS;2024-02-03;tomt_tilbudt;;;ASK-99;"),
            "b.csv: line 3: tomt: \"ASK-99\" is not a site of the land register"
        );
        assert_eq!(
            bad("B AS;2024-02-03;;;;;12,5"),
            "b.csv: line 3: arbeidsplasser_forventet: \"12,5\" is not a whole number of jobs"
        );
        assert_eq!(
            bad(";2024-02-03;;;;;"),
            "b.csv: line 3: navn: is empty, expected the company's or project's name"
        );
        let e = parse_csv("b.csv", b"navn;fase\nA;dialog\n", &sites()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.csv: line 1: the header has no column \"dato\" (nor any of: date)"
        );
        assert_eq!(
            parse_csv("e.csv", b"", &sites()).unwrap_err().to_string(),
            "e.csv: the file is empty"
        );
    }
}
