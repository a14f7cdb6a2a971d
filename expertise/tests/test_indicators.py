import datetime
from functools import partial

import pytest

from expertise import indicators
from expertise.models import Decision
from expertise.models import RequestType
from expertise.models import Status
from expertise.tests.factories import ReviewRequestFactory
from monitoring.tests.factories import queries_of

pytestmark = pytest.mark.django_db


def concluded(institution, on, deadline, type=RequestType.RECOMMENDATIONS, **extra):
    return ReviewRequestFactory(institution=institution, type=type, status=Status.CONCLUDED,
                                decision=Decision.RECOMMENDED, concluded_on=on, deadline=deadline, **extra)


@pytest.fixture
def dataset(school, other_school):
    concluded(school, datetime.date(2021, 10, 1), datetime.date(2021, 10, 5))  # on time
    concluded(school, datetime.date(2021, 12, 1), datetime.date(2021, 11, 30))  # late
    concluded(other_school, datetime.date(2022, 3, 1), datetime.date(2022, 3, 1), type=RequestType.AUDIT)
    concluded(other_school, datetime.date(2022, 4, 1), datetime.date(2022, 4, 10), type=RequestType.AUDIT)
    concluded(school, datetime.date(2020, 12, 1), datetime.date(2020, 12, 10), type=RequestType.AUDIT)  # last year
    ReviewRequestFactory(institution=school)  # still submitted


def test_reviews_concluded_and_share_on_time(dataset, city, school, other_school, year):
    assert indicators.reviews_concluded(city, year) == 4
    assert str(indicators.share_concluded_on_time(city, year)) == "0.7500"
    assert str(indicators.share_concluded_on_time(school, year)) == "0.5000"
    assert indicators.reviews_concluded.by_institution(city, year) == {school.pk: 2, other_school.pk: 2}
    assert {k: str(v) for k, v in indicators.share_concluded_on_time.by_institution(city, year).items()} == {
        school.pk: "0.5000", other_school.pk: "1.0000"}


def test_institutions_audited_counts_each_institution_once(dataset, city, year, previous_year):
    assert indicators.institutions_audited(city, year) == 1
    assert indicators.institutions_audited(city, previous_year) == 1


def test_share_on_time_is_none_without_conclusions(city, year):
    assert indicators.share_concluded_on_time(city, year) is None


def test_indicator_queries_do_not_grow_with_the_data(dataset, city, school, year):
    count_queries = partial(queries_of, city, year, indicators.reviews_concluded, indicators.share_concluded_on_time,
                            indicators.institutions_audited, breakdowns=[indicators.share_concluded_on_time])

    small = count_queries()
    for day in range(1, 8):
        concluded(school, datetime.date(2022, 1, day), datetime.date(2022, 1, 5))
    assert count_queries() == small == 4
