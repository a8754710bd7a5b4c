"""bench/evaluate's pandas side: the national chapter-9 definitions for every municipality and
year, from the inputs the Rust side resolved (inputs.csv), computed the way a data analyst would
with pandas (pivot by series, vectorised arithmetic), timed over repetitions, and compared with
the Rust values (values_rust.csv): the same cells, the same values (bit for bit) and the same
demo flags, or the script fails.

The rules are the engine's (crates/engine/src/definitions): a value needs every input it reads
to have a value; a ratio or percentage is undefined when its denominator is not positive; job
growth is undefined when the population did not grow; a value is demo when any input is.

    python national_pandas.py --dir OUT_DIR --ours-s S --ours-definitions-s S --reps N
"""

import argparse
import statistics
import sys
import time

import pandas as pd

SIMPLE = {
    # definition: (numerator, denominator, scale)
    "egendekning": ("jobs", "employed_residents", None),
    "sysselsettingsandel": ("jobs", "population_16_66", 100.0),
    "sysselsettingsgrad": ("employed_residents", "population_15_74", 100.0),
    "kortreist_andel": ("employed_residents_local", "employed_residents", 100.0),
}
PASSTHROUGH = {
    "nyetableringer": "new_enterprises",
    "farmland_converted": "farmland_converted_dekar",
}


def compute(inputs: pd.DataFrame, years: range, wanted: set) -> pd.DataFrame:
    value = inputs.pivot_table(index=["code", "year"], columns="series", values="value", aggfunc="first")
    demo = inputs.pivot_table(index=["code", "year"], columns="series", values="demo", aggfunc="first")
    out = []

    def emit(name, v, d):
        v = v[v.notna()]
        d = d.reindex(v.index).fillna(False).astype(bool)
        frame = pd.DataFrame({"value": v, "demo": d})
        frame = frame[frame.index.get_level_values("year").isin(years)]
        frame["definition"] = name
        out.append(frame.reset_index())

    def col(frame, series):
        return frame[series] if series in frame else pd.Series(float("nan"), index=frame.index)

    def dcol(series):
        return col(demo, series).fillna(0).astype(bool)

    for name, (num, den, scale) in SIMPLE.items():
        if name not in wanted:
            continue
        a, b = col(value, num), col(value, den)
        r = (a / b).where(b > 0)
        if scale is not None:
            r = scale * r
        emit(name, r, dcol(num) | dcol(den))

    if "job_growth_vs_population" in wanted:
        jobs = col(value, "jobs")
        pop = col(value, "population")
        jdemo, pdemo = dcol("jobs"), dcol("population")
        # The previous year's jobs and the next year's population, aligned on (code, year).
        by_code = value.index.get_level_values("code")
        years_idx = value.index.get_level_values("year")
        prev = pd.MultiIndex.from_arrays([by_code, years_idx - 1])
        nxt = pd.MultiIndex.from_arrays([by_code, years_idx + 1])
        j0 = pd.Series(jobs.reindex(prev).to_numpy(), index=value.index)
        p1 = pd.Series(pop.reindex(nxt).to_numpy(), index=value.index)
        j0d = pd.Series(jdemo.reindex(prev).fillna(False).to_numpy(dtype=bool), index=value.index)
        p1d = pd.Series(pdemo.reindex(nxt).fillna(False).to_numpy(dtype=bool), index=value.index)
        dj = jobs - j0
        dp = p1 - pop
        r = (100.0 * dj / dp).where(dp > 0)
        emit("job_growth_vs_population", r, jdemo | j0d | pdemo | p1d)

    for name, series in PASSTHROUGH.items():
        if name in wanted:
            emit(name, col(value, series), dcol(series))

    return pd.concat(out, ignore_index=True)[["definition", "code", "year", "value", "demo"]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--ours-s", type=float, required=True, help="ours, resolving included")
    ap.add_argument("--ours-definitions-s", type=float, required=True, help="ours, from resolved inputs")
    ap.add_argument("--reps", type=int, default=15)
    a = ap.parse_args()

    t = time.perf_counter()
    inputs = pd.read_csv(f"{a.dir}/inputs.csv", dtype={"code": str})
    inputs["demo"] = inputs["demo"].astype(bool)
    load_s = time.perf_counter() - t
    rust = pd.read_csv(f"{a.dir}/values_rust.csv", dtype={"code": str})
    rust["demo"] = rust["demo"].astype(bool)
    wanted = set(rust["definition"].unique())
    unknown = wanted - set(SIMPLE) - set(PASSTHROUGH) - {"job_growth_vs_population"}
    if unknown:
        print(f"pandas side does not know {sorted(unknown)}", file=sys.stderr)
        return 1
    years = range(int(rust["year"].min()), int(rust["year"].max()) + 1)

    times = []
    for _ in range(max(1, a.reps)):
        t = time.perf_counter()
        ours = compute(inputs, years, wanted)
        times.append(time.perf_counter() - t)
    pandas_s = statistics.median(times)

    key = ["definition", "code", "year"]
    m = rust.merge(ours, on=key, how="outer", suffixes=("_rust", "_pandas"), indicator=True)
    only = m[m["_merge"] != "both"]
    if len(only):
        print(f"cells in one result only: {len(only)}\n{only.head(10)}", file=sys.stderr)
        return 1
    diff = m[(m["value_rust"] != m["value_pandas"]) | (m["demo_rust"] != m["demo_pandas"])]
    if len(diff):
        print(f"values differ in {len(diff)} cells\n{diff.head(10)}", file=sys.stderr)
        return 1
    print(f"identical: {len(m)} values (definition × municipality × year), demo flags equal")
    print(f"pandas_load_s: {load_s:.3f}")
    print(f"pandas_s: {pandas_s:.4f}")
    # The same work on both sides: the definitions from inputs already resolved.
    print(f"vs_pandas: {pandas_s / a.ours_definitions_s:.2f}")
    # Ours also resolving every input on its year's borders (pandas is spared that).
    print(f"vs_pandas_with_resolving: {pandas_s / a.ours_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
