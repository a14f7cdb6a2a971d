#!/usr/bin/env bash
# `make prod`: the portal as a region runs it, on this machine, everything bound to 127.0.0.1:
# PostgreSQL 15 (a throw-away cluster in .prod/pg), Redis, gunicorn (2 × cores + 1 workers) and a Celery worker + beat,
# with production settings (DEBUG off, a generated secret key kept in .prod/env). Migrates, seeds the demo
# (DEMO_SCALE=municipal|region|tiny), collects static files and prints where it listens.
# `make prod-stop` (scripts/prod-stop.sh) stops all of it; `rm -rf .prod` then forgets the data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PROD="$ROOT/.prod"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT="${PROD_PG_PORT:-54329}"
REDIS_PORT="${PROD_REDIS_PORT:-63799}"
WEB_PORT="${PROD_PORT:-8000}"
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

# PostgreSQL 15: a cluster of our own in .prod/pg, owned by the postgres user, trust auth on loopback only.
if [ ! -f "$PROD/pg/data/PG_VERSION" ]; then
    mkdir -p "$PROD/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PROD/pg"; fi
    as_postgres "$PG_BIN/initdb" -D "$PROD/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$PROD/log/initdb.log"
fi
if ! as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PROD/pg/data" -l "$PROD/pg/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PROD/pg" start >/dev/null
fi
as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'metodportal'" | grep -q 1 \
    || as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres metodportal
echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT"

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
if ! running "$PROD/gunicorn.pid"; then
    "$ROOT/.venv/bin/gunicorn" config.wsgi --bind "127.0.0.1:$WEB_PORT" --workers "${PROD_WORKERS:-$(( 2 * $(nproc) + 1 ))}" \
        --pid "$PROD/gunicorn.pid" --daemon --access-logfile "$PROD/log/access.log" \
        --access-logformat "$ACCESS_LOG_FORMAT" \
        --error-logfile "$PROD/log/gunicorn.log" --timeout 120
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
echo "Metodportal (production mode) listens on http://127.0.0.1:$WEB_PORT/  (logs in .prod/log/)"
"$PY" manage.py demo_logins 2>/dev/null || echo "Demo logins: see 'python manage.py demo_logins'."
echo "Stop everything with: make prod-stop"
