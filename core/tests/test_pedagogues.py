import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from core.models import Category
from core.models import Employment
from core.models import Pedagogue
from core.models import Position
from core.models import Subject
from core.models import years_before
from core.tests.factories import PedagogueFactory


def rows_of(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def names(response) -> list[str]:
    return [p.last_name for p in response.context["page"].object_list]


@pytest.fixture
def staff(school, other_school):
    today = timezone.localdate()
    math = Subject.objects.get(name="Математика")
    young = PedagogueFactory(
        institution=school, last_name="Белова", birth_date=years_before(today, 25),
        experience_start=years_before(today, 1), category=Category.FIRST,
    )
    young.subjects.add(math)
    PedagogueFactory(  # under 35 but experienced: not a young specialist
        institution=school, last_name="Антонов", birth_date=years_before(today, 30),
        experience_start=years_before(today, 8), category=Category.HIGHEST,
    )
    PedagogueFactory(institution=school, last_name="Волкова", birth_date=years_before(today, 50),
                     position=Position.objects.get(name="педагог-психолог"))
    PedagogueFactory(institution=other_school, last_name="Громов", birth_date=years_before(today, 24))
    return young


def test_school_user_sees_only_its_own_staff(client, school_user, staff):
    client.force_login(school_user)

    response = client.get("/pedagogues/")

    assert names(response) == ["Антонов", "Белова", "Волкова"]


def test_teacher_sees_only_their_own_record(client, teacher, staff, teacher_pedagogue):
    client.force_login(teacher)

    response = client.get("/pedagogues/")

    assert names(response) == ["Иванова"]
    assert client.get(f"/pedagogues/{staff.pk}/").status_code == 404


def test_school_user_gets_404_for_another_schools_pedagogue(client, school_user, other_school):
    stranger = PedagogueFactory(institution=other_school)
    client.force_login(school_user)

    assert client.get(f"/pedagogues/{stranger.pk}/").status_code == 404
    assert client.get(f"/pedagogues/{stranger.pk}/edit/").status_code == 404


def test_filters_under_35_and_young_specialist(client, methodist, staff):
    client.force_login(methodist)

    assert names(client.get("/pedagogues/", {"under_35": "on"})) == ["Антонов", "Белова", "Громов"]
    assert names(client.get("/pedagogues/", {"young_specialist": "on"})) == ["Белова", "Громов"]


def test_filters_by_subject_position_category_and_institution(client, methodist, staff, other_school):
    client.force_login(methodist)
    math = Subject.objects.get(name="Математика")
    psychologist = Position.objects.get(name="педагог-психолог")

    assert names(client.get("/pedagogues/", {"subject": math.pk})) == ["Белова"]
    assert names(client.get("/pedagogues/", {"position": psychologist.pk})) == ["Волкова"]
    assert names(client.get("/pedagogues/", {"category": Category.HIGHEST})) == ["Антонов"]
    assert names(client.get("/pedagogues/", {"institution": other_school.pk})) == ["Громов"]


def test_search_by_name_ignores_case(client, methodist, staff):
    client.force_login(methodist)

    assert names(client.get("/pedagogues/", {"q": "белова"})) == ["Белова"]


def test_sorting_by_birth_date_descending(client, methodist, staff):
    client.force_login(methodist)

    assert names(client.get("/pedagogues/", {"sort": "-birth_date"})) == ["Громов", "Белова", "Антонов", "Волкова"]


def test_export_has_the_filtered_rows_frozen_header_and_widths(client, methodist, staff):
    client.force_login(methodist)

    response = client.get("/pedagogues/export/", {"under_35": "on", "sort": "name"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = rows_of(response)
    assert [row[0] for row in rows[1:]] == ["Антонов", "Белова", "Громов"]
    assert rows[0][:3] == ["Фамилия", "Имя", "Отчество"]
    assert rows[2][7] == "Математика"
    assert rows[2][9] == "Первая"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 18


def test_school_user_export_never_contains_other_schools(client, school_user, staff):
    client.force_login(school_user)

    rows = rows_of(client.get("/pedagogues/export/"))

    assert "Громов" not in [row[0] for row in rows]
    assert len(rows) == 4


def employment_data(prefix="jobs", rows=(), initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "1", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def person(**extra):
    return {"last_name": "Орлова", "first_name": "Анна", "middle_name": "Игоревна", "birth_date": "1990-04-12",
            "category": "none", **extra}


def test_create_with_employment_sets_the_current_job(client, school_user, school):
    client.force_login(school_user)
    teacher = Position.objects.get(name="учитель")

    response = client.post("/pedagogues/new/", {
        **person(),
        **employment_data(rows=[{"institution": school.pk, "position": teacher.pk, "hired": "2015-09-01"}]),
    })

    pedagogue = Pedagogue.objects.get(last_name="Орлова")
    assert response.status_code == 302
    assert (pedagogue.institution, pedagogue.position, pedagogue.municipality) == (school, teacher, school.municipality)
    assert pedagogue.employments.get().hired == datetime.date(2015, 9, 1)


def test_school_user_cannot_place_a_new_pedagogue_in_another_school(client, school_user, other_school):
    client.force_login(school_user)

    response = client.post("/pedagogues/new/", {
        **person(), **employment_data(rows=[{"institution": other_school.pk, "hired": "2015-09-01"}]),
    })

    assert response.status_code == 200
    assert "institution" in response.context["employments"].forms[0].errors
    assert not Pedagogue.objects.filter(last_name="Орлова").exists()


def test_leaving_before_hiring_is_refused_and_input_kept(client, methodist, school):
    client.force_login(methodist)

    response = client.post("/pedagogues/new/", {
        **person(),
        **employment_data(rows=[{"institution": school.pk, "hired": "2015-09-01", "left": "2014-06-30"}]),
    })

    assert response.status_code == 200
    assert "left" in response.context["employments"].forms[0].errors
    assert "Орлова" in response.content.decode()
    assert not Pedagogue.objects.exists()


def test_the_category_is_not_typed_in_the_pedagogue_form_but_derived_from_the_history(client, methodist, school):
    client.force_login(methodist)

    response = client.post("/pedagogues/new/", {
        **person(category="highest", category_date="2020-01-01"),
        **employment_data(rows=[{"institution": school.pk, "hired": "2015-09-01"}]),
    })

    assert response.status_code == 302
    created = Pedagogue.objects.get(last_name="Орлова")
    assert (created.category, created.category_date) == ("none", None)
    assert created.employments.get().rate == 1  # an empty rate is a full one


def test_two_open_employments_are_refused(client, methodist, school, other_school):
    client.force_login(methodist)

    response = client.post("/pedagogues/new/", {
        **person(),
        **employment_data(rows=[{"institution": school.pk, "hired": "2015-09-01"},
                                {"institution": other_school.pk, "hired": "2019-09-01"}]),
    })

    assert response.context["employments"].non_form_errors()
    assert not Pedagogue.objects.exists()


def test_closing_the_job_and_opening_another_moves_the_pedagogue(client, methodist, school, other_school):
    pedagogue = PedagogueFactory(institution=school)
    job = pedagogue.employments.get()
    client.force_login(methodist)

    response = client.post(f"/pedagogues/{pedagogue.pk}/edit/", {
        **person(last_name=pedagogue.last_name),
        **employment_data(initial=1, rows=[
            {"id": job.pk, "institution": school.pk, "position": job.position_id, "hired": "2010-09-01",
             "left": "2022-08-31"},
            {"institution": other_school.pk, "hired": "2022-09-01"},
        ]),
    })

    assert response.status_code == 302
    pedagogue.refresh_from_db()
    assert pedagogue.institution == other_school
    assert pedagogue.position is None
    assert Employment.objects.filter(pedagogue=pedagogue).count() == 2


def test_record_shows_employment_and_history_after_an_edit(client, methodist, school):
    pedagogue = PedagogueFactory(institution=school, last_name="Захарова")
    job = pedagogue.employments.get()
    client.force_login(methodist)
    client.post(f"/pedagogues/{pedagogue.pk}/edit/", {
        **person(last_name="Захарова"),
        **employment_data(initial=1, rows=[{"id": job.pk, "institution": school.pk, "position": job.position_id,
                                            "hired": "2010-09-01"}]),
    })
    client.post(f"/pedagogues/{pedagogue.pk}/categories/new/", {"category": "highest", "order_date": "2023-02-01"})

    page = client.get(f"/pedagogues/{pedagogue.pk}/").content.decode()

    assert "01.09.2010" in page
    assert "methodist" in page
    assert "Высшая" in page
    assert "01.02.2023" in page


def test_outsider_cannot_edit_a_visible_colleague_of_another_school(client, outsider, school):
    pedagogue = PedagogueFactory(institution=school)
    client.force_login(outsider)

    assert client.get(f"/pedagogues/{pedagogue.pk}/edit/").status_code == 404
    assert client.post(f"/pedagogues/{pedagogue.pk}/edit/", person()).status_code == 404


def test_teacher_can_read_but_not_edit_own_record(client, teacher, teacher_pedagogue):
    client.force_login(teacher)

    assert client.get(f"/pedagogues/{teacher_pedagogue.pk}/").status_code == 200
    assert client.get(f"/pedagogues/{teacher_pedagogue.pk}/edit/").status_code == 403


def test_my_record_takes_the_teacher_to_their_page(client, teacher, teacher_pedagogue):
    client.force_login(teacher)

    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"] == teacher_pedagogue.get_absolute_url()


def test_record_sections_of_apps_are_rendered(client, methodist, school, monkeypatch):
    from core import views
    from core.record import RecordSection

    pedagogue = PedagogueFactory(institution=school)
    monkeypatch.setattr(views, "record_sections", lambda p, u: [
        RecordSection(key="demo", title="Раздел приложения", template="includes/pagination.html")
    ])
    client.force_login(methodist)

    page = client.get(f"/pedagogues/{pedagogue.pk}/").content.decode()

    assert 'id="record-demo"' in page
    assert "Раздел приложения" in page


def test_list_query_count_does_not_grow_with_rows(client, methodist, school, django_assert_max_num_queries):
    PedagogueFactory.create_batch(3, institution=school)
    client.force_login(methodist)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/pedagogues/")
    PedagogueFactory.create_batch(20, institution=school)
    with CaptureQueriesContext(connection) as large:
        client.get("/pedagogues/")

    assert len(large) == len(small)


def test_history_shows_subject_and_employment_changes(client, methodist, school, other_school):
    pedagogue = PedagogueFactory(institution=school, last_name="Егорова")
    job = pedagogue.employments.get()
    client.force_login(methodist)
    client.post(f"/pedagogues/{pedagogue.pk}/edit/", {
        **person(last_name="Егорова", subjects=[Subject.objects.get(name="Физика").pk]),
        **employment_data(initial=1, rows=[
            {"id": job.pk, "institution": school.pk, "position": job.position_id, "hired": "2010-09-01",
             "left": "2023-08-31"},
            {"institution": other_school.pk, "hired": "2023-09-01"},
        ]),
    })

    history = client.get(f"/pedagogues/{pedagogue.pk}/").context["history"]

    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("предметы", "—", "Физика") in changes
    assert ("уволен", "—", "31.08.2023") in changes
    assert ("учреждение", "СШ № 1", "СШ № 2") in changes
    subjects = {entry.subject for entry in history if entry.user and entry.user.username == "methodist"}
    assert "Место работы: СШ № 1" in subjects
    assert "Место работы: СШ № 2" in subjects


def test_school_user_cannot_rewrite_a_period_in_another_school(client, school_user, school, other_school):
    pedagogue = PedagogueFactory(institution=school)
    current = pedagogue.employments.get()
    previous = Employment.objects.create(pedagogue=pedagogue, institution=other_school,
                                         hired=datetime.date(2001, 9, 1), left=datetime.date(2010, 6, 30))
    client.force_login(school_user)

    response = client.post(f"/pedagogues/{pedagogue.pk}/edit/", {
        **person(last_name=pedagogue.last_name),
        **employment_data(initial=2, rows=[
            {"id": current.pk, "institution": school.pk, "position": current.position_id, "hired": "2010-09-01"},
            {"id": previous.pk, "institution": school.pk, "hired": "1990-01-01", "left": "2010-06-30",
             "DELETE": "on"},
        ]),
    })

    assert response.status_code == 302
    previous.refresh_from_db()
    assert (previous.institution, previous.hired) == (other_school, datetime.date(2001, 9, 1))


def test_empty_directory_invites_to_import(client, school_user, school):
    client.force_login(school_user)

    page = client.get("/pedagogues/").content.decode()

    assert "Педагоги пока не внесены." in page
    assert 'href="/pedagogues/import/"' in page


def test_school_user_has_no_institution_filter_but_methodist_has(client, school_user, methodist, school, other_school):
    client.force_login(school_user)
    assert "institution" not in client.get("/pedagogues/").context["filter"].form.fields
    client.force_login(methodist)
    assert "institution" in client.get("/pedagogues/").context["filter"].form.fields


def test_history_shows_an_emptied_position_as_a_dash(client, methodist, school):
    pedagogue = PedagogueFactory(institution=school)
    job = pedagogue.employments.get()
    client.force_login(methodist)
    client.post(f"/pedagogues/{pedagogue.pk}/edit/", {
        **person(last_name=pedagogue.last_name),
        **employment_data(initial=1, rows=[{"id": job.pk, "institution": school.pk, "position": "",
                                            "hired": "2010-09-01"}]),
    })

    history = client.get(f"/pedagogues/{pedagogue.pk}/").context["history"]

    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("должность", "учитель", "—") in changes
