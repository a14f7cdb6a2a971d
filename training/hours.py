"""Automatic posting to the hour account (the ``HourEntry`` ledger).

An activity that carries hours (a School of the Young Teacher session attended, an association
seminar that counts toward PD, a finished mentoring pair) posts one ledger line per attendance or
participant row: the row is the line's ``source``, so posting again rewrites the same line
(idempotent — the ledger is unique on the source) and deleting the row or unmarking it withdraws
the line. Apps register how to link a source back to the activity with ``register_source``.
"""

import datetime
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db import transaction

from core import freshness
from training.models import HourEntry

_LINKS: dict[type[models.Model], Callable[[list[int], object], dict[int, str]]] = {}


@dataclass(frozen=True)
class Posting:
    """The ledger line a source should have (``hours`` > 0)."""

    source_id: int
    pedagogue_id: int
    date: datetime.date
    hours: Decimal
    kind: str
    title: str


def register_source(model: type[models.Model], urls: Callable[[list[int], object], dict[int, str]]) -> None:
    """Say how ledger lines whose source is a ``model`` row link back to their activity:
    ``urls(source ids, user)`` returns {source id: address} in one query, only for activities
    the user may open (no link that ends in a 404)."""
    _LINKS[model] = urls


def source_urls(entries: Iterable[HourEntry], user) -> dict[int, str]:
    """Return {ledger line id: address of its activity} with one query per kind of source."""
    by_type: dict[int, list[HourEntry]] = {}
    for entry in entries:
        by_type.setdefault(entry.source_type_id, []).append(entry)
    result: dict[int, str] = {}
    for type_id, lines in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        resolve = _LINKS.get(model)
        if resolve is None:
            continue
        urls = resolve([line.source_id for line in lines], user)
        result.update((line.pk, urls[line.source_id]) for line in lines if line.source_id in urls)
    return result


@transaction.atomic
def sync(*, model: type[models.Model], source_ids: Iterable[int], postings: Iterable[Posting]) -> None:
    """Make the ledger lines of the given sources exactly ``postings``.

    Sources among ``source_ids`` without a posting lose their line; the others get it created
    or rewritten. A few queries whatever the number of rows.
    """
    source_type = ContentType.objects.get_for_model(model)
    wanted = {p.source_id: p for p in postings if p.hours and p.hours > 0}
    ids = sorted(set(source_ids) | set(wanted))
    existing = {}
    for chunk in _chunks(ids):
        existing.update((e.source_id, e) for e in HourEntry.objects.filter(source_type=source_type,
                                                                            source_id__in=chunk))
    stale = [pk for pk in existing if pk not in wanted]
    for chunk in _chunks(stale):
        HourEntry.objects.filter(source_type=source_type, source_id__in=chunk).delete()
    to_create, to_update = [], []
    for source_id, posting in wanted.items():
        values = {"pedagogue_id": posting.pedagogue_id, "date": posting.date, "hours": posting.hours,
                  "kind": posting.kind, "title": posting.title[:300]}
        entry = existing.get(source_id)
        if entry is None:
            to_create.append(HourEntry(source_type=source_type, source_id=source_id, **values))
        elif any(getattr(entry, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(entry, key, value)
            to_update.append(entry)
    HourEntry.objects.bulk_create(to_create, batch_size=2000)
    HourEntry.objects.bulk_update(to_update, ["pedagogue_id", "date", "hours", "kind", "title"], batch_size=2000)
    freshness.bulk_written([*to_create, *to_update])  # bulk writes send no signals: the hours feed indicators


def _chunks(items: list, size: int = 5000):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def withdraw(*, model: type[models.Model], source_ids: Iterable[int]) -> int:
    """Remove the ledger lines of the given sources; return how many were removed."""
    source_type = ContentType.objects.get_for_model(model)
    deleted, _ = HourEntry.objects.filter(source_type=source_type, source_id__in=list(source_ids)).delete()
    return deleted
