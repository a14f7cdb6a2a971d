"""Reminders to institutions that have not submitted their staffing needs: from three days before the
deadline to the deadline, and from three days after it while the campaign is open (through
``notifications``; a submitted answer stops them)."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import Reminder
from notifications.services import deliver
from notifications.services import school_users
from staffing.models import COUNTED_STATUSES
from staffing.models import Campaign
from staffing.models import ReminderKind
from staffing.models import Submission

DAYS = 3


def due_kind(campaign: Campaign, today: datetime.date) -> str | None:
    """Return which reminder is due today: "before" from 3 days before the deadline to the deadline,
    "after" from 3 days after it while the campaign is open; None otherwise."""
    if campaign.deadline - datetime.timedelta(days=DAYS) <= today <= campaign.deadline:
        return ReminderKind.BEFORE
    if today >= campaign.deadline + datetime.timedelta(days=DAYS):
        return ReminderKind.AFTER
    return None


def _message(campaign: Campaign, institution, kind: str) -> tuple[str, str]:
    deadline = campaign.deadline.strftime("%d.%m.%Y")
    if kind == ReminderKind.BEFORE:
        title = _("Staffing needs are due on {date}").format(date=deadline)
        lead = _("The deadline of the campaign «{title}» is {date}, and {institution} has not submitted "
                 "its staffing needs yet.")
    else:
        title = _("Staffing needs are overdue (deadline {date})").format(date=deadline)
        lead = _("The deadline of the campaign «{title}» was {date}, and {institution} has not submitted "
                 "its staffing needs.")
    body = "\n".join([
        lead.format(title=campaign.title, date=deadline, institution=institution.short_name),
        _("If the institution needs nobody, mark «No staffing needs» and submit."),
    ])
    return title, body


def reminders(today: datetime.date) -> Iterator[Reminder]:
    """A reminder to every school user of each institution that must answer and has not submitted."""
    for campaign in Campaign.objects.open().select_related("municipality"):
        kind = due_kind(campaign, today)
        if kind is None:
            continue
        done = Submission.objects.filter(campaign=campaign, status__in=COUNTED_STATUSES).values("institution_id")
        institutions = {i.pk: i for i in campaign.required_institutions().exclude(pk__in=done).order_by("sort_key")}
        users = school_users(set(institutions))
        for institution_id, institution in institutions.items():
            title, body = _message(campaign, institution, kind)
            url = reverse("staffing:submission-detail", args=[campaign.pk, institution_id])
            notification_kind = Kind.STAFFING_DEADLINE if kind == ReminderKind.BEFORE else Kind.STAFFING_OVERDUE
            for user in users.get(institution_id, []):
                yield Reminder(user, notification_kind, title, url, campaign, body)


def send_reminders(today: datetime.date) -> int:
    """This app's reminders alone → notifications (no digest); return how many were new (the benchmark's entry)."""
    return sum(1 for notification in deliver(reminders(today), today) if notification is not None)
