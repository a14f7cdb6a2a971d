"""Cached indicator values are forgotten when a record of a domain app changes (after the commit)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Institution
from monitoring.computation import VERSION_KEY, indicator_values


def version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def test_saving_a_domain_record_invalidates_the_cache_on_commit(school, year, django_capture_on_commit_callbacks):
    indicator_values(school.municipality, year)
    with CaptureQueriesContext(connection) as cached:
        indicator_values(school.municipality, year)
    before = version()

    with django_capture_on_commit_callbacks(execute=True):
        school.short_name = "СШ № 1 (новое имя)"
        school.save()

    assert version() == before + 1
    with CaptureQueriesContext(connection) as queries:
        indicator_values(school.municipality, year)
    assert len(queries) > len(cached.captured_queries)  # computed again, not read from the cache


def test_deleting_a_domain_record_invalidates_the_cache(school, year, django_capture_on_commit_callbacks):
    before = version()

    with django_capture_on_commit_callbacks(execute=True):
        Institution.objects.filter(pk=school.pk).delete()

    assert version() > before


def test_a_rolled_back_change_and_a_user_login_invalidate_nothing(school, year, django_capture_on_commit_callbacks,
                                                                  client, head):
    before = version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        school.save()
    client.force_login(head)

    assert version() == before
    assert len(callbacks) >= 1  # would run only after a commit


def test_a_target_change_invalidates_but_a_report_build_does_not(city, year, head, django_capture_on_commit_callbacks):
    from monitoring.services import build_snapshot
    from monitoring.tests.factories import set_target

    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        build_snapshot(municipality=city, year=year, by=head)
    assert version() == before  # a frozen report is built from the values; it changes none of them

    with django_capture_on_commit_callbacks(execute=True):
        set_target("core.share_under_35", year, "0.4")
    assert version() == before + 1  # a dashboard rates against the targets
