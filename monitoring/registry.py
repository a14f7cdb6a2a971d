"""The indicator protocol: apps declare indicators in ``<app>/indicators.py``,
monitoring discovers them and turns their values into ratings and documents.

An indicator computes its value for a scope (a Municipality or an Institution)
and an AcademicYear in the database, in a number of queries that does not grow
with the data. ``breakdown`` optionally returns the value per institution of a
municipality (``{institution_id: value}``), also in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

Scope = Any  # core.models.Municipality | core.models.Institution
Value = Decimal | int | None


class Direction(models.TextChoices):
    """The ten monitored directions of the source order; the codes are fixed."""

    TRAINING = "training", _("Professional development, incl. at the regional centre (CNPPM)")
    ASSOCIATIONS = "associations", _("City methodical associations")
    COMMUNITIES = "communities", _("Professional communities and creative groups")
    YOUNG_TEACHER_SCHOOL = "young_teacher_school", _("School of the Young Teacher")
    COMPETITIONS = "competitions", _("Professional-skill competitions")
    INNOVATION = "innovation", _("Innovation activity")
    MENTORING = "mentoring", _("Mentoring of young specialists")
    EXPERTISE = "expertise", _("Expert community and methodical audit")
    BANKS = "banks", _("Banks of pedagogical information")
    STAFFING = "staffing", _("Staffing needs of institutions")


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    SHARE = "share", _("share, %")
    HOURS = "hours", _("hours")
    RATIO = "ratio", _("ratio")


class Better(models.TextChoices):
    UP = "up", _("higher is better")
    DOWN = "down", _("lower is better")


@dataclass(frozen=True)
class Indicator:
    code: str
    direction: str
    title: str
    compute: Callable[[Scope, Any], Value]
    unit: str = Unit.COUNT
    better: str = Better.UP
    rule: str = ""  # the calculation rule in words (numerator / denominator)
    source: str = ""  # where the data comes from
    breakdown: Callable[[Scope, Any], dict[int, Value]] | None = None
    key: bool = False  # a key indicator of its direction by default
    # Optional ``records_url(institution, year) -> str``: where the records behind a value are listed.
    records_url: Callable[[Any, Any], str] | None = None

    def __post_init__(self) -> None:
        if self.direction not in Direction.values:
            raise ImproperlyConfigured(
                f"Indicator {self.code!r} names an unknown direction {self.direction!r}"
            )
        if "." not in self.code:
            raise ImproperlyConfigured(f"Indicator code {self.code!r} must be '<app>.<snake_case>'")


class Registry:
    def __init__(self) -> None:
        self._items: dict[str, Indicator] = {}

    def register(self, item: Indicator) -> None:
        if item.code in self._items:
            raise ImproperlyConfigured(f"Indicator {item.code!r} is registered twice")
        self._items[item.code] = item

    def unregister(self, code: str) -> None:
        """Remove an indicator (tests register temporary ones)."""
        self._items.pop(code, None)

    def set_breakdown(self, code: str, func: Callable) -> None:
        self._items[code] = replace(self._items[code], breakdown=func)

    def set_records_url(self, code: str, func: Callable) -> None:
        self._items[code] = replace(self._items[code], records_url=func)

    def get(self, code: str) -> Indicator:
        return self._items[code]

    def __contains__(self, code: str) -> bool:
        return code in self._items

    def __iter__(self):
        return iter(
            sorted(self._items.values(), key=lambda item: (Direction.values.index(item.direction), item.code))
        )

    def __len__(self) -> int:
        return len(self._items)

    def for_direction(self, direction: str) -> list[Indicator]:
        return [item for item in self if item.direction == direction]


registry = Registry()


def indicator(code: str, *, direction: str, title: str, **meta):
    """Register the decorated ``compute(scope, year)`` function as an indicator.

    The returned function gains ``.breakdown`` to register its per-institution breakdown::

        @indicator("core.share_under_35", direction="mentoring", title=_("..."), unit="share")
        def share_under_35(scope, year): ...

        @share_under_35.breakdown
        def share_under_35_by_institution(municipality, year): ...

        @share_under_35.records
        def share_under_35_records(institution, year) -> str:  # the list of the records behind a value
            return reverse("core:pedagogue-list") + f"?institution={institution.pk}"
    """

    def decorate(func):
        registry.register(Indicator(code=code, direction=direction, title=title, compute=func, **meta))

        def add_breakdown(breakdown_func):
            registry.set_breakdown(code, breakdown_func)
            return breakdown_func

        def add_records_url(records_func):
            registry.set_records_url(code, records_func)
            return records_func

        func.code = code
        func.breakdown = add_breakdown
        func.records = add_records_url
        return func

    return decorate


SHARE_PLACES = Decimal("0.0001")


def share(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """Return numerator ÷ denominator rounded to 4 places, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator or 0) / Decimal(denominator)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def shares(counts: dict[int, tuple[int, int]]) -> dict[int, Decimal | None]:
    """Turn ``{institution_id: (numerator, denominator)}`` into ``{institution_id: share}``."""
    return {key: share(num, den) for key, (num, den) in counts.items()}
