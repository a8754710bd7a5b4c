//! The plan's indicators for any municipality, and one indicator compared across municipalities
//! (issue 17): the same definitions over the same stored series, on each municipality's own
//! borders.
//!
//! Another municipality's values are computed, never judged: the plan's ambitions, targets and
//! quoted figures are the plan municipality's own, so they are left out of its evaluation (every
//! year's verdict is "no ambition", and there is no trend or projection).

use plan::{Plan, Unit, Year};
use serde::Serialize;
use stats::geography::{Geography, Level};
use store::Store;

use crate::AppError;
use crate::indicators::Evaluated;
use crate::similar::Similarity;

/// At most this many peers in one comparison (each is one evaluation).
pub const MAX_PEERS: usize = 12;

/// A list of municipality codes as a user types it (`3301,3312`, `3301 3312`, `3301;3312`), at
/// most [`MAX_PEERS`] of them.
pub fn parse_peers(text: &str) -> Vec<String> {
    text.split([',', ' ', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .take(MAX_PEERS)
        .map(str::to_string)
        .collect()
}

/// The municipality's current name in the bundled geography, or `NotFound` for a code it does
/// not know.
pub fn municipality_name(code: &str) -> Result<String, AppError> {
    let geo = Geography::bundled();
    geo.versions_of(Level::Municipality, code)
        .last()
        .map(|v| v.name.clone())
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "ukjent kommunenummer {code}: finnes ikke i den medfølgende kommuneinndelingen (KLASS 131)"
            ))
        })
}

/// The plan as it applies to another municipality: its indicators and definitions, without the
/// plan municipality's quoted figures, ambitions, merger history or county.
pub fn plan_for(plan: &Plan, code: &str) -> Result<Plan, AppError> {
    let name = municipality_name(code)?;
    if code == plan.meta.municipality_code {
        return Ok(plan.clone());
    }
    let mut p = plan.clone();
    p.meta.municipality_code = code.to_string();
    p.meta.municipality_name = name;
    p.meta.previous_codes.clear();
    p.meta.county_code = None;
    for i in &mut p.indicators {
        i.results.clear();
        i.ambitions.clear();
    }
    Ok(p)
}

/// The plan's indicators evaluated for `code` (the plan's own evaluation, with its judgements,
/// when `code` is the plan municipality), with the plan they were evaluated against.
pub async fn evaluate_for(
    store: &Store,
    plan: &Plan,
    code: &str,
) -> Result<(Plan, Vec<Evaluated>), AppError> {
    let p = plan_for(plan, code)?;
    // Cached per municipality (the plan's fingerprint holds its code), as the dashboard's.
    let mut evaluated = crate::indicators::evaluate_cached(store, &p)
        .await?
        .as_ref()
        .clone();
    if code != plan.meta.municipality_code {
        // The plan's targets are not this municipality's: no trend, no projection.
        for e in &mut evaluated {
            e.trend = None;
            e.projection = None;
        }
    }
    Ok((p, evaluated))
}

/// One municipality's value of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerValue {
    /// The year.
    pub year: Year,
    /// The value that counts (the same rule as the dashboard's).
    pub value: f64,
    /// Its source kind: `computed`, `published`, `plan_quote` or `demo`.
    pub source: engine::Source,
    /// Whether it rests on demo (synthetic) data.
    pub demo: bool,
    /// The source in detail (tables computed from, publisher).
    pub detail: String,
}

/// One municipality's row of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerRow {
    /// Municipality code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Whether this is the plan's municipality.
    pub plan_municipality: bool,
    /// The values, one per year that has one.
    pub values: Vec<PeerValue>,
}

/// The plan municipality's place among the compared municipalities in one year, on real values
/// only (a demo value is never ranked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerRank {
    /// The year: the latest in which the plan municipality has a real value.
    pub year: Year,
    /// Its place (1 = best, by the indicator's direction; equal values share a place).
    pub rank: usize,
    /// Out of how many with a real value that year.
    pub of: usize,
}

/// One indicator compared across municipalities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Indicator id.
    pub indicator_id: String,
    /// Its name (Norwegian).
    pub name: String,
    /// Its unit.
    pub unit: Unit,
    /// The plan's table years.
    pub years: Vec<Year>,
    /// The plan municipality first, then the peers in the order given.
    pub rows: Vec<PeerRow>,
    /// The plan municipality's place among them, when it has a real value.
    pub rank: Option<PeerRank>,
    /// Its place among all municipalities (percentile, national and county medians) by the
    /// indicator's chapter-9 definition, year by year where its computed value is real; absent
    /// for an indicator no definition computes for every municipality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national: Option<NationalStanding>,
}

/// The plan municipality among all municipalities ([`crate::national`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NationalStanding {
    /// The definition computed for every municipality.
    pub definition: String,
    /// Per year with a real computed value (demo values are never placed).
    pub years: Vec<crate::national::Standing>,
}

impl Comparison {
    /// The value of `code` in `year`, if any.
    pub fn value(&self, code: &str, year: Year) -> Option<&PeerValue> {
        self.rows
            .iter()
            .find(|r| r.code == code)?
            .values
            .iter()
            .find(|v| v.year == year)
    }
}

/// The plan municipality's place among `rows` in the latest year it has a real value.
fn peer_rank(rows: &[PeerRow], direction: plan::Direction) -> Option<PeerRank> {
    let own = rows.iter().find(|r| r.plan_municipality)?;
    let latest = own
        .values
        .iter()
        .filter(|v| !v.demo)
        .max_by_key(|v| v.year)?;
    let real: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.values.iter().find(|v| v.year == latest.year && !v.demo))
        .map(|v| v.value)
        .collect();
    let better = |x: f64| match direction {
        plan::Direction::HigherIsBetter => x > latest.value,
        plan::Direction::LowerIsBetter => x < latest.value,
    };
    Some(PeerRank {
        year: latest.year,
        rank: 1 + real.iter().filter(|x| better(**x)).count(),
        of: real.len(),
    })
}

/// `indicator_id` for the plan municipality and each of `peers` (duplicates and the plan
/// municipality itself dropped from the peers).
pub async fn compare(
    store: &Store,
    plan: &Plan,
    indicator_id: &str,
    peers: &[String],
) -> Result<Comparison, AppError> {
    let indicator = plan.indicator(indicator_id).ok_or_else(|| {
        AppError::NotFound(format!(
            "ukjent indikator {indicator_id}; planens indikatorer: {}",
            plan.indicators
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let mut codes = vec![plan.meta.municipality_code.clone()];
    for c in peers {
        let c = c.trim();
        if !c.is_empty() && !codes.iter().any(|x| x == c) {
            codes.push(c.to_string());
        }
    }
    // Every code is checked before any work is done.
    for c in &codes {
        municipality_name(c)?;
    }
    let mut rows = Vec::new();
    for code in &codes {
        let (p, evaluated) = evaluate_for(store, plan, code).await?;
        let values = evaluated
            .iter()
            .find(|e| e.evaluation.indicator_id == indicator_id)
            .map(|e| {
                crate::indicators::year_rows(&p, &e.evaluation)
                    .into_iter()
                    .filter_map(|r| {
                        let v = r.value?;
                        Some(PeerValue {
                            year: r.year,
                            value: v.value,
                            source: v.source,
                            demo: v.source == engine::Source::Demo,
                            detail: v.detail,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows.push(PeerRow {
            code: code.clone(),
            name: p.meta.municipality_name.clone(),
            plan_municipality: *code == plan.meta.municipality_code,
            values,
        });
    }
    let national = national_of(store, plan, indicator_id)
        .await?
        .map(|(_, standing)| standing);
    Ok(Comparison {
        indicator_id: indicator.id.clone(),
        name: indicator.name.nb.clone(),
        unit: indicator.unit,
        years: plan.table_years().collect(),
        rank: peer_rank(&rows, indicator.direction),
        rows,
        national,
    })
}

/// Which municipalities to compare the plan municipality with.
#[derive(Debug, Clone, Copy)]
pub enum Peers<'a> {
    /// Codes as a user types them ([`parse_peers`]); `None`: the plan's own peers
    /// (`meta.peers`).
    Listed(Option<&'a str>),
    /// The `n` municipalities most similar to the plan's ([`crate::similar`]), by these weights
    /// (`id=w,…`; empty: the defaults).
    Similar {
        /// How many.
        n: usize,
        /// The weights as typed.
        weights: &'a str,
    },
}

/// The codes of [`Peers::Listed`]: those typed, or the plan's own peers.
pub fn listed(plan: &Plan, text: Option<&str>) -> Vec<String> {
    match text {
        Some(list) => parse_peers(list),
        None => plan.meta.peers.clone(),
    }
}

/// A comparison, and how its peers were found when they were found by similarity.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    /// The comparison.
    #[serde(flatten)]
    pub comparison: Comparison,
    /// Year, features, weights and distances of a similarity search (absent for listed peers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar: Option<Similarity>,
}

/// `indicator_id` for the plan municipality and the peers chosen: the one use case behind
/// `naeringsplan compare`, `/api/compare` and the indicator page. Similar municipalities that no
/// longer exist as a whole are not compared.
pub async fn compare_with(
    store: &Store,
    plan: &Plan,
    indicator_id: &str,
    peers: Peers<'_>,
) -> Result<Compared, AppError> {
    let (codes, similar) = match peers {
        Peers::Listed(text) => (listed(plan, text), None),
        Peers::Similar { n, weights } => {
            let weights = crate::similar::parse_weights(weights)?;
            let s = crate::similar::similar(store, plan, None, n, &weights).await?;
            let codes = s.rows.iter().filter_map(|r| r.code_now.clone()).collect();
            (codes, Some(s))
        }
    };
    Ok(Compared {
        comparison: compare(store, plan, indicator_id, &codes).await?,
        similar,
    })
}

/// The indicator's chapter-9 definition for every municipality ([`crate::national`]) and the
/// plan municipality's standing among them; none when no definition computes it nationally.
async fn national_of(
    store: &Store,
    plan: &Plan,
    indicator_id: &str,
) -> Result<Option<(crate::national::NationalDefinition, NationalStanding)>, AppError> {
    let Some(def) = crate::national::definition_of(plan, indicator_id) else {
        return Ok(None);
    };
    let all = crate::national::national(store).await?;
    Ok(all.definition(&def).map(|d| {
        let standing = NationalStanding {
            definition: def.clone(),
            years: plan
                .table_years()
                .filter_map(|y| d.standing(&plan.meta.municipality_code, y))
                .collect(),
        };
        (d.clone(), standing)
    }))
}

/// One indicator for every municipality: `naeringsplan compare --all` and
/// `/api/compare?all=1`.
#[derive(Debug, Clone, Serialize)]
pub struct AllMunicipalities {
    /// Indicator id.
    pub indicator_id: String,
    /// Its name (Norwegian).
    pub name: String,
    /// Its unit.
    pub unit: Unit,
    /// The plan municipality's number.
    pub plan_municipality: String,
    /// The plan municipality's percentile and the national and county medians, by year.
    pub standing: NationalStanding,
    /// Every municipality's computed values (values only, demo flagged; never judged).
    pub table: crate::national::NationalDefinition,
}

/// `indicator_id` for every municipality, by its chapter-9 definition, from one read of the
/// national panel. An indicator that is not computed by a definition (a published rank, a
/// figure from the municipality's own registers) is refused with the ones that are.
pub async fn all(
    store: &Store,
    plan: &Plan,
    indicator_id: &str,
) -> Result<AllMunicipalities, AppError> {
    let indicator = plan
        .indicator(indicator_id)
        .ok_or_else(|| AppError::NotFound(format!("ukjent indikator {indicator_id}")))?;
    let Some((table, standing)) = national_of(store, plan, indicator_id).await? else {
        let catalogue = store::observations::SeriesCatalogue::bundled();
        let national: Vec<&str> = crate::national::national_definitions(&catalogue)
            .iter()
            .map(|d| d.id)
            .collect();
        let ok: Vec<&str> = plan
            .indicators
            .iter()
            .filter(|i| {
                crate::national::definition_of(plan, &i.id)
                    .is_some_and(|d| national.contains(&d.as_str()))
            })
            .map(|i| i.id.as_str())
            .collect();
        return Err(AppError::Invalid(format!(
            "{indicator_id} beregnes ikke for alle kommuner (den bygger ikke på en definisjon fra kapittel 9 med nasjonale data); det gjør {}",
            ok.join(", ")
        )));
    };
    Ok(AllMunicipalities {
        indicator_id: indicator.id.clone(),
        name: indicator.name.nb.clone(),
        unit: indicator.unit,
        plan_municipality: plan.meta.municipality_code.clone(),
        standing,
        table,
    })
}
