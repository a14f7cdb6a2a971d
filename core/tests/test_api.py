import datetime
import re

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Category
from core.models import Institution
from core.models import Pedagogue
from core.models import Position
from core.models import years_before
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory


@pytest.fixture
def api():
    return APIClient()


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_anonymous_gets_401_or_403(api, school):
    assert api.get("/api/v1/pedagogues/").status_code in (401, 403)


def test_school_user_lists_only_its_staff_and_gets_404_for_others(api, school_user, school, other_school):
    own = PedagogueFactory(institution=school)
    stranger = PedagogueFactory(institution=other_school)
    api.force_authenticate(school_user)

    assert ids(api.get("/api/v1/pedagogues/")) == [own.pk]
    assert api.get(f"/api/v1/pedagogues/{stranger.pk}/").status_code == 404
    assert api.patch(f"/api/v1/pedagogues/{stranger.pk}/", {"phone": "1"}, format="json").status_code == 404
    assert api.get(f"/api/v1/institutions/{other_school.pk}/").status_code == 404


def test_teacher_sees_only_own_record_and_cannot_change_it(api, teacher, teacher_pedagogue, school):
    PedagogueFactory(institution=school)
    api.force_authenticate(teacher)

    assert ids(api.get("/api/v1/pedagogues/")) == [teacher_pedagogue.pk]
    response = api.patch(f"/api/v1/pedagogues/{teacher_pedagogue.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 403


def test_filters_match_the_pages(api, methodist, school, other_school):
    today = timezone.localdate()
    young = PedagogueFactory(institution=school, birth_date=years_before(today, 25), experience_start=None)
    PedagogueFactory(institution=school, birth_date=years_before(today, 30), experience_start=years_before(today, 9))
    PedagogueFactory(institution=other_school, birth_date=years_before(today, 50), category=Category.HIGHEST)
    api.force_authenticate(methodist)

    assert len(ids(api.get("/api/v1/pedagogues/", {"under_35": "true"}))) == 2
    assert ids(api.get("/api/v1/pedagogues/", {"young_specialist": "true"})) == [young.pk]
    assert len(ids(api.get("/api/v1/pedagogues/", {"category": "highest"}))) == 1
    assert len(ids(api.get("/api/v1/pedagogues/", {"institution": school.pk}))) == 2


def test_search_ordering_and_pagination(api, methodist, city, school):
    PedagogueFactory(institution=school, last_name="Яковлев")
    PedagogueFactory(institution=school, last_name="Абрамов")
    InstitutionFactory.create_batch(55, municipality=city)
    api.force_authenticate(methodist)

    assert [p["last_name"] for p in api.get("/api/v1/pedagogues/", {"ordering": "-last_name"}).json()["results"]] == [
        "Яковлев", "Абрамов"]
    assert [p["last_name"] for p in api.get("/api/v1/pedagogues/", {"search": "Абрам"}).json()["results"]] == [
        "Абрамов"]
    page = api.get("/api/v1/institutions/").json()
    assert page["count"] == 56
    assert len(page["results"]) == 50
    assert page["next"]


def test_token_authentication(api, school_user, school):
    PedagogueFactory(institution=school)
    token = Token.objects.create(user=school_user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api.get("/api/v1/pedagogues/").json()["count"] == 1


def test_school_user_creates_a_pedagogue_in_its_school_only(api, school_user, school, other_school):
    api.force_authenticate(school_user)
    data = {"last_name": "Новикова", "first_name": "Ирина", "birth_date": "1992-03-04", "category": "none",
            "position": Position.objects.get(name="учитель").pk, "hired": "2020-09-01"}

    refused = api.post("/api/v1/pedagogues/", {**data, "institution": other_school.pk}, format="json")
    created = api.post("/api/v1/pedagogues/", {**data, "institution": school.pk}, format="json")

    assert refused.status_code == 400
    assert "institution" in refused.json()
    assert created.status_code == 201
    pedagogue = Pedagogue.objects.get(last_name="Новикова")
    assert pedagogue.municipality == school.municipality
    assert pedagogue.employments.get().hired == datetime.date(2020, 9, 1)


def test_methodist_moves_a_pedagogue_through_the_api(api, methodist, school, other_school):
    pedagogue = PedagogueFactory(institution=school)
    api.force_authenticate(methodist)

    response = api.patch(f"/api/v1/pedagogues/{pedagogue.pk}/",
                         {"institution": other_school.pk, "hired": "2024-01-10"}, format="json")

    assert response.status_code == 200
    pedagogue.refresh_from_db()
    assert pedagogue.institution == other_school
    assert [e["left"] for e in response.json()["employments"]] == [None, "2024-01-09"]


def test_institution_write_rights(api, school_user, methodist, school, city):
    api.force_authenticate(school_user)
    assert api.patch(f"/api/v1/institutions/{school.pk}/", {"director": "Орлова"}, format="json").status_code == 200
    assert api.post("/api/v1/institutions/", {"municipality": city.pk, "name": "Новая", "short_name": "Н",
                                              "type": "general"}, format="json").status_code == 400
    api.force_authenticate(methodist)
    assert api.post("/api/v1/institutions/", {"municipality": city.pk, "name": "Новая", "short_name": "Н",
                                              "type": "general"}, format="json").status_code == 201
    assert Institution.objects.filter(short_name="Н").exists()


def test_schema_and_docs_render_without_a_cdn(client, methodist):
    client.force_login(methodist)

    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/pedagogues/" in schema.content
    assert docs.status_code == 200
    html = docs.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in asset for asset in assets)
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert "cdn" not in html.lower()
    client.logout()
    assert client.get("/api/docs/").status_code == 200  # the docs are public; the data behind them is not
    assert client.get("/api/v1/pedagogues/").status_code in (401, 403)


def test_api_list_query_count_does_not_grow_with_rows(api, methodist, school, other_school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.force_authenticate(methodist)
    PedagogueFactory.create_batch(2, institution=school)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/v1/pedagogues/").status_code == 200
        return len(ctx)

    count()  # the first request also reads the user's roles
    small = count()
    PedagogueFactory.create_batch(15, institution=other_school)
    assert count() == small


def test_institutions_are_not_deleted_through_the_api(api, methodist, school):
    api.force_authenticate(methodist)

    assert api.delete(f"/api/v1/institutions/{school.pk}/").status_code == 405
    assert Institution.objects.filter(pk=school.pk).exists()


def test_only_the_administrator_deletes_a_pedagogue_with_their_employment(api, methodist, admin_user, school):
    # A departure closes the employment; deleting a person is the administrator's (the capability matrix).
    pedagogue = PedagogueFactory(institution=school)
    api.force_authenticate(methodist)
    assert api.delete(f"/api/v1/pedagogues/{pedagogue.pk}/").status_code == 403
    api.force_authenticate(admin_user)

    assert api.delete(f"/api/v1/pedagogues/{pedagogue.pk}/").status_code == 204
    assert not Pedagogue.objects.filter(pk=pedagogue.pk).exists()


def test_institution_filters_and_search(api, admin_user, city, other_city, school):
    from core.models import InstitutionType

    InstitutionFactory(municipality=other_city, short_name="ДС № 3", name="Детский сад № 3",
                       type=InstitutionType.PRESCHOOL)
    api.force_authenticate(admin_user)

    preschool = api.get("/api/v1/institutions/", {"type": "preschool"}).json()["results"]
    in_city = api.get("/api/v1/institutions/", {"municipality": city.pk}).json()["results"]
    found = api.get("/api/v1/institutions/", {"q": "детский"}).json()["results"]

    assert [i["short_name"] for i in preschool] == ["ДС № 3"]
    assert [i["short_name"] for i in in_city] == ["СШ № 1"]
    assert [i["short_name"] for i in found] == ["ДС № 3"]
