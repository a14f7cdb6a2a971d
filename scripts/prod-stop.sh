#!/usr/bin/env bash
# `make prod-stop`: stop what scripts/prod.sh started (by pidfile), keeping the data in .prod/ (or PROD_DIR):
# the balancer and every web node, Celery, Redis, the PostgreSQL replica and the primary.
set -uo pipefail
cd "$(dirname "$0")/.."
PROD="${PROD_DIR:-$PWD/.prod}"
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
stop_cluster() {  # name data-directory
    [ -f "$2/postmaster.pid" ] || return 0
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$2" -m fast -w stop >/dev/null
    else
        /usr/lib/postgresql/15/bin/pg_ctl -D "$2" -m fast -w stop >/dev/null
    fi
    echo "stopped $1"
}
stop_pidfile haproxy "$PROD/haproxy.pid"
stop_pidfile gunicorn "$PROD/gunicorn.pid"
for pidfile in "$PROD"/gunicorn-node*.pid; do
    [ -e "$pidfile" ] && stop_pidfile "gunicorn $(basename "$pidfile" .pid | cut -d- -f2)" "$pidfile"
done
stop_pidfile "celery beat" "$PROD/celery-beat.pid"
stop_pidfile "celery worker" "$PROD/celery-worker.pid"
stop_pidfile redis "$PROD/redis.pid"
stop_cluster "the PostgreSQL replica" "$PROD/pg-replica/data"
stop_cluster PostgreSQL "$PROD/pg/data"
