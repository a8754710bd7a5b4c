//! Brønnøysund register snapshots in the store: per-municipality facts from the Enhetsregisteret
//! bulk files, cohort survival across snapshots, annual accounts, and the plan's facts computed
//! from them ("computed vs quoted").
//!
//! # What is stored (migration `0003_register.sql`)
//!
//! - `register_snapshots`: one row per imported bulk file (a *snapshot*): kind (`enheter` or
//!   `underenheter`), the date the file was taken and where that date came from (file name,
//!   `--snapshot-date`, file modification time, the latest registration in the file when the
//!   modification time is much later, or `generated` for the offline demo), the file's
//!   SHA-256 (unique: re-importing a file changes nothing), format, row counts, whether it is
//!   **synthetic** (units named with the generator's `SYNTETISK ` prefix) and its **coverage**:
//!   `national` (at least [`NATIONAL_MIN_UNITS`] units in at least [`NATIONAL_MIN_MUNICIPALITIES`]
//!   municipalities, as the register's full downloads), `municipal` (complete for the
//!   municipalities in it: the generated demo register of the plan's municipality) or `extract`
//!   (anything smaller, such as the real sample rows: figures then cover only the units in the
//!   file, never a whole municipality).
//! - `register_municipality_facts`: the aggregates of one snapshot for one municipality (code as
//!   in the file): headline counts as columns, the detail (units by organisation form,
//!   registrations per year and form, bankruptcies per year, headcounts per sector group, the
//!   largest enterprises) as JSON ([`MunicipalityFacts`]). About 360 rows per national snapshot.
//! - `register_unit_tables`: for enheter snapshots only, a compact per-unit table packed as one
//!   binary value per municipality ([`UnitTable`], about 50 bytes a unit: number, registration
//!   year, state flags, industry, headcount, form, name). This is what cohort survival (which
//!   units of a cohort are still present in a later snapshot) and the join with annual accounts
//!   (turnover per sector group, largest enterprises by turnover) need. Packing keeps an import
//!   of 1.16 M units to some 360 inserts instead of 1.16 M rows, so a national file imports in
//!   seconds, on SQLite and PostgreSQL alike.
//! - `register_postal_facts` (migration `0016_register_postal_facts.sql`): per snapshot,
//!   municipality and postal code of the units' own address, the units present, headcounts,
//!   registrations and bankruptcies per year and a few example units ([`PostalCodeFacts`]): what
//!   the plan's districts are counted from. Snapshots imported before 0016 have no such rows.
//! - `register_cohort_survival`: the 5-year survival of each registration cohort per
//!   municipality, recomputed (inside the import's transaction) whenever an enheter snapshot is
//!   added, from national snapshots of the same kind of data (real with real, synthetic with
//!   synthetic) as [`brreg::facts::cohort_survival`] defines it.
//! - `register_accounts_files`, `register_accounts`: annual accounts (turnover, wage costs,
//!   operating result, currency; missing stays NULL, never 0), one row per enterprise, year and
//!   accounts type.
//! - `register_skipped_rows`: the malformed rows skipped by an import with `--skip-bad-rows`
//!   (the first 1000), with their location and reason.
//!
//! # Which snapshot is shown
//!
//! For each kind the *current* snapshot is the latest-dated real one; synthetic snapshots are used
//! only while no real one of that kind exists (the offline demo). Every figure carries its
//! snapshot's date, synthetic flag and coverage ([`SnapshotInfo`]), so a synthetic or partial
//! figure can always be labelled as such.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ::brreg::accounts::{AccountsIndex, AccountsType, AnnualAccounts};
use ::brreg::facts::{
    AccountsJoin, CohortSurvival, EmployeeCount, Facts, Ranked, Registrations, Snapshot,
    SnapshotEntry, cohort_survival, is_private_sector,
};
use ::brreg::sectors::SectorGroups;
use ::brreg::{Employees, Kommune, NaceCode, OrgForm, OrgNr, RowError, SectorCode, Unit, UnitKind};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::{Date, Month};

use crate::{Result, Store, StoreError, now_rfc3339};

/// A snapshot with at least this many units (and [`NATIONAL_MIN_MUNICIPALITIES`]) is national.
pub const NATIONAL_MIN_UNITS: u64 = 100_000;
/// A snapshot with units in at least this many municipalities (and [`NATIONAL_MIN_UNITS`]) is
/// national.
pub const NATIONAL_MIN_MUNICIPALITIES: u64 = 300;
/// The survival horizon the store computes (the plan's strategy speaks of 5-year survival).
pub const SURVIVAL_HORIZON_YEARS: i32 = 5;
/// Length of the stored lists of largest enterprises.
pub const TOP_N: usize = 10;
/// Skipped rows kept per snapshot.
const MAX_STORED_SKIPPED: usize = 1000;

/// Which bulk file a snapshot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotKind {
    /// Main units (legal entities), by business address.
    Enheter,
    /// Sub-units (establishments), by location.
    Underenheter,
}

impl SnapshotKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotKind::Enheter => "enheter",
            SnapshotKind::Underenheter => "underenheter",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "enheter" => Ok(SnapshotKind::Enheter),
            "underenheter" => Ok(SnapshotKind::Underenheter),
            other => Err(StoreError::Corrupt(format!(
                "unknown snapshot kind {other:?}"
            ))),
        }
    }
}

impl From<UnitKind> for SnapshotKind {
    fn from(k: UnitKind) -> Self {
        match k {
            UnitKind::Enhet => SnapshotKind::Enheter,
            UnitKind::Underenhet => SnapshotKind::Underenheter,
        }
    }
}

/// Where a snapshot's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date in the file name (`enheter_2024-03-01.csv.gz`).
    FileName,
    /// Given by the user (`--snapshot-date`).
    Option,
    /// The file's modification time (a downloaded file's is its download day).
    FileMtime,
    /// The latest registration date in the file: used instead of the modification time when
    /// that is much later (a file copied long after it was downloaded).
    LatestRegistration,
    /// A generated (synthetic) file: the generator's reference date.
    Generated,
}

impl DateSource {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FileName => "file_name",
            DateSource::Option => "option",
            DateSource::FileMtime => "file_mtime",
            DateSource::LatestRegistration => "latest_registration",
            DateSource::Generated => "generated",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "file_name" => DateSource::FileName,
            "option" => DateSource::Option,
            "file_mtime" => DateSource::FileMtime,
            "latest_registration" => DateSource::LatestRegistration,
            "generated" => DateSource::Generated,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "unknown date source {other:?}"
                )));
            }
        })
    }
}

/// How much of the country a snapshot covers (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A full national download.
    National,
    /// Complete for the municipalities in it, and only those (the generated demo register of
    /// the plan's municipality).
    Municipal,
    /// Fewer units: figures describe only the units in the file.
    Extract,
}

impl Coverage {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::National => "national",
            Coverage::Municipal => "municipal",
            Coverage::Extract => "extract",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "national" => Ok(Coverage::National),
            "municipal" => Ok(Coverage::Municipal),
            "extract" => Ok(Coverage::Extract),
            other => Err(StoreError::Corrupt(format!("unknown coverage {other:?}"))),
        }
    }

    /// Decides from the counts.
    pub fn of(units: u64, municipalities: u64) -> Coverage {
        if units >= NATIONAL_MIN_UNITS && municipalities >= NATIONAL_MIN_MUNICIPALITIES {
            Coverage::National
        } else {
            Coverage::Extract
        }
    }
}

/// A snapshot about to be stored.
#[derive(Debug, Clone)]
pub struct NewSnapshot<'a> {
    /// Enheter or underenheter.
    pub kind: SnapshotKind,
    /// The date the file was taken.
    pub snapshot_date: Date,
    /// Where the date comes from.
    pub date_source: DateSource,
    /// The file's name as given.
    pub file_name: &'a str,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: &'a str,
    /// `csv`, `csv.gz`, `json` or `json.gz`.
    pub format: &'a str,
    /// Rows read.
    pub units: u64,
    /// Units whose name carries the synthetic prefix.
    pub synthetic_units: u64,
    /// Malformed rows skipped.
    pub skipped_rows: u64,
    /// The first of the skipped rows' errors.
    pub skipped: &'a [RowError],
    /// Coverage, when known otherwise; `None` decides from the counts ([`Coverage::of`]).
    pub coverage: Option<Coverage>,
}

/// A stored snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotInfo {
    /// Its id in the store.
    pub id: i64,
    /// Enheter or underenheter.
    pub kind: SnapshotKind,
    /// The date the file was taken.
    pub snapshot_date: Date,
    /// Where the date comes from.
    pub date_source: DateSource,
    /// The file's name as given.
    pub file_name: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// `csv`, `csv.gz`, `json`, `json.gz`.
    pub format: String,
    /// True when the data is synthetic (made by the generator): label it wherever shown.
    pub synthetic: bool,
    /// Units named as synthetic.
    pub synthetic_units: u64,
    /// National download or extract.
    pub coverage: Coverage,
    /// Rows read.
    pub units: u64,
    /// Malformed rows skipped.
    pub skipped_rows: u64,
    /// Municipalities with units.
    pub municipalities: u64,
    /// Units without a municipality (not in any municipality's figures).
    pub without_municipality: u64,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
}

impl SnapshotInfo {
    /// A short label for display: `enheter 2025-12-31 (SYNTETISK, national)`.
    pub fn label(&self) -> String {
        format!(
            "{} {}{}{}",
            self.kind.as_str(),
            self.snapshot_date,
            if self.synthetic {
                ", SYNTETISKE DATA"
            } else {
                ""
            },
            match self.coverage {
                Coverage::National | Coverage::Municipal => "",
                Coverage::Extract => ", utdrag: ikke fullstendige tall",
            }
        )
    }
}

/// What storing a snapshot did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SnapshotImport {
    /// Stored as a new snapshot.
    Imported {
        /// The new snapshot.
        snapshot: SnapshotInfo,
        /// Survival rows (municipality × cohort) recomputed.
        survival_rows: u64,
    },
    /// The same file (same SHA-256) was imported before: nothing changed.
    AlreadyImported {
        /// The earlier snapshot.
        snapshot: SnapshotInfo,
    },
}

/// A headcount summary (as [`brreg::facts::EmployeeCount`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headcount {
    /// Units counted.
    pub units: u64,
    /// Sum of the published headcounts.
    pub known_sum: u64,
    /// Units with a published headcount.
    pub known_units: u64,
    /// Units with employees whose count is withheld (unknown, not 0).
    pub withheld_units: u64,
    /// Units with no employees registered.
    pub not_registered_units: u64,
}

impl From<&EmployeeCount> for Headcount {
    fn from(e: &EmployeeCount) -> Self {
        Headcount {
            units: e.units,
            known_sum: e.known_sum,
            known_units: e.known_units,
            withheld_units: e.withheld_units,
            not_registered_units: e.not_registered_units,
        }
    }
}

impl Headcount {
    fn add(&mut self, o: &Headcount) {
        self.units += o.units;
        self.known_sum += o.known_sum;
        self.known_units += o.known_units;
        self.withheld_units += o.withheld_units;
        self.not_registered_units += o.not_registered_units;
    }
}

/// The units of one snapshot in one municipality with one postal code (`register_postal_facts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalCodeFacts {
    /// Municipality code as in the file.
    pub municipality: String,
    /// Four digits, `""` for units without a (Norwegian) postal code.
    pub postal_code: String,
    /// Units not deleted or closed (bankrupt enheter included, as the municipality's count).
    pub units: u64,
    /// Enheter in bankruptcy.
    pub bankrupt: u64,
    /// Headcounts of the units not deleted or closed.
    pub employees: Headcount,
    /// Units by year of registration in Enhetsregisteret.
    pub registrations_by_year: BTreeMap<i32, u64>,
    /// Bankrupt enheter by year of `konkursdato`.
    pub bankruptcies_by_year: BTreeMap<i32, u64>,
    /// A few units (lowest organisation numbers first), to list.
    pub examples: Vec<PostalExample>,
}

/// A unit named in [`PostalCodeFacts::examples`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalExample {
    /// Organisation number, nine digits.
    pub orgnr: String,
    /// Name as in the register.
    pub name: String,
}

/// What `register_postal_facts.detail_json` holds.
#[derive(Debug, Serialize, Deserialize)]
struct PostalDetail {
    employees: Headcount,
    registrations_by_year: BTreeMap<i32, u64>,
    bankruptcies_by_year: BTreeMap<i32, u64>,
    examples: Vec<PostalExample>,
}

/// Registrations in one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRegistrations {
    /// All enheter registered in the year (still in the file).
    pub total: u64,
    /// By organisation form.
    pub by_form: BTreeMap<String, u64>,
}

impl YearRegistrations {
    /// The share that are `AS` (`None` when there are none).
    pub fn as_share(&self) -> Option<f64> {
        (self.total > 0)
            .then(|| self.by_form.get("AS").copied().unwrap_or(0) as f64 / self.total as f64)
    }
}

impl From<&Registrations> for YearRegistrations {
    fn from(r: &Registrations) -> Self {
        YearRegistrations {
            total: r.total,
            by_form: r.by_form.iter().map(|(f, n)| (f.to_string(), *n)).collect(),
        }
    }
}

/// An enterprise in a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedUnit {
    /// Organisation number.
    pub orgnr: String,
    /// Name (synthetic units start with `SYNTETISK `).
    pub name: String,
    /// Organisation form.
    pub org_form: String,
    /// Main industry (`NN.NNN`).
    pub nace: Option<String>,
    /// What the list is ranked by: employees, or turnover in NOK.
    pub value: i64,
}

impl From<&Ranked> for RankedUnit {
    fn from(r: &Ranked) -> Self {
        RankedUnit {
            orgnr: r.orgnr.to_string(),
            name: r.name.clone(),
            org_form: r.org_form.to_string(),
            nace: r.nace.map(|n| n.to_string()),
            value: r.value,
        }
    }
}

/// The facts of one snapshot for one municipality (codes as in the file). For an enheter
/// snapshot the establishment headcounts are empty; for an underenheter snapshot the enterprise
/// figures are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityFacts {
    /// Municipality code(s) the figures are for (more than one when predecessors were summed).
    pub municipality: String,
    /// Present units: enheter (enheter snapshot) or establishments (underenheter snapshot).
    pub units: u64,
    /// Enheter by organisation form.
    pub units_by_form: BTreeMap<String, u64>,
    /// Enheter by year of registration (*nyetableringer*, approximated: see
    /// [`brreg::facts`]).
    pub registrations_by_year: BTreeMap<i32, YearRegistrations>,
    /// Enheter in bankruptcy.
    pub bankrupt: u64,
    /// Bankrupt enheter by year of `konkursdato`.
    pub bankruptcies_by_year: BTreeMap<i32, u64>,
    /// Enheter under voluntary liquidation.
    pub under_liquidation: u64,
    /// Enheter under compulsory liquidation or dissolution.
    pub under_forced_liquidation: u64,
    /// Units skipped because deleted or closed.
    pub deleted_or_closed: u64,
    /// Headcounts of enheter (whole enterprises at their business address).
    pub enterprise_employees: Headcount,
    /// The largest enheter by published headcount.
    pub largest_enterprises: Vec<RankedUnit>,
    /// The largest enheter by published headcount, per sector group.
    pub largest_enterprises_by_group: BTreeMap<String, Vec<RankedUnit>>,
    /// Headcounts of all establishments located here.
    pub employees_total: Headcount,
    /// Headcounts of establishments per sector group (groups overlap).
    pub employees_by_group: BTreeMap<String, Headcount>,
    /// Establishments in no sector group or without an industry code.
    pub employees_ungrouped: Headcount,
}

impl MunicipalityFacts {
    fn from_register(f: &::brreg::facts::MunicipalityFacts, kind: SnapshotKind) -> Self {
        let ranked = |v: &[Ranked]| v.iter().map(RankedUnit::from).collect::<Vec<_>>();
        MunicipalityFacts {
            municipality: f.municipality.to_string(),
            units: match kind {
                SnapshotKind::Enheter => f.enheter,
                SnapshotKind::Underenheter => f.employees_total.units,
            },
            units_by_form: f
                .units_by_form
                .iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect(),
            registrations_by_year: f
                .registrations_by_year
                .iter()
                .map(|(y, r)| (*y, r.into()))
                .collect(),
            bankrupt: f.bankrupt,
            bankruptcies_by_year: f.bankruptcies_by_year.clone(),
            under_liquidation: f.under_liquidation,
            under_forced_liquidation: f.under_forced_liquidation,
            deleted_or_closed: f.deleted_or_closed,
            enterprise_employees: (&f.enterprise_employees).into(),
            largest_enterprises: ranked(&f.largest_enterprises),
            largest_enterprises_by_group: f
                .largest_enterprises_by_group
                .iter()
                .map(|(g, v)| (g.clone(), ranked(v)))
                .collect(),
            employees_total: (&f.employees_total).into(),
            employees_by_group: f
                .employees_by_group
                .iter()
                .map(|(g, e)| (g.clone(), e.into()))
                .collect(),
            employees_ungrouped: (&f.employees_ungrouped).into(),
        }
    }

    /// Adds another municipality's figures (for summing the predecessors of a merged
    /// municipality).
    fn add(&mut self, o: &MunicipalityFacts) {
        if self.municipality.is_empty() {
            self.municipality = o.municipality.clone();
        } else {
            self.municipality = format!("{}+{}", self.municipality, o.municipality);
        }
        self.units += o.units;
        for (k, n) in &o.units_by_form {
            *self.units_by_form.entry(k.clone()).or_default() += n;
        }
        for (y, r) in &o.registrations_by_year {
            let e = self.registrations_by_year.entry(*y).or_default();
            e.total += r.total;
            for (f, n) in &r.by_form {
                *e.by_form.entry(f.clone()).or_default() += n;
            }
        }
        self.bankrupt += o.bankrupt;
        for (y, n) in &o.bankruptcies_by_year {
            *self.bankruptcies_by_year.entry(*y).or_default() += n;
        }
        self.under_liquidation += o.under_liquidation;
        self.under_forced_liquidation += o.under_forced_liquidation;
        self.deleted_or_closed += o.deleted_or_closed;
        self.enterprise_employees.add(&o.enterprise_employees);
        merge_ranked(&mut self.largest_enterprises, &o.largest_enterprises);
        for (g, v) in &o.largest_enterprises_by_group {
            merge_ranked(
                self.largest_enterprises_by_group
                    .entry(g.clone())
                    .or_default(),
                v,
            );
        }
        self.employees_total.add(&o.employees_total);
        for (g, e) in &o.employees_by_group {
            self.employees_by_group.entry(g.clone()).or_default().add(e);
        }
        self.employees_ungrouped.add(&o.employees_ungrouped);
    }

    /// The last complete registration year before the snapshot date, and its registrations.
    pub fn last_full_year_registrations(
        &self,
        snapshot_date: Date,
    ) -> Option<(i32, &YearRegistrations)> {
        let year = last_full_year(snapshot_date);
        self.registrations_by_year.get(&year).map(|r| (year, r))
    }
}

/// The facts of every municipality in `facts` (computed from a file of `kind`), by code.
pub fn facts_by_municipality(
    facts: &Facts,
    kind: SnapshotKind,
) -> BTreeMap<String, MunicipalityFacts> {
    facts
        .municipalities
        .iter()
        .map(|(k, f)| (k.to_string(), MunicipalityFacts::from_register(f, kind)))
        .collect()
}

fn merge_ranked(into: &mut Vec<RankedUnit>, from: &[RankedUnit]) {
    into.extend(from.iter().cloned());
    into.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.orgnr.cmp(&b.orgnr)));
    into.truncate(TOP_N);
}

/// The last year that had ended by `date` (the year before, unless `date` is 31 December).
pub fn last_full_year(date: Date) -> i32 {
    if date.month() == Month::December && date.day() == 31 {
        date.year()
    } else {
        date.year() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// The compact per-unit table
// ---------------------------------------------------------------------------------------------

const UNIT_TABLE_MAGIC: &[u8; 4] = b"NPU1";
/// A unit table value deflated (issue 19: the register is a third of its size so): this magic,
/// then the raw DEFLATE stream of the plain value (`NPU1` and the packed units). Stores made
/// before keep plain values; both read.
const UNIT_TABLE_DEFLATED: &[u8; 4] = b"NPZ1";
const EMP_WITHHELD: u32 = u32::MAX;
const EMP_NOT_REGISTERED: u32 = u32::MAX - 1;
const FLAG_PRESENT: u8 = 1;
const FLAG_PRIVATE: u8 = 2;
const FLAG_BANKRUPT: u8 = 4;
const FLAG_LIQUIDATION: u8 = 8;
const FLAG_FORCED: u8 = 16;

/// The enheter of one snapshot, packed per municipality for storage (see the module docs).
///
/// Feed units with [`UnitTable::add`] while reading the file (underenheter are ignored); tables
/// filled by several threads are combined with [`UnitTable::merge`].
#[derive(Debug, Default, Clone)]
pub struct UnitTable {
    /// Per municipality: units, and the packed units in parts (one per parsing worker, joined
    /// only when written, so that merging the workers' tables copies nothing).
    by_municipality: HashMap<Option<Kommune>, (u64, Vec<Vec<u8>>)>,
}

/// One unit read back from a [`UnitTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    /// Organisation number.
    pub orgnr: OrgNr,
    /// Year of registration in Enhetsregisteret.
    pub registered_year: Option<i32>,
    /// Not bankrupt, deleted or closed.
    pub present: bool,
    /// In a private-business institutional sector ([`brreg::facts::is_private_sector`]).
    pub private_sector: bool,
    /// In bankruptcy.
    pub bankrupt: bool,
    /// Under voluntary liquidation.
    pub under_liquidation: bool,
    /// Under compulsory liquidation.
    pub under_forced_liquidation: bool,
    /// Main industry.
    pub nace: Option<NaceCode>,
    /// Headcount.
    pub employees: Employees,
    /// Organisation form.
    pub org_form: OrgForm,
    /// Name.
    pub name: String,
}

impl UnitTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one enhet (underenheter are ignored).
    pub fn add(&mut self, u: &Unit) {
        if u.kind != UnitKind::Enhet {
            return;
        }
        let (n, parts) = self.by_municipality.entry(u.municipality).or_default();
        *n += 1;
        if parts.is_empty() {
            parts.push(Vec::new());
        }
        let buf = parts.last_mut().expect("just pushed");
        buf.extend_from_slice(&u.orgnr.get().to_le_bytes());
        let year = u
            .registered
            .map_or(0u16, |d| u16::try_from(d.year()).unwrap_or(0));
        buf.extend_from_slice(&year.to_le_bytes());
        let mut flags = 0u8;
        if !u.is_terminated() {
            flags |= FLAG_PRESENT;
        }
        if is_private_sector(u) {
            flags |= FLAG_PRIVATE;
        }
        if u.bankrupt {
            flags |= FLAG_BANKRUPT;
        }
        if u.under_liquidation {
            flags |= FLAG_LIQUIDATION;
        }
        if u.under_forced_liquidation {
            flags |= FLAG_FORCED;
        }
        buf.push(flags);
        buf.extend_from_slice(&u.nace.map_or(0, NaceCode::get).to_le_bytes());
        let emp = match u.employees {
            Employees::Known(n) => n.min(EMP_NOT_REGISTERED - 1),
            Employees::Withheld => EMP_WITHHELD,
            Employees::NotRegistered => EMP_NOT_REGISTERED,
        };
        buf.extend_from_slice(&emp.to_le_bytes());
        let form = u.org_form.as_str().as_bytes();
        buf.push(form.len() as u8);
        buf.extend_from_slice(form);
        let name = u.name.as_bytes();
        let mut len = name.len().min(usize::from(u16::MAX));
        while !u.name.is_char_boundary(len) {
            len -= 1;
        }
        buf.extend_from_slice(&(len as u16).to_le_bytes());
        buf.extend_from_slice(&name[..len]);
    }

    /// Adds the units of another table (moves its buffers; copies no unit).
    pub fn merge(&mut self, other: UnitTable) {
        for (k, (n, parts)) in other.by_municipality {
            let e = self.by_municipality.entry(k).or_default();
            e.0 += n;
            e.1.extend(parts);
        }
    }

    /// Each municipality's units as the stored value (magic, then the packed units, deflated),
    /// built one municipality at a time.
    fn packed(&self) -> impl Iterator<Item = (Option<Kommune>, u64, Vec<u8>)> + '_ {
        self.by_municipality.iter().map(|(k, (n, parts))| {
            let len: usize = parts.iter().map(Vec::len).sum();
            let mut data = Vec::with_capacity(len + UNIT_TABLE_MAGIC.len());
            data.extend_from_slice(UNIT_TABLE_MAGIC);
            for p in parts {
                data.extend_from_slice(p);
            }
            (*k, *n, deflate_unit_table(&data))
        })
    }

    /// Units in the table.
    pub fn len(&self) -> u64 {
        self.by_municipality.values().map(|(n, _)| n).sum()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Decodes a packed unit table value.
pub fn decode_units(data: &[u8]) -> Result<Vec<UnitRecord>> {
    let mut out = Vec::new();
    decode_each(data, |r| out.push(r))?;
    Ok(out)
}

/// The stored value of a plain unit table (`NPU1` …): `NPZ1` and the plain value deflated.
fn deflate_unit_table(plain: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = UNIT_TABLE_DEFLATED.to_vec();
    let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::default());
    // Writing into a Vec cannot fail.
    enc.write_all(plain)
        .and_then(|()| enc.finish().map(drop))
        .expect("deflating into memory");
    out
}

fn decode_each(data: &[u8], f: impl FnMut(UnitRecord)) -> Result<()> {
    match data.strip_prefix(UNIT_TABLE_DEFLATED) {
        Some(deflated) => {
            use std::io::Read as _;
            let mut plain = Vec::with_capacity(deflated.len() * 3);
            flate2::read::DeflateDecoder::new(deflated)
                .read_to_end(&mut plain)
                .map_err(|e| StoreError::Corrupt(format!("register unit table: {e}")))?;
            decode_plain(&plain, f)
        }
        None => decode_plain(data, f),
    }
}

fn decode_plain(data: &[u8], mut f: impl FnMut(UnitRecord)) -> Result<()> {
    let corrupt = || StoreError::Corrupt("register unit table is truncated or unknown".into());
    let mut rest = data.strip_prefix(UNIT_TABLE_MAGIC).ok_or_else(corrupt)?;
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if rest.len() < n {
            return None;
        }
        let (a, b) = rest.split_at(n);
        *rest = b;
        Some(a)
    }
    let u32_of = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    while !rest.is_empty() {
        let head = take(&mut rest, 4 + 2 + 1 + 4 + 4 + 1).ok_or_else(corrupt)?;
        let orgnr_raw = u32_of(&head[0..4]);
        let year = u16::from_le_bytes([head[4], head[5]]);
        let flags = head[6];
        let nace = u32_of(&head[7..11]);
        let emp = u32_of(&head[11..15]);
        let form_len = usize::from(head[15]);
        let form = take(&mut rest, form_len).ok_or_else(corrupt)?;
        let name_len = take(&mut rest, 2).ok_or_else(corrupt)?;
        let name_len = usize::from(u16::from_le_bytes([name_len[0], name_len[1]]));
        let name = take(&mut rest, name_len).ok_or_else(corrupt)?;
        let orgnr = OrgNr::from_first8(orgnr_raw / 10)
            .filter(|o| o.get() == orgnr_raw)
            .ok_or_else(corrupt)?;
        f(UnitRecord {
            orgnr,
            registered_year: (year != 0).then_some(i32::from(year)),
            present: flags & FLAG_PRESENT != 0,
            private_sector: flags & FLAG_PRIVATE != 0,
            bankrupt: flags & FLAG_BANKRUPT != 0,
            under_liquidation: flags & FLAG_LIQUIDATION != 0,
            under_forced_liquidation: flags & FLAG_FORCED != 0,
            nace: (nace != 0)
                .then(|| {
                    NaceCode::parse(format!("{:02}.{:03}", nace / 1000, nace % 1000).as_bytes())
                })
                .flatten(),
            employees: match emp {
                EMP_WITHHELD => Employees::Withheld,
                EMP_NOT_REGISTERED => Employees::NotRegistered,
                n => Employees::Known(n),
            },
            org_form: OrgForm::parse(form).ok_or_else(corrupt)?,
            name: String::from_utf8_lossy(name).into_owned(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Cohort survival, accounts, plan facts: the public result types
// ---------------------------------------------------------------------------------------------

/// The survival of one registration cohort in one municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalFact {
    /// Municipality of the cohort's enheter in the base snapshot.
    pub municipality: String,
    /// The registration year.
    pub cohort_year: i32,
    /// Years between the snapshots (at least).
    pub horizon_years: i32,
    /// The base snapshot (soon after the cohort year).
    pub base: SnapshotInfo,
    /// The follow-up snapshot.
    pub followup: SnapshotInfo,
    /// Cohort enheter present in the base snapshot.
    pub base_count: u64,
    /// Of these, present in the follow-up snapshot.
    pub survivors: u64,
    /// True when the snapshots are synthetic.
    pub synthetic: bool,
}

impl SurvivalFact {
    /// `survivors / base_count`.
    pub fn share(&self) -> Option<f64> {
        (self.base_count > 0).then(|| self.survivors as f64 / self.base_count as f64)
    }
}

/// What importing an accounts file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AccountsImport {
    /// Stored.
    Imported {
        /// Sets of accounts in the file.
        records: u64,
        /// Of these, new in the store (the rest replaced a stored set for the same enterprise,
        /// year and type).
        new_records: u64,
    },
    /// The same file was imported before: nothing changed.
    AlreadyImported {
        /// When.
        imported_at: String,
    },
}

/// Turnover per sector group for a municipality, from the accounts joined with the current
/// enheter snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnoverFacts {
    /// The enheter snapshot whose units (municipality, industry, sector) were joined.
    pub snapshot: SnapshotInfo,
    /// The accounting year.
    pub year: i32,
    /// True when any accounts used are synthetic.
    pub synthetic_accounts: bool,
    /// All private-sector enterprises.
    pub all: TurnoverGroup,
    /// Per sector group id (private-sector enterprises in the group).
    pub by_group: BTreeMap<String, TurnoverGroup>,
}

/// Turnover of one set of enterprises.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnoverGroup {
    /// Present private-sector enheter considered.
    pub enterprises: u64,
    /// Of these, with accounts for the year.
    pub with_accounts: u64,
    /// Accounts not in NOK (left out).
    pub non_nok: u64,
    /// Sum of turnover (NOK).
    pub turnover_nok: i64,
    /// Sum of wage costs + operating result (NOK), *verdiskapning*, over NOK accounts that
    /// report both.
    pub value_added_nok: i64,
    /// Accounts contributing to `value_added_nok`.
    pub with_value_added: u64,
    /// NOK accounts without wage costs or operating result (not in `value_added_nok`).
    pub missing_value_added: u64,
    /// The largest by turnover.
    pub largest_by_turnover: Vec<RankedUnit>,
}

/// Everything the register says about one municipality: the current (or chosen) snapshot of
/// each kind, survival, turnover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterFacts {
    /// The municipality asked for.
    pub municipality: String,
    /// From the enheter snapshot (`None`: none imported).
    pub enheter: Option<SnapshotFacts>,
    /// From the underenheter snapshot (`None`: none imported).
    pub underenheter: Option<SnapshotFacts>,
    /// 5-year survival per registration cohort, where snapshots allow.
    pub survival: Vec<SurvivalFact>,
    /// Turnover per sector group, when accounts are imported.
    pub turnover: Option<TurnoverFacts>,
}

/// The facts of one snapshot for the municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotFacts {
    /// The snapshot.
    pub snapshot: SnapshotInfo,
    /// Its figures (`None` when the snapshot has no units there).
    pub facts: Option<MunicipalityFacts>,
}

// ---------------------------------------------------------------------------------------------
// Store operations
// ---------------------------------------------------------------------------------------------

fn snapshot_from_row(r: &sqlx::any::AnyRow) -> Result<SnapshotInfo> {
    let date: String = r.try_get("snapshot_date")?;
    Ok(SnapshotInfo {
        id: r.try_get("id")?,
        kind: SnapshotKind::parse(&r.try_get::<String, _>("kind")?)?,
        snapshot_date: parse_date(&date)?,
        date_source: DateSource::parse(&r.try_get::<String, _>("date_source")?)?,
        file_name: r.try_get("file_name")?,
        sha256: r.try_get("sha256")?,
        format: r.try_get("format")?,
        synthetic: r.try_get::<i64, _>("synthetic")? != 0,
        synthetic_units: u64_of(r.try_get("synthetic_units")?),
        coverage: Coverage::parse(&r.try_get::<String, _>("coverage")?)?,
        units: u64_of(r.try_get("units")?),
        skipped_rows: u64_of(r.try_get("skipped_rows")?),
        municipalities: u64_of(r.try_get("municipalities")?),
        without_municipality: u64_of(r.try_get("without_municipality")?),
        imported_at: r.try_get("imported_at")?,
    })
}

fn u64_of(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn i64_of(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn parse_date(s: &str) -> Result<Date> {
    plan::date::parse(s).map_err(|e| StoreError::Corrupt(format!("bad date {s:?}: {e}")))
}

fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn muni_key(k: Option<Kommune>) -> String {
    k.map(|k| k.to_string()).unwrap_or_default()
}

impl Store {
    /// The snapshot imported from a file with this SHA-256, if any.
    pub async fn register_snapshot_by_sha256(&self, sha256: &str) -> Result<Option<SnapshotInfo>> {
        let row = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots WHERE sha256 = $1"
        ))
        .bind(sha256)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(snapshot_from_row).transpose()
    }

    /// One snapshot by id.
    pub async fn register_snapshot(&self, id: i64) -> Result<Option<SnapshotInfo>> {
        let row = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(snapshot_from_row).transpose()
    }

    /// All snapshots, oldest first.
    pub async fn register_snapshots(&self) -> Result<Vec<SnapshotInfo>> {
        let rows = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots ORDER BY snapshot_date, id"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(snapshot_from_row).collect()
    }

    /// The current snapshot of a kind: the latest-dated real one, or, while there is none, the
    /// latest synthetic one.
    pub async fn current_register_snapshot(
        &self,
        kind: SnapshotKind,
    ) -> Result<Option<SnapshotInfo>> {
        let row = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots WHERE kind = $1",
            " ORDER BY synthetic ASC, snapshot_date DESC, id DESC LIMIT 1"
        ))
        .bind(kind.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(snapshot_from_row).transpose()
    }

    /// True when any register snapshot is stored.
    pub async fn has_register_data(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM register_snapshots")
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }

    /// Stores a snapshot with its facts (and, for enheter, its unit table) in one transaction,
    /// and recomputes cohort survival. A file already imported (same SHA-256) changes nothing.
    pub async fn import_register_snapshot(
        &self,
        new: &NewSnapshot<'_>,
        facts: &Facts,
        units: Option<&UnitTable>,
    ) -> Result<SnapshotImport> {
        let mut tx = self.begin_write().await?;
        let existing = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots WHERE sha256 = $1"
        ))
        .bind(new.sha256)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            let snapshot = snapshot_from_row(&row)?;
            tx.rollback().await?;
            return Ok(SnapshotImport::AlreadyImported { snapshot });
        }
        let municipalities = facts.municipalities.len() as u64;
        let without = match new.kind {
            SnapshotKind::Enheter => facts.enheter_without_municipality,
            SnapshotKind::Underenheter => facts.underenheter_without_municipality,
        };
        let coverage = new
            .coverage
            .unwrap_or_else(|| Coverage::of(new.units, municipalities));
        let synthetic = new.synthetic_units > 0;
        let now = now_rfc3339();
        let id: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO register_snapshots (kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at)",
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"
        ))
        .bind(new.kind.as_str())
        .bind(date_text(new.snapshot_date))
        .bind(new.date_source.as_str())
        .bind(new.file_name)
        .bind(new.sha256)
        .bind(new.format)
        .bind(i64::from(synthetic))
        .bind(i64_of(new.synthetic_units))
        .bind(coverage.as_str())
        .bind(i64_of(new.units))
        .bind(i64_of(new.skipped_rows))
        .bind(i64_of(municipalities))
        .bind(i64_of(without))
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        for (k, f) in &facts.municipalities {
            let m = MunicipalityFacts::from_register(f, new.kind);
            let (emp_sum, emp_withheld) = match new.kind {
                SnapshotKind::Enheter => (
                    m.enterprise_employees.known_sum,
                    m.enterprise_employees.withheld_units,
                ),
                SnapshotKind::Underenheter => (
                    m.employees_total.known_sum,
                    m.employees_total.withheld_units,
                ),
            };
            sqlx::query(concat!(
                "INSERT INTO register_municipality_facts (snapshot_id, municipality, units, bankrupt, under_liquidation, under_forced_liquidation, deleted_or_closed, employees_known_sum, employees_withheld_units, detail_json)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ))
            .bind(id)
            .bind(k.to_string())
            .bind(i64_of(m.units))
            .bind(i64_of(m.bankrupt))
            .bind(i64_of(m.under_liquidation))
            .bind(i64_of(m.under_forced_liquidation))
            .bind(i64_of(m.deleted_or_closed))
            .bind(i64_of(emp_sum))
            .bind(i64_of(emp_withheld))
            .bind(serde_json::to_string(&m)?)
            .execute(&mut *tx)
            .await?;
        }
        for (k, f) in &facts.municipalities {
            for (code, p) in &f.by_postal_code {
                let detail = PostalDetail {
                    employees: Headcount::from(&p.employees),
                    registrations_by_year: p.registrations_by_year.clone(),
                    bankruptcies_by_year: p.bankruptcies_by_year.clone(),
                    examples: p
                        .examples
                        .iter()
                        .map(|(o, n)| PostalExample {
                            orgnr: o.to_string(),
                            name: n.clone(),
                        })
                        .collect(),
                };
                sqlx::query(concat!(
                    "INSERT INTO register_postal_facts (snapshot_id, municipality, postal_code, units, bankrupt, employees_known_sum, employees_withheld_units, detail_json)",
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(id)
                .bind(k.to_string())
                .bind(code)
                .bind(i64_of(p.units))
                .bind(i64_of(p.bankrupt))
                .bind(i64_of(p.employees.known_sum))
                .bind(i64_of(p.employees.withheld_units))
                .bind(serde_json::to_string(&detail)?)
                .execute(&mut *tx)
                .await?;
            }
        }
        if new.kind == SnapshotKind::Enheter
            && let Some(units) = units
        {
            for (k, n, data) in units.packed() {
                sqlx::query(
                    "INSERT INTO register_unit_tables (snapshot_id, municipality, units, data) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(muni_key(k))
                .bind(i64_of(n))
                .bind(data)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (seq, e) in new.skipped.iter().take(MAX_STORED_SKIPPED).enumerate() {
            sqlx::query(
                "INSERT INTO register_skipped_rows (snapshot_id, seq, location, orgnr, message) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(seq as i64)
            .bind(e.location.to_string())
            .bind(e.orgnr.clone())
            .bind(e.kind.to_string())
            .execute(&mut *tx)
            .await?;
        }
        let survival_rows = if new.kind == SnapshotKind::Enheter {
            recompute_survival(&mut tx, synthetic).await?
        } else {
            0
        };
        let row = sqlx::query(concat!(
            "SELECT id, kind, snapshot_date, date_source, file_name, sha256, format, synthetic, synthetic_units, coverage, units, skipped_rows, municipalities, without_municipality, imported_at",
            " FROM register_snapshots WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let snapshot = snapshot_from_row(&row)?;
        tx.commit().await?;
        Ok(SnapshotImport::Imported {
            snapshot,
            survival_rows,
        })
    }

    /// Deletes a snapshot and everything computed from it (survival is recomputed).
    pub async fn delete_register_snapshot(&self, id: i64) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let synthetic: Option<i64> =
            sqlx::query_scalar("SELECT synthetic FROM register_snapshots WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(synthetic) = synthetic else {
            tx.rollback().await?;
            return Ok(false);
        };
        for sql in [
            "DELETE FROM register_cohort_survival WHERE base_snapshot_id = $1 OR followup_snapshot_id = $1",
            "DELETE FROM register_skipped_rows WHERE snapshot_id = $1",
            "DELETE FROM register_unit_tables WHERE snapshot_id = $1",
            "DELETE FROM register_postal_facts WHERE snapshot_id = $1",
            "DELETE FROM register_municipality_facts WHERE snapshot_id = $1",
            "DELETE FROM register_snapshots WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        recompute_survival(&mut tx, synthetic != 0).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The stored facts per postal code of one snapshot for some municipalities (codes as in
    /// the file), ordered by municipality and postal code. Empty for a snapshot imported before
    /// migration 0016 (see [`Store::register_has_postal_facts`]).
    pub async fn register_postal_facts(
        &self,
        snapshot_id: i64,
        municipalities: &[String],
    ) -> Result<Vec<PostalCodeFacts>> {
        let rows = sqlx::query(concat!(
            "SELECT municipality, postal_code, units, bankrupt, detail_json FROM register_postal_facts",
            " WHERE snapshot_id = $1 ORDER BY municipality, postal_code"
        ))
        .bind(snapshot_id)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for row in rows {
            let municipality: String = row.try_get("municipality")?;
            if !municipalities.contains(&municipality) {
                continue;
            }
            let detail: PostalDetail = serde_json::from_str(row.try_get("detail_json")?)?;
            out.push(PostalCodeFacts {
                municipality,
                postal_code: row.try_get("postal_code")?,
                units: u64_of(row.try_get("units")?),
                bankrupt: u64_of(row.try_get("bankrupt")?),
                employees: detail.employees,
                registrations_by_year: detail.registrations_by_year,
                bankruptcies_by_year: detail.bankruptcies_by_year,
                examples: detail.examples,
            });
        }
        Ok(out)
    }

    /// Whether a snapshot has facts per postal code (imported with migration 0016 in place; a
    /// snapshot with no units has none either).
    pub async fn register_has_postal_facts(&self, snapshot_id: i64) -> Result<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM register_postal_facts WHERE snapshot_id = $1")
                .bind(snapshot_id)
                .fetch_one(self.pool())
                .await?;
        Ok(n > 0)
    }

    /// The stored facts of one snapshot for one municipality (codes as in the file).
    pub async fn register_municipality_facts(
        &self,
        snapshot_id: i64,
        municipality: &str,
    ) -> Result<Option<MunicipalityFacts>> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT detail_json FROM register_municipality_facts WHERE snapshot_id = $1 AND municipality = $2",
        )
        .bind(snapshot_id)
        .bind(municipality)
        .fetch_optional(self.pool())
        .await?;
        json.map(|j| serde_json::from_str(&j).map_err(StoreError::from))
            .transpose()
    }

    /// A deterministic text dump of every register table (rows in key order; packed unit tables
    /// as their length and SHA-256), for checking that an import changed nothing, and for
    /// diagnostics.
    pub async fn register_dump(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let mut out = String::new();
        let tables: [(&str, &str); 7] = [
            (
                "register_snapshots",
                "SELECT CAST(id AS TEXT), kind, snapshot_date, date_source, file_name, sha256, format, CAST(synthetic AS TEXT), CAST(synthetic_units AS TEXT), coverage, CAST(units AS TEXT), CAST(skipped_rows AS TEXT), CAST(municipalities AS TEXT), CAST(without_municipality AS TEXT), imported_at FROM register_snapshots ORDER BY id",
            ),
            (
                "register_municipality_facts",
                "SELECT CAST(snapshot_id AS TEXT), municipality, CAST(units AS TEXT), CAST(bankrupt AS TEXT), CAST(under_liquidation AS TEXT), CAST(under_forced_liquidation AS TEXT), CAST(deleted_or_closed AS TEXT), CAST(employees_known_sum AS TEXT), CAST(employees_withheld_units AS TEXT), detail_json FROM register_municipality_facts ORDER BY snapshot_id, municipality",
            ),
            (
                "register_postal_facts",
                "SELECT CAST(snapshot_id AS TEXT), municipality, postal_code, CAST(units AS TEXT), CAST(bankrupt AS TEXT), CAST(employees_known_sum AS TEXT), CAST(employees_withheld_units AS TEXT), detail_json FROM register_postal_facts ORDER BY snapshot_id, municipality, postal_code",
            ),
            (
                "register_skipped_rows",
                "SELECT CAST(snapshot_id AS TEXT), CAST(seq AS TEXT), location, orgnr, message FROM register_skipped_rows ORDER BY snapshot_id, seq",
            ),
            (
                "register_cohort_survival",
                "SELECT CAST(synthetic AS TEXT), municipality, CAST(cohort_year AS TEXT), CAST(horizon_years AS TEXT), CAST(base_snapshot_id AS TEXT), CAST(followup_snapshot_id AS TEXT), CAST(base_count AS TEXT), CAST(survivors AS TEXT) FROM register_cohort_survival ORDER BY synthetic, municipality, cohort_year, horizon_years",
            ),
            (
                "register_accounts_files",
                "SELECT CAST(id AS TEXT), file_name, sha256, CAST(records AS TEXT), CAST(synthetic AS TEXT), imported_at FROM register_accounts_files ORDER BY id",
            ),
            (
                "register_accounts",
                "SELECT orgnr, CAST(year AS TEXT), accounts_type, period_from, period_to, currency, CAST(turnover AS TEXT), CAST(wage_costs AS TEXT), CAST(operating_result AS TEXT), CAST(annual_result AS TEXT), CAST(file_id AS TEXT) FROM register_accounts ORDER BY orgnr, year, accounts_type",
            ),
        ];
        for (name, sql) in tables {
            out.push_str(&format!("== {name}\n"));
            for r in sqlx::query(sql).fetch_all(self.pool()).await? {
                let cells: Vec<String> = (0..r.len())
                    .map(|i| {
                        r.try_get::<Option<String>, _>(i)
                            .map(|v| v.unwrap_or_else(|| "NULL".into()))
                    })
                    .collect::<std::result::Result<_, _>>()?;
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out.push_str("== register_unit_tables\n");
        for r in sqlx::query(
            "SELECT snapshot_id, municipality, units, data FROM register_unit_tables ORDER BY snapshot_id, municipality",
        )
        .fetch_all(self.pool())
        .await?
        {
            let data: Vec<u8> = r.try_get("data")?;
            out.push_str(&format!(
                "{}|{}|{}|{} bytes|{}\n",
                r.try_get::<i64, _>("snapshot_id")?,
                r.try_get::<String, _>("municipality")?,
                r.try_get::<i64, _>("units")?,
                data.len(),
                hex::encode(Sha256::digest(&data))
            ));
        }
        Ok(out)
    }

    /// The facts of every municipality in a snapshot, by code.
    pub async fn register_all_municipality_facts(
        &self,
        snapshot_id: i64,
    ) -> Result<BTreeMap<String, MunicipalityFacts>> {
        let rows = sqlx::query(
            "SELECT municipality, detail_json FROM register_municipality_facts WHERE snapshot_id = $1 ORDER BY municipality",
        )
        .bind(snapshot_id)
        .fetch_all(self.pool())
        .await?;
        let mut out = BTreeMap::new();
        for r in &rows {
            let json: String = r.try_get("detail_json")?;
            out.insert(r.try_get("municipality")?, serde_json::from_str(&json)?);
        }
        Ok(out)
    }

    /// The facts of a snapshot for a municipality at today's code: when the snapshot has no
    /// units under `municipality` and is older than the code, the codes it had then (which
    /// became it wholly: 3025 for 3203 in 2020–2023, 0220 + 0627 + 0628 before) are summed.
    async fn facts_for(
        &self,
        snapshot: &SnapshotInfo,
        municipality: &str,
    ) -> Result<Option<MunicipalityFacts>> {
        if let Some(f) = self
            .register_municipality_facts(snapshot.id, municipality)
            .await?
        {
            return Ok(Some(f));
        }
        let mut sum: Option<MunicipalityFacts> = None;
        for code in predecessor_codes(municipality, snapshot.snapshot_date) {
            if let Some(f) = self.register_municipality_facts(snapshot.id, &code).await? {
                sum.get_or_insert_with(MunicipalityFacts::default).add(&f);
            }
        }
        Ok(sum)
    }

    /// Everything the register says about a municipality: the current enheter and underenheter
    /// snapshots (or `snapshot`, for its kind), cohort survival and turnover.
    pub async fn register_facts(
        &self,
        municipality: &str,
        snapshot: Option<i64>,
    ) -> Result<RegisterFacts> {
        let chosen = match snapshot {
            Some(id) => Some(
                self.register_snapshot(id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("no register snapshot {id}")))?,
            ),
            None => None,
        };
        let mut out = RegisterFacts {
            municipality: municipality.to_string(),
            enheter: None,
            underenheter: None,
            survival: self.register_survival(municipality).await?,
            turnover: None,
        };
        for kind in [SnapshotKind::Enheter, SnapshotKind::Underenheter] {
            let snap = match &chosen {
                Some(s) if s.kind == kind => Some(s.clone()),
                _ => self.current_register_snapshot(kind).await?,
            };
            if let Some(snap) = snap {
                let facts = self.facts_for(&snap, municipality).await?;
                let sf = SnapshotFacts {
                    snapshot: snap,
                    facts,
                };
                match kind {
                    SnapshotKind::Enheter => out.enheter = Some(sf),
                    SnapshotKind::Underenheter => out.underenheter = Some(sf),
                }
            }
        }
        if let Some(e) = &out.enheter {
            out.turnover = self
                .turnover_facts_for(&e.snapshot, municipality, None)
                .await?;
        }
        Ok(out)
    }

    /// The stored cohort survival rows of a municipality (real rows when there are any, else
    /// synthetic), by cohort year.
    pub async fn register_survival(&self, municipality: &str) -> Result<Vec<SurvivalFact>> {
        let rows = sqlx::query(
            "SELECT synthetic, municipality, cohort_year, horizon_years, base_snapshot_id, followup_snapshot_id, base_count, survivors FROM register_cohort_survival WHERE municipality = $1 ORDER BY synthetic, cohort_year",
        )
        .bind(municipality)
        .fetch_all(self.pool())
        .await?;
        let any_real = rows
            .iter()
            .any(|r| r.try_get::<i64, _>("synthetic").is_ok_and(|s| s == 0));
        let mut cache: HashMap<i64, SnapshotInfo> = HashMap::new();
        let mut out = Vec::new();
        for r in &rows {
            let synthetic = r.try_get::<i64, _>("synthetic")? != 0;
            if any_real && synthetic {
                continue;
            }
            let mut snaps = Vec::new();
            for col in ["base_snapshot_id", "followup_snapshot_id"] {
                let id: i64 = r.try_get(col)?;
                let s = match cache.get(&id) {
                    Some(s) => s.clone(),
                    None => {
                        let s = self.register_snapshot(id).await?.ok_or_else(|| {
                            StoreError::Corrupt(format!("survival refers to snapshot {id}"))
                        })?;
                        cache.insert(id, s.clone());
                        s
                    }
                };
                snaps.push(s);
            }
            let followup = snaps.pop().unwrap_or_else(|| unreachable!());
            let base = snaps.pop().unwrap_or_else(|| unreachable!());
            out.push(SurvivalFact {
                municipality: r.try_get("municipality")?,
                cohort_year: i32::try_from(r.try_get::<i64, _>("cohort_year")?).unwrap_or(0),
                horizon_years: i32::try_from(r.try_get::<i64, _>("horizon_years")?).unwrap_or(0),
                base,
                followup,
                base_count: u64_of(r.try_get("base_count")?),
                survivors: u64_of(r.try_get("survivors")?),
                synthetic,
            });
        }
        Ok(out)
    }

    /// The enheter of a snapshot in one municipality, from its unit table (empty for
    /// underenheter snapshots, which keep no unit table).
    pub async fn register_units(
        &self,
        snapshot_id: i64,
        municipality: &str,
    ) -> Result<Vec<UnitRecord>> {
        let data: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT data FROM register_unit_tables WHERE snapshot_id = $1 AND municipality = $2",
        )
        .bind(snapshot_id)
        .bind(municipality)
        .fetch_optional(self.pool())
        .await?;
        match data {
            Some(d) => decode_units(&d),
            None => Ok(Vec::new()),
        }
    }

    /// Stores annual accounts from one file, in one transaction. A file imported before (same
    /// SHA-256) changes nothing; a set of accounts for an enterprise, year and type already stored
    /// from another file is replaced.
    pub async fn import_accounts(
        &self,
        file_name: &str,
        sha256: &str,
        synthetic: bool,
        accounts: &[AnnualAccounts],
    ) -> Result<AccountsImport> {
        let mut tx = self.begin_write().await?;
        let existing: Option<String> =
            sqlx::query_scalar("SELECT imported_at FROM register_accounts_files WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(imported_at) = existing {
            tx.rollback().await?;
            return Ok(AccountsImport::AlreadyImported { imported_at });
        }
        let file_id: i64 = sqlx::query_scalar(
            "INSERT INTO register_accounts_files (file_name, sha256, records, synthetic, imported_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(file_name)
        .bind(sha256)
        .bind(accounts.len() as i64)
        .bind(i64::from(synthetic))
        .bind(now_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        let mut new_records = 0u64;
        for a in accounts {
            let ty = accounts_type_text(&a.accounts_type);
            let deleted = sqlx::query(
                "DELETE FROM register_accounts WHERE orgnr = $1 AND year = $2 AND accounts_type = $3",
            )
            .bind(a.orgnr.to_string())
            .bind(i64::from(a.year()))
            .bind(&ty)
            .execute(&mut *tx)
            .await?;
            if deleted.rows_affected() == 0 {
                new_records += 1;
            }
            sqlx::query(concat!(
                "INSERT INTO register_accounts (orgnr, year, accounts_type, period_from, period_to, currency, turnover, wage_costs, operating_result, annual_result, file_id)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            ))
            .bind(a.orgnr.to_string())
            .bind(i64::from(a.year()))
            .bind(&ty)
            .bind(date_text(a.period_from))
            .bind(date_text(a.period_to))
            .bind(a.currency.clone())
            .bind(a.turnover)
            .bind(a.wage_costs)
            .bind(a.operating_result)
            .bind(a.annual_result)
            .bind(file_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(AccountsImport::Imported {
            records: accounts.len() as u64,
            new_records,
        })
    }

    /// Turnover per sector group for a municipality: the current enheter snapshot joined with
    /// the stored accounts of `year` (default: the latest year with accounts for its enterprises).
    /// `None` when no enheter snapshot or no accounts for its enterprises are stored.
    pub async fn turnover_facts(
        &self,
        municipality: &str,
        year: Option<i32>,
    ) -> Result<Option<TurnoverFacts>> {
        match self
            .current_register_snapshot(SnapshotKind::Enheter)
            .await?
        {
            Some(s) => self.turnover_facts_for(&s, municipality, year).await,
            None => Ok(None),
        }
    }

    async fn turnover_facts_for(
        &self,
        snapshot: &SnapshotInfo,
        municipality: &str,
        year: Option<i32>,
    ) -> Result<Option<TurnoverFacts>> {
        let n_accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM register_accounts")
            .fetch_one(self.pool())
            .await?;
        if n_accounts == 0 {
            return Ok(None);
        }
        let mut records = self.register_units(snapshot.id, municipality).await?;
        if records.is_empty() {
            for code in predecessor_codes(municipality, snapshot.snapshot_date) {
                records.extend(self.register_units(snapshot.id, &code).await?);
            }
        }
        if records.is_empty() {
            return Ok(None);
        }
        let wanted: BTreeSet<String> = records.iter().map(|r| r.orgnr.to_string()).collect();
        let rows = sqlx::query(concat!(
            "SELECT a.orgnr, a.year, a.accounts_type, a.period_from, a.period_to, a.currency, a.turnover, a.wage_costs, a.operating_result, a.annual_result, f.synthetic",
            " FROM register_accounts a JOIN register_accounts_files f ON f.id = a.file_id"
        ))
        .fetch_all(self.pool())
        .await?;
        let mut index = AccountsIndex::new();
        let mut synthetic_accounts = false;
        let mut years: BTreeMap<i32, u64> = BTreeMap::new();
        for r in &rows {
            let orgnr: String = r.try_get("orgnr")?;
            if !wanted.contains(&orgnr) {
                continue;
            }
            let a = accounts_from_row(r, &orgnr)?;
            *years.entry(a.year()).or_default() += 1;
            synthetic_accounts |= r.try_get::<i64, _>("synthetic")? != 0;
            index.insert(a);
        }
        let Some(year) = year.or_else(|| years.keys().next_back().copied()) else {
            return Ok(None);
        };
        let groups = SectorGroups::embedded();
        let units: Vec<Unit> = records.iter().map(unit_of_record).collect();
        let private = |u: &Unit| u.sector.is_some();
        let run = |filter: &dyn Fn(&Unit) -> bool| -> TurnoverGroup {
            let mut join = AccountsJoin::new(&index, year, TOP_N).with_filter(|u| filter(u));
            for u in &units {
                join.add(u);
            }
            let f = join
                .finish()
                .into_values()
                .fold(None::<TurnoverGroup>, |acc, a| {
                    let g = TurnoverGroup {
                        enterprises: a.enterprises,
                        with_accounts: a.with_accounts,
                        non_nok: a.non_nok,
                        turnover_nok: a.turnover_nok,
                        value_added_nok: a.value_added_nok,
                        with_value_added: a.with_value_added,
                        missing_value_added: a.missing_value_added,
                        largest_by_turnover: a
                            .largest_by_turnover
                            .iter()
                            .map(RankedUnit::from)
                            .collect(),
                    };
                    Some(match acc {
                        None => g,
                        Some(mut x) => {
                            x.enterprises += g.enterprises;
                            x.with_accounts += g.with_accounts;
                            x.non_nok += g.non_nok;
                            x.turnover_nok = x.turnover_nok.saturating_add(g.turnover_nok);
                            x.value_added_nok = x.value_added_nok.saturating_add(g.value_added_nok);
                            x.with_value_added += g.with_value_added;
                            x.missing_value_added += g.missing_value_added;
                            merge_ranked(&mut x.largest_by_turnover, &g.largest_by_turnover);
                            x
                        }
                    })
                });
            f.unwrap_or(TurnoverGroup {
                enterprises: 0,
                with_accounts: 0,
                non_nok: 0,
                turnover_nok: 0,
                value_added_nok: 0,
                with_value_added: 0,
                missing_value_added: 0,
                largest_by_turnover: Vec::new(),
            })
        };
        let all = run(&private);
        let by_group = groups
            .groups()
            .iter()
            .map(|g| {
                let f = |u: &Unit| {
                    private(u) && u.nace.is_some_and(|n| g.contains_division(n.division()))
                };
                (g.id.clone(), run(&f))
            })
            .collect();
        Ok(Some(TurnoverFacts {
            snapshot: snapshot.clone(),
            year,
            synthetic_accounts,
            all,
            by_group,
        }))
    }
}

/// The codes valid at `date` that wholly became `code` (for a snapshot older than the code),
/// from the bundled KLASS geography; empty when `code` is valid at `date` or unknown.
fn predecessor_codes(code: &str, date: Date) -> Vec<String> {
    use stats::geography::{Geography, Level};
    let geo = Geography::bundled();
    let versions = geo.versions_of(Level::Municipality, code);
    let Some(latest) = versions.last() else {
        return Vec::new();
    };
    if latest.is_valid_at(date) {
        return Vec::new();
    }
    let Some(at) = latest.valid_from else {
        return Vec::new();
    };
    if date >= at {
        return Vec::new();
    }
    let date = date.max(geo.coverage_start());
    let Ok(preds) = geo.predecessors(code, at, date) else {
        return Vec::new();
    };
    preds
        .into_iter()
        .filter(|p| {
            geo.successors(p, date, at)
                .is_ok_and(|s| s.len() == 1 && s[0] == code)
        })
        .collect()
}

fn accounts_type_text(t: &AccountsType) -> String {
    match t {
        AccountsType::Company => "SELSKAP".into(),
        AccountsType::Group => "KONSERN".into(),
        AccountsType::Other(s) => s.clone(),
    }
}

fn accounts_from_row(r: &sqlx::any::AnyRow, orgnr: &str) -> Result<AnnualAccounts> {
    let ty: String = r.try_get("accounts_type")?;
    Ok(AnnualAccounts {
        id: None,
        orgnr: orgnr
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("bad orgnr {orgnr:?} in accounts")))?,
        org_form: None,
        accounts_type: match ty.as_str() {
            "SELSKAP" => AccountsType::Company,
            "KONSERN" => AccountsType::Group,
            _ => AccountsType::Other(ty),
        },
        period_from: parse_date(&r.try_get::<String, _>("period_from")?)?,
        period_to: parse_date(&r.try_get::<String, _>("period_to")?)?,
        currency: r.try_get("currency")?,
        liquidation_accounts: None,
        small_enterprise: None,
        accounting_rules: None,
        turnover: r.try_get("turnover")?,
        operating_costs: None,
        wage_costs: r.try_get("wage_costs")?,
        operating_result: r.try_get("operating_result")?,
        net_financial: None,
        result_before_tax: None,
        annual_result: r.try_get("annual_result")?,
        total_assets: None,
        equity: None,
        paid_in_equity: None,
        debt: None,
    })
}

/// A [`Unit`] rebuilt from a stored record, for the register crate's joins. The private-sector
/// flag is carried as `sector = Some(2100)` (the institutional sector itself is not stored).
fn unit_of_record(r: &UnitRecord) -> Unit {
    Unit {
        kind: UnitKind::Enhet,
        orgnr: r.orgnr,
        name: r.name.clone(),
        org_form: r.org_form,
        nace: r.nace,
        employees: r.employees,
        // Any municipality: the join groups by it, and the caller sums the groups.
        municipality: Kommune::new(0),
        postal_municipality: None,
        postal_code: None,
        sector: if r.private_sector {
            SectorCode::parse(b"2100")
        } else {
            None
        },
        registered: None,
        founded: None,
        started: None,
        bankrupt: r.bankrupt || !r.present,
        bankruptcy_date: None,
        under_liquidation: r.under_liquidation,
        liquidation_date: None,
        under_forced_liquidation: r.under_forced_liquidation,
        deleted: None,
        closed: None,
        parent: None,
    }
}

/// Recomputes all survival rows of real (or synthetic) national enheter snapshots.
async fn recompute_survival(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    synthetic: bool,
) -> Result<u64> {
    sqlx::query("DELETE FROM register_cohort_survival WHERE synthetic = $1")
        .bind(i64::from(synthetic))
        .execute(&mut **tx)
        .await?;
    let rows = sqlx::query(
        "SELECT id, snapshot_date FROM register_snapshots WHERE kind = 'enheter' AND coverage = 'national' AND synthetic = $1 ORDER BY snapshot_date, id",
    )
    .bind(i64::from(synthetic))
    .fetch_all(&mut **tx)
    .await?;
    let mut snaps: Vec<(i64, Date)> = Vec::new();
    for r in &rows {
        snaps.push((
            r.try_get("id")?,
            parse_date(&r.try_get::<String, _>("snapshot_date")?)?,
        ));
    }
    // Each snapshot is the base of at most one cohort (the last full year before its date); the
    // earliest snapshot in that window is the base. Collect (cohort, base, follow-up) pairs.
    let mut pairs: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for (_, d) in &snaps {
        let cohort = last_full_year(*d);
        if pairs.contains_key(&cohort) {
            continue;
        }
        let Ok(start) = Date::from_calendar_date(cohort, Month::December, 31) else {
            continue;
        };
        let end = add_years(start, 1);
        let Some(base) = snaps.iter().position(|(_, d)| *d >= start && *d < end) else {
            continue;
        };
        let bd = snaps[base].1;
        let (ff, ft) = (
            add_years(bd, SURVIVAL_HORIZON_YEARS),
            add_years(bd, SURVIVAL_HORIZON_YEARS + 1),
        );
        if let Some(follow) = snaps.iter().position(|(_, d)| *d >= ff && *d < ft) {
            pairs.insert(cohort, (base, follow));
        }
    }
    let mut written = 0u64;
    for (cohort, (b, f)) in pairs {
        let base = load_cohort(tx, snaps[b].0, snaps[b].1, cohort).await?;
        let follow = load_cohort(tx, snaps[f].0, snaps[f].1, cohort).await?;
        let rows: Vec<CohortSurvival> =
            cohort_survival(&[base, follow], SURVIVAL_HORIZON_YEARS, |_| true);
        for s in rows {
            let Some(m) = s.municipality else { continue };
            sqlx::query(concat!(
                "INSERT INTO register_cohort_survival (synthetic, municipality, cohort_year, horizon_years, base_snapshot_id, followup_snapshot_id, base_count, survivors)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ))
            .bind(i64::from(synthetic))
            .bind(m.to_string())
            .bind(i64::from(s.cohort_year))
            .bind(i64::from(SURVIVAL_HORIZON_YEARS))
            .bind(snaps[b].0)
            .bind(snaps[f].0)
            .bind(i64_of(s.base_count))
            .bind(i64_of(s.survivors))
            .execute(&mut **tx)
            .await?;
            written += 1;
        }
    }
    Ok(written)
}

/// The enheter of one registration year in a stored snapshot, as a survival snapshot.
async fn load_cohort(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    date: Date,
    cohort: i32,
) -> Result<Snapshot> {
    let rows =
        sqlx::query("SELECT municipality, data FROM register_unit_tables WHERE snapshot_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    let mut entries = Vec::new();
    for r in &rows {
        let m: String = r.try_get("municipality")?;
        let data: Vec<u8> = r.try_get("data")?;
        let muni = Kommune::parse(m.as_bytes());
        decode_each(&data, |u| {
            if u.registered_year == Some(cohort) {
                entries.push((
                    u.orgnr,
                    SnapshotEntry {
                        registered_year: u.registered_year,
                        municipality: muni,
                        org_form: u.org_form,
                        present: u.present,
                    },
                ));
            }
        })?;
    }
    Ok(Snapshot::from_entries(date, entries))
}

fn add_years(d: Date, years: i32) -> Date {
    let y = d.year() + years;
    Date::from_calendar_date(y, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(y, Month::February, 28))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_full_year_rule() {
        use time::macros::date;
        assert_eq!(last_full_year(date!(2025 - 12 - 31)), 2025);
        assert_eq!(last_full_year(date!(2025 - 12 - 30)), 2024);
        assert_eq!(last_full_year(date!(2025 - 01 - 01)), 2024);
    }
}
