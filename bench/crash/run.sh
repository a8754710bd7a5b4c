#!/usr/bin/env bash
# bench/crash: kill -9 during large imports, ROUNDS times (default 20), into one SQLite store;
# after every kill `naeringsplan doctor` must pass and the killed import must be wholly present or
# wholly absent. Alternates a large SSB JSON-stat file (observations) and a large synthetic
# Enhetsregisteret bulk file (register snapshot). Each round's file is new (its SHA-256 differs),
# so no round is skipped as "already imported". The kill lands at a random moment between 5 %
# and 110 % of the import's undisturbed duration (measured first), so some kills land mid-commit
# and a few after the end. See bench/README.md.
#
# Environment: ROUNDS (20), CELLS (JSON-stat cells per file, default 400000), UNITS (Brreg units
# per file, default 150000), SEED (1), CARGO_TARGET_DIR (./target), BENCH_DIR (work files;
# default $CARGO_TARGET_DIR/bench-crash), BIN (a naeringsplan binary; default: build release).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${BENCH_DIR:-$TARGET/bench-crash}
ROUNDS=${ROUNDS:-20}
CELLS=${CELLS:-400000}
UNITS=${UNITS:-150000}
SEED=${SEED:-1}
mkdir -p "$WORK"
rm -f "$WORK"/store.db* "$WORK"/scratch.db*

if [ -z "${BIN:-}" ]; then
  echo "== building (release)"
  cargo build --release --quiet -p naeringsplan --bin naeringsplan
  cargo build --release --quiet -p naeringsplan-brreg --example bulk_throughput
  BIN=$TARGET/release/naeringsplan
fi
GEN=${GEN:-$TARGET/release/examples/bulk_throughput}
export NAERINGSPLAN_LOG=error
RANDOM=$SEED

# A JSON-stat 2.0 dataset: table 99001 (made up, marked as such in its label), 357 regions ×
# years × 2 contents; `round` changes the values and `updated`, so each file is new.
jsonstat() { # out round
  python3 - "$1" "$2" "$CELLS" <<'PY'
import json, sys
out, rnd, cells = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
regions = [f"K-{3000 + i:04d}" for i in range(357)]
years = max(1, cells // (len(regions) * 2))
ys = [str(1900 + y) for y in range(years)]
vals = [((i * 7919 + rnd * 104729) % 100000) for i in range(len(regions) * 2 * len(ys))]
ds = {
  "class": "dataset", "version": "2.0",
  "label": f"99001: crash test data (made up), round {rnd}",
  "updated": f"2024-01-01T00:{rnd // 60:02d}:{rnd % 60:02d}Z",
  "id": ["Region", "ContentsCode", "Tid"], "size": [len(regions), 2, len(ys)],
  "dimension": {
    "Region": {"category": {"index": {r: i for i, r in enumerate(regions)}}},
    "ContentsCode": {"category": {"index": {"A": 0, "B": 1},
      "unit": {"A": {"base": "personer", "decimals": 0}, "B": {"base": "personer", "decimals": 0}}}},
    "Tid": {"category": {"index": {y: i for i, y in enumerate(ys)}}},
  },
  "value": vals, "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
  "extension": {"px": {"tableid": "99001", "decimals": 0}},
}
json.dump(ds, open(out, "w"))
PY
}

file_for() { # round → path (generated once)
  local r=$1 f
  if (( r % 2 == 0 )); then
    f=$WORK/stat_round${r}.json
    [ -s "$f" ] || jsonstat "$f" "$r"
  else
    f=$WORK/enheter_2024-01-$(printf '%02d' $(( r % 28 + 1 )))_round${r}.csv.gz
    [ -s "$f" ] || "$GEN" generate "$f" "$UNITS" "$((r + 100))" >/dev/null
  fi
  echo "$f"
}

now_ms() { date +%s%3N; }

echo "== files: JSON-stat $CELLS cells, Brreg $UNITS units (in $WORK)"
# Undisturbed durations, on a scratch store (the store's first open seeds the plan: done before).
"$BIN" --db "$WORK/scratch.db" doctor >/dev/null
"$BIN" --db "$WORK/store.db" doctor >/dev/null
declare -A dur
for kind in 0 1; do
  f=$(file_for $((kind + 100)))
  t0=$(now_ms); "$BIN" --db "$WORK/scratch.db" import "$f" >/dev/null; t1=$(now_ms)
  dur[$kind]=$((t1 - t0))
  echo "undisturbed import ($([ $kind = 0 ] && echo JSON-stat || echo Brreg)): ${dur[$kind]} ms"
done

kills=0; present=0; absent=0; doctor_fail=0; torn=0; reimport_fail=0
for r in $(seq 1 "$ROUNDS"); do
  f=$(file_for "$r")
  kind=$((r % 2 == 0 ? 0 : 1))
  d=${dur[$kind]}
  delay=$(( d * (5 + RANDOM % 106) / 100 ))
  "$BIN" --db "$WORK/store.db" import "$f" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); state=killed; else state=finished; fi
  wait "$pid" 2>/dev/null || true
  if out=$("$BIN" --db "$WORK/store.db" doctor 2>&1); then ok=pass; else ok=FAIL; doctor_fail=$((doctor_fail + 1)); fi
  # Present or absent: a second import of the same file either says "already" (it was whole)
  # or imports it now; the doctor checked that nothing partial was left either way.
  # The second import must succeed either way: a leftover lock or a half-written import that
  # blocks it counts as a failure.
  if again=$("$BIN" --db "$WORK/store.db" import "$f" 2>&1); then again_ok=1; else again_ok=0; fi
  if grep -qiE 'already|allerede|nothing changed|ingen endring|unchanged' <<<"$again"; then
    present=$((present + 1)); was=present
  elif [ "$again_ok" = 1 ]; then
    absent=$((absent + 1)); was=absent
  else
    reimport_fail=$((reimport_fail + 1)); was=REIMPORT-FAILED
    echo "$again" | sed 's/^/    /'
  fi
  if ! "$BIN" --db "$WORK/store.db" doctor >/dev/null 2>&1; then torn=$((torn + 1)); fi
  printf 'round %2d: %-9s after %5d ms of ~%5d ms  %-7s doctor %s\n' "$r" "$state" "$delay" "$d" "$was" "$ok"
  [ "$ok" = pass ] || echo "$out" | sed 's/^/    /'
done
echo "== final doctor"
"$BIN" --db "$WORK/store.db" doctor
echo "rounds: $ROUNDS"
echo "kills: $kills"
echo "imports_present_after_kill: $present"
echo "imports_absent_after_kill: $absent"
echo "reimport_failures: $reimport_fail"
echo "doctor_failures: $((doctor_fail + torn))"
[ $((doctor_fail + torn + reimport_fail)) -eq 0 ]
