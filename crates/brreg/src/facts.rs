//! Facts per municipality, computed by streaming units through accumulators (pure: no I/O, no
//! collecting the file).
//!
//! - [`FactsBuilder`]: feed enheter and underenheter one by one; get per municipality the units by
//!   organisation form, registrations per year (and the AS share), bankruptcies and liquidations,
//!   employees by sector group (from underenheter) and the largest enterprises by employees.
//! - [`SnapshotBuilder`] / [`Snapshot`] / [`cohort_survival`]: the share of a registration cohort
//!   still present some years later, from dated snapshots (a snapshot = one bulk file + its date).
//! - [`AccountsJoin`]: units joined with annual accounts by organisation number: the largest
//!   enterprises by turnover and the plan's *verdiskapning* (wage costs + operating result).
//!
//! # Definitions and approximations
//!
//! - **Municipality**: an enhet's business address (`forretningsadresse.kommunenummer`), an
//!   underenhet's location (`beliggenhetsadresse.kommunenummer`); no fallback to the postal
//!   address. Units without one are counted in [`Facts::enheter_without_municipality`] /
//!   [`Facts::underenheter_without_municipality`]. Codes are as in the file: a 2023 file says
//!   3025 for Asker, a 2024 file 3203; mapping between generations is the caller's (`stats`).
//! - **Nyetableringer** (new enterprises) are approximated by the enheter *registered in
//!   Enhetsregisteret* in the year (`registreringsdato…`), by municipality of today's business
//!   address. A bulk file holds only units that still exist, so units registered in a year and
//!   deleted before the snapshot are missing (survivorship: older years are undercounted), and the
//!   register cannot tell new enterprises from re-registrations or changes of owner, which SSB's
//!   statistics of new enterprises exclude. All organisation forms are counted and kept apart (so a
//!   caller can leave out e.g. housing co-ops `BRL`, condominiums `ESEK` or associations `FLI`);
//!   [`Registrations::as_share`] gives the share that are `AS`.
//! - **Bankruptcies**: enheter with `konkurs = true` in the snapshot (a bankrupt estate remains
//!   until it is wound up), and by year of `konkursdato` when the file has it.
//! - **Employees by sector group** come from underenheter (establishments), by location: a
//!   published headcount is summed, and establishments whose count is withheld are counted beside
//!   it ([`EmployeeCount::withheld_units`]) — never as 0. An establishment is in every group that
//!   contains its NACE division (groups overlap); one in no group, or with no NACE code, is
//!   counted in `employees_ungrouped`. Closed or deleted establishments are skipped.
//! - **Largest enterprises** are enheter ranked by their published headcount (whole enterprise,
//!   placed at its business address), overall and per sector group.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use time::{Date, Month};

use crate::accounts::{AccountsIndex, Amount};
use crate::codes::{Kommune, NaceCode, OrgForm, OrgNr};
use crate::sectors::SectorGroups;
use crate::unit::{Employees, Unit, UnitKind};

/// A headcount summary over a set of units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EmployeeCount {
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

impl EmployeeCount {
    /// Counts one unit's headcount.
    pub fn add(&mut self, e: Employees) {
        self.units += 1;
        match e {
            Employees::Known(n) => {
                self.known_sum += u64::from(n);
                self.known_units += 1;
            }
            Employees::Withheld => self.withheld_units += 1,
            Employees::NotRegistered => self.not_registered_units += 1,
        }
    }
}

/// Registrations in one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Registrations {
    /// All enheter registered in the year (still in the file).
    pub total: u64,
    /// By organisation form.
    pub by_form: BTreeMap<OrgForm, u64>,
}

impl Registrations {
    /// The share of the year's registrations that are `AS` (`None` when there are none).
    pub fn as_share(&self) -> Option<f64> {
        (self.total > 0).then(|| {
            self.by_form.get(&OrgForm::AS).copied().unwrap_or(0) as f64 / self.total as f64
        })
    }
}

/// A unit in a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    /// Organisation number.
    pub orgnr: OrgNr,
    /// Name.
    pub name: String,
    /// Organisation form.
    pub org_form: OrgForm,
    /// Main industry.
    pub nace: Option<NaceCode>,
    /// What the list is ranked by: employees, or turnover in NOK.
    pub value: i64,
}

/// The `n` best by value (ties: lower organisation number first), kept sorted, bounded.
#[derive(Debug, Clone)]
struct TopN {
    n: usize,
    items: Vec<Ranked>,
}

impl TopN {
    fn new(n: usize) -> Self {
        TopN {
            n,
            items: Vec::new(),
        }
    }

    fn offer(&mut self, unit: &Unit, value: i64) {
        if let Some(pos) = self.position(value, unit.orgnr) {
            self.items.insert(
                pos,
                Ranked {
                    orgnr: unit.orgnr,
                    name: unit.name.clone(),
                    org_form: unit.org_form,
                    nace: unit.nace,
                    value,
                },
            );
            self.items.truncate(self.n);
        }
    }

    /// Where an entry with this value and number goes, `None` when it does not make the list.
    fn position(&self, value: i64, orgnr: OrgNr) -> Option<usize> {
        if self.n == 0 {
            return None;
        }
        let key = |v: i64, o: OrgNr| (std::cmp::Reverse(v), o);
        let k = key(value, orgnr);
        if self.items.len() == self.n
            && self
                .items
                .last()
                .is_some_and(|last| key(last.value, last.orgnr) <= k)
        {
            return None;
        }
        Some(self.items.partition_point(|r| key(r.value, r.orgnr) < k))
    }

    /// Adds the entries of another list (same ranking rule).
    fn merge(&mut self, other: TopN) {
        for r in other.items {
            if let Some(pos) = self.position(r.value, r.orgnr) {
                self.items.insert(pos, r);
                self.items.truncate(self.n);
            }
        }
    }
}

impl EmployeeCount {
    /// Adds another summary (of other units).
    pub fn merge(&mut self, o: &EmployeeCount) {
        self.units += o.units;
        self.known_sum += o.known_sum;
        self.known_units += o.known_units;
        self.withheld_units += o.withheld_units;
        self.not_registered_units += o.not_registered_units;
    }
}

impl Registrations {
    /// Adds another year's registrations.
    pub fn merge(&mut self, o: &Registrations) {
        self.total += o.total;
        for (f, n) in &o.by_form {
            *self.by_form.entry(*f).or_default() += n;
        }
    }
}

/// The facts of one municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MunicipalityFacts {
    /// The municipality code (as in the file).
    pub municipality: Kommune,
    /// Enheter present (not deleted) with business address here.
    pub enheter: u64,
    /// Enheter by organisation form.
    pub units_by_form: BTreeMap<OrgForm, u64>,
    /// Enheter by year of registration in Enhetsregisteret (see the module docs).
    pub registrations_by_year: BTreeMap<i32, Registrations>,
    /// Enheter in bankruptcy (`konkurs`).
    pub bankrupt: u64,
    /// Bankrupt enheter by year of `konkursdato` (those with a date).
    pub bankruptcies_by_year: BTreeMap<i32, u64>,
    /// Enheter under voluntary liquidation (`underAvvikling`).
    pub under_liquidation: u64,
    /// Enheter under compulsory liquidation or dissolution.
    pub under_forced_liquidation: u64,
    /// Enheter or underenheter skipped because they carry a deletion or closure date.
    pub deleted_or_closed: u64,
    /// Headcounts of enheter (whole enterprises at their business address).
    pub enterprise_employees: EmployeeCount,
    /// The largest enheter by published headcount.
    pub largest_enterprises: Vec<Ranked>,
    /// The largest enheter by published headcount, per sector group id.
    pub largest_enterprises_by_group: BTreeMap<String, Vec<Ranked>>,
    /// Headcounts of all underenheter (establishments) located here.
    pub employees_total: EmployeeCount,
    /// Headcounts of underenheter per sector group id (groups overlap).
    pub employees_by_group: BTreeMap<String, EmployeeCount>,
    /// Underenheter in no sector group or without an industry code.
    pub employees_ungrouped: EmployeeCount,
    /// The units of this file's kind (enheter by business address, underenheter by location) per
    /// postal code of that address (four digits; `""` for none): what the plan's districts are
    /// counted from.
    pub by_postal_code: BTreeMap<String, PostalFacts>,
}

/// How many example units [`PostalFacts::examples`] keeps.
pub const POSTAL_EXAMPLES: usize = 5;

/// The units of one municipality with one postal code (enheter or underenheter, as the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PostalFacts {
    /// Units not deleted or closed (bankrupt enheter included, as [`MunicipalityFacts::enheter`],
    /// so that the postal codes of a municipality add up to its count).
    pub units: u64,
    /// Headcounts of the units not deleted or closed (bankrupt enheter included, as
    /// [`MunicipalityFacts::enterprise_employees`]).
    pub employees: EmployeeCount,
    /// Units by year of registration in Enhetsregisteret (all in the file, as
    /// [`MunicipalityFacts::registrations_by_year`]).
    pub registrations_by_year: BTreeMap<i32, u64>,
    /// Enheter in bankruptcy.
    pub bankrupt: u64,
    /// Bankrupt enheter by year of `konkursdato`.
    pub bankruptcies_by_year: BTreeMap<i32, u64>,
    /// Up to [`POSTAL_EXAMPLES`] units not deleted or closed, lowest organisation number first:
    /// number and name (so units outside every district can be listed).
    pub examples: Vec<(OrgNr, String)>,
}

impl PostalFacts {
    fn offer_example(&mut self, unit: &Unit) {
        if self.examples.len() >= POSTAL_EXAMPLES
            && self.examples.last().is_some_and(|(o, _)| *o < unit.orgnr)
        {
            return;
        }
        let at = self.examples.partition_point(|(o, _)| *o < unit.orgnr);
        self.examples.insert(at, (unit.orgnr, unit.name.clone()));
        self.examples.truncate(POSTAL_EXAMPLES);
    }

    fn merge(&mut self, o: PostalFacts) {
        self.units += o.units;
        self.employees.merge(&o.employees);
        for (y, n) in o.registrations_by_year {
            *self.registrations_by_year.entry(y).or_default() += n;
        }
        self.bankrupt += o.bankrupt;
        for (y, n) in o.bankruptcies_by_year {
            *self.bankruptcies_by_year.entry(y).or_default() += n;
        }
        self.examples.extend(o.examples);
        self.examples.sort_by_key(|(o, _)| *o);
        self.examples.truncate(POSTAL_EXAMPLES);
    }
}

/// Facts for all municipalities seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// Per municipality.
    pub municipalities: BTreeMap<Kommune, MunicipalityFacts>,
    /// Enheter without a business-address municipality (not in any municipality's figures).
    pub enheter_without_municipality: u64,
    /// Underenheter without a location municipality.
    pub underenheter_without_municipality: u64,
}

#[derive(Debug, Clone)]
struct Acc {
    enheter: u64,
    units_by_form: BTreeMap<OrgForm, u64>,
    registrations_by_year: BTreeMap<i32, Registrations>,
    bankrupt: u64,
    bankruptcies_by_year: BTreeMap<i32, u64>,
    under_liquidation: u64,
    under_forced_liquidation: u64,
    deleted_or_closed: u64,
    enterprise_employees: EmployeeCount,
    largest: TopN,
    largest_by_group: Vec<TopN>,
    employees_total: EmployeeCount,
    employees_by_group: Vec<EmployeeCount>,
    employees_ungrouped: EmployeeCount,
    by_postal: HashMap<Option<u16>, PostalFacts>,
}

impl Acc {
    fn new(groups: usize, top_n: usize) -> Self {
        Acc {
            enheter: 0,
            units_by_form: BTreeMap::new(),
            registrations_by_year: BTreeMap::new(),
            bankrupt: 0,
            bankruptcies_by_year: BTreeMap::new(),
            under_liquidation: 0,
            under_forced_liquidation: 0,
            deleted_or_closed: 0,
            enterprise_employees: EmployeeCount::default(),
            largest: TopN::new(top_n),
            largest_by_group: (0..groups).map(|_| TopN::new(top_n)).collect(),
            employees_total: EmployeeCount::default(),
            employees_by_group: vec![EmployeeCount::default(); groups],
            employees_ungrouped: EmployeeCount::default(),
            by_postal: HashMap::new(),
        }
    }
}

/// Accumulates [`Facts`] from a stream of units (enheter and underenheter, in any order).
#[derive(Debug, Clone)]
pub struct FactsBuilder<'g> {
    groups: &'g SectorGroups,
    top_n: usize,
    munis: HashMap<Kommune, Acc>,
    enheter_without_municipality: u64,
    underenheter_without_municipality: u64,
}

impl<'g> FactsBuilder<'g> {
    /// A builder using these sector groups, keeping the `top_n` largest enterprises per list.
    pub fn new(groups: &'g SectorGroups, top_n: usize) -> Self {
        FactsBuilder {
            groups,
            top_n,
            munis: HashMap::new(),
            enheter_without_municipality: 0,
            underenheter_without_municipality: 0,
        }
    }

    /// Counts one unit.
    pub fn add(&mut self, unit: &Unit) {
        let Some(k) = unit.municipality else {
            match unit.kind {
                UnitKind::Enhet => self.enheter_without_municipality += 1,
                UnitKind::Underenhet => self.underenheter_without_municipality += 1,
            }
            return;
        };
        let (n_groups, top_n) = (self.groups.groups().len(), self.top_n);
        let acc = self
            .munis
            .entry(k)
            .or_insert_with(|| Acc::new(n_groups, top_n));
        let mask = unit
            .nace
            .map(|c| self.groups.mask_of_division(c.division()))
            .unwrap_or(0);
        let group_indices = || (0..n_groups).filter(move |i| mask & (1 << i) != 0);
        let postal = acc.by_postal.entry(unit.postal_code).or_default();
        if let Some(d) = unit.registered {
            *postal.registrations_by_year.entry(d.year()).or_default() += 1;
        }
        if unit.deleted.is_none() && unit.closed.is_none() {
            postal.employees.add(unit.employees);
            postal.offer_example(unit);
            postal.units += 1;
            if unit.bankrupt && unit.kind == UnitKind::Enhet {
                postal.bankrupt += 1;
                if let Some(d) = unit.bankruptcy_date {
                    *postal.bankruptcies_by_year.entry(d.year()).or_default() += 1;
                }
            }
        }
        match unit.kind {
            UnitKind::Enhet => {
                if let Some(d) = unit.registered {
                    let r = acc.registrations_by_year.entry(d.year()).or_default();
                    r.total += 1;
                    *r.by_form.entry(unit.org_form).or_default() += 1;
                }
                if unit.deleted.is_some() || unit.closed.is_some() {
                    acc.deleted_or_closed += 1;
                    return;
                }
                acc.enheter += 1;
                *acc.units_by_form.entry(unit.org_form).or_default() += 1;
                if unit.bankrupt {
                    acc.bankrupt += 1;
                    if let Some(d) = unit.bankruptcy_date {
                        *acc.bankruptcies_by_year.entry(d.year()).or_default() += 1;
                    }
                }
                acc.under_liquidation += u64::from(unit.under_liquidation);
                acc.under_forced_liquidation += u64::from(unit.under_forced_liquidation);
                acc.enterprise_employees.add(unit.employees);
                if let Employees::Known(n) = unit.employees {
                    acc.largest.offer(unit, i64::from(n));
                    for i in group_indices() {
                        acc.largest_by_group[i].offer(unit, i64::from(n));
                    }
                }
            }
            UnitKind::Underenhet => {
                if unit.deleted.is_some() || unit.closed.is_some() {
                    acc.deleted_or_closed += 1;
                    return;
                }
                acc.employees_total.add(unit.employees);
                if mask == 0 {
                    acc.employees_ungrouped.add(unit.employees);
                }
                for i in group_indices() {
                    acc.employees_by_group[i].add(unit.employees);
                }
            }
        }
    }

    /// Adds what another builder (with the same sector groups and list length) has counted, e.g.
    /// one that read another part of the file on another thread. Merging gives the same facts as
    /// feeding all units to one builder.
    pub fn merge(&mut self, other: FactsBuilder<'_>) {
        self.enheter_without_municipality += other.enheter_without_municipality;
        self.underenheter_without_municipality += other.underenheter_without_municipality;
        let (n_groups, top_n) = (self.groups.groups().len(), self.top_n);
        for (k, o) in other.munis {
            let acc = self
                .munis
                .entry(k)
                .or_insert_with(|| Acc::new(n_groups, top_n));
            acc.enheter += o.enheter;
            for (f, n) in o.units_by_form {
                *acc.units_by_form.entry(f).or_default() += n;
            }
            for (y, r) in o.registrations_by_year {
                acc.registrations_by_year.entry(y).or_default().merge(&r);
            }
            acc.bankrupt += o.bankrupt;
            for (y, n) in o.bankruptcies_by_year {
                *acc.bankruptcies_by_year.entry(y).or_default() += n;
            }
            acc.under_liquidation += o.under_liquidation;
            acc.under_forced_liquidation += o.under_forced_liquidation;
            acc.deleted_or_closed += o.deleted_or_closed;
            acc.enterprise_employees.merge(&o.enterprise_employees);
            acc.largest.merge(o.largest);
            for (mine, theirs) in acc.largest_by_group.iter_mut().zip(o.largest_by_group) {
                mine.merge(theirs);
            }
            acc.employees_total.merge(&o.employees_total);
            for (mine, theirs) in acc.employees_by_group.iter_mut().zip(&o.employees_by_group) {
                mine.merge(theirs);
            }
            acc.employees_ungrouped.merge(&o.employees_ungrouped);
            for (code, p) in o.by_postal {
                acc.by_postal.entry(code).or_default().merge(p);
            }
        }
    }

    /// The facts so far.
    pub fn finish(self) -> Facts {
        let groups = self.groups.groups();
        let municipalities = self
            .munis
            .into_iter()
            .map(|(k, a)| {
                let ids = || groups.iter().map(|g| g.id.clone());
                let f = MunicipalityFacts {
                    municipality: k,
                    enheter: a.enheter,
                    units_by_form: a.units_by_form,
                    registrations_by_year: a.registrations_by_year,
                    bankrupt: a.bankrupt,
                    bankruptcies_by_year: a.bankruptcies_by_year,
                    under_liquidation: a.under_liquidation,
                    under_forced_liquidation: a.under_forced_liquidation,
                    deleted_or_closed: a.deleted_or_closed,
                    enterprise_employees: a.enterprise_employees,
                    largest_enterprises: a.largest.items,
                    largest_enterprises_by_group: ids()
                        .zip(a.largest_by_group.into_iter().map(|t| t.items))
                        .collect(),
                    employees_total: a.employees_total,
                    employees_by_group: ids().zip(a.employees_by_group).collect(),
                    employees_ungrouped: a.employees_ungrouped,
                    by_postal_code: a
                        .by_postal
                        .into_iter()
                        .map(|(c, p)| (c.map(crate::postal_code_text).unwrap_or_default(), p))
                        .collect(),
                };
                (k, f)
            })
            .collect();
        Facts {
            municipalities,
            enheter_without_municipality: self.enheter_without_municipality,
            underenheter_without_municipality: self.underenheter_without_municipality,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cohort survival
// ---------------------------------------------------------------------------------------------

/// What a snapshot keeps of one enhet (about 20 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotEntry {
    /// Year of registration in Enhetsregisteret.
    pub registered_year: Option<i32>,
    /// Business-address municipality in this snapshot.
    pub municipality: Option<Kommune>,
    /// Organisation form.
    pub org_form: OrgForm,
    /// Present: in the file and neither bankrupt nor deleted (under liquidation still counts).
    pub present: bool,
}

/// The enheter of one bulk file at one date, compact and sorted by organisation number.
#[derive(Debug, Clone)]
pub struct Snapshot {
    date: Date,
    entries: Vec<(OrgNr, SnapshotEntry)>,
}

impl Snapshot {
    /// A snapshot from stored entries (e.g. read back from a database); sorted here, a number seen
    /// twice keeps its last entry.
    pub fn from_entries(date: Date, entries: Vec<(OrgNr, SnapshotEntry)>) -> Snapshot {
        SnapshotBuilder { date, entries }.finish()
    }

    /// The date the bulk file was taken.
    pub fn date(&self) -> Date {
        self.date
    }

    /// Number of enheter in the snapshot.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An enhet's entry.
    pub fn get(&self, orgnr: OrgNr) -> Option<&SnapshotEntry> {
        self.entries
            .binary_search_by_key(&orgnr, |e| e.0)
            .ok()
            .map(|i| &self.entries[i].1)
    }

    /// True when the enhet is in the snapshot and present (not bankrupt, not deleted).
    pub fn is_present(&self, orgnr: OrgNr) -> bool {
        self.get(orgnr).is_some_and(|e| e.present)
    }

    /// All entries, by organisation number.
    pub fn entries(&self) -> impl Iterator<Item = (OrgNr, &SnapshotEntry)> {
        self.entries.iter().map(|(o, e)| (*o, e))
    }
}

/// Builds a [`Snapshot`] from a stream of units (underenheter are ignored).
#[derive(Debug, Clone)]
pub struct SnapshotBuilder {
    date: Date,
    entries: Vec<(OrgNr, SnapshotEntry)>,
}

impl SnapshotBuilder {
    /// A snapshot taken at `date`.
    pub fn new(date: Date) -> Self {
        SnapshotBuilder {
            date,
            entries: Vec::new(),
        }
    }

    /// Adds one unit.
    pub fn add(&mut self, unit: &Unit) {
        if unit.kind != UnitKind::Enhet {
            return;
        }
        self.entries.push((
            unit.orgnr,
            SnapshotEntry {
                registered_year: unit.registered.map(|d| d.year()),
                municipality: unit.municipality,
                org_form: unit.org_form,
                present: !unit.bankrupt && unit.deleted.is_none() && unit.closed.is_none(),
            },
        ));
    }

    /// Sorts and finishes (a number seen twice keeps its last entry).
    pub fn finish(mut self) -> Snapshot {
        self.entries.sort_by_key(|e| e.0);
        // Keep the last occurrence of each number: reverse, dedup keeps first, reverse back.
        self.entries.reverse();
        self.entries.dedup_by_key(|e| e.0);
        self.entries.reverse();
        self.entries.sort_by_key(|e| e.0);
        Snapshot {
            date: self.date,
            entries: self.entries,
        }
    }
}

/// The survival of one registration cohort in one municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortSurvival {
    /// Municipality of the enheter in the base snapshot (`None`: no business address).
    pub municipality: Option<Kommune>,
    /// The year the cohort registered.
    pub cohort_year: i32,
    /// Date of the base snapshot.
    pub base_date: Date,
    /// Date of the follow-up snapshot.
    pub followup_date: Date,
    /// Cohort enheter present in the base snapshot.
    pub base_count: u64,
    /// Of these, present in the follow-up snapshot (anywhere: moving away is surviving).
    pub survivors: u64,
}

impl CohortSurvival {
    /// `survivors / base_count` (`None` for an empty cohort).
    pub fn share(&self) -> Option<f64> {
        (self.base_count > 0).then(|| self.survivors as f64 / self.base_count as f64)
    }
}

fn add_years(d: Date, years: i32) -> Date {
    let y = d.year() + years;
    Date::from_calendar_date(y, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(y, Month::February, 28))
        .unwrap_or(d)
}

/// For each registration cohort (year), the share of its enheter still present `horizon_years`
/// later, per municipality, where the snapshots allow.
///
/// For cohort year *C*:
/// - the **base** snapshot is the earliest one dated from 31 December *C* up to (not including)
///   31 December *C*+1: the whole cohort has registered, and little time has passed for early
///   exits to vanish unseen (those are a known bias: an enhet registered and deleted before the
///   base snapshot is never seen);
/// - the **follow-up** snapshot is the earliest one dated at least `horizon_years` after the base
///   and less than `horizon_years + 1` after it;
/// - the cohort is the enheter of the base snapshot registered in *C*, present, and accepted by
///   `filter` (e.g. only `AS`); a survivor is one present in the follow-up snapshot (not bankrupt,
///   not deleted, in any municipality).
///
/// Cohorts without both snapshots are left out. The result is sorted by municipality, then year.
pub fn cohort_survival<F>(
    snapshots: &[Snapshot],
    horizon_years: i32,
    filter: F,
) -> Vec<CohortSurvival>
where
    F: Fn(&SnapshotEntry) -> bool,
{
    let mut snaps: Vec<&Snapshot> = snapshots.iter().collect();
    snaps.sort_by_key(|s| s.date);
    let mut years: Vec<i32> = snaps
        .iter()
        .flat_map(|s| s.entries.iter().filter_map(|e| e.1.registered_year))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    years.sort_unstable();
    let mut out: BTreeMap<(Option<Kommune>, i32), CohortSurvival> = BTreeMap::new();
    for c in years {
        let Ok(start) = Date::from_calendar_date(c, Month::December, 31) else {
            continue;
        };
        let end = add_years(start, 1);
        let Some(base) = snaps.iter().find(|s| s.date >= start && s.date < end) else {
            continue;
        };
        let (from, to) = (
            add_years(base.date, horizon_years),
            add_years(base.date, horizon_years + 1),
        );
        let Some(follow) = snaps.iter().find(|s| s.date >= from && s.date < to) else {
            continue;
        };
        for (orgnr, e) in base.entries() {
            if e.registered_year != Some(c) || !e.present || !filter(e) {
                continue;
            }
            let row = out
                .entry((e.municipality, c))
                .or_insert_with(|| CohortSurvival {
                    municipality: e.municipality,
                    cohort_year: c,
                    base_date: base.date,
                    followup_date: follow.date,
                    base_count: 0,
                    survivors: 0,
                });
            row.base_count += 1;
            row.survivors += u64::from(follow.is_present(orgnr));
        }
    }
    out.into_values().collect()
}

// ---------------------------------------------------------------------------------------------
// Join with accounts
// ---------------------------------------------------------------------------------------------

/// True for institutional sectors counted as private business (SSB's sector classification, the
/// unit's `institusjonellSektorkode`): private limited companies (2100), personal enterprises
/// (2300), private producer-oriented non-profits (2500), private financial corporations (3200
/// banks, 3500, 3600, 4100, 4300, 4500, 4900, 5500 and 5700 insurance) and sole proprietors (8200).
/// Not: state and municipal enterprises (1xxx), Norges Bank (3100), state lending institutions
/// (3900), public administration (6xxx), non-profit organisations (7000), housing co-operatives
/// (8300), other households (8500) and the rest of the world (9000). Units without a sector code
/// (e.g. condominiums, bankruptcy estates) are not counted as private business.
pub fn is_private_sector(unit: &Unit) -> bool {
    matches!(
        unit.sector.map(|s| s.get()),
        Some(
            2100 | 2300
                | 2500
                | 3200
                | 3500
                | 3600
                | 4100
                | 4300
                | 4500
                | 4900
                | 5500
                | 5700
                | 8200
        )
    )
}

/// Accounts facts for one municipality and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountsFacts {
    /// The municipality.
    pub municipality: Kommune,
    /// The accounting year.
    pub year: i32,
    /// Enheter considered (present, accepted by the filter).
    pub enterprises: u64,
    /// Of these, with accounts for the year.
    pub with_accounts: u64,
    /// Accounts not in NOK (left out of the sums and the ranking).
    pub non_nok: u64,
    /// Sum of turnover (NOK) over accounts that report it.
    pub turnover_nok: Amount,
    /// Sum of wage costs + operating result (NOK), *verdiskapning*, over accounts that report both.
    pub value_added_nok: Amount,
    /// Accounts contributing to `value_added_nok`.
    pub with_value_added: u64,
    /// NOK accounts missing wage costs or operating result (not in `value_added_nok`).
    pub missing_value_added: u64,
    /// The largest enheter by turnover (NOK).
    pub largest_by_turnover: Vec<Ranked>,
}

#[derive(Debug, Clone)]
struct JoinAcc {
    enterprises: u64,
    with_accounts: u64,
    non_nok: u64,
    turnover: Amount,
    value_added: Amount,
    with_value_added: u64,
    missing_value_added: u64,
    top: TopN,
}

/// Joins a stream of enheter with annual accounts by organisation number.
pub struct AccountsJoin<'a> {
    accounts: &'a AccountsIndex,
    year: i32,
    top_n: usize,
    filter: Box<dyn Fn(&Unit) -> bool + 'a>,
    per: HashMap<Kommune, JoinAcc>,
}

impl<'a> AccountsJoin<'a> {
    /// A join for one accounting year, keeping the `top_n` largest by turnover. By default every
    /// present enhet is considered; see [`AccountsJoin::with_filter`].
    pub fn new(accounts: &'a AccountsIndex, year: i32, top_n: usize) -> Self {
        AccountsJoin {
            accounts,
            year,
            top_n,
            filter: Box::new(|_| true),
            per: HashMap::new(),
        }
    }

    /// Only consider enheter the filter accepts (e.g. [`is_private_sector`] for the plan's
    /// *verdiskapning i privat næringsliv*).
    pub fn with_filter(mut self, filter: impl Fn(&Unit) -> bool + 'a) -> Self {
        self.filter = Box::new(filter);
        self
    }

    /// Considers one unit (underenheter, deleted and bankrupt enheter are ignored).
    pub fn add(&mut self, unit: &Unit) {
        if unit.kind != UnitKind::Enhet || unit.is_terminated() || !(self.filter)(unit) {
            return;
        }
        let Some(k) = unit.municipality else { return };
        let top_n = self.top_n;
        let acc = self.per.entry(k).or_insert_with(|| JoinAcc {
            enterprises: 0,
            with_accounts: 0,
            non_nok: 0,
            turnover: 0,
            value_added: 0,
            with_value_added: 0,
            missing_value_added: 0,
            top: TopN::new(top_n),
        });
        acc.enterprises += 1;
        let Some(a) = self.accounts.get(unit.orgnr, self.year) else {
            return;
        };
        acc.with_accounts += 1;
        if !a.is_nok() {
            acc.non_nok += 1;
            return;
        }
        if let Some(t) = a.turnover {
            acc.turnover = acc.turnover.saturating_add(t);
            acc.top.offer(unit, t);
        }
        match a.value_added() {
            Some(v) => {
                acc.value_added = acc.value_added.saturating_add(v);
                acc.with_value_added += 1;
            }
            None => acc.missing_value_added += 1,
        }
    }

    /// The facts per municipality.
    pub fn finish(self) -> BTreeMap<Kommune, AccountsFacts> {
        let year = self.year;
        self.per
            .into_iter()
            .map(|(k, a)| {
                (
                    k,
                    AccountsFacts {
                        municipality: k,
                        year,
                        enterprises: a.enterprises,
                        with_accounts: a.with_accounts,
                        non_nok: a.non_nok,
                        turnover_nok: a.turnover,
                        value_added_nok: a.value_added,
                        with_value_added: a.with_value_added,
                        missing_value_added: a.missing_value_added,
                        largest_by_turnover: a.top.items,
                    },
                )
            })
            .collect()
    }
}
