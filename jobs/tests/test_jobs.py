import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.test import override_settings
from django.urls import ResolverMatch
from django.urls import reverse
from django.utils.http import urlencode
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import make_user
from core import views as core_views
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from jobs import services
from jobs import tasks
from jobs.kinds import JOB_REQUEST_ATTR
from jobs.models import Job
from jobs.services import Progress
from jobs.services import run_job
from jobs.tests.factories import JobFactory
from monitoring.models import ReportSnapshot
from monitoring.services import build_snapshot
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years

EXPORT = "/pedagogues/export/"
BROKER = {"CELERY_TASK_ALWAYS_EAGER": False, "JOBS_BACKGROUND_FILES": None}


def rows_of(content: bytes) -> list[tuple]:
    return [tuple(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def direct(view, user, path, **kwargs):
    """The view's own answer, called as the job does (marker on the request: no job)."""
    request = RequestFactory().get(path)
    request.user = user
    setattr(request, JOB_REQUEST_ATTR, object())
    return view(request, **kwargs)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in (root / "jobs").rglob("*") if p.is_file())


@pytest.fixture
def staff(school, other_school):
    mine = [PedagogueFactory(institution=school) for _ in range(3)]
    theirs = [PedagogueFactory(institution=other_school) for _ in range(2)]
    return mine, theirs


# --- inline mode (no broker): the file in the same response, through a job ---------------------------------


def test_inline_export_returns_the_same_rows_as_the_view_and_keeps_the_file_in_a_done_job(
    client, methodist, staff, media
):
    client.force_login(methodist)

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="pedagogues.xlsx"'
    expected = direct(core_views.pedagogue_export, methodist, EXPORT)
    assert rows_of(response.content) == rows_of(expected.content)
    assert len(rows_of(response.content)) == 1 + 5
    job = Job.objects.get()
    assert (job.owner, job.kind, job.status, job.progress, job.attempts) == (methodist, "file", "done", 100, 1)
    assert job.filename == "pedagogues.xlsx" and job.response_status == 200
    assert job.params["path"] == EXPORT and job.params["language"] == "ru"
    assert job.message.startswith("Готово: pedagogues.xlsx")
    assert job.started and job.finished and job.finished >= job.started
    assert files_under(media) == [media / job.file.name]
    assert job.file.read() == response.content


def test_school_user_gets_only_their_own_rows_through_the_job(client, school_user, staff):
    mine, theirs = staff
    client.force_login(school_user)

    response = client.get(EXPORT)

    names = {row[0] for row in rows_of(response.content)[1:]}
    text = " ".join(str(cell) for row in rows_of(response.content) for cell in row)
    assert len(rows_of(response.content)) == 1 + 3
    assert all(p.last_name in text for p in mine)
    assert not any(p.last_name in text for p in theirs)
    assert names


def test_the_query_string_filters_reach_the_view_in_the_job(client, methodist, staff):
    mine, _theirs = staff
    client.force_login(methodist)

    response = client.get(EXPORT, {"q": mine[0].last_name})

    rows = rows_of(response.content)
    assert len(rows) == 2
    assert mine[0].last_name in " ".join(str(cell) for cell in rows[1])
    assert Job.objects.get().params["query"] == urlencode({"q": mine[0].last_name})


def test_a_cyrillic_query_string_typed_into_the_address_reaches_the_view(client, methodist, staff):
    mine, _theirs = staff
    client.force_login(methodist)

    response = client.get(f"{EXPORT}?q={mine[0].last_name}")

    assert len(rows_of(response.content)) == 2


def test_a_pdf_through_the_job_has_the_same_text_as_the_view(client, head, school, other_school, year):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    snapshot = build_snapshot(municipality=head.roles.get().municipality, year=year)
    client.force_login(head)
    url = reverse("monitoring:report-pdf", args=[snapshot.pk])

    response = client.get(url)

    from monitoring import views as monitoring_views

    expected = direct(monitoring_views.report_pdf, head, url, pk=snapshot.pk)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="monitoring-{year.start_year}-{year.start_year + 1}.pdf"'

    def text(content):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)

    assert text(response.content) == text(expected.content)
    assert "42,9" in text(response.content)


def test_a_missing_object_stays_a_404_and_leaves_no_job(client, head, year):
    client.force_login(head)

    assert client.get(reverse("monitoring:report-xlsx", args=[999_999])).status_code == 404
    assert not Job.objects.exists()


def test_a_failing_view_gives_a_failed_job_with_a_readable_error_and_a_retry_makes_the_file(client, methodist, staff):
    client.force_login(methodist)

    with mock.patch("core.views.pedagogues_sheet", side_effect=RuntimeError("boom")):
        response = client.get(EXPORT)

    job = Job.objects.get()
    assert response.status_code == 500  # the job page in place of the file, not a hidden failure
    assert job.status == "failed" and job.response_status == 500
    assert "внутренней ошибки" in job.error and "boom" not in job.error and str(job.pk) in job.error
    for page in (response.content.decode(), client.get(job.get_absolute_url()).content.decode()):
        assert "внутренней ошибки" in page and 'id="job-retry"' in page and "Повторить" in page
        assert f'action="/jobs/{job.pk}/retry"' in page

    response = client.post(reverse("jobs:retry", args=[job.pk]))

    job.refresh_from_db()
    assert response.url == job.get_absolute_url()
    assert (job.status, job.attempts, job.error) == ("done", 1, "")
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="pedagogues.xlsx"'
    assert len(rows_of(b"".join(download.streaming_content))) == 1 + 5


# --- idempotency, worker restarts, attempts --------------------------------------------------------------


def test_running_a_done_job_again_does_nothing(client, methodist, staff, media):
    client.force_login(methodist)
    client.get(EXPORT)
    job = Job.objects.get()

    assert run_job(job.pk) == "done"

    job.refresh_from_db()
    assert job.attempts == 1 and len(files_under(media)) == 1


def test_a_job_left_running_by_a_dead_worker_is_finished_by_the_redelivered_message_with_one_file(
    client, methodist, staff, media
):
    client.force_login(methodist)
    client.get(EXPORT)
    job = Job.objects.get()
    # The worker died after writing the file but before marking the job done: the broker redelivers.
    Job.objects.filter(pk=job.pk).update(status="running", progress=40)

    assert tasks.run.apply(args=[job.pk]).get() == "done"

    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == ("done", 2, 100)
    assert files_under(media) == [media / job.file.name]
    assert job.file.name.endswith(f"/{job.pk}/pedagogues.xlsx")
    assert len(rows_of(job.file.read())) == 1 + 5


def test_a_job_started_max_attempts_times_is_given_up_as_failed(methodist, staff):
    job = JobFactory(owner=methodist, status="running", attempts=3)

    assert run_job(job.pk) == "failed"

    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 3
    assert job.error == "Задание прерывалось 3 раза; автоматически оно больше не запускается."
    assert not job.file


@override_settings(JOBS_MAX_ATTEMPTS=2)
def test_the_attempt_limit_comes_from_the_setting(methodist, staff):
    job = JobFactory(owner=methodist, status="running", attempts=1)

    assert run_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.attempts == 2


def test_a_missing_job_is_a_no_op(db):
    assert run_job(424242) == "missing"


# --- progress -----------------------------------------------------------------------------------------------


def test_progress_of_an_export_counts_the_rows_written(client, methodist, school):
    for _ in range(450):
        PedagogueFactory(institution=school)
    client.force_login(methodist)
    seen = []
    real = Progress.rows

    def spy(self, count, finished):
        real(self, count, finished)
        seen.append(self.job.message)

    with mock.patch.object(Progress, "rows", spy):
        response = client.get(EXPORT)

    assert len(rows_of(response.content)) == 451
    assert seen == ["Записано 200 строк", "Записано 400 строк", "Записано 450 строк"]
    job = Job.objects.get()
    assert job.progress == 100 and job.status == "done"


def test_progress_updates_are_throttled_to_one_a_second(methodist):
    job = JobFactory(owner=methodist, status="running")
    now = [100.0]
    progress = Progress(job, clock=lambda: now[0])

    for count in range(1, 11):
        progress.rows(count * 200, False)
        now[0] += 0.25

    job.refresh_from_db()
    assert progress.updates == 3  # at 100.0, 101.0 and 102.0
    assert job.message == "Записано 1\xa0800 строк"  # the row written at 102.0 s, grouped the Russian way
    progress(message="x", force=True)
    assert progress.updates == 4


def test_rows_of_several_sheets_add_up(methodist):
    job = JobFactory(owner=methodist, status="running")
    progress = Progress(job, interval=0)

    progress.rows(30, True)
    progress.rows(12, True)

    assert job.message == "Записано 42 строки"


# --- the report build -----------------------------------------------------------------------------------------


@pytest.fixture
def report_data(school, other_school, year):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")


def test_the_report_build_job_creates_one_snapshot_and_goes_to_it(client, head, report_data, year):
    client.force_login(head)

    response = client.post(reverse("monitoring:reports") + "?year=2021/2022")

    snapshot = ReportSnapshot.objects.get()
    job = Job.objects.get()
    assert response.url == snapshot.get_absolute_url() == job.result_url
    assert (job.kind, job.status, job.progress, job.owner) == ("monitoring.build_report", "done", 100, head)
    assert job.params == {"municipality": snapshot.municipality_id, "year": year.pk, "language": "ru"}
    assert job.message == "Отчёт за 2021/2022 сформирован и зафиксирован."
    assert snapshot.created_by == head
    assert snapshot.data == build_snapshot(municipality=snapshot.municipality, year=year).data
    # A redelivered message after the snapshot was saved builds no second one.
    Job.objects.filter(pk=job.pk).update(status="running")
    assert run_job(job.pk) == "done"
    assert ReportSnapshot.objects.filter(created_by=head).count() == 1


def test_the_report_build_reports_progress_per_indicator(head, report_data, year):
    job = services.start(
        "monitoring.build_report", user=head, label="x",
        params={"municipality": head.roles.get().municipality_id, "year": year.pk, "language": "ru"},
    )
    assert job.status == "done"
    calls = []
    build_snapshot(municipality=head.roles.get().municipality, year=year, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] and len(calls) == calls[-1][1] and calls[0] == (1, calls[-1][1])


def test_a_methodist_cannot_start_a_report_build_job(methodist, head, year):
    job = services.start(
        "monitoring.build_report", user=methodist, label="x",
        params={"municipality": head.roles.get().municipality_id, "year": year.pk},
    )
    assert job.status == "failed" and job.response_status == 403
    assert not ReportSnapshot.objects.exists()


# --- with a broker: the job page, the queue --------------------------------------------------------------


@override_settings(**BROKER)
def test_with_a_broker_the_export_redirects_to_the_job_page_and_waits_in_the_queue(
    client, methodist, staff, django_capture_on_commit_callbacks
):
    client.force_login(methodist)

    with mock.patch("jobs.tasks.run.delay") as delay, django_capture_on_commit_callbacks(execute=True):
        response = client.get(EXPORT)

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    delay.assert_called_once_with(job.pk)
    assert job.status == "queued" and job.attempts == 0 and not job.file
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status == {
        "id": job.pk, "status": "queued", "status_display": "в очереди", "progress": 0, "message": "",
        "error": "", "download_url": "", "result_url": "",
    }
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-status="queued"' in page and "jobs/job.js" in page and "<script>" not in page

    assert run_job(job.pk) == "done"  # what the worker does

    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["download_url"] == f"/jobs/{job.pk}/download"
    download = client.get(status["download_url"])
    assert len(rows_of(b"".join(download.streaming_content))) == 1 + 5


@override_settings(**BROKER)
def test_with_a_broker_the_report_build_shows_the_job_and_then_its_result_url(
    client, head, report_data, django_capture_on_commit_callbacks
):
    client.force_login(head)
    with mock.patch("jobs.tasks.run.delay"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:reports") + "?year=2021/2022")
    job = Job.objects.get()
    assert response.url == job.get_absolute_url() and not ReportSnapshot.objects.exists()

    run_job(job.pk)

    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["result_url"] == ReportSnapshot.objects.get().get_absolute_url()
    assert status["download_url"] == ""


@override_settings(CELERY_TASK_ALWAYS_EAGER=False, JOBS_BACKGROUND_FILES=False)
def test_background_files_off_makes_the_file_inline_even_with_a_broker(client, methodist, staff):
    client.force_login(methodist)
    with mock.patch("jobs.tasks.run.delay") as delay:
        response = client.get(EXPORT)
    assert response.status_code == 200 and len(rows_of(response.content)) == 6
    delay.assert_not_called()


# --- pages and scoping ----------------------------------------------------------------------------------------


def test_another_user_gets_404_for_the_page_the_status_the_download_and_the_retry(client, methodist, staff, outsider):
    client.force_login(methodist)
    client.get(EXPORT)
    job = Job.objects.get()
    client.force_login(outsider)

    for name in ("detail", "status", "download"):
        assert client.get(reverse(f"jobs:{name}", args=[job.pk])).status_code == 404, name
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert 'id="jobs-empty"' in client.get(reverse("jobs:list")).content.decode()


def test_a_superuser_sees_every_job(client, methodist, staff):
    client.force_login(methodist)
    client.get(EXPORT)
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("jobs:download", args=[Job.objects.get().pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client, methodist):
    job = JobFactory(owner=methodist)
    for url in (reverse("jobs:list"), reverse("jobs:detail", args=[job.pk]), reverse("jobs:status", args=[job.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_list_shows_own_jobs_newest_first_with_badges_and_download_links(client, methodist, staff):
    client.force_login(methodist)
    client.get(EXPORT)
    older = Job.objects.get()
    failed = JobFactory(owner=methodist, status="failed", label="Сломанная выгрузка", error="Нет данных")

    body = client.get(reverse("jobs:list")).content.decode()
    body = body[body.index('id="jobs"'):]

    assert body.index("Сломанная выгрузка") < body.index(older.label)
    assert f'href="/jobs/{older.pk}/download"' in body
    assert "text-bg-danger" in body and "Нет данных" in body and "выполнено" in body
    assert f'href="/jobs/{failed.pk}/"' in body


def test_the_empty_list_says_so(client, methodist):
    client.force_login(methodist)
    body = client.get(reverse("jobs:list")).content.decode()
    assert 'id="jobs-empty"' in body and "У вас пока нет файлов" in body


def test_the_download_of_an_unfinished_job_is_404(client, methodist):
    job = JobFactory(owner=methodist, status="running")
    client.force_login(methodist)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_purge_deletes_old_finished_jobs_and_their_files(client, methodist, staff, media):
    client.force_login(methodist)
    client.get(EXPORT)
    old = Job.objects.get()
    Job.objects.filter(pk=old.pk).update(created=old.created.replace(year=old.created.year - 1))
    recent = JobFactory(owner=methodist, status="done")
    waiting = JobFactory(owner=methodist, status="queued")
    Job.objects.filter(pk=waiting.pk).update(created=old.created.replace(year=old.created.year - 1))

    call_command("jobs_purge", days=7, stdout=io.StringIO())

    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert files_under(media) == []


def test_anonymous_export_does_not_start_a_job(client, staff):
    response = client.get(EXPORT)
    assert response.status_code == 302 and not Job.objects.exists()


@pytest.mark.parametrize("role", [Role.METHODIST])
def test_labels_are_in_the_users_language(client, staff, role, city):
    user = make_user("m2", role, municipality=city)
    client.force_login(user)
    client.get(EXPORT)
    assert Job.objects.get().label == "Педагоги"


def _redirecting_view(request, **kwargs):
    return HttpResponseRedirect("/pedagogues/?empty=1")


def test_a_view_that_redirects_stays_a_redirect_inline_and_keeps_no_job(client, methodist):
    client.force_login(methodist)
    match = ResolverMatch(_redirecting_view, (), {}, url_name="pedagogue-export")

    with mock.patch("jobs.kinds.resolve", return_value=match):
        response = client.get(EXPORT)

    assert response.status_code == 302 and response.url == "/pedagogues/?empty=1"
    assert not Job.objects.exists()


@override_settings(**BROKER)
def test_with_a_broker_a_redirecting_view_fails_the_job_with_its_status(client, methodist):
    client.force_login(methodist)
    with mock.patch("jobs.tasks.run.delay"):
        client.get(EXPORT)
    job = Job.objects.get()
    match = ResolverMatch(_redirecting_view, (), {}, url_name="pedagogue-export")

    with mock.patch("jobs.kinds.resolve", return_value=match):
        assert run_job(job.pk) == "failed"

    job.refresh_from_db()
    assert job.response_status == 302 and job.result_url == "/pedagogues/?empty=1"
    assert job.error == "Файл сформировать не удалось (страница ответила кодом 302)."
