"""Excel sheets of the lists: numbers come from the filtered querysets, layout from core.xlsx."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet


def associations_sheet(associations: QuerySet) -> Sheet:
    rows = (
        (
            a.title, a.get_kind_display(), a.area, a.leader.full_name if a.leader_id else "",
            a.leader.institution.short_name if a.leader_id and a.leader.institution_id else "",
            a.started, a.ended, a.member_count, a.meeting_count, a.product_count,
        )
        for a in associations.select_related("leader__institution", "subject", "position", "municipality")
    )
    return Sheet(
        title=_("Associations"),
        columns=[
            Column("title", _("Title"), width=45), Column("kind", _("Kind"), width=28),
            Column("area", _("Area"), width=25), Column("leader", _("Leader"), width=32),
            Column("institution", _("Leader's institution"), width=22),
            Column("started", _("Active since"), kind="date", width=14),
            Column("ended", _("Active until"), kind="date", width=14),
            Column("members", _("Current members"), kind="int", width=12),
            Column("meetings", _("Meetings"), kind="int", width=12),
            Column("products", _("Products"), kind="int", width=12),
        ],
        rows=rows,
    )


def products_sheet(products: QuerySet) -> Sheet:
    rows = (
        (
            p.title, p.get_type_display(), p.association.title, p.association.get_kind_display(),
            ", ".join(a.full_name for a in p.authors.all()), p.created_on, p.url, p.bank_ref,
        )
        for p in products.select_related("association__municipality").prefetch_related("authors")
    )
    return Sheet(
        title=_("Methodical products"),
        columns=[
            Column("title", _("Title"), width=45), Column("type", _("Type"), width=28),
            Column("association", _("Association"), width=40), Column("kind", _("Kind"), width=28),
            Column("authors", _("Authors"), width=45), Column("created", _("Created on"), kind="date", width=14),
            Column("url", _("Link"), width=30), Column("bank", _("Sent to a bank"), width=30),
        ],
        rows=rows,
    )


def competitions_sheet(competitions: QuerySet) -> Sheet:
    rows = (
        (
            c.title, c.get_level_display(), str(c.year), c.stage, c.organiser, c.starts, c.ends, c.entry_count,
            c.winner_count,
        )
        for c in competitions.select_related("year")
    )
    return Sheet(
        title=_("Competitions"),
        columns=[
            Column("title", _("Title"), width=40), Column("level", _("Level"), width=18),
            Column("year", _("Academic year"), width=12), Column("stage", _("Stage"), width=22),
            Column("organiser", _("Organiser"), width=30), Column("starts", _("Starts"), kind="date", width=14),
            Column("ends", _("Ends"), kind="date", width=14), Column("entries", _("Entries"), kind="int", width=10),
            Column("winners", _("Winners and prize-winners"), kind="int", width=14),
        ],
        rows=rows,
    )


def result_columns() -> list[Column]:
    return [
        Column("pedagogue", _("Pedagogue"), width=34), Column("institution", _("Institution"), width=22),
        Column("competition", _("Competition"), width=40), Column("level", _("Level"), width=18),
        Column("year", _("Academic year"), width=12), Column("stage", _("Stage"), width=20),
        Column("nomination", _("Nomination"), width=28), Column("team", _("Team"), width=24),
        Column("result", _("Result"), width=16),
    ]


def results_sheet(entries: QuerySet) -> Sheet:
    """One row per participant of the filtered entries (a team gives a row per member)."""
    from .models import Participant

    participants = (
        Participant.objects.filter(participation__in=entries.values("pk"))
        .select_related("pedagogue", "institution", "participation__competition__year")
        .order_by("-participation__competition__starts", "participation__competition__title", "pedagogue__last_name")
    )
    rows = (
        (
            p.pedagogue.full_name, p.institution.short_name if p.institution_id else "",
            p.participation.competition.title, p.participation.competition.get_level_display(),
            str(p.participation.competition.year), p.participation.competition.stage, p.participation.nomination,
            p.participation.team_name, p.participation.get_result_display(),
        )
        for p in participants
    )
    return Sheet(title=_("Competition results"), columns=result_columns(), rows=rows)
