"""Reminders about the tasks of issued orders: due within three days or overdue, while open
(through ``notifications``; a completed task produces nothing)."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.models import Assignment
from notifications.kinds import Kind
from notifications.services import Reminder

REMIND_DAYS_BEFORE = 3


def reminders(today: datetime.date) -> Iterator[Reminder]:
    """One reminder a day to the executor (the responsible user, else the follower) of every open task due by
    ``today`` + 3 days; a term in words has no date to remind of."""
    due = Assignment.objects.due_for_reminder(today, REMIND_DAYS_BEFORE).select_related(
        "order", "responsible", "follower"
    )
    for assignment in due:
        if assignment.executor is None:  # an addressee outside the portal: the issuer follows it on the task list
            continue
        deadline = assignment.deadline.strftime("%d.%m.%Y")
        if assignment.deadline < today:
            kind, title = Kind.ASSIGNMENT_OVERDUE, _("Overdue: {text}").format(text=assignment.text[:80])
        else:
            kind, title = Kind.ASSIGNMENT_DUE, _("Due on {date}: {text}").format(date=deadline, text=assignment.text[:80])
        body = _("{order}, assignment: {text}\nDeadline: {date}.").format(
            order=assignment.order, text=assignment.text, date=deadline)
        yield Reminder(assignment.executor, kind, title, reverse("monitoring:task-detail", args=[assignment.pk]),
                       assignment, body)
