"""The expert community and methodical audit (order item 3.5, second): reviews
concluded, their timeliness, institutions audited."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear, scope_q
from expertise.models import RequestType, ReviewRequest
from monitoring.measures import Measure
from monitoring.registry import Better, Direction, Unit, declare

SOURCE = _("Review requests of the expert community (expertise app)")
ON_TIME = Q(deadline__isnull=False, concluded_on__lte=F("deadline"))


def _concluded(scope, year: AcademicYear):
    return ReviewRequest.objects.concluded_in(year).filter(scope_q(scope))


reviews_concluded = declare(
    "expertise.reviews_concluded",
    Measure(_concluded),
    direction=Direction.EXPERTISE,
    title=_("Expert reviews concluded in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Review requests of every type concluded during the academic year, by the author's institution"),
    source=SOURCE,
)


share_concluded_on_time = declare(
    "expertise.share_concluded_on_time",
    Measure(_concluded, matching=lambda year: ON_TIME),
    direction=Direction.EXPERTISE,
    title=_("Share of reviews concluded by the deadline"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Requests concluded in the year on or before their deadline ÷ requests concluded in the year"),
    source=SOURCE,
    key=True,
)


# A count of institutions, not broken down by institution.
institutions_audited = declare(
    "expertise.institutions_audited",
    Measure(lambda scope, year: _concluded(scope, year).filter(type=RequestType.AUDIT), counted="institution_id"),
    direction=Direction.EXPERTISE,
    title=_("Institutions that passed a methodical audit"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Distinct institutions with a methodical audit concluded during the academic year"),
    source=SOURCE,
    key=True,
    breakdown=False,
)
