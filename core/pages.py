"""The pages of every app: ``form_page()`` renders ``templates/form_page.html`` (or a child of it that adds
tabs or an intro) with the form, its title, where Cancel leads and the breadcrumbs before the title;
``crud_paths()`` spells out the usual routes of a model's pages for an app's ``urls.py``.

    return form_page(request, form, title=_("New provider"), back_url=reverse("training:provider-list"))
"""

from django.shortcuts import render
from django.urls import path

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
