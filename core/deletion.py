"""Delete what you can create, behind one confirmation page that says what else goes with the record.

``confirm_delete(request, record, success_url=...)`` is called by an app's delete view after its own
permission check (the record comes from ``for_user``/``editable_by``). GET shows the page: the record,
every dependent record that is deleted with it (Django admin's ``NestedObjects`` collector, the same
cascade the database delete follows) and the records that prevent the deletion (PROTECT). POST deletes
in one transaction and redirects. The change history stays: ``simple_history`` writes a «deleted» row
for the record and for each dependant that has a history.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db import transaction
from django.db.models import Model
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

SHOWN = 10  # dependants listed by name per kind; the rest are counted


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical") or model._meta.app_label == "simple_history"


def dependants(record: Model) -> tuple[list[dict], list[str]]:
    """Return (kinds of records deleted along: {"title", "count", "names"}, records that block the deletion)."""
    collector = NestedObjects(using=router.db_for_write(record.__class__))
    collector.collect([record])
    counts: Counter = Counter()
    names: dict = {}
    for model, objects in collector.data.items():
        if model is record.__class__ or _is_history(model):
            continue
        objects = [obj for obj in objects if not (model is record.__class__ and obj.pk == record.pk)]
        counts[model] += len(objects)
        names.setdefault(model, []).extend(str(obj) for obj in list(objects)[:SHOWN])
    for qs in collector.fast_deletes:
        model = getattr(qs, "model", None)
        if model is None or _is_history(model):
            continue
        count = qs.count() if hasattr(qs, "count") else len(qs)
        if count:
            counts[model] += count
    kinds = [
        {"title": capfirst(model._meta.verbose_name_plural), "count": count, "names": names.get(model, [])[:SHOWN]}
        for model, count in sorted(counts.items(), key=lambda item: str(item[0]._meta.verbose_name_plural))
        if count
    ]
    blocking = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in list(collector.protected)[:SHOWN]]
    return kinds, blocking


def confirm_delete(request: HttpRequest, record: Model, *, success_url: str, cancel_url: str | None = None,
                   done_message: str | None = None, before_delete=None, kept: str = "") -> HttpResponse:
    """Show the confirmation page (GET) or delete the record with what depends on it (POST).

    ``kept`` is the app's reason the record stays whatever refers to it (a review submitted, an order issued):
    the page says it instead of offering the deletion, and a POST answers 409 like a blocked one."""
    kinds, blocking = dependants(record)
    if request.method == "POST" and not blocking and not kept:
        title = str(record)
        try:
            with transaction.atomic():
                if before_delete is not None:
                    before_delete(record)
                record.delete()
        except (ProtectedError, RestrictedError):
            blocking = [_("Other records refer to it.")]
        else:
            messages.success(request, done_message or _("«{record}» is deleted.").format(record=title))
            return redirect(success_url)
    return render(request, "core/confirm_delete.html", {
        "record": record,
        "kind": capfirst(record._meta.verbose_name),
        "kinds": kinds,
        "blocking": blocking,
        "kept": kept,
        "cancel_url": cancel_url or (record.get_absolute_url() if hasattr(record, "get_absolute_url") else success_url),
        "title": _("Delete {kind}?").format(kind=record._meta.verbose_name),
    }, status=409 if (blocking or kept) and request.method == "POST" else 200)
