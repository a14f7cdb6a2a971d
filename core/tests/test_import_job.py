"""A confirmed import runs as a background job: the page can be left and the job's page shows its progress."""

from pathlib import Path
from unittest import mock

from django.contrib.messages import get_messages
from django.test import override_settings

from core.models import Pedagogue
from core.tests.test_roster_import import as_methodist  # noqa: F401
from core.tests.test_roster_import import confirm  # noqa: F401
from core.tests.test_roster_import import preview  # noqa: F401
from core.tests.test_roster_import import row  # noqa: F401
from core.tests.test_roster_import import workbook  # noqa: F401
from jobs.models import Job
from jobs.services import run_job


def test_without_a_broker_the_import_is_written_at_once_and_kept_as_a_done_job(as_methodist, methodist):  # noqa: F811
    done = confirm(as_methodist, preview(as_methodist, workbook(row(), row(Фамилия="Лебедев"))))

    assert done.status_code == 302 and done["Location"] == "/pedagogues/"
    assert Pedagogue.objects.count() == 2
    job = Job.objects.get(kind="core.import")
    assert (job.owner, job.kind, job.status, job.result_url) == (methodist, "core.import", "done", "/pedagogues/")
    assert [str(m) for m in get_messages(done.wsgi_request)] == [job.message]
    assert "создано: 2" in job.message


def test_with_a_broker_the_import_goes_to_the_job_page_and_the_worker_writes_it(
    as_methodist, methodist, django_capture_on_commit_callbacks  # noqa: F811
):
    response = preview(as_methodist, workbook(row(), row(Фамилия="Лебедев")))  # checked inline, without a broker
    with (override_settings(CELERY_TASK_ALWAYS_EAGER=False), mock.patch("jobs.tasks.run.delay") as send,
          django_capture_on_commit_callbacks(execute=True)):
        done = confirm(as_methodist, response)
    job = Job.objects.get(kind="core.import")
    assert done.status_code == 302 and done["Location"] == job.get_absolute_url()
    assert send.called and job.status == "queued"
    assert not Pedagogue.objects.exists()  # nothing written before the worker runs

    assert run_job(job.pk) == "done"
    job.refresh_from_db()
    assert Pedagogue.objects.count() == 2 and job.result_url == "/pedagogues/" and job.progress == 100
    # A second delivery of the same message writes nothing twice.
    Job.objects.filter(pk=job.pk).update(status="queued")
    assert run_job(job.pk) == "done" and Pedagogue.objects.count() == 2


def test_an_expired_upload_fails_the_job_with_a_message(as_methodist, settings):  # noqa: F811
    response = preview(as_methodist, workbook(row()))
    for path in (Path(settings.MEDIA_ROOT) / "imports").iterdir():
        path.unlink()
    done = confirm(as_methodist, response)
    assert done.status_code == 302 and not Pedagogue.objects.exists()
    assert not Job.objects.filter(kind="core.import").exists()  # the expired upload is answered before any write job


def test_an_import_marks_the_stored_values_of_the_importers_municipality(as_methodist, city, other_city, year):  # noqa: F811
    from monitoring import stored
    from monitoring.value_models import PendingRecomputation

    for scope in (city, other_city):
        stored.store(scope, year, breakdowns=False)

    confirm(as_methodist, preview(as_methodist, workbook(row())))

    assert Pedagogue.objects.count() == 1
    assert list(PendingRecomputation.objects.values_list("municipality_id", "year_id")) == [(city.pk, year.pk)]
