"""Demo notifications: the demo users' reminders computed from the demo data as of today, and the
teacher's issued certificates, so the bell and the list have something to show."""

from django.conf import settings
from django.utils.translation import override

from .models import Notification
from .services import collect, notify

LIMIT = 30  # per run, enough for the bell without flooding the list


def seed(ctx) -> None:
    users = {user.pk: user for user in ctx.users.values() if user is not None}
    if Notification.objects.filter(user__in=list(users)).exists():
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
    teacher = ctx.users.get("teacher")
    try:
        from certificates.models import Certificate
    except ImportError:
        Certificate = None  # noqa: N806
    if teacher is not None and Certificate is not None:
        from .receivers import notify_certificate_holder

        for certificate in Certificate.objects.filter(holder__user=teacher).select_related("holder__user")[:3]:
            notify_certificate_holder(Certificate, certificate=certificate)
            created += 1
    ctx.log(f"notifications: {created} for the demo users")
