"""Banks of pedagogical information (order item 3.5): what is published and what
the expert council recommended."""

from django.utils.translation import gettext_lazy as _

from banks.models import Item
from monitoring.measures import records
from monitoring.registry import Direction
from monitoring.registry import declare

SOURCE = _("Banks of pedagogical information (banks app)")


items_published = declare(
    "banks.items_published",
    records(Item.objects.published(), "published_on"),
    direction=Direction.BANKS,
    title=_("Bank items published in the year"),
    rule=_("Items of the three banks published during the academic year (and still published), by institution"),
    source=SOURCE,
    key=True,
)


items_recommended = declare(
    "banks.items_recommended",
    records(Item.objects.published(), "recommended_on"),
    direction=Direction.BANKS,
    title=_("Bank items recommended by the expert council"),
    rule=_("Published items whose expert review concluded «recommended» during the academic year"),
    source=SOURCE,
)
