"""The words for a rating and a dynamics, shared by the pages, the workbook and the documents."""

from django.utils.translation import gettext_lazy as _

from monitoring.computation import Dynamics
from monitoring.computation import Rating

# Translated when read: one lookup per label, not one per choice (the dashboard reads a few hundred).
RATING_LABELS = {
    Rating.SATISFACTORY: _("satisfactory"),
    Rating.UNSATISFACTORY: _("unsatisfactory"),
    Rating.UNRATED: _("not rated"),
}
DYNAMICS_LABELS = {
    Dynamics.POSITIVE: _("positive"),
    Dynamics.NONE: _("none"),
    Dynamics.NEGATIVE: _("negative"),
    Dynamics.UNKNOWN: _("no data"),
}


def rating_label(rating: str) -> str:
    return str(RATING_LABELS[rating])


def dynamics_label(dynamics: str) -> str:
    return str(DYNAMICS_LABELS[dynamics])
