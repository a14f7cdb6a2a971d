import datetime
from decimal import Decimal
from functools import partial

import pytest

from associations import indicators as ind
from associations.models import AssociationKind
from associations.models import Level
from associations.models import Result
from associations.tests.factories import AssociationFactory
from associations.tests.factories import CompetitionFactory
from associations.tests.factories import MembershipFactory
from associations.tests.factories import ProductFactory
from associations.tests.factories import enter
from core.models import AcademicYear
from core.models import Employment
from core.models import Pedagogue
from monitoring.registry import registry
from monitoring.tests.factories import indicator_queries

D = datetime.date


def hire(city, institution, *, born, hired, left=None):
    pedagogue = Pedagogue.objects.create(
        last_name="Педагог", first_name="И", birth_date=born, municipality=city, institution=institution
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left)
    return pedagogue


@pytest.fixture
def data(city, school, other_school):
    """School A: a1 (young), a2, a3 (young), a4 left before 2021/2022; school B: b1 (young), b2."""
    a1 = hire(city, school, born=D(1990, 1, 1), hired=D(2015, 9, 1))
    a2 = hire(city, school, born=D(1970, 1, 1), hired=D(2000, 9, 1))
    a3 = hire(city, school, born=D(1995, 1, 1), hired=D(2020, 9, 1))
    a4 = hire(city, school, born=D(1996, 1, 1), hired=D(2019, 9, 1), left=D(2021, 6, 30))
    b1 = hire(city, other_school, born=D(1992, 1, 1), hired=D(2018, 9, 1))
    b2 = hire(city, other_school, born=D(1965, 1, 1), hired=D(1990, 9, 1))

    gmo1 = AssociationFactory(municipality=city, started=D(2019, 9, 1))
    MembershipFactory(association=gmo1, pedagogue=a1, joined=D(2019, 9, 1))
    MembershipFactory(association=gmo1, pedagogue=a2, joined=D(2019, 9, 1), left=D(2021, 5, 1))
    MembershipFactory(association=gmo1, pedagogue=b1, joined=D(2021, 10, 1))
    gmo2 = AssociationFactory(municipality=city, started=D(2019, 9, 1), ended=D(2021, 6, 30))
    MembershipFactory(association=gmo2, pedagogue=a2, joined=D(2019, 9, 1))
    gmo3 = AssociationFactory(municipality=city, started=D(2021, 9, 1))
    MembershipFactory(association=gmo3, pedagogue=b2, joined=D(2021, 9, 1))
    community = AssociationFactory(municipality=city, kind=AssociationKind.COMMUNITY, started=D(2020, 9, 1))
    MembershipFactory(association=community, pedagogue=a3, joined=D(2020, 9, 1))
    MembershipFactory(association=community, pedagogue=b1, joined=D(2020, 9, 1))
    AssociationFactory(municipality=city, kind=AssociationKind.CREATIVE_GROUP, started=D(2022, 1, 1))
    AssociationFactory(municipality=city, kind=AssociationKind.CREATIVE_GROUP, started=D(2022, 9, 1))

    ProductFactory(association=gmo1, created_on=D(2021, 11, 1), authors=[a1, b1])
    ProductFactory(association=gmo1, created_on=D(2021, 3, 1), authors=[a1])  # the previous year
    ProductFactory(association=community, created_on=D(2022, 2, 1), authors=[a3])
    ProductFactory(association=community, created_on=D(2022, 3, 1), authors=[a3, a1])

    municipal = CompetitionFactory(municipality=city, level=Level.MUNICIPAL)
    enter(municipal, a1, result=Result.WINNER)
    enter(municipal, a3, result=Result.PARTICIPANT)
    regional = CompetitionFactory(municipality=city, level=Level.REGIONAL, title="Педагогический дебют")
    enter(regional, a1, result=Result.LAUREATE)
    enter(regional, b1, b2, result=Result.PRIZE_WINNER, team="Команда СШ № 2")
    old = CompetitionFactory(municipality=city, year=AcademicYear.objects.get(start_year=2020))
    enter(old, a2, result=Result.WINNER)
    enter(CompetitionFactory(municipality=city, level=Level.SCHOOL), a4)
    return locals()


def test_active_gmo_counts_associations_overlapping_the_year(data, city, school, other_school, year):
    assert ind.active_gmo(city, year) == 2
    # a2's membership of gmo1 ended before the year; gmo2 closed before it.
    assert ind.active_gmo(school, year) == 1
    assert ind.active_gmo(other_school, year) == 2
    assert ind.active_gmo_by_institution(city, year) == {school.pk: 1, other_school.pk: 2}


def test_active_communities_count_communities_and_creative_groups(data, city, school, other_school, year):
    assert ind.active_communities(city, year) == 2
    assert ind.active_communities(school, year) == 1
    assert ind.active_communities_by_institution(city, year) == {school.pk: 1, other_school.pk: 1}


def test_share_in_gmo_divides_members_by_staff_of_the_year(data, city, school, other_school, year):
    assert ind.share_in_gmo(city, year) == Decimal("0.6000")
    assert ind.share_in_gmo(school, year) == Decimal("0.3333")
    assert ind.share_in_gmo.by_institution(city, year) == {school.pk: Decimal("0.3333"), other_school.pk: Decimal("1")}


def test_share_in_communities(data, city, school, other_school, year):
    assert ind.share_in_communities(city, year) == Decimal("0.4000")
    assert ind.share_in_communities.by_institution(city, year) == {
        school.pk: Decimal("0.3333"), other_school.pk: Decimal("0.5")
    }


def test_share_members_under_35_counts_members_of_every_kind(data, city, school, other_school, year):
    assert ind.share_members_under_35(city, year) == Decimal("0.7500")
    assert ind.share_members_under_35(school, year) == Decimal("1")
    assert ind.share_members_under_35.by_institution(city, year) == {
        school.pk: Decimal("1"), other_school.pk: Decimal("0.5")
    }


def test_products_are_counted_by_the_producing_kind_and_year(data, city, school, other_school, year):
    assert ind.gmo_products(city, year) == 1
    assert ind.community_products(city, year) == 2
    assert ind.gmo_products(school, year) == 1
    assert ind.community_products(other_school, year) == 0
    assert ind.gmo_products_by_institution(city, year) == {school.pk: 1, other_school.pk: 1}
    assert ind.community_products_by_institution(city, year) == {school.pk: 2}


def test_share_in_competitions_by_level_counts_team_members(data, city, school, other_school, year):
    assert ind.share_in_competitions(city, year) == Decimal("0.8000")
    assert ind.share_in_competitions.by_institution(city, year) == {
        school.pk: Decimal("0.6667"), other_school.pk: Decimal("1")
    }
    assert ind.share_in_municipal_competitions(city, year) == Decimal("0.4000")
    assert ind.share_in_municipal_competitions.by_institution(city, year) == {
        school.pk: Decimal("0.6667"), other_school.pk: Decimal("0")
    }
    assert ind.share_in_regional_competitions(city, year) == Decimal("0.6000")
    assert ind.share_in_regional_competitions(school, year) == Decimal("0.3333")


def test_winners_per_participant(data, city, school, other_school, year):
    assert ind.winners_per_participant(city, year) == Decimal("0.7500")
    assert ind.winners_per_participant.by_institution(city, year) == {
        school.pk: Decimal("0.5"), other_school.pk: Decimal("1")
    }


def test_empty_scope_has_no_share_and_zero_counts(city, year):
    assert ind.share_in_gmo(city, year) is None
    assert ind.winners_per_participant(city, year) is None
    assert ind.active_gmo(city, year) == 0


def test_every_indicator_is_registered_with_a_rule_source_and_breakdown():
    codes = [item for item in registry if item.code.startswith("associations.")]
    assert len(codes) == 11
    for item in codes:
        assert item.rule and item.source and item.breakdown is not None
    assert {item.code for item in codes if item.key} == {
        "associations.active_gmo", "associations.active_communities", "associations.share_in_communities",
        "associations.share_in_competitions", "associations.share_in_regional_competitions",
    }


def test_query_count_does_not_grow_with_the_data(data, city, school, year):
    items = [item for item in registry if item.code.startswith("associations.")]
    count = partial(indicator_queries, "associations", year, city, school)
    before = count()
    gmo = data["gmo1"]
    competition = data["municipal"]
    for index in range(15):
        pedagogue = hire(city, school, born=D(1990 + index % 10, 1, 1), hired=D(2019, 9, 1))
        MembershipFactory(association=gmo, pedagogue=pedagogue, joined=D(2021, 9, 1))
        enter(competition, pedagogue, result=Result.PRIZE_WINNER)
        ProductFactory(association=gmo, created_on=D(2021, 12, 1), authors=[pedagogue])
    assert count() == before == len(items) * 3
