import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter, offered_years
from core.models import Institution
from innovation.models import Level, Project, ProjectStatus, working_q


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    institution = IdChoiceFilter(label=_("Institution"), queryset=Institution.objects.none(), method="involving")
    year = IdChoiceFilter(label=_("Working in the year"), queryset=offered_years, method="working")

    class Meta:
        model = Project
        fields = ["q", "level", "status", "institution", "year"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        self.filters["institution"].queryset = Institution.objects.for_user(user)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def search(self, queryset, name, value):
        return queryset.search(value)

    def involving(self, queryset, name, value):
        return queryset.involving(value) if value else queryset

    def working(self, queryset, name, value):
        return queryset.filter(working_q(value)) if value else queryset
