from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response


def requests_xlsx(requests):
    columns = [
        Column("title", _("Title"), width=50), Column("type", _("Type"), width=28),
        Column("institution", _("Institution"), width=25), Column("authors", _("Authors"), width=25),
        Column("submitted", _("Submitted on"), kind="date", width=14), Column("status", _("Status"), width=18),
        Column("deadline", _("Deadline"), kind="date", width=14),
        Column("concluded", _("Concluded on"), kind="date", width=14), Column("decision", _("Conclusion"), width=16),
        Column("score", _("Combined score, %"), kind="decimal", width=12),
    ]
    rows = (
        (r.title, r.get_type_display(), r.institution.short_name, r.authors, r.submitted_on, r.get_status_display(),
         r.deadline, r.concluded_on, r.get_decision_display() if r.decision else "", r.combined_score)
        for r in requests
    )
    return workbook_response("review-requests.xlsx", [Sheet(_("Review requests"), columns, rows)])


def experts_xlsx(experts):
    columns = [
        Column("name", _("Expert"), width=35), Column("institution", _("Institution"), width=25),
        Column("specialisations", _("Specialisations"), width=40),
        Column("from", _("In the register since"), kind="date", width=14),
        Column("to", _("In the register until"), kind="date", width=14),
        Column("reviews", _("Reviews done"), kind="int", width=12),
    ]
    rows = (
        (e.pedagogue.full_name, str(e.pedagogue.institution or ""), e.specialisations, e.active_from, e.active_to,
         e.reviews_done)
        for e in experts
    )
    return workbook_response("experts.xlsx", [Sheet(_("Register of experts"), columns, rows)])
