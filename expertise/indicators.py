"""The expert community and methodical audit (order item 3.5, second): reviews
concluded, their timeliness, institutions audited."""

from django.db.models import F
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from expertise.models import RequestType
from expertise.models import ReviewRequest
from monitoring.measures import records
from monitoring.registry import Direction
from monitoring.registry import declare

SOURCE = _("Review requests of the expert community (expertise app)")
ON_TIME = Q(deadline__isnull=False, concluded_on__lte=F("deadline"))


reviews_concluded = declare(
    "expertise.reviews_concluded",
    records(ReviewRequest.objects.concluded_in),
    direction=Direction.EXPERTISE,
    title=_("Expert reviews concluded in the year"),
    rule=_("Review requests of every type concluded during the academic year, by the author's institution"),
    source=SOURCE,
)


share_concluded_on_time = declare(
    "expertise.share_concluded_on_time",
    records(ReviewRequest.objects.concluded_in, matching=lambda year: ON_TIME),
    direction=Direction.EXPERTISE,
    title=_("Share of reviews concluded by the deadline"),
    rule=_("Requests concluded in the year on or before their deadline ÷ requests concluded in the year"),
    source=SOURCE,
    key=True,
)


# A count of institutions, not broken down by institution.
institutions_audited = declare(
    "expertise.institutions_audited",
    records(ReviewRequest.objects.filter(type=RequestType.AUDIT).concluded_in, counted="institution_id"),
    direction=Direction.EXPERTISE,
    title=_("Institutions that passed a methodical audit"),
    rule=_("Distinct institutions with a methodical audit concluded during the academic year"),
    source=SOURCE,
    key=True,
    breakdown=False,
)
