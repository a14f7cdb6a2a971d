"""The capability matrix at work: what the expert, a school and a municipality's methodist may read and delete.

The walk over every URL lives in ``test_security_urls.py``; these are the cases of issue 19 with real rows.
"""

import datetime

import pytest

from conftest import client_of
from core.models import Pedagogue
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from expertise.models import Assignment
from expertise.models import ReviewRequest
from expertise.tests.factories import ExpertFactory
from expertise.tests.factories import ReviewRequestFactory
from training.tests.factories import CompletionFactory
from training.tests.factories import DiagnosisFactory
from training.tests.factories import ProgrammeFactory


@pytest.fixture
def staff(school, other_school):
    return [PedagogueFactory(institution=school), PedagogueFactory(institution=school),
            PedagogueFactory(institution=other_school)]


def test_expert_is_refused_the_staff_directory_its_export_and_the_diagnoses(expert, staff):
    DiagnosisFactory(pedagogue=staff[0], completed_at=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC))
    client = client_of(expert)

    assert client.get("/api/v1/pedagogues/").status_code == 403
    assert client.get(f"/api/v1/pedagogues/{staff[0].pk}/").status_code == 403
    assert client.get("/pedagogues/export/").status_code == 403
    assert client.get("/pedagogues/").status_code == 403
    assert client.get(f"/pedagogues/{staff[0].pk}/").status_code == 403
    assert client.get("/api/v1/training/diagnoses/").status_code == 403
    assert client.get("/training/diagnoses/").status_code == 403
    assert client.get("/training/routes/").status_code == 403
    assert client.get("/training/completions/").status_code == 403


def test_expert_sees_no_person_through_for_user_either(expert, staff):
    assert Pedagogue.objects.for_user(expert).count() == 0


def test_methodist_still_reads_the_municipalitys_staff(methodist, staff):
    response = client_of(methodist).get("/api/v1/pedagogues/")

    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_expert_reads_the_request_assigned_to_them_and_the_reviewed_name(expert, methodist, school, staff):
    entry = ExpertFactory(pedagogue=staff[2], user=expert)
    assigned = ReviewRequestFactory(institution=school, title="Рабочая программа по физике",
                                    authors=staff[0].full_name, submitted_by=methodist)
    other = ReviewRequestFactory(institution=school, title="Методическое пособие", authors=staff[1].full_name,
                                 submitted_by=methodist)
    Assignment.objects.create(request=assigned, expert=entry, assigned_by=methodist)

    visible = ReviewRequest.objects.for_user(expert)

    assert list(visible) == [assigned]
    page = client_of(expert).get(f"/expertise/{assigned.pk}/")
    assert page.status_code == 200
    assert staff[0].last_name in page.content.decode()
    assert client_of(expert).get(f"/expertise/{other.pk}/").status_code == 404


def test_school_cannot_delete_its_own_pedagogue_through_the_api(school_user, staff):
    response = client_of(school_user).delete(f"/api/v1/pedagogues/{staff[0].pk}/")

    assert response.status_code == 403
    assert response.json()["detail"].startswith("Педагогов не удаляют: при увольнении закройте место работы")
    assert Pedagogue.objects.filter(pk=staff[0].pk).exists()


def test_methodist_cannot_delete_a_pedagogue_either_only_the_administrator(methodist, admin_user, school):
    mistaken = PedagogueFactory(institution=school)

    assert client_of(methodist).delete(f"/api/v1/pedagogues/{mistaken.pk}/").status_code == 403
    assert client_of(admin_user).delete(f"/api/v1/pedagogues/{mistaken.pk}/").status_code == 204
    assert not Pedagogue.objects.filter(pk=mistaken.pk).exists()


def test_deleting_a_programme_with_completions_answers_409_with_a_message(admin_user, staff):
    programme = ProgrammeFactory()
    CompletionFactory(programme=programme, pedagogue=staff[0])

    response = client_of(admin_user).delete(f"/api/v1/training/programmes/{programme.pk}/")

    assert response.status_code == 409
    assert response.json()["detail"]
    assert programme.__class__.objects.filter(pk=programme.pk).exists()


def test_deleting_a_pedagogue_with_records_answers_409_even_for_the_administrator(admin_user, staff):
    CompletionFactory(pedagogue=staff[0])

    response = client_of(admin_user).delete(f"/api/v1/pedagogues/{staff[0].pk}/")

    assert response.status_code in (204, 409)
    if response.status_code == 409:
        assert Pedagogue.objects.filter(pk=staff[0].pk).exists()


def test_the_menu_offers_the_expert_no_page_the_matrix_refuses(expert):
    from core.nav import all_items
    from core.scoping import roles_of

    names = {item.url_name for item in all_items() if item.visible_to(roles_of(expert))}

    assert "core:pedagogue-list" not in names
    assert "training:diagnosis-list" not in names
    assert "expertise:queue" in names


def test_a_capability_reads_like_a_role_in_role_required_and_has_role(expert, school_user):
    from core.capabilities import Cap
    from core.scoping import roles_of

    assert roles_of(school_user).has(Cap.EXPORT) and not roles_of(school_user).has(Cap.DELETE)
    assert roles_of(expert).has(Cap.REVIEW) and not roles_of(expert).has(Cap.PERSONAL_DATA)
    assert roles_of(expert).has(Role.EXPERT)
