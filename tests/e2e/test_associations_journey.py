"""A methodist creates a meeting of a ГМО, attaches the minutes and marks attendance from the
member list; the attended meeting then shows on the member's page (the pedagogue record)."""

import datetime

import pytest

from associations.models import Association
from associations.models import Meeting
from associations.models import Membership
from conftest import make_user
from core.models import Employment
from core.models import Pedagogue
from core.scoping import Role
from tests.conftest import login
from tests.conftest import screenshot


def hire(institution, last_name, first_name, middle_name, born):
    pedagogue = Pedagogue.objects.create(
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=born,
        municipality=institution.municipality, institution=institution,
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=datetime.date(2015, 9, 1))
    return pedagogue


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_methodist_records_a_meeting_and_the_member_page_shows_it(browser_page, city, school, other_school,
                                                                    settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_user("methodist", Role.METHODIST, municipality=city)
    present = hire(school, "Соколова", "Анна", "Игоревна", datetime.date(1994, 2, 3))
    absent = hire(other_school, "Орлов", "Пётр", "Ильич", datetime.date(1975, 7, 8))
    gmo = Association.objects.create(municipality=city, kind="gmo", title="ГМО учителей математики",
                                     started=datetime.date(2019, 9, 1), leader=absent)
    for pedagogue in (present, absent):
        Membership.objects.create(association=gmo, pedagogue=pedagogue, joined=datetime.date(2020, 9, 1))
    minutes = tmp_path / "protokol-3.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes of the meeting\n")
    page = browser_page

    login(page, "methodist")
    page.goto(page.base_url + "/associations/")
    page.click("text=ГМО учителей математики")
    page.wait_for_selector("#members")
    page.click(f"a[href='/associations/{gmo.pk}/meetings/add/']")
    page.fill("#id_date", "2021-11-18")
    page.fill("#id_topic", "Функциональная грамотность на уроках математики")
    page.select_option("#id_format", "blended")
    page.fill("#id_agenda", "1. Итоги ВПР.\n2. Открытые уроки.")
    page.set_input_files("#id_minutes", str(minutes))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#minutes")
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/associations/meetings/{meeting.pk}/")
    assert "protokol-3.pdf" in page.inner_text("#minutes")

    page.click(f"a[href='/associations/meetings/{meeting.pk}/attendance/']")
    page.wait_for_selector("#attendance-form")
    page.check(f"#id_present_{present.pk}")
    page.uncheck(f"#id_present_{absent.pk}")
    page.fill("#id_guests", "Специалист ККИПК")
    page.fill("#id_guests_count", "1")
    screenshot(page, "associations_attendance_form")
    page.click("#attendance-form button[type=submit]")
    page.wait_for_selector("#attendance")
    assert page.inner_text("#present-count") == "1"
    table = page.inner_text("#attendance")
    assert "Соколова Анна Игоревна" in table and "Орлов Пётр Ильич" in table
    assert dict(meeting.attendance.values_list("pedagogue_id", "present")) == {present.pk: True, absent.pk: False}
    screenshot(page, "associations_meeting")

    page.goto(page.base_url + f"/pedagogues/{present.pk}/")
    page.wait_for_selector("#record-associations")
    assert "ГМО учителей математики" in page.inner_text("#record-associations")
    page.click("#record-associations ~ details summary")
    assert "Функциональная грамотность на уроках математики" in page.inner_text("#record-meetings")
    screenshot(page, "associations_member_record")
