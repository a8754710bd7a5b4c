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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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

/// Read back as written: a missing value (`null`) is NaN again.
impl<'de> serde::Deserialize<'de> for NanColumn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: Vec<Option<f64>> = serde::Deserialize::deserialize(d)?;
        Ok(NanColumn(
            v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect(),
        ))
    }
}

/// The ranking of one data year: every result, column by column, in the order the
/// municipalities were passed in.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct YearRanking {
    /// The definition's id.
    pub definition_id: String,
    /// The data year.
    pub year: Year,
    /// The edition year (data year + the definition's edition lag).
    pub edition: Year,
    /// The municipalities ranked, with their county that year (shared with the caller when
    /// passed in with [`Ranker::rank_year_shared`]).
    #[serde(
        serialize_with = "serialize_slice",
        deserialize_with = "deserialize_slice"
    )]
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

fn deserialize_slice<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Arc<[Municipality]>, D::Error> {
    let v: Vec<Municipality> = serde::Deserialize::deserialize(d)?;
    Ok(v.into())
}

/// A group's score and rank for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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

mod score;
#[cfg(test)]
mod tests;

pub(crate) use score::*;

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
