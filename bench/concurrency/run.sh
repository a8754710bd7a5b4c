#!/usr/bin/env bash
# bench/concurrency: 50 clients × 20 edits each on the same actions over HTTP (the web crate's
# `concurrency` test: a real server on a random port, staff logins, the edit form with its
# version), on SQLite and — when NAERINGSPLAN_TEST_POSTGRES names a server, or with PG=1 (starts
# a throwaway cluster with .ci/postgres.sh) — on PostgreSQL. Every edit must be accepted (303)
# or refused as stale (409); every accepted edit must be in the history, one version each, no
# refused one anywhere. Prints the figures per backend and ends with
#   accepted_edits: <n>   stale_409: <n>   lost_updates: <n>   (summed over the backends run)
# See bench/README.md. Environment: CARGO_TARGET_DIR, PG.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${PG:-0}" = 1 ] && [ -z "${NAERINGSPLAN_TEST_POSTGRES:-}" ]; then
  # shellcheck source=.ci/postgres.sh
  source .ci/postgres.sh
  np_pg_start
fi
backends=(sqlite)
[ -n "${NAERINGSPLAN_TEST_POSTGRES:-}" ] && backends+=(postgres)
acc=0; stale=0; lost=0
for b in "${backends[@]}"; do
  echo "== $b"
  store=""; [ "$b" = postgres ] && store=postgres
  t0=$(date +%s%3N)
  out=$(NAERINGSPLAN_TEST_STORE=$store cargo test --quiet -p naeringsplan-web --test concurrency -- --nocapture 2>&1) || { echo "$out"; echo "the concurrency test FAILED on $b"; exit 1; }
  t1=$(date +%s%3N)
  line=$(grep -E '^concurrency:' <<<"$out" | tail -1)
  echo "  $line ($(( t1 - t0 )) ms including the test harness)"
  a=$(sed -E 's/.*accepted ([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*refused_409 ([0-9]+).*/\1/' <<<"$line")
  l=$(sed -E 's/.*lost_updates ([0-9]+).*/\1/' <<<"$line")
  acc=$((acc + a)); stale=$((stale + s)); lost=$((lost + l))
done
echo "accepted_edits: $acc"
echo "stale_409: $stale"
echo "lost_updates: $lost"
[ "$lost" -eq 0 ]
