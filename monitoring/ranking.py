"""The ranking of a municipality's institutions on one direction (рейтинг учреждений), with the rule beside each
rank: first the number of the direction's key indicators whose target the institution meets, then the number it
improved since last year, then the name."""

from dataclasses import dataclass
from dataclasses import field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring.computation import DirectionResult
from monitoring.computation import Dynamics
from monitoring.computation import Rating
from monitoring.computation import as_number
from monitoring.computation import display
from monitoring.computation import dynamics_of
from monitoring.computation import rating_of
from monitoring.models import default_tolerance
from monitoring.registry import registry


@dataclass
class Place:
    institution: object
    met: int = 0
    improved: int = 0
    rated: int = 0
    cells: list[str] = field(default_factory=list)
    rank: int = 0

    @property
    def rule(self) -> str:
        return _("targets met: {met} of {rated}; improved since last year: {improved}").format(
            met=self.met, rated=self.rated, improved=self.improved
        )


RULE = gettext_lazy(
    "Institutions are ranked by the number of the direction's key indicators whose target they meet, then by "
    "the number of indicators improved since last year; equal places share a rank."
)


def rank(direction: DirectionResult, institutions, now: dict, before: dict) -> tuple[list[Place], list]:
    """Return the places of ``institutions`` on ``direction`` and the indicators that decide them; ``now``/``before`` are ``{code: {institution id:
    value}}`` breakdowns of this year and last (only indicators with a breakdown can rank institutions)."""
    # Only an indicator with a value of each institution's own ranks them (not a share of institutions); the key ones
    # decide, and when none of them can, all of the others do.
    usable = [item for item in direction.indicators if item.code in now and registry.get(item.code).per_institution]
    indicators = [item for item in usable if item.is_key] or usable
    places = []
    for institution in institutions:
        place = Place(institution)
        for item in indicators:
            value = now[item.code].get(institution.pk)
            previous = before.get(item.code, {}).get(institution.pk)
            place.cells.append(display(value, item.unit))
            rating = rating_of(value, item.target, better=item.better)
            if rating != Rating.UNRATED:
                place.rated += 1
                place.met += rating == Rating.SATISFACTORY
            tolerance = as_number(item.tolerance) or default_tolerance(item.unit)
            if dynamics_of(value, previous, unit=item.unit, better=item.better, tolerance=tolerance) == Dynamics.POSITIVE:
                place.improved += 1
        places.append(place)
    places.sort(key=lambda p: (-p.met, -p.improved, str(p.institution)))
    for index, place in enumerate(places):
        same = index and (places[index - 1].met, places[index - 1].improved) == (place.met, place.improved)
        place.rank = places[index - 1].rank if same else index + 1
    return places, indicators
