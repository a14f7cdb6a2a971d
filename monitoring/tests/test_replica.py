"""The dashboard reads the records behind its indicators through ``use_replica()`` (config.routers)."""

import pytest
from django.test import override_settings

from config import routers
from monitoring.tests.factories import two_years

reads: list[tuple[str, bool]] = []


class SpyRouter:
    """Records every read the ORM routes, and whether it happened inside ``use_replica()``; routes nothing."""

    def db_for_read(self, model, **hints):
        reads.append((model._meta.label, routers._replica_reads.get()))
        return None


@pytest.fixture
def spy():
    reads.clear()
    with override_settings(DATABASE_ROUTERS=["monitoring.tests.test_replica.SpyRouter"]):
        yield reads


def test_dashboard_computes_its_indicators_inside_use_replica(client, head, school, other_school, spy):
    two_years(school, other_school)
    client.force_login(head)

    assert client.get("/monitoring/", {"year": "2021/2022"}).status_code == 200

    on_replica = {label for label, replica in spy if replica}
    on_default = {label for label, replica in spy if not replica}
    assert "core.Employment" in on_replica or "core.Pedagogue" in on_replica  # the indicators' own records
    assert "sessions.Session" in on_default and "auth.User" in on_default  # the request itself stays on default


def test_why_did_it_change_computes_the_breakdown_inside_use_replica(client, head, school, other_school, spy):
    two_years(school, other_school)
    client.force_login(head)

    response = client.get("/monitoring/indicators/core.share_under_35/", {"year": "2021/2022"})

    assert response.status_code == 200
    on_replica = {label for label, replica in spy if replica}
    assert "core.Employment" in on_replica or "core.Pedagogue" in on_replica  # the breakdown's records
