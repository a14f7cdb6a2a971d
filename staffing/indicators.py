"""Staffing indicators. The campaign of a year is the municipality's last campaign
(by the "as of" date) held for that academic year."""

from decimal import Decimal

from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Sum
from django.db.models import Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear
from core.models import Institution
from monitoring.measures import Measure
from monitoring.registry import Better
from monitoring.registry import Direction
from monitoring.registry import Unit
from monitoring.registry import declare
from monitoring.registry import indicator
from monitoring.registry import share
from staffing.models import Campaign
from staffing.models import Submission
from staffing.summary import counted_needs
from staffing.summary import rates
from staffing.summary import staff_jobs


def campaign_of(scope, year: AcademicYear) -> Campaign | None:
    municipality_id = scope.municipality_id if isinstance(scope, Institution) else scope.pk
    return (
        Campaign.objects.filter(municipality_id=municipality_id, year=year).select_related("municipality")
        .order_by("-as_of", "-pk").first()
    )


def _required(campaign: Campaign, scope):
    institutions = campaign.required_institutions()
    if isinstance(scope, Institution):
        institutions = institutions.filter(pk=scope.pk)
    return institutions


def _posts(campaign: Campaign, scope) -> Decimal:
    needs = counted_needs(campaign).filter(submission__institution__in=_required(campaign, scope).values("pk"))
    return rates(needs.aggregate(posts=Sum("posts"))["posts"])


def _asking(scope, year: AcademicYear) -> Campaign | None:
    """The year's last campaign, unless there is none or the scope is an institution it does not require (the
    value is then None)."""
    campaign = campaign_of(scope, year)
    if campaign is None or (isinstance(scope, Institution) and not campaign.requires(scope)):
        return None
    return campaign


def _vacant_rates(municipality, year: AcademicYear) -> tuple[Campaign | None, dict]:
    """The year's last campaign and ``{institution_id: vacant rates}`` for the institutions it requires."""
    campaign = campaign_of(municipality, year)
    if campaign is None:
        return None, {}
    posts = dict(counted_needs(campaign).values_list("submission__institution_id").annotate(Sum("posts")))
    return campaign, {pk: rates(posts.get(pk)) for pk in campaign.required_institutions().values_list("pk", flat=True)}


@indicator(
    "staffing.vacant_posts",
    direction=Direction.STAFFING,
    title=_("Vacant posts (rates) stated by institutions"),
    unit=Unit.COUNT,
    better=Better.DOWN,
    rule=_("Sum of the rates needed in the submitted and accepted submissions of the year's last campaign "
           "(weekly hours ÷ the position's norm hours per rate)"),
    source=_("Staffing-needs campaigns: institutions' submissions"),
)
def vacant_posts(scope, year: AcademicYear) -> Decimal | None:
    campaign = _asking(scope, year)
    return None if campaign is None else _posts(campaign, scope)


@vacant_posts.breakdown
def vacant_posts_by_institution(municipality, year: AcademicYear) -> dict:
    return _vacant_rates(municipality, year)[1]


@vacant_posts.records
def vacant_posts_records(institution, year: AcademicYear) -> str:
    campaign = campaign_of(institution, year)
    if campaign is None:
        return ""
    return reverse("staffing:submission-detail", args=[campaign.pk, institution.pk])


@indicator(
    "staffing.share_vacant",
    direction=Direction.STAFFING,
    title=_("Share of vacant posts"),
    unit=Unit.SHARE,
    better=Better.DOWN,
    key=True,
    rule=_("Vacant rates ÷ (rates occupied by pedagogues on the campaign's \"as of\" date + vacant rates), "
           "in the institutions that must answer the year's last campaign"),
    source=_("Staffing-needs campaigns and the pedagogue directory"),
)
def share_vacant(scope, year: AcademicYear) -> Decimal | None:
    campaign = _asking(scope, year)
    if campaign is None:
        return None
    posts = _posts(campaign, scope)
    occupied = rates(staff_jobs(campaign, _required(campaign, scope)).aggregate(n=Sum("rate"))["n"])
    return share(posts, occupied + posts)


@share_vacant.breakdown
def share_vacant_by_institution(municipality, year: AcademicYear) -> dict:
    campaign, vacant = _vacant_rates(municipality, year)
    if campaign is None:
        return {}
    occupied = dict(staff_jobs(campaign).values_list("institution_id").annotate(Sum("rate")))
    return {pk: share(posts, rates(occupied.get(pk)) + posts) for pk, posts in vacant.items()}


def _answering(scope, year: AcademicYear):
    """The institutions that must answer the year's last campaign, each marked ``on_time`` when its answer was
    received by the deadline (none without a campaign)."""
    campaign = campaign_of(scope, year)
    if campaign is None:
        return Institution.objects.none().annotate(on_time=Value(False))
    on_time = Submission.objects.filter(campaign=campaign, institution=OuterRef("pk"),
                                        received_on__lte=campaign.deadline)
    return _required(campaign, scope).annotate(on_time=Exists(on_time))


share_submitted_on_time = declare(
    "staffing.share_submitted_on_time",
    Measure(_answering, matching=lambda year: Q(on_time=True), institution="pk"),
    direction=Direction.STAFFING,
    title=_("Share of institutions that submitted their staffing needs on time"),
    key=True,
    rule=_("Institutions whose answer was received by the deadline ÷ institutions that must answer "
           "the year's last campaign"),
    source=_("Staffing-needs campaigns: dates of receipt of the answers"),
)
