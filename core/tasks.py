"""Core's daily housekeeping by Celery beat (``core-purge`` in settings; without beat, cron runs the commands
``purge_access_log`` and ``purge_imports``, docs/deploy.md)."""

from celery import shared_task

from core.audit import purge_access_log
from core.imports import purge_pending


@shared_task(name="core.purge")
def purge() -> dict[str, int]:
    """Access-log entries older than ``ACCESS_LOG_DAYS`` and import uploads whose preview was never confirmed."""
    return {"access_log": purge_access_log(), "uploads": purge_pending()}
