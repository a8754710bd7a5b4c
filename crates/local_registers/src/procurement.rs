//! Local procurement: a supplier ledger matched against Enhetsregisteret.
//!
//! Seed §5.7.2, *Fakta (2019-tall)*: "Kommunen fører i dag ingen oversikt eller rapporterer på
//! lokale anskaffelser" (and: "Asker kommune kjøper varer og tjenester for om lag 4 mrd. kr hvert
//! år"). The input is the form in which municipalities publish their *fakturajournal*: one row
//! per payment with the supplier's organisation number and name, the amount in NOK, the date
//! and a category.
//!
//! Each row is matched on its organisation number against a register snapshot
//! ([`SupplierFacts`], looked up by the caller) and lands in exactly one place:
//!
//! - **located**: the supplier is in the register, not deleted, with a business address: its
//!   municipality is *local* (the plan's municipality), a *neighbour* ([`crate::neighbours`])
//!   or *elsewhere*;
//! - **unresolved**: no organisation number in the row, a number not in the register, a
//!   deleted/closed/bankrupt unit, or a unit without a business address. These are listed with
//!   their spend and never assigned a place: the shares are shares of the located spend, and
//!   the unresolved part is reported beside them.
//!
//! **SME** (*små og mellomstore bedrifter*): a located supplier with fewer than 250 employees
//! by the register's headcount (`antallAnsatte`), or with no employees registered. This is
//! the EU's headcount criterion alone (the turnover and balance-sheet criteria and the
//! ownership test are not applied). Public bodies (organisation forms KOMM, FYLK, STAT, SF, KF,
//! IKS, ORGL) are counted apart, as are suppliers whose headcount the register withholds
//! (Brønnøysund does not publish small headcounts; see `brreg::Employees::Withheld`) — these
//! are probably small, but that is not guessed here.

use std::collections::BTreeMap;

use brreg::{Employees, OrgNr};
use serde::Serialize;
use time::Date;

use crate::neighbours::{Neighbourhood, Proximity};
use crate::{InputError, Location, parse_date, parse_number};

/// The SME threshold: fewer than this many employees.
pub const SME_EMPLOYEES: u32 = 250;

/// Organisation forms counted as public bodies, not businesses.
pub const PUBLIC_FORMS: &[&str] = &["KOMM", "FYLK", "STAT", "SF", "KF", "IKS", "ORGL"];

/// One ledger row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The supplier's organisation number; `None` when the row has none (a person, a foreign
    /// supplier).
    #[serde(serialize_with = "ser_orgnr")]
    pub orgnr: Option<OrgNr>,
    /// The supplier's name as written in the ledger.
    pub supplier: String,
    /// Amount in øre (NOK × 100); negative for credit notes.
    pub amount_ore: i64,
    /// Date of the payment or invoice.
    pub date: Date,
    /// Category (*kategori*, e.g. `bygg og anlegg`), as written.
    pub category: String,
}

fn ser_orgnr<S: serde::Serializer>(o: &Option<OrgNr>, s: S) -> Result<S::Ok, S::Error> {
    match o {
        Some(o) => s.serialize_str(&o.to_string()),
        None => s.serialize_none(),
    }
}

const ORGNR: &[&str] = &[
    "orgnr",
    "organisasjonsnummer",
    "orgnummer",
    "leverandororgnr",
];
const SUPPLIER: &[&str] = &["leverandor", "leverandornavn", "navn", "supplier"];
const AMOUNT: &[&str] = &["belop", "belopnok", "belopikr", "sum", "amount"];
const DATE: &[&str] = &["dato", "bilagsdato", "fakturadato", "betalingsdato", "date"];
const CATEGORY: &[&str] = &["kategori", "varegruppe", "art", "category"];

/// Parses a supplier ledger (CSV: `;`, `,` or tab separated, UTF-8). Columns, in any order
/// (names case- and æøå-folded; common alternatives accepted): `orgnr`, `leverandor`, `belop`
/// (NOK; decimal comma and space-grouped thousands allowed), `dato` (`YYYY-MM-DD` or
/// `DD.MM.YYYY`), `kategori`. An empty `orgnr` is allowed (reported as unresolved); a
/// malformed one is an error.
pub fn parse_ledger(file: &str, bytes: &[u8]) -> Result<Vec<LedgerRow>, InputError> {
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
    let column = |names: &[&str]| -> Result<usize, InputError> {
        headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
            .ok_or_else(|| {
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
    let (c_org, c_sup, c_amt, c_date, c_cat) = (
        column(ORGNR)?,
        column(SUPPLIER)?,
        column(AMOUNT)?,
        column(DATE)?,
        column(CATEGORY)?,
    );
    let mut out = Vec::new();
    for row in rows {
        let (line, rec) = row?;
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let err =
            |name: &str, m: String| InputError::new(file, Location::Line(line), Some(name), m);
        let orgnr = match field(c_org).replace([' ', '\u{a0}'], "") {
            s if s.is_empty() => None,
            s => Some(OrgNr::parse(s.as_bytes()).map_err(|e| {
                err(
                    "orgnr",
                    format!("{s:?} is not a valid organisation number: {e}"),
                )
            })?),
        };
        let amount = parse_number(field(c_amt)).map_err(|m| err("belop", m))?;
        if amount.abs() >= 1.0e13 {
            return Err(err("belop", format!("{amount} NOK is out of range")));
        }
        let date = parse_date(field(c_date)).map_err(|m| err("dato", m))?;
        let category = field(c_cat).to_string();
        if category.is_empty() {
            return Err(err("kategori", "is empty".into()));
        }
        out.push(LedgerRow {
            line,
            orgnr,
            supplier: field(c_sup).to_string(),
            amount_ore: (amount * 100.0).round() as i64,
            date,
            category,
        });
    }
    if out.is_empty() {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "no ledger rows after the header",
        ));
    }
    Ok(out)
}

/// A supplier's standing in the register snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplierStatus {
    /// Active.
    Active,
    /// Bankrupt.
    Bankrupt,
    /// Deleted or closed (or being liquidated).
    Deleted,
}

/// What the register says about one supplier (looked up by the caller in a snapshot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierFacts {
    /// Name in the register.
    pub name: String,
    /// Municipality of the business address, if any.
    pub municipality: Option<String>,
    /// Headcount.
    pub employees: Employees,
    /// Organisation form code (`AS`, `ENK`, `KOMM`, …).
    pub org_form: String,
    /// Standing.
    pub status: SupplierStatus,
}

/// Why a row could not be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unresolved {
    /// The row has no organisation number.
    NoOrgnr,
    /// The number is not in the register snapshot.
    NotInRegister,
    /// The unit is deleted, closed or being liquidated.
    Deleted,
    /// The unit is bankrupt.
    Bankrupt,
    /// The unit has no business address.
    NoAddress,
}

impl Unresolved {
    /// Norwegian label.
    pub fn nb(self) -> &'static str {
        match self {
            Unresolved::NoOrgnr => "mangler organisasjonsnummer",
            Unresolved::NotInRegister => "ikke i Enhetsregisteret",
            Unresolved::Deleted => "slettet eller avviklet",
            Unresolved::Bankrupt => "konkurs",
            Unresolved::NoAddress => "uten forretningsadresse",
        }
    }

    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            Unresolved::NoOrgnr => "no organisation number",
            Unresolved::NotInRegister => "not in the register",
            Unresolved::Deleted => "deleted or closed",
            Unresolved::Bankrupt => "bankrupt",
            Unresolved::NoAddress => "no business address",
        }
    }
}

/// A supplier's size class (see the module docs for the SME definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// Fewer than 250 employees, or none registered.
    Sme,
    /// 250 employees or more.
    Large,
    /// The register withholds the headcount.
    Withheld,
    /// A public body.
    Public,
}

impl SizeClass {
    /// The size class of a supplier.
    pub fn of(f: &SupplierFacts) -> SizeClass {
        if PUBLIC_FORMS.contains(&f.org_form.as_str()) {
            return SizeClass::Public;
        }
        match f.employees {
            Employees::Known(n) if n >= SME_EMPLOYEES => SizeClass::Large,
            Employees::Known(_) | Employees::NotRegistered => SizeClass::Sme,
            Employees::Withheld => SizeClass::Withheld,
        }
    }
}

/// Spend in øre, split by where it went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Spend {
    /// Every row.
    pub total: i64,
    /// Located in the municipality.
    pub local: i64,
    /// Located in a neighbouring municipality.
    pub neighbour: i64,
    /// Located elsewhere.
    pub elsewhere: i64,
    /// Not placed (see [`Unresolved`]).
    pub unresolved: i64,
    /// Located spend by size class.
    pub by_size: BTreeMap<SizeClass, i64>,
    /// Rows.
    pub rows: u64,
}

impl Spend {
    /// Located spend (local + neighbour + elsewhere).
    pub fn located(&self) -> i64 {
        self.local + self.neighbour + self.elsewhere
    }

    fn share(&self, part: i64) -> Option<f64> {
        let l = self.located();
        (l != 0).then(|| part as f64 / l as f64)
    }

    /// Share of the located spend with local suppliers.
    pub fn local_share(&self) -> Option<f64> {
        self.share(self.local)
    }

    /// Share of the located spend with suppliers in neighbouring municipalities.
    pub fn neighbour_share(&self) -> Option<f64> {
        self.share(self.neighbour)
    }

    /// Share of the located spend with suppliers elsewhere.
    pub fn elsewhere_share(&self) -> Option<f64> {
        self.share(self.elsewhere)
    }

    /// Share of the located spend with SMEs.
    pub fn sme_share(&self) -> Option<f64> {
        self.share(self.by_size.get(&SizeClass::Sme).copied().unwrap_or(0))
    }

    /// Share of the located spend in a size class.
    pub fn size_share(&self, c: SizeClass) -> Option<f64> {
        self.share(self.by_size.get(&c).copied().unwrap_or(0))
    }

    /// Share of all spend that could not be placed.
    pub fn unresolved_share(&self) -> Option<f64> {
        (self.total != 0).then(|| self.unresolved as f64 / self.total as f64)
    }

    fn add(&mut self, amount: i64, place: Result<(Proximity, SizeClass), Unresolved>) {
        self.total += amount;
        self.rows += 1;
        match place {
            Ok((p, size)) => {
                match p {
                    Proximity::Local => self.local += amount,
                    Proximity::Neighbour => self.neighbour += amount,
                    Proximity::Elsewhere => self.elsewhere += amount,
                }
                *self.by_size.entry(size).or_default() += amount;
            }
            Err(_) => self.unresolved += amount,
        }
    }
}

/// One supplier that could not be placed, with its spend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedSupplier {
    /// Organisation number, if the rows had one.
    #[serde(serialize_with = "ser_orgnr")]
    pub orgnr: Option<OrgNr>,
    /// Name as in the ledger (first row).
    pub supplier: String,
    /// Why.
    pub reason: Unresolved,
    /// Spend in øre.
    pub spend: i64,
    /// Rows.
    pub rows: u64,
    /// Ledger lines (first few).
    pub lines: Vec<u64>,
}

/// The matched ledger: spend by year and by year and category, and the unresolved suppliers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProcurementReport {
    /// The plan's municipality.
    pub municipality: String,
    /// Per year.
    pub by_year: BTreeMap<i32, Spend>,
    /// Per year and category.
    pub by_year_category: BTreeMap<i32, BTreeMap<String, Spend>>,
    /// Suppliers not placed, largest spend first.
    pub unresolved: Vec<UnresolvedSupplier>,
}

/// Places one row.
pub fn place(
    row: &LedgerRow,
    facts: Option<&SupplierFacts>,
    hood: &Neighbourhood,
) -> Result<(Proximity, SizeClass), Unresolved> {
    if row.orgnr.is_none() {
        return Err(Unresolved::NoOrgnr);
    }
    let f = facts.ok_or(Unresolved::NotInRegister)?;
    match f.status {
        SupplierStatus::Bankrupt => return Err(Unresolved::Bankrupt),
        SupplierStatus::Deleted => return Err(Unresolved::Deleted),
        SupplierStatus::Active => {}
    }
    let m = f.municipality.as_deref().ok_or(Unresolved::NoAddress)?;
    Ok((hood.proximity(m), SizeClass::of(f)))
}

/// Matches every row against the register (`lookup`) and sums the spend.
pub fn match_ledger(
    rows: &[LedgerRow],
    lookup: impl Fn(OrgNr) -> Option<SupplierFacts>,
    hood: &Neighbourhood,
) -> ProcurementReport {
    let mut rep = ProcurementReport {
        municipality: hood.code.clone(),
        ..Default::default()
    };
    let mut cache: BTreeMap<OrgNr, Option<SupplierFacts>> = BTreeMap::new();
    let mut unresolved: BTreeMap<(Option<OrgNr>, String), UnresolvedSupplier> = BTreeMap::new();
    for r in rows {
        let facts = r
            .orgnr
            .and_then(|o| cache.entry(o).or_insert_with(|| lookup(o)).clone());
        let placed = place(r, facts.as_ref(), hood);
        let y = r.date.year();
        rep.by_year.entry(y).or_default().add(r.amount_ore, placed);
        rep.by_year_category
            .entry(y)
            .or_default()
            .entry(r.category.clone())
            .or_default()
            .add(r.amount_ore, placed);
        if let Err(reason) = placed {
            let key = (
                r.orgnr,
                if r.orgnr.is_some() {
                    String::new()
                } else {
                    r.supplier.clone()
                },
            );
            let u = unresolved.entry(key).or_insert_with(|| UnresolvedSupplier {
                orgnr: r.orgnr,
                supplier: r.supplier.clone(),
                reason,
                spend: 0,
                rows: 0,
                lines: Vec::new(),
            });
            u.spend += r.amount_ore;
            u.rows += 1;
            if u.lines.len() < 5 {
                u.lines.push(r.line);
            }
        }
    }
    rep.unresolved = unresolved.into_values().collect();
    rep.unresolved
        .sort_by(|a, b| b.spend.cmp(&a.spend).then(a.orgnr.cmp(&b.orgnr)));
    rep
}

/// Formats øre as NOK with a space between thousands and no decimals (`1 234 567`).
pub fn fmt_nok(ore: i64) -> String {
    let kr = (ore as f64 / 100.0).round() as i64;
    let digits = kr.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if kr < 0 { format!("−{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neighbours;

    const LEDGER: &str = "orgnr;leverandør;beløp;dato;kategori
923609016;Lokal AS;1 000,00;2024-01-10;bygg og anlegg
923609016;Lokal AS;500;15.02.2024;bygg og anlegg
914778271;Nabo AS;300,50;2024-03-01;renhold
988888885;Ukjent AS;200;2024-03-02;renhold
;Privatperson;100;2024-03-03;tolketjenester
974760673;Stor ASA;2 000;2024-04-01;IKT
911111128;Slettet AS;50;2023-12-31;IKT
";

    fn facts(orgnr: OrgNr) -> Option<SupplierFacts> {
        let f = |m: &str, emp: Employees, status| SupplierFacts {
            name: String::new(),
            municipality: Some(m.into()),
            employees: emp,
            org_form: "AS".into(),
            status,
        };
        match orgnr.get() {
            923609016 => Some(f("3203", Employees::Withheld, SupplierStatus::Active)),
            914778271 => Some(f("3201", Employees::Known(12), SupplierStatus::Active)),
            974760673 => Some(f("0301", Employees::Known(900), SupplierStatus::Active)),
            911111128 => Some(f("3203", Employees::Known(3), SupplierStatus::Deleted)),
            _ => None,
        }
    }

    #[test]
    fn ledger_matching_with_unknown_and_deleted_numbers() {
        let rows = parse_ledger("l.csv", LEDGER.as_bytes()).unwrap();
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[0].amount_ore, 100_000);
        assert_eq!(rows[2].amount_ore, 30_050);
        let rep = match_ledger(&rows, facts, &neighbours::embedded("3203"));
        let y = &rep.by_year[&2024];
        assert_eq!(
            y.total,
            100_000 + 50_000 + 30_050 + 20_000 + 10_000 + 200_000
        );
        assert_eq!(y.local, 150_000);
        assert_eq!(y.neighbour, 30_050);
        assert_eq!(y.elsewhere, 200_000);
        assert_eq!(y.unresolved, 30_000);
        assert_eq!(y.local_share(), Some(150_000.0 / 380_050.0));
        assert_eq!(y.sme_share(), Some(30_050.0 / 380_050.0));
        assert_eq!(
            y.size_share(SizeClass::Withheld),
            Some(150_000.0 / 380_050.0)
        );
        assert_eq!(y.size_share(SizeClass::Large), Some(200_000.0 / 380_050.0));
        let renhold = &rep.by_year_category[&2024]["renhold"];
        assert_eq!((renhold.neighbour, renhold.unresolved), (30_050, 20_000));
        // 2023: only the deleted supplier, nothing located, no share invented.
        assert_eq!(rep.by_year[&2023].unresolved, 5_000);
        assert_eq!(rep.by_year[&2023].local_share(), None);
        let reasons: Vec<(Option<u32>, Unresolved)> = rep
            .unresolved
            .iter()
            .map(|u| (u.orgnr.map(OrgNr::get), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (Some(988888885), Unresolved::NotInRegister),
                (None, Unresolved::NoOrgnr),
                (Some(911111128), Unresolved::Deleted),
            ]
        );
        assert_eq!(rep.unresolved[0].lines, [5]);
    }

    #[test]
    fn lines_after_a_blank_line_are_counted_as_an_editor_shows_them() {
        let e = parse_ledger(
            "l.csv",
            b"orgnr;leverandor;belop;dato;kategori\n923609016;A;1;2024-01-01;a\n\n923609016;B;abc;2024-01-02;a\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv: line 4: belop: \"abc\" is not a number"
        );
        let rows = parse_ledger(
            "l.csv",
            b"orgnr;leverandor;belop;dato;kategori\r\n\r\n923609016;A;1;2024-01-01;a\r\n",
        )
        .unwrap();
        assert_eq!(rows[0].line, 3);
    }

    #[test]
    fn bad_ledger_rows_are_located() {
        let head = "orgnr;leverandor;belop;dato;kategori\n";
        let e = parse_ledger(
            "l.csv",
            format!("{head}923609017;X;1;2024-01-01;a\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv: line 2: orgnr: \"923609017\" is not a valid organisation number: check digit is 7, MOD11 gives 6"
        );
        let e = parse_ledger(
            "l.csv",
            format!("{head}923609016;X;12;2024-13-01;a\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            (e.location, e.field.as_deref()),
            (Location::Line(2), Some("dato"))
        );
        let e = parse_ledger("l.csv", b"orgnr;belop\n1;2\n").unwrap_err();
        assert!(e.to_string().contains("no column \"leverandor\""), "{e}");
    }

    #[test]
    fn sizes() {
        let mut f = facts(OrgNr::parse(b"914778271").unwrap()).unwrap();
        assert_eq!(SizeClass::of(&f), SizeClass::Sme);
        f.employees = Employees::Known(250);
        assert_eq!(SizeClass::of(&f), SizeClass::Large);
        f.employees = Employees::NotRegistered;
        assert_eq!(SizeClass::of(&f), SizeClass::Sme);
        f.org_form = "KOMM".into();
        assert_eq!(SizeClass::of(&f), SizeClass::Public);
        assert_eq!(fmt_nok(123_456_789), "1\u{a0}234\u{a0}568");
    }
}
