import io

import pytest
from openpyxl import load_workbook

from core.models import Institution
from core.models import InstitutionType
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory


@pytest.fixture
def kindergarten(city):
    return Institution.objects.create(
        municipality=city, name="МБДОУ «Детский сад № 5 «Солнышко»»", short_name="ДС № 5", type=InstitutionType.PRESCHOOL
    )


def rows_of(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_list_shows_only_the_municipality_of_the_methodist(client, methodist, school, other_city):
    InstitutionFactory(municipality=other_city, short_name="Чужая школа")
    client.force_login(methodist)

    page = client.get("/institutions/").content.decode()

    assert "СШ № 1" in page
    assert "Чужая школа" not in page


def test_search_finds_by_full_name_in_any_case(client, methodist, school, kindergarten):
    client.force_login(methodist)

    page = client.get("/institutions/", {"q": "солнышко"}).content.decode()

    assert "ДС № 5" in page
    assert "СШ № 1" not in page


def test_type_filter_and_sorting_by_staff(client, methodist, school, other_school, kindergarten):
    PedagogueFactory.create_batch(2, institution=other_school)
    PedagogueFactory(institution=school)
    client.force_login(methodist)

    general = client.get("/institutions/", {"type": InstitutionType.GENERAL, "sort": "-staff"}).content.decode()

    assert "ДС № 5" not in general
    assert general.index("СШ № 2") < general.index("СШ № 1")


def test_empty_state_is_shown_when_nothing_matches(client, methodist, school):
    client.force_login(methodist)

    page = client.get("/institutions/", {"q": "несуществующее"}).content.decode()

    assert "No institutions match the filters." in page or "Ни одно учреждение" in page


def test_export_contains_the_filtered_rows_with_headers(client, methodist, school, kindergarten):
    PedagogueFactory(institution=kindergarten)
    client.force_login(methodist)

    response = client.get("/institutions/export/", {"type": InstitutionType.PRESCHOOL})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = rows_of(response)
    assert rows[0][0] == "Краткое наименование"
    assert rows[1][0] == "ДС № 5"
    assert rows[1][8] == 1
    assert len(rows) == 2


def test_pagination_shows_25_rows_per_page(client, methodist, city):
    InstitutionFactory.create_batch(30, municipality=city)
    client.force_login(methodist)

    first = client.get("/institutions/")
    second = client.get("/institutions/", {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_methodist_creates_an_institution(client, methodist, city):
    client.force_login(methodist)

    response = client.post("/institutions/new/", {
        "municipality": city.pk, "name": "МАОУ «Лицей № 9»", "short_name": "Лицей № 9", "type": "general",
        "is_active": "on",
    })

    institution = Institution.objects.get(short_name="Лицей № 9")
    assert response.status_code == 302
    assert response["Location"] == institution.get_absolute_url()


def test_duplicate_short_name_is_refused_and_input_kept(client, methodist, city, school):
    client.force_login(methodist)

    response = client.post("/institutions/new/", {
        "municipality": city.pk, "name": "Другая школа с тем же кратким именем", "short_name": "СШ № 1", "type": "general",
    })

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Другая школа с тем же кратким именем" in response.content.decode()
    assert Institution.objects.filter(short_name="СШ № 1").count() == 1


def test_school_user_edits_only_its_own_institution(client, school_user, school, other_school):
    client.force_login(school_user)

    own = client.post(f"/institutions/{school.pk}/edit/", {
        "municipality": school.municipality_id, "name": school.name, "short_name": school.short_name,
        "type": "general", "director": "Орлова Н. В.", "is_active": "on",
    })
    other = client.get(f"/institutions/{other_school.pk}/edit/")
    create = client.get("/institutions/new/")

    assert own.status_code == 302
    school.refresh_from_db()
    assert school.director == "Орлова Н. В."
    assert other.status_code == 404
    assert create.status_code == 403


def test_expert_reads_but_cannot_edit(client, expert, school):
    client.force_login(expert)

    assert client.get(f"/institutions/{school.pk}/").status_code == 200
    assert client.get(f"/institutions/{school.pk}/edit/").status_code == 403


def test_detail_lists_current_staff_and_the_history_of_an_edit(client, methodist, school):
    PedagogueFactory(institution=school, last_name="Соколова")
    client.force_login(methodist)
    client.post(f"/institutions/{school.pk}/edit/", {
        "municipality": school.municipality_id, "name": school.name, "short_name": school.short_name,
        "type": "general", "phone": "8 (39145) 5-55-55", "is_active": "on",
    })

    page = client.get(f"/institutions/{school.pk}/").content.decode()

    assert "Соколова" in page
    assert "methodist" in page  # who
    assert "8 (39145) 5-55-55" in page  # what changed
    assert "Телефон" in page


def test_list_and_export_query_counts_do_not_grow_with_rows(client, methodist, city):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(methodist)
    InstitutionFactory.create_batch(2, municipality=city)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    small = (count("/institutions/"), count("/institutions/export/"))
    for institution in InstitutionFactory.create_batch(20, municipality=city):
        PedagogueFactory(institution=institution)
    assert (count("/institutions/"), count("/institutions/export/")) == small


def test_municipality_column_only_for_users_who_see_several(client, methodist, admin_user, school, other_city):
    InstitutionFactory(municipality=other_city)
    client.force_login(methodist)
    single = client.get("/institutions/")
    client.force_login(admin_user)
    several = client.get("/institutions/")

    assert "municipality" not in single.context["filter"].form.fields
    assert "Лесосибирск" not in single.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "municipality" in several.context["filter"].form.fields
    assert "Енисейск" in several.content.decode().split("<tbody>")[1]
