"""Indicators of ГМО, professional communities and creative groups, and professional-skill competitions.

Every value is computed in the database in a fixed number of queries. A scope is a
municipality or one institution; for an institution, what counts is its staff of
the year (pedagogues employed there during the academic year).
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import YOUNG_AGE
from core.models import AcademicYear
from core.models import years_before
from monitoring.measures import Measure
from monitoring.measures import exists_for
from monitoring.measures import on_pedagogue
from monitoring.measures import staff_records
from monitoring.measures import staff_share
from monitoring.registry import Direction
from monitoring.registry import declare

from .models import COMMUNITY_KINDS
from .models import MUNICIPAL_LEVELS
from .models import REGIONAL_AND_ABOVE
from .models import WINNING_RESULTS
from .models import Association
from .models import AssociationKind
from .models import Membership
from .models import Participant
from .models import Product
from .models import overlaps_year_q

GMO = [AssociationKind.GMO]
ALL_KINDS = list(AssociationKind.values)

# Where the values come from (the passports' «source»).
MEMBERS_SOURCE = _("Associations register (kind, period of activity, members)")
MEMBERSHIPS_SOURCE = _("Associations register (memberships) and employment history")
PRODUCTS_SOURCE = _("Associations register (products)")
COMPETITIONS_SOURCE = _("Competition results")


def active_memberships(year: AcademicYear, kinds) -> "Membership.objects":
    """Return memberships active during the year in associations of the kinds active during the year."""
    return Membership.objects.active_during(year).filter(
        overlaps_year_q(year, "started", "ended", "association__"), association__kind__in=kinds
    )


def participants(year: AcademicYear, levels=None, results=None):
    rows = Participant.objects.filter(participation__competition__year=year)
    if levels is not None:
        rows = rows.filter(participation__competition__level__in=levels)
    if results is not None:
        rows = rows.filter(participation__result__in=results)
    return rows


def under_35(year: AcademicYear) -> Q:
    # Age is taken on 1 September, the start of the academic year (as in core).
    return on_pedagogue(Q(birth_date__gt=years_before(year.start, YOUNG_AGE)))


def members_of(kinds):
    """The condition "a member of an active association of the kinds during the year"."""
    return lambda year: exists_for(active_memberships(year, kinds))


def entered(levels=None, results=None):
    """The condition "an entry in a competition of the year" (of the levels, with the results)."""
    return lambda year: exists_for(participants(year, levels, results))


# The city counts its own associations and their products (``municipal``); an institution, and a row of the
# breakdown, those with a member or an author from its staff of the year, in any position (a director counts too).


def own_associations(kinds) -> Measure:
    return Measure(lambda municipality, year: Association.objects.active_during(year).filter(
        kind__in=kinds, municipality=municipality))


def associations_of_staff(kinds) -> Measure:
    return staff_records(lambda year: active_memberships(year, kinds), counted="association", pedagogical=False)


def own_products(kinds) -> Measure:
    return Measure(lambda municipality, year: Product.objects.in_year(year).filter(
        association__kind__in=kinds, association__municipality=municipality))


def products_of_staff(kinds) -> Measure:
    return staff_records(lambda year: Product.objects.in_year(year).filter(association__kind__in=kinds),
                         path="authors__", pedagogical=False)


def _list_url(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode({key: value for key, value in params.items() if value is not None})


# --- City methodical associations ----------------------------------------------------------------------


active_gmo = declare(
    "associations.active_gmo",
    associations_of_staff(GMO),
    municipal=own_associations(GMO),
    direction=Direction.ASSOCIATIONS,
    title=_("City methodical associations active"),
    key=True,
    rule=_("ГМО whose period of activity overlaps the academic year; for an institution, those with a member "
           "from its staff"),
    source=MEMBERS_SOURCE,
)
active_gmo_by_institution = active_gmo.by_institution


@active_gmo.records
def active_gmo_records(institution, year: AcademicYear) -> str:
    return _list_url("associations:association-list", kind=AssociationKind.GMO, year=year.pk)


share_in_gmo = declare(
    "associations.share_in_gmo",
    staff_share(members_of(GMO)),
    direction=Direction.ASSOCIATIONS,
    title=_("Share of pedagogues in a city methodical association"),
    rule=_("Pedagogues who were members of an active ГМО during the year ÷ pedagogues employed during the year"),
    source=MEMBERSHIPS_SOURCE,
)


gmo_products = declare(
    "associations.gmo_products",
    products_of_staff(GMO),
    municipal=own_products(GMO),
    direction=Direction.ASSOCIATIONS,
    title=_("Methodical products of city methodical associations"),
    rule=_("Products of ГМО created during the academic year; for an institution, those with an author from "
           "its staff"),
    source=PRODUCTS_SOURCE,
)
gmo_products_by_institution = gmo_products.by_institution


share_members_under_35 = declare(
    "associations.share_members_under_35",
    staff_share(under_35, among=members_of(ALL_KINDS)),
    direction=Direction.ASSOCIATIONS,
    title=_("Share of pedagogues under 35 among members of associations and communities"),
    rule=_("Members (of any active ГМО, community or creative group during the year) younger than 35 on "
           "1 September ÷ all such members, among pedagogues employed during the year"),
    source=_("Associations register (memberships), pedagogue directory"),
)


# --- Professional communities and creative groups -----------------------------------------------------


active_communities = declare(
    "associations.active_communities",
    associations_of_staff(COMMUNITY_KINDS),
    municipal=own_associations(COMMUNITY_KINDS),
    direction=Direction.COMMUNITIES,
    title=_("Professional communities and creative groups active"),
    key=True,
    rule=_("Communities and creative groups whose period of activity overlaps the academic year; for an "
           "institution, those with a member from its staff"),
    source=MEMBERS_SOURCE,
)
active_communities_by_institution = active_communities.by_institution


@active_communities.records
def active_communities_records(institution, year: AcademicYear) -> str:
    return _list_url("associations:association-list", year=year.pk)


share_in_communities = declare(
    "associations.share_in_communities",
    staff_share(members_of(COMMUNITY_KINDS)),
    direction=Direction.COMMUNITIES,
    title=_("Share of pedagogues in professional communities and creative groups"),
    key=True,
    rule=_("Pedagogues who were members of an active community or creative group during the year ÷ "
           "pedagogues employed during the year"),
    source=MEMBERSHIPS_SOURCE,
)


community_products = declare(
    "associations.community_products",
    products_of_staff(COMMUNITY_KINDS),
    municipal=own_products(COMMUNITY_KINDS),
    direction=Direction.COMMUNITIES,
    title=_("Methodical products of communities and creative groups"),
    rule=_("Products of communities and creative groups created during the academic year; for an institution, "
           "those with an author from its staff"),
    source=PRODUCTS_SOURCE,
)
community_products_by_institution = community_products.by_institution


# --- Professional-skill competitions ------------------------------------------------------------------


share_in_competitions = declare(
    "associations.share_in_competitions",
    staff_share(entered()),
    direction=Direction.COMPETITIONS,
    title=_("Share of pedagogues taking part in professional-skill competitions"),
    key=True,
    rule=_("Pedagogues with an entry (alone or in a team) in a competition of the academic year, any level ÷ "
           "pedagogues employed during the year"),
    source=COMPETITIONS_SOURCE,
)


@share_in_competitions.records
def share_in_competitions_records(institution, year: AcademicYear) -> str:
    return _list_url("associations:result-list", institution=institution.pk, year=year.pk)


share_in_municipal_competitions = declare(
    "associations.share_in_municipal_competitions",
    staff_share(entered(MUNICIPAL_LEVELS)),
    direction=Direction.COMPETITIONS,
    title=_("Share of pedagogues in municipal competitions"),
    rule=_("Pedagogues with an entry in a municipal or intermunicipal competition of the academic year ÷ "
           "pedagogues employed during the year"),
    source=COMPETITIONS_SOURCE,
)


share_in_regional_competitions = declare(
    "associations.share_in_regional_competitions",
    staff_share(entered(REGIONAL_AND_ABOVE)),
    direction=Direction.COMPETITIONS,
    title=_("Share of pedagogues in regional and higher-level competitions"),
    key=True,
    rule=_("Pedagogues with an entry in a regional, interregional, all-Russian or international competition of "
           "the academic year ÷ pedagogues employed during the year"),
    source=COMPETITIONS_SOURCE,
)


winners_per_participant = declare(
    "associations.winners_per_participant",
    staff_share(entered(results=WINNING_RESULTS), among=entered()),
    direction=Direction.COMPETITIONS,
    title=_("Winners and prize-winners per competition participant"),
    rule=_("Participants of the year's competitions with at least one win or prize ÷ participants of the year's "
           "competitions, among pedagogues employed during the year"),
    source=COMPETITIONS_SOURCE,
)
