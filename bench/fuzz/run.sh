#!/usr/bin/env bash
# bench/fuzz: each fuzz target for a fixed budget. With a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`), libFuzzer runs each target in fuzz/ for BUDGET seconds, seeded
# with the project's own inputs (the bad-input corpus and the test fixtures); a crash stops the
# script with the input saved under fuzz/artifacts/TARGET/. Without them, the stable fallback
# (crates/naeringsplan/tests/fuzz_smoke.rs: the same readers, mutated inputs, fixed seed) runs
# with ITERS inputs per target instead. Ends with `fuzz_targets: N` and `fuzz_crashes: N`.
#
# Environment: BUDGET (seconds per target, default 60), RUNS (libFuzzer executions per target;
# when set it replaces BUDGET, e.g. RUNS=10000000), MAX_LEN (libFuzzer -max_len, default 8192),
# TARGETS (space-separated, default all), ITERS (fallback inputs per target, default 200000),
# FUZZ_MODE (auto | cargo-fuzz | stable), SANITIZER (cargo-fuzz's -s: address (default) | none;
# `none` runs 2-3x faster: the targets are safe Rust, where a panic, an abort, an out-of-memory
# or a timeout is what can go wrong, and libFuzzer catches those without AddressSanitizer),
# CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUDGET=${BUDGET:-60}
ITERS=${ITERS:-200000}
MODE=${FUZZ_MODE:-auto}
RUNS=${RUNS:-}
MAX_LEN=${MAX_LEN:-8192}
SANITIZER=${SANITIZER:-address}
read -r -a TARGETS <<<"${TARGETS:-jsonstat plan klass_csv brreg_csv action_sheet}"

if [ "$MODE" = auto ]; then
  if cargo +nightly --version >/dev/null 2>&1 && cargo +nightly fuzz --version >/dev/null 2>&1; then
    MODE=cargo-fuzz
  else
    MODE=stable
    echo "note: no nightly toolchain with cargo-fuzz here; running the stable fallback"
  fi
fi

crashes=0
if [ "$MODE" = cargo-fuzz ]; then
  seeds() { # target → seed folders
    case "$1" in
      jsonstat) echo tests/bad-input/stats crates/stats/tests/fixtures crates/store/tests/fixtures ;;
      plan) echo tests/bad-input/plans tests/plans ;;
      klass_csv) echo tests/bad-input/stats ;;
      brreg_csv) echo tests/bad-input/brreg ;;
      action_sheet) echo tests/bad-input/actions ;;
    esac
  }
  for t in "${TARGETS[@]}"; do
    corpus=$ROOT/fuzz/corpus/$t
    mkdir -p "$corpus"
    for d in $(seeds "$t"); do find "$ROOT/$d" -maxdepth 1 -type f ! -name EXPECTED.tsv -size -128k -exec cp -n {} "$corpus/" \; ; done
    [ -d "$ROOT/fuzz/regressions/$t" ] && cp -n "$ROOT/fuzz/regressions/$t"/* "$corpus/" 2>/dev/null || true
    if [ -n "$RUNS" ]; then limit=(-runs="$RUNS"); else limit=(-max_total_time="$BUDGET"); fi
    echo "== cargo fuzz run -s $SANITIZER $t (${limit[*]} -max_len=$MAX_LEN)"
    start=$(date +%s)
    if (cd fuzz && set -o pipefail && cargo +nightly fuzz run -s "$SANITIZER" "$t" "$corpus" -- "${limit[@]}" -max_len="$MAX_LEN" -rss_limit_mb=2048 -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY)'); then
      echo "  $t: $(( $(date +%s) - start )) s"
    else
      crashes=$((crashes + 1))
      echo "  crash: see fuzz/artifacts/$t/"
    fi
  done
else
  echo "== stable fallback: $ITERS mutated inputs per target"
  for t in "${TARGETS[@]}"; do
    test_name=$(case "$t" in jsonstat) echo jsonstat_reader_never_panics ;; plan) echo plan_parser_never_panics ;;
      klass_csv) echo klass_csv_reader_never_panics ;; brreg_csv) echo brreg_csv_reader_never_panics ;;
      action_sheet) echo action_sheet_reader_never_panics ;; esac)
    start=$(date +%s)
    rc=0
    out=$(NAERINGSPLAN_FUZZ_ITERS=$ITERS cargo test --release --quiet -p naeringsplan --test fuzz_smoke -- --exact "$test_name" --nocapture 2>&1) || rc=$?
    grep -E 'fuzz_smoke|panicked|saved to' <<<"$out" || true
    [ "$rc" = 0 ] || crashes=$((crashes + 1))
    echo "  $t: $(( $(date +%s) - start )) s"
  done
fi
echo "fuzz_mode: $MODE"
echo "fuzz_targets: ${#TARGETS[@]}"
echo "fuzz_crashes: $crashes"
[ "$crashes" -eq 0 ]
