"""Stored indicator values: read them, mark them stale when their records change, recompute them.

Pages and the API read ``read(scope, years)``: one query for the values and one for the pending marks, whatever
the size of the data. A save or delete of a record that feeds the indicators marks, once the transaction
commits, the stored values of the municipality (and the institution) and the academic years the record touches
as pending (``records_changed``), deduplicated by a unique (scope, year) row, and hands each newly pending
(municipality, year) to the worker (the Celery task ``monitoring.recompute_values`` → ``recompute``). Beat
refreshes everything nightly (``refresh_all``), ``manage.py monitoring_rebuild_values`` does it at once.

Without a broker (``CELERY_TASK_ALWAYS_EAGER``, the embedded SQLite mode) there is no worker to wait for: a
read that finds a (scope, year) missing or pending computes it in the request and stores it, as the portal
always did there.
"""

import copy
import datetime
import logging
import time
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from celery import current_app
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Max
from django.db.models import Q
from django.utils import timezone

from core import freshness
from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from monitoring.registry import registry
from monitoring.value_models import PendingRecomputation
from monitoring.value_models import StoredValues
from monitoring.value_models import scope_key_of

CHART_YEARS = 5  # how many academic years the dashboard's charts show (and the nightly refresh keeps fresh)
RECOMPUTE_TASK = "monitoring.recompute_values"

logger = logging.getLogger(__name__)
PARENT_DEPTH = 2  # how far up the foreign keys a record's municipality is looked for (attendance → meeting → …)


def worker_available() -> bool:
    """True when a broker is configured: recomputations go to the worker instead of the request."""
    return not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)


def scope_ids(scope) -> tuple[int, int | None]:
    if isinstance(scope, Institution):
        return scope.municipality_id, scope.pk
    return scope.pk, None


def _text(value) -> str | None:
    return None if value is None else str(value)


def _number(value):
    return None if value is None else Decimal(value)


@dataclass
class Entry:
    """The stored values of one (scope, year): ``values`` is None while they were never computed."""

    year_id: int
    values: dict | None = None
    breakdowns: dict | None = None
    computed_at: datetime.datetime | None = None
    pending: bool = False

    def value_map(self) -> dict:
        """``{code: Decimal | None}`` of every registered indicator (None where nothing is stored yet)."""
        stored = self.values or {}
        return {item.code: _number(stored.get(item.code)) for item in registry}

    def breakdown(self, code: str) -> dict[int, Decimal | None]:
        return {int(pk): _number(value) for pk, value in ((self.breakdowns or {}).get(code) or {}).items()}


@dataclass
class State:
    """What a page says about its values: when they were computed and whether a recomputation is queued."""

    computed_at: datetime.datetime | None
    pending: bool
    missing: bool
    entries: dict[int, Entry] = field(default_factory=dict)

    @property
    def stamp(self) -> str:
        """Changes whenever any of the values read changes (a key for cached renderings)."""
        return "-".join(
            f"{pk}.{entry.computed_at.timestamp() if entry.computed_at else 0:.3f}"
            for pk, entry in sorted(self.entries.items())
        )


def _complete(values: dict | None) -> bool:
    return values is not None and all(item.code in values for item in registry)


# --- computing ---------------------------------------------------------------------------------------------


def compute_values(scope, year: AcademicYear, *, on_computed=None) -> dict:
    values = {}
    for item in registry:
        values[item.code] = _text(item.compute(scope, year))
        if on_computed is not None:
            on_computed()
    return values


def compute_breakdowns(municipality: Municipality, year: AcademicYear) -> dict:
    return {
        item.code: {str(pk): _text(value) for pk, value in item.breakdown(municipality, year).items()}
        for item in registry
        if item.breakdown is not None
    }


def store(scope, year: AcademicYear, *, breakdowns: bool, values: dict | None = None) -> StoredValues:
    """Compute the scope's values (and a municipality's breakdowns) for the year and store them."""
    municipality_id, institution_id = scope_ids(scope)
    started = time.monotonic()
    computed_at = timezone.now()
    defaults = {
        "municipality_id": municipality_id,
        "institution_id": institution_id,
        "values": values if values is not None else compute_values(scope, year),
        "computed_at": computed_at,
    }
    if breakdowns and institution_id is None:
        defaults["breakdowns"] = compute_breakdowns(scope, year)
    defaults["duration_ms"] = int((time.monotonic() - started) * 1000)
    key = scope_key_of(municipality_id, institution_id)
    try:
        row, _created = StoredValues.objects.update_or_create(scope_key=key, year=year, defaults=defaults)
    except IntegrityError:  # two requests stored the same (scope, year) at once: the other one's row stays
        row = StoredValues.objects.get(scope_key=key, year=year)
    return row


def recompute(municipality_id: int, year_id: int) -> int:
    """The worker's job for one (municipality, year): its values and breakdowns, and the pending institutions'.

    Every pending mark is deleted only if it was not renewed meanwhile (a change during the computation keeps
    its mark and queues another run). Returns how many (scope, year) value sets were stored.
    """
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    year = AcademicYear.objects.filter(pk=year_id).first()
    if municipality is None or year is None:
        PendingRecomputation.objects.filter(municipality_id=municipality_id, year_id=year_id).delete()
        return 0
    marks = list(PendingRecomputation.objects.filter(municipality_id=municipality_id, year_id=year_id))
    store(municipality, year, breakdowns=True)
    count = 1
    institutions = Institution.objects.in_bulk([m.institution_id for m in marks if m.institution_id])
    for institution in institutions.values():
        store(institution, year, breakdowns=False)
        count += 1
    for mark in marks:
        PendingRecomputation.objects.filter(pk=mark.pk, requested_at=mark.requested_at).delete()
    if PendingRecomputation.objects.filter(municipality_id=municipality_id, year_id=year_id).exists():
        _enqueue({(municipality_id, year_id)})
    return count


# --- marking stale -----------------------------------------------------------------------------------------


def _enqueue(pairs) -> None:
    # By the task's name (monitoring.tasks registers it and imports this module), not by importing it back.
    task = current_app.tasks[RECOMPUTE_TASK]
    for municipality_id, year_id in sorted(pairs):
        transaction.on_commit(lambda m=municipality_id, y=year_id: task.delay(m, y))


def mark_pending(keys: set[tuple[int, int | None, int]]) -> int:
    """Mark (municipality, institution or None, year) as pending; hand new (municipality, year) to the worker."""
    if not keys:
        return 0
    now = timezone.now()
    pairs = {(m, y) for m, _i, y in keys}
    municipalities = {m for m, _y in pairs}
    years = {y for _m, y in pairs}
    queued = set(
        PendingRecomputation.objects.filter(municipality_id__in=municipalities, year_id__in=years)
        .values_list("municipality_id", "year_id")
        .distinct()
    )
    PendingRecomputation.objects.bulk_create(
        [
            PendingRecomputation(
                scope_key=scope_key_of(m, i), municipality_id=m, institution_id=i, year_id=y, requested_at=now
            )
            for m, i, y in sorted(keys, key=lambda k: (k[0], k[1] or 0, k[2]))
        ],
        update_conflicts=True,
        unique_fields=["scope_key", "year"],
        update_fields=["requested_at"],
    )
    if worker_available():
        _enqueue(pairs - queued)
    return len(keys)


def records_changed(municipality_ids=None, institution_ids=(), year_ids=None) -> int:
    """Mark the stored values a change touches as pending: of these municipalities (None: every one), of these
    institutions (None: all of theirs), for these years (None: every year stored). Only what is stored can go
    stale; what is not stored is computed when it is first read. Pages' cached counts and choices go too."""
    freshness.records_changed()
    rows = StoredValues.objects.all()
    if municipality_ids is not None:
        if not municipality_ids:
            return 0
        rows = rows.filter(municipality_id__in=municipality_ids)
        if institution_ids is not None:  # None: every institution of these municipalities
            rows = rows.filter(Q(institution__isnull=True) | Q(institution_id__in=list(institution_ids)))
    if year_ids is not None:
        rows = rows.filter(year_id__in=year_ids)
    keys = set(rows.values_list("municipality_id", "institution_id", "year_id"))
    return mark_pending(keys)


def refresh_all(*, years=None) -> int:
    """Nightly: mark every municipality's values of the given years (default: every stored year and the
    dashboard's default years) and every stored institution's as pending; the worker recomputes them."""
    if years is None:
        latest = AcademicYear.objects.order_by("-start_year").values_list("start_year", flat=True).first()
        years = list(
            AcademicYear.objects.filter(start_year__gt=(latest or 0) - CHART_YEARS - 1).values_list("pk", flat=True)
        )
        years = set(years) | set(StoredValues.objects.values_list("year_id", flat=True).distinct())
    keys = {(m, None, y) for m in Municipality.objects.values_list("pk", flat=True) for y in years}
    keys |= set(
        StoredValues.objects.filter(institution__isnull=False, year_id__in=years).values_list(
            "municipality_id", "institution_id", "year_id"
        )
    )
    return mark_pending(keys)


# --- reading -----------------------------------------------------------------------------------------------


def read(scope, years, *, breakdowns: bool = False) -> State:
    """Return the stored values of the scope for these years (two queries), computing in the request only
    when no worker exists; with a worker a missing (scope, year) is queued and reads as empty and pending."""
    municipality_id, institution_id = scope_ids(scope)
    key = scope_key_of(municipality_id, institution_id)
    years = [y for y in years if y is not None]
    by_pk = {y.pk: y for y in years}
    rows = {
        row.year_id: row
        for row in StoredValues.objects.filter(scope_key=key, year_id__in=by_pk).only(
            "year_id", "values", "computed_at", *(["breakdowns"] if breakdowns else [])
        )
    }
    pending = set(
        PendingRecomputation.objects.filter(scope_key=key, year_id__in=by_pk).values_list("year_id", flat=True)
    )
    entries = {}
    missing = set()
    for pk in by_pk:
        row = rows.get(pk)
        entry = Entry(year_id=pk, pending=pk in pending)
        if row is not None:
            entry.values, entry.computed_at = row.values, row.computed_at
            entry.breakdowns = row.breakdowns if breakdowns else None
        if not _complete(entry.values) or (breakdowns and institution_id is None and entry.breakdowns is None):
            missing.add(pk)
        entries[pk] = entry
    if worker_available():
        if missing:
            mark_pending({(municipality_id, institution_id, pk) for pk in missing})
            for pk in missing:
                entries[pk].pending = True
    else:
        for pk in sorted(missing | pending):
            row = store(scope, by_pk[pk], breakdowns=breakdowns)
            PendingRecomputation.objects.filter(scope_key=key, year_id=pk).delete()
            entries[pk] = Entry(pk, row.values, row.breakdowns, row.computed_at, pending=False)
    shown = [entries[pk] for pk in by_pk]
    times = [e.computed_at for e in shown if e.computed_at is not None]
    return State(
        computed_at=min(times) if times else None,
        pending=any(e.pending for e in shown),
        missing=any(not _complete(e.values) for e in shown),
        entries=entries,
    )


def last_computed(municipality_id: int) -> datetime.datetime | None:
    return StoredValues.objects.filter(municipality_id=municipality_id).aggregate(at=Max("computed_at"))["at"]


# --- which stored values a record touches --------------------------------------------------------------------


@dataclass
class Touch:
    municipalities: set = field(default_factory=set)
    institutions: set = field(default_factory=set)
    years: set = field(default_factory=set)
    everywhere: bool = False  # a directory record (a programme, a competency): every municipality
    every_year: bool = True

    def key(self) -> tuple:
        return (
            self.everywhere, self.every_year, frozenset(self.municipalities), frozenset(self.institutions),
            frozenset(self.years),
        )

    def merge(self, other: "Touch") -> None:
        self.municipalities |= other.municipalities
        self.institutions |= other.institutions
        self.years |= other.years
        self.everywhere = self.everywhere or other.everywhere
        self.every_year = self.every_year or other.every_year


def _relations(model):
    return [f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is not None]


def touched(instance, depth: int = 0) -> Touch:
    """The municipalities, institutions and years whose values a record feeds, from its own foreign keys and
    its parents' (a year when one of them names an academic year, else every year)."""
    touch = Touch()
    if isinstance(instance, Municipality):
        touch.municipalities.add(instance.pk)
        return touch
    if isinstance(instance, Institution):
        touch.municipalities.add(instance.municipality_id)
        touch.institutions.add(instance.pk)
        return touch
    if isinstance(instance, AcademicYear):
        touch.everywhere, touch.every_year = True, False
        touch.years.add(instance.pk)
        return touch
    if isinstance(instance, Pedagogue):
        touch.municipalities.add(instance.municipality_id)
        if instance.institution_id:
            touch.institutions.add(instance.institution_id)
        return touch
    year_found = parent_gone = False
    parents = []
    for f in _relations(type(instance)):
        value = getattr(instance, f.attname)
        if value is None:
            continue
        target = f.related_model
        if target is AcademicYear:
            touch.years.add(value)
            year_found = True
        elif target is Municipality:
            touch.municipalities.add(value)
        elif target is Institution:
            touch.institutions.add(value)
        elif target is Pedagogue or target._meta.app_label in settings.DOMAIN_APPS:
            parents.append(f)
    if touch.institutions:
        touch.municipalities |= set(
            Institution.objects.filter(pk__in=touch.institutions).values_list("municipality_id", flat=True)
        )
    for f in parents:
        if f.related_model is Pedagogue:
            if f.is_cached(instance):  # the importer or the form holds the pedagogue already
                cached = f.get_cached_value(instance)
                row = (cached.municipality_id, cached.institution_id)
            else:
                row = Pedagogue.objects.filter(pk=getattr(instance, f.attname)).values_list(
                    "municipality_id", "institution_id"
                ).first()
            if row:
                touch.municipalities.add(row[0])
                if row[1]:
                    touch.institutions.add(row[1])
        elif depth < PARENT_DEPTH and (not touch.municipalities or not year_found):
            try:
                parent = getattr(instance, f.name, None)
            except ObjectDoesNotExist:  # deleted in the same cascade: its own signal marks its scope
                parent_gone = True
                parent = None
            if parent is not None:
                above = touched(parent, depth + 1)
                touch.municipalities |= above.municipalities
                touch.institutions |= above.institutions
                if above.years and not above.every_year:
                    touch.years |= above.years
                    year_found = True
    touch.every_year = not year_found
    touch.everywhere = not touch.municipalities and not parent_gone
    return touch


def before_save(instance, update_fields=None) -> Touch | None:
    """What the stored version of a record touches (a record moved to another school or year touches both)."""
    if instance._state.adding or instance.pk is None:
        return None
    names = [f.attname for f in _relations(type(instance))]
    if update_fields is not None:  # save(update_fields=[...]): only those can have moved
        names = [name for name in names if name in update_fields or name.removesuffix("_id") in update_fields]
    if not names:
        return None
    row = type(instance)._base_manager.filter(pk=instance.pk).values(*names).first()
    if row is None or all(getattr(instance, name) == value for name, value in row.items()):
        return None
    old = copy.copy(instance)
    old._state = copy.copy(instance._state)
    old._state.fields_cache = {}
    for name, value in row.items():
        setattr(old, name, value)
    return touched(old)


def apply(touch: Touch) -> int:
    return records_changed(
        None if touch.everywhere else touch.municipalities,
        touch.institutions,
        None if touch.every_year else touch.years,
    )
