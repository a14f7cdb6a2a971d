"""The words for a rating and a dynamics, shared by the pages, the workbook and the documents."""

from django.utils.translation import gettext as _

from monitoring.computation import Dynamics, Rating


def rating_label(rating: str) -> str:
    return {
        Rating.SATISFACTORY: _("satisfactory"),
        Rating.UNSATISFACTORY: _("unsatisfactory"),
        Rating.UNRATED: _("not rated"),
    }[rating]


def dynamics_label(dynamics: str) -> str:
    return {
        Dynamics.POSITIVE: _("positive"),
        Dynamics.NONE: _("none"),
        Dynamics.NEGATIVE: _("negative"),
        Dynamics.UNKNOWN: _("no data"),
    }[dynamics]
