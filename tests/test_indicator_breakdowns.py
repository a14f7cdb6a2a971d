"""Every indicator's breakdown is consistent with its value, over the whole registry, on the demo.

What "consistent" means (docs/architecture.md, the indicator protocol):

1. A row of the breakdown is the institution's own value: ``breakdown(city)[i] == compute(i)`` for every institution
   of the city's own ones; an institution without a row has no value (None) or zero.
2. For an indicator declared as a measure (``monitoring.registry.declare``), the rows aggregate to the value: the
   city's value is the measure over the union of the rows' populations, every item (a pedagogue, a completion, an
   institution) counted once — a pedagogue who worked in two institutions during the year is in both rows and once
   in the municipal numerator and denominator. The test recounts this in Python from the measure's raw rows.
3. The indicators whose value is not a function of the rows are listed below with the reason: those written by
   hand (a mean, a ratio of rates) and the counts of the municipality's own associations,
   products or sessions declared with ``municipal=`` beside their staff's (``Indicator.measure`` is None for both);
   a new hand-written breakdown fails this test until it is declared as a measure or listed.
"""

import io
from decimal import ROUND_HALF_UP
from decimal import Decimal

import pytest
from django.core.management import call_command

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from monitoring.registry import registry

# Breakdowns that are not one measure's and why their rows do not add up to the value (rule 1 still holds for them).
HAND_WRITTEN = {
    "associations.active_gmo": "the city counts its associations; a row those with a member from the staff",
    "associations.active_communities": "the city counts its communities; a row those with a member from the staff",
    "associations.gmo_products": "the city counts its associations' products; a row those with an author from the staff",
    "associations.community_products": "as gmo_products, for communities",
    "mentoring.young_teacher_school_sessions": "the city counts its sessions; a row the sessions its staff attended",
    "training.mean_window_hours": "a mean of hours per pedagogue; the rows are means of their own staff",
    "staffing.vacant_posts": "a sum of rates; the rows add up to the value (checked below)",
    "staffing.share_vacant": "vacant rates ÷ (occupied + vacant rates); the rows are each institution's ratio",
}
SUMMED = {"staffing.vacant_posts"}


def _share(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _recount(measure, city, year) -> tuple:
    """The value and the rows recounted in Python from the measure's raw rows (institution, counted item)."""
    rows = measure.rows(city, year)
    population: dict[int, set] = {}
    for institution, item in rows.values_list(measure.institution, measure.counted):
        population.setdefault(institution, set()).add(item)
    everyone = set().union(*population.values()) if population else set()
    if not measure.is_share:
        return len(everyone), {pk: len(items) for pk, items in population.items()}, population
    matching: dict[int, set] = {}
    for institution, item in rows.filter(measure.matching(year)).values_list(measure.institution, measure.counted):
        matching.setdefault(institution, set()).add(item)
    matched = set().union(*matching.values()) if matching else set()
    by_institution = {pk: _share(len(matching.get(pk, ())), len(items)) for pk, items in population.items()}
    return _share(len(matched), len(everyone)), by_institution, population


@pytest.fixture
def demo_city(db):
    # The apps that feed indicators (certificates, notifications and the order are not needed here).
    call_command("seed_demo", scale="tiny", apps="core,training,associations,mentoring,innovation,expertise,banks,staffing",
                 stdout=io.StringIO())
    return Municipality.objects.order_by("pk").first()


def test_every_breakdown_is_consistent_with_its_value(demo_city):
    own = list(Institution.objects.in_scope(demo_city).order_by("pk"))
    own_ids = {institution.pk for institution in own}
    years = list(AcademicYear.objects.filter(start_year__in=(2021, 2022)).order_by("start_year"))
    assert len(years) == 2
    with_breakdown = [item for item in registry if item.breakdown is not None]
    assert {item.code for item in with_breakdown if item.measure is None} == set(HAND_WRITTEN)
    declared = [item for item in with_breakdown if item.measure is not None]
    assert len(declared) >= 25
    rows_checked, double_counted, values_seen = 0, set(), set()
    for item in with_breakdown:
        for year in years:
            value = item.compute(demo_city, year)
            rows = item.breakdown(demo_city, year)
            assert set(rows) <= own_ids, item.code
            for institution in own:
                own_value = item.compute(institution, year)
                if institution.pk in rows:
                    assert rows[institution.pk] == own_value, (item.code, year.title, institution.short_name)
                    rows_checked += 1
                else:
                    assert own_value in (None, 0), (item.code, year.title, institution.short_name, own_value)
            if item.measure is not None:
                recounted, recounted_rows, population = _recount(item.measure, demo_city, year)
                assert value == recounted, (item.code, year.title)
                assert rows == recounted_rows, (item.code, year.title)
                if sum(len(items) for items in population.values()) > len(set().union(*population.values())):
                    double_counted.add(item.code)
            if item.code in SUMMED and rows:
                assert sum(rows.values()) == value, (item.code, year.title)
            if value not in (None, 0):
                values_seen.add(item.code)
    # The demo exercises the rules: rows everywhere, values for most indicators, and pedagogues counted in two
    # institutions' rows (moves during the year) but once in the city's value.
    assert rows_checked > 300
    assert len(values_seen) >= 30
    assert "core.share_under_35" in double_counted
