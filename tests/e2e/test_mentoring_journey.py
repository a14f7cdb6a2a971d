"""A school curator creates a mentoring pair, adds programme tasks and marks one done;
the municipal methodist then sees the pair in the municipal list."""

import datetime
from urllib.parse import parse_qs
from urllib.parse import urlparse

import pytest

from conftest import make_user
from core.models import Employment
from core.models import Pedagogue
from core.scoping import Role
from mentoring.models import Pair
from mentoring.models import Task
from tests.conftest import login
from tests.conftest import pick
from tests.conftest import screenshot


def hire(institution, last_name, first_name, middle_name, born, experience_start):
    pedagogue = Pedagogue.objects.create(
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=born,
        municipality=institution.municipality, institution=institution, experience_start=experience_start,
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=experience_start)
    return pedagogue


def open_the_pair_form_as_the_school(page):
    login(page, "school")
    page.goto(page.base_url + "/mentoring/pairs/new/")
    page.wait_for_selector("#id_mentors")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_curator_builds_a_pair_and_methodist_sees_it(browser_page, school_user, school, other_school, city):
    make_user("methodist", Role.METHODIST, municipality=city)
    today = datetime.date.today()
    mentor = hire(school, "Смирнова", "Елена", "Викторовна", datetime.date(1974, 4, 2), datetime.date(1997, 9, 1))
    mentee = hire(school, "Коваленко", "Андрей", "Павлович", datetime.date(2000, 11, 20),
                  today - datetime.timedelta(days=80))
    hire(other_school, "Чужанин", "Олег", "Петрович", datetime.date(1999, 6, 6), today - datetime.timedelta(days=80))
    page = browser_page

    login(page, "school")
    page.goto(page.base_url + "/mentoring/")
    page.click("a[href='/mentoring/pairs/new/']")
    page.wait_for_selector("#id_mentors")
    page.focus("#id_mentors-ts-control")  # another school's staff is not offered by the picker
    page.keyboard.type("Чужа")
    page.wait_for_selector(".ts-dropdown .no-results")
    assert "Чужанин" not in page.content()
    page.fill("#id_mentors-ts-control", "")
    page.keyboard.press("Escape")
    page.select_option("#id_form", index=1)
    pick(page, "mentors", "Смир", "Смирнова")
    pick(page, "mentees", "Ковал", "Коваленко")
    assert page.locator("#id_mentors option:checked").get_attribute("value") == str(mentor.pk)
    assert page.locator("#id_mentees option:checked").get_attribute("value") == str(mentee.pk)
    page.fill("#id_start", today.isoformat())
    page.fill("#id_order_number", "112-од")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#task-form")
    pair = Pair.objects.get()
    assert page.url.endswith(f"/mentoring/pairs/{pair.pk}/")

    for title, days, checkpoint in [("Посетить 5 уроков наставника", 30, False),
                                    ("Провести открытый урок", 90, True)]:
        page.fill("#id_task-title", title)
        page.fill("#id_task-deadline", (today + datetime.timedelta(days=days)).isoformat())
        if checkpoint:
            page.check("#id_task-is_checkpoint")
        page.click("#task-form button[type=submit]")
        page.wait_for_selector(f"#tasks tr[data-task='{title}']")
    assert page.locator("#tasks tbody tr").count() == 2

    row = page.locator("#tasks tr[data-task='Посетить 5 уроков наставника']")
    row.locator("input[name='done-comment']").fill("Посещены уроки, анализ обсуждён")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("#tasks tr.table-success")
    assert "Посещены уроки, анализ обсуждён" in page.inner_text("#tasks")
    task = Task.objects.get(title="Посетить 5 уроков наставника")
    assert task.done_on == today and task.comment == "Посещены уроки, анализ обсуждён"
    assert Task.objects.get(title="Провести открытый урок").is_checkpoint
    screenshot(page, "mentoring_pair_tasks")

    page.context.clear_cookies()
    login(page, "methodist")
    page.goto(page.base_url + "/mentoring/")
    page.wait_for_selector("#pairs")
    table = page.inner_text("#pairs")
    assert "Коваленко Андрей Павлович" in table
    assert "Смирнова Елена Викторовна" in table
    assert "1 / 2" in table  # tasks done / total
    screenshot(page, "mentoring_methodist_pairs")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_picker_keeps_the_typed_search_when_the_empty_one_answers_later(browser_page, school_user, school):
    """The picker asks for the first 20 on focus and for the typed text after a pause: when the first answer
    comes last (a busy server), it must not replace the typed search's options."""
    early = datetime.date(2000, 9, 1)
    for number in range(25):  # the first 20 in alphabetical order are all «Абрамов…»: the empty search's answer
        hire(school, f"Абрамов{number:02}", "Иван", "Иванович", datetime.date(1980, 1, 1), early)
    hire(school, "Смирнова", "Елена", "Викторовна", datetime.date(1974, 4, 2), early)
    page = open_the_pair_form_as_the_school(browser_page)

    held = []

    def hold_the_empty_search(route):
        if parse_qs(urlparse(route.request.url).query).get("q", [""]) == [""]:
            held.append(route)
        else:
            route.continue_()

    page.route("**/autocomplete/**", hold_the_empty_search)
    control = page.locator("#id_mentors-ts-control")
    control.press_sequentially("Смир")
    page.wait_for_selector("#id_mentors-ts-dropdown .option.active:has-text('Смирнова')")
    assert held, "the picker asked for the first 20 on focus"
    for route in held:  # the empty search answers last
        route.continue_()
    page.wait_for_function("() => !document.querySelector('#id_mentors').tomselect.loading")
    page.wait_for_timeout(300)
    assert page.locator("#id_mentors-ts-dropdown .option:has-text('Смирнова')").is_visible()
    control.press("Enter")
    assert page.locator("#id_mentors option:checked").inner_text().startswith("Смирнова")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_picker_asks_again_after_a_failed_answer(browser_page, school_user, school):
    """A search whose answer failed (a timeout, a busy server) is not remembered as done: typing it again asks
    the portal again and finds the person."""
    hire(school, "Смирнова", "Елена", "Викторовна", datetime.date(1974, 4, 2), datetime.date(2000, 9, 1))
    page = open_the_pair_form_as_the_school(browser_page)
    failed = []

    def busy_until_the_typed_search_failed(route):
        if "Смир" in failed:
            route.continue_()
        else:
            failed.append(parse_qs(urlparse(route.request.url).query).get("q", [""])[0])
            route.fulfill(status=503, body="busy")

    page.route("**/autocomplete/**", busy_until_the_typed_search_failed)
    control = page.locator("#id_mentors-ts-control")
    control.press_sequentially("Смир")
    page.wait_for_function("() => !document.querySelector('#id_mentors').tomselect.loading")
    page.wait_for_timeout(500)
    assert "Смир" in failed
    assert page.locator("#id_mentors-ts-dropdown .option:has-text('Смирнова')").count() == 0
    control.fill("")
    control.press_sequentially("Смир")
    page.wait_for_selector("#id_mentors-ts-dropdown .option.active:has-text('Смирнова')")
