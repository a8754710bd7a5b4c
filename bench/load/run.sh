#!/usr/bin/env bash
# bench/load: wrk against our server's home, indicator and ranking pages on loopback, and in the
# same run against nginx serving the very same bytes as static files (the ceiling for serving a
# page). Prints req/s, p99 latency and errors per page for both, and ends with
#   vs_nginx: <our req/s / nginx req/s, geometric mean over the pages>
#   p99_ms: <our worst p99 over the pages>
# Target: vs_nginx ≥ 0.5, p99 ≤ 10 ms, 0 errors. See bench/README.md.
#
# Environment: DURATION (wrk seconds per page and server, default 10), CONNECTIONS (default 32),
# THREADS (wrk threads, default 2), PORT (ours, default 18080), NGINX_PORT (default 18081),
# CARGO_TARGET_DIR (./target), BENCH_DIR (work files; default $CARGO_TARGET_DIR/bench-load),
# BIN (a naeringsplan binary; default: build release).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${BENCH_DIR:-$TARGET/bench-load}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
mkdir -p "$WORK"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if ((${#need[@]})); then
  echo "== installing: ${need[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${BIN:-}" ]; then
  echo "== building (release)"
  cargo build --release --quiet -p naeringsplan --bin naeringsplan
  BIN=$TARGET/release/naeringsplan
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Their recorded numbers were measured on the national demo register (1.16 M enheter); a user's
# first start generates only the plan's municipalities (issue 19), so ask for the national one.
export NAERINGSPLAN_DEMO_REGISTER="${NAERINGSPLAN_DEMO_REGISTER:-national}"
echo "== starting naeringsplan serve on 127.0.0.1:$PORT"
NAERINGSPLAN_LOG=warn "$BIN" --db "$WORK/store.db" serve --addr "127.0.0.1:$PORT" &
pids+=($!)
# /health answers 503 until the first start has filled the store (issue 19), then 200.
for _ in $(seq 600); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null

# The pages: home, the first indicator linked from the home page, the ranking.
home=$(curl -fsS "http://127.0.0.1:$PORT/")
indicator=$(grep -o 'href="/indikatorer/[^"?]*"' <<<"$home" | head -1 | cut -d'"' -f2)
[ -n "$indicator" ] || { echo "no indicator link on the home page" >&2; exit 1; }
pages=("/" "$indicator" "/rangering")

echo "== the same bytes as static files for nginx"
STATIC=$WORK/static
rm -rf "$STATIC"; mkdir -p "$STATIC"
for p in "${pages[@]}"; do
  f=$STATIC${p%/}/index.html
  mkdir -p "$(dirname "$f")"
  curl -fsS "http://127.0.0.1:$PORT$p" -o "$f"
  printf '  %-28s %7d bytes\n' "$p" "$(stat -c %s "$f")"
done
chmod -R a+rX "$WORK"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $STATIC;
    location / { try_files \$uri/index.html =404; }
  }
}
CONF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$NGINX_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
for p in "${pages[@]}"; do
  cmp -s <(curl -fsS "http://127.0.0.1:$NGINX_PORT$p") <(curl -fsS "http://127.0.0.1:$PORT$p") \
    || echo "  note: $p differs between the two fetches (dynamic content)"
done

# wrk's figures: req/s, p99 in ms, errors (socket errors + non-2xx/3xx).
measure() { # url → "rps p99_ms errors"
  local out rps p99 unit errs
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  read -r p99 unit < <(awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v); print v, u}' <<<"$out")
  case "$unit" in us) p99=$(echo "$p99 / 1000" | bc -l) ;; s) p99=$(echo "$p99 * 1000" | bc -l) ;; esac
  errs=$(awk '/Socket errors/ {gsub(/,/, ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $NF} END {print s + 0}' <<<"$out")
  echo "$rps $p99 $errs"
}

echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs on the machine add noise)"
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per page and server"
printf '%-28s %12s %9s %6s   %12s %9s %6s   %6s\n' page ours_req/s p99_ms errs nginx_req/s p99_ms errs ratio
logsum=0; worst=0; errors=0
for p in "${pages[@]}"; do
  read -r o_rps o_p99 o_err < <(measure "http://127.0.0.1:$PORT$p")
  read -r n_rps n_p99 n_err < <(measure "http://127.0.0.1:$NGINX_PORT$p")
  ratio=$(echo "$o_rps / $n_rps" | bc -l)
  logsum=$(echo "$logsum + l($ratio)" | bc -l)
  worst=$(echo "if ($o_p99 > $worst) $o_p99 else $worst" | bc -l)
  errors=$((errors + o_err))
  printf '%-28s %12.0f %9.2f %6d   %12.0f %9.2f %6d   %6.3f\n' "$p" "$o_rps" "$o_p99" "$o_err" "$n_rps" "$n_p99" "$n_err" "$ratio"
done
echo "errors: $errors"
printf 'vs_nginx: %.3f\n' "$(echo "e($logsum / ${#pages[@]})" | bc -l)"
printf 'p99_ms: %.2f\n' "$worst"
