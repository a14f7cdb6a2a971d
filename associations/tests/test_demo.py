import pytest

from associations import indicators as ind
from associations.models import Association, Attendance, Competition, Meeting, Participation, Product
from core.models import AcademicYear, Municipality, Pedagogue
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
    assert "associations: demo data exist" in seed()
    assert counts == (Association.objects.count(), Meeting.objects.count(), Product.objects.count(),
                      Competition.objects.count(), Participation.objects.count())
