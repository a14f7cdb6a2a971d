import datetime
from decimal import Decimal
from functools import partial

import pytest

from monitoring.registry import registry
from monitoring.tests.factories import indicator_queries
from training import indicators as ind
from training.models import ItemStatus
from training.models import ProviderType
from training.tests.conftest import rate
from training.tests.factories import CompletionFactory
from training.tests.factories import DiagnosisFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory
from training.tests.factories import ProviderFactory
from training.tests.factories import RouteFactory
from training.tests.factories import RouteItemFactory

IN_YEAR = datetime.date(2022, 3, 1)  # inside 2021/2022


@pytest.fixture
def dataset(city, school, other_school, year):
    """School A: 4 staff (one left before the year), school B: 2 staff."""
    cnppm = ProgrammeFactory(provider=ProviderFactory(type=ProviderType.CNPPM), federal_register=True)
    plain = ProgrammeFactory()
    a1, a2, a3 = (PedagogueFactory(institution=school) for _ in range(3))
    gone = PedagogueFactory(institution=school, hired__left=datetime.date(2021, 6, 30))
    b1, b2 = (PedagogueFactory(institution=other_school) for _ in range(2))
    CompletionFactory(pedagogue=a1, programme=cnppm, finished=IN_YEAR, hours=72)
    CompletionFactory(pedagogue=a1, programme=plain, finished=datetime.date(2021, 9, 1), hours=36)
    CompletionFactory(pedagogue=a2, programme=plain, finished=datetime.date(2019, 9, 1), hours=36)  # window: in
    CompletionFactory(pedagogue=a3, programme=plain, finished=datetime.date(2019, 8, 31), hours=24)  # window: out
    CompletionFactory(pedagogue=b1, programme=cnppm, finished=IN_YEAR, hours=72)
    CompletionFactory(pedagogue=gone, programme=cnppm, finished=IN_YEAR, hours=72)  # not employed: ignored
    rate(DiagnosisFactory(pedagogue=a1, year=year), {})
    rate(DiagnosisFactory(pedagogue=b1, year=year), {})
    DiagnosisFactory(pedagogue=b2, year=year)  # unfinished: not counted
    done = RouteFactory(pedagogue=a1, year=year)
    RouteItemFactory(route=done, status=ItemStatus.ACCEPTED, evidence_link="https://e.ru")
    open_route = RouteFactory(pedagogue=b1, year=year)
    RouteItemFactory(route=open_route, status=ItemStatus.ACCEPTED, evidence_link="https://e.ru")
    RouteItemFactory(route=open_route)
    RouteFactory(pedagogue=b2, year=year)  # no items: not completed
    return {"a": [a1, a2, a3], "b": [b1, b2]}


def test_share_completed_pd_in_the_year(dataset, city, school, other_school, year):
    assert ind.share_completed_pd(city, year) == Decimal("0.4000")  # a1, b1 of 5
    assert ind.share_completed_pd(school, year) == Decimal("0.3333")
    assert ind.share_completed_pd.by_institution(city, year) == {school.pk: Decimal("0.3333"),
                                                                 other_school.pk: Decimal("0.5000")}


def test_share_meeting_the_three_year_requirement_counts_the_window_edge(dataset, city, school, year):
    # The window ends 31.08.2022 and starts after 31.08.2019: a2 (01.09.2019) in, a3 (31.08.2019) out.
    assert ind.share_pd_requirement_met(school, year) == Decimal("0.6667")
    assert ind.share_pd_requirement_met(city, year) == Decimal("0.6000")


def test_completion_shares_by_provider_and_register(dataset, city, school, other_school, year):
    # completions of employed staff in the year: a1 cnppm, a1 plain (01.09.2021), b1 cnppm
    assert ind.share_completions_cnppm(city, year) == Decimal("0.6667")
    assert ind.share_completions_federal_register(school, year) == Decimal("0.5000")
    assert ind.share_completions_cnppm.by_institution(city, year) == {school.pk: Decimal("0.5000"),
                                                                      other_school.pk: Decimal("1.0000")}


def test_diagnosis_and_route_shares(dataset, city, school, other_school, year):
    assert ind.share_diagnosed(city, year) == Decimal("0.4000")
    assert ind.share_with_route(city, year) == Decimal("0.6000")
    assert ind.share_with_route.by_institution(city, year) == {school.pk: Decimal("0.3333"),
                                                               other_school.pk: Decimal("1.0000")}
    assert ind.share_routes_completed(city, year) == Decimal("0.3333")
    assert ind.share_routes_completed.by_institution(city, year) == {school.pk: Decimal("1.0000"),
                                                                     other_school.pk: Decimal("0.0000")}


def test_mean_hours_in_the_window(dataset, city, school, other_school, year):
    # a1 108, a2 36, a3 0 → 48.0; b1 72, b2 0 → 36.0; city 216 / 5 = 43.2
    assert ind.mean_window_hours(school, year) == Decimal("48.0")
    assert ind.mean_window_hours(city, year) == Decimal("43.2")
    assert ind.mean_window_hours_by_institution(city, year) == {school.pk: Decimal("48.0"),
                                                                other_school.pk: Decimal("36.0")}


def test_empty_scope_has_no_values(city, year):
    assert ind.share_completed_pd(city, year) is None
    assert ind.share_completions_cnppm(city, year) is None
    assert ind.mean_window_hours(city, year) is None


def test_training_indicators_are_registered_with_rules_and_keys():
    codes = [item.code for item in registry.for_direction("training") if item.code.startswith("training.")]
    assert len(codes) == 8
    for code in codes:
        item = registry.get(code)
        assert item.rule and item.source and item.breakdown
    assert {c for c in codes if registry.get(c).key} == {
        "training.share_completed_pd", "training.share_pd_requirement_met", "training.share_with_route"}


def test_query_count_does_not_grow_with_the_data(dataset, city, school, year):
    count = partial(indicator_queries, "training", year, city)
    before = count()
    programme = ProgrammeFactory()
    for _ in range(10):
        pedagogue = PedagogueFactory(institution=school)
        CompletionFactory(pedagogue=pedagogue, programme=programme, finished=IN_YEAR)
        RouteItemFactory(route=RouteFactory(pedagogue=pedagogue, year=year))
    assert count() == before == 16


def test_records_behind_a_value_are_linked(school, year):
    item = registry.get("training.share_completed_pd")
    assert item.records_url(school, year) == f"/training/completions/?institution={school.pk}&year={year.pk}"
    item = registry.get("training.share_pd_requirement_met")
    assert item.records_url(school, year) == f"/training/hours/?institution={school.pk}&on=2022-08-31"
