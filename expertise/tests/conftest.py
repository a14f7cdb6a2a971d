import datetime

import pytest

from core.tests.factories import PedagogueFactory
from expertise.tests.factories import ExpertFactory
from expertise.tests.factories import ReviewRequestFactory


@pytest.fixture
def expert_entry(expert, other_school):
    """The ``expert`` persona in the register, working at school B."""
    return ExpertFactory(pedagogue=PedagogueFactory(institution=other_school, last_name="Экспертова"), user=expert)


@pytest.fixture
def same_school_expert(school, make_expert_user):
    """An expert working at school A (the author's institution in most tests)."""
    return ExpertFactory(pedagogue=PedagogueFactory(institution=school, last_name="Своякова"), user=make_expert_user("insider"))


@pytest.fixture
def second_expert(other_school, make_expert_user):
    return ExpertFactory(pedagogue=PedagogueFactory(institution=other_school, last_name="Вторая"), user=make_expert_user("expert2"))


@pytest.fixture
def make_expert_user(city):
    from conftest import make_user
    from core.scoping import Role

    return lambda username: make_user(username, Role.EXPERT, municipality=city)


@pytest.fixture
def submitted(school, school_user):
    return ReviewRequestFactory(institution=school, submitted_by=school_user)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The personas' passwords are hashed for every test; a cheap hasher keeps the app's suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def council_chair(request):
    """The ``methodist`` persona chairs the city's expert council (so it may conclude) whenever a test uses it."""
    if "methodist" not in request.fixturenames:
        return None
    from expertise.models import CouncilDuty
    from expertise.models import CouncilOfficer

    methodist, city = request.getfixturevalue("methodist"), request.getfixturevalue("city")
    return CouncilOfficer.objects.create(municipality=city, user=methodist, duty=CouncilDuty.CHAIR,
                                         since=datetime.date(2000, 1, 1))
