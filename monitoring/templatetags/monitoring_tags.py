from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from monitoring.computation import Dynamics
from monitoring.computation import Rating
from monitoring.labels import dynamics_label
from monitoring.labels import rating_label

register = template.Library()

RATING_CSS = {Rating.SATISFACTORY: "success", Rating.UNSATISFACTORY: "danger", Rating.UNRATED: "secondary"}
DYNAMICS_ICONS = {
    Dynamics.POSITIVE: ("bi-arrow-up-right", "text-success"),
    Dynamics.NEGATIVE: ("bi-arrow-down-right", "text-danger"),
    Dynamics.NONE: ("bi-arrow-right", "text-secondary"),
    Dynamics.UNKNOWN: ("bi-dash", "text-muted"),
}


@register.filter
def rating_css(rating: str) -> str:
    return RATING_CSS.get(rating, "secondary")


@register.filter
def rating_text(rating: str) -> str:
    return rating_label(rating)


@register.filter
def dynamics_text(dynamics: str) -> str:
    return dynamics_label(dynamics)


@register.simple_tag
def dynamics_icon(dynamics: str) -> str:
    """The dynamics' arrow with its words for screen readers (a tag, not an included template: the dashboard
    shows a hundred of them)."""
    icon, css = DYNAMICS_ICONS.get(dynamics, DYNAMICS_ICONS[Dynamics.UNKNOWN])
    label = _("Dynamics: {value}").format(value=dynamics_label(dynamics))
    return format_html('<i class="bi {} {}" role="img" aria-label="{}" title="{}"></i>', icon, css, label, label)
