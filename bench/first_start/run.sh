#!/usr/bin/env bash
# bench/first_start: `naeringsplan serve` on an empty SQLite store, release build (issue 19
# item 6: the first page within 2 s of starting, the store under 60 MB after the first start).
# See bench/README.md.
#
#   bench/first_start/run.sh
#
# Starts serve on a fresh temporary store and polls every 10 ms: the first HTTP answer of any
# status (the "preparing data" page) gives first_page_s; /health answering 200 gives ready_s
# (the bundled statistics imported, the synthetic demo register generated, the example data
# loaded, the indicators and the ranking computed). Then the server is stopped with SIGINT (it
# closes the store) and the store's files are measured: store_mb (MiB, the database file plus
# any -wal/-shm left). binary_mb is the size of the binary run.
#
# Environment: CARGO_TARGET_DIR (default ./target), BIN (a naeringsplan binary; default: build
# release), DEMO_REGISTER (plan | national; default plan, what a user gets), TIMEOUT (seconds
# to wait for ready, default 600).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -z "${BIN:-}" ]; then
  echo "== build (release): naeringsplan" >&2
  (cd "$ROOT" && cargo build --release --quiet -p naeringsplan)
  BIN="$CARGO_TARGET_DIR/release/naeringsplan"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
unset NAERINGSPLAN_DB NAERINGSPLAN_PLAN NAERINGSPLAN_NO_DEMO NAERINGSPLAN_DEMO_UNITS
export NAERINGSPLAN_DEMO_REGISTER="${DEMO_REGISTER:-plan}"
export NAERINGSPLAN_LOG=info

echo "== load: $(cut -d' ' -f1-3 /proc/loadavg); demo register: $NAERINGSPLAN_DEMO_REGISTER" >&2
python3 - "$BIN" "$WORK" "${TIMEOUT:-600}" <<'PY'
import os, signal, socket, subprocess, sys, time, urllib.error, urllib.request

bin_, work, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
db = os.path.join(work, "store.db")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
base = f"http://127.0.0.1:{port}"
log = open(os.path.join(work, "serve.log"), "w")

def status(path):
    try:
        with urllib.request.urlopen(base + path, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, ConnectionError, OSError):
        return None

t0 = time.perf_counter()
proc = subprocess.Popen([bin_, "--db", db, "serve", "--addr", f"127.0.0.1:{port}"],
                        stdout=log, stderr=subprocess.STDOUT)
first = None
while first is None:
    code = status("/")
    if code is not None:
        first = time.perf_counter() - t0
        first_code = code
        break
    if proc.poll() is not None or time.perf_counter() - t0 > timeout:
        sys.exit(f"serve gave no answer (see {work}/serve.log)")
    time.sleep(0.01)
ready = None
while ready is None:
    if status("/health") == 200:
        ready = time.perf_counter() - t0
        break
    if proc.poll() is not None or time.perf_counter() - t0 > timeout:
        print(open(os.path.join(work, "serve.log")).read(), file=sys.stderr)
        sys.exit("serve did not become ready")
    time.sleep(0.05)
home = status("/")
# The plan's peers are computed after ready (and stored); let that finish before measuring.
time.sleep(float(os.environ.get("SETTLE", "5")))
proc.send_signal(signal.SIGINT)
proc.wait(timeout=60)
size = sum(os.path.getsize(db + sfx) for sfx in ("", "-wal", "-shm") if os.path.exists(db + sfx))
print(f"first answer: HTTP {first_code}; / after ready: HTTP {home}")
print(f"first_page_s: {first:.3f}")
print(f"ready_s: {ready:.1f}")
print(f"store_mb: {size / 2**20:.1f}")
print(f"binary_mb: {os.path.getsize(bin_) / 2**20:.1f}")
PY
