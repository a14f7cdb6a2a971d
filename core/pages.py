"""The form page of every app: ``form_page()`` renders ``templates/form_page.html`` (or a child of it that
adds tabs or an intro) with the form, its title, where Cancel leads and the breadcrumbs before the title.

    return form_page(request, form, title=_("New provider"), back_url=reverse("training:provider-list"))
"""

from django.shortcuts import render


def form_page(request, form, *, title, back_url: str = "", breadcrumbs=(), multipart: bool = False,
              template: str = "form_page.html", **context):
    return render(request, template, {"form": form, "title": title, "back_url": back_url,
                                      "breadcrumbs": breadcrumbs, "multipart": multipart, **context})
