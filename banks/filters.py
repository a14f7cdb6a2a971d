import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from banks.models import Kind
from core.filters import PlainFilterSet
from core.filters import SearchFilter
from core.filters import offered_years
from core.filters import page_filter
from core.filters import visible_institutions
from core.models import Subject


class ItemFilter(django_filters.FilterSet):
    """Search and facets of the banks; the showcase uses it without ``status`` and ``institution``."""

    q = SearchFilter()
    bank = django_filters.ChoiceFilter(label=_("Bank"), choices=Bank.choices)
    subject = django_filters.ModelChoiceFilter(label=_("Subject area"), queryset=Subject.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Kind.choices)
    year = django_filters.ModelChoiceFilter(label=_("Year"), queryset=offered_years)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ItemStatus.choices)
    institution = django_filters.ModelChoiceFilter(label=_("Institution"), queryset=visible_institutions)
    recommended = django_filters.BooleanFilter(
        label=_("Recommended by the expert council"), field_name="recommended_on", lookup_expr="isnull", exclude=True,
        widget=forms.Select(choices=[("", "---------"), ("true", _("yes")), ("false", _("no"))]),
    )

    class Meta:
        model = Item
        fields = ["q", "bank", "subject", "kind", "year", "status", "institution", "recommended"]


ITEM_SORTS = {
    "title": ("title",), "bank": ("bank",), "institution": ("institution__sort_key",), "year": ("year__start_year",),
    "status": ("status",), "published": ("published_on",), "created": ("created_at",),
}
ItemPageFilter = page_filter(ItemFilter, ITEM_SORTS)


class ShowcaseFilter(PlainFilterSet, ItemFilter):
    """The public showcase's sidebar (full-size controls) over published items: no status or institution."""

    class Meta(ItemFilter.Meta):
        fields = ["q", "bank", "subject", "kind", "year", "recommended"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["status"]
        del self.filters["institution"]
        self.form.fields.pop("status", None)
        self.form.fields.pop("institution", None)


def facets(queryset) -> dict[str, list[dict]]:
    """Return counts of the filtered items per bank, subject area, type and year (four queries)."""
    queryset = queryset.order_by()
    if "search_rank" in queryset.query.annotations:
        queryset = Item.objects.filter(pk__in=queryset.values("pk"))
    bank_labels, kind_labels = dict(Bank.choices), dict(Kind.choices)
    return {
        "bank": [
            {"value": row["bank"], "label": bank_labels.get(row["bank"], row["bank"]), "count": row["n"]}
            for row in queryset.values("bank").annotate(n=Count("pk")).order_by("bank")
        ],
        "subject": [
            {"value": row["subject"], "label": row["subject__name"], "count": row["n"]}
            for row in queryset.filter(subject__isnull=False).values("subject", "subject__name")
            .annotate(n=Count("pk")).order_by("-n", "subject__name")[:15]
        ],
        "kind": [
            {"value": row["kind"], "label": kind_labels.get(row["kind"], row["kind"]), "count": row["n"]}
            for row in queryset.values("kind").annotate(n=Count("pk")).order_by("-n")
        ],
        "year": [
            {"value": row["year"], "label": f"{row['year__start_year']}/{row['year__start_year'] + 1}", "count": row["n"]}
            for row in queryset.values("year", "year__start_year").annotate(n=Count("pk")).order_by("-year__start_year")
        ],
    }
