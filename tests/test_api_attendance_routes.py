"""The last records the pages write with a form and the API writes too (issue 15.6): a meeting's attendance,
self-diagnoses, routes and their items — through the pages' forms and services, with the pages' scoping."""

import datetime

import pytest
from django.urls import reverse

from associations.models import Attendance
from associations.tests.factories import AssociationFactory
from associations.tests.factories import MeetingFactory
from associations.tests.factories import MembershipFactory
from conftest import api_of
from conftest import client_of
from conftest import make_user
from core.scoping import Role
from core.tests.factories import PedagogueFactory


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
    response = api_of(methodist).put(url, body, format="json")
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
    response = api_of(methodist).put(url, {"present": []}, format="json")
    assert response.status_code == 200
    assert marks(meeting) == {"Соколова": (False, False), "Орлов": (False, False)}


def test_attendance_names_who_is_not_a_member_and_a_guest_out_of_scope(methodist, meeting, other_city):
    from core.models import Institution
    from core.models import InstitutionType

    far = Institution.objects.create(municipality=other_city, name="МБОУ «СШ № 9»", short_name="СШ № 9",
                                     type=InstitutionType.GENERAL)
    stranger = PedagogueFactory(institution=far)
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    response = api_of(methodist).put(url, {"present": [stranger.pk]}, format="json")
    assert response.status_code == 400 and str(stranger.pk) in response.json()["present"][0]
    response = api_of(methodist).put(url, {"present": [], "guest_pedagogues": [stranger.pk]}, format="json")
    assert response.status_code == 400 and "guest_pedagogues" in response.json()
    response = api_of(methodist).put(url, {"present": [], "guests_count": -1}, format="json")
    assert response.status_code == 400 and "guests_count" in response.json()
    assert not Attendance.objects.exists()


def test_a_school_and_another_municipality_cannot_mark_attendance(school_user, far_methodist, meeting):
    member = meeting.association.memberships.first().pedagogue
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    assert api_of(school_user).put(url, {"present": [member.pk]}, format="json").status_code == 403
    assert api_of(far_methodist).put(url, {"present": [member.pk]}, format="json").status_code == 404
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.guests, meeting.guests_count) == ("", 0)


def test_the_associations_leader_marks_attendance(teacher, teacher_pedagogue, meeting):
    meeting.association.leader = teacher_pedagogue
    meeting.association.save()
    member = meeting.association.memberships.first().pedagogue
    url = f"/api/v1/association-meetings/{meeting.pk}/attendance/"
    response = api_of(teacher).put(url, {"present": [member.pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert list(Attendance.objects.filter(present=True).values_list("pedagogue_id", flat=True)) == [member.pk]


# --- route items -----------------------------------------------------------------------------------------

@pytest.fixture
def route(teacher_pedagogue):
    from training.tests.factories import RouteFactory

    return RouteFactory(pedagogue=teacher_pedagogue)


def test_the_teacher_adds_an_own_step_as_on_the_route_page(teacher, route):
    from training.models import RouteItem
    from training.tests.factories import competencies

    competency = competencies(1)[0]
    body = {"route": route.pk, "kind": "mentoring", "title": "Наставничество", "competencies": [competency.pk],
            "deadline": "2025-01-01"}
    response = api_of(teacher).post("/api/v1/training/route-items/", body, format="json")
    assert response.status_code == 400 and "2021/2022" in response.json()["deadline"][0]
    response = api_of(teacher).post("/api/v1/training/route-items/", {**body, "deadline": "2022-05-01"}, format="json")
    assert response.status_code == 201, response.json()
    item = RouteItem.objects.get()
    assert (item.route, item.kind, item.order, item.status) == (route, "mentoring", 1, "planned")
    assert list(item.competencies.values_list("pk", flat=True)) == [competency.pk]
    # Afterwards only the deadline changes, within the year.
    url = f"/api/v1/training/route-items/{item.pk}/"
    response = api_of(teacher).patch(url, {"deadline": "2023-01-01"}, format="json")
    assert response.status_code == 400 and "deadline" in response.json()
    response = api_of(teacher).patch(url, {"deadline": "2022-04-01", "title": "Другое"}, format="json")
    assert response.status_code == 200, response.json()
    item.refresh_from_db()
    assert (item.deadline, item.title) == (datetime.date(2022, 4, 1), "Наставничество")


def test_another_teacher_and_a_methodist_do_not_write_the_teachers_steps(teacher, methodist, route, school):
    from training.models import RouteItem
    from training.tests.factories import RouteItemFactory

    colleague = make_user("colleague", Role.TEACHER, institution=school)
    PedagogueFactory(institution=school, user=colleague)
    item = RouteItemFactory(route=route, deadline=datetime.date(2022, 5, 1))
    body = {"route": route.pk, "kind": "event", "title": "Чужой шаг", "deadline": "2022-05-01"}
    response = api_of(colleague).post("/api/v1/training/route-items/", body, format="json")
    assert response.status_code == 400 and "route" in response.json()
    response = api_of(methodist).post("/api/v1/training/route-items/", body, format="json")
    assert response.status_code == 400 and "route" in response.json()
    url = f"/api/v1/training/route-items/{item.pk}/"
    assert api_of(colleague).post(f"{url}evidence/", {"link": "https://x.example.ru"}, format="json").status_code == 404
    assert api_of(methodist).post(f"{url}evidence/", {"link": "https://x.example.ru"},
                               format="json").status_code == 403
    assert api_of(methodist).delete(url).status_code == 403
    assert api_of(colleague).delete(url).status_code == 404
    assert list(RouteItem.objects.values_list("title", "status")) == [(item.title, "planned")]


def test_evidence_then_review_through_the_api_as_on_the_page(teacher, methodist, school_user, route):
    from training.models import ItemStatus
    from training.tests.factories import RouteItemFactory

    first = RouteItemFactory(route=route, deadline=datetime.date(2022, 5, 1))
    RouteItemFactory(route=route, deadline=datetime.date(2022, 5, 1))
    url = f"/api/v1/training/route-items/{first.pk}/"
    response = api_of(teacher).post(f"{url}evidence/", {}, format="json")
    assert response.status_code == 400 and response.json() == {
        "non_field_errors": ["Приложите файл или укажите ссылку."]}
    response = api_of(teacher).post(f"{url}evidence/", {"link": "https://school1.example.ru/report"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    first.refresh_from_db()
    assert (first.status, first.evidence_link) == (ItemStatus.SUBMITTED, "https://school1.example.ru/report")

    assert api_of(school_user).post(f"{url}review/", {"decision": "accept"}, format="json").status_code == 403
    assert api_of(teacher).post(f"{url}review/", {"decision": "accept"}, format="json").status_code == 403
    response = api_of(methodist).post(f"{url}review/", {"decision": "return", "comment": ""}, format="json")
    assert response.status_code == 400 and "comment" in response.json()
    response = api_of(methodist).post(f"{url}review/", {"decision": "accept"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (ItemStatus.ACCEPTED, methodist)
    assert route.progress() == (1, 2)
    # An accepted step is neither changed nor removed.
    assert api_of(teacher).patch(url, {"deadline": "2022-04-01"}, format="json").status_code == 403
    assert api_of(teacher).delete(url).status_code == 403
    assert route.items.count() == 2


def test_the_teacher_removes_a_step_not_yet_accepted(teacher, route):
    from training.tests.factories import RouteItemFactory

    item = RouteItemFactory(route=route, deadline=datetime.date(2022, 5, 1))
    assert api_of(teacher).delete(f"/api/v1/training/route-items/{item.pk}/").status_code == 204
    assert not route.items.exists()


# --- diagnoses and routes --------------------------------------------------------------------------------

def test_a_self_diagnosis_answered_through_the_api_scores_as_the_page(teacher, teacher_pedagogue, methodist):
    from training.models import Diagnosis
    from training.models import Route
    from training.models import Statement

    statements = list(Statement.objects.order_by("pk"))
    scores = {str(s.pk): (1 if i % 2 else 3) for i, s in enumerate(statements)}
    half = dict(list(scores.items())[:5])
    response = api_of(teacher).post("/api/v1/training/diagnoses/", {"scores": half}, format="json")
    assert response.status_code == 201, response.json()
    draft = Diagnosis.objects.get()
    assert (draft.pedagogue, draft.completed_at, draft.answers.count()) == (teacher_pedagogue, None, 5)
    response = api_of(teacher).post("/api/v1/training/diagnoses/", {"scores": {statements[0].pk: 5}}, format="json")
    assert response.status_code == 400 and "scores" in response.json()
    response = api_of(teacher).post("/api/v1/training/diagnoses/", {"scores": scores, "finish": True}, format="json")
    assert response.status_code == 201, response.json()
    diagnosis = Diagnosis.objects.get()  # the draft went on, no second diagnosis
    assert diagnosis.is_completed and diagnosis.answers.count() == len(statements)
    means = {str(k): str(v) for k, v in diagnosis.competency_means().items()}
    assert response.json()["competency_means"] == means and response.json()["deficits"] == sorted(
        diagnosis.deficient_competencies())

    # The same answers on the page give the same means.
    Diagnosis.objects.all().delete()
    page = client_of(teacher)
    page.post(reverse("training:diagnosis-start"))
    on_page = Diagnosis.objects.get()
    page.post(reverse("training:diagnosis-take", args=[on_page.pk]),
              {**{f"s{pk}": score for pk, score in scores.items()}, "finish": "1"})
    on_page.refresh_from_db()
    assert on_page.is_completed and {str(k): str(v) for k, v in on_page.competency_means().items()} == means

    # A methodist has no self-diagnosis; the route is the teacher's own, from the latest result.
    response = api_of(methodist).post("/api/v1/training/diagnoses/", {"scores": half}, format="json")
    assert response.status_code == 400 and "pedagogue" in response.json()
    response = api_of(teacher).post("/api/v1/training/routes/", {"goal": "Закрыть дефициты"}, format="json")
    assert response.status_code == 201, response.json()
    route = Route.objects.get()
    assert (route.pedagogue, route.diagnosis, route.goal) == (teacher_pedagogue, on_page, "Закрыть дефициты")
    response = api_of(teacher).post("/api/v1/training/routes/", {"goal": "Ещё один"}, format="json")
    assert response.status_code == 400 and Route.objects.count() == 1
    assert api_of(methodist).post("/api/v1/training/routes/", {}, format="json").status_code == 400


def test_an_external_diagnosis_is_recorded_by_a_methodist_for_their_municipality_only(
        methodist, far_methodist, school_user, teacher_pedagogue):
    from training.models import Diagnosis
    from training.models import Statement

    scores = {str(s.pk): 2 for s in Statement.objects.all()}
    body = {"pedagogue": teacher_pedagogue.pk, "scores": scores, "finish": True, "note": "Региональный центр"}
    for user in (far_methodist, school_user):
        response = api_of(user).post("/api/v1/training/diagnoses/", body, format="json")
        assert response.status_code == 400 and "pedagogue" in response.json()
    assert not Diagnosis.objects.exists()
    response = api_of(methodist).post("/api/v1/training/diagnoses/", body, format="json")
    assert response.status_code == 201, response.json()
    diagnosis = Diagnosis.objects.get()
    assert (diagnosis.kind, diagnosis.note, diagnosis.is_completed) == ("external", "Региональный центр", True)
