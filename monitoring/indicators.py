"""Indicators of the staff as a whole (age and qualification structure), computed from core's directories.

They keep their historic codes ``core.*``; they live in monitoring because core is the bottom layer and must not
import the indicator protocol above it (monitoring may read core's models).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import FIRST_OR_HIGHEST
from core.models import AcademicYear
from core.models import CategoryAward
from core.models import years_before
from monitoring.measures import exists_for
from monitoring.measures import on_pedagogue
from monitoring.measures import staff_share
from monitoring.registry import Direction
from monitoring.registry import declare


def _under_35(year: AcademicYear) -> Q:
    # Age is taken on 1 September, the start of the academic year.
    return on_pedagogue(Q(birth_date__gt=years_before(year.start, 35)))


def _first_or_highest(year: AcademicYear) -> Q:
    # The category held on the year's end date (31 August), from the category history: never today's.
    return exists_for(CategoryAward.objects.held_on(year.end).filter(category__in=FIRST_OR_HIGHEST))


share_under_35 = declare(
    "core.share_under_35",
    staff_share(_under_35),
    direction=Direction.MENTORING,
    title=_("Share of pedagogues under 35"),
    rule=_("Pedagogues younger than 35 on 1 September ÷ pedagogues employed during the year"),
    source=_("Pedagogue directory and employment history"),
)

share_first_or_highest_category = declare(
    "core.share_first_or_highest_category",
    staff_share(_first_or_highest),
    direction=Direction.TRAINING,
    title=_("Share of pedagogues with the first or highest category"),
    rule=_("Pedagogues holding the first, highest or a higher category on 31 August ÷ pedagogues employed "
           "during the year"),
    source=_("Pedagogues' category history (order dates, valid five years)"),
)
