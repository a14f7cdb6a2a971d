"""Database routing for an optional read replica (``DATABASE_REPLICA_URL`` → ``DATABASES["replica"]``).

Reads of the dashboard's own models (``settings.REPLICA_APPS``, default: monitoring) go to ``replica``, and so
does every read inside ``with use_replica():`` — the dashboard wraps its indicator computation in it, because
those queries aggregate the records of every app. Writes, migrations and everything else use ``default``.
Without a replica configured the router answers ``None`` and Django uses ``default``.
"""

import contextlib
import contextvars

from django.conf import settings

REPLICA = "replica"
_replica_reads = contextvars.ContextVar("replica_reads", default=False)


@contextlib.contextmanager
def use_replica():
    """Send every read inside the block to the replica (when one is configured)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
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
