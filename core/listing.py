"""The list page of every app: a scoped queryset filtered by a django-filter FilterSet (the same one the
API uses), sorted, paginated and rendered by a template that extends ``list_page.html``; the same rows are
exported from ``<list>/export/``.

    def programme_rows(request):
        return filtered(request, ProgrammeFilter, Programme.objects.for_user(request.user), "title")

    def programme_list(request):
        return list_page(request, "training/programme_list.html", programme_rows(request),
                         export="training:programme-export", context={"can_edit": ...})

    def programme_export(request):
        return workbook_response("programmes.xlsx", [programmes_sheet(programme_rows(request).qs)])

Sorting is the ``sort`` filter of the page's FilterSet (``core.filters.page_filter``; ``filtered()`` sets its
default); ``sorted_by()`` sorts rows that no page FilterSet sorts (the public showcase, by search relevance first).
An old link with ``?export=xlsx`` to a list with an export is redirected there.
"""

from collections.abc import Callable

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect
from django.shortcuts import render

from core.audit import AccessKind
from core.audit import log_access
from core.fragments import fragment

PAGE_SIZE = 25


def filtered(request, filterset_class, queryset, default_sort: str | None = None):
    """Return the bound filterset; its ``qs`` holds the rows the user filtered (and sorted)."""
    data = request.GET.copy()
    if default_sort:
        data.setdefault("sort", default_sort)
    return filterset_class(data, queryset=queryset, request=request)


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """Return the page of ``queryset`` that ``?page=`` asks for (the last one past the end, the first on junk).
    Rows without an order (a model without ``Meta.ordering`` and an unknown ``?sort=``) are paged by id, so a row
    never shows on two pages or on none."""
    if getattr(queryset, "ordered", True) is False:
        queryset = queryset.order_by("pk")
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def ordering(sorts: dict[str, tuple[str, ...]], key: str) -> list | None:
    """The ``order_by()`` terms of a sort key (``-key`` descends; empty values last either way, on every
    database), or None for a key that ``sorts`` does not allow. SortFilter and sorted_by() both order by it."""
    fields = sorts.get(key.lstrip("-"))
    if fields is None:
        return None
    if key.startswith("-"):
        return [F(field).desc(nulls_last=True) for field in fields]
    return [F(field).asc(nulls_last=True) for field in fields]


def sorted_by(request, queryset, sorts: dict[str, tuple[str, ...]], default: str, *, unsorted=None):
    """Return (queryset, key): ordered by the allowed ``?sort=`` key, else by ``default``. Without ``?sort=``,
    ``unsorted`` (order_by() fields with their tie-break, e.g. a search's relevance) orders the rows instead."""
    if unsorted and not request.GET.get("sort"):
        return queryset.order_by(*unsorted), ""
    key = request.GET.get("sort", default)
    terms = ordering(sorts, key)
    if terms is None:
        key, terms = default, ordering(sorts, default)
    return queryset.order_by(*terms, "-pk" if key.startswith("-") else "pk"), key


def is_filtered(request) -> bool:
    """Whether the query narrows the rows (anything but the page and the order)."""
    return any(value for key, value in request.GET.items() if key not in ("page", "sort"))


def export_redirect(request, url_name: str):
    """The old ``?export=xlsx`` (``?format=xlsx``) on a list URL: the same filters at the export URL, or None."""
    if "xlsx" not in (request.GET.get("export"), request.GET.get("format")):
        return None
    from django.urls import reverse

    params = request.GET.copy()
    params.pop("export", None)
    params.pop("format", None)
    params.pop("page", None)
    return redirect(reverse(url_name) + (f"?{params.urlencode()}" if params else ""))


def _effective_sort(request, filterset) -> str:
    """The order the rows are in: ``?sort=``, or the default that ``filtered()`` gave the FilterSet."""
    data = getattr(filterset, "data", None) or request.GET
    return data.get("sort", "")


def list_page(
    request,
    template: str,
    filterset=None,
    *,
    rows=None,
    sort: str | None = None,
    export: str | None = None,
    context: dict | Callable[[Page], dict] | None = None,
    per_page: int = PAGE_SIZE,
    cached: bool = False,
    log: str | None = None,
):
    """Render ``template`` (a child of ``list_page.html``) with one page of the rows.

    ``rows`` defaults to the filterset's rows (or is a function of the filterset returning them); ``export``
    names the URL of the list's export (its button carries the filters); ``context`` is a dict, or a function of
    the page for what depends on its rows. ``log`` names what the rows are for the access log (one
    row a request with the number of rows shown, core.audit.log_access).

    ``cached=True`` keeps the filters and the table (``core.fragments``) for the generation of the records, the
    viewer and the query string: a repeated request renders neither and asks no query of its rows. Only for a
    list whose filters and table come from the records and the viewer alone; ``filterset`` may then be a function
    returning it, and like a context function it is called only when the table is not cached (a dict holds what
    the rest of the page uses) — so a refusal (403) belongs to the view or its decorators, never to that function.
    """
    if export and (moved := export_redirect(request, export)):
        return moved
    body = fragment(request, template) if cached else None
    if body is not None and body.html is not None:
        page, extra, shown = None, context if isinstance(context, dict) else None, body.data["rows"]
        filterset, sort = None, ""  # only the cached fragment used them
    else:
        if callable(filterset):
            filterset = filterset()
        if rows is None:
            rows = filterset.qs
        elif callable(rows):
            rows = rows(filterset)
        page = paginate(request, rows, per_page)
        extra = context(page) if callable(context) else context
        if log or body is not None:
            shown = len(page.object_list)  # the rows the template shows: evaluated once, for both
        if body is not None:
            body.data["rows"] = shown
    if log:
        log_access(request, log, kind=AccessKind.LIST, rows=shown)
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "rows": page.object_list if page else None, "list_body": body,
         "sort": _effective_sort(request, filterset) if sort is None else sort, "filtered": is_filtered(request),
         "export_name": export, **(extra or {})},
    )
