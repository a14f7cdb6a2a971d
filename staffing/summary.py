"""The municipal summary of a campaign, computed in the database.

Vacant posts are the needs (in rates) of the submissions that were submitted or
accepted. Staff are the pedagogues employed (in pedagogical positions) on the campaign's
"as of" date in the institutions that must answer; their rates are the occupied rates.
The share of vacant posts is vacant rates ÷ (occupied rates + vacant rates).
"""

import datetime
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.models import Employment
from core.models import InstitutionType
from core.models import pedagogical_q
from core.models import years_before
from monitoring.registry import share
from staffing.models import COUNTED_STATUSES
from staffing.models import Campaign
from staffing.models import Need
from staffing.models import Reason
from staffing.models import Submission
from staffing.models import SubmissionStatus

AGE_GROUPS = (
    ("under_35", _("under 35")),
    ("from_35_to_60", _("35 to 60")),
    ("over_60", _("over 60")),
)


def rates(value) -> Decimal:
    """Return a sum of rates to 2 places (SQLite's SUM of decimals comes back as a float-like Decimal)."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


def employed_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Return a Q for employment records open on the day."""
    return Q(**{f"{prefix}hired__lte": day}) & (Q(**{f"{prefix}left__isnull": True}) | Q(**{f"{prefix}left__gte": day}))


def age_group_q(day: datetime.date, prefix: str = "") -> dict[str, Q]:
    """Return the Q of each age group on the day: under 35, 35 to 59 full years, 60 and over."""
    young = years_before(day, 35)
    old = years_before(day, 60)
    return {
        "under_35": Q(**{f"{prefix}birth_date__gt": young}),
        "from_35_to_60": Q(**{f"{prefix}birth_date__lte": young, f"{prefix}birth_date__gt": old}),
        "over_60": Q(**{f"{prefix}birth_date__lte": old}),
    }


def staff_jobs(campaign: Campaign, institutions=None) -> QuerySet:
    """Return the employment records open on the "as of" date in the institutions that must answer."""
    institutions = campaign.required_institutions() if institutions is None else institutions
    return Employment.objects.filter(employed_on_q(campaign.as_of), pedagogical_q(),
                                     institution__in=institutions.values("pk"))


def counted_needs(campaign: Campaign) -> QuerySet:
    """Return the needs of the submitted and accepted answers of the institutions that must answer."""
    return Need.objects.filter(
        submission__campaign=campaign,
        submission__status__in=COUNTED_STATUSES,
        submission__institution__in=campaign.required_institutions().values("pk"),
    )


@dataclass
class Totals:
    required: int = 0
    submitted: int = 0  # submitted or accepted
    accepted: int = 0
    on_time: int = 0
    no_needs: int = 0
    posts: Decimal = Decimal("0")
    rows: int = 0
    staff: int = 0
    occupied: Decimal = Decimal("0")  # the staff's rates
    ages: dict = field(default_factory=dict)

    @property
    def share_vacant(self) -> Decimal | None:
        return share(self.posts, self.occupied + self.posts)

    @property
    def share_submitted(self) -> Decimal | None:
        return share(self.submitted, self.required)

    @property
    def share_on_time(self) -> Decimal | None:
        return share(self.on_time, self.required)


def deadline_end(campaign: Campaign) -> datetime.datetime:
    """Return the first moment after the deadline day, in the current time zone."""
    from django.utils import timezone

    day = campaign.deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CampaignSummary:
    """Every number of a campaign's summary; each property is one or two queries."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign

    @cached_property
    def totals(self) -> Totals:
        campaign = self.campaign
        required = campaign.required_institutions()
        submissions = Submission.objects.filter(campaign=campaign, institution__in=required.values("pk")).aggregate(
            submitted=Count("pk", filter=Q(status__in=COUNTED_STATUSES)),
            accepted=Count("pk", filter=Q(status=SubmissionStatus.ACCEPTED)),
            on_time=Count("pk", filter=Q(received_on__lte=campaign.deadline)),
            no_needs=Count("pk", filter=Q(status__in=COUNTED_STATUSES, no_needs=True)),
        )
        needs = counted_needs(campaign).aggregate(posts=Sum("posts"), rows=Count("pk"))
        groups = age_group_q(campaign.as_of, "pedagogue__")
        staff = staff_jobs(campaign, required).aggregate(
            total=Count("pedagogue", distinct=True), occupied=Sum("rate"),
            **{key: Count("pedagogue", distinct=True, filter=q) for key, q in groups.items()},
        )
        return Totals(
            required=required.count(),
            submitted=submissions["submitted"],
            accepted=submissions["accepted"],
            on_time=submissions["on_time"],
            no_needs=submissions["no_needs"],
            posts=rates(needs["posts"]),
            rows=needs["rows"],
            staff=staff["total"],
            occupied=rates(staff["occupied"]),
            ages={key: staff[key] for key in groups},
        )

    def _needs_by(self, *fields: str) -> list[dict]:
        rows = (
            counted_needs(self.campaign)
            .values(*fields)
            .annotate(posts=Sum("posts"), rows=Count("pk"))
            .order_by("-posts", *fields)
        )
        return [{**row, "posts": rates(row["posts"])} for row in rows]

    @cached_property
    def by_position(self) -> list[dict]:
        return self._needs_by("position__name")

    @cached_property
    def by_subject(self) -> list[dict]:
        return self._needs_by("subject__name")

    @cached_property
    def by_reason(self) -> list[dict]:
        labels = dict(Reason.choices)
        return [{**row, "label": labels.get(row["reason"], row["reason"])} for row in self._needs_by("reason")]

    @cached_property
    def by_type(self) -> list[dict]:
        """Per institution type: vacant posts, staff, share vacant and the age structure."""
        campaign = self.campaign
        posts = {
            row["submission__institution__type"]: row
            for row in counted_needs(campaign).values("submission__institution__type").annotate(
                posts=Sum("posts"), rows=Count("pk"))
        }
        groups = age_group_q(campaign.as_of, "pedagogue__")
        staff = {
            row["institution__type"]: row
            for row in staff_jobs(campaign).values("institution__type").annotate(
                total=Count("pedagogue", distinct=True), occupied=Sum("rate"),
                **{key: Count("pedagogue", distinct=True, filter=q) for key, q in groups.items()},
            )
        }
        rows = []
        for code, label in InstitutionType.choices:
            if code not in posts and code not in staff:
                continue
            vacant = rates(posts.get(code, {}).get("posts"))
            people = staff.get(code, {}).get("total", 0)
            occupied = rates(staff.get(code, {}).get("occupied"))
            rows.append({
                "type": code, "label": label, "posts": vacant, "rows": posts.get(code, {}).get("rows", 0),
                "staff": people, "occupied": occupied, "share_vacant": share(vacant, occupied + vacant),
                "ages": {key: staff.get(code, {}).get(key, 0) for key in groups},
            })
        return rows

    @cached_property
    def by_institution(self) -> list[dict]:
        """Per institution that must answer: status, vacant posts, staff and share vacant."""
        campaign = self.campaign
        required = campaign.required_institutions()
        posts = dict(
            counted_needs(campaign).values_list("submission__institution_id").annotate(posts=Sum("posts"))
        )
        staff = {
            pk: (people, rates(occupied)) for pk, people, occupied in staff_jobs(campaign, required)
            .values_list("institution_id").annotate(Count("pedagogue", distinct=True), Sum("rate"))
        }
        statuses = dict(Submission.objects.filter(campaign=campaign).values_list("institution_id", "status"))
        labels = dict(SubmissionStatus.choices)
        rows = []
        for institution in required.order_by("type", "sort_key"):
            vacant = rates(posts.get(institution.pk))
            people, occupied = staff.get(institution.pk, (0, Decimal("0")))
            rows.append({
                "institution": institution, "status": statuses.get(institution.pk),
                "status_label": labels.get(statuses.get(institution.pk), ""), "posts": vacant,
                "staff": people, "occupied": occupied, "share_vacant": share(vacant, occupied + vacant),
            })
        return rows

    @cached_property
    def previous(self) -> "CampaignSummary | None":
        campaign = self.campaign.previous()
        return CampaignSummary(campaign) if campaign else None

    @cached_property
    def position_comparison(self) -> list[dict]:
        """Vacant posts by position in this and the previous campaign."""
        current = {row["position__name"]: row["posts"] for row in self.by_position}
        before = {row["position__name"]: row["posts"] for row in self.previous.by_position} if self.previous else {}
        names = sorted(set(current) | set(before), key=lambda name: (-(current.get(name) or 0), name))
        return [
            {"position": name, "posts": current.get(name) or Decimal("0"), "previous": before.get(name) or Decimal("0"),
             "change": (current.get(name) or Decimal("0")) - (before.get(name) or Decimal("0"))}
            for name in names
        ]
