from django.utils import timezone
from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet


def certificates_sheet(queryset) -> Sheet:
    columns = [
        Column("number", _("Number"), width=20),
        Column("kind", _("Kind"), width=24),
        Column("holder", _("Holder"), width=34),
        Column("institution", _("Institution"), width=30),
        Column("event", _("Event"), width=50),
        Column("date", _("Event date"), kind="date", width=12),
        Column("hours", _("Hours"), kind="decimal", width=8),
        Column("line", _("Result"), width=26),
        Column("issued", _("Issued on"), kind="date", width=12),
        Column("status", _("Status"), width=30),
    ]
    rows = (
        (
            c.number, c.get_kind_display(), c.holder_name,
            c.holder.institution.short_name if c.holder.institution else "",
            c.event_title, c.event_date, c.hours, c.line, timezone.localtime(c.issued_at).date(), c.status_text(),
        )
        for c in queryset.iterator(chunk_size=2000)
    )
    return Sheet(_("Certificates"), columns, rows)
