"""The Celery task of every background job (see jobs.services)."""

from celery import shared_task

from jobs.services import RUN_TASK
from jobs.services import run_job


@shared_task(name=RUN_TASK, acks_late=True, reject_on_worker_lost=True)
def run(job_id: int) -> str:
    return run_job(job_id)


@shared_task(name="jobs.purge")
def purge(days: int = 7) -> int:
    """Daily by beat (see docs/deploy.md): finished jobs older than ``days`` and their files go away."""
    from jobs.services import purge as purge_jobs

    return purge_jobs(older_than_days=days)
