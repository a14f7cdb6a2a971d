"""Reports open on the last finished academic year and say so; the year in progress is marked as well."""

import pytest
from django.utils import timezone

from core.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_the_dashboard_opens_on_the_last_finished_year_and_says_so(client, head, city, year):
    from monitoring.tests.factories import set_target

    today = timezone.localdate()
    current = today.year if today.month >= 9 else today.year - 1
    set_target("core.share_under_35", AcademicYear.objects.get(start_year=current + 1), "0.3")  # ahead
    client.force_login(head)

    response = client.get("/monitoring/")

    assert response.context["year"].start_year == current - 1
    page = response.content.decode()
    assert f"{current - 1}/{current} (последний завершённый)" in page
    assert f"{current}/{current + 1} (идёт сейчас)" in page
