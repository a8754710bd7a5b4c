//! Computing the ranking for a data year: indicator values from the formulas, normalised
//! scores, group and total scores, and competition ranks (nationally, per group, per
//! indicator, and within each county).

use std::collections::HashSet;
use std::sync::Arc;

use plan::Year;
use serde::Serialize;

use super::RankError;
use super::definition::{Definition, Direction, MissingPolicy, Normalisation};
use super::formula::{BinOp, Expr, Func};
use super::table::{FastMap, SeriesTable};

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
    /// The values (the formula's results); NaN = missing (read with [`IndicatorColumn::value`]).
    values: NanColumn,
    /// The normalised scores (higher is better); NaN = missing.
    scores: NanColumn,
    /// Whether any input of the value is synthetic.
    pub synthetic: Vec<bool>,
    /// Statistics of the values; `None` if no municipality has one.
    pub stats: Option<IndicatorStats>,
    /// Series the formula reads that the table does not hold at all (all values missing).
    pub absent_series: Vec<String>,
    /// Values are rounded to this many decimals before ranking (the method's `tie_decimals`).
    pub tie_decimals: u32,
}

impl IndicatorColumn {
    /// The value at position `i` (the formula's result), if there is one.
    pub fn value(&self, i: usize) -> Option<f64> {
        some(self.values.0[i])
    }

    /// The normalised score at position `i` (higher is better), if there is a value.
    pub fn score(&self, i: usize) -> Option<f64> {
        some(self.scores.0[i])
    }

    /// Every value, in municipality order.
    pub fn values(&self) -> Vec<Option<f64>> {
        self.values.0.iter().map(|v| some(*v)).collect()
    }

    /// Every score, in municipality order.
    pub fn scores(&self) -> Vec<Option<f64>> {
        self.scores.0.iter().map(|v| some(*v)).collect()
    }

    /// The oriented, rounded ranking key of position `i` (NaN if no value).
    fn key(&self, i: usize) -> f64 {
        tie_key(self.direction.sign() * self.values.0[i], self.tie_decimals)
    }

    /// The rank of position `i` on this indicator: by value, best first (lower first for a
    /// lower-is-better indicator), ties sharing a rank; `None` without a value. Computed on
    /// demand (O(n)): indicator ranks are for explanations, not for the totals.
    pub fn rank_of(&self, i: usize) -> Option<u32> {
        let k = self.key(i);
        if k.is_nan() {
            return None;
        }
        let better = (0..self.values.0.len())
            .filter(|&j| self.key(j) > k)
            .count();
        Some(better as u32 + 1)
    }

    /// Every position's rank on this indicator (see [`IndicatorColumn::rank_of`]).
    pub fn ranks(&self) -> Vec<Option<u32>> {
        let keys: Vec<f64> = (0..self.values.0.len()).map(|i| self.key(i)).collect();
        let mut out = vec![None; keys.len()];
        let mut order = Vec::with_capacity(keys.len());
        sorted_desc(&keys, &mut Scratch::default(), &mut order);
        assign_ranks(&keys, &order, &mut out);
        out
    }
}

/// One group's results for every municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupColumn {
    /// Group id.
    pub id: String,
    /// Group scores; NaN = none (read with [`GroupColumn::score`]).
    scores: NanColumn,
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
    /// Total scores (weighted mean of the group scores); NaN = none (read with
    /// [`TotalColumn::score`]).
    scores: NanColumn,
    /// National rank.
    pub ranks: Vec<Option<u32>>,
    /// Rank within the municipality's county that year.
    pub county_ranks: Vec<Option<u32>>,
    /// Number of municipalities with a total score.
    pub ranked: u32,
}

impl GroupColumn {
    /// The group score at position `i`, if the missing-data policy gives one.
    pub fn score(&self, i: usize) -> Option<f64> {
        some(self.scores.0[i])
    }

    /// Every group score, in municipality order.
    pub fn scores(&self) -> Vec<Option<f64>> {
        self.scores.0.iter().map(|v| some(*v)).collect()
    }
}

impl TotalColumn {
    /// The total score at position `i`, if every group has a score.
    pub fn score(&self, i: usize) -> Option<f64> {
        some(self.scores.0[i])
    }

    /// Every total score, in municipality order.
    pub fn scores(&self) -> Vec<Option<f64>> {
        self.scores.0.iter().map(|v| some(*v)).collect()
    }
}

/// NaN → `None`.
fn some(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

/// A column of numbers with NaN for "missing": equal to another when the same numbers are
/// there and the same ones are missing, serialised as a list with `null` for missing.
#[derive(Debug, Clone, Default)]
struct NanColumn(Vec<f64>);

impl PartialEq for NanColumn {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
    }
}

impl Serialize for NanColumn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|x| some(*x)))
    }
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
    /// The municipalities ranked, with their county that year (shared with the caller when
    /// passed in with [`Ranker::rank_year_shared`]).
    #[serde(serialize_with = "serialize_slice")]
    pub municipalities: Arc<[Municipality]>,
    /// One column per indicator, in definition order.
    pub indicators: Vec<IndicatorColumn>,
    /// One column per group, in definition order.
    pub groups: Vec<GroupColumn>,
    /// Totals.
    pub total: TotalColumn,
}

fn serialize_slice<S: serde::Serializer>(v: &Arc<[Municipality]>, s: S) -> Result<S::Ok, S::Error> {
    v.as_ref().serialize(s)
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
                score: g.score(i),
                rank: g.ranks[i],
                missing: g.missing[i],
            })
            .collect();
        let indicators: Vec<IndicatorCell> = self
            .indicators
            .iter()
            .map(|c| IndicatorCell {
                id: c.id.clone(),
                value: c.value(i),
                score: c.score(i),
                rank: c.rank_of(i),
                synthetic: c.synthetic[i],
            })
            .collect();
        RankingRow {
            code: self.municipalities[i].code.clone(),
            county: self.municipalities[i].county.clone(),
            score: self.total.score(i),
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
            .zip(&self.total.scores.0)
            .filter(|(m, s)| m.county == county && !s.is_nan())
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

    /// Evaluates for every municipality into `out` (NaN = missing), reading table row
    /// `rows[i]` ([`NO_ROW`] = not in the table); ORs the synthetic flags of every cell read into
    /// `syn`. Temporary columns come from and go back to `pool`.
    fn eval_into(
        &self,
        table: &SeriesTable,
        year: Year,
        rows: &[usize],
        syn: &mut [bool],
        out: &mut Vec<f64>,
        pool: &mut Vec<Vec<f64>>,
    ) {
        let n = rows.len();
        out.clear();
        match self {
            Compiled::Number(v) => out.resize(n, *v),
            Compiled::Series { col, offset } => {
                match col.and_then(|c| table.column(c, year + offset)) {
                    // The municipalities are the table's rows in table order: copy the column.
                    Some((vals, flags)) if rows.len() == vals.len() && is_identity(rows) => {
                        out.extend_from_slice(vals);
                        syn.iter_mut().zip(flags).for_each(|(s, f)| *s |= f);
                    }
                    Some((vals, flags)) => {
                        out.extend(rows.iter().zip(syn.iter_mut()).map(|(&r, s)| {
                            if r == NO_ROW {
                                f64::NAN
                            } else {
                                *s |= flags[r];
                                vals[r]
                            }
                        }))
                    }
                    None => out.resize(n, f64::NAN),
                }
            }
            Compiled::Family { cols, offset } => {
                let mut sum = pool.pop().unwrap_or_default();
                let mut count = pool.pop().unwrap_or_default();
                sum.clear();
                sum.resize(n, 0.0);
                count.clear();
                count.resize(n, 0.0);
                out.resize(n, 0.0); // Σ share², filled below
                for c in cols {
                    let Some((vals, flags)) = table.column(*c, year + offset) else {
                        continue;
                    };
                    for (i, &r) in rows.iter().enumerate() {
                        if r != NO_ROW {
                            syn[i] |= flags[r];
                            let v = vals[r];
                            if !v.is_nan() {
                                sum[i] += v;
                                count[i] += 1.0;
                            }
                        }
                    }
                }
                for c in cols {
                    let Some((vals, _)) = table.column(*c, year + offset) else {
                        continue;
                    };
                    for (i, &r) in rows.iter().enumerate() {
                        if r != NO_ROW {
                            let v = vals[r];
                            if !v.is_nan() {
                                let share = v / sum[i];
                                out[i] += share * share;
                            }
                        }
                    }
                }
                for i in 0..n {
                    out[i] = if count[i] > 0.0 && sum[i] > 0.0 {
                        1.0 - out[i]
                    } else {
                        f64::NAN
                    };
                }
                pool.push(sum);
                pool.push(count);
            }
            Compiled::Neg(a) => {
                a.eval_into(table, year, rows, syn, out, pool);
                out.iter_mut().for_each(|x| *x = -*x);
            }
            Compiled::Binary(op, a, b) => match (&**a, &**b) {
                // Fast paths, one pass each: a constant operand, or two series read straight
                // from the table when the municipalities are its rows in order.
                (_, Compiled::Number(c)) => {
                    a.eval_into(table, year, rows, syn, out, pool);
                    out.iter_mut().for_each(|x| *x = op.apply(*x, *c));
                }
                (Compiled::Number(c), _) => {
                    b.eval_into(table, year, rows, syn, out, pool);
                    out.iter_mut().for_each(|x| *x = op.apply(*c, *x));
                }
                (
                    Compiled::Series {
                        col: Some(ca),
                        offset: oa,
                    },
                    Compiled::Series {
                        col: Some(cb),
                        offset: ob,
                    },
                ) if is_identity(rows) => {
                    match (table.column(*ca, year + oa), table.column(*cb, year + ob)) {
                        (Some((va, fa)), Some((vb, fb))) if va.len() == n => {
                            out.extend(va.iter().zip(vb).map(|(x, y)| op.apply(*x, *y)));
                            for ((s, x), y) in syn.iter_mut().zip(fa).zip(fb) {
                                *s |= x | y;
                            }
                        }
                        _ => {
                            // A year outside the table: read each side (flags of the other).
                            a.eval_into(table, year, rows, syn, out, pool);
                            let mut y = pool.pop().unwrap_or_default();
                            b.eval_into(table, year, rows, syn, &mut y, pool);
                            out.iter_mut()
                                .zip(&y)
                                .for_each(|(x, y)| *x = op.apply(*x, *y));
                            pool.push(y);
                        }
                    }
                }
                _ => {
                    a.eval_into(table, year, rows, syn, out, pool);
                    let mut y = pool.pop().unwrap_or_default();
                    b.eval_into(table, year, rows, syn, &mut y, pool);
                    out.iter_mut()
                        .zip(&y)
                        .for_each(|(x, y)| *x = op.apply(*x, *y));
                    pool.push(y);
                }
            },
            Compiled::Call(f, a, b) => {
                a.eval_into(table, year, rows, syn, out, pool);
                let mut y = pool.pop().unwrap_or_default();
                b.eval_into(table, year, rows, syn, &mut y, pool);
                out.iter_mut()
                    .zip(&y)
                    .for_each(|(x, y)| *x = f.apply(*x, *y));
                pool.push(y);
            }
        }
    }
}

/// The row of a municipality the table does not hold.
const NO_ROW: usize = usize::MAX;

/// Whether `rows` is 0, 1, 2, …
fn is_identity(rows: &[usize]) -> bool {
    rows.iter().enumerate().all(|(i, &r)| i == r)
}

// ---------------------------------------------------------------------------------------------
// Normalisation, aggregation, ranking: shared with the explanation.

/// The rounding applied before comparing scores: `x · 10^decimals` rounded to the nearest
/// integer, ties to even (as numpy/pandas `round`, which compute `rint(x · 10^d) / 10^d`).
pub(crate) fn tie_key(x: f64, decimals: u32) -> f64 {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    rint(x * POW10[decimals.min(15) as usize])
}

/// Round to nearest, ties to even, without a libm call: for |x| < 2⁵², adding and subtracting
/// 2⁵² (with x's sign) leaves the nearest integer under the default rounding mode; larger values
/// are integers already. Gives the same integers as `f64::round_ties_even` (checked in a test).
#[inline]
fn rint(x: f64) -> f64 {
    const TWO52: f64 = 4_503_599_627_370_496.0;
    if x.is_nan() || x.abs() >= TWO52 {
        return x; // NaN, infinite or large (a whole number already)
    }
    let m = TWO52.copysign(x);
    (x + m) - m
}

/// An order-reversing integer image of a non-NaN key (−0 and +0 map alike): sorting these
/// ascending sorts the keys from highest to lowest, and equal images mean equal keys.
#[inline]
fn desc_bits(x: f64) -> u64 {
    let b = (x + 0.0).to_bits();
    let asc = if b >> 63 == 1 { !b } else { b | (1 << 63) };
    !asc
}

/// Mean, population sd, min and max of the non-NaN values.
pub(crate) fn stats(values: &[f64]) -> Option<IndicatorStats> {
    // Branch-free: f64::min/max skip NaN, and a missing value adds 0.
    let mut n = 0u32;
    let mut sum = 0.0;
    let mut min = f64::INFINITY;
    let mut max = f64::NEG_INFINITY;
    for &v in values {
        let ok = !v.is_nan();
        n += ok as u32;
        sum += if ok { v } else { 0.0 };
        min = min.min(v);
        max = max.max(v);
    }
    if n == 0 {
        return None;
    }
    let mean = sum / n as f64;
    let mut ss = 0.0;
    for &v in values {
        let d = v - mean;
        ss += if v.is_nan() { 0.0 } else { d * d };
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
        // The same arithmetic as `score_of`, as one loop over the column.
        Normalisation::ZScore => {
            let sign = direction.sign();
            let (lo, hi) = def
                .method
                .clamp
                .map_or((f64::NEG_INFINITY, f64::INFINITY), |c| (-c, c));
            if st.sd > 0.0 {
                values
                    .iter()
                    .map(|&v| (sign * (v - st.mean) / st.sd).clamp(lo, hi))
                    .collect()
            } else {
                values
                    .iter()
                    .map(|&v| if v.is_nan() { f64::NAN } else { 0.0 })
                    .collect()
            }
        }
        Normalisation::MinMax => values
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

/// The positions with a key, sorted by key from highest to lowest, into `order`.
///
/// One plain integer sort: when the keys are whole numbers (always so for rounded scores) spanning
/// less than 2⁴⁴, `(highest − key) << 20 | position` fits a `u64`; otherwise (fractional or
/// widely spread keys, or over 2²⁰ positions) `desc_bits(key) << 32 | position` as a `u128`.
fn sorted_desc(keys: &[f64], scratch: &mut Scratch, order: &mut Vec<u32>) {
    const SPAN: f64 = (1u64 << 44) as f64;
    order.clear();
    // The keys' range; a key that is not a whole number (never from `tie_key` below 2⁵²) makes
    // the range NaN and takes the wide path.
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &k in keys {
        if !k.is_nan() {
            let whole = if rint(k) == k { 0.0 } else { f64::NAN };
            lo = lo.min(k) + whole;
            hi = hi.max(k) + whole;
        }
    }
    let packable = keys.len() < (1 << 20) && (lo > hi || hi - lo < SPAN);
    if packable {
        let s = &mut scratch.narrow;
        s.clear();
        s.extend(
            keys.iter()
                .enumerate()
                .filter(|(_, k)| !k.is_nan())
                .map(|(i, k)| {
                    // hi − k in [0, 2⁴⁴): the highest key gets 0 and sorts first.
                    (((hi - k) as u64) << 20) | i as u64
                }),
        );
        radix_sort_high(s, &mut scratch.tmp);
        order.extend(s.iter().map(|p| (*p & 0xf_ffff) as u32));
    } else {
        let s = &mut scratch.wide;
        s.clear();
        s.extend(
            keys.iter()
                .enumerate()
                .filter(|(_, k)| !k.is_nan())
                .map(|(i, k)| ((desc_bits(*k) as u128) << 32) | i as u128),
        );
        s.sort_unstable();
        order.extend(s.iter().map(|p| *p as u32));
    }
}

/// Reusable sort buffers.
#[derive(Default)]
struct Scratch {
    narrow: Vec<u64>,
    tmp: Vec<u64>,
    wide: Vec<u128>,
}

/// Sorts by bits 16–63 (the low 16 bits, part of the position packed below the key, are left
/// unordered: only the key's order matters). LSD radix sort by byte, skipping bytes that are the
/// same everywhere (a rounded score varies in about five of them): no comparisons, no branch
/// mispredictions. Short slices use `sort_unstable`.
fn radix_sort_high(v: &mut Vec<u64>, tmp: &mut Vec<u64>) {
    if v.len() < 64 {
        v.sort_unstable();
        return;
    }
    let mut counts = [[0u32; 256]; 6];
    for &x in v.iter() {
        for (b, c) in counts.iter_mut().enumerate() {
            c[((x >> (16 + 8 * b)) & 0xff) as usize] += 1;
        }
    }
    let n = v.len() as u32;
    tmp.clear();
    tmp.resize(v.len(), 0);
    for (b, c) in counts.iter().enumerate() {
        if c.contains(&n) {
            continue; // every element has the same byte here
        }
        let mut offsets = [0u32; 256];
        let mut acc = 0;
        for (o, k) in offsets.iter_mut().zip(c) {
            *o = acc;
            acc += k;
        }
        let shift = 16 + 8 * b;
        for &x in v.iter() {
            let d = ((x >> shift) & 0xff) as usize;
            tmp[offsets[d] as usize] = x;
            offsets[d] += 1;
        }
        std::mem::swap(v, tmp);
    }
}

/// Competition ranks ("1, 2, 2, 4") from a [`sorted_desc`] order: a position's rank is 1 + the
/// number of positions with a higher key.
fn assign_ranks(keys: &[f64], order: &[u32], out: &mut [Option<u32>]) {
    let mut prev = f64::NAN;
    let mut rank = 0u32;
    for (pos, &i) in order.iter().enumerate() {
        let i = i as usize;
        if keys[i] != prev {
            rank = pos as u32 + 1;
            prev = keys[i];
        }
        out[i] = Some(rank);
    }
}

/// Competition ranks within groups (counties) from the national order, in one pass: each
/// group's running count, last key and last rank.
fn assign_group_ranks(
    keys: &[f64],
    order: &[u32],
    group_of: &[u32],
    n_groups: usize,
    out: &mut [Option<u32>],
) {
    let mut state: Vec<(u32, f64, u32)> = vec![(0, f64::NAN, 0); n_groups];
    for &i in order {
        let i = i as usize;
        let st = &mut state[group_of[i] as usize];
        st.0 += 1;
        if keys[i] != st.1 {
            st.1 = keys[i];
            st.2 = st.0;
        }
        out[i] = Some(st.2);
    }
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

    /// Indicator `k`'s values for the municipalities at table `rows` ([`NO_ROW`] = not in the
    /// table) in `year`, with synthetic flags. NaN = missing.
    fn values(
        &self,
        k: usize,
        year: Year,
        rows: &[usize],
        pool: &mut Vec<Vec<f64>>,
    ) -> (Vec<f64>, Vec<bool>) {
        let mut syn = vec![false; rows.len()];
        let mut out = pool.pop().unwrap_or_default();
        self.compiled[k].eval_into(self.table, year, rows, &mut syn, &mut out, pool);
        (out, syn)
    }

    /// Ranks the municipalities valid in `year` (each with its county that year). The caller
    /// chooses the geography; municipalities the table does not hold are listed with every
    /// value missing.
    pub fn rank_year(
        &self,
        year: Year,
        municipalities: &[Municipality],
    ) -> Result<YearRanking, RankError> {
        self.rank_year_shared(year, Arc::from(municipalities))
    }

    /// As [`Ranker::rank_year`], keeping the caller's shared list of municipalities in the
    /// result instead of copying it (for callers that rank the same list often).
    pub fn rank_year_shared(
        &self,
        year: Year,
        municipalities: Arc<[Municipality]>,
    ) -> Result<YearRanking, RankError> {
        let def = self.definition;
        let n = municipalities.len();
        let rows: Vec<usize> = municipalities
            .iter()
            .map(|m| self.table.code_index(&m.code).unwrap_or(NO_ROW))
            .collect();
        // Duplicates: by table row where there is one (no hashing), by code otherwise.
        let mut seen_row = vec![false; self.table.codes().len()];
        let mut seen_code: HashSet<&str> = HashSet::new();
        for (m, &row) in municipalities.iter().zip(&rows) {
            let dup = if row == NO_ROW {
                !seen_code.insert(m.code.as_str())
            } else {
                std::mem::replace(&mut seen_row[row], true)
            };
            if dup {
                return Err(RankError::DuplicateMunicipality {
                    code: m.code.clone(),
                    year,
                });
            }
        }
        let decimals = def.method.tie_decimals;
        let mut pool: Vec<Vec<f64>> = Vec::new();
        let mut scratch = Scratch::default();
        let mut order: Vec<u32> = Vec::with_capacity(n);

        // Indicators; their weighted scores summed per group as we go (in indicator order, the
        // same arithmetic as `group_score`).
        let ng = def.groups.len();
        let mut gsum = vec![vec![0.0; n]; ng];
        let mut gw = vec![vec![0.0; n]; ng];
        let mut gmissing = vec![vec![0u32; n]; ng];
        let mut indicators = Vec::with_capacity(self.compiled.len());
        for (k, (g, ind)) in def.indicators().enumerate() {
            let (values, synthetic) = self.values(k, year, &rows, &mut pool);
            let st = stats(&values);
            let scores = normalise(def, ind.direction, &values, st.as_ref());
            let w = ind.weight;
            let (gsum, gw, gmissing) = (&mut gsum[g], &mut gw[g], &mut gmissing[g]);
            for (((sc, sum), wsum), missing) in scores
                .iter()
                .zip(gsum.iter_mut())
                .zip(gw.iter_mut())
                .zip(gmissing.iter_mut())
            {
                // Adding 0 for a missing score is the same as skipping it.
                let ok = !sc.is_nan();
                *sum += if ok { w * sc } else { 0.0 };
                *wsum += if ok { w } else { 0.0 };
                *missing += !ok as u32;
            }
            indicators.push(IndicatorColumn {
                id: ind.id.clone(),
                group: def.groups[g].id.clone(),
                direction: ind.direction,
                values: NanColumn(values),
                scores: NanColumn(scores),
                synthetic,
                stats: st,
                absent_series: self.absent[k].clone(),
                tie_decimals: decimals,
            });
        }

        // Groups, then the total (weighted mean of the groups, in group order).
        let mut groups = Vec::with_capacity(ng);
        let mut tsum = vec![0.0; n];
        let mut twsum = vec![0.0; n];
        let mut keys = vec![0.0; n];
        for (g, grp) in def.groups.iter().enumerate() {
            let wall: f64 = grp.indicators.iter().map(|i| i.weight).sum();
            let scores: Vec<f64> = (0..n)
                .map(|i| {
                    let (sum, wsum, missing) = (gsum[g][i], gw[g][i], gmissing[g][i]);
                    match def.method.missing {
                        MissingPolicy::Exclude if missing > 0 => f64::NAN,
                        _ if wsum == 0.0 => f64::NAN,
                        MissingPolicy::GroupMean if wsum / wall < def.method.min_group_coverage => {
                            f64::NAN
                        }
                        _ => sum / wsum,
                    }
                })
                .collect();
            for i in 0..n {
                tsum[i] += grp.weight * scores[i]; // NaN stays NaN: no total
                twsum[i] += grp.weight;
                keys[i] = tie_key(scores[i], decimals);
            }
            sorted_desc(&keys, &mut scratch, &mut order);
            let mut ranks = vec![None; n];
            assign_ranks(&keys, &order, &mut ranks);
            groups.push(GroupColumn {
                id: grp.id.clone(),
                ranked: order.len() as u32,
                scores: NanColumn(scores),
                ranks,
                missing: std::mem::take(&mut gmissing[g]),
            });
        }
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                if twsum[i] > 0.0 {
                    tsum[i] / twsum[i]
                } else {
                    f64::NAN
                }
            })
            .collect();
        for i in 0..n {
            keys[i] = tie_key(totals[i], decimals);
        }

        // National and county ranks from one sort.
        let mut county_index: FastMap<&str, u32> = FastMap::default();
        let group_of: Vec<u32> = municipalities
            .iter()
            .map(|m| {
                let next = county_index.len() as u32;
                *county_index.entry(m.county.as_str()).or_insert(next)
            })
            .collect();
        sorted_desc(&keys, &mut scratch, &mut order);
        let mut ranks = vec![None; n];
        assign_ranks(&keys, &order, &mut ranks);
        let mut county_ranks = vec![None; n];
        assign_group_ranks(
            &keys,
            &order,
            &group_of,
            county_index.len(),
            &mut county_ranks,
        );

        Ok(YearRanking {
            definition_id: def.id.clone(),
            year,
            edition: def.edition(year),
            municipalities,
            indicators,
            groups,
            total: TotalColumn {
                ranked: order.len() as u32,
                scores: NanColumn(totals),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rint_is_round_half_to_even() {
        for x in [
            0.5,
            1.5,
            2.5,
            -0.5,
            -1.5,
            -2.5,
            0.49999999999999994,
            1e15 + 0.5,
            -3.7,
            2.0,
            0.0,
            -0.0,
            4.5e15,
            1e300,
            -1e300,
        ] {
            assert_eq!(rint(x), x.round_ties_even(), "{x}");
        }
        assert!(rint(f64::NAN).is_nan());
        let mut state = 7u64;
        for _ in 0..10_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 8e9;
            assert_eq!(rint(x), x.round_ties_even(), "{x}");
        }
    }

    #[test]
    fn desc_bits_order_reverses_and_merges_zeros() {
        let xs = [
            -3.0,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(desc_bits(a) == desc_bits(b), a == b, "{a} {b}");
                if a < b {
                    assert!(desc_bits(a) > desc_bits(b), "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn competition_ranks_share_and_skip() {
        let keys = [3.0, 5.0, 5.0, f64::NAN, 1.0, 5.0, -0.0, 0.0];
        let group_of = [0, 0, 1, 0, 0, 1, 0, 1];
        // Whole keys take the u64 path, a fractional one the u128 path: same ranks.
        let mut fractional = keys;
        fractional[4] = 0.5;
        for keys in [keys, fractional] {
            let mut out = vec![None; keys.len()];
            let mut order = Vec::new();
            sorted_desc(&keys, &mut Scratch::default(), &mut order);
            assign_ranks(&keys, &order, &mut out);
            assert_eq!(
                out,
                [
                    Some(4),
                    Some(1),
                    Some(1),
                    None,
                    Some(5),
                    Some(1),
                    Some(6),
                    Some(6)
                ]
            );
            // Groups a = {0, 1, 4, 6}, b = {2, 5, 7}.
            let mut within = vec![None; keys.len()];
            assign_group_ranks(&keys, &order, &group_of, 2, &mut within);
            assert_eq!(
                within,
                [
                    Some(2),
                    Some(1),
                    Some(1),
                    None,
                    Some(3),
                    Some(1),
                    Some(4),
                    Some(3)
                ]
            );
        }
        // Radix sort: the high bits in order, for many random keys.
        let mut state = 1u64;
        let mut v: Vec<u64> = (0..1000)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                state
            })
            .collect();
        radix_sort_high(&mut v, &mut Vec::new());
        assert!(v.windows(2).all(|w| w[0] >> 16 <= w[1] >> 16));
        // Negative whole keys near the packing limit keep their order.
        let keys = [-8.7e12, 8.7e12, 0.0, -1.0];
        let mut order = Vec::new();
        sorted_desc(&keys, &mut Scratch::default(), &mut order);
        assert_eq!(order, [1, 2, 3, 0]);
    }
}
