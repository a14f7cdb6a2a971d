"""Starting, running and retrying background jobs.

``start()`` creates the job row and hands it to the Celery task ``jobs.run``. With a broker the task is sent
after the transaction commits (the worker must see the row); without one (``CELERY_TASK_ALWAYS_EAGER``) or when
the caller asks for ``inline=True``, the same ``run_job()`` runs right away in the current request.

``run_job()`` claims the job atomically (only a queued or running job, at most ``JOBS_MAX_ATTEMPTS`` starts),
runs the kind's runner (``jobs.registry``) with a throttled ``Progress`` and records done or failed.
A message delivered twice (a worker restarted before acknowledging it) finishes the job or does nothing.
"""

import datetime
import logging
import time
from collections.abc import Callable
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import xlsx
from jobs.models import Job
from jobs.registry import runner_for

logger = logging.getLogger(__name__)
RUN_TASK = "jobs.run"  # the Celery task of every job (jobs.tasks.run)
Status = Job.Status


class JobError(Exception):
    """A failure whose message is for the user (translated); ``status`` is the view's HTTP status, if any."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status


def max_attempts() -> int:
    return int(getattr(settings, "JOBS_MAX_ATTEMPTS", 3))


def runs_inline() -> bool:
    """True when no broker is configured: tasks run in the request that starts them."""
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True))


def _enqueue(job: Job, inline: bool | None) -> None:
    # The task is looked up by its name in Celery's registry (``jobs.tasks`` registers it and imports this
    # module), so starting a job does not import the task module back.
    task = current_app.tasks[RUN_TASK]
    if runs_inline() if inline is None else inline:
        # Inline: the row is visible to this connection already, so the task runs now, also inside an
        # atomic block (tests, ATOMIC_REQUESTS) where an on_commit hook would come too late or never.
        task.apply(args=[job.pk])
    else:
        transaction.on_commit(partial(task.delay, job.pk))


def start(kind: str, *, user, params: dict, label: str, inline: bool | None = None) -> Job:
    """Create a job for ``user`` and run it (inline) or enqueue it (broker); return the job as it is now."""
    if runner_for(kind) is None:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(owner=user, kind=kind, params=params, label=str(label)[:255])
    _enqueue(job, inline)
    job.refresh_from_db()
    return job


def retry(job: Job, *, inline: bool | None = None) -> Job:
    """Put a failed job back in the queue (a fresh set of attempts) and run or enqueue it again."""
    updated = Job.objects.filter(pk=job.pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, progress=0, message="", error="", response_status=None,
        started=None, finished=None,
    )
    if updated:
        _enqueue(job, inline)
    job.refresh_from_db()
    return job


class Progress:
    """Writes a job's progress and message, at most once per ``interval`` seconds (unless forced)."""

    def __init__(self, job: Job, *, interval: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.job = job
        self.interval = interval
        self.clock = clock
        self.last = None
        self.rows_before = 0  # rows of the workbook's finished sheets
        self.updates = 0

    def __call__(self, percent: int | None = None, message: str | None = None, *, force: bool = False) -> None:
        if percent is not None:
            self.job.progress = max(0, min(100, int(percent)))
        if message is not None:
            self.job.message = str(message)[:255]
        now = self.clock()
        if not force and self.last is not None and now - self.last < self.interval:
            return
        self.last = now
        self.updates += 1
        Job.objects.filter(pk=self.job.pk).update(progress=self.job.progress, message=self.job.message)

    def rows(self, count: int, sheet_finished: bool) -> None:
        """The ``core.xlsx.row_progress`` hook: «Written 12 000 rows»."""
        total = self.rows_before + count
        if sheet_finished:
            self.rows_before = total
        self(message=rows_message(total))

    def steps(self, done: int, total: int, *, low: int = 5, high: int = 95) -> None:
        """``progress(done, total)`` of a computation mapped onto low–high per cent."""
        percent = low + (high - low) * done // max(total, 1)
        self(percent, _("Computed {done} of {total}").format(done=done, total=total))


def rows_message(count: int) -> str:
    return ngettext("Written {count} row", "Written {count} rows", count).format(
        count=number_format(count, force_grouping=True)
    )


def save_file(job: Job, filename: str, content: bytes, content_type: str) -> None:
    """Store the job's file under its deterministic name, replacing what an earlier run left there."""
    storage = job.file.storage
    name = job.file.field.generate_filename(job, filename)
    if job.file and job.file.name != name:
        storage.delete(job.file.name)
    if storage.exists(name):
        storage.delete(name)
    job.file.save(filename, ContentFile(content), save=False)
    job.filename = filename
    job.content_type = content_type
    Job.objects.filter(pk=job.pk).update(file=job.file.name, filename=filename, content_type=content_type)


def claim(job_id: int) -> Job | None:
    """Mark the job running and count the attempt; None when there is nothing to do (done, failed, gone)."""
    now = timezone.now()
    claimed = Job.objects.filter(
        pk=job_id, status__in=[Status.QUEUED, Status.RUNNING], attempts__lt=max_attempts()
    ).update(status=Status.RUNNING, attempts=F("attempts") + 1, started=now, progress=0)
    if claimed:
        return Job.objects.select_related("owner").get(pk=job_id)
    job = Job.objects.filter(pk=job_id, status__in=[Status.QUEUED, Status.RUNNING]).first()
    if job is not None:  # started max_attempts times already (each time the worker died): give up
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            error = ngettext(
                "The job was interrupted {count} time; it will not be started again automatically.",
                "The job was interrupted {count} times; it will not be started again automatically.",
                job.attempts,
            ).format(count=job.attempts)
        _fail(job, error)
    return None


def _fail(job: Job, error: str, *, status: int | None = None) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Status.FAILED, error=error, response_status=status, finished=timezone.now()
    )


def run_job(job_id: int) -> str:
    """Run one job to the end (see the module docstring); return its final status."""
    job = claim(job_id)
    if job is None:
        return Job.objects.filter(pk=job_id).values_list("status", flat=True).first() or "missing"
    language = job.params.get("language") or settings.LANGUAGE_CODE
    progress = Progress(job)
    token = xlsx.row_progress.set(progress.rows)
    try:
        with translation.override(language):
            progress(1, _("Started"), force=True)
            runner_for(job.kind)(job, progress)
    except JobError as exc:
        _fail(job, exc.message, status=exc.status)
        return Status.FAILED
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        with translation.override(language):
            error = _(
                "The job failed because of an internal error. Try again; if it fails again, tell the "
                "portal's administrator (job № {number})."
            ).format(number=job.pk)
        _fail(job, error, status=500)
        return Status.FAILED
    finally:
        xlsx.row_progress.reset(token)
    Job.objects.filter(pk=job.pk).update(
        status=Status.DONE, progress=100, message=job.message, result_url=job.result_url,
        response_status=job.response_status, finished=timezone.now(),
    )
    return Status.DONE


def purge(*, older_than_days: int) -> int:
    """Delete finished jobs older than the given number of days with their files; return how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    old = Job.objects.filter(created__lt=cutoff, status__in=[Status.DONE, Status.FAILED])
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.storage.delete(job.file.name)
        job.delete()
        count += 1
    return count
