"""Year choices run from the earliest year with records to the year after the current one."""

import datetime
import re

import pytest
from django.utils import timezone

from core.models import AcademicYear

pytestmark = pytest.mark.django_db


def starts(queryset) -> list[int]:
    return list(queryset.values_list("start_year", flat=True))


def test_without_records_the_current_and_the_next_year_are_offered():
    assert starts(AcademicYear.objects.offered(datetime.date(2026, 12, 4))) == [2027, 2026]
    assert starts(AcademicYear.objects.offered(datetime.date(2027, 8, 31))) == [2027, 2026]


def test_the_earliest_year_with_records_opens_the_choice(city):
    from staffing.tests.factories import CampaignFactory

    CampaignFactory(municipality=city, year=AcademicYear.objects.get(start_year=2021))

    assert starts(AcademicYear.objects.offered(datetime.date(2026, 12, 4))) == [2027, 2026, 2025, 2024, 2023, 2022,
                                                                                 2021]
    assert starts(AcademicYear.objects.with_records()) == [2021]


def test_a_year_filter_offers_no_year_after_the_next(client, methodist, city):
    from staffing.tests.factories import CampaignFactory

    CampaignFactory(municipality=city, year=AcademicYear.objects.get(start_year=2021))
    client.force_login(methodist)

    page = client.get("/expertise/").content.decode()

    select = re.search(r'<select name="concluded_in".*?</select>', page, re.S).group(0)
    today = timezone.localdate()
    current = today.year if today.month >= 9 else today.year - 1
    offered = [int(y) for y in re.findall(r">(\d{4})/\d{4}<", select)]
    assert offered == list(range(current + 1, 2020, -1))
