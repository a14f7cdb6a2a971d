"""The pages of every app: ``form_page()`` renders ``templates/form_page.html`` (or a child of it that adds
tabs or an intro) with the form, its title, where Cancel leads and the breadcrumbs before the title;
``edit_page()`` is that page for a form that saves one record (saved → a message and a redirect);
``editable_record()`` gives the record a user sees and may change (404 / 403 otherwise); ``record_views()``
makes the create, edit and delete views of a record one form page writes; ``crud_paths()`` spells out the usual
routes of a model's pages for an app's ``urls.py``.

    return form_page(request, form, title=_("New provider"), back_url=reverse("training:provider-list"))
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import path
from django.urls import reverse

from core.deletion import confirm_delete
from core.scoping import role_required

# The routes of a model's pages below its prefix: the URL name is ``<name>-<page>``, the view ``<name>_<page>``.
CRUD_ROUTES = {
    "list": "",
    "export": "export/",
    "create": "new/",
    "detail": "<int:pk>/",
    "edit": "<int:pk>/edit/",
    "delete": "<int:pk>/delete/",
}


def crud_paths(prefix: str, views, name: str, pages: str = "list export create detail edit delete", *,
               list_route: str | None = None, **view_of) -> list:
    """The ``path()``s of ``name``'s pages under ``prefix`` (``"programmes/"``), in the order of ``pages``:

        *crud_paths("programmes/", views, "programme"),                 # training:programme-list … -delete
        *crud_paths("providers/", views, "provider", "list create edit delete",
                    create=views.provider_form, edit=views.provider_form),

    Each page's view is ``views.<name>_<page>`` unless given by keyword (``create=views.item_edit``);
    ``list_route`` puts the list elsewhere than at ``prefix`` (an app's first page at ``""``).
    """
    routes = []
    for page in pages.split():
        route = list_route if page == "list" and list_route is not None else prefix + CRUD_ROUTES[page]
        view = view_of.get(page) or getattr(views, f"{name}_{page}")
        routes.append(path(route, view, name=f"{name}-{page}"))
    return routes


def form_page(request, form, *, title, back_url: str = "", breadcrumbs=(), multipart: bool = False,
              template: str = "form_page.html", **context):
    return render(request, template, {"form": form, "title": title, "back_url": back_url,
                                      "breadcrumbs": breadcrumbs, "multipart": multipart, **context})


def edit_page(request, form, *, saved: str | Callable[[Model], str], title, back_url: str = "",
              success_url: str | None = None, save: Callable | None = None, **page):
    """The page of a form that saves one record: ``form_page()`` until the form is POSTed valid, then
    ``save(form)`` (``form.save()`` by default), the message ``saved`` (a text, or a function of the saved
    record) and a redirect to ``success_url`` (by default the record's own page). A ``ValidationError`` of
    ``save`` (a rule a service checks while saving) shows on the form like its own errors.

        return edit_page(request, SessionForm(request.POST or None, instance=instance, user=request.user),
                         saved=_("The session is saved."), title=title, back_url=back)
    """
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form) if save else form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved(record) if callable(saved) else saved)
            return redirect(success_url or record)
    return form_page(request, form, title=title, back_url=back_url, **page)


def record_views(form_view: Callable, rows: Callable[..., QuerySet], *, roles: tuple, list_url: str,
                 edit_url: str = "", allowed: Callable | None = None) -> tuple[Callable, Callable, Callable]:
    """The create, edit and delete views of a record that one form page writes, for the app's ``urls.py``:

        support_create, support_update, support_delete = record_views(
            _support_form, lambda user: SupportRequest.objects.for_user(user), roles=MUNICIPAL_ROLES,
            allowed=can_edit_municipal, list_url="mentoring:support-list", edit_url="mentoring:support-update")

    ``form_view(request, instance)`` renders and saves the form (``instance`` ``None`` to create); ``rows(user)``
    are the records the user may change (404 outside); the pages are for ``roles`` (``role_required``) and, when
    ``allowed(user)`` is given, only for whom it allows (403). The deletion (``confirm_delete``) returns to
    ``list_url``; its Cancel leads to ``edit_url`` (a URL name taking the record's pk), else the record's page.
    """
    def check(request) -> None:
        if allowed is not None and not allowed(request.user):
            raise PermissionDenied

    @role_required(*roles)
    def create(request):
        check(request)
        return form_view(request, None)

    @role_required(*roles)
    def edit(request, pk: int):
        check(request)
        return form_view(request, get_object_or_404(rows(request.user), pk=pk))

    @role_required(*roles)
    def delete(request, pk: int):
        check(request)
        record = get_object_or_404(rows(request.user), pk=pk)
        return confirm_delete(request, record, success_url=reverse(list_url),
                              cancel_url=reverse(edit_url, args=[pk]) if edit_url else None)

    return create, edit, delete


def editable_record(request, queryset: QuerySet, pk: int, message: str | None = None):
    """The record ``pk`` of ``queryset`` (the rows the user sees: 404 outside) if the user may change it
    (its model's ``editable_by(user)``: 403 with ``message`` otherwise)."""
    record = get_object_or_404(queryset, pk=pk)
    if not queryset.model.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied(message) if message else PermissionDenied
    return record
