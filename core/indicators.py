"""Core indicators: the age and qualification structure of the staff."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.models import FIRST_OR_HIGHEST, AcademicYear, Employment, Pedagogue, employed_during_q, years_before
from monitoring.registry import Better, Direction, Unit, indicator, share, shares


def _staff_counts(scope, year: AcademicYear, condition: Q) -> Decimal | None:
    counts = Pedagogue.objects.employed_during(year, scope).aggregate(
        total=Count("pk"), matching=Count("pk", filter=condition)
    )
    return share(counts["matching"], counts["total"])


def _staff_counts_by_institution(municipality, year: AcademicYear, condition: Q) -> dict:
    # A pedagogue working in two institutions during the year counts in both.
    rows = (
        Employment.objects.filter(employed_during_q(year), institution__municipality=municipality)
        .values("institution_id")
        .annotate(
            total=Count("pedagogue", distinct=True),
            matching=Count("pedagogue", distinct=True, filter=_prefixed(condition, "pedagogue__")),
        )
    )
    return shares({row["institution_id"]: (row["matching"], row["total"]) for row in rows})


def _prefixed(condition: Q, prefix: str) -> Q:
    """Return the Q with every lookup moved under a relation prefix."""
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            clone.children.append(_prefixed(child, prefix))
        else:
            clone.children.append((prefix + child[0], child[1]))
    return clone


def _under_35(year: AcademicYear) -> Q:
    # Age is taken on 1 September, the start of the academic year.
    return Q(birth_date__gt=years_before(year.start, 35))


def _first_or_highest() -> Q:
    return Q(category__in=FIRST_OR_HIGHEST)


@indicator(
    "core.share_under_35",
    direction=Direction.MENTORING,
    title=_("Share of pedagogues under 35"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Pedagogues younger than 35 on 1 September ÷ pedagogues employed during the year"),
    source=_("Pedagogue directory and employment history"),
)
def share_under_35(scope, year: AcademicYear) -> Decimal | None:
    return _staff_counts(scope, year, _under_35(year))


@share_under_35.breakdown
def share_under_35_by_institution(municipality, year: AcademicYear) -> dict:
    return _staff_counts_by_institution(municipality, year, _under_35(year))


@indicator(
    "core.share_first_or_highest_category",
    direction=Direction.TRAINING,
    title=_("Share of pedagogues with the first or highest category"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Pedagogues with the first, highest or a higher category ÷ pedagogues employed during the year"),
    source=_("Pedagogue directory (current category)"),
)
def share_first_or_highest_category(scope, year: AcademicYear) -> Decimal | None:
    return _staff_counts(scope, year, _first_or_highest())


@share_first_or_highest_category.breakdown
def share_first_or_highest_category_by_institution(municipality, year: AcademicYear) -> dict:
    return _staff_counts_by_institution(municipality, year, _first_or_highest())
