import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from banks import indicators
from banks.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(school, other_school):
    ItemFactory(institution=school, published=True, published_on=datetime.date(2021, 9, 10))
    ItemFactory(institution=school, published=True, published_on=datetime.date(2022, 2, 1),
                recommended_on=datetime.date(2022, 2, 1))
    ItemFactory(institution=other_school, published=True, published_on=datetime.date(2022, 8, 31),
                recommended_on=datetime.date(2022, 8, 31))
    ItemFactory(institution=other_school, published=True, published_on=datetime.date(2022, 9, 1))  # next year
    ItemFactory(institution=school)  # draft


def test_items_published_and_recommended_in_the_year(dataset, city, school, other_school, year):
    assert indicators.items_published(city, year) == 3
    assert indicators.items_recommended(city, year) == 2
    assert indicators.items_published(school, year) == 2
    assert indicators.items_published.by_institution(city, year) == {school.pk: 2, other_school.pk: 1}
    assert indicators.items_recommended.by_institution(city, year) == {school.pk: 1, other_school.pk: 1}


def test_indicator_queries_do_not_grow_with_the_data(dataset, city, school, year):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            indicators.items_published(city, year)
            indicators.items_recommended(city, year)
            indicators.items_published.by_institution(city, year)
        return len(queries)

    small = count_queries()
    ItemFactory.create_batch(6, institution=school, published=True)
    assert count_queries() == small == 3
