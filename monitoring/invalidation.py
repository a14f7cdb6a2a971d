"""Keep the stored indicator values in step with the records they are computed from.

A save or delete of a model of a domain app (``settings.DOMAIN_APPS``; audit-history rows, the notification
app and monitoring's own models excepted) marks, once the transaction commits, the stored values of the
municipality, institution and years the record touches as pending (``monitoring.stored.records_changed``): the
worker recomputes just those, other municipalities keep theirs. A rolled-back change marks nothing.

Monitoring's directions, passports and targets change no value, only how values are rated: they bump the
version of the cached dashboard renderings (``computation.invalidate_values``).
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.db.models.signals import pre_save

IGNORED_APPS = {"notifications"}
# Bookkeeping rows of domain apps that feed no indicator. Without a municipality of their own they would mark every
# municipality's values: the access log is written by every list and record page a user opens, the certificate
# counter by every certificate issued, and role assignments only say who may see what.
IGNORED_MODELS = {"core.accesslog", "core.roleassignment", "certificates.numbercounter"}
# Of monitoring's own models only these change what a dashboard shows (the ratings, not the values); reports,
# orders and their assignments are built from the values.
MONITORING_INPUTS = {"direction", "indicatorpassport", "target"}
BEFORE_ATTR = "_monitoring_touched_before"
OWN_SCOPE = {"core.Municipality", "core.Institution", "core.Pedagogue"}


def feeds_indicators(model) -> bool:
    meta = model._meta
    if meta.app_label == "monitoring" or meta.apps is not global_apps:  # a migration's historical model
        return False
    return (
        meta.app_label in settings.DOMAIN_APPS
        and meta.app_label not in IGNORED_APPS
        and meta.label_lower not in IGNORED_MODELS
        and not model.__name__.startswith("Historical")
    )


def rates_values(model) -> bool:
    return model._meta.app_label == "monitoring" and model._meta.model_name in MONITORING_INPUTS


def _nothing() -> None:
    pass


def _mark(instance) -> None:
    from . import stored

    touch = stored.touched(instance)
    before = instance.__dict__.pop(BEFORE_ATTR, None)
    if before is not None:
        touch.merge(before)
    _queue(touch)


def _queue(touch) -> None:
    from . import stored

    # One mark per distinct touch and transaction: an import or a cascade delete of a thousand rows of one
    # school marks its values once, not a thousand times. A callback already waiting for the same touch is moved
    # to the end of the queue (its old place does nothing), keeping its savepoints: it is dropped only if the
    # earlier change is rolled back, and that savepoint holds this change too.
    key = touch.key()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        queue = connection.run_on_commit
        for index in range(len(queue) - 1, -1, -1):
            sids, func, robust = queue[index]
            if getattr(func, "monitoring_touch", None) == key:
                queue[index] = (sids, _nothing, robust)
                queue.append((sids, func, robust))
                return

    def callback():
        stored.apply(touch)

    callback.monitoring_touch = key
    transaction.on_commit(callback)


def before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or not feeds_indicators(sender):
        return
    from . import stored

    instance.__dict__[BEFORE_ATTR] = stored.before_save(instance, update_fields)


def changed(sender, instance=None, raw=False, **kwargs) -> None:
    if raw:
        return
    if rates_values(sender):
        from .computation import invalidate_values

        transaction.on_commit(invalidate_values)
    elif feeds_indicators(sender) and instance is not None:
        _mark(instance)


def m2m_changed_handler(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        changed(type(instance), instance=instance)


def rows_written(sender, rows, **kwargs) -> None:
    """A bulk write (``core.freshness.bulk_written``): each distinct set of foreign keys marks once."""
    from core.models import Pedagogue

    from . import stored

    distinct = {}
    for row in rows:
        model = type(row)
        if feeds_indicators(model):
            own = row.pk if model._meta.label in OWN_SCOPE else None  # a school or a person is a scope itself
            distinct.setdefault((model, tuple(getattr(row, f.attname) for f in stored._relations(model)), own), row)
    # The people the rows name, in one query (touched() reads a pedagogue's place from the row's cache).
    links = [(row, f) for row in distinct.values() for f in stored._relations(type(row))
             if f.related_model is Pedagogue and getattr(row, f.attname) and not f.is_cached(row)]
    people = Pedagogue.objects.only("municipality_id", "institution_id").in_bulk(
        {getattr(row, f.attname) for row, f in links}
    )
    for row, f in links:
        if getattr(row, f.attname) in people:
            f.set_cached_value(row, people[getattr(row, f.attname)])
    touches = {}
    for row in distinct.values():
        touch = stored.touched(row)
        touches.setdefault(touch.key(), touch)
    for touch in touches.values():
        _queue(touch)


def municipalities_touched(sender, municipality_ids, **kwargs) -> None:
    """A bulk write of whole municipalities (``core.freshness.municipalities_written``, an import)."""
    from . import stored

    stored.records_changed(municipality_ids, None)


def connect() -> None:
    from core import freshness

    freshness.rows_written.connect(rows_written, dispatch_uid="monitoring.invalidate.bulk")
    freshness.municipalities_touched.connect(municipalities_touched, dispatch_uid="monitoring.invalidate.municipalities")
    pre_save.connect(before_save, dispatch_uid="monitoring.invalidate.before")
    post_save.connect(changed, dispatch_uid="monitoring.invalidate.save")
    post_delete.connect(changed, dispatch_uid="monitoring.invalidate.delete")
    m2m_changed.connect(m2m_changed_handler, dispatch_uid="monitoring.invalidate.m2m")
