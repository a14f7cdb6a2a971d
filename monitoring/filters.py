"""The filter bars of monitoring's lists: the orders and the tasks (order assignments), built like every list."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from monitoring.models import Assignment
from monitoring.models import AssignmentStatus
from monitoring.models import Order
from monitoring.models import OrderStatus

OVERDUE = "overdue"


class OrderFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("number", "title"), label=_("Number or title"))
    year = django_filters.ModelChoiceFilter(label=_("Year"), queryset=offered_years, empty_label=_("Any"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrderStatus.choices, empty_label=_("Any"))

    class Meta:
        model = Order
        fields = ["q", "year", "status"]


ORDER_SORTS = {"date": ("date",), "number": ("number",), "status": ("status",), "created_at": ("created_at",)}
OrderPageFilter = page_filter(OrderFilter, ORDER_SORTS)


class TaskFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("text",))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[*AssignmentStatus.choices, (OVERDUE, _("Overdue"))], empty_label=_("Any"),
        method="with_status",
    )
    # ``?all=1``: every assignment of the municipality instead of the user's own. The view decides whom it may
    # show (the municipality's roles only); the field keeps the choice when the filters are applied.
    all = django_filters.CharFilter(widget=forms.HiddenInput, method="as_given")

    class Meta:
        model = Assignment
        fields = ["q", "status", "all"]

    def with_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue(timezone.localdate())
        return queryset.filter(status=value) if value else queryset

    def as_given(self, queryset, name, value):
        return queryset


# Without ?sort=: in the order of the work — in progress, reported, done (``task_rows`` ranks the statuses) — then
# the nearest deadline.
TASK_SORTS = {"status": ("status_rank", "deadline"), "deadline": ("deadline",)}
TaskPageFilter = page_filter(TaskFilter, TASK_SORTS)
