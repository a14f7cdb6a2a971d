"""Excel exports of the mentoring lists: the rows the user filtered."""

from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet
from mentoring.models import category_expires
from mentoring.retention import HORIZONS


def _names(people) -> str:
    return ", ".join(p.full_name for p in people)


def young_sheet(rows, mentors: dict, rates: dict, today) -> Sheet:
    columns = [
        Column("name", _("Pedagogue"), width=36), Column("institution", _("Institution"), width=24),
        Column("position", _("Position"), width=22), Column("birth_date", _("Birth date"), kind="date", width=12),
        Column("age", _("Age"), kind="int", width=8),
        Column("experience", _("Experience since"), kind="date", width=14),
        Column("mentors", _("Mentors"), width=30),
        Column("attended", _("School of the Young Teacher: attended"), kind="int", width=14),
        Column("held", _("School of the Young Teacher: held"), kind="int", width=14),
        Column("rate", _("Attendance rate"), kind="decimal", width=12, number_format="0.0%"),
    ]
    data = []
    for p in rows:
        attended, held = rates.get(p.pk, (0, 0))
        data.append((p.full_name, str(p.institution or ""), str(p.position or ""), p.birth_date, p.age_on(today),
                     p.experience_start, ", ".join(mentors.get(p.pk, [])) or _("no mentor yet"), attended, held,
                     attended / held if held else None))
    return Sheet(title=_("Young specialists"), columns=columns, rows=data)


def pairs_sheet(pairs, loads: dict) -> Sheet:
    columns = [
        Column("institution", _("Institution"), width=24), Column("form", _("Form"), width=28),
        Column("mentors", _("Mentors"), width=36), Column("load", _("Mentor load (mentees)"), width=14),
        Column("mentees", _("Mentees"), width=36), Column("start", _("Start"), kind="date", width=12),
        Column("end", _("End"), kind="date", width=12), Column("order", _("Head's order"), width=20),
        Column("status", _("Status"), width=14), Column("tasks", _("Tasks done"), width=12),
    ]
    data = []
    for pair in pairs:
        order = " ".join(filter(None, [pair.order_number, pair.order_date and pair.order_date.strftime("%d.%m.%Y")]))
        load = ", ".join(str(loads.get(p.pk, 0)) for p in pair.mentors)
        data.append((str(pair.institution), str(pair.form), _names(pair.mentors), load, _names(pair.mentees),
                     pair.start, pair.end, order, pair.get_status_display(),
                     f"{pair.tasks_done}/{pair.tasks_total}"))
    return Sheet(title=_("Mentoring pairs"), columns=columns, rows=data)


def programmes_sheet(programmes) -> Sheet:
    columns = [
        Column("institution", _("Institution"), width=24), Column("title", _("Title"), width=40),
        Column("curator", _("Curator"), width=30), Column("start", _("Start"), kind="date", width=12),
        Column("end", _("End"), kind="date", width=12), Column("pairs", _("Pairs"), kind="int", width=10),
        Column("regulation", _("Regulation"), width=12),
    ]
    data = [(str(p.institution), p.title, p.curator.full_name if p.curator else "", p.start, p.end, p.pair_count,
             _("yes") if p.regulation else _("no")) for p in programmes]
    return Sheet(title=_("Mentoring programmes"), columns=columns, rows=data)


def support_sheet(requests) -> Sheet:
    columns = [
        Column("received", _("Received on"), kind="date", width=12), Column("kind", _("Who asks"), width=20),
        Column("pedagogue", _("Pedagogue"), width=30), Column("institution", _("Institution"), width=22),
        Column("topic", _("Topic"), width=40), Column("response", _("Response"), width=50),
        Column("closed", _("Closed on"), kind="date", width=12),
    ]
    data = [(r.received_on, r.get_requester_kind_display(), r.pedagogue.full_name if r.pedagogue else "",
             str(r.institution or ""), r.topic, r.response, r.closed_on) for r in requests]
    return Sheet(title=_("Support requests"), columns=columns, rows=data)


def sessions_sheet(sessions) -> Sheet:
    columns = [
        Column("date", _("Date"), kind="date", width=12), Column("kind", _("Kind"), width=26),
        Column("topic", _("Topic"), width=50), Column("leader", _("Leader"), width=26),
        Column("place", _("Place"), width=24), Column("attended", _("Attended"), kind="int", width=10),
    ]
    data = [(s.date, s.get_kind_display(), s.topic, s.leader, s.place, s.attended) for s in sessions]
    return Sheet(title=_("Sessions"), columns=columns, rows=data)


def retention_sheet(rows, caption: str) -> Sheet:
    columns = [Column("cohort", _("Cohort (year hired)"), width=16), Column("hired", _("Hired"), kind="int", width=10)]
    for n in HORIZONS:
        columns += [
            Column(f"kept_{n}", _("Retained after {n} y.").format(n=n), kind="int", width=14),
            Column(f"measurable_{n}", _("Measurable after {n} y.").format(n=n), kind="int", width=14),
            Column(f"share_{n}", _("Share after {n} y.").format(n=n), kind="decimal", width=12,
                   number_format="0.0%"),
        ]
    data = []
    for row in rows:
        values = [row.title, row.hired]
        for n in HORIZONS:
            values += [row.retained(n), row.measurable(n), row.share(n)]
        data.append(values)
    return Sheet(title=_("Retention"), columns=columns, rows=data, caption=caption)


def attestations_sheet(records) -> Sheet:
    columns = [
        Column("pedagogue", _("Pedagogue"), width=34), Column("institution", _("Institution"), width=22),
        Column("category", _("Category sought"), width=24),
        Column("applied", _("Application date"), kind="date", width=14),
        Column("date", _("Attestation date"), kind="date", width=14), Column("result", _("Result"), width=22),
        Column("order", _("Order"), width=20),
    ]
    data = [(r.pedagogue.full_name, str(r.pedagogue.institution or ""), r.get_category_display(), r.applied_on,
             r.date, r.get_result_display(), r.order_ref) for r in records]
    return Sheet(title=_("Attestations"), columns=columns, rows=data)


def due_sheet(pedagogues) -> Sheet:
    columns = [
        Column("pedagogue", _("Pedagogue"), width=34), Column("institution", _("Institution"), width=22),
        Column("category", _("Current category"), width=24),
        Column("category_date", _("Category assigned on"), kind="date", width=14),
        Column("expires", _("Expires on"), kind="date", width=14),
        Column("applied", _("Application pending"), width=12),
        Column("support", _("Support given"), kind="int", width=12),
        Column("last_support", _("Last support"), kind="date", width=14),
    ]
    data = [(p.full_name, str(p.institution or ""), p.get_category_display(), p.category_date, category_expires(p),
             _("yes") if p.has_pending else _("no"), p.support_count, p.last_support) for p in pedagogues]
    return Sheet(title=_("Due for attestation"), columns=columns, rows=data)


