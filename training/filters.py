"""FilterSets of the training lists, shared by the pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter
from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from core.filters import visible_institutions
from core.models import Position
from training.models import AccountStatus
from training.models import Competency
from training.models import Completion
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import Format
from training.models import Programme
from training.models import Provider
from training.models import ProviderType
from training.models import Route


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter()
    provider = IdChoiceFilter(label=_("Provider"), queryset=Provider.objects.all(),
                                                empty_label=_("Any provider"))
    provider_type = django_filters.ChoiceFilter(label=_("Provider type"), field_name="provider__type",
                                                choices=ProviderType.choices, empty_label=_("Any type"))
    format = django_filters.ChoiceFilter(label=_("Format"), choices=Format.choices, empty_label=_("Any format"))
    competency = IdChoiceFilter(label=_("Competency"), field_name="competencies",
                                                  queryset=Competency.objects.all(), empty_label=_("Any competency"))
    position = IdChoiceFilter(label=_("Position"), field_name="target_positions",
                                                queryset=Position.objects.all(), empty_label=_("Any position"))
    federal_register = django_filters.BooleanFilter(label=_("Federal register"), widget=forms.CheckboxInput,
                                                    method="filter_federal")
    active = django_filters.BooleanFilter(label=_("Offered only"), widget=forms.CheckboxInput, method="filter_active")

    class Meta:
        model = Programme
        fields = ["q", "provider", "provider_type", "format", "competency", "position", "federal_register", "active"]

    def filter_federal(self, queryset, name, value):
        return queryset.filter(federal_register=True) if value else queryset

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=True) if value else queryset


class CompletionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("pedagogue__last_name", "pedagogue__first_name", "programme__title", "certificate_number"))
    year = IdChoiceFilter(label=_("Academic year"), queryset=offered_years, method="filter_year",
                                            empty_label=_("Any year"))
    institution = IdChoiceFilter(label=_("Institution"), field_name="pedagogue__institution",
                                                   queryset=visible_institutions, empty_label=_("Any institution"))
    provider_type = django_filters.ChoiceFilter(label=_("Provider type"), field_name="programme__provider__type",
                                                choices=ProviderType.choices, empty_label=_("Any type"))
    programme = IdChoiceFilter(label=_("Programme"), queryset=Programme.objects.all(),
                                                 empty_label=_("Any programme"))

    class Meta:
        model = Completion
        fields = ["q", "year", "institution", "provider_type", "programme"]

    def filter_year(self, queryset, name, value):
        return queryset.finished_in(value) if value else queryset


class AccountFilter(django_filters.FilterSet):
    """Filters of the hour-account list (a Pedagogue queryset annotated by ``with_hour_account``)."""

    q = SearchFilter(label=_("Search by name"))
    institution = IdChoiceFilter(label=_("Institution"), queryset=visible_institutions,
                                                   empty_label=_("Any institution"))
    status = django_filters.ChoiceFilter(label=_("Status"), field_name="pd_status", choices=AccountStatus.choices,
                                         empty_label=_("Any status"))
    no_pd = django_filters.BooleanFilter(label=_("No PD in the window"), widget=forms.CheckboxInput,
                                         method="filter_no_pd")
    # The day the account is read on; the view annotates with it, the filter only carries it in the form.
    on = django_filters.DateFilter(label=_("As of"), method="filter_on",
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def filter_no_pd(self, queryset, name, value):
        return queryset.filter(pd_status__in=[AccountStatus.NOTHING, AccountStatus.OVERDUE]) if value else queryset

    def filter_on(self, queryset, name, value):
        return queryset


NAME_FIELDS = ("pedagogue__last_name", "pedagogue__first_name")


class DiagnosisFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"), fields=NAME_FIELDS)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DiagnosisKind.choices, empty_label=_("Any kind"))
    year = IdChoiceFilter(label=_("Academic year"), queryset=offered_years, empty_label=_("Any year"))
    institution = IdChoiceFilter(label=_("Institution"), field_name="pedagogue__institution",
                                                   queryset=visible_institutions, empty_label=_("Any institution"))

    class Meta:
        model = Diagnosis
        fields = ["q", "kind", "year", "institution"]


class RouteFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"), fields=NAME_FIELDS)
    year = IdChoiceFilter(label=_("Academic year"), queryset=offered_years, empty_label=_("Any year"))
    institution = IdChoiceFilter(label=_("Institution"), field_name="pedagogue__institution",
                                                   queryset=visible_institutions, empty_label=_("Any institution"))
    to_review = django_filters.BooleanFilter(label=_("Evidence to review"), widget=forms.CheckboxInput,
                                             method="filter_to_review")

    class Meta:
        model = Route
        fields = ["q", "year", "institution", "to_review"]

    def filter_to_review(self, queryset, name, value):
        return queryset.filter(items__status="submitted").distinct() if value else queryset


PROGRAMME_SORTS = {"title": ("title",), "provider": ("provider__name", "title"), "hours": ("hours", "title")}
COMPLETION_SORTS = {
    "finished": ("finished",),
    "name": ("pedagogue__last_name", "pedagogue__first_name"),
    "programme": ("programme__title",),
    "hours": ("hours",),
}
ACCOUNT_SORTS = {
    "name": ("last_name", "first_name", "middle_name"),
    "institution": ("institution__sort_key", "last_name"),
    "hours": ("window_hours", "last_name"),
    "last_pd": ("last_pd", "last_name"),
}
DIAGNOSIS_SORTS = {
    "name": ("pedagogue__last_name", "pedagogue__first_name"),
    "completed": ("completed_at",),
    "year": ("year__start_year", "pedagogue__last_name"),
}
ROUTE_SORTS = {"name": ("pedagogue__last_name", "pedagogue__first_name"), "year": ("year__start_year",)}


ProgrammePageFilter = page_filter(ProgrammeFilter, PROGRAMME_SORTS)
CompletionPageFilter = page_filter(CompletionFilter, COMPLETION_SORTS)
AccountPageFilter = page_filter(AccountFilter, ACCOUNT_SORTS)
DiagnosisPageFilter = page_filter(DiagnosisFilter, DIAGNOSIS_SORTS)
RoutePageFilter = page_filter(RouteFilter, ROUTE_SORTS)
