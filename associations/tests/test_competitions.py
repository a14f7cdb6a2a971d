import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from associations.imports import ResultsImporter
from associations.imports import parse_level
from associations.imports import parse_result
from associations.models import Competition
from associations.models import Level
from associations.models import Participant
from associations.models import Participation
from associations.models import Result
from associations.tests.factories import CompetitionFactory
from associations.tests.factories import enter
from core.tests.factories import PedagogueFactory
from core.tests.workbooks import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield

HEADER = ["Конкурс", "Уровень", "Учебный год", "Этап", "Фамилия", "Имя", "Отчество", "ОУ", "Номинация",
          "Команда", "Результат"]


def workbook(*rows, header=HEADER):
    """The results as uploaded, under a title row above the header."""
    return xlsx(header, rows, title="Результаты конкурсов профессионального мастерства", name="results.xlsx")


@pytest.fixture
def people(school, other_school):
    return {
        "sokolova": PedagogueFactory(institution=school, last_name="Соколова", first_name="Анна",
                                     middle_name="Игоревна"),
        "orlov": PedagogueFactory(institution=other_school, last_name="Орлов", first_name="Пётр",
                                  middle_name="Ильич"),
        "ivanov_a": PedagogueFactory(institution=school, last_name="Иванов", first_name="Иван",
                                     middle_name="Иванович"),
        "ivanov_b": PedagogueFactory(institution=other_school, last_name="Иванов", first_name="Иван",
                                     middle_name="Иванович"),
    }


@pytest.mark.parametrize(("text", "expected"), [
    ("Победитель", Result.WINNER), ("призер", Result.PRIZE_WINNER), ("Призёр", Result.PRIZE_WINNER),
    ("диплом II степени", Result.PRIZE_WINNER), ("Диплом 1 степени", Result.PRIZE_WINNER),
    ("1 место", Result.WINNER), ("3 место", Result.PRIZE_WINNER), ("лауреат", Result.LAUREATE),
    ("участник", Result.PARTICIPANT), ("Winner", Result.WINNER), ("неизвестно", None),
])
def test_results_are_read_as_people_write_them(text, expected):
    assert parse_result(text) == expected


def test_levels_are_read_in_russian():
    assert parse_level("Муниципальный") == Level.MUNICIPAL
    assert parse_level("всероссийский") == Level.FEDERAL
    assert parse_level("региональный этап") == Level.REGIONAL
    assert parse_level("галактический") is None


def test_import_creates_competitions_entries_and_teams(city, methodist, people):
    file = workbook(
        ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "",
         "диплом I степени"),
        ("Педагогический дебют", "региональный", "2021-2022", "заочный", "Орлов", "Пётр", "Ильич", "", "Молодой учитель",
         "Дебютанты", "Победитель"),
        ("Педагогический дебют", "региональный", "2021-2022", "заочный", "Иванов", "Иван", "Иванович", "СШ № 1",
         "Молодой учитель", "Дебютанты", "Победитель"),
    )
    importer = ResultsImporter(user=methodist, municipality=city)
    assert importer.commit(file) == {"create": 3}
    assert Competition.objects.count() == 2
    solo = Participation.objects.get(competition__title="Учитель года")
    assert solo.result == Result.PRIZE_WINNER and list(solo.pedagogues.all()) == [people["sokolova"]]
    team = Participation.objects.get(team_name="Дебютанты")
    assert set(team.pedagogues.all()) == {people["orlov"], people["ivanov_a"]}
    assert team.competition.starts == datetime.date(2021, 9, 1)
    assert Participant.objects.get(pedagogue=people["ivanov_a"]).institution == people["ivanov_a"].institution


def test_import_again_refuses_the_entered_person_and_names_the_entry(city, methodist, people):
    from core.imports import ImportRejected

    row = ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "участник")
    ResultsImporter(user=methodist, municipality=city).commit(workbook(row))
    entry = Participation.objects.get()
    # another nomination does not make a second entry either: one entry per person per competition
    changed = workbook((*row[:-3], "Молодой учитель", "", "победитель"))

    rows = ResultsImporter(user=methodist, municipality=city).parse(changed)

    assert [str(issue) for issue in rows[0].issues] == [
        f"Row 3, column «Last name»: Already recorded: {entry} (no. {entry.pk})."]
    changed.seek(0)
    with pytest.raises(ImportRejected):
        ResultsImporter(user=methodist, municipality=city).commit(changed)
    assert Participation.objects.get().result == Result.PARTICIPANT


def test_import_names_every_problem_by_row_and_column(city, methodist, people):
    rows = ResultsImporter(user=methodist, municipality=city).parse(workbook(
        ("Учитель года", "галактический", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "1999/2000", "", "Соколова", "Анна", "Игоревна", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Петрова", "Ольга", "", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Иванов", "Иван", "Иванович", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Орлов", "Пётр", "Ильич", "", "", "", "молодец"),
        ("", "муниципальный", "2021/2022", "", "Орлов", "Пётр", "Ильич", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "лауреат"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "лауреат"),
    ))
    problems = [str(issue) for row in rows for issue in row.issues]
    assert problems == [
        "Row 3, column «Level»: unknown level «галактический»",
        "Row 4, column «Academic year»: unknown academic year «1999/2000»",
        "Row 5, column «Last name»: no pedagogue «Петрова Ольга» in the municipality",
        "Row 6, column «Institution»: 2 pedagogues are named «Иванов Иван Иванович»; give the institution",
        "Row 7, column «Result»: unknown result «молодец»",
        "Row 8, column «Competition»: a value is required",
        "Row 10, column «Last name»: the same participant and nomination are already in row 9",
    ]


def test_import_writes_nothing_when_a_row_has_a_problem(city, methodist, people):
    from core.imports import ImportRejected

    file = workbook(
        ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "участник"),
        ("Учитель года", "муниципальный", "2021/2022", "", "Никто", "Никто", "", "", "", "", "участник"),
    )
    with pytest.raises(ImportRejected):
        ResultsImporter(user=methodist, municipality=city).commit(file)
    assert not Participation.objects.exists() and not Competition.objects.exists()


def test_team_members_must_share_the_result(city, methodist, people):
    rows = ResultsImporter(user=methodist, municipality=city).parse(workbook(
        ("Дебют", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "Команда", "победитель"),
        ("Дебют", "муниципальный", "2021/2022", "", "Орлов", "Пётр", "Ильич", "", "", "Команда", "участник"),
    ))
    assert [str(i) for r in rows for i in r.issues] == ["Row 4, column «Result»: the team's result differs from row 3"]


def test_import_page_rejects_a_file_that_is_not_a_workbook_and_a_wrong_header(client, methodist, city):
    client.force_login(methodist)
    url = reverse("associations:result-import")
    not_xlsx = io.BytesIO(b"just text")
    not_xlsx.name = "results.xlsx"
    response = client.post(url, {"file": not_xlsx})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = client.post(url, {"file": workbook(header=["Конкурс", "Что-то ещё"])})
    assert "«Level»" in str(response.context["form"].errors["file"]) or "«Уровень»" in str(
        response.context["form"].errors["file"]
    )  # the missing required columns are named


def test_import_page_previews_then_confirms(client, methodist, city, people):
    client.force_login(methodist)
    url = reverse("associations:result-import")
    file = workbook(
        ("Учитель года", "муниципальный", "2021/2022", "", "Соколова", "Анна", "Игоревна", "", "", "", "призёр"),
    )
    preview = client.post(url, {"file": file})
    assert preview.status_code == 200 and not preview.context["problems"]
    assert not Participation.objects.exists()
    response = client.post(url, {"confirm": "1", "token": preview.context["token"]})
    assert response.status_code == 302 and response.url == reverse("associations:result-list")
    assert Participation.objects.get().result == Result.PRIZE_WINNER


def test_import_template_downloads(client, methodist):
    client.force_login(methodist)
    response = client.get(reverse("associations:result-import"), {"template": "1"})
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header[0] == "Конкурс *"  # required columns are starred in the template


def test_a_school_user_cannot_import(client, school_user):
    client.force_login(school_user)
    assert client.get(reverse("associations:result-import")).status_code == 403


def test_a_school_sees_its_staffs_participation_only(client, city, school_user, people):
    competition = CompetitionFactory(municipality=city)
    enter(competition, people["sokolova"], result=Result.WINNER)
    enter(competition, people["orlov"], result=Result.LAUREATE)
    other = CompetitionFactory(municipality=city, title="Воспитатель года")
    enter(other, people["orlov"])
    client.force_login(school_user)
    page = client.get(reverse("associations:result-list"))
    entries = list(page.context["page"])
    assert [list(e.pedagogues.all()) for e in entries] == [[people["sokolova"]]]
    detail = client.get(competition.get_absolute_url()).content.decode()
    assert people["sokolova"].full_name in detail and people["orlov"].full_name not in detail
    assert client.get(other.get_absolute_url()).status_code == 404
    sheet = load_workbook(io.BytesIO(client.get(reverse("associations:result-export")).content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [people["sokolova"].full_name]
    api = client.get("/api/v1/competition-entries/").json()
    assert api["count"] == 1 and api["results"][0]["participants"][0]["pedagogue"] == people["sokolova"].pk


def test_a_teacher_sees_only_their_own_results(client, city, teacher, teacher_pedagogue, people):
    competition = CompetitionFactory(municipality=city)
    enter(competition, teacher_pedagogue, result=Result.PARTICIPANT)
    enter(competition, people["sokolova"], result=Result.WINNER)
    client.force_login(teacher)
    assert client.get("/api/v1/competition-entries/").json()["count"] == 1


def test_methodist_adds_a_team_entry_and_a_team_needs_a_name(client, methodist, city, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    competition = CompetitionFactory(municipality=city)
    client.force_login(methodist)
    url = reverse("associations:entry-add", args=[competition.pk])
    data = {"participants": [people["sokolova"].pk, people["orlov"].pk], "result": "winner"}
    assert client.post(url, data).status_code == 200 and not Participation.objects.exists()
    assert client.post(url, {**data, "team_name": "Созвездие"}).status_code == 302
    entry = Participation.objects.get()
    assert {p.institution for p in entry.participants.all()} == {people["sokolova"].institution,
                                                               people["orlov"].institution}


def test_competition_list_filters_and_exports(client, methodist, city, people, year):
    CompetitionFactory(municipality=city, title="Учитель года", level=Level.MUNICIPAL)
    regional = CompetitionFactory(municipality=city, title="Учитель года Красноярского края", level=Level.REGIONAL)
    enter(regional, people["orlov"], result=Result.PRIZE_WINNER)
    client.force_login(methodist)
    titles = [c.title for c in client.get(reverse("associations:competition-list"), {"level": "regional"}).context["page"]]
    assert titles == ["Учитель года Красноярского края"]
    sheet = load_workbook(io.BytesIO(client.get(reverse("associations:competition-export"),
                                                {"level": "regional"}).content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][-2:] == (1, 1)


def test_record_section_shows_competition_history(methodist, city, people):
    from associations.record import sections

    enter(CompetitionFactory(municipality=city), people["sokolova"], result=Result.WINNER)
    enter(CompetitionFactory(municipality=city, title="Педагогический дебют"), people["sokolova"])
    section = next(s for s in sections(people["sokolova"], methodist) if s.key == "competitions")
    assert section.context["wins"] == 1 and len(section.context["entries"]) == 2


def test_results_sort_by_rank_of_the_result(client, methodist, city, people):
    competition = CompetitionFactory(municipality=city)
    enter(competition, people["sokolova"], result=Result.PARTICIPANT)
    enter(competition, people["orlov"], result=Result.WINNER)
    enter(competition, people["ivanov_a"], result=Result.PRIZE_WINNER)
    client.force_login(methodist)
    entries = client.get(reverse("associations:result-list"), {"sort": "result"}).context["page"]
    assert [e.result for e in entries] == [Result.WINNER, Result.PRIZE_WINNER, Result.PARTICIPANT]


def test_import_reports_every_problem_of_a_row_at_once(city, methodist, people):
    from core.imports import ImportRejected

    bad = ("Учитель года", "галактический", "2021/2022", "", "Петрова", "Ольга", "", "", "н" * 201, "", "молодец")
    header = [*HEADER, "Дата"]
    file = workbook((*bad, "01.01.2030"), header=header)

    rows = ResultsImporter(user=methodist, municipality=city).parse(file)

    assert [str(issue) for issue in rows[0].issues] == [
        "Row 3, column «Level»: unknown level «галактический»",
        "Row 3, column «Result»: unknown result «молодец»",
        "Row 3, column «Last name»: no pedagogue «Петрова Ольга» in the municipality",
        "Row 3, column «Starts»: the date is outside the academic year 2021/2022",
        "Row 3, column «Nomination»: ensure this value has at most 200 characters (it has 201)",
    ]
    file.seek(0)
    with pytest.raises(ImportRejected):
        ResultsImporter(user=methodist, municipality=city).commit(file)
    assert not Competition.objects.exists() and not Participation.objects.exists()
