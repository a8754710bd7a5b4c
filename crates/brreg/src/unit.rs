//! The compact unit record both bulk readers produce, and the shared conversion from raw fields.

use time::Date;

use crate::codes::{Kommune, NaceCode, OrgForm, OrgNr, SectorCode, parse_date};
use crate::error::RowErrorKind;

/// Which register file a unit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    /// A main unit (*enhet*): the legal entity, located by its business address
    /// (`forretningsadresse`).
    Enhet,
    /// A sub-unit (*underenhet*, establishment): where the activity takes place, located by
    /// `beliggenhetsadresse`, linked to its enhet by `overordnetEnhet`.
    Underenhet,
}

/// The headcount as Enhetsregisteret publishes it.
///
/// Recent files withhold small headcounts: in the 2024/2025 samples no published count is below
/// 5, and many units have `harRegistrertAntallAnsatte = true` with `antallAnsatte` empty (older
/// data published small counts too: the 2022 API sample has `antallAnsatte: 2`). Such a unit HAS
/// employees but how many is not published: [`Employees::Withheld`], unknown, never 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Employees {
    /// A published headcount (may be 0 in older files).
    Known(u32),
    /// Employees are registered but the count is not published.
    Withheld,
    /// No employees registered (`harRegistrertAntallAnsatte` false or absent, no count).
    NotRegistered,
}

impl Employees {
    /// The published headcount, if any: `None` for [`Employees::Withheld`] and
    /// [`Employees::NotRegistered`] (withheld is unknown, not 0).
    pub fn known(self) -> Option<u32> {
        match self {
            Employees::Known(n) => Some(n),
            _ => None,
        }
    }
}

/// One unit from an Enhetsregisteret bulk file, holding only what the facts need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Main unit or sub-unit (set by the reader from the file it was asked to read).
    pub kind: UnitKind,
    /// `organisasjonsnummer`, MOD11-validated.
    pub orgnr: OrgNr,
    /// `navn`.
    pub name: String,
    /// `organisasjonsform.kode`.
    pub org_form: OrgForm,
    /// `naeringskode1.kode`, the main industry (`None` when empty).
    pub nace: Option<NaceCode>,
    /// `harRegistrertAntallAnsatte` + `antallAnsatte`.
    pub employees: Employees,
    /// The unit's own municipality: `forretningsadresse.kommunenummer` for an enhet,
    /// `beliggenhetsadresse.kommunenummer` for an underenhet. `None` when empty (units without a
    /// business address, foreign addresses). There is deliberately no fallback to the postal
    /// address here: see [`Unit::municipality_or_postal`].
    pub municipality: Option<Kommune>,
    /// `postadresse.kommunenummer` (often a post-box or an accountant's address; kept apart).
    pub postal_municipality: Option<Kommune>,
    /// The postal code (*postnummer*) of the unit's own address, the one [`Unit::municipality`]
    /// comes from (`forretningsadresse.postnummer` for an enhet, `beliggenhetsadresse.postnummer`
    /// for an underenhet), as a number (`0150` is 150; shown with four digits). `None` when empty
    /// or not four digits (foreign addresses): never an error, since no figure but the districts
    /// needs it.
    pub postal_code: Option<u16>,
    /// `institusjonellSektorkode.kode` (enheter only).
    pub sector: Option<SectorCode>,
    /// Date of registration in Enhetsregisteret (`registreringsdatoenhetsregisteret` in the
    /// enheter CSV, `registreringsdatoIEnhetsregisteret` in the underenheter CSV,
    /// `registreringsdatoEnhetsregisteret` in JSON).
    pub registered: Option<Date>,
    /// `stiftelsesdato` (date of foundation; enheter).
    pub founded: Option<Date>,
    /// `oppstartsdato` (start of activity; underenheter).
    pub started: Option<Date>,
    /// `konkurs`: in bankruptcy.
    pub bankrupt: bool,
    /// `konkursdato`, when present.
    pub bankruptcy_date: Option<Date>,
    /// `underAvvikling`: under voluntary liquidation.
    pub under_liquidation: bool,
    /// `underAvviklingDato`, when present.
    pub liquidation_date: Option<Date>,
    /// `underTvangsavviklingEllerTvangsopplosning`: under compulsory liquidation or dissolution.
    pub under_forced_liquidation: bool,
    /// `slettedato` (deletion from the register), when the file carries it.
    pub deleted: Option<Date>,
    /// `nedleggelsesdato` (closure of an underenhet), when present.
    pub closed: Option<Date>,
    /// `overordnetEnhet`: the parent unit (for underenheter, the enhet they belong to; for some
    /// enheter, e.g. public bodies, a superior organisation).
    pub parent: Option<OrgNr>,
}

impl Unit {
    /// The published headcount (`None` when withheld or not registered).
    pub fn employee_count(&self) -> Option<u32> {
        self.employees.known()
    }

    /// The unit's municipality, falling back to the postal address's municipality when the unit
    /// has no business/location address. The facts never use this fallback; it is offered for
    /// callers who decide otherwise.
    pub fn municipality_or_postal(&self) -> Option<Kommune> {
        self.municipality.or(self.postal_municipality)
    }

    /// True when the unit is gone or going: bankrupt, deleted or closed. Units under liquidation
    /// still count as present.
    pub fn is_terminated(&self) -> bool {
        self.bankrupt || self.deleted.is_some() || self.closed.is_some()
    }
}

/// The raw text of the fields of one row, as found in the file, before validation.
///
/// Both readers fill this (the CSV reader from a `ByteRecord`, the JSON reader from a borrowed
/// struct) so the rules live in one place.
#[derive(Debug, Default)]
pub(crate) struct RawUnit<'a> {
    pub orgnr: &'a [u8],
    pub name: &'a [u8],
    pub org_form: &'a [u8],
    pub nace: &'a [u8],
    pub has_employees: &'a [u8],
    pub employees: RawCount<'a>,
    pub municipality: &'a [u8],
    pub postal_municipality: &'a [u8],
    pub postal_code: &'a [u8],
    pub sector: &'a [u8],
    pub registered: &'a [u8],
    pub founded: &'a [u8],
    pub started: &'a [u8],
    pub bankrupt: &'a [u8],
    pub bankruptcy_date: &'a [u8],
    pub under_liquidation: &'a [u8],
    pub liquidation_date: &'a [u8],
    pub under_forced_liquidation: &'a [u8],
    pub deleted: &'a [u8],
    pub closed: &'a [u8],
    pub parent: &'a [u8],
}

/// A headcount as text (CSV) or as a JSON number.
#[derive(Debug, Default)]
pub(crate) enum RawCount<'a> {
    #[default]
    Absent,
    Text(&'a [u8]),
    Number(u64),
}

/// Field names used in error messages.
pub(crate) mod field {
    pub const ORGNR: &str = "organisasjonsnummer";
    pub const NAME: &str = "navn";
    pub const ORG_FORM: &str = "organisasjonsform.kode";
    pub const NACE: &str = "naeringskode1.kode";
    pub const HAS_EMPLOYEES: &str = "harRegistrertAntallAnsatte";
    pub const EMPLOYEES: &str = "antallAnsatte";
    pub const BUSINESS_MUNICIPALITY: &str = "forretningsadresse.kommunenummer";
    pub const LOCATION_MUNICIPALITY: &str = "beliggenhetsadresse.kommunenummer";
    pub const POSTAL_MUNICIPALITY: &str = "postadresse.kommunenummer";
    pub const SECTOR: &str = "institusjonellSektorkode.kode";
    pub const REGISTERED: &str = "registreringsdatoEnhetsregisteret";
    pub const FOUNDED: &str = "stiftelsesdato";
    pub const STARTED: &str = "oppstartsdato";
    pub const BANKRUPT: &str = "konkurs";
    pub const BANKRUPTCY_DATE: &str = "konkursdato";
    pub const UNDER_LIQUIDATION: &str = "underAvvikling";
    pub const LIQUIDATION_DATE: &str = "underAvviklingDato";
    pub const FORCED: &str = "underTvangsavviklingEllerTvangsopplosning";
    pub const DELETED: &str = "slettedato";
    pub const CLOSED: &str = "nedleggelsesdato";
    pub const PARENT: &str = "overordnetEnhet";
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn opt_date(field: &'static str, b: &[u8]) -> Result<Option<Date>, RowErrorKind> {
    if b.is_empty() {
        return Ok(None);
    }
    parse_date(b)
        .map(Some)
        .ok_or_else(|| RowErrorKind::BadDate {
            field,
            value: text(b),
        })
}

fn flag(field: &'static str, b: &[u8]) -> Result<bool, RowErrorKind> {
    match b {
        b"" | b"false" => Ok(false),
        b"true" => Ok(true),
        _ => Err(RowErrorKind::BadBool {
            field,
            value: text(b),
        }),
    }
}

fn opt_kommune(field: &'static str, b: &[u8]) -> Result<Option<Kommune>, RowErrorKind> {
    if b.is_empty() {
        return Ok(None);
    }
    Kommune::parse(b)
        .map(Some)
        .ok_or_else(|| RowErrorKind::BadCode {
            field,
            value: text(b),
        })
}

impl RawUnit<'_> {
    /// Validates and converts. On error, also returns the row's organisation number text when it
    /// is there, for the report.
    pub(crate) fn build(&self, kind: UnitKind) -> Result<Unit, RowErrorKind> {
        let orgnr = OrgNr::parse(self.orgnr).map_err(|reason| {
            if self.orgnr.is_empty() {
                RowErrorKind::Missing {
                    field: field::ORGNR,
                }
            } else {
                RowErrorKind::BadOrgNr {
                    field: field::ORGNR,
                    value: text(self.orgnr),
                    reason,
                }
            }
        })?;
        let org_form = OrgForm::parse(self.org_form).ok_or_else(|| {
            if self.org_form.is_empty() {
                RowErrorKind::Missing {
                    field: field::ORG_FORM,
                }
            } else {
                RowErrorKind::BadCode {
                    field: field::ORG_FORM,
                    value: text(self.org_form),
                }
            }
        })?;
        let nace = if self.nace.is_empty() {
            None
        } else {
            Some(
                NaceCode::parse(self.nace).ok_or_else(|| RowErrorKind::BadCode {
                    field: field::NACE,
                    value: text(self.nace),
                })?,
            )
        };
        let has = flag(field::HAS_EMPLOYEES, self.has_employees)?;
        let count = match self.employees {
            RawCount::Absent | RawCount::Text(b"") => None,
            RawCount::Number(n) => Some(n),
            RawCount::Text(b) => Some(
                std::str::from_utf8(b)
                    .ok()
                    .and_then(|s| s.parse::<u64>().ok())
                    .ok_or_else(|| RowErrorKind::BadNumber {
                        field: field::EMPLOYEES,
                        value: text(b),
                    })?,
            ),
        };
        let employees = match count {
            Some(n) => Employees::Known(u32::try_from(n).map_err(|_| RowErrorKind::BadNumber {
                field: field::EMPLOYEES,
                value: n.to_string(),
            })?),
            None if has => Employees::Withheld,
            None => Employees::NotRegistered,
        };
        let municipality_field = match kind {
            UnitKind::Enhet => field::BUSINESS_MUNICIPALITY,
            UnitKind::Underenhet => field::LOCATION_MUNICIPALITY,
        };
        let sector = if self.sector.is_empty() {
            None
        } else {
            Some(
                SectorCode::parse(self.sector).ok_or_else(|| RowErrorKind::BadCode {
                    field: field::SECTOR,
                    value: text(self.sector),
                })?,
            )
        };
        let parent = if self.parent.is_empty() {
            None
        } else {
            Some(
                OrgNr::parse(self.parent).map_err(|reason| RowErrorKind::BadOrgNr {
                    field: field::PARENT,
                    value: text(self.parent),
                    reason,
                })?,
            )
        };
        Ok(Unit {
            kind,
            orgnr,
            name: String::from_utf8(self.name.to_vec())
                .map_err(|_| RowErrorKind::NotUtf8 { field: field::NAME })?,
            org_form,
            nace,
            employees,
            municipality: opt_kommune(municipality_field, self.municipality)?,
            postal_municipality: opt_kommune(field::POSTAL_MUNICIPALITY, self.postal_municipality)?,
            postal_code: postal_code(self.postal_code),
            sector,
            registered: opt_date(field::REGISTERED, self.registered)?,
            founded: opt_date(field::FOUNDED, self.founded)?,
            started: opt_date(field::STARTED, self.started)?,
            bankrupt: flag(field::BANKRUPT, self.bankrupt)?,
            bankruptcy_date: opt_date(field::BANKRUPTCY_DATE, self.bankruptcy_date)?,
            under_liquidation: flag(field::UNDER_LIQUIDATION, self.under_liquidation)?,
            liquidation_date: opt_date(field::LIQUIDATION_DATE, self.liquidation_date)?,
            under_forced_liquidation: flag(field::FORCED, self.under_forced_liquidation)?,
            deleted: opt_date(field::DELETED, self.deleted)?,
            closed: opt_date(field::CLOSED, self.closed)?,
            parent,
        })
    }
}

/// A Norwegian postal code: exactly four ASCII digits (surrounding space ignored), else `None`.
pub(crate) fn postal_code(raw: &[u8]) -> Option<u16> {
    let t = raw.trim_ascii();
    if t.len() != 4 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(t.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
}

/// A postal code as written: four digits (`150` → `0150`).
pub fn postal_code_text(code: u16) -> String {
    format!("{code:04}")
}
