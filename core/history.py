"""The change history of a record, readable: who, when, what changed (from simple_history)."""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import DeletedObject

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    user: object
    action: str
    subject: str = ""  # what the entry is about when it is not the record itself (an employment)
    changes: list[Change] = field(default_factory=list)


def _display(model_field, value) -> str:
    if isinstance(value, DeletedObject):
        # simple_history stands in for an empty foreign key or a deleted target.
        return "—" if value.pk is None else str(_("deleted record #{pk}").format(pk=value.pk))
    if value is None or value == "":
        return "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(model_field, models.DateField) and hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _m2m_display(model_field, rows) -> str:
    """Return the names of the related objects kept in an m2m history snapshot (a list of through rows)."""
    related = model_field.related_model
    key = related._meta.model_name
    values = [row.get(key) for row in rows or () if row.get(key) is not None]
    ids = [value for value in values if not isinstance(value, models.Model)]
    names = [str(value) for value in values if isinstance(value, models.Model)]
    if ids:
        found = related.objects.in_bulk(ids)
        names += [str(found[pk]) for pk in ids if pk in found]
    return ", ".join(sorted(names)) or "—"


def _entries(records, model, subject=None) -> list[HistoryEntry]:
    """Turn historical records of one object (newest first) into entries with field changes."""
    entries = []
    for index, record in enumerate(records):
        entry = HistoryEntry(
            when=record.history_date,
            user=record.history_user,
            action=str(ACTIONS.get(record.history_type, "")),
            subject=subject(record) if subject else "",
        )
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                model_field = model._meta.get_field(change.field)
                if model_field.many_to_many:
                    old, new = _m2m_display(model_field, change.old), _m2m_display(model_field, change.new)
                    if old == new:
                        continue
                else:
                    old, new = _display(model_field, change.old), _display(model_field, change.new)
                entry.changes.append(Change(field=str(model_field.verbose_name), old=old, new=new))
            if not entry.changes:
                continue  # a save that changed nothing the user can see
        entries.append(entry)
    return entries


def history_entries(
    obj, limit: int = 30, related: models.QuerySet | None = None, label: Callable | None = None
) -> list[HistoryEntry]:
    """Return the latest changes of an object, newest first, each with its field changes.

    ``related`` is a queryset of historical records of dependent objects (e.g. the
    pedagogue's employments) shown in the same list, each named by ``label(record)``.
    """
    own = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = _entries(own, type(obj))[:limit]
    if related is not None:
        grouped: dict = {}
        for record in related.select_related("history_user").order_by("-history_date", "-history_id")[: limit * 3]:
            grouped.setdefault(record.id, []).append(record)
        model = related.model.instance_type
        for records in grouped.values():
            entries += _entries(records, model, subject=label or str)
        entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
