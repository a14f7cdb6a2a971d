"""The expert community and methodical audit (order item 3.5, second): reviews
concluded, their timeliness, institutions audited."""

from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear, scope_q
from expertise.models import RequestType, ReviewRequest
from monitoring.registry import Better, Direction, Unit, indicator, share, shares

SOURCE = _("Review requests of the expert community (expertise app)")
ON_TIME = Q(deadline__isnull=False, concluded_on__lte=F("deadline"))


def _concluded(scope, year: AcademicYear):
    return ReviewRequest.objects.concluded_in(year).filter(scope_q(scope))


@indicator(
    "expertise.reviews_concluded",
    direction=Direction.EXPERTISE,
    title=_("Expert reviews concluded in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Review requests of every type concluded during the academic year, by the author's institution"),
    source=SOURCE,
)
def reviews_concluded(scope, year: AcademicYear) -> int:
    return _concluded(scope, year).count()


@reviews_concluded.breakdown
def reviews_concluded_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    rows = _concluded(municipality, year).values("institution_id").annotate(n=Count("pk")).order_by()
    return {row["institution_id"]: row["n"] for row in rows}


@indicator(
    "expertise.share_concluded_on_time",
    direction=Direction.EXPERTISE,
    title=_("Share of reviews concluded by the deadline"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Requests concluded in the year on or before their deadline ÷ requests concluded in the year"),
    source=SOURCE,
    key=True,
)
def share_concluded_on_time(scope, year: AcademicYear) -> Decimal | None:
    counts = _concluded(scope, year).aggregate(total=Count("pk"), on_time=Count("pk", filter=ON_TIME))
    return share(counts["on_time"], counts["total"])


@share_concluded_on_time.breakdown
def share_concluded_on_time_by_institution(municipality, year: AcademicYear) -> dict:
    rows = (
        _concluded(municipality, year)
        .values("institution_id")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=ON_TIME))
        .order_by()
    )
    return shares({row["institution_id"]: (row["on_time"], row["total"]) for row in rows})


@indicator(
    "expertise.institutions_audited",
    direction=Direction.EXPERTISE,
    title=_("Institutions that passed a methodical audit"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Distinct institutions with a methodical audit concluded during the academic year"),
    source=SOURCE,
    key=True,
)
def institutions_audited(scope, year: AcademicYear) -> int:
    return _concluded(scope, year).filter(type=RequestType.AUDIT).values("institution_id").distinct().count()
