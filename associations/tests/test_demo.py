import pytest

from associations import indicators as ind
from associations.models import Association
from associations.models import Attendance
from associations.models import Competition
from associations.models import Meeting
from associations.models import Participation
from associations.models import Product
from core.models import AcademicYear
from core.models import Municipality
from core.models import Pedagogue
from core.tests.factories import seed_demo

pytestmark = pytest.mark.django_db


def seed() -> str:
    return seed_demo("core,associations", scale="municipal")


def test_demo_shows_growth_of_associations_and_is_idempotent():
    seed()
    city = Municipality.objects.get(code="lesosibirsk")
    years = list(AcademicYear.objects.filter(start_year__range=(2018, 2022)).order_by("start_year"))
    gmo = [ind.active_gmo(city, year) for year in years]
    communities = [ind.active_communities(city, year) for year in years]
    share = [ind.share_in_gmo(city, year) for year in years]
    young = [ind.share_members_under_35(city, year) for year in years]
    assert gmo == sorted(gmo) and gmo[-1] > gmo[0]
    assert communities == sorted(communities) and communities[-1] > communities[0]
    assert share == sorted(share) and share[-1] > share[0]
    assert young[-1] > young[0]
    products = [ind.gmo_products(city, y) + ind.community_products(city, y) for y in years]
    assert products[-1] > products[0]
    competitions = [ind.share_in_competitions(city, year) for year in years]
    assert competitions[-1] > competitions[0]

    teacher = Pedagogue.objects.get(user__username="teacher")
    assert teacher.association_memberships.exists()
    assert Attendance.objects.filter(pedagogue=teacher, present=True).exists()
    assert Association.objects.filter(leader__user__username="expert").exists()
    counts = (Association.objects.count(), Meeting.objects.count(), Product.objects.count(),
              Competition.objects.count(), Participation.objects.count())
    assert "associations: the demo data exist" in seed()
    assert counts == (Association.objects.count(), Meeting.objects.count(), Product.objects.count(),
                      Competition.objects.count(), Participation.objects.count())


def test_the_current_year_has_its_meetings_so_far_and_the_methodists_home_counts_what_they_wait_for(client):
    """Built for 4 December 2026: 2026/2027 is in progress, its meetings held since 1 September are there, the two
    latest without attendance, none after the day; the home page's counts equal the lists they open."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from associations.models import PlanItem

    day = datetime.date(2026, 12, 4)
    seed_demo("core,associations", today=day)
    this_year = Meeting.objects.filter(association__municipality__code="lesosibirsk", date__gte=datetime.date(2026, 9, 1))
    assert this_year.count() >= 5
    assert not this_year.filter(date__gt=day).exists()
    assert this_year.exclude(attendance__isnull=True).distinct().count() == this_year.count() - 2
    assert PlanItem.objects.filter(year__start_year=2026, planned_on__gt=day, done=False).exists()

    client.force_login(get_user_model().objects.get(username="methodist"))
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=ZoneInfo(settings.TIME_ZONE))):
        todo = {item.title: (item.count, item.url) for item in client.get("/").context["todo"]}
        count, url = todo["Заседания без отметки посещаемости"]
        assert count == 2 == client.get(url).context["page"].paginator.count
        count, url = todo["Выдать удостоверения: Заседания и семинары объединений"]
        held = this_year.filter(attendance__present=True).distinct().count()
        assert count == held == client.get(url).context["page"].paginator.count
