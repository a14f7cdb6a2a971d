"""The certificate list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter
from core.filters import page_filter
from core.filters import visible_institutions

from .models import Certificate
from .sources import Kind
from .sources import all_sources


class Status:
    VALID = "valid"
    REVOKED = "revoked"
    CHOICES = [(VALID, _("Valid")), (REVOKED, _("Revoked"))]


def _source_choices():
    return [(key, source.title) for key, source in all_sources().items()]


def _year_choices():
    years = (
        Certificate.objects.annotate(y=ExtractYear("event_date")).values_list("y", flat=True).distinct().order_by("-y")
    )
    return [(y, str(y)) for y in years]


class CertificateFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices, empty_label=_("Any kind"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.CHOICES, method="filter_status", empty_label=_("Any status")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), field_name="source_key", choices=_source_choices, empty_label=_("Any source")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year of the event"), choices=_year_choices, method="filter_year", empty_label=_("Any year")
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), field_name="holder__institution", queryset=visible_institutions,
        empty_label=_("Any institution"),
    )

    class Meta:
        model = Certificate
        fields = ["q", "kind", "status", "source", "year", "institution"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(event_date__year=int(value)) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == Status.VALID:
            return queryset.valid()
        if value == Status.REVOKED:
            return queryset.revoked()
        return queryset


CERTIFICATE_SORTS = {
    "number": ("year", "sequence"),
    "holder": ("holder_name",),
    "event": ("event_title", "holder_name"),
    "date": ("event_date", "holder_name"),
    "issued": ("issued_at", "sequence"),
}


CertificatePageFilter = page_filter(CertificateFilter, CERTIFICATE_SORTS)
