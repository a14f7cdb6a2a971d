"""«My files and jobs»: the list, one job's page with its progress (polled as JSON), the download, a retry."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.http import Http404
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.listing import list_page
from jobs import services
from jobs.models import Job


def _job(request, pk: int) -> Job:
    return get_object_or_404(Job.objects.for_user(request.user), pk=pk)


@login_required
def job_list(request):
    jobs = Job.objects.for_user(request.user).select_related("owner")
    return list_page(request, "jobs/job_list.html", rows=jobs)


@login_required
def job_detail(request, pk: int):
    return render(request, "jobs/job_detail.html", {"job": _job(request, pk)})


def status_data(job: Job) -> dict:
    return {
        "id": job.pk,
        "status": job.status,
        "status_display": job.get_status_display(),
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "download_url": job.download_url(),
        "result_url": job.result_url if job.status == Job.Status.DONE else "",
    }


@never_cache
@login_required
def job_status(request, pk: int):
    return JsonResponse(status_data(_job(request, pk)))


@login_required
def job_download(request, pk: int):
    job = _job(request, pk)
    if not job.has_file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.filename, content_type=job.content_type or None)


@require_POST
@login_required
def job_retry(request, pk: int):
    job = _job(request, pk)
    if job.status == Job.Status.FAILED:
        job = services.retry(job)
        if job.status == Job.Status.DONE and job.result_url and not job.file:
            return redirect(job.result_url)
    return redirect(job)
