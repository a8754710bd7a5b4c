//! The registers the plan says are missing (issue 9; domain in the `registers` crate):
//!
//! - `land_imports`, `land_changes`: commercial land sites. Changes are append-only: a change
//!   for a site and date already stored with the same content is skipped, one with other
//!   content (a correction) is a new row, and the latest recorded row for a site and date is
//!   the one in effect ([`Store::land_changes`]); [`Store::land_history`] shows every row.
//! - `procurement_imports`, `procurement_rows`: supplier ledgers, one import per file
//!   (SHA-256), matched against the current Enhetsregisteret snapshot when a report is made
//!   ([`Store::register_lookup`]).
//! - `visits`, `visit_archive`, `visit_purges`: company visits. The details are personal data:
//!   [`Store::visits_purge`] deletes those dated before a cutoff and keeps only their counts
//!   (per year, sector, part of the municipality, kind) in `visit_archive`, so the public
//!   aggregates ([`Store::visit_aggregates`]) keep their history.
//!
//! Every import is one transaction: a bad file changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use ::brreg::{Employees, OrgNr};
use local_registers::land::{Abc, Availability, Geometry, SiteChange, SiteState, UseClass, Zoning};
use local_registers::procurement::{LedgerRow, SupplierFacts, SupplierStatus};
use local_registers::visits::{FollowUp, Visit, VisitAggregates, VisitKind};
use serde::Serialize;
use sqlx::Row;
use time::Date;

use crate::brreg::{SnapshotInfo, SnapshotKind, decode_units};
use crate::{Result, Store, StoreError, now_rfc3339};

/// How a land file was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LandImport {
    /// The import's id.
    pub id: i64,
    /// Changes stored (new, or corrections of a stored change).
    pub stored: u64,
    /// Changes already stored with the same content (skipped).
    pub unchanged: u64,
}

/// A stored land change with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredLandChange {
    /// Row id (increasing in recording order).
    pub id: i64,
    /// The change.
    pub change: SiteChange,
    /// From a synthetic file.
    pub synthetic: bool,
    /// The file it came from.
    pub file_name: String,
    /// Who recorded it.
    pub imported_by: String,
    /// When (RFC 3339, UTC).
    pub imported_at: String,
    /// A later row for the same site and date replaces it.
    pub superseded: bool,
}

/// How a ledger file was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum LedgerImport {
    /// Stored.
    Imported {
        /// Import id.
        id: i64,
        /// Rows stored.
        rows: u64,
    },
    /// The same file (same SHA-256) was imported before.
    AlreadyImported {
        /// The earlier import's id.
        id: i64,
    },
}

/// A stored ledger file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcurementImportInfo {
    /// Import id.
    pub id: i64,
    /// The file's name as given.
    pub file_name: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Rows stored.
    pub rows: u64,
    /// From a synthetic file.
    pub synthetic: bool,
    /// When (RFC 3339, UTC).
    pub imported_at: String,
}

/// Municipality tables fetched per statement by [`Store::register_lookup`] (well below the
/// bind-parameter limits of SQLite and PostgreSQL).
const LOOKUP_BATCH: usize = 200;
/// Answers of [`Store::register_lookup`] kept in memory.
const LOOKUP_ANSWERS: usize = 4;

/// In-memory cache of [`Store::register_lookup`], shared by a store handle's clones.
#[derive(Debug, Default)]
pub(crate) struct LookupCache {
    index: Option<std::sync::Arc<UnitIndex>>,
    answers: Vec<(i64, BTreeSet<OrgNr>, BTreeMap<OrgNr, RegisterEntry>)>,
    tables_read: u64,
}

/// Where each unit of one snapshot is stored: sorted organisation numbers, each with the
/// municipality table that holds it.
#[derive(Debug)]
struct UnitIndex {
    snapshot_id: i64,
    orgnrs: Vec<(u32, u32)>,
    municipalities: Vec<String>,
}

impl UnitIndex {
    fn municipality(&self, o: OrgNr) -> Option<&str> {
        let i = self
            .orgnrs
            .binary_search_by_key(&o.get(), |(n, _)| *n)
            .ok()?;
        self.municipalities
            .get(self.orgnrs[i].1 as usize)
            .map(String::as_str)
    }
}

#[derive(Debug, Default)]
struct UnitIndexBuilder {
    orgnrs: Vec<(u32, u32)>,
    municipalities: Vec<String>,
}

impl UnitIndexBuilder {
    fn add(&mut self, municipality: &str, units: impl Iterator<Item = OrgNr>) {
        let m = self.municipalities.len() as u32;
        self.municipalities.push(municipality.to_string());
        self.orgnrs.extend(units.map(|o| (o.get(), m)));
    }

    fn finish(mut self, snapshot_id: i64) -> UnitIndex {
        self.orgnrs.sort_unstable();
        self.orgnrs.shrink_to_fit();
        UnitIndex {
            snapshot_id,
            orgnrs: self.orgnrs,
            municipalities: self.municipalities,
        }
    }
}

/// How a visits file was stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VisitImport {
    /// The new visits' ids, in file order.
    pub ids: Vec<i64>,
    /// Visits already stored (skipped).
    pub unchanged: u64,
}

async fn insert_visit(
    conn: &mut sqlx::AnyConnection,
    plan_code: &str,
    v: &Visit,
    synthetic: bool,
    by: &str,
) -> Result<i64> {
    let follow: Vec<(&str, &[String])> = v
        .follow_ups
        .iter()
        .map(|f| (f.text.as_str(), f.links.as_slice()))
        .collect();
    let id: i64 = sqlx::query_scalar(concat!(
        "INSERT INTO visits (orgnr, company, sector, area, visit_date, year, kind, participants,",
        " topics, follow_ups, synthetic, recorded_by, recorded_at, plan_code)",
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"
    ))
    .bind(v.orgnr.to_string())
    .bind(&v.company)
    .bind(v.sector.as_deref())
    .bind(v.area.trim())
    .bind(v.date.to_string())
    .bind(i64::from(v.date.year()))
    .bind(v.kind.code())
    .bind(serde_json::to_string(&v.participants)?)
    .bind(serde_json::to_string(&v.topics)?)
    .bind(serde_json::to_string(&follow)?)
    .bind(i64::from(synthetic))
    .bind(by)
    .bind(now_rfc3339())
    .bind(plan_code)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A supplier as found in the register snapshot, with its industry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    /// What the matching needs.
    pub facts: SupplierFacts,
    /// SN2007 code of the main industry, e.g. `62.010`.
    pub nace: Option<String>,
}

fn enum_of<T: Copy>(value: &str, parse: impl Fn(&str) -> Option<T>, what: &str) -> Result<T> {
    parse(value).ok_or_else(|| StoreError::Corrupt(format!("unknown {what} {value:?}")))
}

fn date_of(s: &str) -> Result<Date> {
    local_registers::parse_date(s).map_err(StoreError::Corrupt)
}

fn land_row(r: &sqlx::any::AnyRow) -> Result<StoredLandChange> {
    let geometry: Option<String> = r.try_get("geometry")?;
    let geometry = match geometry {
        Some(g) => {
            Some(Geometry::from_geojson(&serde_json::from_str(&g)?).map_err(StoreError::Corrupt)?)
        }
        None => None,
    };
    let abc: Option<String> = r.try_get("abc")?;
    let hub: Option<i64> = r.try_get("hub_distance_m")?;
    Ok(StoredLandChange {
        id: r.try_get("id")?,
        change: SiteChange {
            site_id: r.try_get("site_id")?,
            date: date_of(&r.try_get::<String, _>("valid_from")?)?,
            state: SiteState {
                name: r.try_get("name")?,
                place: r.try_get("place")?,
                area_daa: r.try_get("area_daa")?,
                zoning: enum_of(&r.try_get::<String, _>("zoning")?, Zoning::parse, "zoning")?,
                availability: enum_of(
                    &r.try_get::<String, _>("availability")?,
                    Availability::parse,
                    "availability",
                )?,
                use_class: enum_of(
                    &r.try_get::<String, _>("use_class")?,
                    UseClass::parse,
                    "use class",
                )?,
                abc: abc
                    .map(|a| enum_of(&a, Abc::parse, "ABC category"))
                    .transpose()?,
                hub_distance_m: hub.and_then(|h| u32::try_from(h).ok()),
                owner: r.try_get("owner")?,
                geometry,
            },
            note: r.try_get("note")?,
        },
        synthetic: r.try_get::<i64, _>("synthetic")? != 0,
        file_name: r.try_get("file_name")?,
        imported_by: r.try_get("imported_by")?,
        imported_at: r.try_get("imported_at")?,
        superseded: false,
    })
}

macro_rules! land_select {
    () => {
        concat!(
    "SELECT c.id, c.site_id, c.valid_from, c.name, c.place, c.area_daa, c.zoning, c.availability,",
    " c.use_class, c.abc, c.hub_distance_m, c.owner, c.note, c.geometry,",
    " i.synthetic, i.file_name, i.imported_by, i.imported_at",
    " FROM land_changes c JOIN land_imports i ON i.id = c.import_id"
        )
    };
}

fn visit_row(r: &sqlx::any::AnyRow) -> Result<(Visit, bool)> {
    let orgnr: String = r.try_get("orgnr")?;
    let follow: Vec<(String, Vec<String>)> =
        serde_json::from_str(&r.try_get::<String, _>("follow_ups")?)?;
    Ok((
        Visit {
            id: r.try_get("id")?,
            orgnr: orgnr
                .parse()
                .map_err(|e| StoreError::Corrupt(format!("visit orgnr {orgnr:?}: {e}")))?,
            company: r.try_get("company")?,
            sector: r.try_get("sector")?,
            area: r.try_get("area")?,
            date: date_of(&r.try_get::<String, _>("visit_date")?)?,
            kind: enum_of(
                &r.try_get::<String, _>("kind")?,
                VisitKind::parse,
                "visit kind",
            )?,
            participants: serde_json::from_str(&r.try_get::<String, _>("participants")?)?,
            topics: serde_json::from_str(&r.try_get::<String, _>("topics")?)?,
            follow_ups: follow
                .into_iter()
                .map(|(text, links)| FollowUp { text, links })
                .collect(),
        },
        r.try_get::<i64, _>("synthetic")? != 0,
    ))
}

macro_rules! visit_select {
    () => {
        concat!(
            "SELECT id, orgnr, company, sector, area, visit_date, kind, participants, topics,",
            " follow_ups, synthetic FROM visits"
        )
    };
}

/// A land file as recorded with its changes.
#[derive(Debug, Clone, Copy)]
pub struct LandFile<'a> {
    /// The file's name.
    pub name: &'a str,
    /// Its SHA-256 (hex).
    pub sha256: &'a str,
    /// `csv`, `geojson` or `form` (entered on a staff page).
    pub format: &'a str,
    /// Made-up data.
    pub synthetic: bool,
}

impl Store {
    // -----------------------------------------------------------------------------------------
    // Land
    // -----------------------------------------------------------------------------------------

    /// Stores the changes of one land file for the plan `plan_code` in one transaction (see
    /// the module docs).
    pub async fn land_import(
        &self,
        plan_code: &str,
        file: LandFile<'_>,
        changes: &[SiteChange],
        by: &str,
    ) -> Result<LandImport> {
        let LandFile {
            name: file_name,
            sha256,
            format,
            synthetic,
        } = file;
        let current: BTreeMap<(String, Date), SiteChange> = self
            .land_changes(plan_code)
            .await?
            .into_iter()
            .map(|c| ((c.change.site_id.clone(), c.change.date), c.change))
            .collect();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO land_imports (file_name, sha256, format, synthetic, changes, unchanged, imported_by, imported_at, plan_code)",
            " VALUES ($1, $2, $3, $4, 0, 0, $5, $6, $7) RETURNING id"
        ))
        .bind(file_name)
        .bind(sha256)
        .bind(format)
        .bind(i64::from(synthetic))
        .bind(by)
        .bind(now_rfc3339())
        .bind(plan_code)
        .fetch_one(&mut *tx)
        .await?;
        let (mut stored, mut unchanged) = (0u64, 0u64);
        for c in changes {
            if current.get(&(c.site_id.clone(), c.date)) == Some(c) {
                unchanged += 1;
                continue;
            }
            let s = &c.state;
            sqlx::query(concat!(
                "INSERT INTO land_changes (site_id, valid_from, name, place, area_daa, zoning, availability,",
                " use_class, abc, hub_distance_m, owner, note, geometry, import_id)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
            ))
            .bind(&c.site_id)
            .bind(c.date.to_string())
            .bind(&s.name)
            .bind(&s.place)
            .bind(s.area_daa)
            .bind(s.zoning.code())
            .bind(s.availability.code())
            .bind(s.use_class.code())
            .bind(s.abc.map(Abc::code))
            .bind(s.hub_distance_m.map(i64::from))
            .bind(&s.owner)
            .bind(&c.note)
            .bind(s.geometry.as_ref().map(|g| g.to_geojson().to_string()))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            stored += 1;
        }
        sqlx::query("UPDATE land_imports SET changes = $1, unchanged = $2 WHERE id = $3")
            .bind(stored as i64)
            .bind(unchanged as i64)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(LandImport {
            id,
            stored,
            unchanged,
        })
    }

    /// Every recorded land change, corrections included (`superseded` marks the replaced
    /// ones), by site, date and recording order.
    pub async fn land_history(&self, plan_code: &str) -> Result<Vec<StoredLandChange>> {
        let rows = sqlx::query(concat!(
            land_select!(),
            " WHERE i.plan_code = $1 ORDER BY c.site_id, c.valid_from, c.id"
        ))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<StoredLandChange> = rows.iter().map(land_row).collect::<Result<_>>()?;
        for i in 1..out.len() {
            let (a, b) = (&out[i - 1].change, &out[i].change);
            if a.site_id == b.site_id && a.date == b.date {
                out[i - 1].superseded = true;
            }
        }
        Ok(out)
    }

    /// The land changes in effect (the latest recorded row for each site and date).
    pub async fn land_changes(&self, plan_code: &str) -> Result<Vec<StoredLandChange>> {
        Ok(self
            .land_history(plan_code)
            .await?
            .into_iter()
            .filter(|c| !c.superseded)
            .collect())
    }

    /// Every land row and import as text, for tests that a refused file changed nothing.
    pub async fn land_dump(&self, plan_code: &str) -> Result<String> {
        let mut out = String::new();
        for c in self.land_history(plan_code).await? {
            out.push_str(&format!("{:?}\n", c));
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM land_imports")
            .fetch_one(self.pool())
            .await?;
        out.push_str(&format!("imports {n}\n"));
        Ok(out)
    }

    // -----------------------------------------------------------------------------------------
    // Procurement
    // -----------------------------------------------------------------------------------------

    /// Stores one ledger file in one transaction; the same file (SHA-256) twice changes nothing.
    pub async fn procurement_import(
        &self,
        plan_code: &str,
        file_name: &str,
        sha256: &str,
        synthetic: bool,
        rows: &[LedgerRow],
    ) -> Result<LedgerImport> {
        if let Some(row) =
            sqlx::query("SELECT id, plan_code FROM procurement_imports WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(self.pool())
                .await?
        {
            let owner: Option<String> = row.try_get("plan_code")?;
            if owner.as_deref().is_some_and(|o| o != plan_code) {
                return Err(StoreError::Invalid(format!(
                    "this ledger file is already imported for municipality {}",
                    owner.unwrap_or_default()
                )));
            }
            return Ok(LedgerImport::AlreadyImported {
                id: row.try_get("id")?,
            });
        }
        let first = rows.iter().map(|r| r.date).min();
        let last = rows.iter().map(|r| r.date).max();
        let (Some(first), Some(last)) = (first, last) else {
            return Err(StoreError::Invalid("a ledger without rows".into()));
        };
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO procurement_imports (file_name, sha256, rows, first_date, last_date, synthetic, imported_at, plan_code)",
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        ))
        .bind(file_name)
        .bind(sha256)
        .bind(rows.len() as i64)
        .bind(first.to_string())
        .bind(last.to_string())
        .bind(i64::from(synthetic))
        .bind(now_rfc3339())
        .bind(plan_code)
        .fetch_one(&mut *tx)
        .await?;
        for r in rows {
            sqlx::query(concat!(
                "INSERT INTO procurement_rows (import_id, line, orgnr, supplier, amount_ore, paid_on, year, category)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ))
            .bind(id)
            .bind(r.line as i64)
            .bind(r.orgnr.map(|o| o.to_string()))
            .bind(&r.supplier)
            .bind(r.amount_ore)
            .bind(r.date.to_string())
            .bind(i64::from(r.date.year()))
            .bind(&r.category)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(LedgerImport::Imported {
            id,
            rows: rows.len() as u64,
        })
    }

    /// The stored ledger files, oldest first.
    pub async fn procurement_imports(&self, plan_code: &str) -> Result<Vec<ProcurementImportInfo>> {
        let rows = sqlx::query(
            "SELECT id, file_name, sha256, rows, synthetic, imported_at FROM procurement_imports WHERE plan_code = $1 ORDER BY id",
        )
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ProcurementImportInfo {
                    id: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    sha256: r.try_get("sha256")?,
                    rows: u64::try_from(r.try_get::<i64, _>("rows")?).unwrap_or(0),
                    synthetic: r.try_get::<i64, _>("synthetic")? != 0,
                    imported_at: r.try_get("imported_at")?,
                })
            })
            .collect()
    }

    /// The stored ledger rows (of one year, or all), and whether any of them is synthetic.
    pub async fn procurement_rows(
        &self,
        plan_code: &str,
        year: Option<i32>,
    ) -> Result<(Vec<LedgerRow>, bool)> {
        let rows = sqlx::query(concat!(
            "SELECT r.line, r.orgnr, r.supplier, r.amount_ore, r.paid_on, r.category, i.synthetic",
            " FROM procurement_rows r JOIN procurement_imports i ON i.id = r.import_id",
            " WHERE i.plan_code = $2 AND ($1 = 0 OR r.year = $1) ORDER BY r.import_id, r.line"
        ))
        .bind(i64::from(year.unwrap_or(0)))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        let mut synthetic = false;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            synthetic |= r.try_get::<i64, _>("synthetic")? != 0;
            let orgnr: Option<String> = r.try_get("orgnr")?;
            out.push(LedgerRow {
                line: u64::try_from(r.try_get::<i64, _>("line")?).unwrap_or(0),
                orgnr: orgnr
                    .map(|o| {
                        o.parse::<OrgNr>()
                            .map_err(|e| StoreError::Corrupt(format!("ledger orgnr {o:?}: {e}")))
                    })
                    .transpose()?,
                supplier: r.try_get("supplier")?,
                amount_ore: r.try_get("amount_ore")?,
                date: date_of(&r.try_get::<String, _>("paid_on")?)?,
                category: r.try_get("category")?,
            });
        }
        Ok((out, synthetic))
    }

    /// Looks organisation numbers up in the current enheter snapshot (the latest real one, or
    /// the latest synthetic while there is none). Numbers not in it are absent from the map.
    /// Returns the snapshot used (`None` when no register data is stored).
    ///
    /// The units are stored packed per municipality (`register_unit_tables`), so a lookup
    /// reads whole municipality tables. To read only the tables that hold the numbers asked
    /// for, the store handle keeps in memory, per snapshot, where each number lives (built by
    /// one full read the first time a snapshot is looked up, 8 bytes per unit) and
    /// fetches just those tables with parameterised, batched `IN` queries; the last few
    /// answers are kept too, so a page asking again for the same ledger's numbers reads no
    /// unit table at all. Both are keyed on the snapshot's id: snapshots never change once
    /// stored, and a newer or deleted one changes the current id.
    pub async fn register_lookup(
        &self,
        orgnrs: &BTreeSet<OrgNr>,
    ) -> Result<(Option<SnapshotInfo>, BTreeMap<OrgNr, RegisterEntry>)> {
        let Some(snap) = self
            .current_register_snapshot(SnapshotKind::Enheter)
            .await?
        else {
            return Ok((None, BTreeMap::new()));
        };
        if orgnrs.is_empty() {
            return Ok((Some(snap), BTreeMap::new()));
        }
        let (index, memo) = {
            let c = self.lookup.lock().unwrap_or_else(|e| e.into_inner());
            let memo = c
                .answers
                .iter()
                .find(|(id, set, _)| *id == snap.id && set == orgnrs)
                .map(|(_, _, found)| found.clone());
            (c.index.clone().filter(|i| i.snapshot_id == snap.id), memo)
        };
        if let Some(found) = memo {
            return Ok((Some(snap), found));
        }
        let mut out = BTreeMap::new();
        match index {
            Some(index) => {
                let wanted: BTreeSet<&str> = orgnrs
                    .iter()
                    .filter_map(|o| index.municipality(*o))
                    .collect();
                let wanted: Vec<&str> = wanted.into_iter().collect();
                for batch in wanted.chunks(LOOKUP_BATCH) {
                    let placeholders: Vec<String> =
                        (0..batch.len()).map(|i| format!("${}", i + 2)).collect();
                    // Only placeholders are formatted into the statement; the values are bound.
                    let sql = format!(
                        "SELECT municipality, data FROM register_unit_tables WHERE snapshot_id = $1 AND municipality IN ({})",
                        placeholders.join(", ")
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(snap.id);
                    for m in batch {
                        q = q.bind(*m);
                    }
                    let rows = q.fetch_all(self.pool()).await?;
                    self.collect_units(&rows, orgnrs, &mut out, None)?;
                }
            }
            None => {
                let rows = sqlx::query(
                    "SELECT municipality, data FROM register_unit_tables WHERE snapshot_id = $1",
                )
                .bind(snap.id)
                .fetch_all(self.pool())
                .await?;
                let mut index = UnitIndexBuilder::default();
                self.collect_units(&rows, orgnrs, &mut out, Some(&mut index))?;
                let index = std::sync::Arc::new(index.finish(snap.id));
                self.lookup.lock().unwrap_or_else(|e| e.into_inner()).index = Some(index);
            }
        }
        let mut c = self.lookup.lock().unwrap_or_else(|e| e.into_inner());
        c.answers.retain(|(id, _, _)| *id == snap.id);
        c.answers.push((snap.id, orgnrs.clone(), out.clone()));
        if c.answers.len() > LOOKUP_ANSWERS {
            c.answers.remove(0);
        }
        Ok((Some(snap), out))
    }

    /// How many packed unit tables [`Store::register_lookup`] has decoded through this handle
    /// (and its clones): for tests and diagnostics of the lookup cache.
    pub fn register_unit_tables_read(&self) -> u64 {
        self.lookup
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .tables_read
    }

    fn collect_units(
        &self,
        rows: &[sqlx::any::AnyRow],
        orgnrs: &BTreeSet<OrgNr>,
        out: &mut BTreeMap<OrgNr, RegisterEntry>,
        mut index: Option<&mut UnitIndexBuilder>,
    ) -> Result<()> {
        for r in rows {
            let municipality: String = r.try_get("municipality")?;
            let data: Vec<u8> = r.try_get("data")?;
            let units = decode_units(&data)?;
            self.lookup
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .tables_read += 1;
            if let Some(index) = index.as_deref_mut() {
                index.add(&municipality, units.iter().map(|u| u.orgnr));
            }
            for u in units {
                if !orgnrs.contains(&u.orgnr) {
                    continue;
                }
                let status = if u.bankrupt {
                    SupplierStatus::Bankrupt
                } else if !u.present {
                    SupplierStatus::Deleted
                } else {
                    SupplierStatus::Active
                };
                out.insert(
                    u.orgnr,
                    RegisterEntry {
                        facts: SupplierFacts {
                            name: u.name.clone(),
                            municipality: (!municipality.is_empty()).then(|| municipality.clone()),
                            employees: u.employees,
                            org_form: u.org_form.as_str().to_string(),
                            status,
                        },
                        nace: u
                            .nace
                            .map(|n| format!("{:02}.{:03}", n.get() / 1000, n.get() % 1000)),
                    },
                );
            }
        }
        Ok(())
    }

    /// Every ledger row and import as text, for tests that a refused file changed nothing.
    pub async fn procurement_dump(&self, plan_code: &str) -> Result<String> {
        let (rows, synthetic) = self.procurement_rows(plan_code, None).await?;
        let mut out = format!("synthetic {synthetic}\n");
        for r in rows {
            out.push_str(&format!("{r:?}\n"));
        }
        Ok(out)
    }

    // -----------------------------------------------------------------------------------------
    // Visits
    // -----------------------------------------------------------------------------------------

    /// Records a visit; returns its id.
    pub async fn visit_add(
        &self,
        plan_code: &str,
        v: &Visit,
        synthetic: bool,
        by: &str,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = insert_visit(&mut tx, plan_code, v, synthetic, by).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the visits of one file in one transaction: all or nothing. A visit already
    /// stored with the same organisation number, date, kind, area, participants, topics and
    /// follow-ups (or repeated in the file) is skipped, so importing a file twice stores it
    /// once.
    pub async fn visit_import(
        &self,
        plan_code: &str,
        visits: &[Visit],
        synthetic: bool,
        by: &str,
    ) -> Result<VisitImport> {
        type Key = (
            OrgNr,
            Date,
            &'static str,
            String,
            Vec<String>,
            Vec<String>,
            Vec<FollowUp>,
        );
        let key = |v: &Visit| -> Key {
            (
                v.orgnr,
                v.date,
                v.kind.code(),
                v.area.trim().to_string(),
                v.participants.clone(),
                v.topics.clone(),
                v.follow_ups.clone(),
            )
        };
        let mut seen: BTreeSet<Key> = self
            .visits(plan_code)
            .await?
            .iter()
            .map(|(v, _)| key(v))
            .collect();
        let mut tx = self.begin_write().await?;
        let mut out = VisitImport::default();
        for v in visits {
            if !seen.insert(key(v)) {
                out.unchanged += 1;
                continue;
            }
            out.ids
                .push(insert_visit(&mut tx, plan_code, v, synthetic, by).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Every stored visit (newest first) with its synthetic flag. Staff only: these are
    /// personal data.
    pub async fn visits(&self, plan_code: &str) -> Result<Vec<(Visit, bool)>> {
        let rows = sqlx::query(concat!(
            visit_select!(),
            " WHERE plan_code = $1 ORDER BY visit_date DESC, id DESC"
        ))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(visit_row).collect()
    }

    /// One visit. Staff only.
    pub async fn visit(&self, plan_code: &str, id: i64) -> Result<Option<(Visit, bool)>> {
        let row = sqlx::query(concat!(
            visit_select!(),
            " WHERE id = $1 AND plan_code = $2"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(visit_row).transpose()
    }

    /// Deletes the visits dated before `cutoff`, keeping their counts (no names, no text) in
    /// the archive; one transaction. Returns how many were deleted.
    pub async fn visits_purge(&self, plan_code: &str, cutoff: Date, by: &str) -> Result<u64> {
        let old: Vec<(Visit, bool)> = self
            .visits(plan_code)
            .await?
            .into_iter()
            .filter(|(v, _)| v.date < cutoff)
            .collect();
        let mut tx = self.begin_write().await?;
        let purge: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO visit_purges (cutoff, deleted, purged_by, purged_at, plan_code)",
            " VALUES ($1, $2, $3, $4, $5) RETURNING id"
        ))
        .bind(cutoff.to_string())
        .bind(old.len() as i64)
        .bind(by)
        .bind(now_rfc3339())
        .bind(plan_code)
        .fetch_one(&mut *tx)
        .await?;
        type Key = (i32, String, String, &'static str, bool);
        let mut counts: BTreeMap<Key, (i64, i64, i64)> = BTreeMap::new();
        for (v, synthetic) in &old {
            let area = if v.area.trim().is_empty() {
                "?".to_string()
            } else {
                v.area.trim().to_string()
            };
            let e = counts
                .entry((
                    v.date.year(),
                    v.sector.clone().unwrap_or_else(|| "?".into()),
                    area,
                    v.kind.code(),
                    *synthetic,
                ))
                .or_default();
            e.0 += 1;
            e.1 += v.follow_ups.len() as i64;
            e.2 += v.follow_ups.iter().filter(|f| !f.links.is_empty()).count() as i64;
        }
        for ((year, sector, area, kind, synthetic), (n, f, l)) in counts {
            sqlx::query(concat!(
                "INSERT INTO visit_archive (purge_id, year, sector, area, kind, visits, follow_ups, linked, synthetic)",
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            ))
            .bind(purge)
            .bind(i64::from(year))
            .bind(sector)
            .bind(area)
            .bind(kind)
            .bind(n)
            .bind(f)
            .bind(l)
            .bind(i64::from(synthetic))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM visits WHERE visit_date < $1 AND plan_code = $2")
            .bind(cutoff.to_string())
            .bind(plan_code)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(old.len() as u64)
    }

    /// Deletes one visit (on request, e.g. when a participant asks). No counts are kept.
    pub async fn visit_delete(&self, plan_code: &str, id: i64) -> Result<bool> {
        let n = sqlx::query("DELETE FROM visits WHERE id = $1 AND plan_code = $2")
            .bind(id)
            .bind(plan_code)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n > 0)
    }

    /// Public aggregates: the stored visits plus the archived counts of purged ones, and
    /// whether any of them is synthetic. `companies_per_year` counts the stored visits only.
    pub async fn visit_aggregates(&self, plan_code: &str) -> Result<(VisitAggregates, bool)> {
        let live = self.visits(plan_code).await?;
        let mut synthetic = live.iter().any(|(_, s)| *s);
        let visits: Vec<Visit> = live.into_iter().map(|(v, _)| v).collect();
        let mut a = local_registers::visits::aggregate(&visits);
        let rows = sqlx::query(
            "SELECT a.year, a.sector, a.area, a.kind, a.visits, a.follow_ups, a.linked, a.synthetic FROM visit_archive a JOIN visit_purges p ON p.id = a.purge_id WHERE p.plan_code = $1",
        )
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        for r in &rows {
            let y = i32::try_from(r.try_get::<i64, _>("year")?).unwrap_or(0);
            let n = u64::try_from(r.try_get::<i64, _>("visits")?).unwrap_or(0);
            let f = u64::try_from(r.try_get::<i64, _>("follow_ups")?).unwrap_or(0);
            let l = u64::try_from(r.try_get::<i64, _>("linked")?).unwrap_or(0);
            let kind = enum_of(
                &r.try_get::<String, _>("kind")?,
                VisitKind::parse,
                "visit kind",
            )?;
            synthetic |= r.try_get::<i64, _>("synthetic")? != 0;
            *a.per_year.entry(y).or_default() += n;
            *a.per_year_sector
                .entry(y)
                .or_default()
                .entry(r.try_get("sector")?)
                .or_default() += n;
            *a.per_year_area
                .entry(y)
                .or_default()
                .entry(r.try_get("area")?)
                .or_default() += n;
            *a.per_year_kind
                .entry(y)
                .or_default()
                .entry(kind)
                .or_default() += n;
            let e = a.follow_ups_per_year.entry(y).or_default();
            e.0 += f;
            e.1 += l;
        }
        Ok((a, synthetic))
    }
}

/// The headcount as text, for display (`12`, `skjult`, `ingen registrert`).
pub fn employees_label(e: Employees) -> String {
    match e {
        Employees::Known(n) => n.to_string(),
        Employees::Withheld => "skjult".into(),
        Employees::NotRegistered => "ingen registrert".into(),
    }
}
