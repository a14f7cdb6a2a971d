"""Issue 15, points 1–3: categories held on the year's end date, pedagogues vs managers, whose institutions."""

import datetime
import random
from decimal import ROUND_HALF_UP
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from core.models import FIRST_OR_HIGHEST
from core.models import AcademicYear
from core.models import Category
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Pedagogue
from core.models import Position
from core.models import Subordination
from monitoring.indicators import share_first_or_highest_category

YEARS = range(2018, 2025)
AWARDED = [Category.CONFORMITY, Category.FIRST, Category.HIGHEST]


def person(city, institution, *, hired, left=None, position="учитель"):
    pedagogue = Pedagogue.objects.create(last_name="П", first_name="И", birth_date=datetime.date(1980, 1, 1),
                                         municipality=city, institution=institution)
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left,
                              position=Position.objects.get(name=position))
    return pedagogue


@pytest.fixture
def history(city, school, other_school):
    """A demo-like city: 60 pedagogues hired and leaving over the years, each with a chain of awards (some
    lapsing, some renewed, some rising to highest and then methodist); returns the plain facts for a hand count."""
    rng = random.Random(15)
    facts = []
    for index in range(60):
        institution = school if index % 2 else other_school
        hired = datetime.date(rng.randint(2012, 2023), rng.choice([1, 9]), 1)
        left = None if rng.random() < 0.7 else hired + datetime.timedelta(days=rng.randint(200, 2500))
        pedagogue = person(city, institution, hired=hired, left=left)
        awards = []
        day = datetime.date(rng.randint(2011, 2016), rng.randint(1, 12), rng.randint(1, 28))
        level = rng.randrange(len(AWARDED))
        while day < datetime.date(2025, 1, 1):
            award = CategoryAward.objects.create(pedagogue=pedagogue, category=AWARDED[level], order_date=day)
            awards.append((award.category, award.order_date, award.valid_until))
            if AWARDED[level] == Category.HIGHEST and rng.random() < 0.3:
                top = CategoryAward.objects.create(pedagogue=pedagogue, category=Category.METHODIST,
                                                   order_date=day + datetime.timedelta(days=100))
                awards.append((top.category, top.order_date, top.valid_until))
            # Renewed on time, late (a gap without a category) or a level up.
            day = award.valid_until + datetime.timedelta(days=rng.choice([-30, 0, 200, 500]))
            level = min(level + rng.choice([0, 0, 1]), len(AWARDED) - 1)
        facts.append((hired, left, awards))
    return facts


def hand_count(facts, year: AcademicYear) -> Decimal | None:
    """The share computed without the portal's queries: who worked during the year, who held what on 31 August."""
    staff = [awards for hired, left, awards in facts if hired <= year.end and (left is None or left >= year.start)]
    holding = [awards for awards in staff
               if any(category in FIRST_OR_HIGHEST and start <= year.end <= end for category, start, end in awards)]
    if not staff:
        return None
    return (Decimal(len(holding)) / Decimal(len(staff))).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def test_share_first_or_highest_equals_a_hand_count_on_31_august_of_every_year(history, city, school):
    checked = 0
    for start_year in YEARS:
        year = AcademicYear.objects.get(start_year=start_year)
        expected = hand_count(history, year)
        assert share_first_or_highest_category(city, year) == expected, year
        checked += expected is not None
    assert checked == len(YEARS)
    # The current category is no longer read: everybody's cached category set to «highest» changes nothing.
    year = AcademicYear.objects.get(start_year=2021)
    before = share_first_or_highest_category(city, year)
    Pedagogue.objects.update(category=Category.HIGHEST)
    assert share_first_or_highest_category(city, year) == before


def test_a_category_awarded_after_31_august_does_not_count_in_that_year(city, school, year):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    person(city, school, hired=datetime.date(2015, 9, 1))
    CategoryAward.objects.create(pedagogue=pedagogue, category=Category.FIRST, order_date=datetime.date(2022, 9, 1))
    assert share_first_or_highest_category(school, year) == Decimal("0.0000")
    next_year = AcademicYear.objects.get(start_year=2022)
    assert share_first_or_highest_category(school, next_year) == Decimal("0.5000")


def test_a_lapsed_category_does_not_count(city, school, year):
    pedagogue = person(city, school, hired=datetime.date(2010, 9, 1))
    CategoryAward.objects.create(pedagogue=pedagogue, category=Category.HIGHEST, order_date=datetime.date(2016, 10, 1))
    assert share_first_or_highest_category(school, AcademicYear.objects.get(start_year=2020)) == Decimal("1.0000")
    assert share_first_or_highest_category(school, year) == Decimal("0.0000")  # ran out on 01.10.2021


def test_a_category_dated_in_the_future_is_refused(city, school):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    award = CategoryAward(pedagogue=pedagogue, category=Category.FIRST,
                          order_date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error, translation.override("ru"):
        award.full_clean()
    assert error.value.message_dict["order_date"] == ["Дата приказа в будущем."]


def test_methodist_and_mentor_need_a_valid_highest_category(city, school):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    CategoryAward.objects.create(pedagogue=pedagogue, category=Category.FIRST, order_date=datetime.date(2019, 3, 1))
    refused = CategoryAward(pedagogue=pedagogue, category=Category.METHODIST, order_date=datetime.date(2020, 3, 1))
    with pytest.raises(ValidationError) as error, translation.override("ru"):
        refused.full_clean()
    assert "высшую категорию на дату приказа" in error.value.message_dict["category"][0]
    CategoryAward.objects.create(pedagogue=pedagogue, category=Category.HIGHEST, order_date=datetime.date(2014, 3, 1))
    with pytest.raises(ValidationError):  # that highest ran out on 01.03.2019
        refused.full_clean()
    CategoryAward.objects.create(pedagogue=pedagogue, category=Category.HIGHEST, order_date=datetime.date(2019, 12, 1))
    refused.full_clean()
    refused.save()
    pedagogue.refresh_from_db()
    assert (pedagogue.category, pedagogue.category_date, pedagogue.category_valid_until) == (
        Category.METHODIST, datetime.date(2020, 3, 1), datetime.date(2025, 3, 1))


def test_the_current_category_follows_the_history(city, school):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    first = CategoryAward.objects.create(pedagogue=pedagogue, category=Category.FIRST,
                                         order_date=datetime.date(2018, 2, 1), order_number="12-к")
    later = CategoryAward.objects.create(pedagogue=pedagogue, category=Category.HIGHEST,
                                         order_date=datetime.date(2023, 2, 1))
    pedagogue.refresh_from_db()
    assert (pedagogue.category, pedagogue.category_valid_until) == (Category.HIGHEST, datetime.date(2028, 2, 1))
    later.delete()
    pedagogue.refresh_from_db()
    assert (pedagogue.category, pedagogue.category_date) == (Category.FIRST, datetime.date(2018, 2, 1))
    first.delete()
    pedagogue.refresh_from_db()
    assert (pedagogue.category, pedagogue.category_date, pedagogue.category_valid_until) == (Category.NONE, None, None)
    assert CategoryAward.history.filter(pedagogue_id=pedagogue.pk).count() == 4  # two created, two deleted


def test_a_methodist_adds_a_category_through_the_pedagogue_page(client, methodist, city, school):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    client.force_login(methodist)
    url = reverse("core:category-award-create", args=[pedagogue.pk])
    future = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(url, {"category": "first", "order_date": future.isoformat(), "order_number": "1"})
    assert response.status_code == 200
    assert "Дата приказа в будущем." in response.content.decode() or "The order date is in the future." in \
        response.content.decode()
    response = client.post(url, {"category": "first", "order_date": "2021-04-12", "order_number": "77-к"})
    assert response.status_code == 302
    award = pedagogue.category_awards.get()
    assert (award.category, award.order_number, award.valid_until) == ("first", "77-к", datetime.date(2026, 4, 12))
    page = client.get(reverse("core:pedagogue-detail", args=[pedagogue.pk])).content.decode()
    assert "77-к" in page and "12.04.2026" in page


def test_a_school_cannot_add_a_category_to_another_schools_pedagogue(client, outsider, city, school):
    pedagogue = person(city, school, hired=datetime.date(2015, 9, 1))
    client.force_login(outsider)
    response = client.post(reverse("core:category-award-create", args=[pedagogue.pk]),
                           {"category": "first", "order_date": "2021-04-12"})
    assert response.status_code in (403, 404)
    assert not CategoryAward.objects.exists()


def test_the_category_indicators_query_count_does_not_grow(history, city, school, year):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            share_first_or_highest_category(city, year)
            share_first_or_highest_category.by_institution(city, year)
        return len(ctx)

    before = count()
    for _index in range(15):
        pedagogue = person(city, school, hired=datetime.date(2016, 9, 1))
        CategoryAward.objects.create(pedagogue=pedagogue, category=Category.FIRST, order_date=datetime.date(2020, 1, 9))
    assert count() == before == 2


# --- point 2: pedagogues, not managers -------------------------------------------------------------------------

def test_directors_and_deputies_are_not_in_the_pedagogues_denominator(city, school, year):
    teacher = person(city, school, hired=datetime.date(2015, 9, 1))
    CategoryAward.objects.create(pedagogue=teacher, category=Category.FIRST, order_date=datetime.date(2020, 1, 9))
    person(city, school, hired=datetime.date(2015, 9, 1))
    person(city, school, hired=datetime.date(2015, 9, 1), position="директор")
    person(city, school, hired=datetime.date(2015, 9, 1), position="заместитель директора")
    assert share_first_or_highest_category(school, year) == Decimal("0.5000")
    assert Pedagogue.objects.employed_during(year, school).count() == 2
    assert Pedagogue.objects.employed_during(year, school, pedagogical=False).count() == 4


# --- point 3: whose institutions ---------------------------------------------------------------------------------

def test_a_regional_college_is_not_in_the_citys_denominators_unless_the_city_counts_it(city, school, year):
    college = Institution.objects.create(municipality=city, name="КГБПОУ «Лесосибирский педагогический колледж»",
                                         short_name="КГБПОУ ЛПК", type=InstitutionType.VOCATIONAL,
                                         subordination=Subordination.REGIONAL)
    teacher = person(city, school, hired=datetime.date(2015, 9, 1))
    CategoryAward.objects.create(pedagogue=teacher, category=Category.FIRST, order_date=datetime.date(2020, 1, 9))
    for _index in range(3):
        person(city, college, hired=datetime.date(2015, 9, 1))
    assert share_first_or_highest_category(city, year) == Decimal("1.0000")
    assert set(share_first_or_highest_category.by_institution(city, year)) == {school.pk}
    assert list(Institution.objects.in_scope(city)) == [school]
    assert share_first_or_highest_category(college, year) == Decimal("0.0000")  # its own page still has a value

    city.counts_other_institutions = True
    city.save()
    assert share_first_or_highest_category(city, year) == Decimal("0.2500")
    assert set(Institution.objects.in_scope(city)) == {school, college}


# --- the demo: every year's share by hand, the city's denominators ------------------------------------------------

@pytest.fixture
def demo_city(db):
    import io

    from django.core.management import call_command

    from core.models import Municipality

    call_command("seed_demo", scale="municipal", apps="core", stdout=io.StringIO(), today=datetime.date(2026, 12, 4))
    return Municipality.objects.get(code="lesosibirsk")


def test_every_demo_year_counts_the_categories_held_on_31_august(demo_city):
    """An independent count in Python over the raw rows: who worked in a municipal institution in a pedagogical
    position during the year, and which of them held an award of first or higher on 31 August."""
    own = set(Institution.objects.filter(municipality=demo_city, subordination=Subordination.MUNICIPAL)
              .values_list("pk", flat=True))
    pedagogical = set(Position.objects.filter(is_pedagogical=True).values_list("pk", flat=True))
    jobs = list(Employment.objects.values_list("pedagogue_id", "institution_id", "position_id", "hired", "left"))
    awards: dict[int, list] = {}
    for pk, category, start, end in CategoryAward.objects.values_list("pedagogue_id", "category", "order_date",
                                                                      "valid_until"):
        awards.setdefault(pk, []).append((category, start, end))
    years = list(AcademicYear.objects.filter(start_year__range=(2021, 2025)))
    assert len(years) == 5
    for year in years:
        staff = {pk for pk, institution, position, hired, left in jobs
                 if institution in own and (position is None or position in pedagogical)
                 and hired <= year.end and (left is None or left >= year.start)}
        holding = {pk for pk in staff if any(category in FIRST_OR_HIGHEST and start <= year.end <= end
                                             for category, start, end in awards.get(pk, []))}
        expected = (Decimal(len(holding)) / Decimal(len(staff))).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        assert len(staff) > 500
        assert share_first_or_highest_category(demo_city, year) == expected, year


def test_the_demo_city_leaves_its_regional_colleges_out_of_its_denominators(demo_city):
    colleges = Institution.objects.filter(municipality=demo_city, name__startswith="КГБПОУ")
    assert colleges.count() == 3
    assert set(colleges.values_list("subordination", flat=True)) == {Subordination.REGIONAL}
    year = AcademicYear.objects.get(start_year=2024)
    own = Institution.objects.in_scope(demo_city)
    assert own.count() == 37 and not own.filter(pk__in=colleges).exists()
    in_colleges = Pedagogue.objects.filter(employments__institution__in=colleges).distinct()
    assert in_colleges.exists()
    staff = Pedagogue.objects.employed_during(year, demo_city)
    assert not staff.filter(pk__in=in_colleges).exclude(employments__institution__in=own).exists()
    assert set(share_first_or_highest_category.by_institution(demo_city, year)) <= set(own.values_list("pk", flat=True))
    assert CategoryAward.objects.filter(category__in=[Category.METHODIST, Category.MENTOR]).exists()
