"""E-mail reminders to institutions about overdue tasks of their mentoring pairs'
personalised programmes: once per task, the day after its deadline or later."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import Institution
from core.scoping import Role
from mentoring.models import Pair, Task


def _recipients(institution_ids) -> dict[int, list[str]]:
    """Return each institution's addresses: its own e-mail and its school users' (the curators)."""
    result: dict[int, list[str]] = defaultdict(list)
    for pk, email in Institution.objects.filter(pk__in=institution_ids).exclude(email="").values_list("pk", "email"):
        result[pk].append(email)
    users = get_user_model().objects.filter(
        roles__role=Role.SCHOOL, roles__institution__in=list(institution_ids), is_active=True
    ).exclude(email="").values_list("roles__institution_id", "email")
    for institution_id, email in users:
        if email not in result[institution_id]:
            result[institution_id].append(email)
    return result


def send_reminders(today: datetime.date) -> int:
    """Send one message per institution listing its overdue, not yet reminded tasks; return the count sent."""
    tasks = list(
        Task.objects.filter(deadline__lt=today, done_on__isnull=True, reminded_on__isnull=True,
                            pair__in=Pair.objects.active_on(today))
        .select_related("pair", "pair__institution")
        .order_by("pair__institution_id", "deadline", "pk")
    )
    by_institution: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_institution[task.pair.institution_id].append(task)
    addresses = _recipients(by_institution)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for institution_id, items in by_institution.items():
            to = addresses.get(institution_id)
            if not to:
                continue
            lines = [
                _("{deadline}: {title} — {pair} ({url})").format(
                    deadline=task.deadline.strftime("%d.%m.%Y"), title=task.title, pair=task.pair,
                    url=reverse("mentoring:pair-detail", args=[task.pair_id]))
                for task in items
            ]
            subject = _("Overdue tasks of mentoring programmes: {count}").format(count=len(items))
            body = "\n".join([_("These tasks of your mentoring pairs are past their deadline:"), "", *lines])
            with transaction.atomic():
                Task.objects.filter(pk__in=[task.pk for task in items]).update(reminded_on=today)
                send_mail(subject, body, None, to)
            sent += 1
    return sent
