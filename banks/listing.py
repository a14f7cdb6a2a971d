"""The list pattern of the innovation, expertise and banks pages: a django-filter
FilterSet (shared with the API) for search and filters, an allow-list of sort
keys, pagination, and the filtered rows exported to .xlsx with ``?export=xlsx``."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.shortcuts import render

PER_PAGE = 25


def sorted_by(request, queryset, sorts: dict[str, tuple[str, ...]], default: str):
    """Return (queryset, key): ordered by the allowed ``?sort=`` key (``-key`` descends)."""
    key = request.GET.get("sort", default)
    name = key.lstrip("-")
    if name not in sorts:
        key, name = default, default.lstrip("-")
    fields = sorts[name]
    if key.startswith("-"):
        fields = tuple(field[1:] if field.startswith("-") else "-" + field for field in fields)
    return queryset.order_by(*fields, "-pk" if key.startswith("-") else "pk"), key


def list_page(
    request,
    *,
    queryset,
    filterset_class,
    template: str,
    sorts: dict[str, tuple[str, ...]],
    default_sort: str,
    export: Callable | None = None,
    context: dict | None = None,
    per_page: int = PER_PAGE,
):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs
    rows, sort = sorted_by(request, rows, sorts, default_sort)
    if export and request.GET.get("export") == "xlsx":
        return export(rows)
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "rows": page.object_list, "sort": sort,
         "filtered": bool(filterset.is_bound and any(v for k, v in request.GET.items() if k not in ("page", "sort"))),
         **(context or {})},
    )
