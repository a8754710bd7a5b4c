//! The arithmetic under a ranking: tie keys, statistics and scores of one indicator,
//! normalisation, group and total scores, and the sort and rank assignment (a radix sort on
//! ordered bits, ties sharing the best rank).

use super::*;

/// Whether `rows` is 0, 1, 2, …
pub(super) fn is_identity(rows: &[usize]) -> bool {
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
pub(super) fn rint(x: f64) -> f64 {
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
pub(super) fn desc_bits(x: f64) -> u64 {
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
pub(super) fn normalise(
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
pub(super) fn sorted_desc(keys: &[f64], scratch: &mut Scratch, order: &mut Vec<u32>) {
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
pub(super) struct Scratch {
    narrow: Vec<u64>,
    tmp: Vec<u64>,
    wide: Vec<u128>,
}

/// Sorts by bits 16–63 (the low 16 bits, part of the position packed below the key, are left
/// unordered: only the key's order matters). LSD radix sort by byte, skipping bytes that are the
/// same everywhere (a rounded score varies in about five of them): no comparisons, no branch
/// mispredictions. Short slices use `sort_unstable`.
pub(super) fn radix_sort_high(v: &mut Vec<u64>, tmp: &mut Vec<u64>) {
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
pub(super) fn assign_ranks(keys: &[f64], order: &[u32], out: &mut [Option<u32>]) {
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
pub(super) fn assign_group_ranks(
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
