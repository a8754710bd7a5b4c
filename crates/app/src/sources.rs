//! The sources view, shared by `naeringsplan sources` and the public page `/kilder`: for every
//! catalogue series (`data/series.toml`) its SSB table and title, whether the table id and codes
//! are verified against public evidence (with the evidence), the note, which years the store
//! holds as real data and which only as demo (synthetic) data, the row count and when it was
//! imported; for every plan indicator, which years rest on real data, which on demo data and
//! which on the plan's own quotes.
//!
//! Table titles, evidence and replacements come from `data/sources.toml` (what `fetch`
//! downloads); a series whose table is not there (the placeholder `SYSUTD`) is still listed, as
//! not fetched. Reads only.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};

use plan::Plan;
use serde::{Deserialize, Serialize};
use store::Store;
use store::observations::{CoverageRow, CoverageSource, SeriesCatalogue, SeriesDef, SeriesKind};

use crate::AppError;

/// The bundled sources config (`data/sources.toml`, what `naeringsplan fetch` downloads).
pub const BUNDLED_SOURCES: &str = include_str!("../../../data/sources.toml");

/// How many real sources (imports) are listed per series.
const SOURCES_PER_SERIES: i64 = 5;

/// A table's entry in the sources config, as far as the sources view needs it (the fetch
/// parameters are read by `fetch`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableMeta {
    /// SSB table id.
    pub id: String,
    /// SSB's title.
    #[serde(default)]
    pub title: Option<String>,
    /// Catalogue series it feeds.
    #[serde(default)]
    pub series: Vec<String>,
    /// Whether the table id and every code the series use are confirmed by public evidence.
    #[serde(default)]
    pub verified: bool,
    /// Where they were seen.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// What is known and what was corrected.
    #[serde(default)]
    pub note: Option<String>,
    /// Table ids whose role this table took over.
    #[serde(default)]
    pub replaces: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SourcesFile {
    #[serde(default, rename = "table")]
    tables: Vec<TableMeta>,
}

/// Parses a sources config (`data/sources.toml` format); the error names the problem.
pub fn parse_sources(text: &str) -> Result<Vec<TableMeta>, AppError> {
    let file: SourcesFile =
        toml::from_str(text).map_err(|e| AppError::Config(format!("data/sources.toml: {e}")))?;
    Ok(file.tables)
}

/// The bundled tables (`data/sources.toml`).
pub fn bundled_tables() -> Vec<TableMeta> {
    parse_sources(BUNDLED_SOURCES).expect("data/sources.toml is valid (tested)")
}

/// One table in the view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableView {
    /// SSB table id (or the placeholder `SYSUTD`).
    pub id: String,
    /// SSB's title, when known.
    pub title: Option<String>,
    /// Whether the table id and codes are verified against public evidence.
    pub verified: bool,
    /// The evidence (URLs, repository and path, or search-index references).
    pub evidence: Vec<String>,
    /// The note.
    pub note: Option<String>,
    /// Table ids it replaces.
    pub replaces: Vec<String>,
    /// Whether `naeringsplan fetch` downloads it.
    pub fetched: bool,
    /// Catalogue series it feeds.
    pub series: Vec<String>,
}

/// One catalogue series in the view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesView {
    /// Catalogue name (what the engine asks for).
    pub name: String,
    /// SSB table id.
    pub table: String,
    /// The table's title, when known.
    pub table_title: Option<String>,
    /// ContentsCode.
    pub contents: String,
    /// Fixed codes of other dimensions.
    pub filters: BTreeMap<String, String>,
    /// Description in Norwegian.
    pub description_nb: String,
    /// Description in English.
    pub description_en: String,
    /// The table's page.
    pub source_url: String,
    /// Whether the series' table id and codes are verified against public evidence.
    pub verified: bool,
    /// The evidence.
    pub evidence: Vec<String>,
    /// The note.
    pub note: Option<String>,
    /// Years with real (non-synthetic) values in the store.
    pub real_years: Vec<i32>,
    /// Years with demo (synthetic) values in the store. A year in both lists is real for some
    /// municipalities and demo for others.
    pub demo_years: Vec<i32>,
    /// Current observations of the series in the store (with a value or a missing reason).
    pub rows: i64,
    /// Of these, real.
    pub rows_real: i64,
    /// Of these, demo (synthetic).
    pub rows_demo: i64,
    /// The latest import of any of them (RFC 3339).
    pub last_imported: Option<String>,
    /// The latest import of real data (a `fetch` or an import of a real file).
    pub last_real_import: Option<String>,
    /// Where the real values come from (newest first, at most five).
    pub real_sources: Vec<CoverageSource>,
}

/// What one plan indicator's years rest on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSources {
    /// Indicator id.
    pub id: String,
    /// Number in the plan.
    pub number: u32,
    /// Name (Norwegian).
    pub name_nb: String,
    /// Name (English, when the plan has one).
    pub name_en: Option<String>,
    /// Catalogue series its definition reads (empty for published figures).
    pub series: Vec<String>,
    /// Years whose value rests on real data (computed from real series, or a real published
    /// figure).
    pub real_years: Vec<i32>,
    /// Years whose value rests wholly or partly on demo (synthetic) data.
    pub demo_years: Vec<i32>,
    /// Years whose value is the plan's own quote.
    pub plan_quote_years: Vec<i32>,
    /// The plan's table years with no value.
    pub no_value_years: Vec<i32>,
}

/// Counts for the top of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Tables listed.
    pub tables: usize,
    /// Of these, verified.
    pub verified_tables: usize,
    /// Catalogue series.
    pub series: usize,
    /// Of these, verified.
    pub verified_series: usize,
    /// Series with some real data in the store.
    pub series_with_real_data: usize,
}

/// The whole view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcesView {
    /// Counts.
    pub summary: Summary,
    /// Every table the catalogue uses, in the order of `data/sources.toml`, then the others.
    pub tables: Vec<TableView>,
    /// Every catalogue series, by table as in `tables`, then by name.
    pub series: Vec<SeriesView>,
    /// Every plan indicator, in the plan's order.
    pub indicators: Vec<IndicatorSources>,
}

/// `"a=1;b=2"` as pairs.
fn key_pairs(key: &str) -> BTreeMap<&str, &str> {
    key.split(';')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .collect()
}

/// Whether a stored series key belongs to the series: every filter present with its code, and
/// no other dimension than the series' summed, selected or work dimension.
pub fn key_matches(def: &SeriesDef, key: &str) -> bool {
    let pairs = key_pairs(key);
    let mut free: Vec<&str> = Vec::new();
    if let Some(s) = &def.sum_over {
        free.push(&s.dimension);
    }
    if let Some(by) = &def.by {
        free.push(by);
    }
    if def.kind == SeriesKind::CommutingBlock
        && let Some(w) = &def.work_dimension
    {
        free.push(w);
    }
    if def
        .filters
        .iter()
        .any(|(d, c)| pairs.get(d.as_str()) != Some(&c.as_str()))
    {
        return false;
    }
    let extra: Vec<&&str> = pairs
        .keys()
        .filter(|d| !def.filters.contains_key(**d))
        .collect();
    if extra.len() != free.len() || !extra.iter().all(|d| free.contains(*d)) {
        return false;
    }
    match &def.sum_over {
        Some(s) => pairs
            .get(s.dimension.as_str())
            .and_then(|c| c.parse::<u32>().ok())
            .is_some_and(|n| (s.from..=s.to).contains(&n)),
        None => true,
    }
}

/// The year of a stored period under the series' period template, if it is one.
pub fn year_of(def: &SeriesDef, period: &str) -> Option<i32> {
    let y: i32 = period.get(..4)?.parse().ok()?;
    (def.period_of(y) == period).then_some(y)
}

/// What the store holds of one table and contents code (shared by the series reading it).
type Coverage = (Vec<CoverageRow>, Vec<CoverageSource>);

async fn coverage_of<'a>(
    store: &Store,
    memo: &'a mut BTreeMap<(String, String), Coverage>,
    table: &str,
    contents: &str,
) -> Result<&'a Coverage, AppError> {
    let key = (table.to_owned(), contents.to_owned());
    if !memo.contains_key(&key) {
        let rows = store.coverage(table, contents).await?;
        let sources = if rows.iter().any(|r| !r.synthetic) {
            store
                .coverage_sources(table, contents, SOURCES_PER_SERIES)
                .await?
        } else {
            Vec::new()
        };
        memo.insert(key.clone(), (rows, sources));
    }
    Ok(&memo[&key])
}

async fn series_view(
    store: &Store,
    memo: &mut BTreeMap<(String, String), Coverage>,
    name: &str,
    def: &SeriesDef,
    title: Option<String>,
) -> Result<SeriesView, AppError> {
    let mut real = BTreeSet::new();
    let mut demo = BTreeSet::new();
    let (mut rows, mut rows_real, mut rows_demo) = (0, 0, 0);
    let mut last: Option<String> = None;
    let mut last_real: Option<String> = None;
    let (coverage, sources) = coverage_of(store, memo, &def.table, &def.contents).await?;
    for r in coverage {
        if !key_matches(def, &r.series_key) {
            continue;
        }
        let Some(year) = year_of(def, &r.period) else {
            continue;
        };
        rows += r.rows;
        if r.synthetic {
            rows_demo += r.rows;
            if r.with_value > 0 {
                demo.insert(year);
            }
        } else {
            rows_real += r.rows;
            if r.with_value > 0 {
                real.insert(year);
            }
            if r.last_imported > last_real {
                last_real = r.last_imported.clone();
            }
        }
        if r.last_imported > last {
            last = r.last_imported.clone();
        }
    }
    let real_sources = if rows_real > 0 {
        sources.clone()
    } else {
        Vec::new()
    };
    Ok(SeriesView {
        name: name.to_owned(),
        table: def.table.clone(),
        table_title: title,
        contents: def.contents.clone(),
        filters: def.filters.clone(),
        description_nb: def.description_nb.clone(),
        description_en: def.description_en.clone(),
        source_url: def.source_url.clone(),
        verified: def.verified,
        evidence: def.evidence.clone(),
        note: def.note.clone(),
        real_years: real.into_iter().collect(),
        demo_years: demo.into_iter().collect(),
        rows,
        rows_real,
        rows_demo,
        last_imported: last,
        last_real_import: last_real,
        real_sources,
    })
}

/// The catalogue series a plan indicator reads (through its engine definition).
fn indicator_series(ind: &plan::Indicator, catalogue: &SeriesCatalogue) -> Vec<String> {
    let plan::Computation::Definition { definition } = &ind.computation else {
        return Vec::new();
    };
    let Some(def) = engine::definitions::definition(definition) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for need in def.needs {
        let name = need.series.split(':').next().unwrap_or(need.series);
        if catalogue.series.contains_key(name) && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

type Catalogued = (Vec<TableView>, Vec<SeriesView>);
type Cache = Mutex<Option<(u64, Arc<Catalogued>)>>;

/// Builds the view from the store, the bundled catalogue and sources config, and the plan. The
/// tables and series part is cached on the store's imports (their ids and SHA-256 sums), so a
/// page calling this on every request pays for the store queries once per import.
pub async fn view(store: &Store, plan: &Plan) -> Result<SourcesView, AppError> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(None));
    let key = crate::ranking::fingerprint(store).await?;
    let hit = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v.clone());
    let catalogued = match hit {
        Some(c) => c,
        None => {
            let c =
                Arc::new(catalogued(store, &SeriesCatalogue::bundled(), &bundled_tables()).await?);
            *cache.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, c.clone()));
            c
        }
    };
    finish(store, plan, &SeriesCatalogue::bundled(), &catalogued).await
}

/// As [`view`] with a given catalogue and table list, uncached (tests).
pub async fn view_with(
    store: &Store,
    plan: &Plan,
    catalogue: &SeriesCatalogue,
    metas: &[TableMeta],
) -> Result<SourcesView, AppError> {
    let c = catalogued(store, catalogue, metas).await?;
    finish(store, plan, catalogue, &c).await
}

/// The tables and series part of the view.
async fn catalogued(
    store: &Store,
    catalogue: &SeriesCatalogue,
    metas: &[TableMeta],
) -> Result<Catalogued, AppError> {
    // Tables: those of the sources config that the catalogue uses, in its order, then the
    // catalogue's other tables (not fetched).
    let used: BTreeSet<&str> = catalogue
        .series
        .values()
        .map(|d| d.table.as_str())
        .collect();
    let mut tables: Vec<TableView> = Vec::new();
    for m in metas.iter().filter(|m| used.contains(m.id.as_str())) {
        tables.push(TableView {
            id: m.id.clone(),
            title: m.title.clone(),
            verified: m.verified && !m.evidence.is_empty(),
            evidence: m.evidence.clone(),
            note: m.note.clone(),
            replaces: m.replaces.clone(),
            fetched: true,
            series: Vec::new(),
        });
    }
    for id in &used {
        if tables.iter().any(|t| t.id == *id) {
            continue;
        }
        let defs: Vec<&SeriesDef> = catalogue
            .series
            .values()
            .filter(|d| d.table == *id)
            .collect();
        let mut evidence: Vec<String> = Vec::new();
        for e in defs.iter().flat_map(|d| &d.evidence) {
            if !evidence.contains(e) {
                evidence.push(e.clone());
            }
        }
        tables.push(TableView {
            id: (*id).to_owned(),
            title: None,
            verified: !evidence.is_empty() && defs.iter().all(|d| d.verified),
            evidence,
            note: defs.first().and_then(|d| d.note.clone()),
            replaces: Vec::new(),
            fetched: false,
            series: Vec::new(),
        });
    }
    for t in &mut tables {
        t.series = catalogue
            .series
            .iter()
            .filter(|(_, d)| d.table == t.id)
            .map(|(n, _)| n.clone())
            .collect();
    }

    let mut series = Vec::new();
    let mut memo = BTreeMap::new();
    for t in &tables {
        for name in &t.series {
            let def = catalogue.get(name)?;
            let mut v = series_view(store, &mut memo, name, def, t.title.clone()).await?;
            // A series is verified only with evidence.
            v.verified = v.verified && !v.evidence.is_empty();
            series.push(v);
        }
    }
    Ok((tables, series))
}

/// The indicators part, and the whole view.
async fn finish(
    store: &Store,
    plan: &Plan,
    catalogue: &SeriesCatalogue,
    catalogued: &Catalogued,
) -> Result<SourcesView, AppError> {
    let (tables, series) = (catalogued.0.clone(), catalogued.1.clone());
    let evaluated = crate::indicators::evaluate_cached(store, plan).await?;
    let mut indicators = Vec::new();
    for e in evaluated.iter() {
        let ev = &e.evaluation;
        let mut s = IndicatorSources {
            id: ev.indicator_id.clone(),
            number: ev.number,
            name_nb: ev.name.nb.clone(),
            name_en: ev.name.en.clone(),
            series: plan
                .indicator(&ev.indicator_id)
                .map(|i| indicator_series(i, catalogue))
                .unwrap_or_default(),
            real_years: Vec::new(),
            demo_years: Vec::new(),
            plan_quote_years: Vec::new(),
            no_value_years: Vec::new(),
        };
        for y in &ev.years {
            match &y.chosen {
                Some(c) if c.synthetic => s.demo_years.push(y.year),
                Some(c) if c.basis == engine::ValueBasis::PlanQuote => {
                    s.plan_quote_years.push(y.year)
                }
                Some(_) => s.real_years.push(y.year),
                None if y.in_table => s.no_value_years.push(y.year),
                None => {}
            }
        }
        indicators.push(s);
    }

    let summary = Summary {
        tables: tables.len(),
        verified_tables: tables.iter().filter(|t| t.verified).count(),
        series: series.len(),
        verified_series: series.iter().filter(|s| s.verified).count(),
        series_with_real_data: series.iter().filter(|s| !s.real_years.is_empty()).count(),
    };
    Ok(SourcesView {
        summary,
        tables,
        series,
        indicators,
    })
}

/// Years as compact ranges: `2015–2019, 2021`.
pub fn year_ranges(years: &[i32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let start = years[i];
        let mut end = start;
        while i + 1 < years.len() && years[i + 1] == end + 1 {
            i += 1;
            end = years[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    out.join(", ")
}

/// A table that figures rest on whose id or codes are not verified against public evidence
/// (`verified = false` in `data/series.toml`): the pages that show such figures say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unverified {
    /// SSB table id (or the placeholder `SYSUTD`).
    pub table: String,
    /// The catalogue series read from it.
    pub series: Vec<String>,
}

/// The unverified tables behind these catalogue series, in table order (names the catalogue does
/// not know, such as the register-computed procurement shares, are left out).
pub fn unverified_tables<'a>(series: impl IntoIterator<Item = &'a str>) -> Vec<Unverified> {
    let catalogue = SeriesCatalogue::bundled();
    let mut by_table: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in series {
        // A family member (`jobs_by_industry:62`) is read as its family.
        let base = name.split(':').next().unwrap_or(name);
        if let Ok(def) = catalogue.get(base)
            && !def.verified
        {
            by_table
                .entry(def.table.clone())
                .or_default()
                .insert(base.to_owned());
        }
    }
    by_table
        .into_iter()
        .map(|(table, series)| Unverified {
            table,
            series: series.into_iter().collect(),
        })
        .collect()
}

/// The unverified tables behind the ranking definition (every series it reads).
pub fn ranking_unverified(def: &engine::ranking::Definition) -> Vec<Unverified> {
    unverified_tables(def.series.iter().map(|s| s.name.as_str()))
}

/// The unverified tables behind an indicator's figures: the inputs of its engine definition,
/// or, for a rank published by NHO, the series of the bundled ranking that computes the demo
/// and own ranks beside the published ones.
pub fn indicator_unverified(indicator: &plan::Indicator) -> Vec<Unverified> {
    match &indicator.computation {
        plan::Computation::Definition { definition } => engine::definitions::definition(definition)
            .map(|d| unverified_tables(d.needs.iter().map(|n| n.series)))
            .unwrap_or_default(),
        plan::Computation::Published { .. } if indicator.unit == plan::Unit::Rank => {
            ranking_unverified(engine::ranking::kommune_nm())
        }
        plan::Computation::Published { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_name_the_unverified_tables_their_figures_rest_on() {
        let plan = plan::embedded_default();
        let tables = |id: &str| -> Vec<String> {
            let i = plan.indicators.iter().find(|i| i.id == id).unwrap();
            indicator_unverified(i)
                .into_iter()
                .map(|u| u.table)
                .collect()
        };
        // 12660 (farmland conversion) is not verified; 03321/11618 (kortreist) are.
        assert_eq!(tables("farmland-conversion"), ["12660"]);
        assert!(tables("kortreist").is_empty());
        // The ranking behind the Kommune-NM indicator reads sick leave from 12442 (unverified).
        assert!(tables("kommune-nm-total").contains(&"12442".to_owned()));
        let all = unverified_tables(["working_capital", "bankruptcies", "jobs_by_industry:62"]);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].table, "10735");
    }

    #[test]
    fn the_bundled_config_and_catalogue_agree() {
        let tables = bundled_tables();
        let catalogue = SeriesCatalogue::bundled();
        for t in &tables {
            assert!(
                !t.verified || !t.evidence.is_empty(),
                "table {} is verified without evidence",
                t.id
            );
            for s in &t.series {
                let def = catalogue
                    .get(s)
                    .unwrap_or_else(|_| panic!("table {}: unknown series {s}", t.id));
                assert_eq!(def.table, t.id, "series {s}");
                // A verified table has only verified series.
                assert!(!t.verified || def.verified, "{}: {s} is not verified", t.id);
            }
        }
        for (name, def) in &catalogue.series {
            assert!(
                !def.verified || !def.evidence.is_empty(),
                "series {name} is verified without evidence"
            );
            if def.table != "SYSUTD" {
                assert!(
                    tables
                        .iter()
                        .any(|t| t.id == def.table && t.series.contains(name)),
                    "series {name} (table {}) is not fetched by data/sources.toml",
                    def.table
                );
            }
        }
    }

    #[test]
    fn keys_match_filters_and_free_dimensions() {
        let catalogue = SeriesCatalogue::bundled();
        let pop = catalogue.get("population").unwrap();
        assert!(key_matches(pop, ""));
        assert!(!key_matches(pop, "Alder=015"));
        let band = catalogue.get("population_15_74").unwrap();
        assert!(key_matches(band, "Alder=015"));
        assert!(!key_matches(band, "Alder=014"));
        assert!(!key_matches(band, ""));
        let ind = catalogue.get("jobs_by_industry").unwrap();
        assert!(key_matches(ind, "Alder=15-74;Kjonn=0;NACE2007=10-33"));
        assert!(!key_matches(ind, "Alder=15-74;NACE2007=10-33"));
        let ue = catalogue.get("registered_unemployed").unwrap();
        assert!(key_matches(
            ue,
            "Alder=15-74;HovArbStyrkStatus=A.09;InnvandrKat=A-G"
        ));
        assert!(!key_matches(
            ue,
            "Alder=15-74;HovArbStyrkStatus=A;InnvandrKat=A-G"
        ));
        let local = catalogue.get("employed_residents_local").unwrap();
        assert!(key_matches(local, "ArbstedKomm=0220"));
    }

    #[test]
    fn years_follow_the_period_template_and_ranges_compact() {
        let catalogue = SeriesCatalogue::bundled();
        let pop = catalogue.get("population").unwrap();
        assert_eq!(year_of(pop, "2019"), Some(2019));
        assert_eq!(year_of(pop, "2019M11"), None);
        assert_eq!(
            year_ranges(&[2015, 2016, 2017, 2019, 2021, 2022]),
            "2015–2017, 2019, 2021–2022"
        );
        assert_eq!(year_ranges(&[]), "");
    }
}
