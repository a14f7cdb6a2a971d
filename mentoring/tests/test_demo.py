import pytest

from core.models import AcademicYear, Municipality
from core.tests.factories import seed_demo
from mentoring.indicators import pairs_active, share_young_with_mentor, young_teacher_school_sessions
from mentoring.models import Pair, Participant, ParticipantRole, Session

pytestmark = pytest.mark.django_db


def seed() -> str:
    return seed_demo("core,mentoring")


def test_demo_grows_year_on_year_and_is_idempotent():
    seed()
    city = Municipality.objects.get(code="lesosibirsk")
    years = list(AcademicYear.objects.filter(start_year__range=(2018, 2022)))

    sessions = [young_teacher_school_sessions(city, year) for year in years]
    assert sessions == [5, 6, 7, 8, 9]
    pairs = [pairs_active(city, year) for year in years]
    assert pairs[-1] > pairs[0] > 0
    shares = [share_young_with_mentor(city, year) for year in years]
    assert shares[-1] > shares[0]
    # the demo teacher has a mentor now
    assert Participant.objects.filter(pedagogue__user__username="teacher", role=ParticipantRole.MENTEE,
                                      pair__end__isnull=True).exists()

    before = (Pair.objects.count(), Session.objects.count())
    assert "nothing to add" in seed()
    assert (Pair.objects.count(), Session.objects.count()) == before
