#!/usr/bin/env bash
# `make prod-stop`: stop what scripts/prod.sh started (by pidfile), keeping the data in .prod/.
set -uo pipefail
cd "$(dirname "$0")/.."
PROD="$PWD/.prod"
stop_pidfile() {  # name pidfile
    local pid
    pid="$(cat "$2" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        echo "stopped $1 (pid $pid)"
    fi
    rm -f "$2"
}
stop_pidfile gunicorn "$PROD/gunicorn.pid"
stop_pidfile "celery beat" "$PROD/celery-beat.pid"
stop_pidfile "celery worker" "$PROD/celery-worker.pid"
stop_pidfile redis "$PROD/redis.pid"
if [ -f "$PROD/pg/data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PROD/pg/data" -m fast -w stop >/dev/null
    else
        /usr/lib/postgresql/15/bin/pg_ctl -D "$PROD/pg/data" -m fast -w stop >/dev/null
    fi
    echo "stopped PostgreSQL"
fi
