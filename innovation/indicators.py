"""Innovation activity (order item 3.2): working sites, the institutions and
pedagogues involved, and the products of the projects."""

from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear
from core.models import Institution
from innovation.models import Level
from innovation.models import Participant
from innovation.models import Product
from innovation.models import Project
from innovation.models import participating_q
from innovation.models import working_q
from monitoring.measures import Measure
from monitoring.measures import records
from monitoring.registry import Direction
from monitoring.registry import declare

SOURCE = _("Register of innovation sites (innovation app)")


active_sites = declare(
    "innovation.active_sites",
    records(Project.objects, working_q),
    direction=Direction.INNOVATION,
    title=_("Innovation sites working in the year"),
    rule=_("Sites with the status active or finished whose period overlaps the academic year, by lead institution"),
    source=SOURCE,
)


def _level_indicator(level: Level):
    return declare(
        f"innovation.active_sites_{level.value}",
        records(Project.objects.filter(level=level), working_q),
        direction=Direction.INNOVATION,
        title=_("Innovation sites working in the year, level: {level}").format(level=level.label),
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
    rule=_("Active institutions that lead or are partners of a site working in the year ÷ active institutions"),
    source=SOURCE,
    key=True,
    breakdown=False,
)


pedagogues_in_projects = declare(
    "innovation.pedagogues_in_projects",
    records(Participant.objects, participating_q, counted="pedagogue_id"),
    direction=Direction.INNOVATION,
    title=_("Pedagogues taking part in innovation projects"),
    rule=_("Distinct pedagogues in the team of a site working in the year (by their institution when joining)"),
    source=SOURCE,
    key=True,
)


products = declare(
    "innovation.products",
    records(Product.objects.exclude(project__status__in=["applied", "withdrawn"]), lambda year: Q(year=year),
            path="project__"),
    direction=Direction.INNOVATION,
    title=_("Products of innovation projects"),
    rule=_("Products dated in the academic year of sites led by institutions in scope"),
    source=SOURCE,
)
