"""The dashboard's rendered body, kept in the cache and, behind it, in the database (issue 18: a cold dashboard
at most twice a warm one).

``cached_fragment(key, build, stamp=...)`` returns the HTML ``build()`` renders. The cache holds it under the version
the signals move (``computation.invalidate_values``: directions, passports, targets) and the values' ``stamp``. When
the cache has lost it (emptied, evicted, a restarted Redis, another node), ``RenderedDashboard`` still has the last
rendering of the key: it is used when its ``version`` is the current one, a digest of

- the stored values' stamp (``monitoring.stored.State.stamp``: when each value shown was computed);
- the latest change of what rates and accompanies them: the last history row of directions, passports, targets,
  orders, their measures and tasks (every save and delete writes one; read in the same query as the row);
- the code that renders it: the registry's indicators and the contents of monitoring's modules and templates, every
  app's ``indicators.py`` and the translation catalogues (read once per process).

A body is rendered again only when one of them moved. Writes that skip the history (``bulk_create``, ``update()``)
of those models call ``forget()`` (the demo does).
"""

import functools
import hashlib
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db import router
from django.utils import timezone

from monitoring.computation import CACHE_SECONDS
from monitoring.computation import VERSION_KEY
from monitoring.models import Assignment
from monitoring.models import Direction
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import Recommendation
from monitoring.models import Target
from monitoring.registry import registry
from monitoring.value_models import RenderedDashboard

# Whose history rows date a rendering: what rates the values, and the previous order with its measures and tasks.
RATED_BY = (Direction, IndicatorPassport, Target, Order, Recommendation, Assignment)
CODE_FILES = (
    "monitoring/**/*.py",
    "monitoring/templates/**/*.html",
    "*/indicators.py",
    "*/measures.py",
    "locale/*/LC_MESSAGES/django.mo",
    "*/locale/*/LC_MESSAGES/django.mo",
)


def cached_fragment(key: str, build, *, stamp: str = "") -> str:
    """Return the HTML ``build()`` renders for ``key`` (scope, year, language…) and the values' ``stamp``: from the
    cache, else from the database's last rendering when nothing it came from moved, else rendered and kept."""
    if not CACHE_SECONDS:
        return build()
    version = cache.get_or_set(VERSION_KEY, 1, None)
    full_key = f"monitoring:fragment:{version}:{len(registry)}:{key}:{stamp}"
    html = cache.get(full_key)
    if html is None:
        html = kept(key, build, stamp=stamp)
        cache.set(full_key, html, CACHE_SECONDS)
    return html


@functools.cache
def _read_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    latest = ", ".join(
        f"(SELECT MAX(history_id) FROM {quote(model.history.model._meta.db_table)})" for model in RATED_BY
    )
    return (
        f"SELECT kept.version, kept.html, {latest} FROM (SELECT 1 AS one) AS anchor "
        f"LEFT JOIN {quote(RenderedDashboard._meta.db_table)} AS kept ON kept.{quote('key')} = %s"
    )


def _read(key: str) -> tuple[str | None, bytes | None, list]:
    """The kept rendering of ``key`` (version and HTML, or None) and the last history id of each of ``RATED_BY``,
    in one query whether the row exists or not."""
    alias = router.db_for_read(RenderedDashboard)
    with connections[alias].cursor() as cursor:
        cursor.execute(_read_sql(alias), [key])
        version, html, *changes = cursor.fetchone()
    return version, html, changes


@functools.cache
def code_version() -> str:
    """A digest of the files a rendering depends on besides the data (a deploy or an edit changes it)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted({p for pattern in CODE_FILES for p in root.glob(pattern)}):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(stamp: str, changes: list) -> str:
    registered = ",".join(f"{item.code}:{item.direction}:{item.unit}:{item.per_institution}" for item in registry)
    text = "|".join([stamp, code_version(), registered, *map(str, changes)])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def kept(key: str, build, *, stamp: str = "") -> str:
    """Return the kept rendering of ``key`` if still current (one query), else render, keep and return it."""
    version, html, changes = _read(key)
    current = _version(stamp, changes)
    if version == current:
        return zlib.decompress(html).decode()
    html = build()
    RenderedDashboard.objects.bulk_create(
        [RenderedDashboard(key=key, version=current, html=zlib.compress(html.encode(), 1), rendered_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["version", "html", "rendered_at"],
    )
    return html


def forget() -> None:
    """Drop every kept rendering (after a write of directions, passports, targets or orders that skips history).

    Without signals, as the rows are written: a delete through the ORM would move the generation of every page's
    cached counts (``core.freshness``), which the renderings are derived from, not part of."""
    connection = connections[router.db_for_write(RenderedDashboard)]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(RenderedDashboard._meta.db_table)}")  # noqa: S608
