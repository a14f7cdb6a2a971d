import pytest

from certificates.models import Certificate
from certificates.sources import Kind
from core.models import Pedagogue
from core.tests.factories import seed_demo

pytestmark = pytest.mark.django_db


def seed() -> str:
    return seed_demo("core,associations,mentoring,certificates")


def test_demo_issues_certificates_and_diplomas_of_the_last_year_once():
    seed()
    count = Certificate.objects.count()

    assert count > 0
    kinds = set(Certificate.objects.values_list("kind", flat=True))
    assert Kind.CERTIFICATE in kinds
    assert {c.event_date.year for c in Certificate.objects.all()} <= {2022, 2023}
    assert Certificate.objects.filter(issued_by__username="methodist").count() == count
    teacher = Pedagogue.objects.get(user__username="teacher")
    assert Certificate.objects.filter(holder=teacher).exists()

    seed()
    assert Certificate.objects.count() == count
