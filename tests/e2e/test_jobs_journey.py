"""The job page in a real browser: job.js polls the status and updates the page without a reload."""

from unittest import mock

import pytest
from django.test import override_settings

from core.tests.factories import PedagogueFactory
from jobs.models import Job
from jobs.services import run_job
from tests.conftest import login
from tests.conftest import screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@override_settings(CELERY_TASK_ALWAYS_EAGER=False, JOBS_BACKGROUND_FILES=None)
def test_the_job_page_follows_the_job_from_the_queue_to_the_download(browser_page, methodist, school):
    for _ in range(3):
        PedagogueFactory(institution=school)
    page = browser_page
    login(page, "methodist")

    with mock.patch("jobs.tasks.run.delay") as delay:
        page.goto(page.base_url + "/pedagogues/export/")
    job = Job.objects.get()
    delay.assert_called_once_with(job.pk)
    assert page.url.endswith(f"/jobs/{job.pk}/")
    assert page.inner_text("#job-status") == "в очереди"
    assert page.is_hidden("#job-download") and page.is_visible("#job-wait")
    screenshot(page, "jobs-queued")

    run_job(job.pk)  # what the worker does

    page.wait_for_selector("#job-download:not(.d-none)")
    assert page.inner_text("#job-status") == "выполнено"
    assert page.inner_text("#job-bar") == "100%"
    assert "pedagogues.xlsx" in page.inner_text("#job-message")
    assert page.is_hidden("#job-wait") and page.is_hidden("#job-retry")
    screenshot(page, "jobs-done")
    with page.expect_download() as download:
        page.click("#job-download")
    assert download.value.suggested_filename == "pedagogues.xlsx"

    page.goto(page.base_url + "/jobs/")
    assert "Педагоги" in page.inner_text("#jobs") and "выполнено" in page.inner_text("#jobs")
    screenshot(page, "jobs-list")
