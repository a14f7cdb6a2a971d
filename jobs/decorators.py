"""``@background_file(label)``: a view that returns a file (xlsx, pdf) is produced by a background job.

Put it right above the view function, below ``login_required`` / ``role_required`` (those still answer the
request itself). On a request it starts a ``file`` job with the request's path, query string and language.
The job (jobs.kinds.run_file_view) calls the same URL as the job's owner, with a marker on the request that
makes this decorator call the view directly, and keeps the response's bytes, file name and content type.

- Inline (no broker, or ``JOBS_BACKGROUND_FILES = False``): the job runs in this request and the response is
  the file itself, exactly as the view would answer. A 404/403 of the view stays a 404/403 and a redirect
  stays a redirect (those jobs are deleted: there is nothing to keep); any other failure answers with the job
  page (the error and a retry button) and the status 500.
- With a broker (``JOBS_BACKGROUND_FILES`` defaults to True then): the answer is a redirect to the job page,
  which shows the progress and offers the file when it is ready.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from jobs import services
from jobs.kinds import JOB_REQUEST_ATTR
from jobs.models import Job


def background_files() -> bool:
    """Whether file views run in the background: ``JOBS_BACKGROUND_FILES``, by default when a broker is set."""
    value = getattr(settings, "JOBS_BACKGROUND_FILES", None)
    if value is None:
        return not services.runs_inline()
    return bool(value)


def file_response(job: Job) -> HttpResponse:
    """The job's file as the view would have answered it (a plain response: tests read ``.content``)."""
    with job.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, job.filename)
    return response


def background_file(label):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if getattr(request, JOB_REQUEST_ATTR, None) is not None:
                return view(request, *args, **kwargs)
            inline = not background_files()
            params = {
                "path": request.path_info,
                "query": request.GET.urlencode(),  # percent-encoded again: the WSGI string is latin-1
                "language": get_language(),
                "host": request.get_host(),
                "secure": request.is_secure(),
            }
            job = services.start(Job.FILE, user=request.user, params=params, label=str(label), inline=inline)
            if job.status == Job.Status.DONE and job.file:
                return file_response(job)
            if inline and job.status == Job.Status.FAILED:
                status, location = job.response_status, job.result_url
                if status in (403, 404) or (status and 300 <= status < 400 and location):
                    job.delete()
                    if status == 404:
                        raise Http404
                    if status == 403:
                        raise PermissionDenied
                    return redirect(location)
                # The job page itself (its error and «Retry»), with the status of what happened: a failure
                # of the view stays visible as a 500 to monitoring and to the URL-walking security test.
                return render(request, "jobs/job_detail.html", {"job": job}, status=job.response_status or 500)
            return redirect(job)

        wrapper.background_label = label
        return wrapper

    return decorator
