"""FilterSets shared by the pages and the API; reference choices come from the user's scope."""

import django_filters
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filters import FilterForm
from core.filters import IdChoiceFilter
from core.filters import SearchFilter
from core.filters import SortFilter
from core.filters import offered_years
from core.filters import visible_institutions
from core.models import Category
from core.models import Employment
from core.models import Pedagogue
from mentoring.models import Attestation
from mentoring.models import AttestationResult
from mentoring.models import MentoringForm
from mentoring.models import Pair
from mentoring.models import PairStatus
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Programme
from mentoring.models import RequesterKind
from mentoring.models import Session
from mentoring.models import SessionKind
from mentoring.models import SupportRequest

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def mentee_exists(start, end=None) -> Exists:
    """True for pedagogues who are mentees of a pair active at some time between the days."""
    return Exists(Participant.objects.filter(
        pedagogue=OuterRef("pk"), role=ParticipantRole.MENTEE,
        pair__in=Pair.objects.during(start, end or start).values("pk"),
    ))


class YoungSpecialistFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"))
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution"),
        method="filter_institution",
    )
    mentor = django_filters.ChoiceFilter(
        label=_("Has a mentor"), choices=YES_NO, method="filter_mentor", empty_label=_("Any")
    )
    year = IdChoiceFilter(
        label=_("Academic year"), queryset=offered_years, method="filter_noop",
        empty_label=_("Now"),
    )
    sort = SortFilter(sorts={
        "name": ("last_name", "first_name", "middle_name"),
        "institution": ("institution__sort_key", "last_name"),
        "birth_date": ("birth_date", "last_name"),
        "experience": ("experience_start", "last_name"),
    })

    class Meta:
        model = Pedagogue
        form = FilterForm
        fields = ["q", "institution", "mentor", "year", "sort"]

    def __init__(self, *args, period: tuple | None = None, **kwargs):
        today = timezone.localdate()
        self.period = period or (today, today)  # (first day, last day) in which a pair counts
        super().__init__(*args, **kwargs)

    def filter_institution(self, queryset, name, value):
        start, end = self.period
        return queryset.filter(Exists(Employment.objects.filter(
            employed_during_q_dates(start, end), pedagogue=OuterRef("pk"), institution=value)))

    def filter_mentor(self, queryset, name, value):
        condition = Q(mentee_exists(*self.period))
        return queryset.filter(condition) if value == "yes" else queryset.exclude(condition)

    def filter_noop(self, queryset, name, value):
        return queryset  # the view applies the year (the base rows depend on it)


def employed_during_q_dates(start, end) -> Q:
    return Q(hired__lte=end) & (Q(left__isnull=True) | Q(left__gte=start))


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="ucontains")
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution")
    )
    sort = SortFilter(sorts={
        "title": ("title",), "institution": ("institution__sort_key", "title"), "start": ("start", "title"),
    })

    class Meta:
        model = Programme
        form = FilterForm
        fields = ["q", "institution", "sort"]


class PairFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"))
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution")
    )
    form = IdChoiceFilter(
        label=_("Form"), queryset=MentoringForm.objects.all(), empty_label=_("Any form")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PairStatus.choices, method="filter_status", empty_label=_("Any status")
    )
    year = IdChoiceFilter(
        label=_("Academic year"), queryset=offered_years, method="filter_year",
        empty_label=_("Any year"),
    )
    silent = django_filters.BooleanFilter(label=_("Nothing logged for a month"), method="filter_silent")
    sort = SortFilter(sorts={
        "start": ("start",), "end": ("end", "start"), "institution": ("institution__sort_key", "start"),
        "form": ("form__order", "start"),
    })

    class Meta:
        model = Pair
        form = FilterForm
        fields = ["q", "institution", "form", "status", "year", "silent", "sort"]

    def filter_silent(self, queryset, name, value):
        if value is None:
            return queryset
        silent = queryset.silent(timezone.localdate())
        return queryset.filter(pk__in=silent.values("pk")) if value else queryset.exclude(pk__in=silent.values("pk"))

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        finished = Q(end__lt=today)
        return queryset.filter(finished) if value == PairStatus.FINISHED else queryset.exclude(finished)

    def filter_year(self, queryset, name, value):
        return queryset.during(value.start, value.end)


class SupportRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="topic", lookup_expr="ucontains")
    requester_kind = django_filters.ChoiceFilter(
        label=_("Who asks"), choices=RequesterKind.choices, empty_label=_("Anyone")
    )
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[("open", pgettext_lazy("state", "Open")), ("closed", _("Closed"))], method="filter_state",
        empty_label=_("Any"),
    )
    sort = SortFilter(sorts={"received": ("received_on",), "closed": ("closed_on", "received_on"),
                             "topic": ("topic",)})

    class Meta:
        model = SupportRequest
        form = FilterForm
        fields = ["q", "requester_kind", "institution", "state", "sort"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == "open")


class SessionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="topic", lookup_expr="ucontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SessionKind.choices, empty_label=_("Any kind"))
    year = IdChoiceFilter(
        label=_("Academic year"), queryset=offered_years, method="filter_year",
        empty_label=_("Any year"),
    )
    sort = SortFilter(sorts={"date": ("date",), "topic": ("topic", "date"), "attended": ("attended", "date")})

    class Meta:
        model = Session
        form = FilterForm
        fields = ["q", "kind", "year", "sort"]

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)


class AttestationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="filter_q")
    institution = IdChoiceFilter(
        label=_("Institution"), field_name="pedagogue__institution", queryset=visible_institutions,
        empty_label=_("Any institution"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category sought"), choices=[c for c in Category.choices if c[0] != Category.NONE],
        empty_label=_("Any category"),
    )
    result = django_filters.ChoiceFilter(label=_("Result"), choices=AttestationResult.choices,
                                         empty_label=_("Any result"))
    year = IdChoiceFilter(
        label=_("Academic year"), queryset=offered_years, method="filter_year",
        empty_label=_("Any year"),
    )
    sort = SortFilter(sorts={
        "date": ("date", "applied_on"), "applied": ("applied_on",),
        "name": ("pedagogue__last_name", "pedagogue__first_name"),
    })

    class Meta:
        model = Attestation
        form = FilterForm
        fields = ["q", "institution", "category", "result", "year", "sort"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(pedagogue__in=Pedagogue.objects.search(value).values("pk"))

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(date__range=(value.start, value.end))
                               | Q(date__isnull=True, applied_on__range=(value.start, value.end)))


# The first choice is what the list shows without a choice (see ``within_days``).
HORIZONS = [("365", _("Within a year")), ("180", _("Within 6 months")), ("90", _("Within 3 months")),
            ("0", _("Overdue"))]


class DueFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search by name"))
    institution = IdChoiceFilter(
        label=_("Institution"), queryset=visible_institutions, empty_label=_("Any institution")
    )
    category = django_filters.ChoiceFilter(label=_("Current category"), choices=Category.choices,
                                           empty_label=_("Any category"))
    within = django_filters.ChoiceFilter(label=_("Due"), choices=HORIZONS, method="filter_noop",
                                         empty_label=None)
    sort = SortFilter(sorts={
        "category_date": ("category_date", "last_name"), "name": ("last_name", "first_name"),
        "institution": ("institution__sort_key", "last_name"),
    })

    class Meta:
        model = Pedagogue
        form = FilterForm
        fields = ["q", "institution", "category", "within", "sort"]

    def filter_noop(self, queryset, name, value):
        return queryset  # the view applies the horizon (it needs the day)

    @property
    def within_days(self) -> int:
        value = self.form.cleaned_data.get("within") if self.form.is_valid() else None
        return int(value) if value not in (None, "") else 365
