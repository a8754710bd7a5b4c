//! Explaining one municipality's place: score and rank per indicator and group, the gap to the
//! rank above and to 10th place, and which single indicator would move the total rank the most.
//!
//! The sensitivity table changes ONE indicator of ONE municipality at a time and holds
//! everything else fixed — the other municipalities' scores and the year's normalisation
//! statistics (mean, sd, min, max) — so the effect of the change on the national mean and sd
//! (one municipality of ~357) is ignored. Two changes per indicator:
//!
//! - **+1 sd**: the value improved by one standard deviation of that indicator's values that
//!   year (up for higher-is-better, down for lower-is-better); under the z-score normalisation
//!   that is +1 on the score, less where the clamp bites. No value → no scenario.
//! - **county median**: the value set to the median of the values in the municipality's county
//!   that year (itself included; the mean of the middle two for an even count). This can worsen
//!   the rank, where the municipality is above its county's median; it also shows what a missing
//!   indicator would bring if reported at the county median.
//!
//! The new total rank is `1 + the number of other municipalities with a higher (rounded) total`.
//! Rows are sorted by how far the rank moves (the larger of the two scenarios' moves, an
//! unranked municipality counting as one below the last), then by the +1 sd gain, then in
//! definition order.

use plan::Year;
use serde::Serialize;

use super::compute::{YearRanking, group_score, rank_score, score_of, tie_key, total_score};
use super::definition::{Direction, Normalisation};
use super::formula::SeriesRef;
use super::{RankError, Ranker};
use crate::Bilingual;
use crate::inputs::{Cell, MissingReason};

/// The total-score gap to another place.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Gap {
    /// That place's rank.
    pub rank: u32,
    /// The municipalities holding it.
    pub codes: Vec<String>,
    /// Their total score.
    pub score: f64,
    /// Their score minus ours (positive: what we lack; negative or zero: our margin).
    pub gap: f64,
}

/// A series input that is missing, and why.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MissingInput {
    /// Series (or family) name.
    pub series: String,
    /// The year read.
    pub year: Year,
    /// Why there is no value.
    pub reason: MissingReason,
}

/// One group's line in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct GroupExplanation {
    /// Group id.
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// Weight in the total.
    pub weight: f64,
    /// Score.
    pub score: Option<f64>,
    /// National rank on the group.
    pub rank: Option<u32>,
    /// Municipalities with a group score.
    pub ranked: u32,
    /// Indicators missing in the group.
    pub missing: u32,
}

/// One indicator's line in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndicatorExplanation {
    /// Indicator id.
    pub id: String,
    /// Its group's id.
    pub group: String,
    /// Name.
    pub name: Bilingual,
    /// The formula as written.
    pub formula: String,
    /// Direction.
    pub direction: Direction,
    /// Weight in the group.
    pub weight: f64,
    /// Value.
    pub value: Option<f64>,
    /// Score.
    pub score: Option<f64>,
    /// Under the group-mean policy, the score the missing indicator was given (the group
    /// score, i.e. the mean of the others).
    pub imputed_score: Option<f64>,
    /// National rank on the indicator.
    pub rank: Option<u32>,
    /// Municipalities with a value.
    pub ranked: u32,
    /// Mean of the values that year.
    pub mean: Option<f64>,
    /// Standard deviation of the values that year.
    pub sd: Option<f64>,
    /// Whether the value rests on synthetic data.
    pub synthetic: bool,
    /// The inputs that are missing, where the value is.
    pub missing_inputs: Vec<MissingInput>,
}

/// One what-if: a single indicator changed, everything else held.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Scenario {
    /// The indicator's new value.
    pub value: f64,
    /// Its new score.
    pub score: f64,
    /// The new total score (if the municipality would be ranked).
    pub total: Option<f64>,
    /// The new national rank.
    pub rank: Option<u32>,
    /// The new county rank.
    pub county_rank: Option<u32>,
    /// Places gained nationally (old rank − new rank; negative = places lost); `None` unless
    /// ranked both before and after.
    pub rank_gain: Option<i64>,
}

/// One row of the sensitivity table.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Sensitivity {
    /// Indicator id.
    pub indicator: String,
    /// Its group's id.
    pub group: String,
    /// The current value.
    pub value: Option<f64>,
    /// The value improved by one standard deviation.
    pub plus_one_sd: Option<Scenario>,
    /// The value moved to the county median.
    pub county_median: Option<Scenario>,
    /// The larger of the two scenarios' rank moves (the sort key).
    pub moves: u32,
}

/// Why one municipality ranks where it does.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Explanation {
    /// The definition's id.
    pub definition_id: String,
    /// Data year.
    pub year: Year,
    /// Edition year.
    pub edition: Year,
    /// Municipality code.
    pub code: String,
    /// County code that year.
    pub county: String,
    /// Total score.
    pub score: Option<f64>,
    /// National rank.
    pub rank: Option<u32>,
    /// Municipalities ranked nationally.
    pub ranked: u32,
    /// County rank.
    pub county_rank: Option<u32>,
    /// Municipalities ranked in the county.
    pub county_ranked: u32,
    /// The gap to the next better rank (`None` at rank 1 or unranked).
    pub gap_to_rank_above: Option<Gap>,
    /// The gap to the 10th place (`None` if unranked or fewer than 10 ranked).
    pub gap_to_10th: Option<Gap>,
    /// Groups, in definition order.
    pub groups: Vec<GroupExplanation>,
    /// Indicators, in definition order.
    pub indicators: Vec<IndicatorExplanation>,
    /// What-ifs, most rank-moving first.
    pub sensitivity: Vec<Sensitivity>,
    /// Whether any value rests on synthetic data.
    pub synthetic: bool,
    /// Groups without a score (why the municipality is not ranked, if it is not).
    pub missing_groups: Vec<String>,
}

impl Ranker<'_> {
    /// Explains one municipality's place in a ranking made by this ranker.
    pub fn explain(&self, ranking: &YearRanking, code: &str) -> Result<Explanation, RankError> {
        let def = self.definition();
        if ranking.definition_id != def.id || ranking.indicators.len() != def.indicator_count() {
            return Err(RankError::DefinitionMismatch {
                ranking: ranking.definition_id.clone(),
                definition: def.id.clone(),
            });
        }
        let m = ranking
            .index_of(code)
            .ok_or_else(|| RankError::UnknownMunicipality {
                code: code.to_string(),
                year: ranking.year,
            })?;
        let row = ranking.row_at(m);
        let n = ranking.municipalities.len();
        let decimals = def.method.tie_decimals;
        let county = ranking.municipalities[m].county.clone();
        let keys: Vec<f64> = (0..n)
            .map(|i| {
                ranking
                    .total
                    .score(i)
                    .map_or(f64::NAN, |s| tie_key(s, decimals))
            })
            .collect();
        let own_key = keys[m];

        // Gaps.
        let place = |key: f64| -> Gap {
            let holders: Vec<usize> = (0..n).filter(|&j| keys[j] == key).collect();
            let first = holders[0];
            let score = ranking.total.score(first).unwrap_or(f64::NAN);
            Gap {
                rank: ranking.total.ranks[first].unwrap_or(0),
                codes: holders
                    .iter()
                    .map(|&j| ranking.municipalities[j].code.clone())
                    .collect(),
                score,
                gap: score - row.score.unwrap_or(f64::NAN),
            }
        };
        let (gap_to_rank_above, gap_to_10th) = if own_key.is_nan() {
            (None, None)
        } else {
            let above = keys
                .iter()
                .copied()
                .filter(|k| !k.is_nan() && *k > own_key)
                .min_by(f64::total_cmp);
            let mut sorted: Vec<f64> = keys.iter().copied().filter(|k| !k.is_nan()).collect();
            sorted.sort_unstable_by(|a, b| b.total_cmp(a));
            (above.map(place), sorted.get(9).copied().map(place))
        };

        // Groups and indicators.
        let groups: Vec<GroupExplanation> = def
            .groups
            .iter()
            .zip(&ranking.groups)
            .map(|(g, c)| GroupExplanation {
                id: g.id.clone(),
                name: g.name.clone(),
                weight: g.weight,
                score: c.score(m),
                rank: c.ranks[m],
                ranked: c.ranked,
                missing: c.missing[m],
            })
            .collect();
        let mut indicators = Vec::with_capacity(def.indicator_count());
        for (k, (g, ind)) in def.indicators().enumerate() {
            let col = &ranking.indicators[k];
            let missing_inputs = if col.value(m).is_none() {
                self.missing_inputs(&ind.formula.series_refs(), code, ranking.year)
            } else {
                Vec::new()
            };
            indicators.push(IndicatorExplanation {
                id: ind.id.clone(),
                group: def.groups[g].id.clone(),
                name: ind.name.clone(),
                formula: ind.formula_text.clone(),
                direction: ind.direction,
                weight: ind.weight,
                value: col.value(m),
                score: col.score(m),
                imputed_score: match (col.score(m), def.method.missing) {
                    (None, super::MissingPolicy::GroupMean) => ranking.groups[g].score(m),
                    _ => None,
                },
                rank: col.rank_of(m),
                ranked: col.stats.map_or(0, |s| s.n),
                mean: col.stats.map(|s| s.mean),
                sd: col.stats.map(|s| s.sd),
                synthetic: col.synthetic[m],
                missing_inputs,
            });
        }

        // Sensitivity.
        let scores_m: Vec<f64> = ranking
            .indicators
            .iter()
            .map(|c| c.score(m).unwrap_or(f64::NAN))
            .collect();
        let unranked_at = ranking.total.ranked + 1;
        let old_rank = row.rank;
        let scenario = |k: usize, value: f64| -> Scenario {
            let (_, ind) = def.indicators().nth(k).expect("k is an indicator index");
            let col = &ranking.indicators[k];
            let score = match def.method.normalisation {
                Normalisation::Rank => {
                    let sign = ind.direction.sign();
                    let others: Vec<f64> = (0..n)
                        .filter(|&j| j != m)
                        .map(|j| col.value(j).map_or(f64::NAN, |v| sign * v))
                        .collect();
                    rank_score(&others, sign * value)
                }
                _ => match &col.stats {
                    Some(st) => score_of(def, ind.direction, st, value).unwrap_or(f64::NAN),
                    None => f64::NAN,
                },
            };
            let mut s = scores_m.clone();
            s[k] = score;
            let mut gscores = Vec::with_capacity(def.groups.len());
            let mut k0 = 0;
            for g in &def.groups {
                let w: Vec<f64> = g.indicators.iter().map(|i| i.weight).collect();
                gscores.push(group_score(def, &s[k0..k0 + w.len()], &w).0);
                k0 += w.len();
            }
            let gw: Vec<f64> = def.groups.iter().map(|g| g.weight).collect();
            let total = total_score(&gscores, &gw);
            let (rank, county_rank) = if total.is_nan() {
                (None, None)
            } else {
                let key = tie_key(total, decimals);
                let better = |same_county: bool| {
                    (0..n)
                        .filter(|&j| j != m && !keys[j].is_nan() && keys[j] > key)
                        .filter(|&j| !same_county || ranking.municipalities[j].county == county)
                        .count() as u32
                        + 1
                };
                (Some(better(false)), Some(better(true)))
            };
            Scenario {
                value,
                score,
                total: (!total.is_nan()).then_some(total),
                rank,
                county_rank,
                rank_gain: match (old_rank, rank) {
                    (Some(a), Some(b)) => Some(a as i64 - b as i64),
                    _ => None,
                },
            }
        };
        let moved = |s: &Option<Scenario>| -> u32 {
            s.as_ref().map_or(0, |s| {
                let a = old_rank.unwrap_or(unranked_at);
                let b = s.rank.unwrap_or(unranked_at);
                a.abs_diff(b)
            })
        };
        let mut sensitivity = Vec::with_capacity(def.indicator_count());
        for (k, (g, ind)) in def.indicators().enumerate() {
            let col = &ranking.indicators[k];
            let value = col.value(m);
            let plus_one_sd = match (value, &col.stats) {
                (Some(v), Some(st)) => Some(scenario(k, v + ind.direction.sign() * st.sd)),
                _ => None,
            };
            let mut in_county: Vec<f64> = (0..n)
                .filter(|&j| ranking.municipalities[j].county == county)
                .filter_map(|j| col.value(j))
                .collect();
            let county_median = median(&mut in_county).map(|med| scenario(k, med));
            let moves = moved(&plus_one_sd).max(moved(&county_median));
            sensitivity.push(Sensitivity {
                indicator: ind.id.clone(),
                group: def.groups[g].id.clone(),
                value,
                plus_one_sd,
                county_median,
                moves,
            });
        }
        let gain = |s: &Sensitivity| {
            s.plus_one_sd
                .as_ref()
                .and_then(|p| p.rank_gain)
                .unwrap_or(i64::MIN)
        };
        sensitivity.sort_by(|a, b| b.moves.cmp(&a.moves).then_with(|| gain(b).cmp(&gain(a))));

        Ok(Explanation {
            definition_id: def.id.clone(),
            year: ranking.year,
            edition: ranking.edition,
            code: code.to_string(),
            county: county.clone(),
            score: row.score,
            rank: row.rank,
            ranked: ranking.total.ranked,
            county_rank: row.county_rank,
            county_ranked: ranking.county_ranked(&county),
            gap_to_rank_above,
            gap_to_10th,
            groups,
            indicators,
            sensitivity,
            synthetic: row.synthetic,
            missing_groups: row.missing_groups,
        })
    }

    /// The missing inputs of a formula for one municipality and data year.
    fn missing_inputs(&self, refs: &[SeriesRef], code: &str, year: Year) -> Vec<MissingInput> {
        let mut out: Vec<MissingInput> = Vec::new();
        for r in refs {
            let y = year + r.offset;
            let reason = if r.family {
                let members = self.table().family_indices(&r.name);
                let any = members.iter().any(|&c| {
                    self.table()
                        .get(&self.table().series()[c], code, y)
                        .is_some()
                });
                (!any).then_some(MissingReason::NoObservation)
            } else {
                match self.table().cell(&r.name, code, y) {
                    Cell::Value(_) => None,
                    Cell::Missing(reason) => Some(reason),
                }
            };
            if let Some(reason) = reason
                && !out.iter().any(|o| o.series == r.name && o.year == y)
            {
                out.push(MissingInput {
                    series: r.name.clone(),
                    year: y,
                    reason,
                });
            }
        }
        out
    }
}

/// The median (mean of the middle two for an even count); `None` for no values.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
