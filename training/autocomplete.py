"""Pickers of PD programmes and of the modules of the chosen programme (see core/autocomplete.py)."""

from django.utils.translation import gettext

from core.autocomplete import _int
from core.autocomplete import register
from core.autocomplete import search_words
from training.models import Module
from training.models import Programme


def programme_label(programme: Programme) -> str:
    details = gettext("{provider} · {hours} h").format(provider=programme.provider, hours=programme.hours)
    return f"{programme.title} ({details})"


def programmes(user, params):
    # The catalogue of PD programmes is shared by the whole region: every user may pick from it.
    rows = Programme.objects.select_related("provider")
    if params.get("active"):
        rows = rows.active()
    return rows.order_by("title", "pk")


def modules(user, params):
    programme = _int(params, "programme")
    if programme is None:
        return Module.objects.none()
    return Module.objects.filter(programme_id=programme).select_related("programme").order_by("order", "pk")


register(
    "training-programmes",
    queryset=programmes,
    search=lambda rows, text: search_words(rows, text, ("title", "provider__name", "provider__short_name")),
    label=programme_label,
)
register(
    "training-modules",
    queryset=modules,
    search=lambda rows, text: search_words(rows, text, ("title",)),
    label=str,
)
