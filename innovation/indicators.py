"""Innovation activity (order item 3.2): working sites, the institutions and
pedagogues involved, and the products of the projects."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear, Institution, scope_q
from innovation.models import Level, Participant, Product, Project, participating_q, working_q
from monitoring.measures import Measure
from monitoring.registry import Better, Direction, Unit, declare

SOURCE = _("Register of innovation sites (innovation app)")


def _working(scope, year: AcademicYear):
    return Project.objects.filter(working_q(year), scope_q(scope))


active_sites = declare(
    "innovation.active_sites",
    Measure(_working),
    direction=Direction.INNOVATION,
    title=_("Innovation sites working in the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Sites with the status active or finished whose period overlaps the academic year, by lead institution"),
    source=SOURCE,
)


def _level_indicator(level: Level):
    return declare(
        f"innovation.active_sites_{level.value}",
        Measure(lambda scope, year: _working(scope, year).filter(level=level)),
        direction=Direction.INNOVATION,
        title=_("Innovation sites working in the year, level: {level}").format(level=level.label),
        unit=Unit.COUNT,
        better=Better.UP,
        rule=_("Working sites of this level (status active or finished, period overlapping the year)"),
        source=SOURCE,
    )


active_sites_by_level = {level: _level_indicator(level) for level in Level}


def _institutions_with_site(scope, year: AcademicYear):
    """The scope's active institutions, each marked ``involved`` when it leads or partners a site working in the year."""
    working = Project.objects.filter(working_q(year))
    involved = Exists(working.filter(institution=OuterRef("pk"))) | Exists(working.filter(partners=OuterRef("pk")))
    return Institution.objects.in_scope(scope).active().annotate(involved=involved)


# A share of institutions, not broken down by institution (each would be 0 or 1).
share_institutions_with_site = declare(
    "innovation.share_institutions_with_site",
    Measure(_institutions_with_site, matching=lambda year: Q(involved=True), institution="pk"),
    direction=Direction.INNOVATION,
    title=_("Share of institutions with a working innovation site"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Active institutions that lead or are partners of a site working in the year ÷ active institutions"),
    source=SOURCE,
    key=True,
    breakdown=False,
)


def _participations(scope, year: AcademicYear):
    return Participant.objects.filter(participating_q(year), scope_q(scope))


pedagogues_in_projects = declare(
    "innovation.pedagogues_in_projects",
    Measure(_participations, counted="pedagogue_id"),
    direction=Direction.INNOVATION,
    title=_("Pedagogues taking part in innovation projects"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Distinct pedagogues in the team of a site working in the year (by their institution when joining)"),
    source=SOURCE,
    key=True,
)


def _products(scope, year: AcademicYear):
    return Product.objects.filter(scope_q(scope, "project__"), year=year).exclude(
        project__status__in=["applied", "withdrawn"]
    )


products = declare(
    "innovation.products",
    Measure(_products, institution="project__institution_id"),
    direction=Direction.INNOVATION,
    title=_("Products of innovation projects"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Products dated in the academic year of sites led by institutions in scope"),
    source=SOURCE,
)
