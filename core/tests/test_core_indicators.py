import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Category
from core.models import CategoryAward
from core.models import Employment
from core.models import Pedagogue
from monitoring.indicators import share_first_or_highest_category
from monitoring.indicators import share_under_35


def hire(city, institution, *, born, hired, left=None, category=Category.NONE):
    pedagogue = Pedagogue.objects.create(
        last_name="П", first_name="И", birth_date=born, municipality=city, institution=institution
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left)
    if category in (Category.METHODIST, Category.MENTOR):
        CategoryAward.objects.create(pedagogue=pedagogue, category=Category.HIGHEST, order_date=datetime.date(2019, 3, 1))
    if category != Category.NONE:
        CategoryAward.objects.create(pedagogue=pedagogue, category=category, order_date=datetime.date(2020, 3, 1))
    return pedagogue


@pytest.fixture
def staff(city, school, other_school):
    # 2021/2022 starts on 2021-09-01: under 35 means born after 1986-09-01.
    hire(city, school, born=datetime.date(1990, 1, 1), hired=datetime.date(2015, 9, 1), category=Category.FIRST)
    hire(city, school, born=datetime.date(1986, 9, 1), hired=datetime.date(2015, 9, 1), category=Category.HIGHEST)
    hire(city, school, born=datetime.date(1970, 5, 5), hired=datetime.date(2000, 9, 1))
    # left before the year began: not counted
    hire(city, school, born=datetime.date(1999, 1, 1), hired=datetime.date(2019, 9, 1), left=datetime.date(2021, 6, 30))
    hire(city, other_school, born=datetime.date(1998, 2, 2), hired=datetime.date(2021, 9, 1), category=Category.MENTOR)


def test_share_under_35_counts_age_on_first_september(staff, city, school, year):
    assert share_under_35(school, year) == Decimal("0.3333")
    assert share_under_35(city, year) == Decimal("0.5000")


def test_share_first_or_highest_includes_methodist_and_mentor(staff, city, school, year):
    assert share_first_or_highest_category(school, year) == Decimal("0.6667")
    assert share_first_or_highest_category(city, year) == Decimal("0.7500")


def test_breakdowns_give_each_institution_its_share(staff, city, school, other_school, year):
    assert share_under_35.by_institution(city, year) == {school.pk: Decimal("0.3333"), other_school.pk: Decimal("1.0000")}
    assert share_first_or_highest_category.by_institution(city, year) == {
        school.pk: Decimal("0.6667"),
        other_school.pk: Decimal("1.0000"),
    }


def test_empty_scope_has_no_value(city, year):
    assert share_under_35(city, year) is None


def test_query_count_does_not_grow_with_staff(staff, city, school, year):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            share_under_35(city, year)
            share_under_35.by_institution(city, year)
            share_first_or_highest_category(city, year)
            share_first_or_highest_category.by_institution(city, year)
        return len(ctx)

    before = count()
    for _ in range(20):
        hire(city, school, born=datetime.date(1992, 1, 1), hired=datetime.date(2020, 1, 1))
    assert count() == before == 4
