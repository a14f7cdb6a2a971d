import pytest

from core.models import AcademicYear
from core.models import Municipality
from core.tests.factories import seed_demo
from mentoring.indicators import pairs_active
from mentoring.indicators import share_young_with_mentor
from mentoring.indicators import young_teacher_school_sessions
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Session

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


def test_the_current_year_has_the_school_sessions_held_so_far_waiting_for_certificates(client):
    """Built for 4 December 2026: the School of the Young Teacher met in September, October and November of
    2026/2027 (none after the day), young specialists came, and the methodist's home page counts the sessions
    whose certificates are still to issue as its list does."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from mentoring.models import Attendance

    day = datetime.date(2026, 12, 4)
    seed_demo("core,mentoring", today=day)
    city = Municipality.objects.get(code="lesosibirsk")
    this_year = Session.objects.school_of_young_teacher().filter(municipality=city, date__gte=datetime.date(2026, 9, 1))
    assert sorted({session.date.month for session in this_year}) == [9, 10, 11]
    assert not this_year.filter(date__gt=day).exists()
    assert young_teacher_school_sessions(city, AcademicYear.objects.get(start_year=2026)) == 3
    attended = Attendance.objects.filter(session__in=this_year).values("session").distinct().count()
    assert attended == 3

    client.force_login(get_user_model().objects.get(username="methodist"))
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=ZoneInfo(settings.TIME_ZONE))):
        todo = {item.title: (item.count, item.url) for item in client.get("/").context["todo"]}
        count, url = todo["Выдать удостоверения: Занятия Школы молодого педагога"]
        assert count == 3 == client.get(url).context["page"].paginator.count
