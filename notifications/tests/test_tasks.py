import datetime

from django.core import mail
from django.utils import timezone

from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import add_assignment
from notifications.models import Notification
from notifications.tasks import send_reminders


def test_the_celery_task_runs_the_same_reminders_and_digest(city, year, head, methodist):
    methodist.email = "methodist@example.org"
    methodist.save()
    order = draft_order(snapshot=build_snapshot(municipality=city, year=year), by=head)
    add_assignment(order, methodist, deadline=timezone.localdate() + datetime.timedelta(days=1), text="Семинар")
    order.issue(number="12", date=datetime.date(2022, 6, 1), signatory_position="Начальник",
                signatory_name="Егорова", by=head)

    result = send_reminders.delay().get()
    send_reminders.delay().get()

    assert result["monitoring.reminders"] == 1 and result["digest"] == 1
    assert Notification.objects.get().kind == "assignment_due"
    assert len(mail.outbox) == 1


def test_the_beat_entry_exists_only_with_a_broker():
    import importlib

    import config.settings as portal_settings

    assert portal_settings.CELERY_BEAT_SCHEDULE == {} or portal_settings.CELERY_BROKER_URL
    import os
    os.environ["CELERY_BROKER_URL"] = "redis://localhost:6379/0"
    try:
        reloaded = importlib.reload(portal_settings)
        assert reloaded.CELERY_BEAT_SCHEDULE["notifications-send-reminders"] == {
            "task": "notifications.send_reminders", "schedule": 3600.0,
        }
    finally:
        del os.environ["CELERY_BROKER_URL"]
        importlib.reload(portal_settings)
