import datetime

import pytest

from core.models import Pedagogue
from mentoring.models import YoungSpecialistMark
from mentoring.models import is_young_specialist
from mentoring.models import young_specialist_q
from mentoring.tests.factories import PedagogueFactory

DAY = datetime.date(2022, 3, 10)


def young_in_db(pedagogue) -> bool:
    return Pedagogue.objects.filter(young_specialist_q(DAY), pk=pedagogue.pk).exists()


@pytest.mark.parametrize(
    ("born", "experience_start", "expected"),
    [
        (datetime.date(1987, 3, 11), datetime.date(2021, 9, 1), True),  # 35 tomorrow
        (datetime.date(1987, 3, 10), datetime.date(2021, 9, 1), True),  # 35 today, but newly appointed (< 1 year)
        (datetime.date(1987, 3, 10), datetime.date(2020, 9, 1), False),  # exactly 35, 1.5 years of experience
        (datetime.date(1987, 3, 11), datetime.date(2019, 3, 11), True),  # a day short of 3 years
        (datetime.date(1987, 3, 11), datetime.date(2019, 3, 10), False),  # exactly 3 years of experience
        (datetime.date(1995, 1, 1), None, True),  # young, no experience recorded
        (datetime.date(1970, 1, 1), None, False),  # older, experience unknown
        (datetime.date(1970, 1, 1), datetime.date(2021, 3, 11), True),  # career changer, a day short of a year
        (datetime.date(1970, 1, 1), datetime.date(2021, 3, 10), False),  # career changer, exactly one year
    ],
)
def test_young_specialist_rule_edges_agree_in_python_and_sql(school, born, experience_start, expected):
    pedagogue = PedagogueFactory(institution=school, birth_date=born, experience_start=experience_start)

    assert is_young_specialist(pedagogue, DAY) is expected
    assert young_in_db(pedagogue) is expected


def test_a_manual_mark_overrides_the_rule_both_ways(school, methodist):
    old = PedagogueFactory(institution=school, birth_date=datetime.date(1970, 1, 1),
                           experience_start=datetime.date(2000, 1, 1))
    young = PedagogueFactory(institution=school, birth_date=datetime.date(1998, 1, 1),
                             experience_start=datetime.date(2021, 9, 1))
    YoungSpecialistMark.objects.create(pedagogue=old, is_young=True, reason="перевод из другой отрасли")
    YoungSpecialistMark.objects.create(pedagogue=young, is_young=False, reason="опыт в другом регионе")

    assert young_in_db(old) and is_young_specialist(old, DAY)
    assert not young_in_db(young) and not is_young_specialist(young, DAY)


def test_the_directory_and_the_home_page_count_young_specialists_by_the_same_rule(client, school, methodist):
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    today = timezone.localdate()
    career_changer = PedagogueFactory(institution=school, last_name="Переходова", birth_date=datetime.date(1975, 5, 5),
                                      experience_start=today - datetime.timedelta(days=100))
    marked = PedagogueFactory(institution=school, last_name="Отмеченная", birth_date=datetime.date(1970, 1, 1),
                              experience_start=datetime.date(2000, 9, 1))
    excluded = PedagogueFactory(institution=school, last_name="Исключённый", birth_date=today.replace(year=today.year - 25),
                                experience_start=today - datetime.timedelta(days=400))
    PedagogueFactory(institution=school, last_name="Опытная", birth_date=datetime.date(1970, 1, 1),
                     experience_start=datetime.date(1995, 9, 1))
    YoungSpecialistMark.objects.create(pedagogue=marked, is_young=True, reason="перевод из другой отрасли")
    YoungSpecialistMark.objects.create(pedagogue=excluded, is_young=False, reason="опыт в другом регионе")
    client.force_login(methodist)

    listed = client.get("/pedagogues/", {"young_specialist": "on"})
    names = [p.last_name for p in listed.context["page"].object_list]
    assert sorted(names) == ["Отмеченная", "Переходова"]
    assert listed.content.decode().count("молодой специалист") == 2  # the badge, on the same two rows
    assert client.get("/").context["counts"]["young"] == 2
    assert client.get(f"/pedagogues/{career_changer.pk}/").context["young_specialist"] is True
    assert client.get(f"/pedagogues/{excluded.pk}/").context["young_specialist"] is False

    book = load_workbook(io.BytesIO(client.get("/pedagogues/export/").content))
    rows = list(book.active.iter_rows(values_only=True))
    column = rows[0].index("Молодой специалист")
    young = sorted(row[0] for row in rows[1:] if row[column] == "да")
    assert young == ["Отмеченная", "Переходова"]
