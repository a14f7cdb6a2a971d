import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfReader

from training.models import ItemStatus
from training.models import Route
from training.models import RouteItem
from training.models import suggestions
from training.tests.conftest import rate
from training.tests.factories import ActivityFactory
from training.tests.factories import DiagnosisFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory
from training.tests.factories import RouteFactory
from training.tests.factories import RouteItemFactory
from training.tests.factories import competencies


@pytest.fixture
def deficits():
    return competencies(3)


@pytest.fixture
def diagnosed(teacher_pedagogue, deficits):
    return rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {c.pk: 1 for c in deficits})


@pytest.fixture
def route(teacher_pedagogue, diagnosed):
    return RouteFactory(pedagogue=teacher_pedagogue, diagnosis=diagnosed)


def test_suggestions_are_ranked_by_the_number_of_deficits_covered(db, deficits):
    a, b, c = deficits
    other = competencies(10)[-1]
    one = ProgrammeFactory(title="Один дефицит", competencies=[a, other])
    three = ProgrammeFactory(title="Три дефицита", competencies=[a, b, c])
    two = ActivityFactory(title="Два дефицита", competencies=[b, c])
    ProgrammeFactory(title="Не про дефициты", competencies=[other])
    ProgrammeFactory(title="Не предлагается", competencies=[a, b, c], is_active=False)

    ranked = suggestions({a.pk, b.pk, c.pk})
    assert [(s.title, s.covered) for s in ranked] == [("Три дефицита", 3), ("Два дефицита", 2), ("Один дефицит", 1)]
    assert ranked[0].programme == three and ranked[1].activity == two and ranked[2].programme == one
    assert sorted(ranked[2].competency_ids) == [a.pk]
    assert suggestions(set()) == []


def test_teacher_creates_a_route_from_the_latest_diagnosis(client, teacher, teacher_pedagogue, diagnosed):
    client.force_login(teacher)
    response = client.post("/training/route/", {"goal": "Закрыть дефициты"})
    route = Route.objects.get(pedagogue=teacher_pedagogue)
    assert response.url == route.get_absolute_url()
    assert (route.diagnosis, route.goal) == (diagnosed, "Закрыть дефициты")
    assert client.get("/training/route/").url == route.get_absolute_url()


def test_teacher_adds_a_suggestion_and_it_leaves_the_suggestions(client, teacher, route, deficits):
    programme = ProgrammeFactory(title="Курс по дефицитам", competencies=deficits[:2])
    client.force_login(teacher)
    page = client.get(route.get_absolute_url()).content.decode()
    assert "Курс по дефицитам" in page and "covers 2 deficits" in page

    client.post(f"/training/routes/{route.pk}/suggestion/", {"key": f"programme-{programme.pk}",
                                                             "deadline": "2022-03-01"})
    item = route.items.get()
    assert (item.kind, item.programme, item.deadline) == ("course", programme, datetime.date(2022, 3, 1))
    assert set(item.competencies.values_list("pk", flat=True)) == {deficits[0].pk, deficits[1].pk}
    page = client.get(route.get_absolute_url()).content.decode()
    assert 'class="suggestion-title">Курс по дефицитам' not in page


def test_a_deadline_outside_the_year_is_refused(client, teacher, route):
    client.force_login(teacher)
    response = client.post(f"/training/routes/{route.pk}/items/new/",
                           {"kind": "mentoring", "title": "Наставничество", "deadline": "2025-01-01"})
    assert "The deadline must fall within the academic year 2021/2022." in response.content.decode()
    assert not route.items.exists()
    response = client.post(f"/training/routes/{route.pk}/items/new/",
                           {"kind": "association", "title": "ГМО учителей математики", "deadline": "2022-05-01"},
                           follow=True)
    assert route.items.get().kind == "association"
    assert response.redirect_chain == [(route.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        str(_("«{title}» is added to your route.")).format(title="ГМО учителей математики")]


def test_evidence_then_acceptance_changes_the_progress(client, teacher, methodist, route):
    first = RouteItemFactory(route=route)
    RouteItemFactory(route=route)
    client.force_login(teacher)
    client.post(f"/training/items/{first.pk}/evidence/", {"link": "https://school1.example.ru/report", "d-deadline": ""})
    first.refresh_from_db()
    assert (first.status, first.evidence_link) == (ItemStatus.SUBMITTED, "https://school1.example.ru/report")
    assert route.progress() == (0, 2)

    client.force_login(methodist)
    client.post(f"/training/items/{first.pk}/review/", {"decision": "accept", "comment": ""})
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (ItemStatus.ACCEPTED, methodist)
    client.force_login(teacher)
    assert "1 of 2 items accepted" in client.get(route.get_absolute_url()).content.decode()


def test_returning_needs_a_comment_and_the_teacher_sees_it(client, teacher, methodist, route):
    item = RouteItemFactory(route=route, evidence_link="https://x.example.ru", status=ItemStatus.SUBMITTED)
    client.force_login(methodist)
    client.post(f"/training/items/{item.pk}/review/", {"decision": "return", "comment": ""})
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    client.post(f"/training/items/{item.pk}/review/", {"decision": "return", "comment": "Нет подписи"})
    item.refresh_from_db()
    assert (item.status, item.review_comment) == (ItemStatus.RETURNED, "Нет подписи")
    client.force_login(teacher)
    assert "Нет подписи" in client.get(route.get_absolute_url()).content.decode()


def test_evidence_files_are_checked_for_type_and_presence(client, teacher, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = RouteItemFactory(route=route)
    client.force_login(teacher)
    response = client.post(f"/training/items/{item.pk}/evidence/",
                           {"file": SimpleUploadedFile("virus.exe", b"MZ"), "d-deadline": ""})
    assert "Files of type «exe» are not accepted" in response.content.decode()
    response = client.post(f"/training/items/{item.pk}/evidence/", {"d-deadline": ""})
    assert "Attach a file or give a link." in response.content.decode()
    client.post(f"/training/items/{item.pk}/evidence/",
                {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4"), "d-deadline": ""})
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.evidence_file.name.endswith("report.pdf")
    response = client.get(f"/training/items/{item.pk}/file/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_evidence_files_are_not_served_outside_the_scope(client, outsider, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = RouteItemFactory(route=route, evidence_file=SimpleUploadedFile("report.pdf", b"%PDF-1.4"),
                            status=ItemStatus.SUBMITTED)
    client.force_login(outsider)
    assert client.get(f"/training/items/{item.pk}/file/").status_code == 404


def test_re_diagnosis_shows_closed_deficits_on_the_route(client, teacher, teacher_pedagogue, route, deficits):
    rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {deficits[0].pk: 1})
    client.force_login(teacher)
    page = client.get(route.get_absolute_url()).content.decode()
    assert page.count("deficit closed") == 2


def test_others_cannot_see_or_change_a_route(client, route, outsider, school_user, methodist):
    item = RouteItemFactory(route=route, evidence_link="https://x.example.ru", status=ItemStatus.SUBMITTED)
    client.force_login(outsider)
    assert client.get(route.get_absolute_url()).status_code == 404
    assert client.post(f"/training/items/{item.pk}/review/", {"decision": "accept"}).status_code == 404
    client.force_login(school_user)
    assert client.get(route.get_absolute_url()).status_code == 200
    assert client.post(f"/training/items/{item.pk}/review/", {"decision": "accept"}).status_code == 403
    assert client.post(f"/training/items/{item.pk}/evidence/", {"link": "https://y.ru"}).status_code == 403
    client.force_login(methodist)
    assert client.post(f"/training/routes/{route.pk}/items/new/", {"title": "x"}).status_code == 403


def test_another_teacher_cannot_open_the_route(client, route, school, city):
    from conftest import make_user
    from core.scoping import Role

    other = PedagogueFactory(institution=school)
    user = make_user("teacher2", Role.TEACHER, institution=school)
    other.user = user
    other.save()
    client.force_login(user)
    assert client.get(route.get_absolute_url()).status_code == 404
    assert route.pedagogue.full_name not in client.get("/training/routes/").content.decode()


def test_the_route_prints_as_a_pdf(client, teacher, route):
    RouteItemFactory(route=route, title="Курсы по функциональной грамотности", deadline=datetime.date(2022, 4, 1))
    client.force_login(teacher)
    response = client.get(f"/training/routes/{route.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Курсы по функциональной грамотности" in " ".join(text.split())
    assert "Иванова Мария Петровна" in text


def test_accepted_items_cannot_be_removed(client, teacher, route):
    item = RouteItemFactory(route=route, evidence_link="https://x.example.ru", status=ItemStatus.ACCEPTED)
    client.force_login(teacher)
    client.post(f"/training/items/{item.pk}/delete/")
    assert RouteItem.objects.filter(pk=item.pk).exists()
