import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter, PlainFilterSet, SearchFilter, offered_years, visible_institutions
from innovation.models import Level, Project, ProjectStatus, working_q


class ProjectFilter(PlainFilterSet):
    q = SearchFilter()
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    institution = IdChoiceFilter(label=_("Institution"), queryset=visible_institutions, method="involving")
    year = IdChoiceFilter(label=_("Working in the year"), queryset=offered_years, method="working")

    class Meta:
        model = Project
        fields = ["q", "level", "status", "institution", "year"]

    def involving(self, queryset, name, value):
        return queryset.involving(value) if value else queryset

    def working(self, queryset, name, value):
        return queryset.filter(working_q(value)) if value else queryset
