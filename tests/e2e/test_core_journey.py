"""A school user logs in, opens the pedagogues list and sees only their own staff."""

import datetime

import pytest

from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Pedagogue
from core.models import Position
from core.models import Subject
from tests.conftest import login
from tests.conftest import screenshot


def hire(institution, last_name, first_name, middle_name, born, category="none", subjects=(), since=None):
    pedagogue = Pedagogue.objects.create(
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=born,
        municipality=institution.municipality, institution=institution,
        position=Position.objects.get_or_create(name="учитель")[0], category=category, experience_start=since,
    )
    pedagogue.subjects.set([Subject.objects.get_or_create(name=name)[0] for name in subjects])
    Employment.objects.create(pedagogue=pedagogue, institution=institution, position=pedagogue.position,
                              hired=datetime.date(2015, 9, 1))
    return pedagogue


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_school_user_sees_only_own_staff(browser_page, school_user, school, other_school, city):
    Institution.objects.create(municipality=city, name="МБДОУ «Детский сад № 7»", short_name="ДС № 7",
                               type=InstitutionType.PRESCHOOL)
    hire(school, "Смирнова", "Елена", "Викторовна", datetime.date(1984, 4, 2), "highest", ["Математика"],
         datetime.date(2006, 9, 1))
    hire(school, "Коваленко", "Андрей", "Павлович", datetime.date(1998, 11, 20), subjects=["Физика", "Информатика"])
    hire(school, "Федорова", "Анна", "Игоревна", datetime.date(1976, 1, 15), "first", ["Русский язык", "Литература"],
         datetime.date(1998, 9, 1))
    hire(other_school, "Чужанин", "Олег", "Петрович", datetime.date(1980, 6, 6))
    page = browser_page

    login(page, "school")
    page.click("nav >> text=Справочники")  # the directory's drop-down in the grouped menu
    page.click("nav .dropdown-menu >> text=Педагоги")
    page.wait_for_selector("#pedagogues")

    table = page.inner_text("#pedagogues")
    assert "Смирнова Елена Викторовна" in table
    assert "Коваленко Андрей Павлович" in table
    assert "Федорова Анна Игоревна" in table
    assert "Чужанин" not in page.content()
    assert "Найдено 3 педагога" in page.inner_text("#result-count")
    screenshot(page, "school_pedagogues")

    page.check("#id_young_specialist")
    page.click("text=Применить")
    page.wait_for_selector("#pedagogues")
    assert page.locator("#pedagogues tbody tr").count() == 1
    assert "Коваленко" in page.inner_text("#pedagogues")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_methodist_records_a_transfer_with_the_add_period_button(browser_page, methodist, school, other_school):
    pedagogue = hire(school, "Смирнова", "Елена", "Викторовна", datetime.date(1984, 4, 2), "highest", ["Математика"])
    page = browser_page

    login(page, "methodist")
    page.goto(page.base_url + f"/pedagogues/{pedagogue.pk}/edit/")
    rows_before = page.locator("#jobs-rows tr").count()
    page.fill("#id_jobs-0-left", "2023-08-31")
    page.click("text=Добавить период")
    new = rows_before  # the clone gets the next index
    assert page.locator("#jobs-rows tr").count() == rows_before + 1
    page.focus(f"#id_jobs-{new}-institution-ts-control")  # the institution is a search picker
    page.keyboard.type("СШ № 2")
    page.wait_for_selector(f"#id_jobs-{new}-institution-ts-dropdown .option.active:has-text('СШ № 2')")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.input_value(f"#id_jobs-{new}-institution") == str(other_school.pk)
    page.fill(f"#id_jobs-{new}-hired", "2023-09-01")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert "сохранена" in page.inner_text("main")
    assert page.locator("#employments tbody tr").count() == 2
    pedagogue.refresh_from_db()
    assert pedagogue.institution == other_school
    screenshot(page, "pedagogue_transfer")
