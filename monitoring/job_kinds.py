"""Monitoring's background jobs (registered with ``jobs.registry``)."""

from django.utils.translation import gettext as _

from core.models import AcademicYear
from core.models import Municipality
from core.scoping import Role
from core.scoping import roles_of
from jobs.models import Job
from jobs.registry import register
from jobs.services import JobError
from jobs.services import Progress


@register("monitoring.build_report")
def build_report(job: Job, progress: Progress) -> None:
    """Freeze the yearly report of a municipality; the result is the snapshot's page."""
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
