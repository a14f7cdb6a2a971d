"""The read-replica router: dashboard reads to ``replica`` when configured, writes always to ``default``."""

from django.contrib.auth import get_user_model
from django.test import override_settings

from config.routers import ReplicaRouter, use_replica
from core.models import Institution
from monitoring.models import IndicatorPassport

WITH_REPLICA = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    "replica": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
}
router = ReplicaRouter()


def test_without_a_replica_the_router_leaves_everything_to_default():
    assert router.db_for_read(IndicatorPassport) is None
    with use_replica():
        assert router.db_for_read(Institution) is None
    assert router.db_for_write(IndicatorPassport) == "default"


@override_settings(DATABASES=WITH_REPLICA)
def test_with_a_replica_monitoring_reads_go_to_it_and_other_reads_stay_on_default():
    assert router.db_for_read(IndicatorPassport) == "replica"
    assert router.db_for_read(Institution) is None
    assert router.db_for_read(get_user_model()) is None


@override_settings(DATABASES=WITH_REPLICA)
def test_inside_use_replica_every_read_goes_to_the_replica_but_writes_do_not():
    with use_replica():
        assert router.db_for_read(Institution) == "replica"
        assert router.db_for_write(Institution) == "default"
    assert router.db_for_read(Institution) is None


@override_settings(DATABASES=WITH_REPLICA, REPLICA_APPS=("monitoring", "staffing"))
def test_the_replica_apps_are_configurable_and_never_migrated():
    from staffing.models import Campaign

    assert router.db_for_read(Campaign) == "replica"
    assert router.allow_migrate("replica", "monitoring") is False
    assert router.allow_migrate("default", "monitoring") is True
    assert router.allow_relation(Institution(), IndicatorPassport()) is True
