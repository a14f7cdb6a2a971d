"""The head edits the draft order in the browser: adds a sub-item of item 3 and an assignment in place, removes a
measure, and the order reads them back with a term in words."""

import pytest
from django.core.cache import cache

from monitoring.models import Order
from monitoring.registry import registry
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years
from tests.conftest import login
from tests.conftest import screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_head_adds_and_removes_items_of_the_draft_in_place(
    browser_page, monkeypatch, city, head, school, other_school, year
):
    monkeypatch.setattr(registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("core.")})
    cache.clear()
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    set_target("core.share_first_or_highest_category", year, "0.6")
    order = draft_order(snapshot=build_snapshot(municipality=city, year=year, by=head), by=head)
    measures = order.recommendations.count()
    page = browser_page

    login(page, "head")
    page.goto(page.base_url + f"/monitoring/orders/{order.pk}/edit/")
    total = int(page.input_value("#id_rec-TOTAL_FORMS"))
    page.click("#add-rec")
    assert page.input_value("#id_rec-TOTAL_FORMS") == str(total + 1)
    page.fill(f"#id_rec-{total}-text", "МБУ «МИМЦ» при планировании деятельности предусмотреть освоение подходов.")
    page.fill(f"#id_rec-{total}-position", "0")
    page.fill(f"#id_rec-{total}-term", "в течение 2022–2023 учебного года")
    page.check("#id_rec-0-DELETE")
    page.click("#add-asg")
    asg = int(page.input_value("#id_asg-TOTAL_FORMS")) - 1
    page.fill(f"#id_asg-{asg}-addressee", "Безруких Н.В., ведущему специалисту ОО")
    page.fill(f"#id_asg-{asg}-text", "обновить локальную нормативную базу")
    page.fill(f"#id_asg-{asg}-term", "постоянно")
    screenshot(page, "order_form_rows_added")
    page.click("#save-order")
    page.wait_for_selector("#download-order-docx")

    body = page.inner_text("main")
    assert "3.1. МБУ «МИМЦ» при планировании деятельности предусмотреть освоение подходов. Срок: в течение " \
        "2022–2023 учебного года." in body
    assert "Безруких Н.В., ведущему специалисту ОО, обновить локальную нормативную базу. Срок: постоянно." in body
    assert Order.objects.get().recommendations.count() == measures  # one removed, one added
