#!/usr/bin/env bash
# Local PostgreSQL, Redis and NATS JetStream for tests and the run command's services mode.
#
#   scripts/services.sh up       install what is missing, start all three (idempotent)
#   scripts/services.sh down     stop them (data is kept under .state/services)
#   scripts/services.sh status   show what runs
#   scripts/services.sh env      print DATABASE_URL / REDIS_URL / NATS_URL exports
#
# Each service listens on loopback only, on a port that can be changed with HKS_PG_PORT,
# HKS_REDIS_PORT and HKS_NATS_PORT, and keeps its data under $HKS_STATE_DIR/services.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_PORT="${HKS_PG_PORT:-54329}"
REDIS_PORT="${HKS_REDIS_PORT:-63799}"
NATS_PORT="${HKS_NATS_PORT:-42229}"
NATS_MONITOR_PORT="${HKS_NATS_MONITOR_PORT:-42230}"
SERVICES_DIR="$STATE_DIR/services"
PG_DIR="$SERVICES_DIR/postgres"
REDIS_DIR="$SERVICES_DIR/redis"
NATS_DIR="$SERVICES_DIR/nats"
PG_DB="hks"

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
# (created by the Debian package) and owns its data directory.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null; }

install_missing() {
  local packages=()
  pg_bin >/dev/null || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  command -v nats-server >/dev/null || packages+=(nats-server)
  [ ${#packages[@]} -gt 0 ] && ensure_debian_packages "${packages[@]}"
  return 0
}

wait_for() {
  local what=$1 tries=$2
  shift 2
  local i
  for ((i = 0; i < tries; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# The postgres user must be able to reach its data directory. A checkout under a private directory
# (a CI clone in a mode-700 temp dir, say) would block it, so grant traversal (o+x, not read) on
# the ancestors that lack it.
ensure_postgres_can_reach() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir="$1"
  while [ "$dir" != "/" ]; do
    if [ -d "$dir" ] && ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      say "allowing the postgres user to traverse $dir (chmod o+x)"
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
}

start_postgres() {
  local bin
  bin="$(pg_bin)"
  mkdir -p "$SERVICES_DIR"
  ensure_postgres_can_reach "$SERVICES_DIR"
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    say "initializing PostgreSQL in $PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    # Tuned for a developer machine and tests: many short-lived databases, no durability needs
    # beyond a clean shutdown. Never use these settings for production data.
    cat >>"$PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 400
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
CONF
  fi
  if as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    return 0
  fi
  say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -o "-p $PG_PORT" -w -t 60 start >/dev/null \
    || die "PostgreSQL did not start; see $PG_DIR/server.log"
  if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database $PG_DB" >/dev/null
  fi
}

stop_postgres() {
  local bin
  bin="$(pg_bin)" || return 0
  [ -f "$PG_DIR/PG_VERSION" ] || return 0
  if as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    say "stopping PostgreSQL"
    as_pg "$bin/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null
  fi
}

start_redis() {
  mkdir -p "$REDIS_DIR"
  pid_alive "$REDIS_DIR/redis.pid" && return 0
  say "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --appendonly yes --save "" --protected-mode yes
  wait_for redis 100 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping || die "Redis did not start; see $REDIS_DIR/redis.log"
}

stop_redis() {
  if pid_alive "$REDIS_DIR/redis.pid"; then
    say "stopping Redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$(cat "$REDIS_DIR/redis.pid")"
    wait_for redis-stop 100 bash -c "! kill -0 $(cat "$REDIS_DIR/redis.pid" 2>/dev/null || echo 0) 2>/dev/null" || true
  fi
}

nats_healthy() { curl -fsS "http://127.0.0.1:$NATS_MONITOR_PORT/healthz?js-enabled=true" >/dev/null; }

start_nats() {
  mkdir -p "$NATS_DIR"
  pid_alive "$NATS_DIR/nats.pid" && return 0
  say "starting NATS JetStream on 127.0.0.1:$NATS_PORT"
  # setsid detaches the server from this shell so it outlives the script.
  setsid nats-server -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" --jetstream --store_dir "$NATS_DIR" \
    -P "$NATS_DIR/nats.pid" -l "$NATS_DIR/nats.log" </dev/null >/dev/null 2>&1 &
  wait_for nats 150 nats_healthy || die "NATS did not start; see $NATS_DIR/nats.log"
}

stop_nats() {
  if pid_alive "$NATS_DIR/nats.pid"; then
    say "stopping NATS"
    local pid
    pid="$(cat "$NATS_DIR/nats.pid")"
    kill "$pid"
    wait_for nats-stop 100 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
}

print_env() {
  cat <<ENV
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export NATS_URL=nats://127.0.0.1:$NATS_PORT
ENV
}

status() {
  local bin
  if bin="$(pg_bin)" && [ -f "$PG_DIR/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    echo "postgres  running  127.0.0.1:$PG_PORT"
  else
    echo "postgres  stopped"
  fi
  if pid_alive "$REDIS_DIR/redis.pid"; then echo "redis     running  127.0.0.1:$REDIS_PORT"; else echo "redis     stopped"; fi
  if pid_alive "$NATS_DIR/nats.pid"; then echo "nats      running  127.0.0.1:$NATS_PORT"; else echo "nats      stopped"; fi
}

case "${1:-}" in
  up)
    command -v curl >/dev/null || ensure_debian_packages curl
    install_missing
    start_postgres
    start_redis
    start_nats
    ;;
  down)
    stop_nats
    stop_redis
    stop_postgres
    ;;
  status) status ;;
  env) print_env ;;
  *)
    echo "usage: $0 up|down|status|env" >&2
    exit 2
    ;;
esac
