"""Banks of pedagogical information (order item 3.5): what is published and what
the expert council recommended."""

from django.utils.translation import gettext_lazy as _

from banks.models import Item
from core.models import AcademicYear, scope_q
from monitoring.measures import Measure
from monitoring.registry import Better, Direction, Unit, declare

SOURCE = _("Banks of pedagogical information (banks app)")


def _published(scope, year: AcademicYear):
    return Item.objects.published().filter(scope_q(scope), published_on__gte=year.start, published_on__lte=year.end)


def _recommended(scope, year: AcademicYear):
    return Item.objects.published().filter(
        scope_q(scope), recommended_on__gte=year.start, recommended_on__lte=year.end
    )


items_published = declare(
    "banks.items_published",
    Measure(_published),
    direction=Direction.BANKS,
    title=_("Bank items published in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Items of the three banks published during the academic year (and still published), by institution"),
    source=SOURCE,
    key=True,
)


items_recommended = declare(
    "banks.items_recommended",
    Measure(_recommended),
    direction=Direction.BANKS,
    title=_("Bank items recommended by the expert council"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Published items whose expert review concluded «recommended» during the academic year"),
    source=SOURCE,
)
