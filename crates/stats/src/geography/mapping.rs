//! Carrying a series observed on one date's municipalities to another date's.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Backward, Geography, GeographyError, Level, NotSummable, Result};

/// Whether values of a series may be added up when municipalities merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Additivity {
    /// Counts and sums (population, jobs, enterprises, dekar): a merged municipality's value is
    /// the sum of its parts.
    Additive,
    /// A ratio of two additive series (a share, a rate, a percentage): never summed; recompute
    /// it from the mapped numerator and denominator with [`Geography::map_ratio`].
    Ratio {
        /// Name of the numerator series.
        numerator: String,
        /// Name of the denominator series.
        denominator: String,
    },
    /// Anything else that cannot be summed (an index, a rank, a median).
    NonAdditive,
}

/// Values by municipality code, observed on the municipalities valid on `date`.
///
/// A code with no value (SSB's `..`, `:` …) is simply left out; a target that would need it
/// gets no value, never a partial sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// A name used in messages, e.g. `"Befolkning 1. januar"`.
    pub name: String,
    /// The date whose municipality codes the values are on (e.g. 2019-01-01 for 2019 codes).
    pub date: Date,
    /// Whether the values may be summed.
    pub additivity: Additivity,
    /// Value by municipality code.
    pub values: BTreeMap<String, f64>,
}

impl Series {
    /// An empty series.
    pub fn new(name: impl Into<String>, date: Date, additivity: Additivity) -> Self {
        Series {
            name: name.into(),
            date,
            additivity,
            values: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) the value of a code; returns the series for chaining.
    pub fn with(mut self, code: impl Into<String>, value: f64) -> Self {
        self.values.insert(code.into(), value);
        self
    }
}

/// How much of a source code's value goes to a target (1.0 unless the source was split).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// The code on the series' own date.
    pub code: String,
    /// The share of its value counted in the target.
    pub share: f64,
}

/// One value of a mapped series, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedValue {
    /// The value; `None` when a component is missing from the source series (or, for a ratio,
    /// when the denominator is missing or 0).
    pub value: Option<f64>,
    /// The source codes that make up the target, with their shares.
    pub components: Vec<Component>,
    /// Source codes that belong to the target but had no value in the series.
    pub missing: Vec<String>,
}

/// A series carried to the municipalities (or counties) valid on `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedSeries {
    /// The series name.
    pub name: String,
    /// The date of the series' own codes.
    pub from: Date,
    /// The date whose codes the values are now on.
    pub date: Date,
    /// The additivity of the series.
    pub additivity: Additivity,
    /// Value by target code.
    pub values: BTreeMap<String, MappedValue>,
}

/// Caller-supplied shares for splits: `(old code, new code) → share`. The shares of one old
/// code must cover all its parts and sum to 1. SSB publishes none for municipal splits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SplitWeights {
    weights: BTreeMap<String, BTreeMap<String, f64>>,
}

impl SplitWeights {
    /// No weights.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the share of `old`'s value that goes to `new`.
    pub fn set(&mut self, old: &str, new: &str, share: f64) -> &mut Self {
        self.weights
            .entry(old.to_owned())
            .or_default()
            .insert(new.to_owned(), share);
        self
    }

    pub(crate) fn shares(&self, code: &str, targets: &[String]) -> Result<Option<Vec<f64>>> {
        let Some(given) = self.weights.get(code) else {
            return Ok(None);
        };
        let shares: Option<Vec<f64>> = targets.iter().map(|t| given.get(t).copied()).collect();
        let sum: f64 = shares.iter().flatten().sum();
        match shares {
            Some(s)
                if (sum - 1.0).abs() < 1e-9
                    && given.len() == targets.len()
                    && s.iter().all(|w| (0.0..=1.0).contains(w)) =>
            {
                Ok(Some(s))
            }
            _ => Err(GeographyError::BadWeights {
                code: code.to_owned(),
                targets: targets.to_vec(),
                found: given
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

fn in_series(series: &str, e: GeographyError) -> GeographyError {
    match e {
        e @ (GeographyError::InSeries { .. }
        | GeographyError::NotSummable(_)
        | GeographyError::Backward(_)) => e,
        e => GeographyError::InSeries {
            series: series.to_owned(),
            source: Box::new(e),
        },
    }
}

impl Geography {
    /// Carries `series` to the municipalities valid on `to`, summing merged municipalities.
    ///
    /// Refuses (naming the series and codes) to sum a [`Additivity::Ratio`] or
    /// [`Additivity::NonAdditive`] series across a merger or split — renumbering alone is fine;
    /// refuses a split without weights (use [`Geography::map_series_with_weights`]); and
    /// refuses to go back to an earlier date across a merger, since a sum cannot be divided.
    pub fn map_series(&self, series: &Series, to: Date) -> Result<MappedSeries> {
        self.map_series_with_weights(series, to, &SplitWeights::new())
    }

    /// As [`Geography::map_series`], sharing out the values of split municipalities by `weights`.
    pub fn map_series_with_weights(
        &self,
        series: &Series,
        to: Date,
        weights: &SplitWeights,
    ) -> Result<MappedSeries> {
        let name = series.name.as_str();
        let from = series.date;
        self.covered(from).map_err(|e| in_series(name, e))?;
        self.covered(to).map_err(|e| in_series(name, e))?;
        for code in series.values.keys() {
            self.municipality(code, from)
                .map_err(|e| in_series(name, e))?;
        }
        if to < from {
            return self.map_back(series, to);
        }

        // Structure: every code valid on `from` → its targets on `to` (ignoring weights).
        let mut parts: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
        for m in self.codes_valid(Level::Municipality, from) {
            let targets = self
                .forward_structure(m, from, to)
                .map_err(|e| in_series(name, e))?;
            for (t, split) in targets {
                parts.entry(t).or_default().push((m.to_owned(), split));
            }
        }

        let mut values: BTreeMap<String, MappedValue> = BTreeMap::new();
        for (code, &v) in &series.values {
            if series.additivity != Additivity::Additive {
                let targets = self
                    .forward_structure(code, from, to)
                    .map_err(|e| in_series(name, e))?;
                for target in targets.keys() {
                    let comps = &parts[target];
                    if comps.len() > 1 || comps.iter().any(|(_, split)| *split) {
                        return Err(self.not_summable(series, target, to, comps));
                    }
                }
            }
            let shares = self
                .forward_shares(code, from, to, weights)
                .map_err(|e| in_series(name, e))?;
            for (target, share) in shares {
                let entry = values.entry(target).or_insert(MappedValue {
                    value: Some(0.0),
                    components: Vec::new(),
                    missing: Vec::new(),
                });
                entry.value = entry.value.map(|s| s + v * share);
                entry.components.push(Component {
                    code: code.clone(),
                    share,
                });
            }
        }
        for (target, mapped) in &mut values {
            mapped.missing = parts[target]
                .iter()
                .map(|(c, _)| c.clone())
                .filter(|c| !series.values.contains_key(c))
                .collect();
            if !mapped.missing.is_empty() {
                mapped.value = None;
            }
        }
        Ok(MappedSeries {
            name: series.name.clone(),
            from,
            date: to,
            additivity: series.additivity.clone(),
            values,
        })
    }

    fn not_summable(
        &self,
        series: &Series,
        target: &str,
        to: Date,
        comps: &[(String, bool)],
    ) -> GeographyError {
        let (kind, advice) = match &series.additivity {
            Additivity::Ratio {
                numerator,
                denominator,
            } => (
                format!("a ratio ({numerator} / {denominator})"),
                format!("map {numerator:?} and {denominator:?} and divide (Geography::map_ratio)"),
            ),
            _ => (
                "not additive".to_owned(),
                "it cannot be carried across this change".to_owned(),
            ),
        };
        GeographyError::NotSummable(Box::new(NotSummable {
            series: series.name.clone(),
            kind,
            target: target.to_owned(),
            date: to,
            components: comps
                .iter()
                .map(|(c, split)| {
                    if *split {
                        format!("part of {c}")
                    } else {
                        c.clone()
                    }
                })
                .collect(),
            from: series.date,
            advice,
        }))
    }

    /// Maps back to an earlier date: allowed only where every step is a one-to-one renumbering.
    fn map_back(&self, series: &Series, to: Date) -> Result<MappedSeries> {
        let from = series.date;
        let name = series.name.as_str();
        let dates: Vec<Date> = self.dates_between(to, from).collect();
        let mut values = BTreeMap::new();
        for (code, &v) in &series.values {
            let mut c = code.clone();
            for &t in dates.iter().rev() {
                let preds = self
                    .predecessors(&c, t, super::day_before(t)?)
                    .map_err(|e| in_series(name, e))?;
                let one_to_one = preds.len() == 1
                    && self
                        .successors(&preds[0], super::day_before(t)?, t)
                        .map_err(|e| in_series(name, e))?
                        == [c.clone()];
                if !one_to_one {
                    return Err(GeographyError::Backward(Box::new(Backward {
                        series: series.name.clone(),
                        code: c,
                        date: t,
                        predecessors: preds,
                        from,
                        to,
                    })));
                }
                c = preds[0].clone();
            }
            values.insert(
                c,
                MappedValue {
                    value: Some(v),
                    components: vec![Component {
                        code: code.clone(),
                        share: 1.0,
                    }],
                    missing: Vec::new(),
                },
            );
        }
        Ok(MappedSeries {
            name: series.name.clone(),
            from,
            date: to,
            additivity: series.additivity.clone(),
            values,
        })
    }

    /// Carries a ratio to the geography of `to` the only sound way: maps its additive numerator
    /// and denominator (observed on the same date) and divides target by target.
    pub fn map_ratio(
        &self,
        name: &str,
        numerator: &Series,
        denominator: &Series,
        to: Date,
        weights: &SplitWeights,
    ) -> Result<MappedSeries> {
        for part in [numerator, denominator] {
            if part.additivity != Additivity::Additive {
                return Err(GeographyError::RatioParts {
                    name: name.to_owned(),
                    message: format!("{:?} is not an additive series", part.name),
                });
            }
        }
        if numerator.date != denominator.date {
            return Err(GeographyError::RatioParts {
                name: name.to_owned(),
                message: format!(
                    "{:?} is on the codes of {} but {:?} on those of {}",
                    numerator.name, numerator.date, denominator.name, denominator.date
                ),
            });
        }
        let num = self.map_series_with_weights(numerator, to, weights)?;
        let den = self.map_series_with_weights(denominator, to, weights)?;
        let targets: BTreeSet<&String> = num.values.keys().chain(den.values.keys()).collect();
        let values = targets
            .into_iter()
            .map(|t| {
                let n = num.values.get(t);
                let d = den.values.get(t);
                let value = match (n.and_then(|n| n.value), d.and_then(|d| d.value)) {
                    (Some(n), Some(d)) if d != 0.0 => Some(n / d),
                    _ => None,
                };
                let mut components: Vec<Component> = Vec::new();
                for m in [n, d].into_iter().flatten() {
                    for c in &m.components {
                        if !components.iter().any(|x| x.code == c.code) {
                            components.push(c.clone());
                        }
                    }
                }
                // Missing on either side; a side with no value at all misses every component.
                let mut missing: BTreeSet<String> = BTreeSet::new();
                for side in [n, d] {
                    match side {
                        Some(m) => missing.extend(m.missing.iter().cloned()),
                        None => missing.extend(components.iter().map(|c| c.code.clone())),
                    }
                }
                (
                    t.clone(),
                    MappedValue {
                        value,
                        components,
                        missing: missing.into_iter().collect(),
                    },
                )
            })
            .collect();
        Ok(MappedSeries {
            name: name.to_owned(),
            from: numerator.date,
            date: to,
            additivity: Additivity::Ratio {
                numerator: numerator.name.clone(),
                denominator: denominator.name.clone(),
            },
            values,
        })
    }

    /// Sums an additive municipality series into the counties valid on the series' own date,
    /// listing each county's municipalities and those without a value.
    pub fn sum_to_counties(&self, series: &Series) -> Result<MappedSeries> {
        let date = series.date;
        let name = series.name.as_str();
        let counties = self.counties_at(date).map_err(|e| in_series(name, e))?;
        let mut values = BTreeMap::new();
        for county in counties {
            let members = self
                .municipalities_in_county(&county.code, date)
                .map_err(|e| in_series(name, e))?;
            let present: Vec<&str> = members
                .iter()
                .map(|m| m.code.as_str())
                .filter(|c| series.values.contains_key(*c))
                .collect();
            if present.is_empty() {
                continue;
            }
            if series.additivity != Additivity::Additive {
                let comps: Vec<(String, bool)> =
                    members.iter().map(|m| (m.code.clone(), false)).collect();
                return Err(self.not_summable(series, &county.code, date, &comps));
            }
            let missing: Vec<String> = members
                .iter()
                .map(|m| m.code.clone())
                .filter(|c| !series.values.contains_key(c))
                .collect();
            let sum: f64 = present.iter().map(|c| series.values[*c]).sum();
            values.insert(
                county.code.clone(),
                MappedValue {
                    value: missing.is_empty().then_some(sum),
                    components: present
                        .iter()
                        .map(|c| Component {
                            code: (*c).to_owned(),
                            share: 1.0,
                        })
                        .collect(),
                    missing,
                },
            );
        }
        for code in series.values.keys() {
            self.county_of(code, date).map_err(|e| in_series(name, e))?;
        }
        Ok(MappedSeries {
            name: series.name.clone(),
            from: date,
            date,
            additivity: series.additivity.clone(),
            values,
        })
    }
}
