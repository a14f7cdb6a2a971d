"""A generation number of the portal's records, for what pages would otherwise ask the database on every request
although it changes only when a record does: a user's roles, the navbar's unread count, the home page's to-do
counts, the options of a filter's select, the years a year filter offers (issue 18: pages as light as a bare page).

Every save or delete of a model of a domain app (history rows and the access log excepted) moves the generation,
at once and again when its transaction commits (a value computed meanwhile from the old rows is dropped too); bulk
writes, which send no signals, call ``records_changed()`` (``monitoring.stored.records_changed`` does, so every
bulk path that keeps the stored indicator values in step keeps these too). ``cached(key, compute)`` keeps a value
for the current generation only, and ``TIMEOUT`` seconds at most: where the cache is not shared between processes
(the local-memory cache of a development server) another process's change reaches this one within that time.
"""

import hashlib
import time
from collections.abc import Callable
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

KEY = "core:records-generation"
TIMEOUT = 60
_MISSING = object()
# Sent by bulk_written() with ``rows``: the records a bulk write created or changed (monitoring listens).
rows_written = Signal()
# Sent by municipalities_written() with ``municipality_ids``: a write whose rows are not at hand (an import's
# bulk_create) touched these municipalities (monitoring listens; core imports no app above it).
municipalities_touched = Signal()
# Written by every page of personal data (core.audit.log_access): moving the generation there would empty the
# caches on every list a user opens.
IGNORED_MODELS = {"core.accesslog"}


def generation() -> int:
    value = cache.get(KEY)
    if value is None:
        # A new cache starts from the clock, so it never meets entries left from an older generation of the same number.
        cache.add(KEY, time.time_ns(), None)
        value = cache.get(KEY)
    return value


def records_changed() -> None:
    """Drop every value cached from the records (call after a write that sends no signals)."""
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (yet, or evicted): any new number is a new generation
        cache.set(KEY, time.time_ns(), None)


def bulk_written(rows: Iterable) -> None:
    """After ``bulk_create``, ``bulk_update`` or ``update()``, which send no signals: what a save's signals do. The
    cached counts and choices go, and ``rows_written`` lets monitoring mark the stored indicator values of the
    municipalities, institutions and years the rows touch. Pass the rows, or the record they belong to (a
    diagnosis for its answers, a submission for its needs)."""
    rows = list(rows)
    records_changed()
    transaction.on_commit(records_changed)
    if rows:
        rows_written.send(sender=None, rows=rows)


def municipalities_written(municipality_ids: Iterable[int]) -> None:
    """After a bulk write of these municipalities whose rows are not at hand: the cached values go, and
    ``municipalities_touched`` lets monitoring mark every stored value of theirs."""
    records_changed()
    ids = set(municipality_ids)
    if ids:
        municipalities_touched.send(sender=None, municipality_ids=ids)


def cached(key: str, compute: Callable[[], object], timeout: int = TIMEOUT):
    """Return ``compute()`` as cached for the current generation of the records under ``key``."""
    full = f"{key}:{generation()}"
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full, value, timeout)
    return value


def query_key(queryset) -> str:
    """A cache key naming a queryset's SQL and parameters (the user's scope is in them)."""
    sql, params = queryset.query.sql_with_params()
    return hashlib.blake2b(f"{queryset.db}:{sql}:{params!r}".encode(), digest_size=16).hexdigest()


def _feeds_pages(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in settings.DOMAIN_APPS
        and meta.label_lower not in IGNORED_MODELS
        and not model.__name__.startswith("Historical")
    )


def _changed(sender, raw=False, **kwargs) -> None:
    if raw or not _feeds_pages(sender):
        return
    records_changed()
    transaction.on_commit(records_changed)


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(type(instance))


def connect() -> None:
    from django.db.models.signals import m2m_changed
    from django.db.models.signals import post_delete
    from django.db.models.signals import post_save

    post_save.connect(_changed, dispatch_uid="core.freshness.save")
    post_delete.connect(_changed, dispatch_uid="core.freshness.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="core.freshness.m2m")
