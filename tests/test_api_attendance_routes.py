"""The last records the pages write with a form and the API writes too (issue 15.6): a meeting's attendance,
self-diagnoses, routes and their items — through the pages' forms and services, with the pages' scoping."""

import datetime

import pytest
from django.urls import reverse

from associations.models import Attendance
from associations.tests.factories import AssociationFactory, MeetingFactory, MembershipFactory
from conftest import client_of, make_user
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from tests.test_api_writes import api


@pytest.fixture
def far_methodist(other_city):
    return make_user("far-methodist", Role.METHODIST, municipality=other_city)


@pytest.fixture
def meeting(city, school, other_school):
    association = AssociationFactory(municipality=city, title="ГМО учителей математики")
    for last_name, institution in (("Соколова", school), ("Орлов", other_school)):
        MembershipFactory(association=association, pedagogue=PedagogueFactory(institution=institution,
                                                                               last_name=last_name),
                          joined=datetime.date(2020, 9, 1))
    return MeetingFactory(association=association, date=datetime.date(2021, 10, 15))


def marks(meeting) -> dict:
    return {row.pedagogue.last_name: (row.present, row.is_guest) for row in meeting.attendance.all()}


def test_attendance_through_the_api_is_what_the_page_records(methodist, meeting, school):
    sokolova, orlov = (m.pedagogue for m in meeting.association.memberships.order_by("pedagogue__last_name")
                       .reverse())
    guest = PedagogueFactory(institution=school, last_name="Гостева")
    body = {"present": [sokolova.pk], "guest_pedagogues": [guest.pk], "guests": "Представитель ККИПК",
            "guests_count": 1}
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    response = api(methodist).put(url, body, format="json")
    assert response.status_code == 200, response.json()
    through_api = marks(meeting)
    assert through_api == {"Соколова": (True, False), "Орлов": (False, False), "Гостева": (True, True)}
    assert sorted((row["pedagogue"], row["present"]) for row in response.json()["attendance"]) == sorted(
        [(sokolova.pk, True), (orlov.pk, False), (guest.pk, True)])
    meeting.refresh_from_db()
    assert (meeting.guests, meeting.guests_count) == ("Представитель ККИПК", 1)

    Attendance.objects.all().delete()
    page = client_of(methodist).post(reverse("associations:meeting-attendance", args=[meeting.pk]), {
        f"present_{sokolova.pk}": "on", "guest_pedagogues": [guest.pk], "guests": "Представитель ККИПК",
        "guests_count": 1})
    assert page.status_code == 302 and marks(meeting) == through_api

    # Marking again removes the guest and marks everyone absent, as the page does.
    response = api(methodist).put(url, {"present": []}, format="json")
    assert response.status_code == 200
    assert marks(meeting) == {"Соколова": (False, False), "Орлов": (False, False)}


def test_attendance_names_who_is_not_a_member_and_a_guest_out_of_scope(methodist, meeting, other_city):
    from core.models import Institution, InstitutionType

    far = Institution.objects.create(municipality=other_city, name="МБОУ «СШ № 9»", short_name="СШ № 9",
                                     type=InstitutionType.GENERAL)
    stranger = PedagogueFactory(institution=far)
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    response = api(methodist).put(url, {"present": [stranger.pk]}, format="json")
    assert response.status_code == 400 and str(stranger.pk) in response.json()["present"][0]
    response = api(methodist).put(url, {"present": [], "guest_pedagogues": [stranger.pk]}, format="json")
    assert response.status_code == 400 and "guest_pedagogues" in response.json()
    response = api(methodist).put(url, {"present": [], "guests_count": -1}, format="json")
    assert response.status_code == 400 and "guests_count" in response.json()
    assert not Attendance.objects.exists()


def test_a_school_and_another_municipality_cannot_mark_attendance(school_user, far_methodist, meeting):
    member = meeting.association.memberships.first().pedagogue
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    assert api(school_user).put(url, {"present": [member.pk]}, format="json").status_code == 403
    assert api(far_methodist).put(url, {"present": [member.pk]}, format="json").status_code == 404
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.guests, meeting.guests_count) == ("", 0)


def test_the_associations_leader_marks_attendance(teacher, teacher_pedagogue, meeting):
    meeting.association.leader = teacher_pedagogue
    meeting.association.save()
    member = meeting.association.memberships.first().pedagogue
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    response = api(teacher).put(url, {"present": [member.pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert list(Attendance.objects.filter(present=True).values_list("pedagogue_id", flat=True)) == [member.pk]
