//! Annual accounts from the accounts register (*Regnskapsregisteret*), as its open API returns
//! them (`GET /regnskapsregisteret/regnskap/{orgnr}`: a JSON array, one object per set of
//! accounts).
//!
//! Fields read (paths in the API object):
//!
//! | field | path |
//! |---|---|
//! | turnover | `resultatregnskapResultat.driftsresultat.driftsinntekter.sumDriftsinntekter` |
//! | operating costs | `resultatregnskapResultat.driftsresultat.driftskostnad.sumDriftskostnad` |
//! | wage costs | `resultatregnskapResultat.driftsresultat.driftskostnad.loennskostnad` |
//! | operating result | `resultatregnskapResultat.driftsresultat.driftsresultat` |
//! | annual result | `resultatregnskapResultat.aarsresultat` |
//! | currency | `valuta` (kept as written: not all accounts are in NOK) |
//! | period | `regnskapsperiode.fraDato` / `tilDato` (the accounting year is the year of `tilDato`) |
//!
//! A figure that is absent is `None`, never 0: holding companies often file no
//! `driftsinntekter` at all, and many small companies' records have no `loennskostnad`.
//!
//! The register's own misspellings are read as they are (and the correct spelling is accepted too):
//! `regnkapsprinsipper` (for *regnskapsprinsipper*, accounting principles) and
//! `sumInnskuttEgenkaptial` (for *sumInnskuttEgenkapital*, paid-in equity).

use std::collections::HashMap;
use std::io::Read;

use serde::Deserialize;
use serde_json::Number;
use time::Date;

use crate::codes::{OrgNr, OrgNrError, parse_date};

/// An amount in whole units of the accounts' currency (the API's figures are whole kroner, though
/// sometimes written as `13865135.0`).
pub type Amount = i64;

/// The kind of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountsType {
    /// `SELSKAP`: the company's own accounts.
    Company,
    /// `KONSERN`: group (consolidated) accounts.
    Group,
    /// Anything else, as written.
    Other(String),
}

/// One set of annual accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualAccounts {
    /// The register's id of the accounts (`id`).
    pub id: Option<u64>,
    /// `virksomhet.organisasjonsnummer`.
    pub orgnr: OrgNr,
    /// `virksomhet.organisasjonsform`.
    pub org_form: Option<String>,
    /// `regnskapstype`.
    pub accounts_type: AccountsType,
    /// `regnskapsperiode.fraDato`.
    pub period_from: Date,
    /// `regnskapsperiode.tilDato`.
    pub period_to: Date,
    /// `valuta`, as written (`NOK`, `USD`, …).
    pub currency: Option<String>,
    /// `avviklingsregnskap`: accounts of a company being wound up.
    pub liquidation_accounts: Option<bool>,
    /// `regnkapsprinsipper.smaaForetak` (sic): small enterprise rules.
    pub small_enterprise: Option<bool>,
    /// `regnkapsprinsipper.regnskapsregler` (sic), e.g. `regnskapslovenAlminneligRegler`.
    pub accounting_rules: Option<String>,
    /// Turnover: `sumDriftsinntekter`.
    pub turnover: Option<Amount>,
    /// Operating costs: `sumDriftskostnad`.
    pub operating_costs: Option<Amount>,
    /// Wage costs: `driftskostnad.loennskostnad`.
    pub wage_costs: Option<Amount>,
    /// Operating result: `driftsresultat.driftsresultat`.
    pub operating_result: Option<Amount>,
    /// Net financial items: `finansresultat.nettoFinans`.
    pub net_financial: Option<Amount>,
    /// Result before tax: `ordinaertResultatFoerSkattekostnad`.
    pub result_before_tax: Option<Amount>,
    /// Annual result: `aarsresultat`.
    pub annual_result: Option<Amount>,
    /// Total assets: `eiendeler.sumEiendeler`.
    pub total_assets: Option<Amount>,
    /// Equity: `egenkapitalGjeld.egenkapital.sumEgenkapital`.
    pub equity: Option<Amount>,
    /// Paid-in equity: `egenkapital.innskuttEgenkapital.sumInnskuttEgenkaptial` (sic).
    pub paid_in_equity: Option<Amount>,
    /// Total debt: `egenkapitalGjeld.gjeldOversikt.sumGjeld`.
    pub debt: Option<Amount>,
}

impl AnnualAccounts {
    /// The accounting year: the year the period ends.
    pub fn year(&self) -> i32 {
        self.period_to.year()
    }

    /// True when the currency is NOK.
    pub fn is_nok(&self) -> bool {
        self.currency.as_deref() == Some("NOK")
    }

    /// Wage costs + operating result, the seed plan's *verdiskapning* of one enterprise; `None`
    /// unless both are present.
    pub fn value_added(&self) -> Option<Amount> {
        self.wage_costs?.checked_add(self.operating_result?)
    }
}

/// Accounts JSON that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    /// Not valid JSON or not shaped like the API's answer (message has line and column).
    #[error("{file}: {source}")]
    Json {
        /// The file name.
        file: String,
        /// The parser's error.
        source: serde_json::Error,
    },
    /// A set of accounts with a missing or invalid value.
    #[error("{file}: accounts #{index}: {message}")]
    Invalid {
        /// The file name.
        file: String,
        /// 0-based position in the array.
        index: usize,
        /// What is wrong.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<RawAccounts>),
    One(Box<RawAccounts>),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAccounts {
    id: Option<u64>,
    virksomhet: Option<RawVirksomhet>,
    regnskapstype: Option<String>,
    regnskapsperiode: Option<RawPeriode>,
    valuta: Option<String>,
    avviklingsregnskap: Option<bool>,
    #[serde(rename = "regnkapsprinsipper", alias = "regnskapsprinsipper")]
    prinsipper: Option<RawPrinsipper>,
    egenkapital_gjeld: Option<RawEkGjeld>,
    eiendeler: Option<RawEiendeler>,
    resultatregnskap_resultat: Option<RawResultat>,
}

#[derive(Deserialize)]
struct RawVirksomhet {
    organisasjonsnummer: Option<String>,
    organisasjonsform: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPeriode {
    fra_dato: Option<String>,
    til_dato: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPrinsipper {
    smaa_foretak: Option<bool>,
    regnskapsregler: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEkGjeld {
    egenkapital: Option<RawEgenkapital>,
    gjeld_oversikt: Option<RawGjeld>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEgenkapital {
    sum_egenkapital: Option<Number>,
    innskutt_egenkapital: Option<RawInnskutt>,
}

#[derive(Deserialize)]
struct RawInnskutt {
    #[serde(rename = "sumInnskuttEgenkaptial", alias = "sumInnskuttEgenkapital")]
    sum: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawGjeld {
    sum_gjeld: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEiendeler {
    sum_eiendeler: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawResultat {
    driftsresultat: Option<RawDrift>,
    finansresultat: Option<RawFinans>,
    ordinaert_resultat_foer_skattekostnad: Option<Number>,
    aarsresultat: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDrift {
    driftsinntekter: Option<RawInntekter>,
    driftskostnad: Option<RawKostnad>,
    driftsresultat: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawInntekter {
    sum_driftsinntekter: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawKostnad {
    sum_driftskostnad: Option<Number>,
    loennskostnad: Option<Number>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFinans {
    netto_finans: Option<Number>,
}

fn amount(n: Option<&Number>, what: &str) -> Result<Option<Amount>, String> {
    let Some(n) = n else { return Ok(None) };
    if let Some(i) = n.as_i64() {
        return Ok(Some(i));
    }
    match n.as_f64() {
        Some(f) if f.is_finite() && f.abs() < 9.0e18 => Ok(Some(f.round() as i64)),
        _ => Err(format!("{what}: {n} is out of range")),
    }
}

impl RawAccounts {
    fn convert(self) -> Result<AnnualAccounts, String> {
        let v = self.virksomhet.ok_or("virksomhet is missing")?;
        let orgnr_text = v
            .organisasjonsnummer
            .ok_or("virksomhet.organisasjonsnummer is missing")?;
        let orgnr = OrgNr::parse(orgnr_text.as_bytes()).map_err(|e: OrgNrError| {
            format!("virksomhet.organisasjonsnummer {orgnr_text:?} is not valid: {e}")
        })?;
        let p = self.regnskapsperiode.ok_or("regnskapsperiode is missing")?;
        let date = |d: Option<String>, what: &str| -> Result<Date, String> {
            let d = d.ok_or_else(|| format!("{what} is missing"))?;
            parse_date(d.as_bytes()).ok_or_else(|| format!("{what} {d:?} is not a date"))
        };
        let period_from = date(p.fra_dato, "regnskapsperiode.fraDato")?;
        let period_to = date(p.til_dato, "regnskapsperiode.tilDato")?;
        let accounts_type = match self.regnskapstype.as_deref() {
            Some("SELSKAP") => AccountsType::Company,
            Some("KONSERN") => AccountsType::Group,
            Some(other) => AccountsType::Other(other.to_string()),
            None => AccountsType::Other(String::new()),
        };
        let res = self.resultatregnskap_resultat;
        let drift = res.as_ref().and_then(|r| r.driftsresultat.as_ref());
        let kost = drift.and_then(|d| d.driftskostnad.as_ref());
        let ek = self.egenkapital_gjeld.as_ref();
        let egenkapital = ek.and_then(|e| e.egenkapital.as_ref());
        Ok(AnnualAccounts {
            id: self.id,
            orgnr,
            org_form: v.organisasjonsform,
            accounts_type,
            period_from,
            period_to,
            currency: self.valuta,
            liquidation_accounts: self.avviklingsregnskap,
            small_enterprise: self.prinsipper.as_ref().and_then(|p| p.smaa_foretak),
            accounting_rules: self.prinsipper.and_then(|p| p.regnskapsregler),
            turnover: amount(
                drift
                    .and_then(|d| d.driftsinntekter.as_ref())
                    .and_then(|i| i.sum_driftsinntekter.as_ref()),
                "sumDriftsinntekter",
            )?,
            operating_costs: amount(
                kost.and_then(|k| k.sum_driftskostnad.as_ref()),
                "sumDriftskostnad",
            )?,
            wage_costs: amount(kost.and_then(|k| k.loennskostnad.as_ref()), "loennskostnad")?,
            operating_result: amount(
                drift.and_then(|d| d.driftsresultat.as_ref()),
                "driftsresultat",
            )?,
            net_financial: amount(
                res.as_ref()
                    .and_then(|r| r.finansresultat.as_ref())
                    .and_then(|f| f.netto_finans.as_ref()),
                "nettoFinans",
            )?,
            result_before_tax: amount(
                res.as_ref()
                    .and_then(|r| r.ordinaert_resultat_foer_skattekostnad.as_ref()),
                "ordinaertResultatFoerSkattekostnad",
            )?,
            annual_result: amount(
                res.as_ref().and_then(|r| r.aarsresultat.as_ref()),
                "aarsresultat",
            )?,
            total_assets: amount(
                self.eiendeler
                    .as_ref()
                    .and_then(|e| e.sum_eiendeler.as_ref()),
                "sumEiendeler",
            )?,
            equity: amount(
                egenkapital.and_then(|e| e.sum_egenkapital.as_ref()),
                "sumEgenkapital",
            )?,
            paid_in_equity: amount(
                egenkapital
                    .and_then(|e| e.innskutt_egenkapital.as_ref())
                    .and_then(|i| i.sum.as_ref()),
                "sumInnskuttEgenkaptial",
            )?,
            debt: amount(
                ek.and_then(|e| e.gjeld_oversikt.as_ref())
                    .and_then(|g| g.sum_gjeld.as_ref()),
                "sumGjeld",
            )?,
        })
    }
}

/// Parses an accounts API answer: a JSON array of accounts objects, or one object. `file` is the
/// name shown in errors.
pub fn parse_accounts(reader: impl Read, file: &str) -> Result<Vec<AnnualAccounts>, AccountsError> {
    let raw: OneOrMany =
        serde_json::from_reader(std::io::BufReader::new(reader)).map_err(|source| {
            AccountsError::Json {
                file: file.to_string(),
                source,
            }
        })?;
    let raws = match raw {
        OneOrMany::Many(v) => v,
        OneOrMany::One(one) => vec![*one],
    };
    raws.into_iter()
        .enumerate()
        .map(|(index, r)| {
            r.convert().map_err(|message| AccountsError::Invalid {
                file: file.to_string(),
                index,
                message,
            })
        })
        .collect()
}

/// Accounts by organisation number and year, for joining with units.
///
/// Keeps one set of accounts per (orgnr, year, type); lookups prefer the company's own accounts
/// (`SELSKAP`) over group accounts (`KONSERN`) so that sums over enterprises do not count a group
/// twice.
#[derive(Debug, Clone, Default)]
pub struct AccountsIndex {
    map: HashMap<OrgNr, Vec<AnnualAccounts>>,
}

fn type_rank(t: &AccountsType) -> u8 {
    match t {
        AccountsType::Company => 0,
        AccountsType::Group => 1,
        AccountsType::Other(_) => 2,
    }
}

impl AccountsIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds accounts, replacing any earlier set with the same orgnr, year and type.
    pub fn insert(&mut self, a: AnnualAccounts) {
        let v = self.map.entry(a.orgnr).or_default();
        if let Some(old) = v
            .iter_mut()
            .find(|o| o.year() == a.year() && o.accounts_type == a.accounts_type)
        {
            *old = a;
        } else {
            v.push(a);
        }
    }

    /// The accounts of an enterprise for a year (company accounts preferred).
    pub fn get(&self, orgnr: OrgNr, year: i32) -> Option<&AnnualAccounts> {
        self.map
            .get(&orgnr)?
            .iter()
            .filter(|a| a.year() == year)
            .min_by_key(|a| type_rank(&a.accounts_type))
    }

    /// The most recent accounts of an enterprise (company accounts preferred within a year).
    pub fn latest(&self, orgnr: OrgNr) -> Option<&AnnualAccounts> {
        self.map
            .get(&orgnr)?
            .iter()
            .min_by_key(|a| (std::cmp::Reverse(a.year()), type_rank(&a.accounts_type)))
    }

    /// Number of enterprises with accounts.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl Extend<AnnualAccounts> for AccountsIndex {
    fn extend<T: IntoIterator<Item = AnnualAccounts>>(&mut self, iter: T) {
        for a in iter {
            self.insert(a);
        }
    }
}

impl FromIterator<AnnualAccounts> for AccountsIndex {
    fn from_iter<T: IntoIterator<Item = AnnualAccounts>>(iter: T) -> Self {
        let mut idx = AccountsIndex::new();
        idx.extend(iter);
        idx
    }
}
