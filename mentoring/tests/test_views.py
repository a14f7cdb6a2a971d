import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Pair
from mentoring.models import ParticipantRole
from mentoring.models import Session
from mentoring.models import SupportRequest
from mentoring.models import Task
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import ProgrammeFactory
from mentoring.tests.factories import SessionFactory
from mentoring.tests.factories import make_pair

RECENT = datetime.date.today() - datetime.timedelta(days=400)
NEW = datetime.date.today() - datetime.timedelta(days=60)


@pytest.fixture
def people(school, other_school):
    return {
        "mentor": PedagogueFactory(institution=school, last_name="Сидорова", birth_date=datetime.date(1975, 1, 1),
                                   experience_start=datetime.date(1998, 9, 1)),
        "young": PedagogueFactory(institution=school, last_name="Ершова", experience_start=RECENT),
        "alone": PedagogueFactory(institution=school, last_name="Клюева", experience_start=NEW),
        "other": PedagogueFactory(institution=other_school, last_name="Чужая", experience_start=NEW),
        "other_mentor": PedagogueFactory(institution=other_school, last_name="Маркова",
                                         birth_date=datetime.date(1970, 1, 1),
                                         experience_start=datetime.date(1995, 9, 1)),
    }


@pytest.fixture
def pairs(school, other_school, people):
    return {
        "own": make_pair(school, people["mentor"], people["young"], start=datetime.date(2024, 9, 1)),
        "other": make_pair(other_school, people["other_mentor"], people["other"], start=datetime.date(2024, 9, 1)),
    }


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_school_user_creates_a_pair_and_cannot_mentor_themselves(client, school_user, school, people):
    client.force_login(school_user)
    form = Pair._meta.get_field("form").related_model.objects.first()
    data = {"institution": school.pk, "form": form.pk, "start": "2025-09-01",
            "mentors": [people["mentor"].pk], "mentees": [people["mentor"].pk]}

    response = client.post(reverse("mentoring:pair-create"), data)

    assert response.status_code == 200
    assert "не может быть наставником самому себе" in response.content.decode() or \
        "cannot mentor themselves" in response.content.decode()
    assert not Pair.objects.exists()

    data["mentees"] = [people["young"].pk]
    response = client.post(reverse("mentoring:pair-create"), data)
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert [p.pk for p in pair.mentors] == [people["mentor"].pk]
    assert [p.pk for p in pair.mentees] == [people["young"].pk]
    assert pair.created_by == school_user


def test_school_user_cannot_pick_another_schools_staff(client, school_user, school, people):
    client.force_login(school_user)
    form = Pair._meta.get_field("form").related_model.objects.first()
    response = client.post(reverse("mentoring:pair-create"), {
        "institution": school.pk, "form": form.pk, "start": "2025-09-01",
        "mentors": [people["other_mentor"].pk], "mentees": [people["young"].pk]})

    assert response.status_code == 200
    assert not Pair.objects.exists()


def test_pair_list_is_scoped_to_the_school(client, school_user, pairs):
    client.force_login(school_user)
    response = client.get(reverse("mentoring:pair-list"))

    assert list(response.context["page"].object_list) == [pairs["own"]]
    assert "Чужая" not in response.content.decode()
    assert client.get(reverse("mentoring:pair-detail", args=[pairs["other"].pk])).status_code == 404
    assert client.get(reverse("mentoring:pair-edit", args=[pairs["other"].pk])).status_code == 404


def test_methodist_sees_every_pair_of_the_municipality_and_exports_them(client, methodist, pairs):
    client.force_login(methodist)
    response = client.get(reverse("mentoring:pair-list"))
    assert set(response.context["page"].object_list) == {pairs["own"], pairs["other"]}

    rows = xlsx_rows(client.get(reverse("mentoring:pair-export") + "?q=Ершова"))
    assert len(rows) == 2
    assert rows[1][0] == "СШ № 1"
    assert "Сидорова" in rows[1][2] and rows[1][3] == "1"


def test_teacher_sees_only_pairs_they_take_part_in(client, teacher, teacher_pedagogue, school, people, pairs):
    mine = make_pair(school, people["mentor"], teacher_pedagogue, start=datetime.date(2024, 9, 1))
    client.force_login(teacher)

    response = client.get(reverse("mentoring:pair-list"))

    assert list(response.context["page"].object_list) == [mine]
    assert client.get(reverse("mentoring:pair-detail", args=[pairs["own"].pk])).status_code == 404
    assert client.post(reverse("mentoring:pair-detail", args=[mine.pk]), {"task-title": "x"}).status_code == 403


def test_tasks_are_added_and_marked_done_with_a_comment(client, school_user, pairs):
    client.force_login(school_user)
    pair = pairs["own"]
    url = reverse("mentoring:pair-detail", args=[pair.pk])
    client.post(url, {"task-title": "Посетить 5 уроков наставника", "task-deadline": "2025-10-01",
                      "task-is_checkpoint": "on"})
    task = Task.objects.get(pair=pair)
    assert task.is_checkpoint

    response = client.post(reverse("mentoring:task-done", args=[task.pk]), {"done-done_on": "2025-09-20",
                                                                           "done-comment": ""})
    task.refresh_from_db()
    assert response.status_code == 302 and task.done_on is None  # a comment is required

    client.post(reverse("mentoring:task-done", args=[task.pk]), {"done-done_on": "2025-09-20",
                                                                 "done-comment": "Посещены, анализ сделан"})
    task.refresh_from_db()
    assert task.done_on == datetime.date(2025, 9, 20) and task.comment == "Посещены, анализ сделан"


def test_outsider_cannot_mark_another_schools_task(client, outsider, pairs):
    task = Task.objects.create(pair=pairs["own"], title="Задача", deadline=datetime.date(2025, 10, 1))
    client.force_login(outsider)

    response = client.post(reverse("mentoring:task-done", args=[task.pk]),
                           {"done-done_on": "2025-09-20", "done-comment": "x"})

    assert response.status_code == 404
    task.refresh_from_db()
    assert task.done_on is None


def test_evaluation_has_two_parts(client, school_user, pairs):
    client.force_login(school_user)
    pair = pairs["own"]
    client.post(reverse("mentoring:evaluation-process", args=[pair.pk]),
                {"meetings_regular": 5, "plan_followed": 4, "cooperation": 5, "process_comment": "Встречи еженедельно"})
    client.post(reverse("mentoring:evaluation-effect", args=[pair.pk]),
                {"adaptation": 4, "competence_growth": 4, "stays_in_profession": "true", "evaluated_on": "2025-05-30",
                 "mentee_results": "Открытый урок", "effect_comment": "Остаётся в школе"})

    pair.evaluation.refresh_from_db()
    assert pair.evaluation.process_filled and pair.evaluation.effect_filled
    assert pair.evaluation.stays_in_profession is True
    page = client.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    section = page[page.index('id="evaluation-title"'):page.index("</section>", page.index('id="evaluation-title"'))]
    assert re.findall(r'<h3 class="h6">([^<]+)</h3>', section) == ["Процесс", "Результат для наставляемого"]
    assert re.findall(r"<li>([^<]+)</li>", section) == [
        "Регулярность встреч: 5 — отлично", "Выполнение программы: 4 — хорошо", "Качество взаимодействия: 5 — отлично",
        "Адаптация наставляемого: 4 — хорошо", "Рост профессиональной компетентности: 4 — хорошо",
        "Наставляемый намерен остаться в профессии: да",
    ]
    # Every text the two forms take is shown (the effect's comment was not).
    assert re.findall(r'<p class="small">([^<]+)</p>', section) == [
        "Встречи еженедельно", "Открытый урок", "Остаётся в школе"]


def test_a_pair_without_an_evaluation_offers_both_parts_to_whoever_may_edit_it(client, school_user, pairs):
    client.force_login(school_user)
    pair = pairs["own"]
    page = client.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    assert page.count("Оценка ещё не проведена.") == 2
    assert f'href="/mentoring/pairs/{pair.pk}/evaluation/process/"' in page
    assert f'href="/mentoring/pairs/{pair.pk}/evaluation/effect/"' in page


def test_young_list_shows_who_has_no_mentor_yet(client, school_user, people, pairs):
    client.force_login(school_user)

    response = client.get(reverse("mentoring:young-list") + "?mentor=no")

    assert [p.last_name for p in response.context["people"]] == ["Клюева"]
    rows = xlsx_rows(client.get(reverse("mentoring:young-export")))
    by_name = {row[0].split()[0]: row for row in rows[1:]}
    assert set(by_name) == {"Ершова", "Клюева"}
    assert by_name["Ершова"][6] == "Сидорова А. С."


def test_methodist_records_support_requests_and_school_users_cannot(client, methodist, school_user, city, school):
    client.force_login(school_user)
    assert client.get(reverse("mentoring:support-list")).status_code == 403

    client.force_login(methodist)
    response = client.post(reverse("mentoring:support-create"), {
        "municipality": city.pk, "requester_kind": "new_head", "institution": school.pk,
        "received_on": "2025-10-01", "topic": "Планирование ВШК", "closed_on": "2025-10-05", "response": ""})
    assert response.status_code == 200  # closing needs a response
    assert "response" in response.context["form"].errors

    client.post(reverse("mentoring:support-create"), {
        "municipality": city.pk, "requester_kind": "new_head", "institution": school.pk,
        "received_on": "2025-10-01", "topic": "Планирование ВШК"})
    assert SupportRequest.objects.get().recorded_by == methodist
    rows = xlsx_rows(client.get(reverse("mentoring:support-export") + "?state=open"))
    assert rows[1][4] == "Планирование ВШК"


def test_support_requests_are_edited_and_deleted_by_the_methodist_of_the_city_only(client, methodist, head, city,
                                                                                   other_city):
    own = SupportRequest.objects.create(municipality=city, requester_kind="new_head", received_on=NEW,
                                        topic="Планирование ВШК", recorded_by=methodist)
    foreign = SupportRequest.objects.create(municipality=other_city, requester_kind="new_head", received_on=NEW,
                                            topic="Чужое", recorded_by=methodist)
    edit, delete = (reverse(f"mentoring:support-{page}", args=[own.pk]) for page in ("update", "delete"))

    client.force_login(head)  # a municipal role that reads the register but does not keep it
    assert [client.get(url).status_code for url in (reverse("mentoring:support-create"), edit, delete)] == [403] * 3

    client.force_login(methodist)
    assert client.get(reverse("mentoring:support-update", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("mentoring:support-delete", args=[foreign.pk])).status_code == 404
    assert client.get(edit).context["form"].instance == own
    page = client.get(delete)
    assert page.context["cancel_url"] == edit  # Cancel goes back to the form
    assert client.post(delete).url == reverse("mentoring:support-list")
    assert list(SupportRequest.objects.all()) == [foreign]


def test_session_attendance_offers_young_specialists_and_saves(client, methodist, city, people):
    session = SessionFactory(municipality=city, date=datetime.date(2025, 10, 15))
    client.force_login(methodist)
    url = reverse("mentoring:session-detail", args=[session.pk])

    offered = {p.pk for p in client.get(url).context["form"].fields["attendees"].queryset}
    assert people["young"].pk in offered and people["mentor"].pk not in offered

    client.post(url, {"attendees": [people["young"].pk, people["other"].pk]})
    assert set(session.attendance.values_list("pedagogue_id", flat=True)) == {people["young"].pk, people["other"].pk}
    rows = xlsx_rows(client.get(reverse("mentoring:session-export")))
    assert rows[1][5] == 2


def test_sessions_of_another_city_are_hidden(client, methodist, other_city):
    foreign = Session.objects.create(municipality=other_city, date=datetime.date(2025, 1, 1), topic="Чужое")
    client.force_login(methodist)

    assert client.get(reverse("mentoring:session-detail", args=[foreign.pk])).status_code == 404
    assert foreign not in client.get(reverse("mentoring:session-list")).context["page"].object_list


def test_a_session_belongs_to_the_one_city_of_its_methodist_and_stays_there(client, methodist, city, other_city):
    client.force_login(methodist)
    form = client.get(reverse("mentoring:session-create")).context["form"]
    assert form["municipality"].field.widget.input_type == "hidden"
    assert form["municipality"].initial == city.pk and list(form.fields["municipality"].queryset) == [city]

    session = SessionFactory(municipality=city, date=datetime.date(2025, 10, 15), topic="Портфолио")
    response = client.post(reverse("mentoring:session-edit", args=[session.pk]), {
        "municipality": other_city.pk, "kind": session.kind, "date": "2025-10-15", "topic": "Портфолио педагога",
        "pd_hours": "2"})
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.municipality, session.topic) == (city, "Портфолио педагога")


def test_programme_is_created_with_a_regulation_file(client, school_user, school, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(school_user)
    bad = client.post(reverse("mentoring:programme-create"), {
        "institution": school.pk, "title": "Программа", "start": "2025-09-01",
        "regulation": SimpleUploadedFile("x.exe", b"MZ")})
    assert "regulation" in bad.context["form"].errors

    client.post(reverse("mentoring:programme-create"), {
        "institution": school.pk, "title": "Наставничество 2025", "start": "2025-09-01",
        "curator": people["mentor"].pk, "regulation": SimpleUploadedFile("polozhenie.pdf", b"%PDF-1.4")})
    programme = school.mentoring_programmes.get()
    assert programme.curator == people["mentor"] and programme.regulation.name.endswith(".pdf")


def test_outsider_does_not_see_other_schools_programmes(client, outsider, school):
    programme = ProgrammeFactory(institution=school)
    client.force_login(outsider)

    assert client.get(reverse("mentoring:programme-detail", args=[programme.pk])).status_code == 404
    assert client.get(reverse("mentoring:programme-list")).context["page"].paginator.count == 0


def test_every_list_page_renders(client, methodist, pairs, city):
    SessionFactory(municipality=city)
    client.force_login(methodist)
    for name in ["pair-list", "young-list", "mark-list", "programme-list", "support-list", "session-list",
                 "retention", "attestation-list", "due-list", "pair-create", "programme-create", "support-create",
                 "session-create", "attestation-create", "attestation-support-create"]:
        assert client.get(reverse(f"mentoring:{name}")).status_code == 200, name
    for name in ["young-export", "programme-export", "retention-export", "attestation-export", "due-export"]:
        response = client.get(reverse(f"mentoring:{name}"))
        assert response["Content-Type"].startswith("application/vnd.openxml"), name


def test_mentor_load_counts_mentees_of_active_pairs(client, methodist, school, people, pairs):
    make_pair(school, people["mentor"], people["alone"], start=datetime.date(2024, 9, 1))
    make_pair(school, people["mentor"], people["other"], start=datetime.date(2020, 9, 1),
              end=datetime.date(2021, 5, 31))
    client.force_login(methodist)

    response = client.get(reverse("mentoring:pair-detail", args=[pairs["own"].pk]))

    assert response.context["loads"] == {people["mentor"].pk: 2}
    assert ParticipantRole.MENTOR == "mentor"


def test_young_list_of_a_past_year_reads_that_years_staff_and_mentors(client, methodist, school, year):
    from mentoring.tests.factories import hire

    mentor = hire(school, born=datetime.date(1970, 1, 1), hired=datetime.date(2000, 9, 1),
                  experience_start=datetime.date(1995, 9, 1))
    gone = hire(school, hired=datetime.date(2020, 9, 1), left=datetime.date(2022, 6, 30))
    alone = hire(school, hired=datetime.date(2021, 9, 1), left=datetime.date(2022, 6, 30))
    make_pair(school, mentor, gone, start=datetime.date(2021, 9, 10), end=datetime.date(2022, 5, 31))
    client.force_login(methodist)

    response = client.get(reverse("mentoring:young-list") + f"?year={year.pk}&institution={school.pk}")

    by_name = sorted([gone, alone], key=lambda p: (p.last_name, p.first_name, p.middle_name))  # the list's order
    assert [p.pk for p in response.context["people"]] == [p.pk for p in by_name]
    assert response.context["mentors"] == {gone.pk: ["Петрова" + mentor.last_name[7:] + " А. С."]}
    response = client.get(reverse("mentoring:young-list") + f"?year={year.pk}&mentor=no")
    assert [p.pk for p in response.context["people"]] == [alone.pk]
    assert client.get(reverse("mentoring:young-list")).context["people"] == []


def test_a_mentee_marks_own_task_done_but_cannot_reopen_it(client, teacher, teacher_pedagogue, school, people):
    pair = make_pair(school, people["mentor"], teacher_pedagogue, start=datetime.date(2024, 9, 1))
    task = Task.objects.create(pair=pair, title="Открытый урок", deadline=datetime.date(2025, 3, 1))
    client.force_login(teacher)

    client.post(reverse("mentoring:task-done", args=[task.pk]), {"done-done_on": "2025-02-20",
                                                                 "done-comment": "Урок проведён"})
    task.refresh_from_db()
    assert task.done_on == datetime.date(2025, 2, 20)
    assert client.post(reverse("mentoring:task-reopen", args=[task.pk])).status_code == 403


def test_retention_page_of_a_school_shows_its_own_cohorts_only(client, school_user, school, other_school):
    from mentoring.tests.factories import hire

    hire(school, hired=datetime.date(2019, 9, 1))
    hire(other_school, hired=datetime.date(2019, 9, 1), left=datetime.date(2020, 1, 31))
    client.force_login(school_user)

    response = client.get(reverse("mentoring:retention"))

    assert response.context["scope"] == school
    assert [(row.title, row.hired, row.counts[1]) for row in response.context["rows"]] == [("2019/2020", 1, (1, 1))]
    assert response.context["chart"]["labels"] == ["2019/2020"]
    assert client.get(reverse("mentoring:retention") + f"?institution={other_school.pk}").status_code == 404
    rows = xlsx_rows(client.get(reverse("mentoring:retention-export")))
    assert rows[3][:5] == ("2019/2020", 1, 1, 1, 1)


def test_list_pages_keep_a_constant_query_count(client, methodist, school, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(methodist)
    urls = [reverse("mentoring:pair-list"), reverse("mentoring:young-list"), reverse("mentoring:due-list")]

    def count() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    make_pair(school, people["mentor"], people["young"], start=datetime.date(2024, 9, 1))
    before = count()
    for number in range(10):
        mentee = PedagogueFactory(institution=school, last_name=f"Новая{number}", experience_start=NEW)
        pair = make_pair(school, people["mentor"], mentee, start=datetime.date(2024, 9, 1))
        Task.objects.create(pair=pair, title="Задача", deadline=datetime.date(2025, 1, 1))
    assert count() == before
