#!/usr/bin/env bash
# Starts the real servers the tests need, as local processes on 127.0.0.1:
#   PostgreSQL (a throw-away cluster) and an SMTP server that writes what it receives to a folder.
# Source it: `source infra/test/services.sh start` exports MSPAS_TEST_* variables; `services_stop` ends them.
# Settings are read when services_start runs (not when this file is sourced):
#   MSPAS_TEST_RUN_DIR (default ./.test-run), MSPAS_TEST_PG_PORT (55432), MSPAS_TEST_SMTP_PORT (2525).
# This file sets no shell options of its own: the caller's stay as they are.

as_pg() {
    # initdb and postgres refuse to run as root; CI runs as root.
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
    echo "$dir"
}

wait_port() {
    local port=$1 tries=100
    until (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
        tries=$((tries - 1))
        [ $tries -gt 0 ] || { echo "nothing answered on 127.0.0.1:$port" >&2; return 1; }
        sleep 0.2
    done
}

services_start() {
    local bin RUN_DIR PG_PORT SMTP_PORT PG_DIR
    RUN_DIR="${MSPAS_TEST_RUN_DIR:-$(pwd)/.test-run}"
    PG_PORT="${MSPAS_TEST_PG_PORT:-55432}"
    SMTP_PORT="${MSPAS_TEST_SMTP_PORT:-2525}"
    bin=$(pg_bin) || return 1
    mkdir -p "$RUN_DIR"
    # The cluster lives outside the checkout so the postgres user can reach it whatever the checkout's permissions.
    PG_DIR=$(mktemp -d /tmp/mspas-pg.XXXXXX)
    if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; fi
    export MSPAS_TEST_PG_DIR="$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$RUN_DIR/initdb.log" 2>&1 || { cat "$RUN_DIR/initdb.log" >&2; return 1; }
    # Durability is off: this cluster is thrown away after the run.
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
        || { cat "$PG_DIR/postgres.log" >&2; return 1; }
    export MSPAS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres"

    export MSPAS_TEST_MAILDIR="$RUN_DIR/mail"
    rm -rf "$MSPAS_TEST_MAILDIR"
    mkdir -p "$MSPAS_TEST_MAILDIR"
    /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/smtp_sink.py" --port "$SMTP_PORT" --maildir "$MSPAS_TEST_MAILDIR" >"$RUN_DIR/smtp.log" 2>&1 &
    export MSPAS_TEST_SMTP_PID=$!
    export MSPAS_TEST_SMTP_HOST=127.0.0.1
    export MSPAS_TEST_SMTP_PORT="$SMTP_PORT"
    wait_port "$SMTP_PORT" || { cat "$RUN_DIR/smtp.log" >&2; return 1; }
    wait_port "$PG_PORT" || return 1
    echo "test services: PostgreSQL on 127.0.0.1:$PG_PORT, SMTP on 127.0.0.1:$SMTP_PORT (mail in $MSPAS_TEST_MAILDIR)"
}

services_stop() {
    if [ -n "${MSPAS_TEST_SMTP_PID:-}" ]; then kill "$MSPAS_TEST_SMTP_PID" 2>/dev/null || true; fi
    if [ -n "${MSPAS_TEST_PG_DIR:-}" ] && [ -d "$MSPAS_TEST_PG_DIR/data" ]; then
        as_pg "$(pg_bin)/pg_ctl" -D "$MSPAS_TEST_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ -n "${MSPAS_TEST_PG_DIR:-}" ]; then rm -rf "$MSPAS_TEST_PG_DIR"; fi
    unset MSPAS_TEST_SMTP_PID MSPAS_TEST_PG_DIR
}

if [ "${1:-}" = "start" ]; then
    services_start
fi
