import datetime

import pytest
from django.urls import reverse

from core.tests.workbooks import xlsx
from mentoring.models import Pair
from mentoring.tests.factories import PedagogueFactory

HEADER = ["Учреждение", "Наставник", "Наставляемые", "Форма наставничества", "Начало", "Окончание", "Номер приказа"]


def workbook(*rows):
    """The pairs as uploaded, under a title row above the header."""
    return xlsx(HEADER, rows, title="Список наставнических пар на 2025-2026 у.г.", name="pairs.xlsx")


@pytest.fixture
def staff(school, other_school):
    return {
        "mentor": PedagogueFactory(institution=school, last_name="Смирнова", first_name="Елена",
                                   middle_name="Викторовна"),
        "young": PedagogueFactory(institution=school, last_name="Ершова", first_name="Анна", middle_name="Ивановна"),
        "young2": PedagogueFactory(institution=school, last_name="Клюева", first_name="Ольга", middle_name=""),
        "foreign": PedagogueFactory(institution=other_school, last_name="Чужая", first_name="Вера",
                                    middle_name="Павловна"),
    }


def upload(client, file):
    return client.post(reverse("mentoring:pair-import"), {"file": file})


def test_school_curator_imports_pairs_and_a_reimport_adds_nothing(client, school_user, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(school_user)
    rows = [("СШ № 1", "Смирнова Елена Викторовна", "Ершова Анна Ивановна; Клюева Ольга",
             "групповое наставничество", "01.09.2025", "31.05.2026", "112-од")]

    preview = upload(client, workbook(*rows))
    assert preview.context["problems"] == []
    assert preview.context["actions"] == {"created": 1}
    client.post(reverse("mentoring:pair-import"), {"confirm": "1", "token": preview.context["token"]})

    pair = Pair.objects.get()
    assert [p.pk for p in pair.mentors] == [staff["mentor"].pk]
    assert {p.pk for p in pair.mentees} == {staff["young"].pk, staff["young2"].pk}
    assert pair.start == datetime.date(2025, 9, 1) and pair.order_number == "112-од"

    again = upload(client, workbook(*rows))
    assert again.context["actions"] == {"unchanged": 1}


def test_import_names_every_problem_by_row_and_writes_nothing(client, school_user, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(school_user)

    preview = upload(client, workbook(
        ("СШ № 1", "Смирнова Елена Викторовна", "Смирнова Елена Викторовна", "педагог – педагог", "01.09.2025"),
        ("СШ № 1", "Смирнова Елена Викторовна", "Чужая Вера Павловна", "педагог – педагог", "01.09.2025"),
        ("СШ № 2", "Смирнова Елена Викторовна", "Ершова Анна Ивановна", "педагог – педагог", "01.09.2025"),
        ("СШ № 1", "Смирнова Елена Викторовна", "Ершова Анна Ивановна; Клюева Ольга", "педагог – педагог",
         "01.09.2025"),
    ))

    problems = [str(p) for p in preview.context["problems"]]
    assert any(p.startswith("Строка 3") and "самому себе" in p for p in problems)
    assert any(p.startswith("Строка 4") and "Чужая Вера Павловна" in p for p in problems)
    assert any(p.startswith("Строка 5") and "СШ № 2" in p for p in problems)
    assert any(p.startswith("Строка 6") and "групповую" in p for p in problems)
    assert not Pair.objects.exists()


def test_outsider_cannot_open_the_import_of_a_teacher(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("mentoring:pair-import")).status_code == 403


def test_every_problem_of_a_row_is_reported_at_once(client, school_user, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(school_user)

    preview = upload(client, workbook(
        ("СШ № 99", "Смирнова Елена Викторовна", "Никто Никто Никтович", "педагог – лодка", "01.09.2025",
         "01.06.2025", "№" * 51),
    ))

    assert [str(p) for p in preview.context["problems"]] == [
        "Строка 3, столбец «Учреждение»: учреждение «СШ № 99» не найдено или вне вашей зоны доступа",
        "Строка 3, столбец «Форма»: неизвестная форма наставничества «педагог – лодка»",
        "Строка 3, столбец «Наставляемые»: среди доступных вам педагогов нет «Никто Никто Никтович»",
        # the order number's length is the Pair model's own rule
        "Строка 3, столбец «Номер приказа»: убедитесь, что это значение содержит не более 50 символов (сейчас 51)",
        "Строка 3, столбец «Окончание»: дата окончания раньше даты начала",
    ]
    assert not Pair.objects.exists()


def test_two_rows_of_one_pair_over_overlapping_dates_are_refused(client, school_user, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(school_user)
    pair = ("СШ № 1", "Смирнова Елена Викторовна", "Ершова Анна Ивановна", "педагог – педагог")

    preview = upload(client, workbook((*pair, "01.09.2025", "31.05.2026"), (*pair, "01.01.2026", ""),
                                      (*pair, "01.09.2026", "31.05.2027")))

    assert [str(p) for p in preview.context["problems"]] == ["Строка 4: такая же пара уже есть в строке 3"]
    assert not Pair.objects.exists()
