import datetime

import pytest

from core.imports import ImportRejected
from core.models import Position
from core.tests.workbooks import xlsx
from core.xlsx import WorkbookError
from training.imports import CompletionImporter
from training.models import Completion
from training.models import HourEntry
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory

HEADER = ["ФИО", "Учреждение", "Должность", "Программа", "Часы", "Дата начала", "Дата окончания",
          "Номер удостоверения"]


def workbook(*rows, header=HEADER):
    """The list as uploaded, under the title row providers put above the table."""
    return xlsx(header, rows, title="Список слушателей курсов ЦНППМ", name="list.xlsx")


@pytest.fixture
def programme():
    return ProgrammeFactory(title="Формирование функциональной грамотности", hours=72)


@pytest.fixture
def anna(school):
    return PedagogueFactory(institution=school, last_name="Смирнова", first_name="Анна", middle_name="Петровна")


def row(name="Смирнова Анна Петровна", school="СШ № 1", position="учитель", programme="Формирование функциональной грамотности",
        hours=72, started="01.02.2023", finished="20.02.2023", number="242400012345"):
    return (name, school, position, programme, hours, started, finished, number)


def test_matched_rows_are_written_with_their_hours_only_on_commit(methodist, anna, programme):
    importer = CompletionImporter(user=methodist)
    rows = importer.parse(workbook(row(), row(name="смирнова  анна петровна", finished="20.05.2023")))
    assert [r.action for r in rows] == ["create", "create"]
    assert not Completion.objects.exists()  # nothing written by the preview

    counts = CompletionImporter(user=methodist).commit(workbook(row(), row(finished="20.05.2023")))
    assert counts == {"create": 2}
    completion = Completion.objects.get(finished=datetime.date(2023, 2, 20))
    assert (completion.pedagogue, completion.hours, completion.certificate_number) == (anna, 72, "242400012345")
    assert HourEntry.objects.filter(pedagogue=anna).count() == 2


def test_reimporting_the_same_list_names_the_recorded_completion_and_writes_nothing(methodist, anna, programme):
    CompletionImporter(user=methodist).commit(workbook(row()))
    recorded = Completion.objects.get()
    rows = CompletionImporter(user=methodist).parse(workbook(row(), row(finished="20.05.2023")))
    assert [r.ok for r in rows] == [False, True]
    assert [i.message for i in rows[0].issues] == [
        f"Already recorded: {recorded} (no. {recorded.pk})."
    ]
    with pytest.raises(ImportRejected):
        CompletionImporter(user=methodist).commit(workbook(row(), row(finished="20.05.2023")))
    assert Completion.objects.count() == 1


def test_unmatched_and_ambiguous_pedagogues_are_named_by_row(methodist, school, anna, programme):
    PedagogueFactory(institution=school, last_name="Кузнецова", first_name="Ольга", middle_name="Ивановна")
    PedagogueFactory(institution=school, last_name="Кузнецова", first_name="Ольга", middle_name="Ивановна")
    rows = CompletionImporter(user=methodist).parse(workbook(
        row(name="Сидоров Пётр Ильич"),
        row(name="Кузнецова Ольга Ивановна"),
        row(school="Несуществующая школа"),
        row(programme="Неизвестный курс"),
        row(hours=300),
        row(started="01.03.2023", finished="01.02.2023"),
    ))
    messages = [str(issue) for r in rows for issue in r.issues]
    assert messages == [
        "Row 3, column «Full name»: No pedagogue «Сидоров Пётр Ильич» works or worked in СШ № 1.",
        "Row 4, column «Full name»: 2 pedagogues «Кузнецова Ольга Ивановна» in СШ № 1: give the position to tell them apart.",
        "Row 5, column «Institution»: «Несуществующая школа» is not an institution you may enter data for.",
        "Row 6, column «Programme»: «Неизвестный курс» is not in the catalogue of programmes.",
        # the programme's hours and the order of dates are Completion.clean's rules, worded for a row
        "Row 7, column «Hours»: more hours than the programme or module has (72)",
        "Row 8, column «End date»: the end date is before the start date",
    ]


def test_position_tells_namesakes_apart(methodist, school, programme):
    teacher_position = Position.objects.get_or_create(name="учитель")[0]
    psychologist = Position.objects.get_or_create(name="педагог-психолог")[0]
    PedagogueFactory(institution=school, last_name="Кузнецова", first_name="Ольга", middle_name="", position=teacher_position)
    wanted = PedagogueFactory(institution=school, last_name="Кузнецова", first_name="Ольга", middle_name="",
                              position=psychologist)
    rows = CompletionImporter(user=methodist).parse(workbook(row(name="Кузнецова Ольга", position="Педагог-психолог")))
    assert rows[0].ok and rows[0].cleaned["pedagogue_id"] == wanted.pk


def test_a_pedagogue_who_moved_is_found_at_the_former_school(methodist, school, other_school, programme, employ):
    moved = PedagogueFactory(institution=other_school, last_name="Смирнова", first_name="Анна", middle_name="Петровна")
    employ(moved, school, hired=datetime.date(2015, 9, 1), left=datetime.date(2023, 8, 31))
    rows = CompletionImporter(user=methodist).parse(workbook(row()))
    assert rows[0].cleaned["pedagogue_id"] == moved.pk


def test_duplicates_inside_the_file_are_refused(methodist, anna, programme):
    rows = CompletionImporter(user=methodist).parse(workbook(row(), row()))
    assert [str(i) for r in rows for i in r.issues] == [
        "Row 4, column «Full name»: The same completion is already in row 3."]


def test_a_school_user_cannot_import_for_another_school(outsider, anna, programme):
    rows = CompletionImporter(user=outsider).parse(workbook(row()))
    assert not rows[0].ok and "СШ № 1" in str(rows[0].issues[0])


def test_a_file_without_the_columns_is_refused(methodist):
    with pytest.raises(WorkbookError, match="lacks the columns"):
        CompletionImporter(user=methodist).parse(workbook(("x", "y"), header=["ФИО", "Учреждение"]))


def test_the_import_page_previews_then_writes_in_one_go(client, methodist, anna, programme):
    client.force_login(methodist)
    response = client.post("/training/completions/import/", {"file": workbook(row(), row(name="Нет Такого"))})
    assert response.status_code == 200
    assert "No pedagogue «Нет Такого»" in response.content.decode()
    assert "Confirm and write" not in response.content.decode()

    response = client.post("/training/completions/import/", {"file": workbook(row())})
    token = response.context["token"]
    assert not Completion.objects.exists()
    response = client.post("/training/completions/import/", {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert Completion.objects.get().pedagogue == anna


def test_teachers_and_schools_may_not_open_the_import(client, teacher, school_user):
    for user in (teacher, school_user):
        client.force_login(user)
        assert client.get("/training/completions/import/").status_code == 403


def test_every_problem_of_a_row_is_reported_at_once_and_nothing_is_written(methodist, anna, programme):
    bad = row(name="Сидоров Пётр Ильич", hours=300, started="01.03.2023", finished="01.02.2023", number="№" * 101)

    rows = CompletionImporter(user=methodist).parse(workbook(row(), bad))

    assert [str(issue) for r in rows for issue in r.issues] == [
        "Row 4, column «Full name»: No pedagogue «Сидоров Пётр Ильич» works or worked in СШ № 1.",
        "Row 4, column «Certificate number»: ensure this value has at most 100 characters (it has 101)",
        "Row 4, column «End date»: the end date is before the start date",
        "Row 4, column «Hours»: more hours than the programme or module has (72)",
    ]
    with pytest.raises(ImportRejected):
        CompletionImporter(user=methodist).commit(workbook(row(), bad))
    assert not Completion.objects.exists() and not HourEntry.objects.exists()
