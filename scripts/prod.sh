#!/usr/bin/env bash
# `make prod`: the portal as a region runs it, on this machine, everything bound to 127.0.0.1:
# PostgreSQL 15 (a throw-away cluster in .prod/pg), Redis, gunicorn (2 × cores + 1 workers) and a Celery worker + beat,
# with production settings (DEBUG off, a generated secret key kept in .prod/env). Migrates, seeds the demo
# (DEMO_SCALE=municipal|region|tiny), collects static files and prints where it listens.
# `make prod-stop` (scripts/prod-stop.sh) stops all of it; `rm -rf .prod` then forgets the data.
#
# NODES=2 (`make prod NODES=2`): two gunicorn nodes (on PROD_PORT+10 and PROD_PORT+20) behind Debian's HAProxy on
# PROD_PORT, which checks /healthz every second and takes a dead node out; both share PostgreSQL, Redis (cache
# and sessions), the Celery worker and the one media directory, and read from a streaming hot-standby replica
# of PostgreSQL (pg_basebackup -R into .prod/pg-replica, port PROD_PG_PORT+1) given to them as
# DATABASE_REPLICA_URL. PROD_DIR chooses another base directory than .prod (its own data and pidfiles).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PROD="${PROD_DIR:-$ROOT/.prod}"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT="${PROD_PG_PORT:-54329}"
REPLICA_PORT="${PROD_REPLICA_PORT:-$(( PG_PORT + 1 ))}"
REDIS_PORT="${PROD_REDIS_PORT:-63799}"
WEB_PORT="${PROD_PORT:-8000}"
NODES="${NODES:-1}"
case "$NODES" in 1|2|3|4) ;; *) echo "NODES must be 1 to 4" >&2; exit 1 ;; esac
DEMO_SCALE="${DEMO_SCALE:-municipal}"
PY="$ROOT/.venv/bin/python"
mkdir -p "$PROD/log"
chmod 755 "$PROD"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
apt_install() {
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
    else
        echo "Missing $*: run 'sudo apt-get install $*'" >&2; exit 1
    fi
}
[ -x "$PG_BIN/initdb" ] || apt_install postgresql-15
command -v redis-server >/dev/null || apt_install redis-server
if [ "$NODES" -gt 1 ]; then command -v haproxy >/dev/null || apt_install haproxy; fi

# The environment of every process: generated once, kept in .prod/env (mode 600).
if [ ! -f "$PROD/env" ]; then
    umask 077
    cat >"$PROD/env" <<ENV
DJANGO_DEBUG=0
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECURE_SSL_REDIRECT=0
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/metodportal
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1
CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0
DJANGO_MEDIA_ROOT=$PROD/media
ENV
    umask 022
fi
set -a; . "$PROD/env"; set +a
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"  # the celery CLI does not put the project root on sys.path
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings}"  # as the Makefile exports it

# Random reads cost about what sequential ones do on an SSD: with the default 4.0 the planner reads every
# completion of the country to find a city's 25 latest (46 ms at country scale) instead of the city's staff's own
# through the index (18 ms) — bench/RESULTS.md, issue 18, session 3.
PG_TUNING="${PG_TUNING:--c random_page_cost=1.1}"

# PostgreSQL 15: a cluster of our own in .prod/pg, owned by the postgres user, trust auth on loopback only.
if [ ! -f "$PROD/pg/data/PG_VERSION" ]; then
    mkdir -p "$PROD/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PROD/pg"; fi
    as_postgres "$PG_BIN/initdb" -D "$PROD/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$PROD/log/initdb.log"
fi
if ! as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg/data" -l "$PROD/pg/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PROD/pg $PG_TUNING" start >/dev/null
fi
as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'metodportal'" | grep -q 1 \
    || as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres metodportal
echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT"

# With several nodes: a streaming replica (hot standby) of that cluster. pg_basebackup -R writes standby.signal
# and primary_conninfo; the physical slot keeps the WAL the replica has not received yet.
if [ "$NODES" -gt 1 ]; then
    if [ ! -f "$PROD/pg-replica/data/PG_VERSION" ]; then
        mkdir -p "$PROD/pg-replica"
        if [ "$(id -u)" = 0 ]; then chown postgres: "$PROD/pg-replica"; fi
        as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
            "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'metodportal_replica'" | grep -q 1 \
            && as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc \
                "SELECT pg_drop_replication_slot('metodportal_replica')"
        as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$PROD/pg-replica/data" \
            -R -X stream -C -S metodportal_replica >"$PROD/log/basebackup.log" 2>&1
    fi
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg-replica/data" status >/dev/null 2>&1; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg-replica/data" -l "$PROD/pg-replica/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -k $PROD/pg-replica -c hot_standby=on $PG_TUNING" start >/dev/null
    fi
    as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -tAc "SELECT pg_is_in_recovery()" \
        | grep -q t || { echo "The replica on $REPLICA_PORT is not a standby" >&2; exit 1; }
    echo "PostgreSQL 15 streaming replica (hot standby) on 127.0.0.1:$REPLICA_PORT"
fi

# Redis: cache and Celery broker, loopback only, daemonized with a pidfile.
if ! { [ -f "$PROD/redis.pid" ] && kill -0 "$(cat "$PROD/redis.pid")" 2>/dev/null; }; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$PROD/redis.pid" \
        --dir "$PROD" --logfile "$PROD/log/redis.log" --save "" --appendonly no
    sleep 0.5
fi
echo "Redis on 127.0.0.1:$REDIS_PORT"

"$PY" manage.py migrate --noinput -v 0
if ! "$PY" -c 'import django; django.setup(); from django.contrib.auth import get_user_model as u; exit(0 if u().objects.exists() else 1)' \
        2>/dev/null; then
    echo "Loading the demo data ($DEMO_SCALE)..."
    "$PY" manage.py seed_demo --scale "$DEMO_SCALE" >"$PROD/log/seed.log"
    # The dashboards read stored indicator values (monitoring.stored): compute them once now, not on first view.
    "$PY" manage.py monitoring_rebuild_values >>"$PROD/log/seed.log"
fi
"$PY" manage.py collectstatic --noinput -v 0

# No personal data in the access log: the path without its query string (a search for a surname stays out), no
# client address, referrer or user agent.
ACCESS_LOG_FORMAT='%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop() { if running "$1"; then kill -TERM "$(cat "$1")"; sleep 1; fi; rm -f "$1"; }
gunicorn_node() {  # pidfile port log-suffix [VAR=value ...]: one gunicorn master with its workers, daemonized
    local pidfile="$1" port="$2" suffix="$3"
    shift 3
    running "$pidfile" && return 0
    env "$@" "$ROOT/.venv/bin/gunicorn" config.wsgi --bind "127.0.0.1:$port" \
        --workers "${PROD_WORKERS:-$(( 2 * $(nproc) + 1 ))}" \
        --pid "$pidfile" --control-socket "$PROD/gunicorn$suffix.ctl" --daemon \
        --access-logfile "$PROD/log/access$suffix.log" \
        --access-logformat "$ACCESS_LOG_FORMAT" --error-logfile "$PROD/log/gunicorn$suffix.log" --timeout 120
}
if [ "$NODES" = 1 ]; then
    # Switching back from several nodes: the balancer held this port.
    stop "$PROD/haproxy.pid"
    for pidfile in "$PROD"/gunicorn-node*.pid; do if [ -e "$pidfile" ]; then stop "$pidfile"; fi; done
    gunicorn_node "$PROD/gunicorn.pid" "$WEB_PORT" ""
else
    stop "$PROD/gunicorn.pid"  # the single node held the balancer's port
    REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/metodportal"
    SERVERS=""
    for i in $(seq 1 "$NODES"); do
        port=$(( WEB_PORT + 10 * i ))
        gunicorn_node "$PROD/gunicorn-node$i.pid" "$port" "-node$i" DATABASE_REPLICA_URL="$REPLICA_URL"
        SERVERS="$SERVERS    server node$i 127.0.0.1:$port check
"
    done
    for i in $(seq 1 "$NODES"); do  # the balancer starts with its nodes answering
        for _ in $(seq 1 30); do curl -fs -o /dev/null "http://127.0.0.1:$(( WEB_PORT + 10 * i ))/healthz" && break; sleep 1; done
    done
    # HAProxy: round robin without sticky sessions (sessions live in Redis and the database). /healthz every
    # second; a node is out after 3 failed checks, or at once when real requests cannot connect to it twice
    # (observe layer4), and back after 2 good ones. A check waits up to 10 s: a busy node's sync workers answer
    # it late, and short check timeouts once took both busy nodes out at the same time (503 for everyone). A
    # request that could not connect goes to another node (retries + redispatch); a GET whose node died before
    # answering is retried there too; a POST is never replayed (it may have been written), so only the POSTs in
    # flight on a dying node fail.
    cat >"$PROD/haproxy.cfg" <<CFG
global
    maxconn 2000
    stats socket $PROD/haproxy.sock mode 600 level admin
defaults
    mode http
    timeout connect 2s
    timeout client 180s
    timeout server 180s
    timeout http-keep-alive 10s
    timeout http-request 30s
    timeout check 10s
    option http-server-close
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response
frontend portal
    bind 127.0.0.1:$WEB_PORT
    option forwardfor
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    http-after-response set-header X-Node %[srv_name]
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 3 rise 2 observe layer4 error-limit 2 on-error mark-down
$SERVERS
CFG
    haproxy -c -q -f "$PROD/haproxy.cfg"
    if running "$PROD/haproxy.pid"; then
        haproxy -D -f "$PROD/haproxy.cfg" -p "$PROD/haproxy.pid" -sf "$(cat "$PROD/haproxy.pid")"
    else
        haproxy -D -f "$PROD/haproxy.cfg" -p "$PROD/haproxy.pid"
    fi
fi
if ! running "$PROD/celery-worker.pid"; then
    "$ROOT/.venv/bin/celery" -A config worker --concurrency 1 --detach --pidfile "$PROD/celery-worker.pid" \
        --logfile "$PROD/log/celery-worker.log"
fi
if ! running "$PROD/celery-beat.pid"; then
    "$ROOT/.venv/bin/celery" -A config beat --detach --pidfile "$PROD/celery-beat.pid" \
        --schedule "$PROD/celerybeat-schedule" --logfile "$PROD/log/celery-beat.log"
fi
for _ in $(seq 1 30); do
    curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/healthz" && break
    sleep 1
done
echo
if [ "$NODES" = 1 ]; then
    echo "Metodportal (production mode) listens on http://127.0.0.1:$WEB_PORT/  (logs in $PROD/log/)"
else
    echo "Metodportal (production mode): HAProxy on http://127.0.0.1:$WEB_PORT/ in front of $NODES gunicorn nodes" \
        "on ports $(for i in $(seq 1 "$NODES"); do printf '%s ' $(( WEB_PORT + 10 * i )); done)(logs in $PROD/log/)"
fi
"$PY" manage.py demo_logins 2>/dev/null || echo "Demo logins: see 'python manage.py demo_logins'."
echo "Stop everything with: make prod-stop"
