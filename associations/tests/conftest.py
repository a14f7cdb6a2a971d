import datetime

import pytest

from associations.models import AssociationKind
from associations.tests.factories import AssociationFactory
from associations.tests.factories import MembershipFactory
from core.tests.factories import PedagogueFactory


@pytest.fixture
def gmo(city):
    return AssociationFactory(municipality=city, title="ГМО учителей математики", started=datetime.date(2019, 9, 1))


@pytest.fixture
def member_a(school):
    return PedagogueFactory(institution=school, last_name="Соколова", first_name="Анна", middle_name="Игоревна")


@pytest.fixture
def member_b(other_school):
    return PedagogueFactory(institution=other_school, last_name="Орлов", first_name="Пётр", middle_name="Ильич")


@pytest.fixture
def members(gmo, member_a, member_b):
    for pedagogue in (member_a, member_b):
        MembershipFactory(association=gmo, pedagogue=pedagogue, joined=datetime.date(2020, 9, 1))
    return [member_a, member_b]


@pytest.fixture
def community(city):
    return AssociationFactory(
        municipality=city, kind=AssociationKind.COMMUNITY, title="Сообщество наставников",
        started=datetime.date(2020, 9, 1),
    )
