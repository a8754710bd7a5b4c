#!/usr/bin/env bash
# bench/rank: the Kommune-NM-style ranking, 357 municipalities × 19 indicators × 15 years,
# the Rust engine against pandas on the same data and definition. See bench/README.md.
#
#   bench/rank/run.sh
#
# Environment: CARGO_TARGET_DIR (default ./target), BENCH_DIR (default $CARGO_TARGET_DIR/bench-rank),
# BENCH_YEARS (default 2010-2024), BENCH_REPS_RUST (default 300), BENCH_REPS_PANDAS (default 15),
# PYTHON (default python3, used to make the virtualenv bench/.venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${BENCH_DIR:-$CARGO_TARGET_DIR/bench-rank}"
YEARS="${BENCH_YEARS:-2010-2024}"
VENV="$ROOT/bench/.venv"
mkdir -p "$OUT"

echo "== build (release): naeringsplan-engine example rank_bench" >&2
(cd "$ROOT" && cargo build --release --quiet -p naeringsplan-engine --example rank_bench)
BIN="$CARGO_TARGET_DIR/release/examples/rank_bench"

echo "== data: $OUT/data.csv" >&2
"$BIN" generate "$OUT/data.csv"

if ! "$VENV/bin/python" -c "import pandas" 2>/dev/null; then
  echo "== pandas: installing into $VENV" >&2
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pandas
fi

echo "== ours (Rust, naeringsplan_engine::ranking)"
"$BIN" run "$OUT/data.csv" --years "$YEARS" --out "$OUT/ranks_rust.csv" \
  --reps "${BENCH_REPS_RUST:-300}" | tee "$OUT/rust.txt"
OURS_RANK="$(awk '/^ours_rank_s:/ {print $2}' "$OUT/rust.txt")"
OURS_LOAD="$(awk '/^ours_load_s:/ {print $2}' "$OUT/rust.txt")"

echo "== pandas (bench/rank/rank_pandas.py), same data and definition; ranks compared"
"$VENV/bin/python" "$ROOT/bench/rank/rank_pandas.py" \
  --definition "$ROOT/data/ranking/kommune-nm.toml" \
  --data "$OUT/data.csv" --years "$YEARS" \
  --rust-ranks "$OUT/ranks_rust.csv" \
  --ours-rank-s "$OURS_RANK" --ours-load-s "$OURS_LOAD" \
  --reps "${BENCH_REPS_PANDAS:-15}"
