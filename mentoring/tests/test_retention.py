import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from mentoring.retention import cohort_retention
from mentoring.retention import cohort_retention_by_institution
from mentoring.retention import retention_table
from mentoring.tests.factories import hire

TODAY = datetime.date(2024, 1, 1)


@pytest.fixture
def cohort_2019(city, school, other_school, other_city):
    """Five young specialists hired in 2019/2020 by school A (one more by school B), and an older hire."""
    far = Institution.objects.create(municipality=other_city, name="Школа Енисейска", short_name="ЕШ",
                                     type=InstitutionType.GENERAL)
    stays = hire(school, hired=datetime.date(2019, 9, 1))
    # moved to another school of the same city after a year: retained
    moves = hire(school, hired=datetime.date(2019, 9, 1), left=datetime.date(2020, 6, 30))
    hire(other_school, pedagogue=moves, hired=datetime.date(2020, 7, 1))
    # left the day before the first anniversary
    hire(school, hired=datetime.date(2019, 9, 2), left=datetime.date(2020, 9, 1))
    # stayed 1.5 years, then moved to another city: retained after 1 year only
    leaves = hire(school, hired=datetime.date(2020, 2, 1), left=datetime.date(2021, 8, 1))
    hire(far, pedagogue=leaves, hired=datetime.date(2021, 8, 2))
    # hired in late August 2020: still the 2019/2020 cohort, works on
    hire(other_school, hired=datetime.date(2020, 8, 25))
    # not a young specialist: 20 years of experience
    hire(school, born=datetime.date(1975, 1, 1), hired=datetime.date(2019, 9, 1),
         experience_start=datetime.date(1999, 9, 1))
    # a young specialist who already worked in the city before: not a new entry
    back = hire(other_school, hired=datetime.date(2018, 9, 1), left=datetime.date(2019, 8, 31))
    hire(school, pedagogue=back, hired=datetime.date(2019, 10, 1))
    return stays


def test_cohort_counts_moves_within_the_municipality_as_retained(cohort_2019, city, school, other_school):
    # 5 members; after 1 year: stays, moves, leaves, late-August hire = 4 (the third left a day early)
    assert cohort_retention(city, 2019, 1, today=TODAY) == Decimal("0.8000")
    # after 2 and 3 years: stays, moves, late-August hire
    assert cohort_retention(city, 2019, 2, today=TODAY) == Decimal("0.6000")
    assert cohort_retention(city, 2019, 3, today=TODAY) == Decimal("0.6000")


def test_members_whose_anniversary_is_ahead_are_not_counted(cohort_2019, city):
    # on 2022-10-01 only the hires of 2019-09-01 and 2019-09-02 have had a third anniversary
    assert cohort_retention(city, 2019, 3, today=datetime.date(2022, 10, 1)) == Decimal("0.6667")


def test_institution_cohorts_are_the_members_it_hired(cohort_2019, city, school, other_school):
    assert cohort_retention(school, 2019, 1, today=TODAY) == Decimal("0.7500")
    assert cohort_retention_by_institution(city, 2019, 2, today=TODAY) == {
        school.pk: Decimal("0.5000"),
        other_school.pk: Decimal("1.0000"),
    }


def test_retention_table_has_a_row_per_cohort(cohort_2019, city):
    rows = retention_table(city, today=TODAY)

    assert [row.start_year for row in rows] == [2018, 2019]
    # the 2018 hire had a gap on the first anniversary (left 31.08.2019, back on 01.10.2019)
    assert rows[0].counts == {1: (0, 1), 2: (1, 1), 3: (1, 1)}
    assert rows[1].hired == 5
    assert rows[1].counts == {1: (4, 5), 2: (3, 5), 3: (3, 5)}
    assert rows[1].share(1) == Decimal("0.8000")


def test_retention_queries_do_not_grow_with_the_cohort(cohort_2019, city, school):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            retention_table(city, today=TODAY)
            cohort_retention(city, 2019, 1, today=TODAY)
            cohort_retention_by_institution(city, 2019, 1, today=TODAY)
        return len(ctx)

    before = count()
    for day in range(1, 20):
        hire(school, hired=datetime.date(2020, 1, day))
    assert count() == before == 3
    assert Employment.objects.count() > 25
