import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.computation import Dynamics
from monitoring.computation import Rating
from monitoring.computation import compute
from monitoring.computation import dynamics_of
from monitoring.computation import rating_of
from monitoring.registry import Better
from monitoring.registry import Unit
from monitoring.registry import registry
from monitoring.tests.factories import INNOVATION_CODE
from monitoring.tests.factories import employ
from monitoring.tests.factories import register_innovation_indicator
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years


@pytest.fixture
def innovation():
    register_innovation_indicator({2020: 5, 2021: 5})
    yield
    registry.unregister(INNOVATION_CODE)


@pytest.fixture
def dataset(school, other_school, year, previous_year, innovation):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    set_target("core.share_first_or_highest_category", year, "0.6")
    set_target(INNOVATION_CODE, previous_year, 4)  # carries over to 2021/2022


def test_values_dynamics_and_ratings_of_two_years(dataset, city, year):
    results = compute(city, year, use_cache=False)

    young = results.indicator("core.share_under_35")
    assert (young.value, young.previous) == ("0.4286", "0.2000")
    assert young.dynamics == Dynamics.POSITIVE
    assert young.rating == Rating.SATISFACTORY
    category = results.indicator("core.share_first_or_highest_category")
    assert (category.value, category.previous) == ("0.5714", "0.8000")
    assert category.dynamics == Dynamics.NEGATIVE
    assert category.rating == Rating.UNSATISFACTORY
    sites = results.indicator(INNOVATION_CODE)
    assert (sites.value, sites.previous, sites.target) == ("5", "5", "4")
    assert sites.dynamics == Dynamics.NONE
    assert sites.rating == Rating.SATISFACTORY


def test_directions_roll_up_from_key_indicators(dataset, city, year):
    results = compute(city, year, use_cache=False)

    assert [d.code for d in results.satisfactory] == ["innovation", "mentoring"]
    assert [d.code for d in results.without_positive_dynamics] == ["training", "innovation"]
    assert [item.code for item in results.positive_effects] == ["core.share_under_35"]
    training = next(d for d in results.directions if d.code == "training")
    assert training.rating == Rating.UNSATISFACTORY
    assert (
        training.rating_rule
        == "Целей достигли 0 из 1 ключевых показателей; удовлетворительно, если больше половины."
    )


def test_every_rating_carries_its_rule_and_numbers(dataset, city, year):
    young = compute(city, year, use_cache=False).indicator("core.share_under_35")

    assert young.rating_rule == "Цель ≥ 30,0 %; значение 42,9 %: достигнуто."
    assert young.dynamics_rule == "20,0 % → 42,9 % (+22,9 п.п.); допуск ±1 п.п., чем больше, тем лучше."


def test_an_institution_scope_counts_only_its_staff(dataset, school, year):
    young = compute(school, year, use_cache=False).indicator("core.share_under_35")

    assert young.value == "0.6000"  # 6 young of 10 in school A
    assert young.previous == "0.0000"


def test_unrated_without_target_and_unknown_dynamics_without_last_year(city, school, year):
    employ(school, count=2, born=datetime.date(1990, 1, 1), hired=datetime.date(2021, 9, 1))

    young = compute(city, year, use_cache=False).indicator("core.share_under_35")

    assert young.rating == Rating.UNRATED
    assert young.dynamics == Dynamics.UNKNOWN


@pytest.mark.parametrize(
    ("value", "previous", "unit", "better", "expected"),
    [
        ("0.505", "0.50", Unit.SHARE, Better.UP, Dynamics.NONE),  # +0.5 p.p. is within ±1 p.p.
        ("0.52", "0.50", Unit.SHARE, Better.UP, Dynamics.POSITIVE),
        ("0.52", "0.50", Unit.SHARE, Better.DOWN, Dynamics.NEGATIVE),
        (104, 100, Unit.COUNT, Better.UP, Dynamics.NONE),  # +4 % is within ±5 %
        (106, 100, Unit.COUNT, Better.UP, Dynamics.POSITIVE),
        (94, 100, Unit.COUNT, Better.DOWN, Dynamics.POSITIVE),
        (1, 0, Unit.COUNT, Better.UP, Dynamics.POSITIVE),
    ],
)
def test_dynamics_use_the_tolerance_and_the_better_direction(value, previous, unit, better, expected):
    tolerance = Decimal(1) if unit == Unit.SHARE else Decimal(5)
    assert dynamics_of(value, previous, unit=unit, better=better, tolerance=tolerance) == expected


def test_lower_is_better_meets_target_from_below():
    assert rating_of(3, 5, better=Better.DOWN) == Rating.SATISFACTORY
    assert rating_of(6, 5, better=Better.DOWN) == Rating.UNSATISFACTORY


def _queries(city, year) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute(city, year, use_cache=False)
    return len(queries)


def test_query_count_does_not_grow_with_the_data(dataset, city, school, other_school, year):
    small = _queries(city, year)
    for institution in (school, other_school):
        employ(institution, count=30, born=datetime.date(1985, 1, 1), hired=datetime.date(2019, 9, 1))

    assert _queries(city, year) == small


def test_stored_values_are_reused(dataset, city, year):
    compute(city, year)
    with CaptureQueriesContext(connection) as queries:
        compute(city, year)
    # The stored values and pending marks, the passports, targets, directions and the previous year's lookup.
    assert len(queries) <= 6
    assert not [q for q in queries if "core_employment" in q["sql"]]


def test_rebuild_command_fills_what_the_dashboard_reads(dataset, city, year):
    import io

    from django.core.management import call_command

    call_command("monitoring_warm_cache", "--year", "2021/2022", stdout=io.StringIO())

    with CaptureQueriesContext(connection) as queries:
        compute(city, year)
    assert not [q for q in queries if "employment" in q["sql"].lower()]  # no indicator ran again


def test_a_pending_mark_makes_the_next_read_recompute_without_a_worker(dataset, city, year):
    from monitoring.stored import records_changed

    compute(city, year)
    assert records_changed({city.pk}, (), {year.pk}) == 1
    with CaptureQueriesContext(connection) as queries:
        compute(city, year)
    assert [q for q in queries if "employment" in q["sql"].lower()]


def test_round_targets_are_written_without_an_exponent(dataset, city, year, previous_year):
    set_target(INNOVATION_CODE, year, 60, tolerance=Decimal(10))

    sites = compute(city, year, use_cache=False).indicator(INNOVATION_CODE)

    assert (sites.target, sites.tolerance_display) == ("60", "±10 %")
