"""Indicators of the staff as a whole (age and qualification structure), computed from core's directories.

They keep their historic codes ``core.*``; they live in monitoring because core is the bottom layer and must not
import the indicator protocol above it (monitoring may read core's models).
"""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import FIRST_OR_HIGHEST, AcademicYear, CategoryAward, years_before
from monitoring.measures import exists_for, on_pedagogue, staff_share, staff_share_by_institution
from monitoring.registry import Better, Direction, Unit, indicator


def _under_35(year: AcademicYear) -> Q:
    # Age is taken on 1 September, the start of the academic year.
    return Q(birth_date__gt=years_before(year.start, 35))


def _first_or_highest(year: AcademicYear):
    # The category held on the year's end date (31 August), from the category history: never today's.
    return exists_for(CategoryAward.objects.held_on(year.end).filter(category__in=FIRST_OR_HIGHEST))


@indicator(
    "core.share_under_35",
    direction=Direction.MENTORING,
    title=_("Share of pedagogues under 35"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Pedagogues younger than 35 on 1 September ÷ pedagogues employed during the year"),
    source=_("Pedagogue directory and employment history"),
)
def share_under_35(scope, year: AcademicYear) -> Decimal | None:
    return staff_share(scope, year, on_pedagogue(_under_35(year)))


@share_under_35.breakdown
def share_under_35_by_institution(municipality, year: AcademicYear) -> dict:
    return staff_share_by_institution(municipality, year, on_pedagogue(_under_35(year)))


@indicator(
    "core.share_first_or_highest_category",
    direction=Direction.TRAINING,
    title=_("Share of pedagogues with the first or highest category"),
    unit=Unit.SHARE,
    better=Better.UP,
    rule=_("Pedagogues holding the first, highest or a higher category on 31 August ÷ pedagogues employed "
           "during the year"),
    source=_("Pedagogues' category history (order dates, valid five years)"),
)
def share_first_or_highest_category(scope, year: AcademicYear) -> Decimal | None:
    return staff_share(scope, year, _first_or_highest(year))


@share_first_or_highest_category.breakdown
def share_first_or_highest_category_by_institution(municipality, year: AcademicYear) -> dict:
    return staff_share_by_institution(municipality, year, _first_or_highest(year))
