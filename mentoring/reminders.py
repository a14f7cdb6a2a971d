"""Reminders to the institutions (school users, the curators) about their mentoring pairs: tasks of a
personalised programme past their deadline and not done, and active pairs with no task done for a month (through ``notifications``; doing the task stops them)."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from mentoring.models import Pair
from mentoring.models import Task
from notifications.kinds import Kind
from notifications.services import Reminder
from notifications.services import school_users

SILENT_DAYS = 30


def reminders(today: datetime.date) -> Iterator[Reminder]:
    active = Pair.objects.active_on(today)
    tasks = list(
        Task.objects.filter(deadline__lt=today, done_on__isnull=True, pair__in=active)
        .select_related("pair", "pair__institution").order_by("pair__institution_id", "deadline", "pk")
    )
    silent = list(Pair.objects.silent(today, SILENT_DAYS).select_related("institution").order_by("pk"))
    users = school_users({task.pair.institution_id for task in tasks} | {pair.institution_id for pair in silent})
    for task in tasks:
        title = _("Overdue mentoring task: {title} — {pair}").format(title=task.title, pair=task.pair)
        body = _("Deadline: {date}.").format(date=task.deadline.strftime("%d.%m.%Y"))
        url = reverse("mentoring:pair-detail", args=[task.pair_id])
        for user in users.get(task.pair.institution_id, []):
            yield Reminder(user, Kind.MENTORING_TASK_OVERDUE, title, url, task, body)
    for pair in silent:
        title = _("Nothing logged for a month in the mentoring pair {pair}").format(pair=pair)
        url = reverse("mentoring:pair-detail", args=[pair.pk])
        for user in users.get(pair.institution_id, []):
            yield Reminder(user, Kind.MENTORING_PAIR_SILENT, title, url, pair)
