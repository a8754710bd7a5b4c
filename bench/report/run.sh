#!/usr/bin/env bash
# bench/report: the council report (PDF and HTML) for the embedded default on a warm store,
# against the named baseline `naeringsplan indicators --format json` on the same store in the
# same run: the same process start, store reading and evaluation of every indicator, without the
# report. Target (issue 18): under 1 s per report, release build. See bench/README.md.
#
#   bench/report/run.sh
#
# Environment: CARGO_TARGET_DIR (default ./target), BENCH_DIR (default
# $CARGO_TARGET_DIR/bench-report), REPS (default 7; the median is reported).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${BENCH_DIR:-$CARGO_TARGET_DIR/bench-report}"
REPS="${REPS:-7}"
mkdir -p "$OUT"

echo "== build (release): naeringsplan" >&2
(cd "$ROOT" && cargo build --release --quiet -p naeringsplan)
BIN="$CARGO_TARGET_DIR/release/naeringsplan"
DB="$OUT/store.db"
export NAERINGSPLAN_LOG=warn
unset NAERINGSPLAN_DB NAERINGSPLAN_PLAN

if [ ! -f "$DB" ]; then
  echo "== warm-up: a fresh store with the bundled data and the demo register (first run only)" >&2
  "$BIN" --db "$DB" indicators --format json >/dev/null
fi

# median wall time in seconds of REPS runs of the command
median() {
  python3 - "$REPS" "$@" <<'PY'
import subprocess, sys, time, statistics
reps = int(sys.argv[1]); cmd = sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)  # warm the page cache
times = []
for _ in range(reps):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times):.3f} {min(times):.3f} {max(times):.3f}")
PY
}

echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r BASE BASE_MIN BASE_MAX < <(median "$BIN" --db "$DB" indicators --format json)
echo "baseline (indicators --format json): median ${BASE} s (min ${BASE_MIN}, max ${BASE_MAX})"
read -r HTML HTML_MIN HTML_MAX < <(median "$BIN" --db "$DB" report --year 2024 --format html --out "$OUT/r.html")
echo "report html: median ${HTML} s (min ${HTML_MIN}, max ${HTML_MAX})"
read -r PDF PDF_MIN PDF_MAX < <(median "$BIN" --db "$DB" report --year 2024 --format pdf --out "$OUT/r.pdf")
echo "report pdf: median ${PDF} s (min ${PDF_MIN}, max ${PDF_MAX})"
read -r DOCX DOCX_MIN DOCX_MAX < <(median "$BIN" --db "$DB" report --year 2024 --format docx --out "$OUT/r.docx")
echo "report docx: median ${DOCX} s (min ${DOCX_MIN}, max ${DOCX_MAX})"
python3 - "$BASE" "$HTML" "$PDF" "$DOCX" <<'PY'
import sys
base, html, pdf, docx = map(float, sys.argv[1:])
print(f"html_vs_baseline: {html / base:.2f}")
print(f"pdf_vs_baseline: {pdf / base:.2f}")
print(f"docx_vs_baseline: {docx / base:.2f}")
ok = lambda v: "met" if v < 1.0 else "NOT met"
print(f"target < 1 s: html {ok(html)}, pdf {ok(pdf)}")
PY
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
