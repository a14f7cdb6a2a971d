"""The kinds of background job: an app that owns a kind registers its runner here.

A runner is ``runner(job, progress) -> None``: it does the work in the owner's language (already activated),
reports through ``progress`` and leaves its result on the job (a file through ``jobs.services.save_file``
and/or ``job.result_url``); it raises ``jobs.services.JobError`` for a failure the user should read.

``jobs`` itself owns one kind, the file view (``jobs.kinds``); every other kind lives in the app whose work it
is, in ``<app>/job_kinds.py``, which ``JobsConfig.ready()`` imports — so ``jobs`` never imports a domain app.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Runner = Callable[[Any, Any], None]

_runners: dict[str, Runner] = {}


def register(kind: str) -> Callable[[Runner], Runner]:
    """Register the decorated function as the runner of ``kind`` (``"<app>.<verb_noun>"``)."""

    def decorate(runner: Runner) -> Runner:
        if _runners.get(kind, runner) is not runner:
            raise ImproperlyConfigured(f"Job kind {kind!r} is registered twice")
        _runners[kind] = runner
        return runner

    return decorate


def runner_for(kind: str) -> Runner | None:
    return _runners.get(kind)


def kinds() -> list[str]:
    return sorted(_runners)
