"""Forget cached indicator values when the records they are computed from change.

Every save or delete of a model of a domain app (``settings.DOMAIN_APPS``; audit-history rows and the
notification app and monitoring's reports and orders excepted) bumps the cache version of ``monitoring.computation`` once the transaction commits,
so a dashboard never shows values older than the data, and a rolled-back change invalidates nothing.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

IGNORED_APPS = {"notifications"}
# Of monitoring's own models only these change what a dashboard shows; reports, orders and their assignments are
# built from the values and must not throw them away (a report build would otherwise empty every dashboard's cache).
MONITORING_INPUTS = {"direction", "indicatorpassport", "target"}


def feeds_indicators(model) -> bool:
    meta = model._meta
    if meta.app_label == "monitoring":
        return meta.model_name in MONITORING_INPUTS
    return (
        meta.app_label in settings.DOMAIN_APPS
        and meta.app_label not in IGNORED_APPS
        and not model.__name__.startswith("Historical")
    )


def changed(sender, **kwargs) -> None:
    if feeds_indicators(sender):
        from .computation import invalidate_values

        transaction.on_commit(invalidate_values)


def m2m_changed_handler(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        changed(type(instance))


def connect() -> None:
    post_save.connect(changed, dispatch_uid="monitoring.invalidate.save")
    post_delete.connect(changed, dispatch_uid="monitoring.invalidate.delete")
    m2m_changed.connect(m2m_changed_handler, dispatch_uid="monitoring.invalidate.m2m")
