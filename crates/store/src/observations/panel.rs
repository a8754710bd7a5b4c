//! Bulk reads: many catalogue series for every municipality and many years at once.
//!
//! [`Store::resolve`] answers one (series, municipality, year) with a few queries; a ranking of
//! every municipality needs ~26 series × 357 municipalities × several years, which would be tens
//! of thousands of round trips. [`Store::series_panel`] reads each series' table/contents ONCE
//! for all the years asked (summing the keys of a `sum_over` series in SQL), and
//! [`SeriesPanel::resolve`] then maps the cells to any geography in memory, with the same rules
//! as [`Store::resolve`]:
//!
//! 1. the codes valid on the series' date that make up the target are summed (additive series;
//!    a ratio or non-additive series only when the target is one whole code);
//! 2. when those codes have nothing, the figure may be published under the target code itself
//!    (re-districted, e.g. a median on later borders), or under the code it was later renumbered
//!    to (3025 → 3203);
//! 3. beyond [`Store::resolve`]: when the target was later split and every part came from it
//!    alone (1507 Ålesund → 1508 Ålesund + 1580 Haram in 2024), an additive figure published on
//!    the later borders is the sum of the parts.
//!
//! A commuting-block series (the home × work block of SSB's 03321 matrix) is read with its work
//! municipality as the cell's member and resolved like [`Store::resolve`] does: the sum over
//! the block of the codes that make up the target, each home code weighted by its share.
//!
//! Every value keeps its synthetic flag and the imports (files) it came from.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use sqlx::Row;
use stats::geography::{Additivity, Geography, Series};
use time::{Date, Month};

use super::ResolveError;
use super::resolve::{
    AdditivityKind, Method, Missing, Provenance, SeriesCatalogue, SeriesDef, SeriesKind,
};
use crate::{Backend, Store};

/// One series' cell on its own geography: the sum over its keys for a region and period.
#[derive(Debug, Clone, PartialEq)]
struct RawCell {
    /// The sum, when every key has a value.
    value: Option<f64>,
    /// A missing value's status symbol (the first, by sort order), when some key has none.
    status: Option<String>,
    /// Whether every key of the series has a row.
    complete: bool,
    synthetic: bool,
    /// Indices into [`SeriesPanel::provenance`].
    imports: Vec<u32>,
}

#[derive(Debug, Clone)]
struct PanelSeries {
    def: SeriesDef,
    /// (member, region, period) → cell; member is `""` unless the series has a `by` dimension.
    /// member → region → period → cell (nested so that a lookup borrows its keys: a national
    /// table resolves ~30 000 cells).
    cells: HashMap<String, HashMap<String, HashMap<String, RawCell>>>,
    members: BTreeSet<String>,
}

impl PanelSeries {
    /// The cell of `member` (`""` without a `by` dimension; a commuting block's work
    /// municipality) for `region` and `period`.
    fn cell(&self, member: &str, region: &str, period: &str) -> Option<&RawCell> {
        self.cells.get(member)?.get(region)?.get(period)
    }
}

/// How the codes of one date became those of a later date.
#[derive(Debug, Default)]
struct Structure {
    /// Later code → (earlier code, whether that code was split).
    parts: HashMap<String, Vec<(String, bool)>>,
    /// Earlier code → later codes.
    succ: HashMap<String, Vec<String>>,
}

/// A resolved panel value (see [`SeriesPanel::resolve`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelValue {
    /// The value, if there is one.
    pub value: Option<f64>,
    /// Why there is none.
    pub missing: Option<Missing>,
    /// True if any number in it is synthetic.
    pub synthetic: bool,
    /// How it was found.
    pub method: Method,
    /// The codes read (on the series' own geography, or the re-districted code).
    pub components: Vec<String>,
    /// Indices into [`SeriesPanel::provenance`] of the files it came from.
    pub provenance: Vec<u32>,
}

/// Catalogue series read once for a range of years, resolvable on any geography in memory.
#[derive(Debug)]
pub struct SeriesPanel {
    series: BTreeMap<String, PanelSeries>,
    provenance: Vec<Provenance>,
    structures: Mutex<HashMap<(Date, Date), Arc<Structure>>>,
    today: Date,
}

const AGG_SQLITE: &str = "SELECT o.region AS region, o.period AS period, '' AS series_key, \
     CAST(SUM(o.value) AS REAL) AS total, COUNT(o.value) AS n_values, COUNT(*) AS n_rows, \
     MIN(o.status) AS status, MAX(o.synthetic) AS synthetic, group_concat(DISTINCT o.import_id) AS imports \
     FROM observations o WHERE o.table_id = $1 AND o.contents_code = $2 AND o.superseded_by IS NULL \
     AND o.period IN (SELECT value FROM json_each($3)) AND o.series_key IN (SELECT value FROM json_each($4)) \
     GROUP BY o.region, o.period";
const AGG_POSTGRES: &str = "SELECT o.region AS region, o.period AS period, '' AS series_key, \
     SUM(o.value) AS total, COUNT(o.value) AS n_values, COUNT(*) AS n_rows, \
     MIN(o.status) AS status, MAX(o.synthetic) AS synthetic, string_agg(DISTINCT o.import_id::text, ',') AS imports \
     FROM observations o WHERE o.table_id = $1 AND o.contents_code = $2 AND o.superseded_by IS NULL \
     AND o.period IN (SELECT jsonb_array_elements_text($3::jsonb)) AND o.series_key IN (SELECT jsonb_array_elements_text($4::jsonb)) \
     GROUP BY o.region, o.period";
const BY_KEY_SQLITE: &str = "SELECT o.region AS region, o.period AS period, o.series_key AS series_key, \
     CAST(o.value AS REAL) AS total, CASE WHEN o.value IS NULL THEN 0 ELSE 1 END AS n_values, 1 AS n_rows, \
     o.status AS status, o.synthetic AS synthetic, CAST(o.import_id AS TEXT) AS imports \
     FROM observations o WHERE o.table_id = $1 AND o.contents_code = $2 AND o.superseded_by IS NULL \
     AND o.period IN (SELECT value FROM json_each($3))";
const BY_KEY_POSTGRES: &str = "SELECT o.region AS region, o.period AS period, o.series_key AS series_key, \
     o.value AS total, CASE WHEN o.value IS NULL THEN 0 ELSE 1 END::bigint AS n_values, 1::bigint AS n_rows, \
     o.status AS status, o.synthetic AS synthetic, o.import_id::text AS imports \
     FROM observations o WHERE o.table_id = $1 AND o.contents_code = $2 AND o.superseded_by IS NULL \
     AND o.period IN (SELECT jsonb_array_elements_text($3::jsonb))";
const IMPORTS_SQLITE: &str = "SELECT id, file_name, sha256, table_id, source_url, updated, imported_at, synthetic \
     FROM imports WHERE id IN (SELECT value FROM json_each($1)) ORDER BY id";
const IMPORTS_POSTGRES: &str = "SELECT id, file_name, sha256, table_id, source_url, updated, imported_at, synthetic \
     FROM imports WHERE id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint) ORDER BY id";

/// Parses a series key (`"Alder=015;Kjonn=2"`) into its pairs.
fn key_pairs(key: &str) -> BTreeMap<&str, &str> {
    key.split(';')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .collect()
}

impl Store {
    /// Reads the named catalogue series for `years` (one query per series; a `sum_over`
    /// series is summed over its keys in the database), for resolving in memory with
    /// [`SeriesPanel::resolve`] on any geography. A commuting-block series is read cell by
    /// cell (home × work municipality).
    pub async fn series_panel(
        &self,
        catalogue: &SeriesCatalogue,
        series: &[&str],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<SeriesPanel, ResolveError> {
        let mut import_ids: BTreeSet<i64> = BTreeSet::new();
        let mut raw: Vec<(String, SeriesDef, Vec<RawRow>)> = Vec::new();
        for &name in series {
            let def = catalogue.get(name)?.clone();
            let periods: Vec<String> = years.clone().map(|y| def.period_of(y)).collect();
            let periods = serde_json::to_string(&periods).map_err(crate::StoreError::from)?;
            let rows = if def.by.is_some() || def.kind == SeriesKind::CommutingBlock {
                let sql = match self.backend() {
                    Backend::Sqlite => BY_KEY_SQLITE,
                    Backend::Postgres => BY_KEY_POSTGRES,
                };
                sqlx::query(sql)
                    .bind(&def.table)
                    .bind(&def.contents)
                    .bind(periods)
                    .fetch_all(self.pool())
                    .await?
            } else {
                let keys = def.series_keys(None)?;
                let keys = serde_json::to_string(&keys).map_err(crate::StoreError::from)?;
                let sql = match self.backend() {
                    Backend::Sqlite => AGG_SQLITE,
                    Backend::Postgres => AGG_POSTGRES,
                };
                sqlx::query(sql)
                    .bind(&def.table)
                    .bind(&def.contents)
                    .bind(periods)
                    .bind(keys)
                    .fetch_all(self.pool())
                    .await?
            };
            let rows = rows
                .iter()
                .map(RawRow::from_row)
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            for r in &rows {
                import_ids.extend(r.imports.iter().copied());
            }
            raw.push((name.to_owned(), def, rows));
        }

        // The files the cells came from.
        let ids: Vec<i64> = import_ids.iter().copied().collect();
        let sql = match self.backend() {
            Backend::Sqlite => IMPORTS_SQLITE,
            Backend::Postgres => IMPORTS_POSTGRES,
        };
        let rows = sqlx::query(sql)
            .bind(serde_json::to_string(&ids).map_err(crate::StoreError::from)?)
            .fetch_all(self.pool())
            .await?;
        let mut provenance = Vec::with_capacity(rows.len());
        let mut index: HashMap<i64, u32> = HashMap::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let table_id: Option<String> = r.try_get("table_id")?;
            index.insert(id, provenance.len() as u32);
            provenance.push(Provenance {
                table_id: table_id.unwrap_or_default(),
                source_url: r.try_get("source_url")?,
                updated: r.try_get("updated")?,
                imported_at: r.try_get("imported_at")?,
                file_sha256: r.try_get("sha256")?,
                file_name: r.try_get("file_name")?,
                synthetic: r.try_get::<i64, _>("synthetic")? != 0,
            });
        }

        let mut out = BTreeMap::new();
        for (name, def, rows) in raw {
            let mut cells: HashMap<String, HashMap<String, HashMap<String, RawCell>>> =
                HashMap::new();
            let mut members = BTreeSet::new();
            let block_dimension = (def.kind == SeriesKind::CommutingBlock)
                .then(|| def.work_dimension.as_deref().unwrap_or("ArbstedKomm"));
            let n_keys = if def.by.is_some() || block_dimension.is_some() {
                1
            } else {
                def.series_keys(None)?.len() as i64
            };
            for r in rows {
                let member = match (&def.by, block_dimension) {
                    // A commuting block: the work municipality is the member.
                    (_, Some(work)) => {
                        let pairs = key_pairs(&r.series_key);
                        if def
                            .filters
                            .iter()
                            .any(|(d, c)| pairs.get(d.as_str()) != Some(&c.as_str()))
                            || pairs.len() != def.filters.len() + 1
                        {
                            continue;
                        }
                        match pairs.get(work) {
                            Some(w) => (*w).to_owned(),
                            None => continue,
                        }
                    }
                    (None, None) => String::new(),
                    (Some(by), None) => {
                        let pairs = key_pairs(&r.series_key);
                        if def
                            .filters
                            .iter()
                            .any(|(d, c)| pairs.get(d.as_str()) != Some(&c.as_str()))
                            || pairs.len() != def.filters.len() + 1
                        {
                            continue;
                        }
                        match pairs.get(by.as_str()) {
                            Some(m) => (*m).to_owned(),
                            None => continue,
                        }
                    }
                };
                members.insert(member.clone());
                let complete = r.n_rows >= n_keys;
                let all_values = r.n_values == r.n_rows;
                cells
                    .entry(member)
                    .or_default()
                    .entry(r.region)
                    .or_default()
                    .insert(
                        r.period,
                        RawCell {
                            value: if complete && all_values {
                                r.total
                            } else {
                                None
                            },
                            status: if all_values { None } else { r.status },
                            complete,
                            synthetic: r.synthetic,
                            imports: r
                                .imports
                                .iter()
                                .filter_map(|i| index.get(i).copied())
                                .collect(),
                        },
                    );
            }
            if def.by.is_none() {
                members.clear();
            }
            out.insert(
                name,
                PanelSeries {
                    def,
                    cells,
                    members,
                },
            );
        }
        Ok(SeriesPanel {
            series: out,
            provenance,
            structures: Mutex::new(HashMap::new()),
            today: time::OffsetDateTime::now_utc().date(),
        })
    }
}

/// One row of the panel queries.
struct RawRow {
    region: String,
    period: String,
    series_key: String,
    total: Option<f64>,
    n_values: i64,
    n_rows: i64,
    status: Option<String>,
    synthetic: bool,
    imports: Vec<i64>,
}

impl RawRow {
    fn from_row(r: &sqlx::any::AnyRow) -> Result<RawRow, sqlx::Error> {
        let imports: Option<String> = r.try_get("imports")?;
        Ok(RawRow {
            region: r.try_get("region")?,
            period: r.try_get("period")?,
            series_key: r.try_get("series_key")?,
            total: r.try_get("total")?,
            n_values: r.try_get("n_values")?,
            n_rows: r.try_get("n_rows")?,
            status: r.try_get("status")?,
            synthetic: r.try_get::<i64, _>("synthetic")? != 0,
            imports: imports
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
        })
    }
}

fn jan1(year: i32) -> Result<Date, ResolveError> {
    Date::from_calendar_date(year, Month::January, 1)
        .map_err(|e| ResolveError::Catalogue(format!("year {year}: {e}")))
}

impl SeriesPanel {
    /// The files the panel's cells came from ([`PanelValue::provenance`] indexes this).
    pub fn provenance(&self) -> &[Provenance] {
        &self.provenance
    }

    /// The series read.
    pub fn series(&self) -> impl Iterator<Item = &str> {
        self.series.keys().map(String::as_str)
    }

    /// The members found of a series with a `by` dimension (e.g. the industries of
    /// `jobs_by_industry`), sorted; empty for other series.
    pub fn members(&self, series: &str) -> Vec<String> {
        self.series
            .get(series)
            .map(|s| s.members.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn structure(
        &self,
        geo: &Geography,
        from: Date,
        to: Date,
    ) -> Result<Arc<Structure>, ResolveError> {
        let key = (from, to);
        if let Some(s) = self
            .structures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(s.clone());
        }
        let mut s = Structure::default();
        for m in geo.municipalities_at(from)? {
            let succ = geo.successors(&m.code, from, to)?;
            let split = succ.len() > 1;
            for t in &succ {
                s.parts
                    .entry(t.clone())
                    .or_default()
                    .push((m.code.clone(), split));
            }
            s.succ.insert(m.code.clone(), succ);
        }
        let s = Arc::new(s);
        self.structures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, s.clone());
        Ok(s)
    }

    /// The codes on `series_date` that make up `code` (valid on `at`), each with whether it was
    /// later split: rule 1 of the module docs.
    fn parts(
        &self,
        geo: &Geography,
        code: &str,
        at: Date,
        series_date: Date,
    ) -> Result<Vec<(String, bool)>, ResolveError> {
        Ok(if at >= series_date {
            self.structure(geo, series_date, at)?
                .parts
                .get(code)
                .cloned()
                .unwrap_or_default()
        } else {
            geo.municipality(code, series_date)?;
            vec![(code.to_owned(), false)]
        })
    }

    /// Rule 2's candidates, in the order tried: the target's own code (unless rule 1 read just
    /// that), then the codes it was later renumbered or split into when they came from it
    /// alone; each with whether it is one code (a split's parts are summed only for an additive
    /// series).
    fn redistricted(
        &self,
        geo: &Geography,
        code: &str,
        at: Date,
        comps: &[(String, bool)],
    ) -> Result<Vec<(Vec<String>, bool)>, ResolveError> {
        let later = self.structure(geo, at, self.today)?;
        let mut candidates: Vec<(Vec<String>, bool)> = Vec::new();
        if !(comps.len() == 1 && comps[0].0 == code) {
            candidates.push((vec![code.to_owned()], true));
        }
        if let Some(next) = later.succ.get(code) {
            let only_from_target = next.iter().all(|n| {
                later
                    .parts
                    .get(n)
                    .is_some_and(|p| p.len() == 1 && p[0].0 == code)
            });
            if only_from_target && next.as_slice() != [code.to_owned()] {
                candidates.push((next.clone(), next.len() == 1));
            }
        }
        Ok(candidates)
    }

    /// The value of `series` (member `member` of a `by` series) for the municipality `code`
    /// valid on `at`, in `year` (see the module docs for the rules).
    pub fn resolve(
        &self,
        geo: &Geography,
        series: &str,
        member: Option<&str>,
        code: &str,
        year: i32,
        at: Date,
    ) -> Result<PanelValue, ResolveError> {
        let s = self
            .series
            .get(series)
            .ok_or_else(|| ResolveError::UnknownSeries {
                name: series.to_owned(),
                known: self.series.keys().cloned().collect(),
            })?;
        if s.def.kind == SeriesKind::CommutingBlock {
            return self.resolve_block(geo, s, series, code, year, at);
        }
        if s.def.by.is_some() && member.is_none() {
            return Err(ResolveError::NeedsSelection {
                dimension: s.def.by.clone().unwrap_or_default(),
            });
        }
        let member = member.unwrap_or("");
        let period = s.def.period_of(year);
        let series_date = jan1(year)?.max(geo.coverage_start());
        geo.municipality(code, at)?;
        let additive = s.def.additivity == AdditivityKind::Additive;
        let cell = |region: &str| s.cell(member, region, &period);

        // 1. The codes on the series' date that make up the target.
        let comps = self.parts(geo, code, at, series_date)?;
        let whole = comps.len() == 1 && !comps[0].1;
        let summable = comps.iter().all(|(_, split)| !split) && (additive || whole);
        if summable && comps.iter().any(|(c, _)| cell(c).is_some()) {
            let method = if comps.len() == 1 && comps[0].0 == code {
                Method::Direct
            } else {
                Method::Summed
            };
            let codes: Vec<&str> = comps.iter().map(|(c, _)| c.as_str()).collect();
            return Ok(self.combine(s, &codes, &period, member, method, &cell));
        }

        // 2. Published under the target itself, under the code it was renumbered to, or
        //    (additive only) under the parts it was later split into.
        if at < self.today {
            let candidates = self.redistricted(geo, code, at, &comps)?;
            for (codes, one) in candidates {
                if !one && !additive {
                    continue;
                }
                if codes.iter().any(|c| cell(c).is_some()) {
                    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
                    return Ok(self.combine(
                        s,
                        &codes,
                        &period,
                        member,
                        Method::Redistricted,
                        &cell,
                    ));
                }
            }
        }

        // 3. Nothing.
        let codes: Vec<String> = comps.iter().map(|(c, _)| c.clone()).collect();
        let missing = if summable {
            Missing::no_data(&format!(
                "{} {} {} {}",
                s.def.table,
                s.def.contents,
                codes.join("+"),
                period
            ))
        } else {
            Missing::not_summable(series, &codes)
        };
        Ok(PanelValue {
            value: None,
            missing: Some(missing),
            synthetic: false,
            method: if whole {
                Method::Direct
            } else {
                Method::Summed
            },
            components: codes,
            provenance: Vec::new(),
        })
    }

    /// A commuting block, as [`Store::resolve`] computes it: for each code on the series' date
    /// that makes up the target (its share of it, for a code later split), the sum of its
    /// residents working in any of those codes.
    fn resolve_block(
        &self,
        geo: &Geography,
        s: &PanelSeries,
        series: &str,
        code: &str,
        year: i32,
        at: Date,
    ) -> Result<PanelValue, ResolveError> {
        let period = s.def.period_of(year);
        let series_date = jan1(year)?.max(geo.coverage_start());
        geo.municipality(code, at)?;
        let parts = self.parts(geo, code, at, series_date)?;
        let (components, shares) = block_parts(geo, series, code, at, series_date, parts)?;
        let mut total = Some(0.0);
        let mut first_missing: Option<Missing> = None;
        let mut synthetic = false;
        let mut provenance: BTreeSet<u32> = BTreeSet::new();
        for home in &components {
            let share = shares.get(home).copied().unwrap_or(1.0);
            let mut value = Some(0.0);
            let mut missing: Option<Missing> = None;
            for work in &components {
                match s.cell(work, home, &period) {
                    Some(rc) => {
                        synthetic |= rc.synthetic;
                        provenance.extend(rc.imports.iter().copied());
                        match (rc.value, value) {
                            (Some(v), Some(acc)) => value = Some(acc + v),
                            (None, _) => {
                                value = None;
                                missing.get_or_insert_with(|| {
                                    Missing::from_symbol(rc.status.as_deref().unwrap_or(""))
                                });
                            }
                            (Some(_), None) => {}
                        }
                    }
                    None => {
                        value = None;
                        missing.get_or_insert_with(|| {
                            Missing::no_data(&format!(
                                "{} {} {home} {period} {work}",
                                s.def.table, s.def.contents
                            ))
                        });
                    }
                }
            }
            total = match (total, value) {
                (Some(t), Some(v)) => Some(t + v * share),
                _ => None,
            };
            if value.is_none() && first_missing.is_none() {
                first_missing = missing;
            }
        }
        Ok(PanelValue {
            value: total,
            missing: if total.is_none() { first_missing } else { None },
            synthetic,
            method: Method::CommutingBlock,
            components,
            provenance: provenance.into_iter().collect(),
        })
    }

    fn combine<'c>(
        &self,
        s: &PanelSeries,
        codes: &[&str],
        period: &str,
        member: &str,
        method: Method,
        cell: &impl Fn(&str) -> Option<&'c RawCell>,
    ) -> PanelValue {
        let mut total = Some(0.0);
        let mut missing: Option<Missing> = None;
        let mut synthetic = false;
        let mut provenance: BTreeSet<u32> = BTreeSet::new();
        for c in codes {
            match cell(c) {
                Some(rc) => {
                    synthetic |= rc.synthetic;
                    provenance.extend(rc.imports.iter().copied());
                    match (rc.value, total) {
                        (Some(v), Some(t)) => total = Some(t + v),
                        _ => {
                            total = None;
                            if missing.is_none() {
                                missing = Some(match (&rc.status, rc.complete) {
                                    (Some(sym), _) => Missing::from_symbol(sym),
                                    (None, false) => Missing::no_data(&format!(
                                        "{} {} {c} {period}: not every key",
                                        s.def.table, s.def.contents
                                    )),
                                    (None, true) => Missing::from_symbol(""),
                                });
                            }
                        }
                    }
                }
                None => {
                    total = None;
                    if missing.is_none() {
                        missing = Some(Missing::no_data(&format!(
                            "{} {} {c} {period}{}",
                            s.def.table,
                            s.def.contents,
                            if member.is_empty() {
                                String::new()
                            } else {
                                format!(" {member}")
                            }
                        )));
                    }
                }
            }
        }
        PanelValue {
            value: total,
            missing: if total.is_none() { missing } else { None },
            synthetic,
            method,
            components: codes.iter().map(|c| (*c).to_owned()).collect(),
            provenance: provenance.into_iter().collect(),
        }
    }
}

/// A commuting block's home codes for the target `code` (valid on `at`) and each one's share
/// of it: the codes on the series' date that make it up ([`SeriesPanel::parts`]), sorted, each
/// whole; where one was later split (or none is known), the codes the geography says precede
/// the target, with the shares its mapping gives (as in `Store::resolve`).
fn block_parts(
    geo: &Geography,
    series: &str,
    code: &str,
    at: Date,
    series_date: Date,
    parts: Vec<(String, bool)>,
) -> Result<(Vec<String>, BTreeMap<String, f64>), ResolveError> {
    Ok(
        if parts.is_empty() || parts.iter().any(|(_, split)| *split) {
            let components: Vec<String> = if at >= series_date {
                geo.predecessors(code, at, series_date)?
            } else {
                vec![code.to_owned()]
            };
            let mut probe = Series::new(series, series_date, Additivity::Additive);
            for c in &components {
                probe = probe.with(c.clone(), 0.0);
            }
            let mapped = geo.map_series(&probe, at)?;
            let shares = mapped
                .values
                .get(code)
                .map(|m| {
                    m.components
                        .iter()
                        .map(|c| (c.code.clone(), c.share))
                        .collect()
                })
                .unwrap_or_else(|| components.iter().map(|c| (c.clone(), 1.0)).collect());
            (components, shares)
        } else {
            let mut components: Vec<String> = parts.into_iter().map(|(c, _)| c).collect();
            components.sort();
            let shares = components.iter().map(|c| (c.clone(), 1.0)).collect();
            (components, shares)
        },
    )
}

/// How one target municipality's cell of one year is made from the codes stored: what
/// [`SeriesPanel::resolve`] works out for a cell before it reads any value, the same for every
/// series.
#[derive(Debug, Clone)]
struct CellMap {
    /// Rule 1: the codes on the series' date that make up the target.
    comps: Vec<String>,
    /// None of them was later split.
    unsplit: bool,
    /// One code, not split.
    whole: bool,
    /// Rule 2's candidates ([`SeriesPanel::redistricted`]); none when the geography refused
    /// them (then a cell that needs them is refused, as [`SeriesPanel::resolve`] refuses it).
    redistricted: Option<Vec<(Vec<String>, bool)>>,
    /// A commuting block's home codes and shares ([`block_parts`]); none when refused or not
    /// asked for.
    block: Option<Vec<(String, f64)>>,
}

/// How every target municipality's cells are made from the codes stored, year by year:
/// worked out once ([`SeriesPanel::grid_mapping`]) and applied to each series as a column
/// ([`SeriesPanel::resolve_grid`]).
#[derive(Debug, Clone)]
pub struct GridMapping {
    targets: usize,
    years: std::ops::RangeInclusive<i32>,
    n_years: usize,
    /// Target-major (`target × years + year index`); none where [`SeriesPanel::resolve`]
    /// refuses the cell (a code not valid on its borders, a year outside the geography).
    cells: Vec<Option<CellMap>>,
}

impl GridMapping {
    /// Number of cells (targets × years), the length of every column resolved with it.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether there are no cells.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Number of target municipalities.
    pub fn targets(&self) -> usize {
        self.targets
    }

    /// The years.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.years.clone()
    }
}

/// One series resolved for every target and year ([`SeriesPanel::resolve_grid`]), target-major
/// like its [`GridMapping`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridColumn {
    /// The value of each cell; NaN where [`SeriesPanel::resolve`] gives none (or refuses).
    pub values: Vec<f64>,
    /// Whether each value rests on synthetic data.
    pub synthetic: Vec<bool>,
}

impl SeriesPanel {
    /// Works out once, for every municipality of `targets` and every year of `years`, which
    /// stored codes make up its cell: for the year's series date and the borders `borders`
    /// gives for (code, year) (none: no cell), as [`SeriesPanel::resolve`] would for any series.
    pub fn grid_mapping(
        &self,
        geo: &Geography,
        targets: &[&str],
        years: std::ops::RangeInclusive<i32>,
        borders: impl Fn(&str, i32) -> Option<Date>,
    ) -> GridMapping {
        let blocks = self
            .series
            .values()
            .any(|s| s.def.kind == SeriesKind::CommutingBlock);
        let n_years = years.clone().count();
        let mut cells = Vec::with_capacity(targets.len() * n_years);
        for code in targets {
            for year in years.clone() {
                cells.push(
                    borders(code, year).and_then(|at| self.cell_map(geo, code, year, at, blocks)),
                );
            }
        }
        GridMapping {
            targets: targets.len(),
            years,
            n_years,
            cells,
        }
    }

    fn cell_map(
        &self,
        geo: &Geography,
        code: &str,
        year: i32,
        at: Date,
        blocks: bool,
    ) -> Option<CellMap> {
        let series_date = jan1(year).ok()?.max(geo.coverage_start());
        geo.municipality(code, at).ok()?;
        let comps = self.parts(geo, code, at, series_date).ok()?;
        let whole = comps.len() == 1 && !comps[0].1;
        let unsplit = comps.iter().all(|(_, split)| !split);
        let redistricted = if at < self.today {
            self.redistricted(geo, code, at, &comps).ok()
        } else {
            Some(Vec::new())
        };
        let block = if blocks {
            block_parts(geo, "block", code, at, series_date, comps.clone())
                .ok()
                .map(|(components, shares)| {
                    components
                        .into_iter()
                        .map(|c| {
                            let share = shares.get(&c).copied().unwrap_or(1.0);
                            (c, share)
                        })
                        .collect()
                })
        } else {
            None
        };
        Some(CellMap {
            comps: comps.into_iter().map(|(c, _)| c).collect(),
            unsplit,
            whole,
            redistricted,
            block,
        })
    }

    /// `series` for every target and year of `mapping`: each cell's value and synthetic flag
    /// exactly as [`SeriesPanel::resolve`] gives them on the same borders (the same codes, the
    /// same rules, the same order of summing), without the provenance and the reasons a missing
    /// value has. A series with a `by` dimension needs a member, so it has no values here.
    pub fn resolve_grid(
        &self,
        mapping: &GridMapping,
        series: &str,
    ) -> Result<GridColumn, ResolveError> {
        let s = self
            .series
            .get(series)
            .ok_or_else(|| ResolveError::UnknownSeries {
                name: series.to_owned(),
                known: self.series.keys().cloned().collect(),
            })?;
        let n = mapping.cells.len();
        let mut out = GridColumn {
            values: vec![f64::NAN; n],
            synthetic: vec![false; n],
        };
        let block = s.def.kind == SeriesKind::CommutingBlock;
        if s.def.by.is_some() && !block {
            return Ok(out);
        }
        let additive = s.def.additivity == AdditivityKind::Additive;
        let by_region = s.cells.get("");
        for (k, year) in mapping.years.clone().enumerate() {
            let period = s.def.period_of(year);
            let cell = |region: &str| by_region?.get(region)?.get(&period);
            for t in 0..mapping.targets {
                let i = t * mapping.n_years + k;
                let Some(cm) = &mapping.cells[i] else {
                    continue;
                };
                let found = if block {
                    cm.block
                        .as_ref()
                        .map(|homes| block_value(s, homes, &period))
                } else {
                    sum_value(cm, additive, &cell)
                };
                if let Some((value, synthetic)) = found {
                    out.values[i] = value.unwrap_or(f64::NAN);
                    out.synthetic[i] = synthetic;
                }
            }
        }
        Ok(out)
    }
}

/// A summed series' value and synthetic flag for one cell, by rules 1–2 (see
/// [`SeriesPanel::resolve`]); none when resolve would refuse the cell.
fn sum_value<'c>(
    cm: &CellMap,
    additive: bool,
    cell: &impl Fn(&str) -> Option<&'c RawCell>,
) -> Option<(Option<f64>, bool)> {
    let combine = |codes: &[String]| {
        // SeriesPanel::combine, values only.
        let mut total = Some(0.0);
        let mut synthetic = false;
        for c in codes {
            match cell(c) {
                Some(rc) => {
                    synthetic |= rc.synthetic;
                    total = match (rc.value, total) {
                        (Some(v), Some(t)) => Some(t + v),
                        _ => None,
                    };
                }
                None => total = None,
            }
        }
        (total, synthetic)
    };
    let summable = cm.unsplit && (additive || cm.whole);
    if summable && cm.comps.iter().any(|c| cell(c).is_some()) {
        return Some(combine(&cm.comps));
    }
    for (codes, one) in cm.redistricted.as_ref()? {
        if !one && !additive {
            continue;
        }
        if codes.iter().any(|c| cell(c).is_some()) {
            return Some(combine(codes));
        }
    }
    Some((None, false))
}

/// A commuting block's value and synthetic flag for one cell ([`SeriesPanel::resolve_block`],
/// values only).
fn block_value(s: &PanelSeries, homes: &[(String, f64)], period: &str) -> (Option<f64>, bool) {
    let mut total = Some(0.0);
    let mut synthetic = false;
    for (home, share) in homes {
        let mut value = Some(0.0);
        for (work, _) in homes {
            match s.cell(work, home, period) {
                Some(rc) => {
                    synthetic |= rc.synthetic;
                    value = match (rc.value, value) {
                        (Some(v), Some(acc)) => Some(acc + v),
                        _ => None,
                    };
                }
                None => value = None,
            }
        }
        total = match (total, value) {
            (Some(t), Some(v)) => Some(t + v * share),
            _ => None,
        };
    }
    (total, synthetic)
}
