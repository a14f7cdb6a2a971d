import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter
from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from core.filters import visible_institutions
from innovation.models import Level
from innovation.models import Project
from innovation.models import ProjectStatus
from innovation.models import working_q


class ProjectFilter(django_filters.FilterSet):
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


PROJECT_SORTS = {
    "title": ("title",), "institution": ("institution__sort_key",), "level": ("level",),
    "status": ("status",), "start": ("start",), "participants": ("participant_count",),
}
ProjectPageFilter = page_filter(ProjectFilter, PROJECT_SORTS)
