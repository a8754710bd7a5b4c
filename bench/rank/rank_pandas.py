#!/usr/bin/env python3
"""bench/rank: the Kommune-NM-style ranking of data/ranking/kommune-nm.toml, in pandas.

The same definition as the Rust engine (crates/engine/src/ranking): the indicator formulas
(series, [offset] years, + - * /, max/min, diversity(family)), direction, z-score per indicator
and year with the population sd and the clamp, group scores as weighted means over the indicators
present (group-mean imputation) with the coverage threshold, the total as the weighted mean of
the groups (missing if any group is), scores rounded to tie_decimals, competition ranks
("min") nationally, per group and per county and year.

Reads the definition and the data set written by `rank_bench generate`, times the ranking
(best of --reps runs, median also shown; `read_csv` timed apart), checks the ranks against the Rust engine's
(--rust-ranks) and exits 1 if any differ. With --ours-rank-s it ends with the line
`vs_pandas: <pandas time / ours>`.
"""

import argparse
import statistics
import sys
import time
import tomllib

import numpy as np
import pandas as pd


# --- the formula language ---------------------------------------------------------------------

def tokenize(text):
    toks, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isdigit() or c == ".":
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] == "."):
                j += 1
            toks.append(("num", float(text[i:j])))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                j += 1
            toks.append(("id", text[i:j]))
            i = j
        elif c in "+-*/()[],":
            toks.append((c, c))
            i += 1
        else:
            raise ValueError(f"bad character {c!r} in {text!r}")
    return toks


class Parser:
    PREC = {"+": 1, "-": 1, "*": 2, "/": 2}

    def __init__(self, text):
        self.t, self.p = tokenize(text), 0

    def peek(self):
        return self.t[self.p][0] if self.p < len(self.t) else None

    def take(self, kind):
        if self.peek() != kind:
            raise ValueError(f"expected {kind}")
        self.p += 1
        return self.t[self.p - 1][1]

    def expr(self, min_prec=0):
        left = self.unary()
        while self.peek() in self.PREC and self.PREC[self.peek()] >= min_prec:
            op = self.take(self.peek())
            right = self.expr(self.PREC[op] + 1)
            left = ("bin", op, left, right)
        return left

    def unary(self):
        if self.peek() == "-":
            self.p += 1
            return ("neg", self.unary())
        return self.atom()

    def offset(self):
        if self.peek() != "[":
            return 0
        self.p += 1
        sign = 1
        if self.peek() in "+-":
            sign = -1 if self.take(self.peek()) == "-" else 1
        n = int(self.take("num"))
        self.take("]")
        return sign * n

    def atom(self):
        k = self.peek()
        if k == "num":
            return ("num", self.take("num"))
        if k == "(":
            self.p += 1
            e = self.expr()
            self.take(")")
            return e
        name = self.take("id")
        if self.peek() != "(":
            return ("ser", name, self.offset())
        self.p += 1
        if name in ("max", "min"):
            a = self.expr()
            self.take(",")
            b = self.expr()
            self.take(")")
            return ("call", name, a, b)
        if name == "diversity":
            fam = self.take("id")
            off = self.offset()
            self.take(")")
            return ("div", fam, off)
        raise ValueError(f"unknown function {name}")


def parse(text):
    p = Parser(text)
    e = p.expr()
    if p.p != len(p.t):
        raise ValueError(f"trailing tokens in {text!r}")
    return e


def finite(x):
    """Non-finite results are missing, as in the engine."""
    if isinstance(x, pd.Series):
        return x.where(np.isfinite(x))
    return x if np.isfinite(x) else np.nan


def evaluate(node, df, by_code, cache):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "ser":
        _, name, off = node
        key = (name, off)
        if key not in cache:
            cache[key] = df[name] if off == 0 else by_code[name].shift(-off)
        return cache[key]
    if kind == "neg":
        return -evaluate(node[1], df, by_code, cache)
    if kind == "bin":
        _, op, a, b = node
        a, b = evaluate(a, df, by_code, cache), evaluate(b, df, by_code, cache)
        r = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[op]()
        return finite(r)
    if kind == "call":
        _, fn, a, b = node
        a, b = evaluate(a, df, by_code, cache), evaluate(b, df, by_code, cache)
        return (np.maximum if fn == "max" else np.minimum)(a, b)  # NaN propagates
    if kind == "div":
        _, fam, off = node
        members = [c for c in df.columns if c.startswith(fam + ":") and len(c) > len(fam) + 1]
        f = df[members] if off == 0 else by_code[members].shift(-off)
        total = f.sum(axis=1)
        count = f.notna().sum(axis=1)
        sq = f.div(total, axis=0).pow(2).sum(axis=1)
        return (1.0 - sq).where((count > 0) & (total > 0))
    raise ValueError(node)


# --- the ranking --------------------------------------------------------------------------------

def rank(defn, df, years):
    m = defn["method"]
    if m["normalisation"] != "zscore":
        sys.exit("rank_pandas.py implements the zscore normalisation only")
    clamp = m.get("clamp")
    decimals = m.get("tie_decimals", 9)
    policy = m["missing"]
    min_cov = m.get("min_group_coverage", 0.5)

    by_code = df.groupby(level="code", sort=False)
    cache = {}
    ranked = df.index.get_level_values("year").isin(years)
    sub = df.index[ranked]
    yr = sub.get_level_values("year")
    county = df.loc[ranked, "county"]

    values, signs = {}, {}
    for g in defn["groups"]:
        for ind in g["indicators"]:
            v = evaluate(parse(ind["formula"]), df, by_code, cache)
            if not isinstance(v, pd.Series):
                v = pd.Series(v, index=df.index, dtype=float)
            values[ind["id"]] = v[ranked]
            signs[ind["id"]] = 1.0 if ind["direction"] == "higher" else -1.0
    ind = pd.DataFrame(values, index=sub)
    sign = pd.Series(signs)

    # z-score per indicator and year: population sd, two passes like the engine.
    by_year = ind.groupby(yr)
    mean = by_year.transform("mean")
    dev = ind - mean
    sd = (dev * dev).groupby(yr).transform("mean") ** 0.5
    z = dev / sd * sign
    z = z.mask((sd == 0) & ind.notna(), 0.0)
    if clamp is not None:
        z = z.clip(-clamp, clamp)

    groups = {}
    for g in defn["groups"]:
        cols = [i["id"] for i in g["indicators"]]
        w = np.array([float(i["weight"]) for i in g["indicators"]])
        s = z[cols]
        avail = s.notna()
        wsum = (avail * w).sum(axis=1)
        score = (s * w).sum(axis=1) / wsum
        if policy == "group_mean":
            score = score.where((wsum > 0) & (wsum / w.sum() >= min_cov))
        else:
            score = score.where(avail.all(axis=1))
        groups[g["id"]] = score
    gs = pd.DataFrame(groups)
    gw = np.array([float(g["weight"]) for g in defn["groups"]])
    total = (gs * gw).sum(axis=1, skipna=False) / gw.sum()

    out = pd.DataFrame(index=sub)
    key = total.round(decimals)
    out["total"] = key.groupby(yr).rank(method="min", ascending=False)
    out["county"] = key.groupby([yr, county]).rank(method="min", ascending=False)
    for g in gs.columns:
        out[g] = gs[g].round(decimals).groupby(yr).rank(method="min", ascending=False)
    return out.astype("Int64")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--definition", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--years", default="2010-2024")
    ap.add_argument("--rust-ranks", help="ranks CSV written by rank_bench run --out")
    ap.add_argument("--ours-rank-s", type=float, help="the Rust engine's ranking time (s, best of its runs)")
    ap.add_argument("--ours-load-s", type=float, help="the Rust engine's CSV load time (s)")
    ap.add_argument("--reps", type=int, default=15)
    a = ap.parse_args()

    with open(a.definition, "rb") as f:
        defn = tomllib.load(f)
    lo, hi = (int(x) for x in a.years.split("-"))
    years = list(range(lo, hi + 1))

    t0 = time.perf_counter()
    # Every value in the data set is a whole number, so any float parser reads it exactly.
    df = pd.read_csv(a.data, dtype={"code": str, "county": str})
    df = df.set_index(["code", "year"]).sort_index()
    load_s = time.perf_counter() - t0
    # Year offsets are row shifts within a municipality: every municipality must have every year.
    per_code = df.groupby(level="code").size()
    all_years = df.index.get_level_values("year").unique()
    if per_code.nunique() != 1 or per_code.iloc[0] != len(all_years) \
            or all_years.max() - all_years.min() + 1 != len(all_years):
        sys.exit("the data set must hold every year for every municipality")

    times, ranks = [], None
    for _ in range(max(a.reps, 1)):
        t = time.perf_counter()
        ranks = rank(defn, df, years)
        times.append(time.perf_counter() - t)
    rank_s = min(times)
    n_ranked = int(ranks["total"].notna().sum())
    print(f"pandas {pd.__version__}: {len(years)} years, {len(ranks)} municipality-years "
          f"({n_ranked} ranked), {len(times)} runs")
    print(f"pandas_load_s: {load_s:.6f}")
    print(f"pandas_rank_s: {rank_s:.6f}")
    print(f"pandas_rank_median_s: {statistics.median(times):.6f}")

    if a.rust_ranks:
        rust = pd.read_csv(a.rust_ranks, dtype={"code": str}).set_index(["code", "year"])
        if len(rust) != len(ranks) or not rust.index.sort_values().equals(ranks.index.sort_values()):
            sys.exit("RANKS DIFFER: the Rust ranks cover other municipality-years")
        rust = rust.astype("Int64").reindex(ranks.index)
        cols = list(ranks.columns)
        diff = ~((ranks[cols] == rust[cols]).fillna(False) | (ranks[cols].isna() & rust[cols].isna()))
        if diff.any().any():
            bad = diff.any(axis=1)
            print(f"RANKS DIFFER in {int(bad.sum())} municipality-years; first ones:", file=sys.stderr)
            show = pd.concat({"pandas": ranks[bad], "rust": rust[bad]}, axis=1).head(10)
            print(show.to_string(), file=sys.stderr)
            sys.exit(1)
        print(f"ranks: identical ({len(ranks)} municipality-years × {len(cols)} rank columns: "
              f"total, county, {', '.join(cols[2:])})")

    if a.ours_rank_s:
        if a.ours_load_s is not None:
            print(f"end_to_end (read CSV + rank): pandas {load_s + rank_s:.4f} s, "
                  f"ours {a.ours_load_s + a.ours_rank_s:.4f} s, "
                  f"ratio {(load_s + rank_s) / (a.ours_load_s + a.ours_rank_s):.1f}")
        print(f"vs_pandas: {rank_s / a.ours_rank_s:.1f}")


if __name__ == "__main__":
    main()
