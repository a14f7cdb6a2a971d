"""FilterSets shared by the pages and the API, so both filter the same way.

The choices of every reference filter (municipality, institution) come from the
user's scope, so a filter never offers what the user may not see.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import freshness
from core import params
from core.forms import BootstrapFormMixin
from core.freshness import query_key
from core.listing import ordering
from core.models import YOUNG_AGE
from core.models import AcademicYear
from core.models import Category
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.models import Pedagogue
from core.models import Position
from core.models import Subject
from core.search import words_q

# Every id and number filter of every FilterSet (pages and API) validates its value's range (core.params).
params.install()


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of one object by id; declared as an integer in the API schema even when the
    filter uses a method or a queryset decided per request."""


def offered_years(request=None):
    """The years a year filter offers: from the earliest year with records to the next one (a callable, so the
    choice follows the day the page is shown)."""
    return AcademicYear.objects.offered()


def _user(request):
    return getattr(request, "user", None)


def visible_municipalities(request) -> QuerySet:
    institutions = Institution.objects.for_user(_user(request))
    return Municipality.objects.filter(pk__in=institutions.values("municipality_id"))


def visible_institutions(request) -> QuerySet:
    return Institution.objects.for_user(_user(request)).natural()


class SortFilter(django_filters.CharFilter):
    """``?sort=name`` / ``?sort=-name``: order by a named set of fields (clickable column headers)."""

    def __init__(self, *args, sorts: dict[str, tuple[str, ...]], **kwargs):
        self.sorts = sorts
        kwargs.setdefault("label", _("Sort"))
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        terms = ordering(self.sorts, value) if value else None  # empty values last either way
        return qs if terms is None else qs.order_by(*terms, "pk")


class SearchFilter(django_filters.CharFilter):
    """``?q=``: every word of the text inside any of ``fields`` (``core.search.words_q``), or, without fields, the
    model's own ``QuerySet.search()``."""

    def __init__(self, *args, fields: tuple[str, ...] = (), **kwargs):
        self.fields = tuple(fields)
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(words_q(value, *self.fields)) if self.fields else qs.search(value)


class PlainFilterSet(django_filters.FilterSet):
    """A FilterSet whose form's controls carry Bootstrap's full-size classes: the public showcase's sidebar. The
    list pages' filter bars are ``page_filter`` FilterSets with the small controls of ``FilterForm``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class InstitutionFilter(django_filters.FilterSet):
    q = SearchFilter()
    type = django_filters.ChoiceFilter(label=_("Type"), choices=InstitutionType.choices, empty_label=_("Any type"))
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=visible_municipalities, empty_label=_("Any municipality")
    )
    active = django_filters.BooleanFilter(label=_("Active only"), field_name="is_active", widget=forms.CheckboxInput,
                                          method="filter_active")

    class Meta:
        model = Institution
        fields = ["q", "type", "municipality", "active"]

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=True) if value else queryset


class PedagogueFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"))
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution")
    )
    position = django_filters.ModelChoiceFilter(
        label=_("Position"), queryset=Position.objects.all(), empty_label=_("Any position")
    )
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=Subject.objects.all(), empty_label=_("Any subject")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=_("Any category")
    )
    under_35 = django_filters.BooleanFilter(label=_("Under 35"), method="filter_under_35", widget=forms.CheckboxInput)
    young_specialist = django_filters.BooleanFilter(
        label=_("Young specialist"),
        method="filter_young_specialist",
        widget=forms.CheckboxInput,
        help_text=_("Under 35 with less than 3 years of experience, newly appointed, or marked by a methodist"),
    )

    class Meta:
        model = Pedagogue
        fields = ["q", "institution", "position", "subject", "category", "under_35", "young_specialist"]

    def filter_under_35(self, queryset, name, value):
        return queryset.under_age(YOUNG_AGE, on=timezone.localdate()) if value else queryset

    def filter_young_specialist(self, queryset, name, value):
        return queryset.young_specialists(on=timezone.localdate()) if value else queryset


INSTITUTION_SORTS = {
    "name": ("sort_key",),
    "type": ("type", "sort_key"),
    "municipality": ("municipality__name", "sort_key"),
    "staff": ("staff_count", "sort_key"),
}

PEDAGOGUE_SORTS = {
    "name": ("last_name", "first_name", "middle_name"),
    "birth_date": ("birth_date", "last_name"),
    "institution": ("institution__sort_key", "last_name", "first_name"),
    "position": ("position__name", "last_name", "first_name"),
    "category": ("category", "last_name", "first_name"),
    "experience": ("experience_start", "last_name", "first_name"),
}


def cache_model_choices(form) -> None:
    """Give the form's plain model selects their options from the cache: one query each until a record changes
    (``core.freshness``), not on every page. The fields' querysets still check what is sent."""
    language = get_language()
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or type(field.widget) not in (forms.Select, forms.SelectMultiple):
            continue
        key = f"choices:{type(form).__module__}.{type(form).__qualname__}:{name}:{language}:{query_key(field.queryset)}"
        field.widget.choices = freshness.cached(
            key, lambda field=field: [(str(value), str(label)) for value, label in field.choices]
        )


def has_several(queryset) -> bool:
    """Whether the queryset holds more than one row (cached like the options of a select)."""
    return freshness.cached(f"several:{query_key(queryset)}", lambda: queryset[:2].count() > 1)


class FilterForm(BootstrapFormMixin, forms.Form):
    """The filter bar of a list page: small Bootstrap controls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            if "form-control" in css or "form-select" in css:
                field.widget.attrs["class"] = css + (" form-select-sm" if "form-select" in css else " form-control-sm")
        cache_model_choices(self)


def page_filter(filterset, sorts: dict[str, tuple[str, ...]]):
    """The list page's FilterSet: ``filterset`` (the one the API and the export use too) with the filter bar's
    form and ``?sort=`` over ``sorts``, named ``<Name>PageFilter``."""
    base_meta = getattr(filterset, "Meta", object)
    meta = type("Meta", (base_meta,), {"form": FilterForm, "fields": [*getattr(base_meta, "fields", []), "sort"]})
    name = filterset.__name__.removesuffix("Filter") + "PageFilter"
    attrs = {"sort": SortFilter(sorts=sorts), "Meta": meta, "__module__": filterset.__module__, "__qualname__": name}
    return type(filterset)(name, (filterset,), attrs)


class InstitutionPageFilter(page_filter(InstitutionFilter, INSTITUTION_SORTS)):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.several_municipalities = has_several(visible_municipalities(self.request))
        if not self.several_municipalities:
            self.filters.pop("municipality", None)


class PedagoguePageFilter(page_filter(PedagogueFilter, PEDAGOGUE_SORTS)):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A school sees one institution: a filter with a single choice is only noise.
        if not has_several(visible_institutions(self.request)):
            self.filters.pop("institution", None)
