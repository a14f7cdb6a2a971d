"""Picker of experts: the register's entries active today, labelled with the expert's institution (see
core/autocomplete.py)."""

from django.utils import timezone

from core.autocomplete import _int
from core.autocomplete import register
from core.autocomplete import search_words
from expertise.models import Expert


def expert_label(expert: Expert) -> str:
    pedagogue = expert.pedagogue
    where = pedagogue.institution.short_name if pedagogue.institution_id else "—"
    label = f"{pedagogue.full_name} ({where})"
    return f"{label} — {expert.specialisations}" if expert.specialisations else label


def experts(user, params):
    rows = Expert.objects.for_user(user).active_on(timezone.localdate())
    if (municipality := _int(params, "municipality")) is not None:
        rows = rows.filter(municipality_id=municipality)
    return rows.select_related("pedagogue__institution").order_by(
        "pedagogue__last_name", "pedagogue__first_name", "pedagogue__middle_name", "pk")


register(
    "experts",
    queryset=experts,
    search=lambda rows, text: search_words(rows, text, (
        "pedagogue__last_name", "pedagogue__first_name", "pedagogue__middle_name",
        "pedagogue__institution__short_name", "specialisations")),
    label=expert_label,
)
