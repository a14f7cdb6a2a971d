"""Demo notifications: the demo users' reminders computed from the demo data as of today, so the bell and the
list have something to show (the teacher's issued certificates are told by the certificates demo)."""

from django.conf import settings
from django.utils.translation import override

from .kinds import Kind
from .models import Notification
from .services import collect
from .services import notify

LIMIT = 30  # per run, enough for the bell without flooding the list


def seed(ctx) -> None:
    users = {user.pk: user for user in ctx.users.values() if user is not None}
    # The certificates demo tells the teacher of their certificates itself (certificates uses notifications,
    # not the other way round): only the reminders say whether this ran before.
    if Notification.objects.filter(user__in=list(users)).exclude(kind=Kind.CERTIFICATE_ISSUED).exists():
        return
    today = ctx.today
    created = 0
    with override(settings.LANGUAGE_CODE):
        for _name, reminder in collect(today):
            if created >= LIMIT:
                break
            if reminder.user is not None and reminder.user.pk in users and notify(
                user=reminder.user, kind=reminder.kind, title=str(reminder.title), url=reminder.url,
                obj=reminder.obj, body=str(reminder.body), today=today,
            ):
                created += 1
    ctx.log(f"notifications: {created} for the demo users")
