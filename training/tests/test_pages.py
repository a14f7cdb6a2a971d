import datetime
import io

import pytest
from openpyxl import load_workbook

from training.models import Completion
from training.models import HourEntry
from training.models import Programme
from training.tests.conftest import rate
from training.tests.factories import CompletionFactory
from training.tests.factories import DiagnosisFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory
from training.tests.factories import RouteFactory
from training.tests.factories import competencies


@pytest.fixture
def staff(school, other_school, teacher_pedagogue, employ):
    employ(teacher_pedagogue, school)
    mine = PedagogueFactory(institution=school, last_name="Соколова")
    theirs = PedagogueFactory(institution=other_school, last_name="Орлова")
    # The city's own programme, so its methodist may edit it (a regional one is the administrator's).
    programme = ProgrammeFactory(title="Цифровая образовательная среда", hours=36, owner=school.municipality)
    CompletionFactory(pedagogue=mine, programme=programme, hours=36, finished=datetime.date(2024, 3, 1))
    CompletionFactory(pedagogue=theirs, programme=programme, hours=36, finished=datetime.date(2024, 3, 1))
    CompletionFactory(pedagogue=teacher_pedagogue, programme=programme, hours=36, finished=datetime.date(2024, 4, 1))
    return {"mine": mine, "theirs": theirs, "programme": programme}


def rows_of(response) -> list[tuple]:
    wb = load_workbook(io.BytesIO(response.content))
    return list(wb.active.iter_rows(values_only=True))


def test_catalogue_search_and_filters(client, teacher, staff):
    ProgrammeFactory(title="Наставничество в образовательной организации", federal_register=True)
    client.force_login(teacher)
    page = client.get("/training/programmes/", {"q": "цифровая"}).content.decode()
    assert "Цифровая образовательная среда" in page and "Наставничество" not in page
    page = client.get("/training/programmes/", {"federal_register": "on"}).content.decode()
    assert "Наставничество" in page and "Цифровая образовательная среда</a>" not in page
    assert "No programmes match the filters." in client.get("/training/programmes/", {"q": "zzz"}).content.decode()


def test_only_methodists_edit_the_catalogue(client, teacher, methodist, staff):
    provider = staff["programme"].provider
    client.force_login(teacher)
    assert client.get("/training/programmes/new/").status_code == 403
    client.force_login(methodist)
    data = {
        "title": "Новая программа", "provider": provider.pk, "hours": "10", "format": "distance",
        "modules-TOTAL_FORMS": "0", "modules-INITIAL_FORMS": "0",
    }
    response = client.post("/training/programmes/new/", data)
    assert "A PD programme has at least 16 hours." in response.content.decode()
    assert 'value="Новая программа"' in response.content.decode()
    data |= {"hours": "40", "modules-TOTAL_FORMS": "2", "modules-0-title": "Модуль 1", "modules-0-hours": "24",
             "modules-1-title": "Модуль 2", "modules-1-hours": "24"}
    response = client.post("/training/programmes/new/", data)
    assert "The modules have 48 hours, more than the programme&#x27;s 40." in response.content.decode()
    data["modules-1-hours"] = "16"
    response = client.post("/training/programmes/new/", data)
    programme = Programme.objects.get(title="Новая программа")
    assert response.url == programme.get_absolute_url()
    assert list(programme.modules.values_list("hours", flat=True)) == [24, 16]


def test_completion_form_fills_hours_from_the_programme_and_posts_them(client, methodist, staff):
    client.force_login(methodist)
    response = client.post("/training/completions/new/", {
        "pedagogue": staff["mine"].pk, "programme": staff["programme"].pk, "started": "2025-01-10",
        "finished": "2025-01-20", "certificate_number": "123",
    })
    assert response.status_code == 302
    completion = Completion.objects.get(certificate_number="123")
    assert completion.hours == 36 and completion.created_by == methodist
    assert HourEntry.objects.filter(pedagogue=staff["mine"]).count() == 2


def test_a_methodist_cannot_enter_completions_for_another_municipality(client, methodist, other_city, staff):
    from core.models import Institution

    far = Institution.objects.create(municipality=other_city, name="Школа", short_name="Ш1", type="general")
    stranger = PedagogueFactory(institution=far)
    client.force_login(methodist)
    response = client.post("/training/completions/new/", {
        "pedagogue": stranger.pk, "programme": staff["programme"].pk, "started": "2025-01-10",
        "finished": "2025-01-20"})
    assert response.status_code == 200 and not Completion.objects.filter(pedagogue=stranger).exists()


def test_school_sees_only_its_staff_in_completions_and_hours(client, school_user, staff):
    client.force_login(school_user)
    page = client.get("/training/completions/").content.decode()
    assert "Соколова" in page and "Орлова" not in page
    page = client.get("/training/hours/", {"on": "2024-06-01"}).content.decode()
    assert "Соколова" in page and "Орлова" not in page
    rows = rows_of(client.get("/training/hours/export/", {"on": "2024-06-01", "sort": "name"}))
    names = [row[0] for row in rows[3:]]
    assert names == ["Иванова Мария Петровна", "Соколова Анна Ивановна"]


def test_hour_account_lists_who_had_no_pd_in_the_window(client, methodist, staff, school):
    idle = PedagogueFactory(institution=school, last_name="Беспалова")
    CompletionFactory(pedagogue=idle, hours=72, finished=datetime.date(2020, 1, 1))
    client.force_login(methodist)
    response = client.get("/training/hours/", {"on": "2024-06-01", "no_pd": "on"})
    page = response.content.decode()
    assert "Беспалова" in page and "Соколова" not in page
    assert 'name="on" value="2024-06-01"' in page  # the day stays in the filter bar
    rows = rows_of(client.get("/training/hours/export/", {"on": "2024-06-01", "sort": "name"}))
    assert rows[0][0] == "Hour account as of 01.06.2024"
    # Her last PD is over three years old: «PD overdue», not «No PD».
    assert rows[3] == ("Беспалова Анна Ивановна", "СШ № 1", None, 0, "PD overdue", datetime.datetime(2020, 1, 1))
    assert rows[6][0:5] == ("Соколова Анна Ивановна", "СШ № 1", None, 36, "In progress")


def test_teachers_see_no_staff_lists(client, teacher, staff):
    client.force_login(teacher)
    for url in ("/training/hours/", "/training/diagnoses/", "/training/routes/"):
        assert client.get(url).status_code == 403
    page = client.get("/training/completions/").content.decode()
    assert "Иванова" in page and "Соколова" not in page


def test_completion_export_has_the_filtered_rows(client, methodist, staff):
    client.force_login(methodist)
    rows = rows_of(client.get("/training/completions/export/", {"q": "Орлова"}))
    assert [row[0] for row in rows[1:]] == ["Орлова Анна Ивановна"]
    assert rows[1][5] == 36


def test_record_section_shows_hours_and_route(client, teacher, teacher_pedagogue, staff):
    rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {c.pk: 0 for c in competencies(2)})
    RouteFactory(pedagogue=teacher_pedagogue)
    client.force_login(teacher)
    page = client.get(teacher_pedagogue.get_absolute_url()).content.decode()
    assert 'id="record-training"' in page
    assert '<span id="record-window-hours">36</span>' in page
    assert "2 deficits" in page and "0 of 0 items accepted" in page


def test_the_russian_catalogue_is_used_by_default(client, teacher, settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "ru"
    client.force_login(teacher)
    with translation.override("ru"):
        page = client.get("/training/diagnosis/").content.decode()
    assert "Пройти самодиагностику" in page


def test_diagnosis_export_gives_block_means(client, methodist, teacher_pedagogue):
    from training.models import Block

    first_block = Block.objects.first()
    rate(DiagnosisFactory(pedagogue=teacher_pedagogue),
         {c.pk: 1 for c in first_block.competencies.all()})
    client.force_login(methodist)
    rows = rows_of(client.get("/training/diagnoses/export/"))
    assert rows[2][:4] == ("Full name", "Institution", "Kind", "Academic year")
    assert rows[3][0] == "Иванова Мария Петровна"
    assert rows[3][5:] == (1, 3, 3, 3, 3)


def test_a_methodist_deletes_a_completion_and_its_hours(client, methodist, staff):
    completion = Completion.objects.get(pedagogue=staff["mine"])
    client.force_login(methodist)
    assert "Delete" in client.get(f"/training/completions/{completion.pk}/edit/").content.decode()
    client.post(f"/training/completions/{completion.pk}/delete/")
    assert not HourEntry.objects.filter(pedagogue=staff["mine"]).exists()


def test_every_page_renders_for_the_roles_that_use_it(client, methodist, teacher, school_user, staff):
    from training.models import Module

    programme = staff["programme"]
    Module.objects.create(programme=programme, title="Модуль 1", hours=18)
    completion = Completion.objects.get(pedagogue=staff["mine"])
    pages = {
        methodist: ["/training/programmes/", f"/training/programmes/{programme.pk}/", "/training/programmes/new/",
                    f"/training/programmes/{programme.pk}/edit/", "/training/providers/", "/training/providers/new/",
                    f"/training/providers/{programme.provider_id}/edit/", "/training/completions/",
                    "/training/completions/new/", f"/training/completions/{completion.pk}/edit/",
                    "/training/completions/import/", "/training/hours/", "/training/diagnoses/",
                    "/training/diagnoses/external/", "/training/routes/"],
        school_user: ["/training/completions/", "/training/hours/", "/training/diagnoses/", "/training/routes/"],
        teacher: ["/training/programmes/", "/training/diagnosis/", "/training/route/"],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user.username, url)
    for url in ("/training/programmes/export/", "/training/routes/export/", "/training/completions/import/?template=1"):
        client.force_login(methodist)
        response = client.get(url)
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
