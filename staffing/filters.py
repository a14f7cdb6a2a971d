"""FilterSets of the staffing pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filters import FilterForm
from core.filters import SearchFilter
from core.filters import SortFilter
from core.filters import offered_years
from core.models import Institution
from core.models import InstitutionType
from staffing.models import Campaign
from staffing.models import CampaignStatus
from staffing.models import DocumentStatus
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import SubmissionStatus


class CampaignFilter(django_filters.FilterSet):
    q = SearchFilter()
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CampaignStatus.choices, empty_label=_("Any status"))
    year = django_filters.ModelChoiceFilter(
        label=_("Academic year"), queryset=offered_years, empty_label=_("Any year")
    )
    sort = SortFilter(sorts={
        "as_of": ("as_of", "title"), "title": ("title",), "deadline": ("deadline", "title"),
        "year": ("year__start_year", "as_of"), "status": ("status", "as_of"),
    })

    class Meta:
        model = Campaign
        form = FilterForm
        fields = ["q", "status", "year", "sort"]


STATUS_CHOICES = [("not_started", pgettext_lazy("staffing submission", "Not started")), *SubmissionStatus.choices]


class CompletenessFilter(django_filters.FilterSet):
    """Filters the campaign's required institutions, annotated with ``submission_status``."""

    q = SearchFilter(label=_("Institution"))
    type = django_filters.ChoiceFilter(label=_("Type"), choices=InstitutionType.choices, empty_label=_("Any type"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any status"),
                                         field_name="submission_status")
    sort = SortFilter(sorts={
        "name": ("sort_key",), "type": ("type", "sort_key"), "status": ("submission_status", "sort_key"),
        "submitted": ("submitted_at", "sort_key"), "posts": ("posts", "sort_key"),
    })

    class Meta:
        model = Institution
        form = FilterForm
        fields = ["q", "type", "status", "sort"]


class SubmissionFilter(django_filters.FilterSet):
    campaign = django_filters.NumberFilter(field_name="campaign_id")
    institution = django_filters.NumberFilter(field_name="institution_id")
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["campaign", "institution", "status"]


class DocumentFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("title", "number"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DocumentStatus.choices, empty_label=_("Any status"))
    sort = SortFilter(sorts={"date": ("date", "title"), "title": ("title",), "number": ("number", "title"),
                             "status": ("status", "title")})

    class Meta:
        model = RegulatoryDocument
        form = FilterForm
        fields = ["q", "status", "sort"]
