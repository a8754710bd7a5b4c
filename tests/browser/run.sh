#!/usr/bin/env bash
# Browser tests: builds (or takes) the naeringsplan binary, makes a fresh SQLite store with a
# staff user, starts `naeringsplan serve` on a free loopback port, runs the Node tests against it
# in headless Debian chromium (playwright-core, executablePath /usr/bin/chromium), and stops the
# server. Run `npm ci` here once first. Used by `cargo test` (crates/naeringsplan/tests/browser.rs).
#
# Environment: NAERINGSPLAN_BIN (a built binary; else this script runs `cargo build`),
# CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ -z "${NAERINGSPLAN_BIN:-}" ]; then
  (cd "$root" && cargo build -q -p naeringsplan)
  NAERINGSPLAN_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/naeringsplan"
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "run.sh: no chromium at $CHROMIUM (apt-get install chromium)" >&2; exit 2; }
[ -d "$here/node_modules/playwright-core" ] || { echo "run.sh: run 'npm ci' in $here first" >&2; exit 2; }

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export NAERINGSPLAN_DB="$tmp/browser.db"
export NAERINGSPLAN_LOG="${NAERINGSPLAN_LOG:-warn,sqlx::query=error}"
unset NAERINGSPLAN_PLAN
export STAFF_USER="redaktor"
export STAFF_PASSWORD="nettleser-test-passord"
printf '%s\n' "$STAFF_PASSWORD" | "$NAERINGSPLAN_BIN" user add "$STAFF_USER" --role editor
# An administrator too, for the pages only an admin may open (/intern/brukere).
export ADMIN_USER="forvalter"
export ADMIN_PASSWORD="nettleser-admin-passord"
printf '%s\n' "$ADMIN_PASSWORD" | "$NAERINGSPLAN_BIN" user add "$ADMIN_USER" --role admin

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
"$NAERINGSPLAN_BIN" serve --addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
export BASE_URL="http://127.0.0.1:$port"

# Wait until the server answers: a fresh store first imports the bundled snapshot, which takes
# a minute or more on a busy debug build, so the bound is in seconds, not tries (300 tries ran
# out before the import ended on a loaded machine, and every test then failed to connect).
up=""
deadline=$((SECONDS + ${SERVER_WAIT_SECONDS:-300}))
while [ "$SECONDS" -lt "$deadline" ]; do
  if node -e "fetch(process.env.BASE_URL + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    up=1
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$tmp/server.log" >&2; echo "run.sh: the server died" >&2; exit 1; fi
  sleep 0.5
done
if [ -z "$up" ]; then cat "$tmp/server.log" >&2; echo "run.sh: the server did not answer within ${SERVER_WAIT_SECONDS:-300} s" >&2; exit 1; fi

# A second Asker plan, loaded while the server runs (it keeps serving the embedded 2021–2024 plan
# at /): tests/plans.test.mjs reads the new one under /planer/3203-2025-2030.
"$NAERINGSPLAN_BIN" --plan "$root/tests/plans/asker-2025-2030.toml" plan list >/dev/null

status=0
(cd "$here" && node --test --test-concurrency=1 tests/) || status=$?
if [ "$status" != 0 ]; then echo "--- server log" >&2; cat "$tmp/server.log" >&2; fi
exit "$status"
