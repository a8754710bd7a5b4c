//! Computing the ranking for a data year: indicator values from the formulas, normalised
//! scores, group and total scores, and competition ranks (nationally, per group, per
//! indicator, and within each county).

use std::collections::HashMap;

use plan::Year;
use serde::Serialize;

use super::RankError;
use super::definition::{Definition, Direction, MissingPolicy, Normalisation};
use super::formula::{BinOp, Expr, Func};
use super::table::SeriesTable;

/// A municipality to rank in a year, with its county in that year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Municipality {
    /// Municipality code (as used in the series table).
    pub code: String,
    /// County code in that year (e.g. `30` for Viken 2020–2023).
    pub county: String,
}

impl Municipality {
    /// A municipality with its county.
    pub fn new(code: impl Into<String>, county: impl Into<String>) -> Self {
        Municipality {
            code: code.into(),
            county: county.into(),
        }
    }
}

/// Summary statistics of one indicator's values in one year (over the municipalities with a
/// value), in the indicator's own unit (not oriented).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorStats {
    /// Number of municipalities with a value.
    pub n: u32,
    /// Mean.
    pub mean: f64,
    /// Population standard deviation (divisor n).
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

/// One indicator's results for every municipality, in [`YearRanking::municipalities`] order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorColumn {
    /// Indicator id.
    pub id: String,
    /// Its group's id.
    pub group: String,
    /// Higher or lower is better.
    pub direction: Direction,
    /// The value (the formula's result), if any.
    pub values: Vec<Option<f64>>,
    /// The normalised score (higher is better), if there is a value.
    pub scores: Vec<Option<f64>>,
    /// Rank on this indicator (by value, best first; ties share), if there is a value.
    pub ranks: Vec<Option<u32>>,
    /// Whether any input of the value is synthetic.
    pub synthetic: Vec<bool>,
    /// Statistics of the values; `None` if no municipality has one.
    pub stats: Option<IndicatorStats>,
    /// Series the formula reads that the table does not hold at all (all values missing).
    pub absent_series: Vec<String>,
}

/// One group's results for every municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupColumn {
    /// Group id.
    pub id: String,
    /// Group score, if the missing-data policy gives one.
    pub scores: Vec<Option<f64>>,
    /// Rank on the group score (best first; ties share).
    pub ranks: Vec<Option<u32>>,
    /// How many of the group's indicators the municipality lacks (and, under the group-mean
    /// policy, had imputed).
    pub missing: Vec<u32>,
    /// Number of municipalities with a group score.
    pub ranked: u32,
}

/// Total scores and ranks for every municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalColumn {
    /// Total score (weighted mean of the group scores), if every group has a score.
    pub scores: Vec<Option<f64>>,
    /// National rank.
    pub ranks: Vec<Option<u32>>,
    /// Rank within the municipality's county that year.
    pub county_ranks: Vec<Option<u32>>,
    /// Number of municipalities with a total score.
    pub ranked: u32,
}

/// The ranking of one data year: every result, column by column, in the order the
/// municipalities were passed in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRanking {
    /// The definition's id.
    pub definition_id: String,
    /// The data year.
    pub year: Year,
    /// The edition year (data year + the definition's edition lag).
    pub edition: Year,
    /// The municipalities ranked, with their county that year.
    pub municipalities: Vec<Municipality>,
    /// One column per indicator, in definition order.
    pub indicators: Vec<IndicatorColumn>,
    /// One column per group, in definition order.
    pub groups: Vec<GroupColumn>,
    /// Totals.
    pub total: TotalColumn,
}

/// A group's score and rank for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCell {
    /// Group id.
    pub id: String,
    /// Score.
    pub score: Option<f64>,
    /// Rank.
    pub rank: Option<u32>,
    /// Indicators missing (imputed under the group-mean policy).
    pub missing: u32,
}

/// An indicator's value, score and rank for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorCell {
    /// Indicator id.
    pub id: String,
    /// Value.
    pub value: Option<f64>,
    /// Score.
    pub score: Option<f64>,
    /// Rank.
    pub rank: Option<u32>,
    /// Whether any input is synthetic.
    pub synthetic: bool,
}

/// One municipality's row of a [`YearRanking`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankingRow {
    /// Municipality code.
    pub code: String,
    /// County code that year.
    pub county: String,
    /// Total score.
    pub score: Option<f64>,
    /// National rank.
    pub rank: Option<u32>,
    /// Rank within the county.
    pub county_rank: Option<u32>,
    /// Group results, in definition order.
    pub groups: Vec<GroupCell>,
    /// Indicator results, in definition order.
    pub indicators: Vec<IndicatorCell>,
    /// Whether any indicator value rests on synthetic data.
    pub synthetic: bool,
    /// Groups without a score (the reason a municipality is not ranked).
    pub missing_groups: Vec<String>,
}

impl YearRanking {
    /// The position of a municipality in the columns.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.municipalities.iter().position(|m| m.code == code)
    }

    /// The row at a position.
    pub fn row_at(&self, i: usize) -> RankingRow {
        let groups: Vec<GroupCell> = self
            .groups
            .iter()
            .map(|g| GroupCell {
                id: g.id.clone(),
                score: g.scores[i],
                rank: g.ranks[i],
                missing: g.missing[i],
            })
            .collect();
        let indicators: Vec<IndicatorCell> = self
            .indicators
            .iter()
            .map(|c| IndicatorCell {
                id: c.id.clone(),
                value: c.values[i],
                score: c.scores[i],
                rank: c.ranks[i],
                synthetic: c.synthetic[i],
            })
            .collect();
        RankingRow {
            code: self.municipalities[i].code.clone(),
            county: self.municipalities[i].county.clone(),
            score: self.total.scores[i],
            rank: self.total.ranks[i],
            county_rank: self.total.county_ranks[i],
            synthetic: indicators.iter().any(|c| c.synthetic),
            missing_groups: groups
                .iter()
                .filter(|g| g.score.is_none())
                .map(|g| g.id.clone())
                .collect(),
            groups,
            indicators,
        }
    }

    /// One municipality's row.
    pub fn row(&self, code: &str) -> Option<RankingRow> {
        self.index_of(code).map(|i| self.row_at(i))
    }

    /// Every row, best total rank first (then by code); unranked municipalities last.
    pub fn rows_by_rank(&self) -> Vec<RankingRow> {
        let mut idx: Vec<usize> = (0..self.municipalities.len()).collect();
        idx.sort_by(|&a, &b| {
            let ra = self.total.ranks[a].unwrap_or(u32::MAX);
            let rb = self.total.ranks[b].unwrap_or(u32::MAX);
            ra.cmp(&rb).then_with(|| {
                self.municipalities[a]
                    .code
                    .cmp(&self.municipalities[b].code)
            })
        });
        idx.into_iter().map(|i| self.row_at(i)).collect()
    }

    /// The rows of one county, best county rank first; unranked last.
    pub fn county_rows(&self, county: &str) -> Vec<RankingRow> {
        self.rows_by_rank()
            .into_iter()
            .filter(|r| r.county == county)
            .collect()
    }

    /// How many municipalities of a county have a total score.
    pub fn county_ranked(&self, county: &str) -> u32 {
        self.municipalities
            .iter()
            .zip(&self.total.scores)
            .filter(|(m, s)| m.county == county && s.is_some())
            .count() as u32
    }

    /// Whether any value used anywhere in the ranking rests on synthetic data.
    pub fn uses_synthetic(&self) -> bool {
        self.indicators
            .iter()
            .any(|c| c.synthetic.iter().any(|s| *s))
    }
}

// ---------------------------------------------------------------------------------------------
// Formulas compiled against a table.

#[derive(Debug, Clone)]
enum Compiled {
    Number(f64),
    Series { col: Option<usize>, offset: i32 },
    Family { cols: Vec<usize>, offset: i32 },
    Neg(Box<Compiled>),
    Binary(BinOp, Box<Compiled>, Box<Compiled>),
    Call(Func, Box<Compiled>, Box<Compiled>),
}

impl Compiled {
    fn new(e: &Expr, table: &SeriesTable, absent: &mut Vec<String>) -> Compiled {
        match e {
            Expr::Number { value } => Compiled::Number(*value),
            Expr::Series { name, offset } => {
                let col = table.series_index(name);
                if col.is_none() && !absent.contains(name) {
                    absent.push(name.clone());
                }
                Compiled::Series {
                    col,
                    offset: *offset,
                }
            }
            Expr::Diversity { family, offset } => {
                let cols = table.family_indices(family);
                if cols.is_empty() && !absent.contains(family) {
                    absent.push(family.clone());
                }
                Compiled::Family {
                    cols,
                    offset: *offset,
                }
            }
            Expr::Neg { operand } => Compiled::Neg(Box::new(Compiled::new(operand, table, absent))),
            Expr::Binary { op, left, right } => Compiled::Binary(
                *op,
                Box::new(Compiled::new(left, table, absent)),
                Box::new(Compiled::new(right, table, absent)),
            ),
            Expr::Call { func, args } => {
                let a = args.first().map_or(Compiled::Number(f64::NAN), |a| {
                    Compiled::new(a, table, absent)
                });
                let b = args.get(1).map_or(Compiled::Number(f64::NAN), |b| {
                    Compiled::new(b, table, absent)
                });
                Compiled::Call(*func, Box::new(a), Box::new(b))
            }
        }
    }

    /// Evaluates for every row (`None` = the municipality is not in the table); ORs the
    /// synthetic flags of every cell read into `syn`. NaN = missing.
    fn eval(
        &self,
        table: &SeriesTable,
        year: Year,
        rows: &[Option<usize>],
        syn: &mut [bool],
    ) -> Vec<f64> {
        let n = rows.len();
        match self {
            Compiled::Number(v) => vec![*v; n],
            Compiled::Series { col, offset } => {
                match col.and_then(|c| table.column(c, year + offset)) {
                    Some((vals, flags)) => rows
                        .iter()
                        .zip(syn.iter_mut())
                        .map(|(r, s)| match r {
                            Some(r) => {
                                *s |= flags[*r];
                                vals[*r]
                            }
                            None => f64::NAN,
                        })
                        .collect(),
                    None => vec![f64::NAN; n],
                }
            }
            Compiled::Family { cols, offset } => {
                let mut sum = vec![0.0; n];
                let mut count = vec![0u32; n];
                let columns: Vec<(&[f64], &[bool])> = cols
                    .iter()
                    .filter_map(|c| table.column(*c, year + offset))
                    .collect();
                for (vals, flags) in &columns {
                    for (i, r) in rows.iter().enumerate() {
                        if let Some(r) = r {
                            syn[i] |= flags[*r];
                            let v = vals[*r];
                            if !v.is_nan() {
                                sum[i] += v;
                                count[i] += 1;
                            }
                        }
                    }
                }
                let mut sq = vec![0.0; n];
                for (vals, _) in &columns {
                    for (i, r) in rows.iter().enumerate() {
                        if let Some(r) = r {
                            let v = vals[*r];
                            if !v.is_nan() {
                                let share = v / sum[i];
                                sq[i] += share * share;
                            }
                        }
                    }
                }
                (0..n)
                    .map(|i| {
                        if count[i] > 0 && sum[i] > 0.0 {
                            1.0 - sq[i]
                        } else {
                            f64::NAN
                        }
                    })
                    .collect()
            }
            Compiled::Neg(a) => {
                let mut v = a.eval(table, year, rows, syn);
                v.iter_mut().for_each(|x| *x = -*x);
                v
            }
            Compiled::Binary(op, a, b) => {
                let mut x = a.eval(table, year, rows, syn);
                let y = b.eval(table, year, rows, syn);
                x.iter_mut()
                    .zip(&y)
                    .for_each(|(x, y)| *x = op.apply(*x, *y));
                x
            }
            Compiled::Call(f, a, b) => {
                let mut x = a.eval(table, year, rows, syn);
                let y = b.eval(table, year, rows, syn);
                x.iter_mut().zip(&y).for_each(|(x, y)| *x = f.apply(*x, *y));
                x
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation, aggregation, ranking: shared with the explanation.

/// The rounding applied before comparing scores (half to even, as numpy/pandas `round`).
pub(crate) fn tie_key(x: f64, decimals: u32) -> f64 {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    (x * POW10[decimals.min(15) as usize]).round_ties_even()
}

/// Mean, population sd, min and max of the non-NaN values.
pub(crate) fn stats(values: &[f64]) -> Option<IndicatorStats> {
    let mut n = 0u32;
    let mut sum = 0.0;
    let mut min = f64::INFINITY;
    let mut max = f64::NEG_INFINITY;
    for &v in values {
        if !v.is_nan() {
            n += 1;
            sum += v;
            min = min.min(v);
            max = max.max(v);
        }
    }
    if n == 0 {
        return None;
    }
    let mean = sum / n as f64;
    let mut ss = 0.0;
    for &v in values {
        if !v.is_nan() {
            ss += (v - mean) * (v - mean);
        }
    }
    Some(IndicatorStats {
        n,
        mean,
        sd: (ss / n as f64).sqrt(),
        min,
        max,
    })
}

/// The score of `value` given the year's statistics, for the z-score and min–max
/// normalisations. `None` for the rank normalisation (which needs the other values).
pub(crate) fn score_of(
    def: &Definition,
    direction: Direction,
    st: &IndicatorStats,
    value: f64,
) -> Option<f64> {
    let sign = direction.sign();
    match def.method.normalisation {
        Normalisation::ZScore => {
            let z = if st.sd > 0.0 {
                sign * (value - st.mean) / st.sd
            } else {
                0.0
            };
            Some(match def.method.clamp {
                Some(c) => z.clamp(-c, c),
                None => z,
            })
        }
        Normalisation::MinMax => Some(if st.max > st.min {
            let s = match direction {
                Direction::Higher => (value - st.min) / (st.max - st.min),
                Direction::Lower => (st.max - value) / (st.max - st.min),
            };
            s.clamp(0.0, 1.0)
        } else {
            0.5
        }),
        Normalisation::Rank => None,
    }
}

/// The rank-normalised score of an oriented value among `others` (oriented, NaN skipped):
/// `(average rank from the worst − 1) / (n − 1)` with n = others + 1.
pub(crate) fn rank_score(others: &[f64], oriented: f64) -> f64 {
    let mut below = 0usize;
    let mut equal = 0usize;
    let mut n = 1usize;
    for &o in others {
        if o.is_nan() {
            continue;
        }
        n += 1;
        if o < oriented {
            below += 1;
        } else if o == oriented {
            equal += 1;
        }
    }
    if n == 1 {
        return 0.5;
    }
    // average 1-based rank from the worst = below + 1 + equal / 2
    (below as f64 + equal as f64 / 2.0) / (n - 1) as f64
}

/// Normalised scores (NaN where the value is missing).
fn normalise(
    def: &Definition,
    direction: Direction,
    values: &[f64],
    st: Option<&IndicatorStats>,
) -> Vec<f64> {
    let Some(st) = st else {
        return vec![f64::NAN; values.len()];
    };
    match def.method.normalisation {
        Normalisation::ZScore | Normalisation::MinMax => values
            .iter()
            .map(|&v| {
                if v.is_nan() {
                    f64::NAN
                } else {
                    score_of(def, direction, st, v).unwrap_or(f64::NAN)
                }
            })
            .collect(),
        Normalisation::Rank => {
            let sign = direction.sign();
            let mut idx: Vec<usize> = (0..values.len()).filter(|&i| !values[i].is_nan()).collect();
            idx.sort_by(|&a, &b| (sign * values[a]).total_cmp(&(sign * values[b])));
            let n = idx.len();
            let mut out = vec![f64::NAN; values.len()];
            if n == 1 {
                out[idx[0]] = 0.5;
                return out;
            }
            let mut start = 0;
            while start < n {
                let v = sign * values[idx[start]];
                let mut end = start + 1;
                while end < n && sign * values[idx[end]] == v {
                    end += 1;
                }
                // 0-based positions start..end share the average rank.
                let avg = (start + end - 1) as f64 / 2.0;
                for &i in &idx[start..end] {
                    out[i] = avg / (n - 1) as f64;
                }
                start = end;
            }
            out
        }
    }
}

/// A group score from its indicators' scores and weights under the missing-data policy;
/// NaN if there is none. Returns the score and the number of missing indicators.
pub(crate) fn group_score(def: &Definition, scores: &[f64], weights: &[f64]) -> (f64, u32) {
    let mut sum = 0.0;
    let mut wsum = 0.0;
    let mut wall = 0.0;
    let mut missing = 0;
    for (s, w) in scores.iter().zip(weights) {
        wall += w;
        if s.is_nan() {
            missing += 1;
        } else {
            sum += w * s;
            wsum += w;
        }
    }
    let score = match def.method.missing {
        MissingPolicy::Exclude if missing > 0 => f64::NAN,
        _ if wsum == 0.0 => f64::NAN,
        MissingPolicy::GroupMean if wsum / wall < def.method.min_group_coverage => f64::NAN,
        _ => sum / wsum,
    };
    (score, missing)
}

/// The total score from group scores and weights: NaN unless every group has a score.
pub(crate) fn total_score(scores: &[f64], weights: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut wsum = 0.0;
    for (s, w) in scores.iter().zip(weights) {
        if s.is_nan() {
            return f64::NAN;
        }
        sum += w * s;
        wsum += w;
    }
    if wsum > 0.0 { sum / wsum } else { f64::NAN }
}

/// Competition ranks ("1, 2, 2, 4") of `members` by `keys`, highest first; NaN keys get no rank.
fn competition_ranks(
    keys: &[f64],
    members: &[usize],
    out: &mut [Option<u32>],
    scratch: &mut Vec<usize>,
) {
    scratch.clear();
    scratch.extend(members.iter().copied().filter(|&i| !keys[i].is_nan()));
    scratch.sort_unstable_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    let mut prev = f64::NAN;
    let mut rank = 0u32;
    for (pos, &i) in scratch.iter().enumerate() {
        if keys[i] != prev {
            rank = pos as u32 + 1;
            prev = keys[i];
        }
        out[i] = Some(rank);
    }
}

fn to_opt(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect()
}

// ---------------------------------------------------------------------------------------------

/// Ranks municipalities under a definition, reading a [`SeriesTable`]. Compiles the formulas
/// against the table once; rank as many years as wanted.
///
/// ```
/// use naeringsplan_engine::ranking::{Definition, Municipality, Ranker, SeriesTable};
/// let def = Definition::parse(naeringsplan_engine::ranking::KOMMUNE_NM_TOML).unwrap();
/// let table = SeriesTable::new(["0301"], ["population"], 2019..=2020).unwrap();
/// let r = Ranker::new(&def, &table).rank_year(2019, &[Municipality::new("0301", "03")]).unwrap();
/// // No data at all: nobody is ranked, nothing is made up.
/// assert_eq!(r.total.ranks, vec![None]);
/// assert_eq!(r.edition, 2020);
/// ```
#[derive(Debug, Clone)]
pub struct Ranker<'a> {
    definition: &'a Definition,
    table: &'a SeriesTable,
    compiled: Vec<Compiled>,
    absent: Vec<Vec<String>>,
}

impl<'a> Ranker<'a> {
    /// A ranker for this definition and table.
    pub fn new(definition: &'a Definition, table: &'a SeriesTable) -> Self {
        let mut compiled = Vec::with_capacity(definition.indicator_count());
        let mut absent = Vec::with_capacity(definition.indicator_count());
        for (_, ind) in definition.indicators() {
            let mut a = Vec::new();
            compiled.push(Compiled::new(&ind.formula, table, &mut a));
            absent.push(a);
        }
        Ranker {
            definition,
            table,
            compiled,
            absent,
        }
    }

    /// The definition.
    pub fn definition(&self) -> &Definition {
        self.definition
    }

    /// The series table.
    pub fn table(&self) -> &SeriesTable {
        self.table
    }

    /// Indicator values for the municipalities at `rows` (table rows) in `year`, with synthetic
    /// flags. NaN = missing.
    pub(crate) fn values(
        &self,
        k: usize,
        year: Year,
        rows: &[Option<usize>],
    ) -> (Vec<f64>, Vec<bool>) {
        let mut syn = vec![false; rows.len()];
        let v = self.compiled[k].eval(self.table, year, rows, &mut syn);
        (v, syn)
    }

    /// Ranks the municipalities valid in `year` (each with its county that year). The caller
    /// chooses the geography; municipalities the table does not hold are listed with every
    /// value missing.
    pub fn rank_year(
        &self,
        year: Year,
        municipalities: &[Municipality],
    ) -> Result<YearRanking, RankError> {
        let def = self.definition;
        let n = municipalities.len();
        let mut seen = HashMap::with_capacity(n);
        for m in municipalities {
            if seen.insert(m.code.as_str(), ()).is_some() {
                return Err(RankError::DuplicateMunicipality {
                    code: m.code.clone(),
                    year,
                });
            }
        }
        let rows: Vec<Option<usize>> = municipalities
            .iter()
            .map(|m| self.table.code_index(&m.code))
            .collect();
        let all: Vec<usize> = (0..n).collect();
        let mut scratch = Vec::with_capacity(n);
        let decimals = def.method.tie_decimals;

        // Indicators.
        let mut indicators = Vec::with_capacity(self.compiled.len());
        let mut score_cols: Vec<Vec<f64>> = Vec::with_capacity(self.compiled.len());
        for (k, (g, ind)) in def.indicators().enumerate() {
            let (values, synthetic) = self.values(k, year, &rows);
            let st = stats(&values);
            let scores = normalise(def, ind.direction, &values, st.as_ref());
            let sign = ind.direction.sign();
            let keys: Vec<f64> = values.iter().map(|v| tie_key(sign * v, decimals)).collect();
            let mut ranks = vec![None; n];
            competition_ranks(&keys, &all, &mut ranks, &mut scratch);
            indicators.push(IndicatorColumn {
                id: ind.id.clone(),
                group: def.groups[g].id.clone(),
                direction: ind.direction,
                values: to_opt(&values),
                scores: to_opt(&scores),
                ranks,
                synthetic,
                stats: st,
                absent_series: self.absent[k].clone(),
            });
            score_cols.push(scores);
        }

        // Groups.
        let mut groups = Vec::with_capacity(def.groups.len());
        let mut group_cols: Vec<Vec<f64>> = Vec::with_capacity(def.groups.len());
        let mut k0 = 0;
        let mut buf = Vec::new();
        for grp in &def.groups {
            let weights: Vec<f64> = grp.indicators.iter().map(|i| i.weight).collect();
            let cols = &score_cols[k0..k0 + grp.indicators.len()];
            k0 += grp.indicators.len();
            let mut scores = vec![f64::NAN; n];
            let mut missing = vec![0u32; n];
            for i in 0..n {
                buf.clear();
                buf.extend(cols.iter().map(|c| c[i]));
                let (s, m) = group_score(def, &buf, &weights);
                scores[i] = s;
                missing[i] = m;
            }
            let keys: Vec<f64> = scores.iter().map(|s| tie_key(*s, decimals)).collect();
            let mut ranks = vec![None; n];
            competition_ranks(&keys, &all, &mut ranks, &mut scratch);
            groups.push(GroupColumn {
                id: grp.id.clone(),
                scores: to_opt(&scores),
                ranks,
                missing,
                ranked: scores.iter().filter(|s| !s.is_nan()).count() as u32,
            });
            group_cols.push(scores);
        }

        // Total, national and county ranks.
        let gweights: Vec<f64> = def.groups.iter().map(|g| g.weight).collect();
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                buf.clear();
                buf.extend(group_cols.iter().map(|c| c[i]));
                total_score(&buf, &gweights)
            })
            .collect();
        let keys: Vec<f64> = totals.iter().map(|s| tie_key(*s, decimals)).collect();
        let mut ranks = vec![None; n];
        competition_ranks(&keys, &all, &mut ranks, &mut scratch);
        let mut by_county: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, m) in municipalities.iter().enumerate() {
            by_county.entry(m.county.as_str()).or_default().push(i);
        }
        let mut county_ranks = vec![None; n];
        for members in by_county.values() {
            competition_ranks(&keys, members, &mut county_ranks, &mut scratch);
        }

        Ok(YearRanking {
            definition_id: def.id.clone(),
            year,
            edition: def.edition(year),
            municipalities: municipalities.to_vec(),
            indicators,
            groups,
            total: TotalColumn {
                ranked: totals.iter().filter(|s| !s.is_nan()).count() as u32,
                scores: to_opt(&totals),
                ranks,
                county_ranks,
            },
        })
    }

    /// Ranks several years (each with its own municipalities and counties).
    pub fn rank_years(
        &self,
        years: &[(Year, Vec<Municipality>)],
    ) -> Result<Vec<YearRanking>, RankError> {
        years.iter().map(|(y, ms)| self.rank_year(*y, ms)).collect()
    }
}

/// Ranks one year: [`Ranker::new`] then [`Ranker::rank_year`].
pub fn rank_year(
    definition: &Definition,
    table: &SeriesTable,
    year: Year,
    municipalities: &[Municipality],
) -> Result<YearRanking, RankError> {
    Ranker::new(definition, table).rank_year(year, municipalities)
}
