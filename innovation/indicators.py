"""Innovation activity (order item 3.2): working sites, the institutions and
pedagogues involved, and the products of the projects."""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear, Institution, scope_q
from innovation.models import Level, Participant, Product, Project, participating_q, working_q
from monitoring.registry import Better, Direction, Unit, indicator, share

SOURCE = _("Register of innovation sites (innovation app)")


def _working(scope, year: AcademicYear):
    return Project.objects.filter(working_q(year), scope_q(scope))


def _count_by_institution(queryset, field: str = "institution_id", count: str = "pk") -> dict[int, int]:
    rows = queryset.values(field).annotate(n=Count(count, distinct=True)).order_by()
    return {row[field]: row["n"] for row in rows}


@indicator(
    "innovation.active_sites",
    direction=Direction.INNOVATION,
    title=_("Innovation sites working in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Sites with the status active or finished whose period overlaps the academic year, by lead institution"),
    source=SOURCE,
)
def active_sites(scope, year: AcademicYear) -> int:
    return _working(scope, year).count()


@active_sites.breakdown
def active_sites_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    return _count_by_institution(_working(municipality, year))


def _level_indicator(level: Level):
    def compute(scope, year: AcademicYear) -> int:
        return _working(scope, year).filter(level=level).count()

    def breakdown(municipality, year: AcademicYear) -> dict[int, int]:
        return _count_by_institution(_working(municipality, year).filter(level=level))

    compute.__name__ = f"active_sites_{level.value}"
    registered = indicator(
        f"innovation.active_sites_{level.value}",
        direction=Direction.INNOVATION,
        title=_("Innovation sites working in the year, level: {level}").format(level=level.label),
        unit=Unit.COUNT,
        better=Better.UP,
        rule=_("Working sites of this level (status active or finished, period overlapping the year)"),
        source=SOURCE,
    )(compute)
    registered.breakdown(breakdown)
    return registered


active_sites_by_level = {level: _level_indicator(level) for level in Level}


@indicator(
    "innovation.share_institutions_with_site",
    direction=Direction.INNOVATION,
    title=_("Share of institutions with a working innovation site"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Active institutions that lead or are partners of a site working in the year ÷ active institutions"),
    source=SOURCE,
    key=True,
)
def share_institutions_with_site(scope, year: AcademicYear) -> Decimal | None:
    working = Project.objects.filter(working_q(year))
    involved = Exists(working.filter(institution=OuterRef("pk"))) | Exists(
        working.filter(partners=OuterRef("pk"))
    )
    counts = (
        Institution.objects.in_scope(scope)
        .active()
        .annotate(involved=involved)
        .aggregate(total=Count("pk"), matching=Count("pk", filter=Q(involved=True)))
    )
    return share(counts["matching"], counts["total"])


def _participations(scope, year: AcademicYear):
    return Participant.objects.filter(participating_q(year), scope_q(scope))


@indicator(
    "innovation.pedagogues_in_projects",
    direction=Direction.INNOVATION,
    title=_("Pedagogues taking part in innovation projects"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Distinct pedagogues in the team of a site working in the year (by their institution when joining)"),
    source=SOURCE,
    key=True,
)
def pedagogues_in_projects(scope, year: AcademicYear) -> int:
    return _participations(scope, year).values("pedagogue_id").distinct().count()


@pedagogues_in_projects.breakdown
def pedagogues_in_projects_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    return _count_by_institution(_participations(municipality, year), count="pedagogue_id")


def _products(scope, year: AcademicYear):
    return Product.objects.filter(scope_q(scope, "project__"), year=year).exclude(
        project__status__in=["applied", "withdrawn"]
    )


@indicator(
    "innovation.products",
    direction=Direction.INNOVATION,
    title=_("Products of innovation projects"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Products dated in the academic year of sites led by institutions in scope"),
    source=SOURCE,
)
def products(scope, year: AcademicYear) -> int:
    return _products(scope, year).count()


@products.breakdown
def products_by_institution(municipality, year: AcademicYear) -> dict[int, int]:
    return _count_by_institution(_products(municipality, year), field="project__institution_id")
