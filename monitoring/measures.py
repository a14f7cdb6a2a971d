"""Shared measures for apps' indicators: the share of the staff of the year that meets a condition.

"The staff of the year" of a scope (a municipality or one institution) are the pedagogues employed there
during the academic year (``core.models.employed_during_q``) in a pedagogical position (``Position.is_pedagogical``:
directors and deputies are managers, counted apart); a municipality's scope is its own institutions
(``core.models.own_institutions_q``: the municipal ones by default). Both functions count distinct pedagogues from
the employment records of the scope, in one query: the planner walks the scope's jobs only, instead of testing
every pedagogue of the region for a job in the scope.

A condition is a ``Condition``: given the lookup prefix to the pedagogue (``"pedagogue__"``) and the
``OuterRef`` name of the pedagogue's id (``"pedagogue"``), it returns a ``Q``. Build one with
``on_pedagogue(Q(...))`` (a condition on the pedagogue's own fields), ``pedagogue_in(ids)`` (a subquery of
pedagogue ids) or ``exists_for(rows)`` (rows of a model with a ``pedagogue`` foreign key).
"""

from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from core.models import (
    AcademicYear,
    Employment,
    employed_during_q,
    own_institutions_q,
    pedagogical_q,
    scope_q,
)
from monitoring.registry import share, shares

Condition = Callable[[str, str], Q]


def prefixed(condition: Q, prefix: str) -> Q:
    """Return the Q with every lookup moved under a relation prefix."""
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    for child in condition.children:
        clone.children.append(prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1]))
    return clone


def on_pedagogue(condition: Q) -> Condition:
    """A condition on the pedagogue's own fields, e.g. ``Q(category__in=...)``."""
    return lambda prefix, outer: prefixed(condition, prefix)


def pedagogue_in(pedagogue_ids) -> Condition:
    """The pedagogue's id is in a subquery (``.values("pedagogue_id")``) or a list."""
    return lambda prefix, outer: Q(**{f"{prefix}pk__in": pedagogue_ids})


def exists_for(rows) -> Condition:
    """Some of the rows (a QuerySet of a model with a ``pedagogue`` foreign key) belong to the pedagogue."""
    return lambda prefix, outer: Q(Exists(rows.filter(pedagogue=OuterRef(outer))))


def staff_share(scope, year: AcademicYear, matching: Condition, among: Condition | None = None) -> Decimal | None:
    """Pedagogues of the scope's staff of the year who match ÷ the staff (or only those ``among``)."""
    rows = Employment.objects.filter(employed_during_q(year), pedagogical_q(), scope_q(scope))
    if among is not None:
        rows = rows.filter(among("pedagogue__", "pedagogue"))
    counts = rows.aggregate(
        total=Count("pedagogue", distinct=True),
        matching=Count("pedagogue", distinct=True, filter=matching("pedagogue__", "pedagogue")),
    )
    return share(counts["matching"], counts["total"])


def staff_share_by_institution(
    municipality, year: AcademicYear, matching: Condition, among: Condition | None = None
) -> dict:
    """``staff_share`` for every institution of the municipality; a pedagogue working in two counts in both."""
    rows = Employment.objects.filter(
        employed_during_q(year), pedagogical_q(), own_institutions_q(municipality, "institution__")
    )
    if among is not None:
        rows = rows.filter(among("pedagogue__", "pedagogue"))
    rows = rows.values("institution_id").annotate(
        total=Count("pedagogue", distinct=True),
        matching=Count("pedagogue", distinct=True, filter=matching("pedagogue__", "pedagogue")),
    )
    return shares({row["institution_id"]: (row["matching"], row["total"]) for row in rows})
