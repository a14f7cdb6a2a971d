"""Reminders about the tasks of issued orders: due within three days or overdue, one e-mail per task a day."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from monitoring.models import Assignment, Reminder

REMIND_DAYS_BEFORE = 3


def send_reminders(today: datetime.date) -> int:
    """E-mail the responsible user of every open task due by ``today`` + 3 days; return how many were sent.

    A Reminder row per (task, day) makes a second run on the same day send nothing.
    """
    sent = 0
    due = (
        Assignment.objects.due_for_reminder(today, REMIND_DAYS_BEFORE)
        .exclude(reminders__day=today)
        .exclude(responsible__email="")
        .select_related("order", "responsible")
    )
    for assignment in due:
        try:
            with transaction.atomic():
                Reminder.objects.create(assignment=assignment, day=today)
                _send(assignment, today)
        except IntegrityError:  # another worker reminded first
            continue
        sent += 1
    return sent


def _send(assignment: Assignment, today: datetime.date) -> None:
    with override(settings.LANGUAGE_CODE):
        if assignment.deadline < today:
            subject = _("Overdue: {text}").format(text=assignment.text[:80])
        else:
            subject = _("Due on {date}: {text}").format(
                date=assignment.deadline.strftime("%d.%m.%Y"), text=assignment.text[:80]
            )
        body = _(
            "{order}, assignment: {text}\nDeadline: {date}.\nReport the completion on the portal: {url}"
        ).format(
            order=assignment.order,
            text=assignment.text,
            date=assignment.deadline.strftime("%d.%m.%Y"),
            url=reverse("monitoring:task-detail", args=[assignment.pk]),
        )
    send_mail(subject, body, None, [assignment.responsible.email])
