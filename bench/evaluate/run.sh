#!/usr/bin/env bash
# bench/evaluate: the user-facing commands on a warm store, release build (issue 17, item 6:
# targets ≤ 0.2 s each). See bench/README.md.
#
# Each command is a new process, as a user runs it. "Warm" means the store holds the results a
# previous call computed (app::cache: the ranking and the evaluation, keyed on their inputs);
# "computing" is the same command on a copy of the store whose stored results were deleted, so
# the line shows what the first call after an import costs. The named baseline is
# `naeringsplan plan show` on the same store in the same run: process start, opening the store
# and reading the plan, without any computation.
#
#   bench/evaluate/run.sh
#
# Then every national chapter-9 definition (the plan's computed indicators among them) for every
# municipality × ten years from a panel loaded once (crates/app/examples/national_bench.rs:
# app::national::compute, resolving every series on its year's borders and computing each
# definition), against pandas computing the same definitions from the same resolved inputs
# (bench/evaluate/national_pandas.py), which fails unless every value and demo flag is identical.
# vs_pandas = pandas' time / ours for the same work (the definitions from resolved inputs);
# vs_pandas_with_resolving = pandas' time / ours including the resolving pandas is spared.
#
# Environment: BIN (a built naeringsplan binary: not rebuilt), NATIONAL (0: only the CLI lines,
# without building the example), CARGO_TARGET_DIR (default ./target), BENCH_DIR (default
# $CARGO_TARGET_DIR/bench-evaluate), REPS (default 9; the median is reported, with min and max),
# REPS_NATIONAL (default 20), PYTHON (default python3, for the virtualenv bench/.venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${BENCH_DIR:-$CARGO_TARGET_DIR/bench-evaluate}"
REPS="${REPS:-9}"
mkdir -p "$OUT"

NATIONAL="${NATIONAL:-1}"
if [ -z "${BIN:-}" ]; then
  echo "== build (release): naeringsplan" >&2
  (cd "$ROOT" && cargo build --release --quiet -p naeringsplan)
  BIN="$CARGO_TARGET_DIR/release/naeringsplan"
fi
if [ "$NATIONAL" != 0 ]; then
  echo "== build (release): naeringsplan-app example national_bench" >&2
  (cd "$ROOT" && cargo build --release --quiet -p naeringsplan-app --example national_bench)
fi
DB="$OUT/store.db"
COLD="$OUT/computing.db"
export NAERINGSPLAN_LOG=error
unset NAERINGSPLAN_DB NAERINGSPLAN_PLAN
# Their recorded numbers were measured on the national demo register (1.16 M enheter); a user's
# first start generates only the plan's municipalities (issue 19), so ask for the national one.
export NAERINGSPLAN_DEMO_REGISTER="${NAERINGSPLAN_DEMO_REGISTER:-national}"

if [ ! -f "$DB" ]; then
  echo "== a fresh store with the bundled data and the demo register (first run only)" >&2
  "$BIN" --db "$DB" plan show >/dev/null
fi

# median, min and max wall time in seconds of REPS runs of the command (after one unmeasured
# run, which also stores what the command computes)
times() {
  python3 "$ROOT/bench/lib/wall_times.py" "$REPS" "$@"
}

# wall time in seconds of one run of the command on a copy of the store without stored results
computing() {
  python3 - "$DB" "$COLD" "$@" <<'PY'
import shutil, sqlite3, subprocess, sys, time
src, dst, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
shutil.copyfile(src, dst)
c = sqlite3.connect(dst); c.execute("DELETE FROM computed_cache"); c.commit(); c.close()
cmd = [dst if a == src else a for a in cmd]
t = time.perf_counter()
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
print(f"{time.perf_counter() - t:.3f}")
PY
}

YEAR="$(( $(date +%Y) - 2 ))"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg); $REPS runs each"
read -r BASE BMIN BMAX < <(times "$BIN" --db "$DB" plan show)
echo "baseline (plan show): median $BASE s (min $BMIN, max $BMAX)"
read -r IND IMIN IMAX < <(times "$BIN" --db "$DB" indicators)
echo "indicators: median $IND s (min $IMIN, max $IMAX); computing: $(computing "$BIN" --db "$DB" indicators) s"
read -r RANK RMIN RMAX < <(times "$BIN" --db "$DB" rank --year "$YEAR")
echo "rank --year $YEAR: median $RANK s (min $RMIN, max $RMAX); computing: $(computing "$BIN" --db "$DB" rank --year "$YEAR") s"
read -r CMP CMIN CMAX < <(times "$BIN" --db "$DB" compare --indicator kortreist)
echo "compare --indicator kortreist (the plan's 7 peers): median $CMP s (min $CMIN, max $CMAX); computing: $(computing "$BIN" --db "$DB" compare --indicator kortreist) s"
echo "cli_baseline_s: $BASE"
echo "cli_indicators_s: $IND"
echo "cli_rank_s: $RANK"
echo "cli_compare_s: $CMP"

if [ "$NATIONAL" = 0 ]; then exit 0; fi
echo "== every municipality from a loaded panel: ours (app::national) against pandas"
VENV="$ROOT/bench/.venv"
if ! "$VENV/bin/python" -c "import pandas" 2>/dev/null; then
  echo "== pandas: installing into $VENV" >&2
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pandas
fi
"$CARGO_TARGET_DIR/release/examples/national_bench" "$DB" "$OUT/national" "${REPS_NATIONAL:-20}" | tee "$OUT/national.txt"
OURS="$(awk '/^all_municipalities_s:/ {print $2}' "$OUT/national.txt")"
OURS_DEF="$(awk '/^ours_definitions_s:/ {print $2}' "$OUT/national.txt")"
"$VENV/bin/python" "$ROOT/bench/evaluate/national_pandas.py" --dir "$OUT/national" --ours-s "$OURS" \
  --ours-definitions-s "$OURS_DEF" \
  --reps "${REPS_NATIONAL:-20}" | tee "$OUT/pandas.txt"
echo "all_municipalities_s: $OURS"
awk '/^vs_pandas/' "$OUT/pandas.txt"
