"""Search-as-you-type pickers: one endpoint for every choice of a person, an institution or a programme.

A *source* says which rows a user may pick (always starting from ``for_user``), how a typed text
narrows them and how a row is labelled. Apps add theirs in ``<app>/autocomplete.py`` with
``register(...)``; ``/autocomplete/<kind>/?q=`` answers every source with the same JSON.

The widgets (``AutocompleteSelect`` / ``AutocompleteSelectMultiple``) render a ``<select>`` holding only
the chosen option(s), so a form no longer carries a municipality's staff list; ``static/js/autocomplete.js``
turns it into a Tom Select box that asks the endpoint. Without JavaScript the widget shows a text box
(``<noscript>``) where a name is typed; it is resolved against the field's own (scoped) queryset, so the
form's validation stays the only gate.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Case
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import When
from django.http import Http404
from django.http import HttpRequest
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.models import Institution
from core.models import Pedagogue
from core.params import parse_id
from core.search import contains_q

LIMIT = 20


@dataclass(frozen=True)
class Source:
    kind: str
    queryset: Callable[[object, dict], QuerySet]  # (user, params) -> the rows the user may pick
    search: Callable[[QuerySet, str], QuerySet]
    label: Callable[[object], str]


SOURCES: dict[str, Source] = {}


def register(kind: str, *, queryset, search, label) -> Source:
    source = Source(kind, queryset, search, label)
    SOURCES[kind] = source
    return source


def search_words(queryset: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """Return the rows where every word of the text is found in one of the fields."""
    for word in text.split()[:5]:
        queryset = queryset.filter(contains_q(fields, word))
    return queryset


def _int(params: dict, name: str) -> int | None:
    try:
        return int(params.get(name) or "")
    except (TypeError, ValueError):
        return None


# --- people -------------------------------------------------------------------------------------------

def pedagogue_label(pedagogue: Pedagogue) -> str:
    """«Фамилия Имя Отчество (СШ № 1)»: a picker's label always says where the person works."""
    where = pedagogue.institution.short_name if pedagogue.institution_id else _("no current place of work")
    return f"{pedagogue.full_name} ({where})"


def pedagogues(user, params: dict) -> QuerySet:
    """The pedagogues a picker offers: visible to the user, narrowed by the widget's parameters.

    ``editable=1`` only those the user may edit; ``staff=1`` only those with a current place of work;
    ``municipality`` / ``institution`` narrow to one (with ``institution_first=1`` the institution's people
    come first instead, the others of the scope after them: a mentor from another school);
    ``exclude`` leaves out ids (e.g. the members).
    """
    rows = Pedagogue.objects.editable_by(user) if params.get("editable") else Pedagogue.objects.for_user(user)
    if params.get("staff"):
        rows = rows.filter(institution__isnull=False)
    if (municipality := _int(params, "municipality")) is not None:
        rows = rows.filter(municipality_id=municipality)
    first: list = []
    if (institution := _int(params, "institution")) is not None:
        if params.get("institution_first"):
            rows = rows.alias(elsewhere=Case(When(institution_id=institution, then=0), default=1))
            first = ["elsewhere"]
        else:
            rows = rows.filter(institution_id=institution)
    return rows.select_related("institution").order_by(*first, "last_name", "first_name", "middle_name", "pk")


def search_people(rows: QuerySet, text: str) -> QuerySet:
    """Every word in a name or the institution; surnames that start with the first word come first (after
    the chosen institution's people when ``institution_first`` asked for them first)."""
    rows = search_words(rows, text, ("last_name", "first_name", "middle_name", "institution__short_name"))
    word = text.split()[0] if text.split() else ""
    starts = Q(last_name__startswith=word) | Q(last_name__startswith=word.capitalize())
    first = ["elsewhere"] if "elsewhere" in rows.query.annotations else []
    return rows.order_by(*first, Case(When(starts, then=0), default=1), "last_name", "first_name", "middle_name",
                         "pk")


register("pedagogues", queryset=pedagogues, search=search_people, label=pedagogue_label)


def institutions(user, params: dict) -> QuerySet:
    rows = Institution.objects.editable_by(user) if params.get("editable") else Institution.objects.for_user(user)
    if params.get("active"):
        rows = rows.active()
    if (municipality := _int(params, "municipality")) is not None:
        rows = rows.filter(municipality_id=municipality)
    return rows.select_related("municipality")


register(
    "institutions",
    queryset=institutions,
    search=lambda rows, text: search_words(rows, text, ("name", "short_name")),
    label=lambda institution: institution.short_name,
)


# --- the endpoint -------------------------------------------------------------------------------------

@login_required
@require_GET
def autocomplete(request: HttpRequest, kind: str) -> JsonResponse:
    """Return ``{"results": [{"id", "text"}], "more": bool}``: the first rows of the source matching ``q``."""
    source = SOURCES.get(kind)
    if source is None:
        raise Http404
    rows = source.queryset(request.user, request.GET)
    text = (request.GET.get("q") or "").strip()[:100]
    if text:
        rows = source.search(rows, text)
    found = list(rows[: LIMIT + 1])
    return JsonResponse({
        "results": [{"id": row.pk, "text": source.label(row)} for row in found[:LIMIT]],
        "more": len(found) > LIMIT,
    })


# --- widgets ------------------------------------------------------------------------------------------

class AutocompleteMixin:
    """A select that renders only its chosen options and is searched through ``/autocomplete/<kind>/``.

    ``params`` are fixed filters of the source (they must describe the same rows as the field's queryset);
    ``forward`` names fields of the same form whose current value is sent along (a dependent choice:
    the modules of the chosen programme), and whose change clears this one.
    """

    def __init__(self, kind: str, *, params: dict | None = None, forward: Iterable[str] = (), attrs=None):
        super().__init__(attrs=attrs)
        self.kind = kind
        self.params = {k: v for k, v in (params or {}).items() if v not in (None, "", False)}
        self.forward = tuple(forward)

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.params = dict(self.params)
        return copy

    @property
    def url(self) -> str:
        base = reverse("core:autocomplete", args=[self.kind])
        return f"{base}?{urlencode(self.params)}" if self.params else base

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = self.url
        if self.forward:
            attrs["data-autocomplete-forward"] = " ".join(self.forward)
        attrs["data-placeholder"] = _("Type a few letters to search…")
        attrs.pop("size", None)
        return attrs

    def optgroups(self, name, value, attrs=None):
        """Only the chosen options (and the empty one of an optional single choice)."""
        chosen = {str(v) for v in value if v not in (None, "")}
        choices = self.choices
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", not chosen, 0, attrs=attrs))
        queryset = getattr(choices, "queryset", None)
        if chosen and queryset is not None:
            field = choices.field
            key = field.to_field_name or "pk"
            ids = [parse_id(v) for v in chosen if parse_id(v)] if key == "pk" else list(chosen)
            for index, obj in enumerate(queryset.filter(**{f"{key}__in": ids}), start=1):
                option_value, label = choices.choice(obj)
                options.append(self.create_option(name, option_value, label, True, index, attrs=attrs))
        elif chosen:
            for index, (option_value, label) in enumerate(choices, start=1):
                if str(option_value) in chosen:
                    options.append(self.create_option(name, option_value, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        fallback_id = f"{(attrs or {}).get('id') or 'id_' + name}_text"
        hint = (_("Names separated by semicolons") if self.allow_multiple_selected
                else _("Surname and name, as on the list of pedagogues"))
        return html + format_html(
            '<noscript><label class="form-label small mt-1" for="{}">{}</label>'
            '<input type="text" class="form-control" id="{}" name="{}" placeholder="{}"></noscript>',
            fallback_id, _("Without JavaScript: type the name"), fallback_id, f"{name}__text", hint,
        )

    def _resolve(self, text: str) -> list[str]:
        """Return the ids of the rows of the field's queryset matching each typed name (for the no-JS box)."""
        queryset = getattr(self.choices, "queryset", None)
        source = SOURCES.get(self.kind)
        found = []
        for part in text.split(";") if self.allow_multiple_selected else [text]:
            part = part.strip()
            if not part or queryset is None or source is None:
                continue
            rows = list(source.search(queryset, part)[:2])
            # An ambiguous or unknown name is passed on as text: the field then refuses it as an invalid choice.
            found.append(str(rows[0].pk) if len(rows) == 1 else part)
        return found

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        text = (data.get(f"{name}__text") or "").strip()
        if text and not value:
            resolved = self._resolve(text)
            return resolved if self.allow_multiple_selected else (resolved[0] if resolved else text)
        return value

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and f"{name}__text" not in data


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass


def autocomplete_field(field: forms.Field, kind: str, *, params: dict | None = None, forward: Iterable[str] = ()):
    """Give a model choice field the autocomplete widget of its kind (keeping the field's queryset as the gate)."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = AutocompleteSelectMultiple if multiple else AutocompleteSelect
    css = field.widget.attrs.get("class", "")
    field.widget = widget_class(kind, params=params, forward=forward, attrs={"class": css} if css else None)
    source = SOURCES.get(kind)
    if source is not None:
        # The chosen option reads the same as the endpoint's answers.
        field.label_from_instance = source.label
    field.widget.choices = field.choices
    field.widget.is_required = field.required
    if multiple and not field.help_text:
        field.help_text = _("Type a few letters of a surname or an institution; choose several one by one.")
    return field
