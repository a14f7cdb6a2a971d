"""The indicator protocol: apps declare indicators in ``<app>/indicators.py``,
monitoring discovers them and turns their values into ratings and documents.

An indicator computes its value for a scope (a Municipality or an Institution)
and an AcademicYear in the database, in a number of queries that does not grow
with the data. ``breakdown`` optionally returns the value per institution of a
municipality (``{institution_id: value}``), also in a fixed number of queries.

A count or share of a population is declared once with ``declare(code, measure, ...)``
(``monitoring.measures.Measure``: the population's rows, what is counted, the numerator's
condition) and the registry derives both its value and its breakdown from it; other
indicators are functions registered with the ``@indicator`` decorator.
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace
from decimal import ROUND_HALF_UP
from decimal import Decimal
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


# The directions' place in the order above (``Direction.values`` builds a new list on every call).
DIRECTION_ORDER = {code: place for place, code in enumerate(Direction.values)}


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
    # The declaration the value and breakdown are derived from (``declare``), if any.
    measure: Any = None
    # Whether one institution has a value of its own, shown on its panel and rated against the target. False for
    # a figure about institutions (a share or count of them: one institution's would be 0 or 1), which ``declare``
    # derives from its measure, and for a municipal-only figure (say so with ``per_institution=False``).
    per_institution: bool = True

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
        return iter(sorted(self._items.values(), key=lambda item: (DIRECTION_ORDER[item.direction], item.code)))

    def __len__(self) -> int:
        return len(self._items)

    def for_direction(self, direction: str) -> list[Indicator]:
        return [item for item in self if item.direction == direction]

    def for_scope(self, scope) -> list[Indicator]:
        """The indicators that mean something for the scope: all for a municipality, for an institution those with
        a value of its own (``per_institution``)."""
        from core.models import Institution

        return [item for item in self if item.per_institution or not isinstance(scope, Institution)]


registry = Registry()


def _handle(code: str, func):
    """Give a registered value function ``.code``, ``.breakdown`` (register a breakdown) and ``.records``."""

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


def indicator(code: str, *, direction: str, title: str, **meta):
    """Register the decorated ``compute(scope, year)`` function as an indicator.

    The returned function gains ``.breakdown`` to register its per-institution breakdown::

        @indicator("mentoring.pairs_active", direction="mentoring", title=_("..."))
        def pairs_active(scope, year): ...

        @pairs_active.breakdown
        def pairs_active_by_institution(municipality, year): ...

        @pairs_active.records
        def pairs_active_records(institution, year) -> str:  # the list of the records behind a value
            return reverse("mentoring:pair-list") + f"?institution={institution.pk}"

    A count or share of a population is better declared with ``declare``.
    """

    def decorate(func):
        registry.register(Indicator(code=code, direction=direction, title=title, compute=func, **meta))
        return _handle(code, func)

    return decorate


def declare(code: str, measure, *, direction: str, title: str, breakdown: bool = True, municipal=None, **meta):
    """Register an indicator declared as a measure (``monitoring.measures.Measure``)::

        share_with_route = declare(
            "training.share_with_route",
            staff_share(lambda year: exists_for(Route.objects.filter(year=year))),
            direction=Direction.TRAINING, title=_("..."), rule=_("..."),
        )

    The value is ``measure.value`` and the breakdown ``measure.by_institution`` (unless ``breakdown=False``), both
    derived from the one declaration; the unit is a share for a measure with a condition, a count otherwise (say
    another unit only for what is neither).

    ``municipal`` is the municipality's own measure when its value is not the measure over its institutions' rows:
    the city counts its own associations, an institution (and a row of the breakdown) those its staff is a member
    of. Such an indicator is not a measure of one population (``Indicator.measure`` stays None): its rows do not
    add up to the value. Returns the value function, with ``.by_institution`` and ``.records``.
    """
    unit = meta.setdefault("unit", Unit.SHARE if measure.is_share else Unit.COUNT)
    if (unit == Unit.SHARE) != measure.is_share:
        raise ImproperlyConfigured(
            f"Indicator {code!r}: a share needs a measure with a condition, a count one without (unit {unit!r})"
        )

    def compute(scope, year):
        from core.models import Institution

        own = measure if municipal is None or isinstance(scope, Institution) else municipal
        return own.value(scope, year)

    compute.__name__ = compute.__qualname__ = code.split(".", 1)[1]
    meta.setdefault("per_institution", not measure.counts_institutions)
    by_institution = measure.by_institution if breakdown else None
    registry.register(Indicator(code=code, direction=direction, title=title, compute=compute,
                                breakdown=by_institution, measure=measure if municipal is None else None, **meta))
    compute.by_institution = by_institution
    return _handle(code, compute)


SHARE_PLACES = Decimal("0.0001")


def share(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """Return numerator ÷ denominator rounded to 4 places, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator or 0) / Decimal(denominator)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
