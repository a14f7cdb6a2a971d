"""Reports open on the last finished academic year and say so; the year in progress is marked as well.
Targets open on the current year; every year filter offers the earliest year with data to the next one."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.filters import offered_years
from core.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_the_dashboard_opens_on_the_last_finished_year_and_says_so(client, head, city, year):
    from monitoring.tests.factories import set_target

    today = timezone.localdate()
    current = today.year if today.month >= 9 else today.year - 1
    set_target("core.share_under_35", AcademicYear.objects.get(start_year=current + 1), "0.3")  # ahead
    client.force_login(head)

    response = client.get("/monitoring/")

    assert response.context["year"].start_year == current - 1
    page = response.content.decode()
    assert f"{current - 1}/{current} (последний завершённый)" in page
    assert f"{current}/{current + 1} (идёт сейчас)" in page


def _current() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def test_the_targets_page_opens_on_the_current_year_and_says_so(client, head, city):
    current = _current()
    client.force_login(head)

    response = client.get(reverse("monitoring:targets"))

    assert response.context["year"].start_year == current  # targets are set for this year and the next
    page = response.content.decode()
    assert f"{current}/{current + 1} — текущий учебный год." in page
    assert f'<option value="{current}" selected>{current}/{current + 1} (идёт сейчас)</option>' in page
    # A year asked for by URL is still shown, without the «current» line.
    response = client.get(reverse("monitoring:targets") + f"?year={current - 1}/{current}")
    assert response.context["year"].start_year == current - 1
    assert "текущий учебный год" not in response.content.decode()


def test_the_year_select_has_no_empty_choice(client, head, city):
    client.force_login(head)

    for url in (reverse("monitoring:dashboard"), reverse("monitoring:targets")):
        page = client.get(url).content.decode()
        assert 'name="year"' in page
        assert "---------" not in page


def _year_options(page: str) -> list[str]:
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)


def test_year_filters_run_from_the_earliest_data_to_the_next_year(client, methodist, city):
    from monitoring.tests.factories import set_target

    current = _current()
    set_target("core.share_under_35", AcademicYear.objects.get(start_year=2018), "0.3")  # the earliest record
    expected = [f"{y}/{y + 1}" for y in range(current + 1, 2017, -1)]
    assert [year.title for year in offered_years()] == expected
    client.force_login(methodist)

    for name in ("training:completion-list", "training:route-list", "associations:association-list",
                 "associations:result-list", "mentoring:pair-list"):
        page = client.get(reverse(name)).content.decode()
        assert _year_options(page) == expected, name
