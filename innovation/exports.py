from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response


def projects_xlsx(projects):
    columns = [
        Column("title", _("Site"), width=30), Column("topic", _("Topic"), width=50),
        Column("institution", _("Lead institution"), width=25), Column("partners", _("Partners"), width=30),
        Column("level", _("Level"), width=14), Column("status", _("Status"), width=14),
        Column("start", _("Start"), kind="date", width=12), Column("end", _("End"), kind="date", width=12),
        Column("participants", _("Participants"), kind="int", width=12),
        Column("products", _("Products"), kind="int", width=12),
    ]
    rows = (
        (p.title, p.topic, p.institution.short_name, ", ".join(i.short_name for i in p.partners.all()),
         p.get_level_display(), p.get_status_display(), p.start, p.end, p.participant_count, p.product_count)
        for p in projects
    )
    return workbook_response("innovation-sites.xlsx", [Sheet(_("Innovation sites"), columns, rows)])
