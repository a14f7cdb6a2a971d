"""A school enters a mentoring pair through the search pickers (institution, mentors, mentees), then tries the same
pair again and is sent to the existing one by the refusal's link. The journey counts its clicks and keystrokes."""

import datetime

import pytest

from core.tests.factories import PedagogueFactory
from mentoring.models import Pair
from tests.conftest import login
from tests.conftest import pick
from tests.conftest import screenshot


class Counter:
    def __init__(self, page):
        self.page, self.clicks = page, 0

    def click(self, selector):
        self.clicks += 1
        self.page.click(selector)

    def pick(self, field, text, option_text):
        """Type into a picker and choose the answer with Enter (a keyboard action, counted as a click)."""
        pick(self.page, field, text, option_text)
        self.clicks += 1


def fill_pair(counter, page):
    page.goto(page.base_url + "/mentoring/pairs/new/")
    counter.pick("mentors", "Сидо", "Сидорова")
    counter.pick("mentees", "Ерш", "Ершова")
    page.select_option("#id_form", index=1)
    counter.clicks += 1
    page.fill("#id_start", "2025-09-01")
    counter.click("main form button[type=submit]")
    page.wait_for_load_state("load")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_school_enters_a_pair_with_pickers_and_is_sent_to_the_existing_one(browser_page, school, school_user):
    PedagogueFactory(institution=school, last_name="Сидорова", first_name="Галина", middle_name="Петровна",
                     birth_date=datetime.date(1975, 1, 1))
    PedagogueFactory(institution=school, last_name="Ершова", first_name="Дарья", middle_name="Олеговна")
    page = browser_page
    counter = Counter(page)
    login(page, "school")
    fill_pair(counter, page)
    assert Pair.objects.exists(), page.inner_text("main")[:1500]
    pair = Pair.objects.get()
    assert [p.last_name for p in pair.mentors] == ["Сидорова"] and [p.last_name for p in pair.mentees] == ["Ершова"]
    first_clicks = counter.clicks
    assert first_clicks <= 4  # two picks, the form and the submit (the institution is the school's own)

    fill_pair(counter, page)
    assert Pair.objects.count() == 1
    link = page.locator(f"main a[href='/mentoring/pairs/{pair.pk}/']").first
    assert link.is_visible()
    screenshot(page, "pickers-duplicate-pair")
    link.click()
    page.wait_for_url(f"**/mentoring/pairs/{pair.pk}/")
    print(f"clicks: pair entered in {first_clicks}, duplicate refused and opened in {counter.clicks - first_clicks + 1}")
