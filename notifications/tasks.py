"""Celery task run hourly by beat when a broker is configured (``CELERY_BEAT_SCHEDULE`` in settings)."""

from celery import shared_task


@shared_task(name="notifications.send_reminders")
def send_reminders() -> dict[str, int]:
    from .services import run_reminders

    return run_reminders()
