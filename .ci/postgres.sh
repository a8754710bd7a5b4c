# Sourced by .ci/run: starts a throwaway PostgreSQL cluster for the tests and exports
# NAERINGSPLAN_TEST_POSTGRES (a database URL on loopback). Installs Debian's `postgresql` when no
# server binaries are found. Works as root (the cluster runs as the `postgres` user) and as an
# ordinary user. The cluster lives in a temporary folder and is stopped (and removed) at exit.
# Skipped when NAERINGSPLAN_TEST_POSTGRES is already set (an existing server is used as is).

np_pg_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return; }
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return; }
  done
}

np_pg_free_port() {
  local p
  for p in $(seq 55432 55632); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}

np_pg_start() {
  if [ -n "${NAERINGSPLAN_TEST_POSTGRES:-}" ]; then
    echo "== PostgreSQL: using NAERINGSPLAN_TEST_POSTGRES as given"
    return
  fi
  local bindir
  bindir="$(np_pg_bindir)"
  if [ -z "$bindir" ]; then
    echo "== installing: postgresql"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bindir="$(np_pg_bindir)"
  fi
  [ -n "$bindir" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  NP_PG_DIR="$(mktemp -d /tmp/naeringsplan-pg.XXXXXX)"
  chmod 755 "$NP_PG_DIR"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$NP_PG_DIR" postgres
    chown postgres "$NP_PG_DIR"
    as=(runuser -u postgres --)
  fi
  local port
  port="$(np_pg_free_port)"
  "${as[@]}" "$bindir/initdb" -D "$NP_PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C --no-sync >"$NP_PG_DIR/initdb.log" 2>&1 \
    || { cat "$NP_PG_DIR/initdb.log" >&2; return 1; }
  # A test cluster: durability off (the crash tests run on SQLite), room for parallel test pools.
  "${as[@]}" "$bindir/pg_ctl" -D "$NP_PG_DIR/data" -l "$NP_PG_DIR/server.log" -w -s \
    -o "-p $port -k $NP_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=64MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start || { cat "$NP_PG_DIR/server.log" >&2; return 1; }
  NP_PG_STOP=("${as[@]}" "$bindir/pg_ctl" -D "$NP_PG_DIR/data" -m immediate -s stop)
  trap np_pg_stop EXIT
  "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE naeringsplan_test" >/dev/null
  export NAERINGSPLAN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/naeringsplan_test"
  echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $NP_PG_DIR)"
}

np_pg_stop() {
  if [ -n "${NP_PG_DIR:-}" ]; then
    "${NP_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$NP_PG_DIR"
    NP_PG_DIR=""
  fi
}
