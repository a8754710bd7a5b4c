//! The Kommune-NM-style ranking over the store: every municipality valid in a year, all the
//! definition's series read in bulk ([`store::Store::series_panel`]), ranked by the pure engine
//! ([`engine::ranking`]), and the plan's municipality's computed ranks fed to the plan's
//! indicators 1 and 2 as imported figures, labelled as computed (and synthetic where they are).
//!
//! **Borders.** NHO ranks each data year on the municipalities of its edition year (data year +
//! 1; `KOMMUNE-NM.md`, "Data lag"), and so do we ([`Borders::Edition`]): data year 2019 is
//! ranked on the 356 municipalities of 1 January 2020, each in its county of that year (Asker
//! 3025 in Viken 30), data year 2023 on those of 2024 (Asker 3203 in Akershus 32). A data year
//! whose edition predates the plan's municipality (Asker before the 2020 merger) is ranked on
//! the first borders the municipality has ([`Borders::EditionNotBefore`], [`plan_borders`]), as
//! NHO's comparable history on 2020 borders does and as the plan's chapter 6 quotes merged
//! Asker's ranks for 2017–2019.
//!
//! Loading is the slow part (a few seconds for every year); a loaded [`RankingSet`] is cached in
//! memory and in the store ([`crate::cache`]) by the content of the store's imports (the SHA-256
//! of every imported file, in order), so the dashboard, every CLI call and the council report
//! share one computation until new data is imported.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex, OnceLock};

use engine::ranking::{
    Definition, Explanation, Municipality, RankComparison, RankError, Ranker, SeriesTable,
    YearRanking, compare_published, kommune_nm,
};
use engine::{MissingReason, Observation, Provenance as EngineProvenance};
use plan::{Plan, Year};
use serde::Serialize;
use stats::geography::Geography;
use store::Store;
use store::observations::{Provenance, SeriesCatalogue, SeriesPanel};
use time::{Date, Month};

use crate::AppError;

/// The plan indicator fed with the computed total rank.
pub const TOTAL_INDICATOR: &str = "kommune-nm-total";
/// The plan indicator fed with the computed county rank.
pub const COUNTY_INDICATOR: &str = "kommune-nm-county";

/// Which municipalities (borders) a data year is ranked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "date")]
pub enum Borders {
    /// 1 January of the edition year (data year + the definition's lag), as NHO ranks.
    Edition,
    /// As [`Borders::Edition`], but not before this date.
    EditionNotBefore(Date),
    /// These borders for every year.
    At(Date),
}

impl Borders {
    /// The date whose municipalities rank `data_year`.
    pub fn date_for(self, def: &Definition, data_year: Year) -> Date {
        let edition = jan1(def.edition(data_year));
        match self {
            Borders::Edition => edition,
            Borders::EditionNotBefore(d) => edition.max(d),
            Borders::At(d) => d,
        }
    }
}

fn jan1(year: Year) -> Date {
    Date::from_calendar_date(year, Month::January, 1)
        .unwrap_or_else(|_| Date::from_calendar_date(2000, Month::January, 1).expect("a date"))
}

/// The code the municipality `code` (as valid today or last) had on `date`: itself if valid
/// then, else the code it was renumbered from (3203 on 1 January 2021 → 3025); `None` if it did
/// not exist as a whole then (3203 in 2019: three municipalities).
pub fn code_at(geo: &Geography, code: &str, date: Date) -> Option<String> {
    if geo.municipality(code, date).is_ok() {
        return Some(code.to_owned());
    }
    let versions = geo.versions_of(stats::geography::Level::Municipality, code);
    let first = versions.iter().filter_map(|v| v.valid_from).min()?;
    if date < first {
        let preds = geo.predecessors(code, first, date).ok()?;
        let [p] = preds.as_slice() else { return None };
        let succ = geo.successors(p, date, first).ok()?;
        (succ == [code.to_owned()]).then(|| p.clone())
    } else {
        // Later than its last day: the code it was renumbered to.
        let last = versions.iter().filter_map(|v| v.last_day()).max()?;
        let succ = geo.successors(code, last, date).ok()?;
        let [s] = succ.as_slice() else { return None };
        let preds = geo.predecessors(s, date, last).ok()?;
        (preds == [code.to_owned()]).then(|| s.clone())
    }
}

/// The borders for the plan's municipality: edition-year borders, but not before the first
/// 1 January on which the municipality existed as it is now (Asker: 2020).
pub fn plan_borders(geo: &Geography, plan_code: &str) -> Borders {
    let start = geo.coverage_start().year();
    let today = time::OffsetDateTime::now_utc().date().year();
    for y in start..=today {
        if code_at(geo, plan_code, jan1(y)).is_some() {
            return Borders::EditionNotBefore(jan1(y));
        }
    }
    Borders::Edition
}

/// One data year, ranked.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RankedYear {
    /// The data year.
    pub year: Year,
    /// The edition year (data year + lag).
    pub edition: Year,
    /// The date whose municipalities are ranked.
    pub geography_at: Date,
    /// The inputs.
    pub table: SeriesTable,
    /// The ranking.
    pub ranking: YearRanking,
    /// Municipality names on `geography_at`, by code.
    pub names: BTreeMap<String, String>,
    /// County names on `geography_at`, by code.
    pub county_names: BTreeMap<String, String>,
}

impl RankedYear {
    /// Why `code` ranks where it does (per indicator and group, gaps, sensitivity).
    pub fn explain(&self, code: &str) -> Result<Explanation, RankError> {
        Ranker::new(kommune_nm(), &self.table).explain(&self.ranking, code)
    }

    /// The plan's published rankings of this data year, paired with the computed ranks.
    /// A published row whose code is not on this year's borders is matched by renumbering.
    pub fn compare_published(&self, geo: &Geography, plan: &Plan) -> Vec<RankComparison> {
        let mut out = Vec::new();
        for p in plan
            .published_rankings
            .iter()
            .filter(|p| p.data_year == self.year)
        {
            let mut p = p.clone();
            for row in &mut p.rows {
                if let Some(c) = &row.municipality_code
                    && !self.names.contains_key(c)
                {
                    // Published on other borders: the same municipality renumbered, if it is.
                    let published_at = jan1(p.edition);
                    if let Some(now) = renumbered(geo, c, published_at, self.geography_at) {
                        row.municipality_code = Some(now);
                    }
                }
            }
            if let Ok(c) = compare_published(kommune_nm(), &self.ranking, &p) {
                out.extend(c);
            }
        }
        out
    }

    /// Whether any value of the ranking rests on synthetic data.
    pub fn synthetic(&self) -> bool {
        self.ranking.uses_synthetic()
    }

    /// The name of a municipality on this year's borders.
    pub fn name<'a>(&'a self, code: &'a str) -> &'a str {
        self.names.get(code).map(String::as_str).unwrap_or(code)
    }
}

/// `code` (valid on `from`) on the borders of `to`, when it only changed its number.
fn renumbered(geo: &Geography, code: &str, from: Date, to: Date) -> Option<String> {
    if from == to {
        return Some(code.to_owned());
    }
    let (a, b) = if from < to { (from, to) } else { (to, from) };
    if from < to {
        let s = geo.successors(code, a, b).ok()?;
        let [s] = s.as_slice() else { return None };
        (geo.predecessors(s, b, a).ok()? == [code.to_owned()]).then(|| s.clone())
    } else {
        let p = geo.predecessors(code, b, a).ok()?;
        let [p] = p.as_slice() else { return None };
        (geo.successors(p, a, b).ok()? == [code.to_owned()]).then(|| p.clone())
    }
}

/// Every data year ranked, with the files the inputs came from.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RankingSet {
    /// The borders rule used.
    pub borders: Borders,
    /// The years with at least one ranked municipality, ascending.
    pub years: Vec<RankedYear>,
    /// Every file an input came from.
    pub sources: Vec<Provenance>,
}

impl RankingSet {
    /// One data year.
    pub fn year(&self, year: Year) -> Option<&RankedYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The latest data year.
    pub fn latest(&self) -> Option<&RankedYear> {
        self.years.last()
    }

    /// Whether any input is synthetic.
    pub fn synthetic(&self) -> bool {
        self.years.iter().any(RankedYear::synthetic)
    }
}

/// The (series, offset) pairs the definition's formulas read, families expanded later.
fn series_offsets(def: &Definition) -> BTreeSet<(String, i32, bool)> {
    def.indicators()
        .flat_map(|(_, i)| i.formula.series_refs())
        .map(|r| (r.name, r.offset, r.family))
        .collect()
}

/// The data years to rank by default: from the first year the bundled geography can rank to
/// the year before this one.
pub fn default_years(geo: &Geography) -> RangeInclusive<Year> {
    let first = geo.coverage_start().year() - kommune_nm().edition_lag;
    let last = time::OffsetDateTime::now_utc().date().year() - 1;
    first.max(2000)..=last
}

type CacheKey = (u64, Vec<Year>, Borders);

/// The kind of the rankings kept in the store ([`crate::cache`]).
const STORED_KIND: &str = "ranking";
/// How many rankings the store keeps: every year on the plan's borders and on the peers'
/// (about 10 MB each), one year for `rank --year`, and a few for older imports.
const STORED_KEEP: u32 = 8;
type Cache = Mutex<Vec<(CacheKey, Arc<RankingSet>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Vec::new()))
}

/// A fingerprint of the store's statistics: every import's id and SHA-256, in order.
pub(crate) async fn fingerprint(store: &Store) -> Result<u64, AppError> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut imports = store.imports().await?;
    imports.sort_by_key(|i| i.id);
    for i in &imports {
        i.id.hash(&mut h);
        i.sha256.hash(&mut h);
    }
    Ok(h.finish())
}

/// Ranks every data year in `years` on `borders`, from the store (cached in memory and in the
/// store, [`crate::cache`]; see the module docs).
/// Years in which nobody can be ranked (no data) are left out.
pub async fn load(
    store: &Store,
    years: RangeInclusive<Year>,
    borders: Borders,
) -> Result<Arc<RankingSet>, AppError> {
    let key: CacheKey = (fingerprint(store).await?, years.clone().collect(), borders);
    if let Some((_, set)) = cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
    {
        return Ok(set.clone());
    }
    // Then the copy in the store (another process may have computed it), then compute.
    let stored_key = crate::cache::key(&key);
    let set = match crate::cache::read::<RankingSet>(store, STORED_KIND, &stored_key).await {
        Some(set) => Arc::new(set),
        None => {
            let set = compute(store, Geography::bundled(), years, borders).await?;
            crate::cache::write(store, STORED_KIND, &stored_key, &set, STORED_KEEP).await;
            Arc::new(set)
        }
    };
    remember(key, set.clone());
    Ok(set)
}

/// Keeps `set` in memory under `key` (the four most recent).
fn remember(key: CacheKey, set: Arc<RankingSet>) {
    let mut c = cache().lock().unwrap_or_else(|e| e.into_inner());
    c.retain(|(k, _)| *k != key);
    c.push((key, set));
    if c.len() > 4 {
        c.remove(0);
    }
}

/// The ranking's series, and the years to read them for to rank `years` (its year offsets
/// widen them).
fn ranking_series(years: &RangeInclusive<Year>) -> (Vec<String>, RangeInclusive<Year>) {
    let refs = series_offsets(kommune_nm());
    let names: BTreeSet<String> = refs.iter().map(|(n, _, _)| n.clone()).collect();
    let (lo, hi) = refs
        .iter()
        .fold((0, 0), |(lo, hi), (_, o, _)| (lo.min(*o), hi.max(*o)));
    (
        names.into_iter().collect(),
        (*years.start() + lo)..=(*years.end() + hi),
    )
}

/// As [`load`] without the cache.
pub async fn compute(
    store: &Store,
    geo: &Geography,
    years: RangeInclusive<Year>,
    borders: Borders,
) -> Result<RankingSet, AppError> {
    if years.is_empty() {
        return compute_on_panel(None, geo, years, borders);
    }
    let panel = shared_panel(store, &years).await?;
    compute_on_panel(Some(&panel), geo, years, borders)
}

/// How long a read panel is kept for the next ranking on other borders.
const PANEL_KEPT: std::time::Duration = std::time::Duration::from_secs(60);

type PanelSlot = Mutex<Option<((u64, RangeInclusive<Year>), Arc<SeriesPanel>)>>;

/// The ranking's panel for `years`, read from the store, or the one read for the same imports
/// and years within the last minute. A comparison ranks on its peers' borders right after the
/// plan municipality's (Oslo's are not Asker's), and each ranking read the same national panel
/// again (1–3 s on a cold store); kept one minute, then dropped, so a server does not hold it.
async fn shared_panel(
    store: &Store,
    years: &RangeInclusive<Year>,
) -> Result<Arc<SeriesPanel>, AppError> {
    static SLOT: OnceLock<PanelSlot> = OnceLock::new();
    let slot = SLOT.get_or_init(|| Mutex::new(None));
    let key = (fingerprint(store).await?, years.clone());
    if let Some((k, panel)) = slot.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
        && *k == key
    {
        return Ok(panel.clone());
    }
    let (names, span) = ranking_series(years);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let panel = Arc::new(
        store
            .series_panel(&SeriesCatalogue::bundled(), &names, span)
            .await?,
    );
    // Kept only where a timer can drop it.
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((key.clone(), panel.clone()));
        rt.spawn(async move {
            tokio::time::sleep(PANEL_KEPT).await;
            let mut s = slot.lock().unwrap_or_else(|e| e.into_inner());
            if s.as_ref().is_some_and(|(k, _)| *k == key) {
                *s = None;
            }
        });
    }
    Ok(panel)
}

/// The ranking of `years` on `borders` from a panel holding [`ranking_series`] (pure, in
/// memory); no panel: nothing ranked.
fn compute_on_panel(
    panel: Option<&SeriesPanel>,
    geo: &Geography,
    years: RangeInclusive<Year>,
    borders: Borders,
) -> Result<RankingSet, AppError> {
    let def = kommune_nm();
    let refs = series_offsets(def);
    let names: BTreeSet<&str> = refs.iter().map(|(n, _, _)| n.as_str()).collect();
    let names: Vec<&str> = names.into_iter().collect();
    let (lo, hi) = refs
        .iter()
        .fold((0, 0), |(lo, hi), (_, o, _)| (lo.min(*o), hi.max(*o)));
    let Some(panel) = panel.filter(|_| !years.is_empty()) else {
        return Ok(RankingSet {
            borders,
            years: Vec::new(),
            sources: Vec::new(),
        });
    };
    let coverage = geo.coverage_start();

    let mut out = Vec::new();
    let mut used: BTreeSet<u32> = BTreeSet::new();
    for year in years {
        let at = borders.date_for(def, year);
        if at < coverage {
            continue;
        }
        let Ok(ms) = geo.municipalities_at(at) else {
            continue;
        };
        let municipalities: Vec<Municipality> = ms
            .iter()
            .map(|m| Municipality::new(m.code.clone(), m.code[..2].to_owned()))
            .collect();
        let names_at: BTreeMap<String, String> = ms
            .iter()
            .map(|m| (m.code.clone(), m.name.clone()))
            .collect();
        let county_names: BTreeMap<String, String> = geo
            .counties_at(at)
            .map(|cs| {
                cs.iter()
                    .map(|c| (c.code.clone(), c.name.clone()))
                    .collect()
            })
            .unwrap_or_default();

        // Table columns: plain series, and each family's members.
        let mut columns: Vec<(String, String, Option<String>)> = Vec::new();
        for n in &names {
            let family = refs.iter().any(|(r, _, f)| r == n && *f);
            if family {
                for m in panel.members(n) {
                    columns.push((format!("{n}:{m}"), (*n).to_owned(), Some(m)));
                }
            } else {
                columns.push(((*n).to_owned(), (*n).to_owned(), None));
            }
        }
        let mut table = SeriesTable::new(
            municipalities.iter().map(|m| m.code.clone()),
            columns.iter().map(|c| c.0.clone()),
            (year + lo)..=(year + hi),
        )
        .map_err(|e| AppError::NotFound(e.to_string()))?;
        for (col, (column, series, member)) in columns.iter().enumerate() {
            let offsets: BTreeSet<i32> = refs
                .iter()
                .filter(|(r, _, _)| r == series)
                .map(|(_, o, _)| *o)
                .collect();
            for (row, m) in municipalities.iter().enumerate() {
                for o in &offsets {
                    let y = year + o;
                    let Ok(v) = panel.resolve(geo, series, member.as_deref(), &m.code, y, at)
                    else {
                        continue;
                    };
                    used.extend(v.provenance.iter().copied());
                    match (v.value, &v.missing) {
                        (Some(x), _) => {
                            let _ = table.set_at(col, row, y, x, v.synthetic);
                        }
                        (None, Some(miss)) if miss.symbol.is_some() => {
                            let _ = table.set_missing(
                                column,
                                &m.code,
                                y,
                                MissingReason::from_symbol(miss.symbol.as_deref().unwrap_or("")),
                                v.synthetic,
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
        let ranking = Ranker::new(def, &table)
            .rank_year(year, &municipalities)
            .map_err(|e| AppError::NotFound(e.to_string()))?;
        if ranking.total.ranked == 0 {
            continue;
        }
        out.push(RankedYear {
            year,
            edition: def.edition(year),
            geography_at: at,
            table,
            ranking,
            names: names_at,
            county_names,
        });
    }
    let sources = used
        .into_iter()
        .filter_map(|i| panel.provenance().get(i as usize).cloned())
        .collect();
    Ok(RankingSet {
        borders,
        years: out,
        sources,
    })
}

/// The plan municipality's computed rank in one data year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRank {
    /// The data year.
    pub year: Year,
    /// The municipality's code on that year's borders.
    pub code: String,
    /// The borders ranked (1 January of the edition year, or later).
    pub geography_at: Date,
    /// National rank.
    pub rank: u32,
    /// Out of how many ranked.
    pub ranked: u32,
    /// The county that year.
    pub county: String,
    /// Its name.
    pub county_name: String,
    /// Rank within the county.
    pub county_rank: Option<u32>,
    /// Ranked in the county.
    pub county_ranked: u32,
    /// Whether any input is synthetic.
    pub synthetic: bool,
}

/// The plan municipality's computed ranks, one per data year where it is ranked.
pub fn plan_ranks(set: &RankingSet, geo: &Geography, plan_code: &str) -> Vec<PlanRank> {
    let mut out = Vec::new();
    for y in &set.years {
        let Some(code) = code_at(geo, plan_code, y.geography_at) else {
            continue;
        };
        let Some(row) = y.ranking.row(&code) else {
            continue;
        };
        let Some(rank) = row.rank else { continue };
        out.push(PlanRank {
            year: y.year,
            county_name: y
                .county_names
                .get(&row.county)
                .cloned()
                .unwrap_or_else(|| row.county.clone()),
            county_ranked: y.ranking.county_ranked(&row.county),
            county_rank: row.county_rank,
            county: row.county,
            code,
            geography_at: y.geography_at,
            rank,
            ranked: y.ranking.total.ranked,
            synthetic: row.synthetic,
        });
    }
    out
}

/// Feeds the plan municipality's computed total and county ranks into `inputs` as imported
/// figures of the plan's indicators [`TOTAL_INDICATOR`] and [`COUNTY_INDICATOR`] (where the plan
/// has them), labelled "beregnet rangering" — and "(syntetiske inndata)" where any input is
/// synthetic — so that they are shown beside the plan's quoted (published) ranks. For a data
/// year where NHO's own published total rank is bundled ([`published_plan_ranks`]), that REAL
/// figure is the imported value of [`TOTAL_INDICATOR`] instead (our computed rank of that year
/// stays in `naeringsplan rank` and the ranking pages).
pub async fn feed_plan_indicators(
    store: &Store,
    plan: &Plan,
    inputs: &mut engine::Inputs,
) -> Result<(), AppError> {
    let has = |id: &str| plan.indicators.iter().any(|i| i.id == id);
    if !has(TOTAL_INDICATOR) && !has(COUNTY_INDICATOR) {
        return Ok(());
    }
    let geo = Geography::bundled();
    let code = &plan.meta.municipality_code;
    let borders = plan_borders(geo, code);
    let set = load(store, default_years(geo), borders).await?;
    let def = kommune_nm();
    // NHO's own published ranks take the years they cover (fed last, below).
    let published = published_plan_ranks(geo, plan);
    for r in plan_ranks(&set, geo, code) {
        let label = if r.synthetic {
            "beregnet rangering (syntetiske inndata)"
        } else {
            "beregnet rangering"
        };
        let prov = |what: String| {
            EngineProvenance::default()
                .synthetic(r.synthetic)
                .note(format!(
                    "{label}: egen indeks {} (ikke NHOs), datår {}, kommunene per {} ({}); {what}",
                    def.id, r.year, r.geography_at, r.code,
                ))
        };
        if has(TOTAL_INDICATOR) && !published.iter().any(|p| p.data_year == r.year) {
            inputs.insert_published(
                TOTAL_INDICATOR,
                code.clone(),
                r.year,
                Observation::value(
                    f64::from(r.rank),
                    prov(format!("plass {} av {}", r.rank, r.ranked)),
                ),
            );
        }
        if has(COUNTY_INDICATOR)
            && let Some(cr) = r.county_rank
        {
            inputs.insert_published(
                COUNTY_INDICATOR,
                code.clone(),
                r.year,
                Observation::value(
                    f64::from(cr),
                    prov(format!(
                        "plass {cr} av {} i {} ({})",
                        r.county_ranked, r.county_name, r.county
                    )),
                ),
            );
        }
    }
    if has(TOTAL_INDICATOR) {
        for p in published {
            inputs.insert_published(TOTAL_INDICATOR, code.clone(), p.data_year, p.observation());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// NHO's published ranks (data/ranking/nho_published_ranks.csv).

/// The bundled file of NHO's published Kommune-NM ranks (origins per row; see
/// `data/ranking/README.md`).
pub const NHO_PUBLISHED_CSV: &str = include_str!("../../../data/ranking/nho_published_ranks.csv");

/// One rank NHO published in a Kommune-NM edition: a REAL published figure (never synthetic),
/// with the address it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedRank {
    /// The Kommune-NM edition (year of publication).
    pub edition: Year,
    /// The year of the data ranked (`edition − 1`): the year the plan's tables use.
    pub data_year: Year,
    /// The municipality code valid on 1 January of the edition year.
    pub municipality_code: String,
    /// Its name.
    pub municipality_name: String,
    /// `total`, or a group id (`naeringsliv`, `arbeidsmarked`, `demografi`, `kompetanse`,
    /// `kommuneokonomi`).
    pub ranking: String,
    /// The rank (1 = best).
    pub rank: u32,
    /// Where it was published.
    pub source_url: String,
    /// A remark (conflicting sources, old borders), may be empty.
    pub note: String,
}

impl PublishedRank {
    /// The rank as an imported published observation for the engine.
    pub fn observation(&self) -> Observation {
        let mut note = format!(
            "publisert av NHO: plass {} i Kommune-NM {} (datår {}), {} ({})",
            self.rank, self.edition, self.data_year, self.municipality_name, self.municipality_code
        );
        if !self.note.is_empty() {
            note.push_str("; ");
            note.push_str(&self.note);
        }
        Observation::value(
            f64::from(self.rank),
            EngineProvenance::table(
                format!("NHO Kommune-NM {}", self.edition),
                self.source_url.clone(),
            )
            .synthetic(false)
            .note(note),
        )
    }
}

/// Parses the published-ranks CSV (header `edition,data_year,municipality_code,
/// municipality_name,ranking,rank,source_url,note`); an error names the line and the field.
pub fn parse_published_ranks(text: &str) -> Result<Vec<PublishedRank>, String> {
    const HEADER: [&str; 8] = [
        "edition",
        "data_year",
        "municipality_code",
        "municipality_name",
        "ranking",
        "rank",
        "source_url",
        "note",
    ];
    const GROUPS: [&str; 6] = [
        "total",
        "naeringsliv",
        "arbeidsmarked",
        "demografi",
        "kompetanse",
        "kommuneokonomi",
    ];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| format!("line 1: {e}"))?;
    if header.iter().collect::<Vec<_>>() != HEADER {
        return Err(format!(
            "line 1: expected the header {}, found {}",
            HEADER.join(","),
            header.iter().collect::<Vec<_>>().join(",")
        ));
    }
    let mut out: Vec<PublishedRank> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let line = rec.position().map_or(0, csv::Position::line);
        let field = |i: usize| rec.get(i).unwrap_or("").trim().to_owned();
        let number = |i: usize| -> Result<i64, String> {
            field(i).parse::<i64>().map_err(|_| {
                format!(
                    "line {line}: {} {:?} is not a whole number",
                    HEADER[i],
                    field(i)
                )
            })
        };
        let edition = i32::try_from(number(0)?).map_err(|e| format!("line {line}: {e}"))?;
        let data_year = i32::try_from(number(1)?).map_err(|e| format!("line {line}: {e}"))?;
        if data_year != edition - 1 {
            return Err(format!(
                "line {line}: data_year {data_year} is not edition − 1 ({})",
                edition - 1
            ));
        }
        let code = field(2);
        if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "line {line}: municipality_code {code:?} is not four digits"
            ));
        }
        let ranking = field(4);
        if !GROUPS.contains(&ranking.as_str()) {
            return Err(format!(
                "line {line}: ranking {ranking:?} is not one of {}",
                GROUPS.join(", ")
            ));
        }
        let rank = u32::try_from(number(5)?)
            .ok()
            .filter(|r| *r >= 1)
            .ok_or_else(|| format!("line {line}: rank {:?} is not 1 or more", field(5)))?;
        let source_url = field(6);
        if !source_url.starts_with("http://") && !source_url.starts_with("https://") {
            return Err(format!(
                "line {line}: source_url {source_url:?} is not an address"
            ));
        }
        if out
            .iter()
            .any(|p| p.edition == edition && p.municipality_code == code && p.ranking == ranking)
        {
            return Err(format!(
                "line {line}: {code} {ranking} in the {edition} edition a second time"
            ));
        }
        out.push(PublishedRank {
            edition,
            data_year,
            municipality_code: code,
            municipality_name: field(3),
            ranking,
            rank,
            source_url,
            note: field(7),
        });
    }
    Ok(out)
}

/// NHO's published ranks bundled with the binary ([`NHO_PUBLISHED_CSV`]).
pub fn nho_published_ranks() -> &'static [PublishedRank] {
    static RANKS: OnceLock<Vec<PublishedRank>> = OnceLock::new();
    RANKS.get_or_init(|| {
        parse_published_ranks(NHO_PUBLISHED_CSV)
            .unwrap_or_else(|e| panic!("data/ranking/nho_published_ranks.csv: {e} (tested)"))
    })
}

/// The published total ranks of the plan's municipality, by data year: rows whose code is the
/// plan's municipality on 1 January of the edition year (itself, or the code it was renumbered
/// from, 3025 for 3203), never the rank of a municipality before a merger.
pub fn published_plan_ranks(geo: &Geography, plan: &Plan) -> Vec<PublishedRank> {
    let code = &plan.meta.municipality_code;
    nho_published_ranks()
        .iter()
        .filter(|p| p.ranking == "total")
        .filter(|p| {
            code_at(geo, code, jan1(p.edition)).as_deref() == Some(p.municipality_code.as_str())
        })
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// One year's ranking as the CLI, the page and the API show it.

/// A group's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupInfo {
    /// Group id.
    pub id: String,
    /// Name.
    pub name: engine::Bilingual,
}

/// A county on the year's borders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountyInfo {
    /// Code, e.g. `30`.
    pub code: String,
    /// Name, e.g. `Viken`.
    pub name: String,
}

/// One municipality's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    /// Code on the year's borders.
    pub code: String,
    /// Name.
    pub name: String,
    /// County code.
    pub county: String,
    /// County name.
    pub county_name: String,
    /// Total score.
    pub score: Option<f64>,
    /// National rank.
    pub rank: Option<u32>,
    /// Rank in the county.
    pub county_rank: Option<u32>,
    /// Group scores and ranks, in definition order.
    pub groups: Vec<engine::ranking::GroupCell>,
    /// Whether any input is synthetic.
    pub synthetic: bool,
    /// Groups without a score (why it is not ranked).
    pub missing_groups: Vec<String>,
    /// The plan's municipality.
    pub plan: bool,
}

/// A file the inputs came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    /// Table id.
    pub table_id: String,
    /// File name.
    pub file_name: String,
    /// Synthetic (generated) data.
    pub synthetic: bool,
}

/// One data year's ranking, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankingReport {
    /// Definition id.
    pub definition_id: String,
    /// Definition name.
    pub definition_name: engine::Bilingual,
    /// Data year.
    pub year: Year,
    /// Edition year.
    pub edition: Year,
    /// The municipalities ranked are those valid on this date.
    pub geography_at: Date,
    /// Every data year available.
    pub years: Vec<Year>,
    /// Municipalities ranked (with a total score).
    pub ranked: u32,
    /// Municipalities on the borders.
    pub municipalities: u32,
    /// Whether any input is synthetic.
    pub synthetic: bool,
    /// The county filter, if any.
    pub county: Option<CountyInfo>,
    /// Every county on the borders.
    pub counties: Vec<CountyInfo>,
    /// The plan's municipality's code on these borders, if it existed as a whole.
    pub plan_code: Option<String>,
    /// The groups.
    pub groups: Vec<GroupInfo>,
    /// The rows: best first (by county rank with a county filter), at most `top`.
    pub rows: Vec<ReportRow>,
    /// The plan's municipality's row (also when it is not among `rows`).
    pub plan_row: Option<ReportRow>,
    /// Published ranks of this data year beside the computed ones.
    pub published: Vec<RankComparison>,
    /// The explanation asked for.
    pub explanation: Option<Explanation>,
    /// Where the definition departs from NHO.
    pub departures: Vec<engine::ranking::Departure>,
    /// The files the inputs came from.
    pub sources: Vec<SourceInfo>,
    /// The tables the ranking reads whose id or codes are not verified against public evidence.
    pub unverified: Vec<crate::sources::Unverified>,
}

/// What to show of a [`RankingSet`].
#[derive(Debug, Clone, Default)]
pub struct ReportOptions<'a> {
    /// The data year (default: the latest).
    pub year: Option<Year>,
    /// Only this county (its code on the year's borders).
    pub county: Option<&'a str>,
    /// Explain this municipality (a code on the year's borders, or a later code that is the
    /// same municipality renumbered, e.g. 3203 for 3025).
    pub explain: Option<&'a str>,
    /// At most this many rows.
    pub top: Option<usize>,
}

/// One year's ranking as shown by the CLI, the page and the API.
pub fn report(
    set: &RankingSet,
    geo: &Geography,
    plan: Option<&Plan>,
    opts: &ReportOptions<'_>,
) -> Result<RankingReport, AppError> {
    let def = kommune_nm();
    let y = match opts.year {
        Some(year) => set.year(year).ok_or_else(|| {
            AppError::NotFound(format!(
                "ingen rangering for datåret {year} (tilgjengelig: {})",
                set.years
                    .iter()
                    .map(|y| y.year.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?,
        None => set
            .latest()
            .ok_or_else(|| AppError::NotFound("ingen data å rangere i lageret".into()))?,
    };
    let counties: Vec<CountyInfo> = y
        .county_names
        .iter()
        .filter(|(c, _)| y.ranking.municipalities.iter().any(|m| &m.county == *c))
        .map(|(c, n)| CountyInfo {
            code: c.clone(),
            name: n.clone(),
        })
        .collect();
    let county = match opts.county {
        None => None,
        Some(c) => Some(
            counties
                .iter()
                .find(|k| k.code == c)
                .cloned()
                .ok_or_else(|| {
                    AppError::NotFound(format!(
                        "fylke {c} finnes ikke per {} (fylker: {})",
                        y.geography_at,
                        counties
                            .iter()
                            .map(|k| format!("{} {}", k.code, k.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?,
        ),
    };
    let plan_code = plan.and_then(|p| code_at(geo, &p.meta.municipality_code, y.geography_at));
    let to_row = |r: engine::ranking::RankingRow| ReportRow {
        name: y.name(&r.code).to_owned(),
        county_name: y
            .county_names
            .get(&r.county)
            .cloned()
            .unwrap_or_else(|| r.county.clone()),
        plan: plan_code.as_deref() == Some(r.code.as_str()),
        code: r.code,
        county: r.county,
        score: r.score,
        rank: r.rank,
        county_rank: r.county_rank,
        groups: r.groups,
        synthetic: r.synthetic,
        missing_groups: r.missing_groups,
    };
    let rows: Vec<engine::ranking::RankingRow> = match &county {
        Some(k) => y.ranking.county_rows(&k.code),
        None => y.ranking.rows_by_rank(),
    };
    let rows: Vec<ReportRow> = rows
        .into_iter()
        .take(opts.top.unwrap_or(usize::MAX))
        .map(to_row)
        .collect();
    let plan_row = plan_code
        .as_deref()
        .and_then(|c| y.ranking.row(c))
        .map(to_row);
    let explanation = match opts.explain {
        None => None,
        Some(c) => {
            let code = code_at(geo, c, y.geography_at).ok_or_else(|| {
                AppError::NotFound(format!(
                    "kommune {c} finnes ikke som én kommune per {}",
                    y.geography_at
                ))
            })?;
            Some(
                y.explain(&code)
                    .map_err(|e| AppError::NotFound(e.to_string()))?,
            )
        }
    };
    let sources = set
        .sources
        .iter()
        .map(|p| SourceInfo {
            table_id: p.table_id.clone(),
            file_name: p.file_name.clone(),
            synthetic: p.synthetic,
        })
        .collect();
    Ok(RankingReport {
        definition_id: def.id.clone(),
        definition_name: def.name.clone(),
        year: y.year,
        edition: y.edition,
        geography_at: y.geography_at,
        years: set.years.iter().map(|y| y.year).collect(),
        ranked: y.ranking.total.ranked,
        municipalities: y.ranking.municipalities.len() as u32,
        synthetic: y.synthetic(),
        county,
        counties,
        plan_code,
        groups: def
            .groups
            .iter()
            .map(|g| GroupInfo {
                id: g.id.clone(),
                name: g.name.clone(),
            })
            .collect(),
        rows,
        plan_row,
        published: plan
            .map(|p| y.compare_published(geo, p))
            .unwrap_or_default(),
        explanation,
        departures: def.departures.clone(),
        sources,
        unverified: crate::sources::ranking_unverified(def),
    })
}

/// A ranking as CSV for download: one row per municipality (code, name, county, score, rank,
/// county rank, each group's rank, and whether its inputs are synthetic), in rank order; a cell
/// a spreadsheet would run as a formula is prefixed with `'`.
pub fn to_csv(r: &RankingReport) -> Vec<u8> {
    use sheet::csv_safe::write_record;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "year",
        "code",
        "name",
        "county",
        "score",
        "rank",
        "county_rank",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(r.groups.iter().map(|g| format!("rank_{}", g.id)));
    header.push("synthetic".into());
    let _ = write_record(&mut w, &header);
    let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    for row in &r.rows {
        let mut cells = vec![
            r.year.to_string(),
            row.code.clone(),
            row.name.clone(),
            row.county_name.clone(),
            row.score.map(|v| v.to_string()).unwrap_or_default(),
            opt(row.rank),
            opt(row.county_rank),
        ];
        cells.extend(r.groups.iter().map(|g| {
            opt(row
                .groups
                .iter()
                .find(|c| c.id == g.id)
                .and_then(|c| c.rank))
        }));
        cells.push(row.synthetic.to_string());
        let _ = write_record(&mut w, &cells);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod published_tests {
    use super::*;

    #[test]
    fn the_bundled_ranks_parse_and_carry_an_address() {
        let all = nho_published_ranks();
        assert!(all.len() > 50, "{}", all.len());
        assert!(all.iter().all(|p| p.source_url.starts_with("http")));
        let asker_2020 = all
            .iter()
            .find(|p| p.edition == 2020 && p.municipality_code == "3025" && p.ranking == "total")
            .expect("Asker in the 2020 edition");
        assert_eq!((asker_2020.data_year, asker_2020.rank), (2019, 13));
    }

    #[test]
    fn the_plan_gets_nhos_ranks_of_its_own_borders_by_data_year() {
        let plan = plan::embedded_default();
        assert_eq!(plan.meta.municipality_code, "3203");
        let got: Vec<(Year, u32, String)> = published_plan_ranks(Geography::bundled(), &plan)
            .into_iter()
            .map(|p| (p.data_year, p.rank, p.municipality_code))
            .collect();
        // 3025 (2020 and 2021 editions) was renumbered 3203; old Asker 0220 (5th, 10th and 11th
        // in the 2017–2019 editions) is another municipality and is left out.
        assert_eq!(
            got,
            vec![(2019, 13, "3025".to_owned()), (2020, 11, "3025".to_owned())]
        );
        // The plan's own table quotes 13 for 2019: plan years are data years.
        let ind = plan
            .indicators
            .iter()
            .find(|i| i.id == TOTAL_INDICATOR)
            .expect("the Kommune-NM indicator");
        assert_eq!(ind.results.get(&2019).map(|q| q.value), Some(13.0));
        let obs = published_plan_ranks(Geography::bundled(), &plan)[0].observation();
        assert_eq!(obs.as_value(), Some(13.0));
        assert!(!obs.provenance.synthetic);
        assert!(
            obs.provenance
                .source_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://www.nho.no/"))
        );
    }

    #[test]
    fn a_bad_row_is_refused_with_its_line() {
        let header =
            "edition,data_year,municipality_code,municipality_name,ranking,rank,source_url,note\n";
        let ok = "2020,2019,3025,Asker,total,13,https://example.org/a,\n";
        assert_eq!(
            parse_published_ranks(&format!("{header}{ok}"))
                .unwrap()
                .len(),
            1
        );
        for (row, says) in [
            (
                "2020,2018,3025,Asker,total,13,https://x.org,\n",
                "data_year 2018",
            ),
            (
                "2020,2019,325,Asker,total,13,https://x.org,\n",
                "four digits",
            ),
            (
                "2020,2019,3025,Asker,total,0,https://x.org,\n",
                "rank \"0\"",
            ),
            (
                "2020,2019,3025,Asker,totalt,13,https://x.org,\n",
                "ranking \"totalt\"",
            ),
            ("2020,2019,3025,Asker,total,13,nho.no,\n", "not an address"),
            (ok, "a second time"),
        ] {
            let err = parse_published_ranks(&format!("{header}{ok}{row}")).unwrap_err();
            assert!(err.starts_with("line 3: "), "{err}");
            assert!(err.contains(says), "{err}");
        }
        let err = parse_published_ranks("year,rank\n").unwrap_err();
        assert!(err.contains("expected the header"), "{err}");
    }
}
