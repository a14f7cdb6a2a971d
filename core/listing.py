"""The list page of every app: a scoped queryset filtered by a django-filter FilterSet (the same one the
API uses), sorted by an allow-list of keys, paginated, and exported from ``<list>/export/``.

    def programme_list(request):
        filterset = filtered(request, ProgrammeFilter, Programme.objects.for_user(request.user), "title")
        return render(request, "training/programme_list.html",
                      {"filter": filterset, "page": paginate(request, filterset.qs)})

``list_page()`` does the same in one call for FilterSets without a ``sort`` filter of their own, with the
sort keys given as ``{key: (field, ...)}``.
"""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.shortcuts import render

PAGE_SIZE = 25


def filtered(request, filterset_class, queryset, default_sort: str | None = None):
    """Return the bound filterset; its ``qs`` holds the rows the user filtered (and sorted)."""
    data = request.GET.copy()
    if default_sort:
        data.setdefault("sort", default_sort)
    return filterset_class(data, queryset=queryset, request=request)


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """Return the page of ``queryset`` that ``?page=`` asks for (the last one past the end, the first on junk)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


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
    per_page: int = PAGE_SIZE,
):
    """Render ``template`` with the filter, the sorted page of rows and whether anything is filtered."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows, sort = sorted_by(request, filterset.qs, sorts, default_sort)
    if export and request.GET.get("export") == "xlsx":
        return export(rows)
    page = paginate(request, rows, per_page)
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "rows": page.object_list, "sort": sort,
         "filtered": bool(filterset.is_bound and any(v for k, v in request.GET.items() if k not in ("page", "sort"))),
         **(context or {})},
    )
