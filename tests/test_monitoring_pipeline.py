"""The whole monitoring pipeline on two years of hand-built data: values → ratings → frozen report →
drafted order → PDF, with each direction standing in the right item of the order."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.utils.translation import override
from pypdf import PdfReader

from monitoring.exports import order_pdf
from monitoring.models import Direction
from monitoring.registry import registry
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import INNOVATION_CODE
from monitoring.tests.factories import add_assignment
from monitoring.tests.factories import issue
from monitoring.tests.factories import register_innovation_indicator
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years


@pytest.fixture(autouse=True)
def known_indicators(monkeypatch):
    cache.clear()
    monkeypatch.setattr(
        registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("core.")}
    )
    register_innovation_indicator({2020: 5, 2021: 5})
    yield
    cache.clear()


@pytest.fixture
def order(city, school, other_school, year, previous_year, head, methodist):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    set_target("core.share_first_or_highest_category", year, "0.6")
    set_target(INNOVATION_CODE, previous_year, 4)
    snapshot = build_snapshot(municipality=city, year=year, by=head)
    order = draft_order(snapshot=snapshot, by=head)
    add_assignment(order, methodist, deadline=datetime.date(2022, 9, 1))
    issue(order, head, number="110а", date=datetime.date(2022, 6, 25),
          signatory_position="Начальник отдела образования", signatory_name="Егорова О.Ю.")
    return order


def titles(*codes: str) -> list[str]:
    return [Direction.objects.get(code=code).title for code in codes]


def test_the_order_lists_directions_in_the_right_items(order):
    mentoring, innovation, training = titles("mentoring", "innovation", "training")

    assert order.satisfactory == (
        "Считать удовлетворительными результаты методического сопровождения по таким направлениям, как "
        f"«{innovation}»; «{mentoring}»."
    )
    with override("ru"):
        young = str(registry.get("core.share_under_35").title)
    assert order.effects == (
        f"Отметить такие положительные эффекты, как рост показателя «{young}» с 20,0\u00a0% до 42,9\u00a0%."
    )
    assert [rec.direction.code for rec in order.recommendations.all()] == ["training", "innovation"]
    assert [item["number"] for item in order.numbered_items()] == ["1", "2", "3", "4", "5"]
    assert order.numbered_items()[-1]["text"] == "Контроль за исполнением приказа оставляю за собой."


def test_the_snapshot_does_not_change_when_targets_do(order, year):
    set_target("core.share_under_35", year, "0.9")
    order.snapshot.refresh_from_db()

    young = next(
        i
        for d in order.snapshot.data["directions"]
        for i in d["indicators"]
        if i["code"] == "core.share_under_35"
    )
    assert (young["target"], young["rating"]) == ("0.3", "satisfactory")


def test_the_pdf_reads_like_an_administrative_order(order):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(order_pdf(order))).pages)
    # WeasyPrint hyphenates Russian (hyphens: auto): join the words it broke with U+2010 at a line end.
    text = re.sub(r"\s+", " ", re.sub(r"\u2010\s+", "", text))
    mentoring, innovation, training = titles("mentoring", "innovation", "training")

    assert "П Р И К А З" in text
    assert "«25» июня 2022 г." in text and "№ 110а" in text
    assert "О результатах мониторинга муниципальной методической службы" in text
    item1 = text[text.index("1. Считать") : text.index("2. Отметить")]
    item2 = text[text.index("2. Отметить") : text.index("3. В целях")]
    item3 = text[text.index("3. В целях") : text.index("4. ")]
    assert f"«{mentoring}»" in item1 and f"«{innovation}»" in item1 and training not in item1
    assert "с 20,0 % до 42,9 %" in item2 and "→" not in text
    assert f"3.1. {Direction.objects.get(code='training').recommendation[:40]}" in item3
    assert (
        "3.2. Выявить причины отсутствия положительной динамики" in item3
        and "Инновационная деятельность" in item3
    )
    assert "4. Безруких Н.В., ведущему специалисту ОО, обновить локальную нормативную базу" in text
    assert "5. Контроль за исполнением приказа оставляю за собой." in text
    assert "Егорова О.Ю." in text
