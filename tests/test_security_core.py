"""Scoping of the core directory across pages, exports and the API: what each persona must NOT get."""

import io

import pytest
from openpyxl import load_workbook

from conftest import api_of
from core.models import Institution
from core.models import Pedagogue
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory


@pytest.fixture
def colleague(school):
    return PedagogueFactory(institution=school, last_name="Своев")


@pytest.fixture
def stranger(other_school):
    return PedagogueFactory(institution=other_school, last_name="Чужаков")


@pytest.fixture
def far_away(other_city):
    return PedagogueFactory(institution=InstitutionFactory(municipality=other_city), last_name="Дальний")


PAGES = ["/", "/institutions/", "/pedagogues/", "/pedagogues/export/", "/institutions/export/",
         "/pedagogues/import/", "/pedagogues/new/", "/institutions/new/", "/me/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_users_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_school_user_gets_404_for_another_schools_pedagogue_page(client, school_user, stranger, suffix):
    client.force_login(school_user)

    assert client.get(f"/pedagogues/{stranger.pk}/{suffix}").status_code == 404


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_school_user_gets_404_for_another_schools_pedagogue_in_the_api(school_user, stranger, method):
    api = api_of(school_user)

    response = getattr(api, method)(f"/api/v1/pedagogues/{stranger.pk}/", {}, format="json")

    assert response.status_code == 404
    assert Pedagogue.objects.filter(pk=stranger.pk).exists()


def test_methodist_of_one_city_never_sees_another_city(client, methodist, colleague, far_away):
    client.force_login(methodist)
    api = api_of(methodist)

    assert client.get(f"/pedagogues/{far_away.pk}/").status_code == 404
    assert client.get(f"/institutions/{far_away.institution_id}/").status_code == 404
    assert api.get(f"/api/v1/pedagogues/{far_away.pk}/").status_code == 404
    names = [p["last_name"] for p in api.get("/api/v1/pedagogues/").json()["results"]]
    assert names == ["Своев"]
    institutions = [i["short_name"] for i in api.get("/api/v1/institutions/").json()["results"]]
    assert far_away.institution.short_name not in institutions


def test_filtering_by_a_foreign_institution_does_not_leak_its_staff(client, school_user, stranger, other_school):
    client.force_login(school_user)

    response = client.get("/pedagogues/", {"institution": other_school.pk})

    assert "Чужаков" not in response.content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/pedagogues/export/", {"institution": other_school.pk}).content)).active
    assert "Чужаков" not in [row[0] for row in sheet.iter_rows(values_only=True)]


def test_teacher_sees_no_colleague_anywhere(client, teacher, teacher_pedagogue, colleague):
    client.force_login(teacher)
    api = api_of(teacher)

    assert client.get(f"/pedagogues/{colleague.pk}/").status_code == 404
    assert api.get(f"/api/v1/pedagogues/{colleague.pk}/").status_code == 404
    assert [p["id"] for p in api.get("/api/v1/pedagogues/").json()["results"]] == [teacher_pedagogue.pk]
    # The staff export is for roles with the export capability; a teacher's own data is on their record.
    assert client.get("/pedagogues/export/").status_code == 403


def test_outsider_cannot_edit_another_schools_card_by_post(client, outsider, school):
    client.force_login(outsider)

    response = client.post(f"/institutions/{school.pk}/edit/", {
        "municipality": school.municipality_id, "name": "Взлом", "short_name": "Взлом", "type": "general"})

    assert response.status_code == 404
    assert Institution.objects.get(pk=school.pk).short_name == "СШ № 1"


def test_school_user_cannot_move_its_institution_to_another_municipality(client, school_user, school, other_city):
    client.force_login(school_user)

    client.post(f"/institutions/{school.pk}/edit/", {
        "municipality": other_city.pk, "name": school.name, "short_name": school.short_name, "type": "general",
        "is_active": "on"})

    assert Institution.objects.get(pk=school.pk).municipality_id == school.municipality_id


def test_school_user_cannot_create_institutions_through_the_api(school_user, city):
    api = api_of(school_user)

    response = api.post("/api/v1/institutions/", {"municipality": city.pk, "name": "Новая", "short_name": "Новая",
                                                  "type": "general"}, format="json")

    assert response.status_code == 400
    assert not Institution.objects.filter(short_name="Новая").exists()


def test_an_import_preview_cannot_be_confirmed_by_another_user(client, methodist, school_user, school):
    from core.tests.test_roster_import import preview
    from core.tests.test_roster_import import row
    from core.tests.test_roster_import import workbook

    client.force_login(school_user)
    token = preview(client, workbook(row())).context["token"]
    client.force_login(methodist)

    client.post("/pedagogues/import/", {"confirm": "1", "token": token})

    assert not Pedagogue.objects.exists()


def test_teacher_cannot_open_the_import_or_create_forms(client, teacher):
    client.force_login(teacher)

    assert client.get("/pedagogues/import/").status_code == 403
    assert client.get("/pedagogues/new/").status_code == 403
    assert client.get("/institutions/new/").status_code == 403
