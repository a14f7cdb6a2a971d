"""The jobs app's own kind: a view that returns a file, called as the job's owner (see
``jobs.decorators.background_file``). Other apps register their kinds in ``<app>/job_kinds.py``
(``jobs.registry``).
"""

import io
import re
from urllib.parse import unquote
from urllib.parse import unquote_to_bytes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404
from django.urls import Resolver404
from django.urls import resolve
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from jobs.models import Job
from jobs.registry import register
from jobs.services import JobError
from jobs.services import Progress
from jobs.services import save_file

# The attribute that tells ``background_file`` to call the view itself (the request comes from the job).
JOB_REQUEST_ATTR = "background_job"


def _worker_request(job: Job):
    """A GET request for the job's page as its owner, in the owner's language."""
    params = job.params
    secure = bool(params.get("secure"))
    host = params.get("host") or ""
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(params["path"]).decode("iso-8859-1"),
        "QUERY_STRING": params.get("query") or "",
        "SERVER_NAME": urlsplit(f"//{host}").hostname or "localhost",
        "SERVER_PORT": "443" if secure else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    if host:
        environ["HTTP_HOST"] = host
    request = WSGIRequest(environ)
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


@register(Job.FILE)
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


