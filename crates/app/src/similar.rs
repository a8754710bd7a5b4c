//! Similar municipalities in Kolada's manner: the N municipalities nearest to the plan's by a
//! weighted distance over standardised features — the population (log) and indicators of the
//! Kommune-NM-style ranking (growth, employment share, private share, business diversity…) —
//! read from the ranking already computed and kept in the store ([`crate::ranking::load`]).
//!
//! Each feature is standardised over every municipality with a value that year (z-score, the
//! population on a log scale); the distance is `sqrt(Σ wᵢ·(zᵢ − zᵢ(plan))² / Σ wᵢ)`, so it reads
//! in standard deviations. A municipality missing any weighted feature is left out (never
//! imputed). A feature or a distance resting on any synthetic value is marked as demo: the
//! choice of peers is then a demonstration of the method, not a finding.

use plan::{Plan, Year};
use serde::Serialize;
use stats::geography::Geography;
use store::Store;

use crate::AppError;
use crate::ranking::{RankedYear, code_at, default_years, load, plan_borders};

/// The population feature's id (log of the population series).
pub const POPULATION: &str = "folketall";

/// The features and weights used when none are given.
pub const DEFAULT_WEIGHTS: &[(&str, f64)] = &[
    (POPULATION, 1.0),
    ("befolkningsvekst_3ar", 1.0),
    ("sysselsettingsandel", 1.0),
    ("privat_sysselsetting", 1.0),
    ("naeringslivsvariasjon", 1.0),
];

/// The most municipalities a finder returns.
pub const MAX_SIMILAR: usize = 30;

/// One feature of the distance.
#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    /// Id: [`POPULATION`] or a ranking indicator's id.
    pub id: String,
    /// Name (Norwegian).
    pub name: String,
    /// Its weight.
    pub weight: f64,
    /// The plan municipality's value.
    pub plan_value: f64,
    /// Whether any value of the feature that year is synthetic (demo).
    pub demo: bool,
}

/// One similar municipality.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarRow {
    /// Its code on the year's borders.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its code today (renumbered since, as Bærum 3024 → 3201), if it still exists as a whole.
    pub code_now: Option<String>,
    /// The weighted distance, in standard deviations.
    pub distance: f64,
    /// Whether any of its feature values is synthetic.
    pub demo: bool,
}

/// The nearest municipalities with the features and weights used.
#[derive(Debug, Clone, Serialize)]
pub struct Similarity {
    /// The data year of the features.
    pub year: Year,
    /// The plan municipality's code on that year's borders.
    pub code: String,
    /// The features, as weighted.
    pub features: Vec<Feature>,
    /// Nearest first.
    pub rows: Vec<SimilarRow>,
    /// How many municipalities had every feature (the plan's own included).
    pub compared: usize,
}

impl Similarity {
    /// Whether any feature rests on synthetic values.
    pub fn demo(&self) -> bool {
        self.features.iter().any(|f| f.demo)
    }
}

/// Parses `id=weight,id=weight` (ids as [`DEFAULT_WEIGHTS`] and the ranking's indicators).
pub fn parse_weights(text: &str) -> Result<Vec<(String, f64)>, AppError> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, w) = part.split_once('=').ok_or_else(|| {
            AppError::Invalid(format!("vekt «{part}»: skriv id=vekt, f.eks. folketall=2"))
        })?;
        let w: f64 = w.trim().parse().map_err(|_| {
            AppError::Invalid(format!("vekt «{part}»: «{}» er ikke et tall", w.trim()))
        })?;
        if !w.is_finite() || !(0.0..=100.0).contains(&w) {
            return Err(AppError::Invalid(format!(
                "vekt «{part}»: vekten må være mellom 0 og 100"
            )));
        }
        out.push((id.trim().to_owned(), w));
    }
    Ok(out)
}

/// The ids a weight may name, with their Norwegian names.
pub fn feature_names() -> Vec<(String, String)> {
    let mut out = vec![(POPULATION.to_owned(), "Folketall (log)".to_owned())];
    for (_, i) in engine::ranking::kommune_nm().indicators() {
        out.push((i.id.clone(), i.name.nb.clone()));
    }
    out
}

/// The values of one feature for every municipality of `y`, in the ranking's order, with their
/// synthetic flags.
fn feature_values(y: &RankedYear, id: &str) -> Option<(Vec<Option<f64>>, Vec<bool>)> {
    let ms = &y.ranking.municipalities;
    if id == POPULATION {
        let values = ms
            .iter()
            .map(|m| {
                y.table
                    .get("population", &m.code, y.year)
                    .filter(|v| *v > 0.0)
                    .map(f64::ln)
            })
            .collect();
        let demo = ms
            .iter()
            .map(|m| y.table.is_synthetic("population", &m.code, y.year))
            .collect();
        return Some((values, demo));
    }
    let col = y.ranking.indicators.iter().find(|c| c.id == id)?;
    Some((col.values(), col.synthetic.clone()))
}

/// The `n` municipalities nearest to the plan's in `year` (default: the latest ranked year in
/// which the plan municipality has every feature from real data, else the latest it has them at
/// all), by `weights` (default [`DEFAULT_WEIGHTS`]).
pub async fn similar(
    store: &Store,
    plan: &Plan,
    year: Option<Year>,
    n: usize,
    weights: &[(String, f64)],
) -> Result<Similarity, AppError> {
    if n == 0 || n > MAX_SIMILAR {
        return Err(AppError::Invalid(format!(
            "antall lignende kommuner må være mellom 1 og {MAX_SIMILAR}"
        )));
    }
    let weights: Vec<(String, f64)> = if weights.is_empty() {
        DEFAULT_WEIGHTS
            .iter()
            .map(|(i, w)| ((*i).to_owned(), *w))
            .collect()
    } else {
        weights.to_vec()
    };
    let names = feature_names();
    for (id, _) in &weights {
        if !names.iter().any(|(i, _)| i == id) {
            return Err(AppError::NotFound(format!(
                "ukjent kjennetegn «{id}» (kjente: {})",
                names
                    .iter()
                    .map(|(i, _)| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    if weights.iter().all(|(_, w)| *w == 0.0) {
        return Err(AppError::Invalid(
            "minst én vekt må være større enn 0".into(),
        ));
    }
    let geo = Geography::bundled();
    let plan_code = &plan.meta.municipality_code;
    let set = load(store, default_years(geo), plan_borders(geo, plan_code)).await?;

    // Every ranked year, latest first; the first without demo features is chosen.
    let mut found = Vec::new();
    for y in set.years.iter().rev() {
        if year.is_some_and(|want| want != y.year) {
            continue;
        }
        let Some(code) = code_at(geo, plan_code, y.geography_at) else {
            continue;
        };
        if let Some(s) = compute(y, &code, &weights, &names, n) {
            found.push(s);
        }
    }
    let pick = found.iter().position(|s| !s.demo()).unwrap_or(0);
    if found.is_empty() {
        return Err(AppError::NotFound(match year {
            Some(y) => format!("ingen kjennetegn for {plan_code} i {y}"),
            None => format!("ingen år med alle kjennetegn for {plan_code}"),
        }));
    }
    Ok(found.swap_remove(pick))
}

fn compute(
    y: &RankedYear,
    code: &str,
    weights: &[(String, f64)],
    names: &[(String, String)],
    n: usize,
) -> Option<Similarity> {
    let ms = &y.ranking.municipalities;
    let me = ms.iter().position(|m| m.code == code)?;
    let mut features = Vec::new();
    let mut columns: Vec<(Vec<Option<f64>>, Vec<bool>, f64)> = Vec::new();
    for (id, w) in weights.iter().filter(|(_, w)| *w > 0.0) {
        let (values, demo) = feature_values(y, id)?;
        let plan_value = values[me]?;
        // Standardise over every municipality with a value (population sd, divisor n).
        let have: Vec<f64> = values.iter().flatten().copied().collect();
        let mean = have.iter().sum::<f64>() / have.len() as f64;
        let sd = (have.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / have.len() as f64).sqrt();
        if sd == 0.0 || !sd.is_finite() {
            continue;
        }
        let z: Vec<Option<f64>> = values.iter().map(|v| v.map(|v| (v - mean) / sd)).collect();
        features.push(Feature {
            id: id.clone(),
            name: names
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| id.clone()),
            weight: *w,
            plan_value: if id == POPULATION {
                plan_value.exp().round()
            } else {
                plan_value
            },
            demo: values.iter().zip(&demo).any(|(v, d)| v.is_some() && *d),
        });
        columns.push((z, demo, *w));
    }
    if columns.is_empty() {
        return None;
    }
    let total: f64 = columns.iter().map(|(_, _, w)| w).sum();
    let mut rows = Vec::new();
    let mut compared = 0;
    'municipalities: for (i, m) in ms.iter().enumerate() {
        let mut sum = 0.0;
        let mut demo = false;
        for (z, d, w) in &columns {
            let (Some(a), Some(b)) = (z[i], z[me]) else {
                continue 'municipalities;
            };
            sum += w * (a - b).powi(2);
            demo |= d[i] || d[me];
        }
        compared += 1;
        if i == me {
            continue;
        }
        rows.push(SimilarRow {
            code: m.code.clone(),
            name: y.name(&m.code).to_owned(),
            code_now: None,
            distance: (sum / total).sqrt(),
            demo,
        });
    }
    rows.sort_by(|a, b| a.distance.total_cmp(&b.distance).then(a.code.cmp(&b.code)));
    rows.truncate(n);
    let today = time::OffsetDateTime::now_utc().date();
    for r in &mut rows {
        r.code_now = code_at(Geography::bundled(), &r.code, today);
    }
    Some(Similarity {
        year: y.year,
        code: code.to_owned(),
        features,
        rows,
        compared,
    })
}
