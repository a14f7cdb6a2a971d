"""The head opens the monitoring dashboard, switches the year, asks why an indicator changed,
builds the yearly report, drafts and issues the order and downloads its PDF."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.registry import registry
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years
from tests.conftest import login
from tests.conftest import screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_head_builds_the_report_and_issues_the_order(
    browser_page, monkeypatch, head, methodist, school, other_school, year, previous_year
):
    # The journey rates the core indicators on hand-built data; other apps' indicators have no data here.
    monkeypatch.setattr(
        registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("core.")}
    )
    cache.clear()
    two_years(school, other_school)
    # The head set the targets in 2020/2021 already: the year filter offers the years from the earliest with records.
    for target_year in (previous_year, year):
        set_target("core.share_under_35", target_year, "0.3")
        set_target("core.share_first_or_highest_category", target_year, "0.6")
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, "head")
    # The dashboard opens on the last finished year; the data of this journey is of 2021/2022.
    page.goto(page.base_url + "/monitoring/?year=2021/2022")
    page.wait_for_selector("canvas[data-chart]")
    assert "Учебный год 2021/2022" in page.inner_text("main")
    assert "42,9 %" in page.inner_text("main")
    screenshot(page, "head_dashboard")

    page.select_option("#id_year", label="2020/2021")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"year=2020"))
    assert "Учебный год 2020/2021" in page.inner_text("main")

    page.select_option("#id_year", label="2021/2022")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"year=2021"))
    page.click("#direction-mentoring table a")
    page.wait_for_selector("#breakdown")
    rows = page.locator("#breakdown tbody tr")
    assert rows.nth(0).inner_text().split("\t")[0].strip() == "СШ № 1"
    assert "+60,0 п.п." in rows.nth(0).inner_text()
    screenshot(page, "head_breakdown")

    page.goto(page.base_url + "/monitoring/reports/?year=2021/2022")
    page.click("#build-report")
    page.wait_for_selector("#draft-order")
    page.click("#draft-order")
    page.wait_for_selector("#save-order")
    page.select_option("#id_asg-0-responsible", label="methodist")
    page.fill("#id_asg-0-addressee", "Петровой А.А., методисту МИМЦ")
    page.fill("#id_asg-0-text", "обновить план работы с молодыми педагогами")
    page.fill("#id_asg-0-deadline", "2022-09-01")
    # «Add an assignment» adds a row in place (the same button submits the page without JavaScript).
    page.click("#add-asg")
    page.wait_for_selector("#id_asg-1-text")
    assert page.input_value("#id_asg-TOTAL_FORMS") == "2"
    page.fill("#id_asg-1-addressee", "Безруких Н.В., ведущему специалисту ОО")
    page.fill("#id_asg-1-text", "обновить локальную нормативную базу")
    page.fill("#id_asg-1-term", "постоянно")
    page.click("#save-order")
    page.wait_for_selector("#issue-order")
    page.fill("#id_number", "110а")
    page.fill("#id_date", "2022-06-25")
    page.fill("#id_signatory_name", "Егорова О.Ю.")
    page.click("#issue-order")
    page.wait_for_selector("#order-status:has-text('Издан')")
    body = page.inner_text("main")
    assert "Приказ № 110а от 25.06.2022" in body
    assert "Петровой А.А., методисту МИМЦ, обновить план работы с молодыми педагогами" in body
    assert "Безруких Н.В., ведущему специалисту ОО, обновить локальную нормативную базу. Срок: постоянно." in body
    assert page.locator("#edit-order").count() == 0
    screenshot(page, "order_issued")

    with page.expect_download(timeout=90000) as download_info:
        page.click("#download-order-pdf")
    pdf = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "П Р И К А З" in text and "№ 110а" in text
    order = Order.objects.get()
    assert order.status == OrderStatus.ISSUED and order.date == datetime.date(2022, 6, 25)
