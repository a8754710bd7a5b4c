#!/usr/bin/env bash
# bench/brreg: a national-size Enhetsregisteret bulk file (synthetic, 1.16 M enheter, CSV.gz in the
# register's exact 2025 format) → all per-municipality facts, timed against DuckDB doing the same
# aggregation on the same file and against `gzip -dc FILE > /dev/null` (the floor: just inflating
# the file). See bench/README.md.
#
# Environment: BENCH_UNITS (default 1160000), BENCH_RUNS (default 3; the best run of each counts),
# CARGO_TARGET_DIR (default ./target), BENCH_DIR (work files; default $CARGO_TARGET_DIR/bench-brreg).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${BENCH_DIR:-$TARGET/bench-brreg}
UNITS=${BENCH_UNITS:-1160000}
RUNS=${BENCH_RUNS:-3}
mkdir -p "$WORK"

echo "== building (release)"
cargo build --release --quiet -p naeringsplan --bin naeringsplan
cargo build --release --quiet -p naeringsplan-brreg --example bulk_throughput
BIN=$TARGET/release/naeringsplan
GEN=$TARGET/release/examples/bulk_throughput

FILE=$WORK/enheter_syntetisk_${UNITS}.csv.gz
if [ ! -s "$FILE" ]; then
  echo "== generating $FILE (synthetic, $UNITS enheter)"
  # The generator gzips when the name ends in .gz: keep that suffix on the temporary file.
  "$GEN" generate "$WORK/tmp-$$.csv.gz" "$UNITS" 1
  mv "$WORK/tmp-$$.csv.gz" "$FILE"
fi
echo "file: $FILE ($(du -m "$FILE" | cut -f1) MB gzipped, $UNITS enheter)"

VENV=$WORK/venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
  echo "== installing duckdb into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip >/dev/null
  "$VENV/bin/pip" install --quiet duckdb
fi
DUCKDB_VERSION=$("$VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)')

now() { date +%s.%N; }
best() { sort -g | head -1; }
cores=$(nproc)
echo "cores: $cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs on the machine add noise)"

cat "$FILE" > /dev/null  # warm the page cache: all three read the file from memory

echo "== gzip -dc (floor), $RUNS runs"
gz=()
for _ in $(seq "$RUNS"); do
  t0=$(now); gzip -dc "$FILE" > /dev/null; t1=$(now)
  gz+=("$(echo "$t1 - $t0" | bc -l)")
done
printf '  %.3f s\n' "${gz[@]}"
GZ=$(printf '%s\n' "${gz[@]}" | best)

echo "== ours: naeringsplan facts --file FILE --all --format json, $RUNS runs"
ours=(); rss=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time.txt" "$BIN" facts --file "$FILE" --all --format json > "$WORK/ours.json"
  t1=$(now)
  ours+=("$(echo "$t1 - $t0" | bc -l)")
  rss+=("$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")")
done
printf '  %.3f s\n' "${ours[@]}"
OURS=$(printf '%s\n' "${ours[@]}" | best)
RSS_KB=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
echo "  $(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["municipalities"]))' "$WORK/ours.json") municipalities in the output"

if "$BIN" import --help > /dev/null 2>&1; then
  echo "== ours, as the product runs it: naeringsplan import FILE into a fresh SQLite store (1 run)"
  rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
  t0=$(now)
  NAERINGSPLAN_NO_DEMO=1 /usr/bin/time -v -o "$WORK/time_import.txt" \
    "$BIN" --db "$WORK/bench.db" import "$FILE" > /dev/null
  t1=$(now)
  IMPORT_RSS_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time_import.txt")
  printf '  %.3f s, peak RSS %d MB (parse, facts, store in one transaction; includes opening the store)\n' \
    "$(echo "$t1 - $t0" | bc -l)" "$((IMPORT_RSS_KB / 1024))"
fi

echo "== DuckDB $DUCKDB_VERSION (same aggregation, same file), $RUNS runs"
dd=()
for _ in $(seq "$RUNS"); do
  out=$("$VENV/bin/python" bench/brreg/duckdb_facts.py "$FILE" data/sn2007/sector_groups.toml)
  echo "  $(echo "$out" | head -1)"
  dd+=("$(echo "$out" | awk '/^duckdb_seconds:/ {print $2}')")
done
DD=$(printf '%s\n' "${dd[@]}" | best)

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf 'gunzip floor: %.3f s   ours: %.3f s   duckdb: %.3f s   (best of %d)\n' "$GZ" "$OURS" "$DD" "$RUNS"
printf 'vs_duckdb: %.2f\n' "$(echo "$DD / $OURS" | bc -l)"
printf 'vs_gunzip_floor: %.2f\n' "$(echo "$OURS / $GZ" | bc -l)"
printf 'peak_rss_mb: %d\n' "$((RSS_KB / 1024))"
