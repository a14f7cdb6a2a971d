from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response


def items_xlsx(items):
    columns = [
        Column("title", _("Title"), width=50), Column("bank", _("Bank"), width=30),
        Column("authors", _("Authors"), width=30), Column("institution", _("Institution"), width=25),
        Column("subject", _("Subject area"), width=20), Column("kind", _("Type"), width=20),
        Column("year", _("Year"), width=12), Column("status", _("Status"), width=14),
        Column("published", _("Published on"), kind="date", width=14),
        Column("recommended", _("Recommended by the expert council"), width=14),
        Column("keywords", _("Keywords"), width=30), Column("url", _("Link"), width=30),
    ]
    rows = (
        (item.title, item.get_bank_display(), item.authors, item.institution.short_name,
         item.subject.name if item.subject else "", item.get_kind_display(), item.year.title,
         item.get_status_display(), item.published_on, _("yes") if item.recommended_on else "", item.keywords,
         item.url)
        for item in items
    )
    return workbook_response("bank-items.xlsx", [Sheet(_("Bank items"), columns, rows)])
