//! Every municipality's values of the chapter-9 definitions (so the plan's computed indicators
//! for all 357 municipalities), from one read of the national panel (issue 17 item 1).
//!
//! [`crate::compare::evaluate_for`] evaluates the plan for one municipality by resolving each
//! series cell in the store; for a national median, a percentile or a table of every
//! municipality that would be tens of thousands of round trips. Here each series the
//! definitions read is read once for all municipalities and years ([`Store::series_panel`]),
//! resolved in memory on the borders [`Store::resolve`] would use
//! ([`store::observations::default_geography`]) into a column over every municipality of today
//! and every year (which stored codes make up each cell is worked out once per municipality
//! and year and shared by every series: [`SeriesPanel::grid_mapping`]), and every definition
//! evaluated by the engine over whole columns ([`engine::columns`]). The per-cell path
//! ([`national_inputs`], [`compute_from_inputs`]: [`SeriesPanel::resolve`] and
//! [`engine::Definition::value`] cell by cell) is kept as the reference: a test
//! (`tests/national_columns.rs`) checks that every input and every value is the same, bit for
//! bit, with the same demo flags; another (`naeringsplan`'s `compare_cli.rs`) compares the
//! values with the one-municipality path.
//!
//! Values only: a municipality other than the plan's is never judged against the plan's
//! ambitions. Each value says whether it rests on demo (synthetic) data. The local-procurement
//! definitions read the municipality's own supplier ledger and the knowledge-intensive share a
//! family of industry series; neither is national, so neither is here.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex, OnceLock};

use engine::columns::{Column, ColumnInputs, Grid};
use engine::{Definition, Inputs, Observation, Provenance};
use plan::{Computation, Plan};
use serde::{Deserialize, Serialize};
use stats::geography::Geography;
use store::Store;
use store::observations::{SeriesCatalogue, SeriesPanel, default_geography};
use time::{Date, Month};

use crate::AppError;

/// One municipality's value of a definition in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalValue {
    /// The year.
    pub year: i32,
    /// The value, in the definition's unit.
    pub value: f64,
    /// Rests on demo (synthetic) data: shown as such, never compared as if real.
    pub demo: bool,
}

/// One municipality's values of a definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalRow {
    /// Municipality number (today's).
    pub code: String,
    /// Municipality name.
    pub name: String,
    /// County number (today's).
    pub county: Option<String>,
    /// Values by year (years without a value left out).
    pub values: Vec<NationalValue>,
}

impl NationalRow {
    /// The value of `year`, if any.
    pub fn value(&self, year: i32) -> Option<&NationalValue> {
        self.values.iter().find(|v| v.year == year)
    }
}

/// One definition for every municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalDefinition {
    /// The definition's id (seed chapter 9), e.g. `kortreist_andel`.
    pub definition: String,
    /// Its name in Norwegian.
    pub name_nb: String,
    /// Its name in English.
    pub name_en: String,
    /// The unit.
    pub unit: plan::Unit,
    /// Every municipality of today, by number.
    pub rows: Vec<NationalRow>,
}

/// The chapter-9 definitions for every municipality and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct National {
    /// The borders the municipalities are today's on.
    pub geography_at: Date,
    /// The years computed.
    pub years: Vec<i32>,
    /// One entry per definition.
    pub definitions: Vec<NationalDefinition>,
}

impl National {
    /// The definition `id`, if it is national.
    pub fn definition(&self, id: &str) -> Option<&NationalDefinition> {
        self.definitions.iter().find(|d| d.definition == id)
    }
}

/// Where one municipality stands among all with a real value in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// The year.
    pub year: i32,
    /// The municipality's value.
    pub value: f64,
    /// The share of the other municipalities with a lower value, in per cent (0–100): a
    /// percentile rank, with ties counted half.
    pub percentile: f64,
    /// How many municipalities have a real value that year.
    pub of: usize,
    /// The median of all those values.
    pub national_median: f64,
    /// The median in the municipality's county (its real values), if it has a county.
    pub county_median: Option<f64>,
    /// How many values the county median is of.
    pub county_of: usize,
}

/// The median of `values` (sorted in place); none when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

impl NationalDefinition {
    /// The years any municipality has a value.
    pub fn years_known(&self) -> BTreeSet<i32> {
        self.rows
            .iter()
            .flat_map(|r| r.values.iter().map(|v| v.year))
            .collect()
    }

    /// Where `code` stands in `year` among the municipalities with a real (not demo) value;
    /// none when its own value is missing or demo, so a demo value is never placed.
    pub fn standing(&self, code: &str, year: i32) -> Option<Standing> {
        let own_row = self.rows.iter().find(|r| r.code == code)?;
        let own = own_row.value(year).filter(|v| !v.demo)?;
        let real: Vec<(&NationalRow, f64)> = self
            .rows
            .iter()
            .filter_map(|r| {
                r.value(year)
                    .filter(|v| !v.demo && v.value.is_finite())
                    .map(|v| (r, v.value))
            })
            .collect();
        let others = real.len().saturating_sub(1);
        let below = real.iter().filter(|(_, v)| *v < own.value).count() as f64;
        let equal = real.iter().filter(|(_, v)| *v == own.value).count() as f64 - 1.0;
        let percentile = if others == 0 {
            50.0
        } else {
            100.0 * (below + equal / 2.0) / others as f64
        };
        let mut all: Vec<f64> = real.iter().map(|(_, v)| *v).collect();
        let mut county: Vec<f64> = real
            .iter()
            .filter(|(r, _)| own_row.county.is_some() && r.county == own_row.county)
            .map(|(_, v)| *v)
            .collect();
        Some(Standing {
            year,
            value: own.value,
            percentile,
            of: real.len(),
            national_median: median(&mut all)?,
            county_of: county.len(),
            county_median: median(&mut county),
        })
    }
}

/// The definitions computed nationally: every one whose inputs are catalogue series read as a
/// panel (not the ledger's, not an industry family).
pub fn national_definitions(catalogue: &SeriesCatalogue) -> Vec<&'static Definition> {
    engine::definitions()
        .iter()
        .filter(|d| {
            d.needs.iter().all(|n| {
                !n.series.ends_with('*')
                    && !engine::series::is_procurement(n.series)
                    && catalogue.get(n.series).is_ok()
            })
        })
        .collect()
}

/// The years computed: the ten before this one.
pub fn national_years() -> RangeInclusive<i32> {
    let last = time::OffsetDateTime::now_utc().year() - 1;
    (last - 9)..=last
}

/// The series the definitions read, and the years to read them for (the definitions' year
/// offsets widen `years`).
pub fn needed(
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
) -> (Vec<&'static str>, RangeInclusive<i32>) {
    let mut series = BTreeSet::new();
    let (mut first, mut last) = (*years.start(), *years.end());
    for d in definitions {
        for n in d.needs {
            series.insert(n.series);
            first = first.min(years.start() + n.year_offset);
            last = last.max(years.end() + n.year_offset);
        }
    }
    (series.into_iter().collect(), first..=last)
}

/// Reads the panel the definitions need (one query per series).
pub async fn read_panel(
    store: &Store,
    catalogue: &SeriesCatalogue,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
) -> Result<SeriesPanel, AppError> {
    let (series, read_years) = needed(definitions, years);
    Ok(store.series_panel(catalogue, &series, read_years).await?)
}

/// Computes every definition for every municipality of `at` and every year, from the panel:
/// pure and in memory (the part bench/evaluate times). Columnar: each series resolved once for
/// every municipality and year ([`national_columns`]), then each definition evaluated over the
/// columns ([`compute_from_columns`]); the same values, bit for bit, as the per-cell path
/// ([`national_inputs`] and [`compute_from_inputs`], kept as the reference a test compares
/// with).
pub fn compute(
    panel: &SeriesPanel,
    geo: &Geography,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
    at: Date,
) -> Result<National, AppError> {
    let columns = national_columns(panel, geo, definitions, years, at)?;
    compute_from_columns(&columns, geo, definitions, years, at)
}

/// The borders a series' year is read on for today's municipality `code` (those
/// [`Store::resolve`] would use, [`default_geography`]); none for a year without a 1 January.
fn borders(geo: &Geography, code: &str, year: i32) -> Option<Date> {
    let jan1 = Date::from_calendar_date(year, Month::January, 1).ok()?;
    Some(default_geography(geo, code, jan1.max(geo.coverage_start())))
}

/// The inputs of the definitions as columns over today's municipalities (in
/// [`Geography::municipalities_at`] order) × the years read: which stored codes make up each
/// municipality's cell is worked out once per municipality and year
/// ([`SeriesPanel::grid_mapping`]) and applied to each series
/// ([`SeriesPanel::resolve_grid`]), with the values and synthetic flags [`national_inputs`]
/// resolves cell by cell.
pub fn national_columns(
    panel: &SeriesPanel,
    geo: &Geography,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
    at: Date,
) -> Result<ColumnInputs, AppError> {
    let (series, read_years) = needed(definitions, years);
    let municipalities = municipalities(geo, at)?;
    let codes: Vec<&str> = municipalities.iter().map(|(c, _)| c.as_str()).collect();
    let mapping = panel.grid_mapping(geo, &codes, read_years.clone(), |code, year| {
        borders(geo, code, year)
    });
    let mut columns = ColumnInputs::new(Grid::new(codes.len(), read_years));
    for s in series {
        let g = panel.resolve_grid(&mapping, s)?;
        columns
            .insert(
                s,
                Column {
                    values: g.values,
                    demo: g.synthetic,
                },
            )
            .map_err(|e| AppError::Config(e.to_string()))?;
    }
    Ok(columns)
}

/// Every definition for every municipality of `at` and every year of `years`, from the
/// columns [`national_columns`] resolved: each definition compiled once and evaluated over
/// whole columns ([`engine::columns`]).
pub fn compute_from_columns(
    columns: &ColumnInputs,
    geo: &Geography,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
    at: Date,
) -> Result<National, AppError> {
    let municipalities = municipalities(geo, at)?;
    if columns.grid().codes() != municipalities.len() {
        return Err(AppError::Config(format!(
            "columns of {} municipalities for {} municipalities",
            columns.grid().codes(),
            municipalities.len()
        )));
    }
    let counties: Vec<Option<String>> = municipalities
        .iter()
        .map(|(code, _)| geo.county_of(code, at).ok().map(|c| c.code.clone()))
        .collect();
    let out_grid = Grid::new(municipalities.len(), years.clone());
    let mut out = Vec::with_capacity(definitions.len());
    for d in definitions {
        let compiled = d
            .compile(columns)
            .ok_or_else(|| AppError::Config(format!("{} has no columnar form", d.id)))?;
        let values = compiled.evaluate(years.clone());
        let rows = municipalities
            .iter()
            .zip(&counties)
            .enumerate()
            .map(|(m, ((code, name), county))| NationalRow {
                code: code.clone(),
                name: name.clone(),
                county: county.clone(),
                values: years
                    .clone()
                    .filter_map(|year| {
                        let (value, demo) = values.get(out_grid.index(m, year)?)?;
                        Some(NationalValue { year, value, demo })
                    })
                    .collect(),
            })
            .collect();
        out.push(NationalDefinition {
            definition: d.id.to_string(),
            name_nb: d.name_nb.to_string(),
            name_en: d.name_en.to_string(),
            unit: d.unit,
            rows,
        });
    }
    Ok(National {
        geography_at: at,
        years: years.clone().collect(),
        definitions: out,
    })
}

/// Today's municipalities on the bundled geography.
fn municipalities(geo: &Geography, at: Date) -> Result<Vec<(String, String)>, AppError> {
    Ok(geo
        .municipalities_at(at)
        .map_err(|e| AppError::Config(format!("the bundled municipality list at {at}: {e}")))?
        .into_iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect())
}

/// The engine's inputs for every municipality of `at`, cell by cell: each series the
/// definitions read, resolved from the panel ([`SeriesPanel::resolve`]) on the borders
/// [`Store::resolve`] would use for that year, with its value (or missing-value symbol) and
/// whether it is synthetic. The per-cell reference for [`national_columns`] (a test and
/// bench/evaluate compare them).
pub fn national_inputs(
    panel: &SeriesPanel,
    geo: &Geography,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
    at: Date,
) -> Result<Inputs, AppError> {
    let (series, read_years) = needed(definitions, years);
    let mut inputs = Inputs::new();
    for (code, _) in municipalities(geo, at)? {
        for year in read_years.clone() {
            let Some(borders) = borders(geo, &code, year) else {
                continue;
            };
            for s in &series {
                // A year outside the bundled geography, or a refused sum: no input for that cell.
                let Ok(v) = panel.resolve(geo, s, None, &code, year, borders) else {
                    continue;
                };
                // The table holds values and demo flags only: the input keeps no more of its
                // provenance than whether it is synthetic (the sources are the plan's own pages').
                let prov = Provenance::default().synthetic(v.synthetic);
                let obs = match (v.value, &v.missing) {
                    (Some(x), _) => Observation::value(x, prov),
                    (None, Some(miss)) => match &miss.symbol {
                        Some(sym) => Observation::symbol(sym, prov),
                        None => continue,
                    },
                    (None, None) => continue,
                };
                inputs.insert(*s, code.clone(), year, obs);
            }
        }
    }
    Ok(inputs)
}

/// Every definition for every municipality of `at` and every year of `years`, cell by cell
/// from inputs already resolved ([`national_inputs`]) with [`Definition::value`]: the per-cell
/// reference for [`compute_from_columns`].
pub fn compute_from_inputs(
    inputs: &Inputs,
    geo: &Geography,
    definitions: &[&Definition],
    years: &RangeInclusive<i32>,
    at: Date,
) -> Result<National, AppError> {
    let municipalities = municipalities(geo, at)?;
    let mut out = Vec::new();
    for d in definitions {
        let rows = municipalities
            .iter()
            .map(|(code, name)| NationalRow {
                code: code.clone(),
                name: name.clone(),
                county: geo.county_of(code, at).ok().map(|c| c.code.clone()),
                values: years
                    .clone()
                    .filter_map(|year| {
                        let (value, demo) = d.value(inputs, code, year)?;
                        Some(NationalValue { year, value, demo })
                    })
                    .collect(),
            })
            .collect();
        out.push(NationalDefinition {
            definition: d.id.to_string(),
            name_nb: d.name_nb.to_string(),
            name_en: d.name_en.to_string(),
            unit: d.unit,
            rows,
        });
    }
    Ok(National {
        geography_at: at,
        years: years.clone().collect(),
        definitions: out,
    })
}

type Cache = Mutex<Vec<(u64, Arc<National>)>>;

/// The kind of the national tables kept in the store ([`crate::cache`]).
const STORED_KIND: &str = "national";
/// How many national tables the store keeps (about 2 MB each).
const STORED_KEEP: u32 = 4;

/// Every national definition for every municipality of today and the ten years before this
/// one, cached in memory and in the store on the fingerprint of the imports and today's date
/// (the borders are today's).
pub async fn national(store: &Store) -> Result<Arc<National>, AppError> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let today = time::OffsetDateTime::now_utc().date();
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        crate::ranking::fingerprint(store).await?.hash(&mut h);
        today.to_julian_day().hash(&mut h);
        h.finish()
    };
    if let Some((_, hit)) = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
    {
        return Ok(hit.clone());
    }
    let stored_key = crate::cache::key(("national", key));
    let national = match crate::cache::read::<National>(store, STORED_KIND, &stored_key).await {
        Some(n) => Arc::new(n),
        None => {
            let geo = Geography::bundled();
            let catalogue = SeriesCatalogue::bundled();
            let definitions = national_definitions(&catalogue);
            let years = national_years();
            let panel = read_panel(store, &catalogue, &definitions, &years).await?;
            let n = compute(&panel, geo, &definitions, &years, today)?;
            crate::cache::write(store, STORED_KIND, &stored_key, &n, STORED_KEEP).await;
            Arc::new(n)
        }
    };
    let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
    c.retain(|(k, _)| *k != key);
    c.push((key, national.clone()));
    if c.len() > 4 {
        c.remove(0);
    }
    Ok(national)
}

/// The national definition behind a plan indicator, if it is computed by one.
pub fn definition_of(plan: &Plan, indicator_id: &str) -> Option<String> {
    plan.indicators
        .iter()
        .find(|i| i.id == indicator_id)
        .and_then(|i| match &i.computation {
            Computation::Definition { definition } => Some(definition.clone()),
            _ => None,
        })
}

/// Every municipality's value of `definition`, by code (for lookups).
pub fn by_code(def: &NationalDefinition) -> BTreeMap<&str, &NationalRow> {
    def.rows.iter().map(|r| (r.code.as_str(), r)).collect()
}
