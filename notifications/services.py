"""The one notification mechanism: ``notify`` (in-app, idempotent, respects preferences),
``send_digest`` (one e-mail a day per user) and ``run_reminders`` (every app's reminders → notify → digest).

Reminder protocol: ``<app>/reminders.py`` exposes ``reminders(today: date) -> Iterable[Reminder]`` computed
from the current state (due soon or overdue and not done), so a done thing produces nothing.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from core.discovery import domain_modules

from .kinds import DEFAULT_CHANNEL
from .kinds import Channel
from .models import Notification
from .models import Preference

logger = logging.getLogger(__name__)


class Reminder(NamedTuple):
    user: Any
    kind: str
    title: str
    url: str = ""
    obj: Any = None
    body: str = ""


def school_users(institution_ids) -> dict[int, list]:
    """Return the active school-role users of each institution (its curators of reminders)."""
    from core.models import RoleAssignment
    from core.scoping import Role

    result: dict[int, list] = defaultdict(list)
    for role in RoleAssignment.objects.filter(
        role=Role.SCHOOL, institution__in=list(institution_ids), user__is_active=True
    ).select_related("user").order_by("institution_id", "user_id"):
        result[role.institution_id].append(role.user)
    return result


def notify(*, user, kind: str, title: str, url: str = "", obj=None, body: str = "",
           today: datetime.date | None = None, channel: str | None = None) -> Notification | None:
    """Create the user's notification unless they switched the kind off or already have it today.

    Never two of one kind about one object for one user on one day (a unique constraint backs the check).
    ``channel`` is the user's preference for the kind when the caller already read it (bulk runs).
    """
    if user is None or not user.is_active:
        return None
    today = today or timezone.localdate()
    channel = channel or (
        Preference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()
        or DEFAULT_CHANNEL[kind]
    )
    if channel == Channel.OFF:
        return None
    if obj is not None:
        target = {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}
        same = Notification.objects.filter(user=user, kind=kind, day=today, **target)
    else:
        target = {}
        same = Notification.objects.filter(user=user, kind=kind, day=today, content_type=None, title=title[:300])
    if same.exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=kind, title=title[:300], body=body, url=url[:500], day=today,
                email=channel == Channel.EMAIL, **target,
            )
    except IntegrityError:  # a concurrent run created it first
        return None


def absolute(url: str) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") else url


def send_digest(today: datetime.date | None = None) -> int:
    """E-mail each user one letter listing their e-mail-channel notifications not yet e-mailed; return letters sent.

    At most one letter per user a day: a user already sent a digest today waits for tomorrow's.
    """
    today = today or timezone.localdate()
    pending = (
        Notification.objects.filter(email=True, emailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(user__in=Notification.objects.filter(email=True, emailed_at__date=today).values("user"))
        .order_by("user_id", "created", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.user_id].append(notification)
    users = get_user_model().objects.in_bulk(list(by_user))
    sent = 0
    now = timezone.now()
    if now.date() != today:  # a run "as of" another day stamps that day
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    with translation.override(settings.LANGUAGE_CODE):
        for user_id, items in by_user.items():
            subject = _("Metodportal: {count} new notifications").format(count=len(items))
            lines = [_("Your new notifications on the portal:"), ""]
            for item in items:
                lines.append("• " + item.title)
                if item.body:
                    lines.append("  " + item.body)
                if item.url:
                    lines.append("  " + absolute(item.url))
            lines += ["", _("Choose which notifications come by e-mail: {url}").format(
                url=absolute("/notifications/preferences/"))]
            with transaction.atomic():
                updated = Notification.objects.filter(
                    pk__in=[item.pk for item in items], emailed_at__isnull=True
                ).update(emailed_at=now)
                if updated:
                    send_mail(subject, "\n".join(lines), None, [users[user_id].email])
                    sent += 1
    return sent


def reminder_modules() -> list:
    return [module for _app, module in domain_modules("reminders")]


def collect(today: datetime.date) -> Iterable[tuple[str, Reminder]]:
    for module in reminder_modules():
        for reminder in module.reminders(today):
            yield module.__name__, reminder


def deliver(reminders: Iterable[Reminder], today: datetime.date) -> list[Notification | None]:
    """``notify`` for each reminder, reading every recipient's preferences in one query."""
    with translation.override(settings.LANGUAGE_CODE):
        reminders = list(reminders)
    chosen = {
        (user_id, kind): channel for user_id, kind, channel in Preference.objects.filter(
            user__in={reminder.user.pk for reminder in reminders if reminder.user is not None}
        ).values_list("user_id", "kind", "channel")
    }
    return [
        notify(user=reminder.user, kind=reminder.kind, title=str(reminder.title), url=reminder.url,
               obj=reminder.obj, body=str(reminder.body), today=today,
               channel=chosen.get((reminder.user.pk, reminder.kind), DEFAULT_CHANNEL[reminder.kind]))
        if reminder.user is not None else None
        for reminder in reminders
    ]


def run_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Every app's reminders → ``notify`` → ``send_digest``; return new notifications per module and letters sent.

    Safe to run every hour: a second run on the same day creates nothing and sends nothing.
    """
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        collected = list(collect(today))
    counts: dict[str, int] = {module.__name__: 0 for module in reminder_modules()}
    names = [name for name, _reminder in collected]
    delivered = deliver([reminder for _name, reminder in collected], today)
    for name, notification in zip(names, delivered, strict=True):
        if notification is not None:
            counts[name] += 1
    counts["digest"] = send_digest(today)
    return counts
