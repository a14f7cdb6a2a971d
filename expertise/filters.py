import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter, offered_years
from core.models import Institution
from expertise.models import Decision, Expert, RequestType, ReviewRequest, Status


def _style(form):
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class RequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    type = django_filters.ChoiceFilter(label=_("Type"), choices=RequestType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    decision = django_filters.ChoiceFilter(label=_("Conclusion"), choices=Decision.choices)
    institution = IdChoiceFilter(label=_("Institution"), queryset=Institution.objects.none())
    concluded_in = IdChoiceFilter(
        label=_("Concluded in the year"), queryset=offered_years, method="concluded"
    )

    class Meta:
        model = ReviewRequest
        fields = ["q", "type", "status", "decision", "institution", "concluded_in"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["institution"].queryset = Institution.objects.for_user(request.user if request else None)
        _style(self.form)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def concluded(self, queryset, name, value):
        return queryset.concluded_in(value) if value else queryset


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    active = django_filters.BooleanFilter(label=_("In the register now"), method="active_now")

    class Meta:
        model = Expert
        fields = ["q", "active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        _style(self.form)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def active_now(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        active = queryset.active_on(timezone.localdate())
        return active if value else queryset.exclude(pk__in=active.values("pk"))
