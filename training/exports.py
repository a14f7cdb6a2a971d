"""Excel exports of the training lists: the rows the user filtered."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.xlsx import Column
from core.xlsx import Sheet
from training.models import AccountStatus


def programmes_sheet(programmes: QuerySet) -> Sheet:
    columns = [
        Column("title", _("Title"), width=60),
        Column("provider", _("Provider"), width=30),
        Column("provider_type", _("Provider type"), width=26),
        Column("hours", _("Hours"), kind="int", width=8),
        Column("format", _("Format"), width=16),
        Column("federal", _("Federal register"), width=10),
        Column("competencies", _("Competencies addressed"), width=50),
        Column("modules", _("Modules"), kind="int", width=9),
        Column("completions", _("Completions"), kind="int", width=11),
    ]
    rows = (
        (
            p.title, p.provider.name, p.provider.get_type_display(), p.hours, p.get_format_display(),
            _("yes") if p.federal_register else _("no"),
            "; ".join(c.title for c in p.competencies.all()),
            len(p.modules.all()), p.completion_count,
        )
        for p in programmes.prefetch_related("competencies", "modules")
    )
    return Sheet(title=_("PD programmes"), columns=columns, rows=rows)


def completions_sheet(completions: QuerySet) -> Sheet:
    columns = [
        Column("full_name", pgettext("person", "Full name"), width=34),
        Column("institution", _("Institution"), width=24),
        Column("programme", _("Programme"), width=50),
        Column("module", _("Module"), width=30),
        Column("provider", _("Provider"), width=26),
        Column("hours", _("Hours"), kind="int", width=8),
        Column("started", _("Start date"), kind="date", width=13),
        Column("finished", _("End date"), kind="date", width=13),
        Column("certificate", _("Certificate number"), width=20),
    ]
    rows = (
        (
            c.pedagogue.full_name, str(c.pedagogue.institution or ""), c.programme.title, str(c.module or ""),
            str(c.programme.provider), c.hours, c.started, c.finished, c.certificate_number,
        )
        for c in completions
    )
    return Sheet(title=_("PD completions"), columns=columns, rows=rows)


def account_sheet(pedagogues: QuerySet, on: datetime.date) -> Sheet:
    columns = [
        Column("full_name", pgettext("person", "Full name"), width=34),
        Column("institution", _("Institution"), width=24),
        Column("position", _("Position"), width=24),
        Column("hours", _("Hours in the window"), kind="decimal", width=12),
        Column("status", _("Status"), width=18),
        Column("last_pd", _("Last PD"), kind="date", width=13),
    ]
    labels = dict(AccountStatus.choices)
    rows = (
        (p.full_name, str(p.institution or ""), str(p.position or ""), p.window_hours,
         str(labels[p.pd_status]), p.last_pd)
        for p in pedagogues
    )
    return Sheet(title=_("Hour account"), columns=columns, rows=rows,
                 caption=_("Hour account as of {day}").format(day=on.strftime("%d.%m.%Y")))


def routes_sheet(routes: QuerySet) -> Sheet:
    columns = [
        Column("full_name", pgettext("person", "Full name"), width=34),
        Column("institution", _("Institution"), width=24),
        Column("year", _("Academic year"), width=12),
        Column("items", _("Items"), kind="int", width=8),
        Column("accepted", _("Accepted"), kind="int", width=10),
    ]
    rows = ((r.pedagogue.full_name, str(r.pedagogue.institution or ""), r.year.title, r.items_total, r.items_accepted)
            for r in routes)
    return Sheet(title=_("Individual routes"), columns=columns, rows=rows)


def diagnoses_sheet(diagnoses: QuerySet) -> Sheet:
    """One row per diagnosis with the mean score of every block (one query for all the means)."""
    from django.db.models import Avg

    from training.models import Answer
    from training.models import Block

    blocks = list(Block.objects.all())
    diagnoses = list(diagnoses)
    means: dict[tuple[int, int], float] = {
        (row["diagnosis"], row["statement__competency__block"]): row["mean"]
        for row in Answer.objects.filter(diagnosis__in=[d.pk for d in diagnoses])
        .values("diagnosis", "statement__competency__block").annotate(mean=Avg("score"))
    }
    columns = [
        Column("full_name", pgettext("person", "Full name"), width=34),
        Column("institution", _("Institution"), width=24),
        Column("kind", _("Kind"), width=20),
        Column("year", _("Academic year"), width=12),
        Column("completed", _("Completed"), kind="date", width=13),
        *[Column(f"block{b.pk}", b.title, kind="decimal", width=16, number_format="0.00") for b in blocks],
    ]
    rows = (
        (d.pedagogue.full_name, str(d.pedagogue.institution or ""), d.get_kind_display(), d.year.title,
         d.completed_at.date() if d.completed_at else None,
         *[round(means[(d.pk, b.pk)], 2) if (d.pk, b.pk) in means else None for b in blocks])
        for d in diagnoses
    )
    return Sheet(title=_("Diagnoses"), columns=columns, rows=rows,
                 caption=_("Mean score per block (0–3)"))
