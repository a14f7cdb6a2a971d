"""Database routing for an optional read replica (``DATABASE_REPLICA_URL`` → ``DATABASES["replica"]``).

Reads of the dashboard's own models (``settings.REPLICA_APPS``, default: monitoring) go to ``replica``, and so
does every read inside ``with use_replica():`` — the dashboard wraps its indicator computation in it, because
those queries aggregate the records of every app. Writes, migrations and everything else use ``default``.
Without a replica configured the router answers ``None`` and Django uses ``default``.

A replica lags behind by a moment, so a user must not read it right after writing: ``PrimaryAfterWriteMiddleware``
sends every read of a POST/PUT/PATCH/DELETE to ``default`` and, after such a request succeeded, gives the browser
a cookie under which its reads stay on ``default`` for ``REPLICA_PIN_SECONDS`` (the page the form redirects to
shows what was just saved, whichever web node answers).
"""

import contextlib
import contextvars

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "primary_reads"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
_replica_reads = contextvars.ContextVar("replica_reads", default=False)
_primary_pinned = contextvars.ContextVar("primary_pinned", default=False)


@contextlib.contextmanager
def _switched_on(flag: contextvars.ContextVar):
    token = flag.set(True)
    try:
        yield
    finally:
        flag.reset(token)


def use_replica():
    """Send every read inside the block to the replica (when one is configured)."""
    return _switched_on(_replica_reads)


def use_primary():
    """Send every read inside the block to ``default``, even inside ``use_replica()``."""
    return _switched_on(_primary_pinned)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryAfterWriteMiddleware:
    """Read your own writes with a lagging replica (see the module docstring); does nothing without a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        writes = request.method not in SAFE_METHODS
        if not (writes or PIN_COOKIE in request.COOKIES):
            return self.get_response(request)
        with use_primary():
            response = self.get_response(request)
        if writes and response.status_code < 400:
            seconds = int(getattr(settings, "REPLICA_PIN_SECONDS", 5))
            response.set_cookie(
                PIN_COOKIE, "1", max_age=seconds, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured() or _primary_pinned.get():
            return None
        if _replica_reads.get() or model._meta.app_label in getattr(settings, "REPLICA_APPS", ("monitoring",)):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of default: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives its schema through replication, never through migrate.
        return db != REPLICA
