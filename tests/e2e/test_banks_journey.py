"""A methodist puts a material into the bank and sends it to the expert council; the
expert reviews and recommends it; the public showcase shows it with the badge."""

import datetime

import pytest

from banks.models import Item
from banks.models import ItemStatus
from core.tests.factories import PedagogueFactory
from expertise.models import CouncilDuty
from expertise.models import CouncilOfficer
from expertise.models import Status
from expertise.tests.factories import ExpertFactory
from tests.conftest import login
from tests.conftest import screenshot

TITLE = "Интерактивный тренажёр «Дроби вокруг нас»"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_material_goes_through_the_expert_council_to_the_showcase(browser_page, methodist, expert, school,
                                                                   other_school):
    page = browser_page
    entry = ExpertFactory(pedagogue=PedagogueFactory(institution=other_school, last_name="Орлова"), user=expert,
                          active_from=datetime.date(2020, 9, 1))
    CouncilOfficer.objects.create(municipality=methodist.roles.first().municipality, user=methodist,
                                  duty=CouncilDuty.CHAIR)

    # The methodist enters the material and sends it for review.
    login(page, "methodist")
    page.goto(page.base_url + "/banks/new/")
    page.select_option("#id_bank", "resources")
    page.fill("#id_title", TITLE)
    page.fill("#id_authors", "Иванова М. П.")
    # The institution is a search-as-you-type picker: type a few letters, choose the answer with Enter.
    page.focus("#id_institution-ts-control")
    page.keyboard.type("СШ № 1")
    page.wait_for_selector(f"#id_institution-ts-dropdown .option.active:has-text('{school.short_name}')")
    page.keyboard.press("Enter")
    assert page.input_value("#id_institution") == str(school.pk)
    page.select_option("#id_kind", "lesson")
    page.select_option("#id_year", label="2021/2022")
    page.fill("#id_keywords", "математика, дроби")
    page.fill("#id_url", "https://resh.edu.ru/subject/12/5/")
    page.click("#item-form button[type=submit]")
    page.wait_for_url("**/banks/*/")
    page.click("#submit-for-review")
    page.wait_for_url("**/expertise/*/")

    # ... and assigns an expert of another school with a deadline.
    # The experts are a search picker too: a few letters of the surname, Enter on the answer.
    control = page.locator("#id_experts-ts-control")
    control.press_sequentially("Орло")
    page.wait_for_selector("#id_experts-ts-dropdown .option.active:has-text('Орлова')")
    control.press("Enter")
    control.locator("xpath=..").locator(".item:has-text('Орлова')").wait_for()
    control.press("Escape")
    assert page.locator("#id_experts").evaluate("s => [...s.selectedOptions].map(o => o.value)") == [str(entry.pk)]
    page.click("#assign-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Эксперты назначены" in page.inner_text("#request-status")
    screenshot(page, "banks-journey-1-assigned")

    # The expert finds it in their queue and fills the review form.
    page.context.clear_cookies()
    login(page, "expert")
    page.goto(page.base_url + "/expertise/queue/")
    assert TITLE in page.inner_text("#pending")
    page.click("#pending a.btn")
    for select in page.locator("#review-form select").all():
        select.select_option("3")
    page.fill("#id_comment", "Материал актуален, рекомендую к размещению в банке.")
    page.check("#id_recommendation_0")
    screenshot(page, "banks-journey-2-review-form")
    page.click("#review-form button[type=submit]")
    page.wait_for_url("**/expertise/queue/")

    # The methodist, who chairs the expert council, reads the review and gives the conclusion.
    page.context.clear_cookies()
    login(page, "methodist")
    page.goto(page.base_url + Item.objects.get(title=TITLE).reviews.get().get_absolute_url())
    assert "рекомендую к размещению" in page.inner_text("main")
    page.check("#conclude-form input[value=recommended]")
    page.click("#conclude-form button[type=submit]")
    page.wait_for_load_state("networkidle")

    item = Item.objects.get(title=TITLE)
    assert item.status == ItemStatus.PUBLISHED and item.recommended_on
    assert item.reviews.get().status == Status.CONCLUDED

    # Anyone, without logging in, sees it in the showcase with the badge.
    page.context.clear_cookies()
    page.goto(page.base_url + "/banks/showcase/?q=дроби")
    card = page.locator(".showcase-item", has_text=TITLE)
    assert card.count() == 1
    assert "Рекомендовано экспертным советом" in card.inner_text()
    screenshot(page, "banks-journey-3-showcase")
