"""The read-replica router: dashboard reads to ``replica`` when configured, writes always to ``default``."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import override_settings

from config.routers import PIN_COOKIE
from config.routers import PrimaryAfterWriteMiddleware
from config.routers import ReplicaRouter
from config.routers import use_replica
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


def _through_middleware(request, status=200):
    """Run ``request`` through PrimaryAfterWriteMiddleware; return the response and where the view's reads went."""
    seen = {}

    def view(request):
        seen["monitoring"] = router.db_for_read(IndicatorPassport)
        with use_replica():
            seen["dashboard"] = router.db_for_read(Institution)
        return HttpResponse(status=status)

    return PrimaryAfterWriteMiddleware(view)(request), seen


@override_settings(DATABASES=WITH_REPLICA, REPLICA_PIN_SECONDS=7)
def test_a_write_reads_the_primary_and_pins_the_browser_to_it_for_the_next_reads(rf):
    response, seen = _through_middleware(rf.post("/associations/1/plan/add/"), status=302)
    assert seen == {"monitoring": None, "dashboard": None}
    assert response.cookies[PIN_COOKIE]["max-age"] == 7
    assert response.cookies[PIN_COOKIE]["httponly"] is True

    # The page the form redirects to, with that cookie: the primary, even for the dashboard's replica reads.
    follow = rf.get("/associations/1/")
    follow.COOKIES[PIN_COOKIE] = "1"
    response, seen = _through_middleware(follow)
    assert seen == {"monitoring": None, "dashboard": None}
    assert PIN_COOKIE not in response.cookies

    # Another browser (no cookie) reads the replica; the pin ends with the request.
    response, seen = _through_middleware(rf.get("/monitoring/"))
    assert seen == {"monitoring": "replica", "dashboard": "replica"}
    assert PIN_COOKIE not in response.cookies
    assert router.db_for_read(IndicatorPassport) == "replica"


@override_settings(DATABASES=WITH_REPLICA)
def test_a_refused_write_does_not_pin(rf):
    response, seen = _through_middleware(rf.post("/associations/1/plan/add/"), status=400)
    assert seen["monitoring"] is None  # the write request itself still read the primary
    assert PIN_COOKIE not in response.cookies


def test_without_a_replica_the_middleware_sets_no_cookie(rf):
    response, seen = _through_middleware(rf.post("/associations/1/plan/add/"), status=302)
    assert seen == {"monitoring": None, "dashboard": None}
    assert PIN_COOKIE not in response.cookies
