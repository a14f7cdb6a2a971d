import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.models import Attendance
from associations.models import Meeting
from associations.services import mark_attendance
from associations.tests.factories import MeetingFactory
from core.tests.factories import PedagogueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_methodist_creates_a_meeting_with_minutes(client, methodist, gmo):
    client.force_login(methodist)
    minutes = SimpleUploadedFile("protokol.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(
        reverse("associations:meeting-add", args=[gmo.pk]),
        {"date": "2021-10-20", "topic": "Подготовка к ГИА", "kind": "supervision", "format": "blended",
         "agenda": "1. Анализ", "minutes": minutes, "guests_count": 0},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.kind == "supervision" and meeting.minutes.name.endswith("protokol.pdf")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Подготовка к ГИА" in page and "protokol.pdf" in page


def test_minutes_of_a_wrong_type_are_rejected_and_the_input_kept(client, methodist, gmo):
    client.force_login(methodist)
    response = client.post(
        reverse("associations:meeting-add", args=[gmo.pk]),
        {"date": "2021-10-20", "topic": "Тема, которую ввели", "kind": "meeting", "format": "in_person",
         "minutes": SimpleUploadedFile("virus.exe", b"MZ"), "guests_count": 0},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    page = response.content.decode()
    assert "Тема, которую ввели" in page
    assert "exe" in page  # the extension error names the file type


def test_minutes_larger_than_the_limit_are_rejected(client, methodist, gmo, monkeypatch):
    monkeypatch.setattr("associations.models.DOCUMENT_MAX_BYTES", 10)
    client.force_login(methodist)
    response = client.post(
        reverse("associations:meeting-add", args=[gmo.pk]),
        {"date": "2021-10-20", "topic": "Тема", "kind": "meeting", "format": "in_person",
         "minutes": SimpleUploadedFile("big.pdf", b"x" * 100), "guests_count": 0},
    )
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_pd_hours_are_required_when_the_meeting_counts_toward_pd(client, methodist, gmo):
    client.force_login(methodist)
    response = client.post(
        reverse("associations:meeting-add", args=[gmo.pk]),
        {"date": "2021-10-20", "topic": "Тема", "kind": "meeting", "format": "in_person", "guests_count": 0,
         "counts_toward_pd": "on"},
    )
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_attendance_screen_lists_members_and_saves_marks_in_one_post(client, methodist, gmo, members, city):
    member_a, member_b = members
    guest = PedagogueFactory(institution=member_a.institution, last_name="Гостева")
    meeting = MeetingFactory(association=gmo, date=datetime.date(2021, 10, 15))
    client.force_login(methodist)
    url = reverse("associations:meeting-attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert member_a.full_name in page and member_b.full_name in page

    response = client.post(url, {
        f"present_{member_a.pk}": "on", "guest_pedagogues": [guest.pk], "guests": "Представитель ККИПК",
        "guests_count": 1,
    })
    assert response.status_code == 302
    marks = {row.pedagogue_id: (row.present, row.is_guest) for row in meeting.attendance.all()}
    assert marks == {member_a.pk: (True, False), member_b.pk: (False, False), guest.pk: (True, True)}
    meeting.refresh_from_db()
    assert meeting.guests == "Представитель ККИПК" and meeting.guests_count == 1

    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert 'id="present-count">2<' in detail


def test_marking_again_updates_and_removes_rows(gmo, members):
    member_a, member_b = members
    meeting = MeetingFactory(association=gmo)
    mark_attendance(meeting=meeting, marks={member_a.pk: True, member_b.pk: True}, guest_ids=[])
    present = mark_attendance(meeting=meeting, marks={member_a.pk: False}, guest_ids=[])
    assert present == 0
    assert list(meeting.attendance.values_list("pedagogue_id", "present")) == [(member_a.pk, False)]


def test_attendance_lists_only_members_on_the_meeting_day(gmo, members, client, methodist):
    member_a, member_b = members
    membership = gmo.memberships.get(pedagogue=member_b)
    membership.left = datetime.date(2021, 9, 30)
    membership.save()
    meeting = MeetingFactory(association=gmo, date=datetime.date(2021, 10, 15))
    client.force_login(methodist)
    page = client.get(reverse("associations:meeting-attendance", args=[meeting.pk])).content.decode()
    assert f'name="present_{member_a.pk}"' in page
    assert f'name="present_{member_b.pk}"' not in page


def test_a_leader_marks_attendance_of_their_own_association(client, gmo, members, teacher, teacher_pedagogue):
    gmo.leader = teacher_pedagogue
    gmo.save()
    meeting = MeetingFactory(association=gmo)
    client.force_login(teacher)
    response = client.post(
        reverse("associations:meeting-attendance", args=[meeting.pk]),
        {f"present_{members[0].pk}": "on", "guests_count": 0},
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=meeting, present=True).count() == 1


def test_a_school_user_cannot_mark_attendance(client, gmo, members, school_user):
    meeting = MeetingFactory(association=gmo)
    client.force_login(school_user)
    response = client.post(reverse("associations:meeting-attendance", args=[meeting.pk]), {"guests_count": 0})
    assert response.status_code == 403
    assert not Attendance.objects.exists()
