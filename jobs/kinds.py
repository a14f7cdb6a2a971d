"""What each kind of job does: ``RUNNERS[kind](job, progress)``.

A runner does the work in the owner's language (already activated), reports through ``progress`` and leaves
its result on the job: a file (``services.save_file``) and/or ``job.result_url``. It raises
``services.JobError`` with a translated message for a failure the user can understand.
"""

import re
from urllib.parse import unquote

from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from jobs.models import Job
from jobs.services import JobError, Progress, save_file

# The attribute that tells ``background_file`` to call the view itself (the request comes from the job).
JOB_REQUEST_ATTR = "background_job"


def _worker_request(job: Job):
    """A GET request for the job's page as its owner, in the owner's language."""
    params = job.params
    path = params["path"]
    if params.get("query"):
        path = f"{path}?{params['query']}"
    extra = {"HTTP_HOST": params["host"]} if params.get("host") else {}
    request = RequestFactory().get(path, secure=bool(params.get("secure")), **extra)
    request.user = job.owner
    request.LANGUAGE_CODE = params.get("language") or settings.LANGUAGE_CODE
    request.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    request._messages = FallbackStorage(request)
    setattr(request, JOB_REQUEST_ATTR, job)
    return request


DISPOSITION_FILENAME = re.compile(r"filename\*=(?:UTF-8|utf-8)''([^;]+)|filename=\"?([^\";]+)\"?")


def filename_from(response, default: str) -> str:
    header = response.get("Content-Disposition", "")
    match = DISPOSITION_FILENAME.search(header)
    if not match:
        return default
    return unquote(match.group(1)) if match.group(1) else match.group(2)


def run_file_view(job: Job, progress: Progress) -> None:
    """Call the view that produces a file as the owner and keep what it returns."""
    progress(5, _("Preparing the file"), force=True)
    request = _worker_request(job)
    try:
        match = resolve(job.params["path"])
    except Resolver404 as exc:
        raise JobError(_("The page that makes this file no longer exists."), status=404) from exc
    request.resolver_match = match  # as the URL resolver would set it (templates and context processors read it)
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except Http404 as exc:
        raise JobError(_("The data for this file were not found or are not available to you."), status=404) from exc
    except PermissionDenied as exc:
        raise JobError(_("You have no access to this file."), status=403) from exc
    job.response_status = response.status_code
    if response.status_code != 200:
        if 300 <= response.status_code < 400:  # e.g. back to the list with a message: the inline mode follows it
            Job.objects.filter(pk=job.pk).update(result_url=response.get("Location", ""))
        raise JobError(
            _("The file could not be made (the page answered with status {status}).").format(
                status=response.status_code
            ),
            status=response.status_code,
        )
    if response.streaming:
        content = b"".join(response.streaming_content)
        if hasattr(response, "close"):
            response.close()
    else:
        content = response.content
    content_type = response.get("Content-Type", "application/octet-stream")
    filename = filename_from(response, default=f"job-{job.pk}")
    progress(98, _("Saving the file"), force=True)
    save_file(job, filename, content, content_type)
    size = len(content)
    job.message = _("Ready: {filename}, {size} KB").format(filename=filename, size=max(1, round(size / 1024)))


def build_report(job: Job, progress: Progress) -> None:
    """Freeze the yearly report of a municipality (monitoring); the result is the snapshot's page."""
    from core.models import AcademicYear, Municipality
    from core.scoping import Role, roles_of
    from monitoring.services import build_snapshot

    if job.result_url:  # a rerun after the snapshot was saved: nothing left to do
        return
    if not roles_of(job.owner).has(Role.HEAD):
        raise JobError(_("Only the head of the education department builds the report."), status=403)
    try:
        municipality = Municipality.objects.get(pk=job.params["municipality"])
        year = AcademicYear.objects.get(pk=job.params["year"])
    except (Municipality.DoesNotExist, AcademicYear.DoesNotExist) as exc:
        raise JobError(_("The municipality or the year no longer exists."), status=404) from exc
    progress(5, _("Computing the indicators"), force=True)
    snapshot = build_snapshot(municipality=municipality, year=year, by=job.owner, progress=progress.steps)
    job.result_url = snapshot.get_absolute_url()
    # Saved at once: a rerun of this job (the worker died before marking it done) must not build a second one.
    Job.objects.filter(pk=job.pk).update(result_url=job.result_url)
    job.message = _("The report for {year} is built and frozen.").format(year=year)


RUNNERS = {
    Job.FILE: run_file_view,
    "monitoring.build_report": build_report,
}
