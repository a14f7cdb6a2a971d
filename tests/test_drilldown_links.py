"""«Why did it change?»: every number opens the records behind it, and an indicator without a breakdown
by institution still leads to where its data are kept."""

import pytest

from monitoring.views import data_lists
from monitoring.views import records_url

pytestmark = pytest.mark.django_db


def test_numbers_of_apps_without_their_own_link_open_the_institutions_records(school, year):
    assert records_url("mentoring.pairs_active", school, year) == f"/mentoring/?institution={school.pk}&year={year.pk}"
    assert records_url("innovation.active_sites", school, year) == (
        f"/innovation/?institution={school.pk}&year={year.pk}")
    assert records_url("expertise.reviews_concluded", school, year) == f"/expertise/?institution={school.pk}"
    assert records_url("core.share_under_35", school, year) == f"/pedagogues/?institution={school.pk}"


def test_an_indicator_without_breakdown_names_the_lists_of_its_data(client, methodist, year):
    assert ("/expertise/" in [url for _title, url in data_lists("expertise.institutions_audited", methodist)])
    client.force_login(methodist)
    page = client.get("/monitoring/indicators/innovation.share_institutions_with_site/",
                      {"year": year.title}).content.decode()
    assert 'id="data-lists"' in page and 'href="/innovation/"' in page
    assert 'href="/monitoring/?year=' in page  # and the way back to the dashboard
