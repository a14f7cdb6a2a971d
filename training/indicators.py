"""Training indicators: PD completions, the 3-year requirement, providers, diagnosis and routes.

Every value comes from one or two aggregate queries; a breakdown counts a
pedagogue in each institution where they worked during the year (as in core).
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Avg
from django.db.models import Count
from django.db.models import DecimalField
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear
from core.models import Employment
from core.models import Pedagogue
from core.models import employed_during_q
from core.models import own_institutions_q
from core.models import pedagogical_q
from core.models import years_before
from monitoring.measures import exists_for
from monitoring.measures import pedagogue_in
from monitoring.measures import staff_records
from monitoring.measures import staff_share
from monitoring.registry import Direction
from monitoring.registry import Unit
from monitoring.registry import declare
from monitoring.registry import indicator
from training.models import Completion
from training.models import Diagnosis
from training.models import HourEntry
from training.models import ProviderType
from training.models import Route

HOURS = DecimalField(max_digits=10, decimal_places=1)


def _requirement_rows(year: AcademicYear):
    """Completions finished in the PD window (default 3 years) ending with the year."""
    return Completion.objects.filter(
        finished__gt=years_before(year.end, settings.PD_WINDOW_YEARS), finished__lte=year.end
    )


def _diagnosed_in(year: AcademicYear):
    return Diagnosis.objects.completed().filter(year=year).values("pedagogue_id")


def _with_route(year: AcademicYear):
    return Route.objects.filter(year=year).values("pedagogue_id")


SOURCE_ROUTES = _("Individual educational routes")
SOURCE_COMPLETIONS = _("PD completions (form and providers' lists) and the employment history")

share_completed_pd = declare(
    "training.share_completed_pd",
    staff_share(lambda year: exists_for(Completion.objects.finished_in(year))),
    direction=Direction.TRAINING,
    title=_("Share of pedagogues who completed PD in the year"),
    key=True,
    rule=_("Pedagogues with a PD course or module finished during the academic year ÷ pedagogues employed during the year"),
    source=SOURCE_COMPLETIONS,
)

# EXISTS per pedagogue of the scope (the completions' pedagogue index), not IN over the window's completions of the
# whole country: that subquery outgrew PostgreSQL's work_mem at country scale (27 s for one city).
share_pd_requirement_met = declare(
    "training.share_pd_requirement_met",
    staff_share(lambda year: exists_for(_requirement_rows(year))),
    direction=Direction.TRAINING,
    title=_("Share of pedagogues meeting the 3-year PD requirement"),
    key=True,
    rule=_("Pedagogues with a PD completion in the 3 years ending 31 August of the year ÷ pedagogues employed during the year"),
    source=SOURCE_COMPLETIONS,
)


def _completion_share(condition: Q):
    """Completions finished in the year by pedagogues of the scope's staff that meet the condition ÷ all of them."""
    return staff_records(Completion.objects.finished_in, matching=lambda year: condition)


CNPPM = Q(programme__provider__type=ProviderType.CNPPM)
FEDERAL = Q(programme__federal_register=True)

share_completions_cnppm = declare(
    "training.share_completions_cnppm",
    _completion_share(CNPPM),
    direction=Direction.TRAINING,
    title=_("Share of PD completions at the CNPPM"),
    rule=_("Completions at the regional centre of continuous professional mastery ÷ all completions of the year"),
    source=SOURCE_COMPLETIONS,
)

share_completions_federal_register = declare(
    "training.share_completions_federal_register",
    _completion_share(FEDERAL),
    direction=Direction.TRAINING,
    title=_("Share of PD completions on federal-register programmes"),
    rule=_("Completions of programmes in the federal register of PD programmes ÷ all completions of the year"),
    source=SOURCE_COMPLETIONS,
)

share_diagnosed = declare(
    "training.share_diagnosed",
    staff_share(lambda year: pedagogue_in(_diagnosed_in(year))),
    direction=Direction.TRAINING,
    title=_("Share of pedagogues who took a deficit diagnosis"),
    rule=_("Pedagogues with a completed self- or external diagnosis in the year ÷ pedagogues employed during the year"),
    source=_("Diagnoses of professional deficits"),
)

share_with_route = declare(
    "training.share_with_route",
    staff_share(lambda year: pedagogue_in(_with_route(year))),
    direction=Direction.TRAINING,
    title=_("Share of pedagogues with an individual route"),
    key=True,
    rule=_("Pedagogues with an individual educational route for the year ÷ pedagogues employed during the year"),
    source=SOURCE_ROUTES,
)


def _completed_route(year: AcademicYear) -> Q:
    return pedagogue_in(Route.objects.filter(year=year).completed().values("pedagogue_id"))


# A pedagogue has one route a year (training_route_one_per_year): pedagogues with a route are routes.
share_routes_completed = declare(
    "training.share_routes_completed",
    staff_share(_completed_route, among=lambda year: pedagogue_in(_with_route(year))),
    direction=Direction.TRAINING,
    title=_("Share of individual routes completed"),
    rule=_("Routes of the year with every item accepted by the tutor ÷ routes of the year (of pedagogues employed in the scope)"),
    source=SOURCE_ROUTES,
)


def _window_hours(year: AcademicYear, pedagogue: str = "pedagogue_id"):
    """A subquery: the pedagogue's (the outer row's ``pedagogue``) ledger hours in the PD window ending 31 August of
    the year."""
    return Subquery(
        HourEntry.objects.filter(
            pedagogue=OuterRef(pedagogue),
            date__gt=years_before(year.end, settings.PD_WINDOW_YEARS),
            date__lte=year.end,
        ).order_by().values("pedagogue").annotate(s=Sum("hours")).values("s"),
        output_field=HOURS,
    )


MEAN_PLACES = Decimal("0.1")


@indicator(
    "training.mean_window_hours",
    direction=Direction.TRAINING,
    title=_("Mean PD hours accumulated in the window"),
    unit=Unit.HOURS,
    rule=_("Sum of PD hours in the 3 years ending 31 August of the year ÷ pedagogues employed during the year"),
    source=_("Hour account (completions and other posted hours)"),
)
def mean_window_hours(scope, year: AcademicYear) -> Decimal | None:
    staff = Pedagogue.objects.employed_during(year, scope)
    hours = Coalesce(_window_hours(year, "pk"), Value(Decimal("0")), output_field=HOURS)
    result = staff.annotate(h=hours).aggregate(mean=Avg("h"))
    mean = result["mean"]
    return None if mean is None else Decimal(str(mean)).quantize(MEAN_PLACES)


@mean_window_hours.breakdown
def mean_window_hours_by_institution(municipality, year: AcademicYear) -> dict:
    jobs = Employment.objects.filter(employed_during_q(year), pedagogical_q(), own_institutions_q(municipality, "institution__"))
    # Keep one employment per pedagogue and institution, so two jobs in one school count once.
    later_job = jobs.filter(pedagogue=OuterRef("pedagogue"), institution=OuterRef("institution"), pk__gt=OuterRef("pk"))
    rows = (
        jobs.filter(~Exists(later_job))
        .values("institution_id")
        .annotate(
            staff=Count("pk"),
            hours=Coalesce(Sum(Coalesce(_window_hours(year), Value(Decimal("0")), output_field=HOURS)),
                           Value(Decimal("0")), output_field=HOURS),
        )
    )
    return {row["institution_id"]: (Decimal(str(row["hours"])) / row["staff"]).quantize(MEAN_PLACES)
            for row in rows if row["staff"]}


# --- where the records behind a value are listed -----------------------------------------------


def _completions_url(institution, year: AcademicYear) -> str:
    return reverse("training:completion-list") + f"?institution={institution.pk}&year={year.pk}"


def _account_url(institution, year: AcademicYear) -> str:
    return reverse("training:account-list") + f"?institution={institution.pk}&on={year.end.isoformat()}"


def _diagnoses_url(institution, year: AcademicYear) -> str:
    return reverse("training:diagnosis-list") + f"?institution={institution.pk}&year={year.pk}"


def _routes_url(institution, year: AcademicYear) -> str:
    return reverse("training:route-list") + f"?institution={institution.pk}&year={year.pk}"


for _indicator, _url in (
    (share_completed_pd, _completions_url),
    (share_completions_cnppm, _completions_url),
    (share_completions_federal_register, _completions_url),
    (share_pd_requirement_met, _account_url),
    (mean_window_hours, _account_url),
    (share_diagnosed, _diagnoses_url),
    (share_with_route, _routes_url),
    (share_routes_completed, _routes_url),
):
    _indicator.records(_url)
