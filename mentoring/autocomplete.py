"""Picker of mentoring programmes: those of the chosen institution, labelled with it (see core/autocomplete.py)."""

from core.autocomplete import _int
from core.autocomplete import register
from core.autocomplete import search_words
from mentoring.models import Programme


def programme_label(programme: Programme) -> str:
    start = programme.start.strftime("%d.%m.%Y") if programme.start else ""
    return f"{programme.title} ({programme.institution.short_name}, {start})"


def programmes(user, params):
    rows = Programme.objects.editable_by(user) if params.get("editable") else Programme.objects.for_user(user)
    if (institution := _int(params, "institution")) is not None:
        rows = rows.filter(institution_id=institution)
    return rows.select_related("institution").order_by("-start", "title", "pk")


register(
    "mentoring-programmes",
    queryset=programmes,
    search=lambda rows, text: search_words(rows, text, ("title", "institution__short_name")),
    label=programme_label,
)
