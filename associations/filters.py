"""FilterSets shared by the list pages and the API, so both filter the same way."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter
from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from core.filters import visible_institutions
from core.models import Subject
from core.search import contains_q

from .models import Association
from .models import AssociationKind
from .models import Competition
from .models import Level
from .models import Meeting
from .models import MeetingFormat
from .models import MeetingKind
from .models import Participation
from .models import Product
from .models import ProductType
from .models import Result


def _name_q(prefix: str, word: str) -> Q:
    return contains_q([f"{prefix}{field}" for field in ("last_name", "first_name", "middle_name")], word)


class AssociationFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AssociationKind.choices, empty_label=_("Any kind"))
    subject = IdChoiceFilter(
        label=_("Subject area"), queryset=Subject.objects.all(), empty_label=_("Any subject")
    )
    year = IdChoiceFilter(
        label=_("Active in"), queryset=offered_years, method="filter_year", empty_label=_("Any year")
    )

    class Meta:
        model = Association
        fields = ["q", "kind", "subject", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.active_during(value) if value else queryset


ASSOCIATION_SORTS = {
    "title": ("title",),
    "kind": ("kind", "title"),
    "leader": ("leader__last_name", "title"),
    "started": ("started", "title"),
    "members": ("member_count", "title"),
}


AssociationPageFilter = page_filter(AssociationFilter, ASSOCIATION_SORTS)


class MeetingFilter(django_filters.FilterSet):
    association = django_filters.NumberFilter(field_name="association_id", label=_("Association"))
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Kind"))
    format = django_filters.ChoiceFilter(choices=MeetingFormat.choices, label=_("Format"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = Meeting
        fields = ["association", "kind", "format", "date_from", "date_to"]


class ProductFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("title",))
    type = django_filters.ChoiceFilter(choices=ProductType.choices, label=_("Type"), empty_label=_("Any type"))
    kind = django_filters.ChoiceFilter(
        field_name="association__kind", choices=AssociationKind.choices, label=_("Made by"), empty_label=_("Any kind")
    )
    year = IdChoiceFilter(
        label=_("Academic year"), queryset=offered_years, method="filter_year", empty_label=_("Any year")
    )
    association = django_filters.NumberFilter(
        field_name="association_id", label=_("Association"), widget=forms.HiddenInput
    )

    class Meta:
        model = Product
        fields = ["q", "type", "kind", "year", "association"]

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value) if value else queryset


PRODUCT_SORTS = {
    "title": ("title",),
    "type": ("type", "title"),
    "association": ("association__title", "title"),
    "created": ("created_on", "title"),
}


ProductPageFilter = page_filter(ProductFilter, PRODUCT_SORTS)


class CompetitionFilter(django_filters.FilterSet):
    q = SearchFilter()
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"), empty_label=_("Any level"))
    year = IdChoiceFilter(label=_("Academic year"), queryset=offered_years, empty_label=_("Any year"))

    class Meta:
        model = Competition
        fields = ["q", "level", "year"]


COMPETITION_SORTS = {
    "title": ("title", "-starts"),
    "level": ("level", "title"),
    "year": ("year__start_year", "title"),
    "starts": ("starts", "title"),
    "entries": ("entry_count", "title"),
}


CompetitionPageFilter = page_filter(CompetitionFilter, COMPETITION_SORTS)


class ParticipationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="filter_q")
    competition = django_filters.NumberFilter(
        field_name="competition_id", label=_("Competition"), widget=forms.HiddenInput
    )
    level = django_filters.ChoiceFilter(
        field_name="competition__level", choices=Level.choices, label=_("Level"), empty_label=_("Any level")
    )
    year = IdChoiceFilter(
        field_name="competition__year", label=_("Academic year"), queryset=offered_years, empty_label=_("Any year")
    )
    result = django_filters.ChoiceFilter(choices=Result.choices, label=_("Result"), empty_label=_("Any result"))
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, method="filter_institution",
        empty_label=_("Any institution"),
    )

    class Meta:
        model = Participation
        fields = ["q", "competition", "level", "year", "result", "institution"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                _name_q("participants__pedagogue__", word) | contains_q(("team_name", "competition__title"), word)
            )
        return queryset.distinct()

    def filter_institution(self, queryset, name, value):
        return queryset.filter(participants__institution=value).distinct() if value else queryset


PARTICIPATION_SORTS = {
    "competition": ("competition__title", "-competition__starts"),
    "year": ("competition__year__start_year", "competition__title"),
    "level": ("competition__level", "competition__title"),
    "result": ("result_rank", "competition__title"),
}


ParticipationPageFilter = page_filter(ParticipationFilter, PARTICIPATION_SORTS)
