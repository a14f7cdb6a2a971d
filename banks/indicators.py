"""Banks of pedagogical information (order item 3.5): what is published and what
the expert council recommended."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from banks.models import Item
from core.models import AcademicYear, scope_q
from monitoring.registry import Better, Direction, Unit, indicator

SOURCE = _("Banks of pedagogical information (banks app)")


def _published(scope, year: AcademicYear):
    return Item.objects.published().filter(scope_q(scope), published_on__gte=year.start, published_on__lte=year.end)


def _recommended(scope, year: AcademicYear):
    return Item.objects.published().filter(
        scope_q(scope), recommended_on__gte=year.start, recommended_on__lte=year.end
    )


def _by_institution(queryset) -> dict[int, int]:
    rows = queryset.values("institution_id").annotate(n=Count("pk")).order_by()
    return {row["institution_id"]: row["n"] for row in rows}


@indicator(
    "banks.items_published",
    direction=Direction.BANKS,
    title=_("Bank items published in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Items of the three banks published during the academic year (and still published), by institution"),
    source=SOURCE,
    key=True,
)
def items_published(scope, year: AcademicYear) -> int:
    return _published(scope, year).count()


@items_published.breakdown
def items_published_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    return _by_institution(_published(municipality, year))


@indicator(
    "banks.items_recommended",
    direction=Direction.BANKS,
    title=_("Bank items recommended by the expert council"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Published items whose expert review concluded «recommended» during the academic year"),
    source=SOURCE,
)
def items_recommended(scope, year: AcademicYear) -> int:
    return _recommended(scope, year).count()


@items_recommended.breakdown
def items_recommended_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    return _by_institution(_recommended(municipality, year))
