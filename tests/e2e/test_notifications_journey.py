"""A school is reminded of a staffing deadline: the bell shows the unread count, the list marks it read."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import AcademicYear
from notifications.models import Notification
from staffing.models import Campaign
from tests.conftest import login
from tests.conftest import screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reminder_shows_on_the_bell_and_marking_it_read_lowers_the_count(browser_page, city, school_user):
    page = browser_page
    user = school_user
    user.email = "director@school1.example.ru"
    user.save()
    deadline = timezone.localdate() + datetime.timedelta(days=2)
    Campaign.objects.create(
        municipality=city, title="Кадровая потребность на 01.08.2022", as_of=datetime.date(2022, 8, 1),
        year=AcademicYear.objects.get(start_year=2022), deadline=deadline,
    )
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)  # the hourly cron again: nothing new
    assert Notification.objects.filter(user=user).count() == 1

    login(page, "school")
    page.goto(page.base_url + "/")
    assert page.inner_text("#notification-count").startswith("1")
    screenshot(page, "notifications-bell")

    page.click("#notification-bell")
    page.wait_for_url("**/notifications/")
    item = page.locator("#notification-list li").first
    assert "Срок представления кадровой потребности — {}".format(deadline.strftime("%d.%m.%Y")) in item.inner_text()
    screenshot(page, "notifications-list")

    item.locator("button.mark-read").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#notification-count").count() == 0
    assert page.locator("#notification-list li.list-group-item-primary").count() == 0
    assert Notification.objects.get(user=user).read_at is not None
    screenshot(page, "notifications-read")

    page.goto(page.base_url + "/notifications/preferences/")
    page.check("input[name='staffing_deadline'][value='off']")
    page.click("#save-preferences")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name='staffing_deadline'][value='off']").is_checked()
    screenshot(page, "notifications-preferences")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_teacher_is_notified_of_an_issued_certificate(browser_page, city, methodist, teacher,
                                                         teacher_pedagogue):
    from certificates.tests.factories import issue
    from certificates.tests.factories import seminar

    page = browser_page
    certificate = issue("associations.meeting", seminar(city, [teacher_pedagogue]), methodist)[0]

    login(page, "teacher")
    assert page.inner_text("#notification-count").startswith("1")
    page.click("#notification-bell")
    page.wait_for_url("**/notifications/")
    text = page.inner_text("#notification-list")
    assert f"Выдан сертификат № {certificate.number}" in text and "Формирующее оценивание на уроке" in text
    screenshot(page, "notifications-certificate")

    page.locator("#notification-list button[name=open]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(certificate.get_absolute_url())
    assert page.locator("#notification-count").count() == 0
