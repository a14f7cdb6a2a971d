"""The change history of a record, readable: who, when, what changed (from simple_history)."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    changes: list[Change] = field(default_factory=list)


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(model_field, models.DateField) and hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def history_entries(obj, limit: int = 30) -> list[HistoryEntry]:
    """Return the latest changes of an object, newest first, each with its field changes."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        entry = HistoryEntry(
            when=record.history_date, user=record.history_user, action=str(ACTIONS.get(record.history_type, ""))
        )
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            tracked = {f.name for f in record.tracked_fields if f.editable and not f.many_to_many}
            delta = record.diff_against(previous, included_fields=tracked, foreign_keys_are_objs=True)
            for change in delta.changes:
                model_field = obj._meta.get_field(change.field)
                entry.changes.append(
                    Change(
                        field=str(model_field.verbose_name),
                        old=_display(model_field, change.old),
                        new=_display(model_field, change.new),
                    )
                )
        entries.append(entry)
    return entries
