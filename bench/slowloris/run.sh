#!/usr/bin/env bash
# Slow-loris check (issue 21, finding 3): `naeringsplan serve` under `ulimit -n 1024` with 1 100
# half-sent requests held open; a normal GET /tiltak must still answer within 5 s.
# Env: NAERINGSPLAN_BIN (default target/release/naeringsplan, else target/debug/naeringsplan),
# BENCH_DB (a store to serve; default a new one in a temp dir, filled on first start), PORT, N.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${NAERINGSPLAN_BIN:-$root/target/release/naeringsplan}
[ -x "$bin" ] || bin=$root/target/debug/naeringsplan
db=${BENCH_DB:-$(mktemp -d)/slowloris.db}
port=${PORT:-18931}
n=${N:-1100}
(ulimit -n 1024; NAERINGSPLAN_LOG=warn exec "$bin" --db "$db" serve --addr "127.0.0.1:$port") &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 1
done
echo "server_fd_limit: $(awk '/open files/ {print $4}' /proc/$server/limits)"
python3 "$here/halfsent.py" "$port" "$n" "$server"
