"""Celery tasks of the stored indicator values (see monitoring.stored)."""

from celery import shared_task

from monitoring.rendered import forget
from monitoring.stored import RECOMPUTE_TASK
from monitoring.stored import recompute
from monitoring.stored import refresh_all


@shared_task(name=RECOMPUTE_TASK, acks_late=True, reject_on_worker_lost=True)
def recompute_values(municipality_id: int, year_id: int) -> int:
    """Recompute the pending values of one municipality and year (queued when their records changed)."""
    return recompute(municipality_id, year_id)


@shared_task(name="monitoring.refresh_values")
def refresh_values() -> int:
    """Nightly by beat: mark every municipality's values pending, so the worker recomputes them all; the kept
    dashboard renderings go (every one of them is rendered from values recomputed tonight)."""
    forget()
    return refresh_all()
