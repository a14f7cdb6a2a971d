"""A methodist issues certificates for a seminar (an association meeting) in bulk; an anonymous
visitor opens one certificate's verification URL (what its QR code holds) and sees it is valid;
the teacher sees the certificate on their record.

Issue 10's other parts meet here too: the seminar's hours land on the teacher's hour account
by themselves, and the teacher is notified about the certificate.
"""

import datetime
from decimal import Decimal

import pytest

from associations.models import Association
from associations.models import Attendance
from associations.models import Meeting
from certificates.models import Certificate
from conftest import make_user
from core.models import Employment
from core.models import Pedagogue
from core.scoping import Role
from notifications.models import Notification
from tests.conftest import login
from tests.conftest import screenshot
from training.models import HourEntry


def hire(institution, last_name, first_name, middle_name, user=None):
    pedagogue = Pedagogue.objects.create(
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=datetime.date(1996, 4, 5),
        municipality=institution.municipality, institution=institution, user=user,
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=datetime.date(2019, 9, 1))
    return pedagogue


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_methodist_issues_seminar_certificates_a_visitor_verifies_one_and_the_teacher_sees_it(
    browser_page, city, school, other_school
):
    make_user("methodist", Role.METHODIST, municipality=city)
    teacher_user = make_user("teacher", Role.TEACHER, institution=school)
    teacher = hire(school, "Иванова", "Мария", "Петровна", user=teacher_user)
    colleague = hire(other_school, "Кузнецова", "Анна", "Игоревна")
    gmo = Association.objects.create(municipality=city, kind="gmo", title="ГМО учителей математики",
                                     started=datetime.date(2019, 9, 1))
    seminar = Meeting.objects.create(
        association=gmo, date=datetime.date(2026, 3, 12), topic="Формирующее оценивание на уроке",
        kind="workshop", counts_toward_pd=True, pd_hours=Decimal("4"),
    )
    for pedagogue in (teacher, colleague):
        Attendance.objects.create(meeting=seminar, pedagogue=pedagogue, present=True)
    page = browser_page

    # 1. The methodist picks the seminar, previews the recipients and issues in bulk.
    login(page, "methodist")
    page.goto(page.base_url + "/certificates/issue/?source=associations.meeting")
    page.click("#events >> text=Формирующее оценивание на уроке")
    page.wait_for_selector("#recipients")
    assert "будет выдан" in page.inner_text("#recipients")
    screenshot(page, "certificates-1-preview")
    page.click("#issue-button")
    page.wait_for_selector("#zip-link")
    assert Certificate.objects.count() == 2
    certificate = Certificate.objects.get(holder=teacher)
    assert certificate.number in page.inner_text("#recipients")
    assert "Выдано 2 сертификата" in page.inner_text("main")
    screenshot(page, "certificates-2-issued")

    # The seminar's 4 hours were posted to both attendees' hour accounts automatically, with the
    # attendance as their source; the teacher was told about the certificate.
    entry = HourEntry.objects.get(pedagogue=teacher)
    assert (entry.hours, entry.kind, entry.source_type.model) == (Decimal("4.0"), "seminar", "attendance")
    assert HourEntry.objects.filter(pedagogue=colleague, hours=Decimal("4.0")).count() == 1
    assert Notification.objects.filter(
        user=teacher_user, kind="certificate_issued", object_id=certificate.pk
    ).count() == 1

    # 2. An anonymous visitor opens the verification URL the QR code holds.
    visitor = page.context.browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    anonymous = visitor.new_page()
    anonymous.goto(page.base_url + certificate.verify_path())
    status = anonymous.inner_text("#verification-status")
    assert "действителен" in status
    fields = anonymous.inner_text("#printed-fields")
    assert "Иванова М. П." in fields and "Мария Петровна" not in fields  # the public page shortens the name
    assert "Формирующее оценивание на уроке (ГМО учителей математики)" in fields
    assert "12.03.2026" in fields
    assert "1996" not in fields and school.short_name not in fields
    screenshot(anonymous, "certificates-3-verified")
    visitor.close()

    # 3. The teacher sees the certificate on their record.
    page.context.clear_cookies()
    login(page, "teacher")
    page.goto(page.base_url + "/me/")
    page.wait_for_selector("#record-certificates")
    row = page.inner_text("#record-certificates")
    assert certificate.number in row
    assert "Формирующее оценивание на уроке" in row
    assert Certificate.objects.filter(holder=colleague).exists()
    assert "Кузнецова" not in row
    hours = page.inner_text("#record-hours")
    assert "Формирующее оценивание на уроке" in hours and "4" in hours
    page.goto(page.base_url + "/notifications/")
    assert certificate.number in page.inner_text("main") or "сертификат" in page.inner_text("main").lower()
    page.goto(page.base_url + "/me/")
    screenshot(page, "certificates-4-teacher-record")
