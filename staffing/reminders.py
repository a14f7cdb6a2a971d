"""E-mail reminders to institutions that have not submitted their staffing needs:
three days before the deadline and three days after it, each once per campaign."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.scoping import Role
from staffing.models import COUNTED_STATUSES, Campaign, Reminder, ReminderKind, Submission

DAYS = 3


def due_kind(campaign: Campaign, today: datetime.date) -> str | None:
    """Return which reminder is due today: "before" from 3 days before the deadline to the deadline,
    "after" from 3 days after it while the campaign is open; None otherwise."""
    if campaign.deadline - datetime.timedelta(days=DAYS) <= today <= campaign.deadline:
        return ReminderKind.BEFORE
    if today >= campaign.deadline + datetime.timedelta(days=DAYS):
        return ReminderKind.AFTER
    return None


def recipients_of(institutions) -> dict[int, list[str]]:
    """Return the e-mail addresses of each institution: its own and its school users'."""
    result: dict[int, list[str]] = {}
    for institution in institutions:
        if institution.email:
            result.setdefault(institution.pk, []).append(institution.email)
    users = get_user_model().objects.filter(
        roles__role=Role.SCHOOL, roles__institution__in=[i.pk for i in institutions], is_active=True
    ).exclude(email="").values_list("roles__institution_id", "email")
    for institution_id, email in users:
        addresses = result.setdefault(institution_id, [])
        if email not in addresses:
            addresses.append(email)
    return result


def _message(campaign: Campaign, institution, kind: str) -> tuple[str, str]:
    url = reverse("staffing:submission-detail", args=[campaign.pk, institution.pk])
    deadline = campaign.deadline.strftime("%d.%m.%Y")
    if kind == ReminderKind.BEFORE:
        subject = _("Staffing needs are due on {date}").format(date=deadline)
        lead = _("The deadline of the campaign «{title}» is {date}, and {institution} has not submitted "
                 "its staffing needs yet.")
    else:
        subject = _("Staffing needs are overdue (deadline {date})").format(date=deadline)
        lead = _("The deadline of the campaign «{title}» was {date}, and {institution} has not submitted "
                 "its staffing needs.")
    body = "\n\n".join([
        lead.format(title=campaign.title, date=deadline, institution=institution.short_name),
        _("Fill in the form or upload the Excel file on the portal: {url}").format(url=url),
        _("If the institution needs nobody, mark «No staffing needs» and submit."),
    ])
    return subject, body


def send_reminders(today: datetime.date) -> int:
    """E-mail the institutions that have not submitted; return the number of e-mails sent.

    Idempotent: each (campaign, institution, kind) is recorded and never sent twice.
    """
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for campaign in Campaign.objects.open().select_related("municipality"):
            kind = due_kind(campaign, today)
            if kind is None:
                continue
            done = Submission.objects.filter(campaign=campaign, status__in=COUNTED_STATUSES).values("institution_id")
            reminded = Reminder.objects.filter(campaign=campaign, kind=kind).values("institution_id")
            institutions = list(
                campaign.required_institutions().exclude(pk__in=done).exclude(pk__in=reminded).order_by("short_name")
            )
            addresses = recipients_of(institutions)
            for institution in institutions:
                to = addresses.get(institution.pk)
                if not to:
                    continue
                try:
                    with transaction.atomic():
                        Reminder.objects.create(campaign=campaign, institution=institution, kind=kind,
                                                recipients=", ".join(to)[:500])
                        subject, body = _message(campaign, institution, kind)
                        send_mail(subject, body, None, to)
                except IntegrityError:  # another run recorded it meanwhile
                    continue
                sent += 1
    return sent
