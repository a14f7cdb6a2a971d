import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import IdChoiceFilter
from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from core.filters import visible_institutions
from expertise.models import Decision
from expertise.models import Expert
from expertise.models import RequestType
from expertise.models import ReviewRequest
from expertise.models import Status


class RequestFilter(django_filters.FilterSet):
    q = SearchFilter()
    type = django_filters.ChoiceFilter(label=_("Type"), choices=RequestType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    decision = django_filters.ChoiceFilter(label=_("Conclusion"), choices=Decision.choices)
    institution = IdChoiceFilter(label=_("Institution"), queryset=visible_institutions)
    concluded_in = IdChoiceFilter(
        label=_("Concluded in the year"), queryset=offered_years, method="concluded"
    )

    class Meta:
        model = ReviewRequest
        fields = ["q", "type", "status", "decision", "institution", "concluded_in"]

    def concluded(self, queryset, name, value):
        return queryset.concluded_in(value) if value else queryset


REQUEST_SORTS = {
    "title": ("title",), "type": ("type",), "institution": ("institution__sort_key",),
    "submitted": ("submitted_on",), "status": ("status",), "deadline": ("deadline",), "score": ("combined_score",),
}
RequestPageFilter = page_filter(RequestFilter, REQUEST_SORTS)


class ExpertFilter(django_filters.FilterSet):
    q = SearchFilter()
    active = django_filters.BooleanFilter(label=_("In the register now"), method="active_now")

    class Meta:
        model = Expert
        fields = ["q", "active"]

    def active_now(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        active = queryset.active_on(timezone.localdate())
        return active if value else queryset.exclude(pk__in=active.values("pk"))


EXPERT_SORTS = {"name": ("pedagogue__last_name", "pedagogue__first_name"), "since": ("active_from",),
                "reviews": ("reviews_done",)}
ExpertPageFilter = page_filter(ExpertFilter, EXPERT_SORTS)
