"""The check of an upload (the import preview) is a background job: with a broker the import page shows the job's
progress and then the preview, which the owner alone can open (also later, from «My files and jobs») and confirm;
without one the preview comes at once, as before. Every importer's preview names the same problems as a check of
the file in the request did."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.test import RequestFactory
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import make_user
from core.models import Pedagogue
from core.roster import RosterImporter
from core.scoping import Role
from core.tests.test_import_limits import import_urls
from core.tests.test_roster_import import URL  # noqa: F401
from core.tests.test_roster_import import as_methodist  # noqa: F401
from core.tests.test_roster_import import confirm  # noqa: F401
from core.tests.test_roster_import import preview  # noqa: F401
from core.tests.test_roster_import import problems  # noqa: F401
from core.tests.test_roster_import import row  # noqa: F401
from core.tests.test_roster_import import workbook  # noqa: F401
from jobs.models import Job
from jobs.services import run_job

BAD = {"Дата рождения": "31.02.1990", "Должность": "астронавт", "Учреждение": "Нет такой школы"}


def checked_in_the_request(user, upload) -> list[str]:
    """The problems a synchronous check of the file names (what the preview showed before it became a job)."""
    upload.seek(0)
    with translation.override("ru"):
        return [str(issue) for row in RosterImporter(user=user).parse(upload) for issue in row.issues]


def uploaded_with_a_broker(client, upload, capture):
    with (override_settings(CELERY_TASK_ALWAYS_EAGER=False), mock.patch("jobs.tasks.run.delay") as send,
          capture(execute=True)):
        response = preview(client, upload)
    assert send.called
    return response, Job.objects.get(kind="core.import_preview")


def test_with_a_broker_the_page_shows_the_checks_progress_then_the_same_problems(
    as_methodist, methodist, django_capture_on_commit_callbacks  # noqa: F811
):
    upload = workbook(row(), row(Фамилия="Лебедев", **BAD))
    response, job = uploaded_with_a_broker(as_methodist, upload, django_capture_on_commit_callbacks)

    assert (job.owner, job.status, job.params["filename"]) == (methodist, "queued", "roster.xlsx")
    assert response.status_code == 302 and response["Location"] == f"{URL}?preview={job.pk}"
    waiting = as_methodist.get(response["Location"])
    page = waiting.content.decode()
    assert waiting.status_code == 200 and waiting.context["job"] == job
    assert f'data-status-url="/jobs/{job.pk}/status"' in page and "jobs/job.js" in page
    assert f'<a href="{URL}?preview={job.pk}" id="job-refresh">Обновить</a>' in page  # without JavaScript
    assert 'id="import-preview"' not in page and 'name="confirm"' not in page

    assert run_job(job.pk) == "done"
    job.refresh_from_db()
    assert (job.progress, job.result_url) == (100, f"{URL}?preview={job.pk}")
    assert job.message == "Проверено 2 строки; 3 проблемы"
    ready = as_methodist.get(job.result_url)
    expected = checked_in_the_request(methodist, upload)
    assert len(expected) == 3 and problems(ready) == expected
    assert [r.number for r in ready.context["rows"]] == [2, 3] and ready.context["filename"] == "roster.xlsx"
    assert 'name="confirm"' not in ready.content.decode()
    assert not Pedagogue.objects.exists()


def test_with_a_broker_the_checked_preview_is_confirmed_after_coming_back_from_the_jobs_page(
    as_methodist, django_capture_on_commit_callbacks  # noqa: F811
):
    _response, job = uploaded_with_a_broker(
        as_methodist, workbook(row(), row(Фамилия="Лебедев")), django_capture_on_commit_callbacks)
    run_job(job.pk)
    job.refresh_from_db()

    jobs_page = as_methodist.get(reverse("jobs:list")).content.decode()
    assert f'href="{job.result_url}"' in jobs_page and "Проверка файла: Загрузка списка педагогов из Excel" in jobs_page
    assert f'href="{job.result_url}"' in as_methodist.get(job.get_absolute_url()).content.decode()
    back = as_methodist.get(job.result_url)
    assert back.context["actions"] == {"create": 2} and 'name="confirm"' in back.content.decode()

    done = confirm(as_methodist, back)

    assert done.status_code == 302 and done["Location"] == "/pedagogues/"
    assert Pedagogue.objects.count() == 2
    assert confirm(as_methodist, back).status_code == 302 and Pedagogue.objects.count() == 2  # once only
    assert as_methodist.get(job.result_url).context["form"].errors["file"] == [
        "Срок загрузки истёк. Загрузите файл ещё раз."]  # the confirmed upload is gone


def test_with_a_broker_an_unreadable_file_is_refused_on_the_import_page(
    as_methodist, django_capture_on_commit_callbacks  # noqa: F811
):
    response, job = uploaded_with_a_broker(as_methodist, workbook(), django_capture_on_commit_callbacks)

    assert run_job(job.pk) == "failed"
    page = as_methodist.get(response["Location"])

    assert page.context["form"].errors["file"] == ["В таблице есть заголовок, но нет строк."]
    assert page.context.get("rows") is None and 'id="job"' not in page.content.decode()


def test_another_user_sees_nothing_of_someone_elses_check(as_methodist, client, city):  # noqa: F811
    token = preview(as_methodist, workbook(row())).context["token"]
    job = Job.objects.get(kind="core.import_preview")
    other = Client()
    other.force_login(make_user("methodist2", Role.METHODIST, municipality=city))

    assert other.get(URL).status_code == 200  # the import page itself is theirs too
    assert other.get(f"{URL}?preview={job.pk}").status_code == 404
    assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:status", args=[job.pk])).status_code == 404
    refused = other.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == ["Срок загрузки истёк. Загрузите файл ещё раз."]
    assert not Pedagogue.objects.exists() and not Job.objects.filter(kind="core.import").exists()
    # Nor does the owner open their check on another import page.
    assert as_methodist.get(reverse("mentoring:pair-import"), {"preview": job.pk}).status_code in (403, 404)


def bad_row_in_template(client, url: str) -> bytes:
    """The page's own template with one row of nonsense in every column."""
    book = load_workbook(io.BytesIO(client.get(url, {"template": "1"}).content))
    sheet = book.worksheets[0]
    sheet.append(["???"] * sheet.max_column)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_every_importers_preview_runs_as_a_job_and_names_the_problems_a_check_in_the_request_named():
    from staffing.models import Campaign
    from staffing.models import CampaignStatus
    from staffing.models import Submission
    from staffing.models import SubmissionStatus

    call_command("seed_demo", scale="tiny", verbosity=0)
    admin = make_user("preview-admin", Role.ADMIN)
    client = Client()
    client.force_login(admin)
    submission = Submission.objects.order_by("pk").first()
    Campaign.objects.filter(pk=submission.campaign_id).update(status=CampaignStatus.OPEN)
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.DRAFT)
    checked = []
    for name, _route, params in import_urls():
        kwargs = {"campaign_pk": submission.campaign_id, "institution_pk": submission.institution_id} if (
            "campaign_pk" in params) else {}
        url = reverse(name, kwargs=kwargs or None)
        content = bad_row_in_template(client, url)

        response = client.post(url, {"file": SimpleUploadedFile("file.xlsx", content)})

        job = Job.objects.get(kind="core.import_preview", params__path=url)
        assert (job.owner, job.status, job.result_url) == (admin, "done", f"{url}?preview={job.pk}"), name
        shown = [str(problem) for problem in response.context["problems"]]
        assert shown == [str(p) for p in client.get(job.result_url).context["problems"]], name
        request = RequestFactory().get(url)
        request.user = admin
        view = response.resolver_match.func.view_class()
        view.setup(request, **kwargs)
        assert view.allowed(request), name
        with translation.override("ru"):
            expected = [str(issue) for row in view.importer().parse(io.BytesIO(content)) for issue in row.issues]
        assert shown == expected and expected, name
        checked.append(name)
    assert sorted(checked) == ["associations:result-import", "banks:item-import", "core:pedagogue-import",
                               "mentoring:pair-import", "staffing:submission-upload", "training:completion-import"]
