"""Stored indicator values: a change marks only the values it touches as pending, the worker recomputes them,
pages read them (and say how old they are) without computing while a worker exists."""

import datetime
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db import transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import freshness
from core.audit import AccessLog
from core.models import Employment
from core.models import Institution
from core.models import Pedagogue
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory
from monitoring import stored
from monitoring.computation import VERSION_KEY
from monitoring.tests.factories import employ
from monitoring.value_models import PendingRecomputation
from monitoring.value_models import StoredValues

CODE = "core.share_under_35"
WORKER = override_settings(CELERY_TASK_ALWAYS_EAGER=False)


def version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def value(scope, year):
    return stored.read(scope, [year]).entries[year.pk].value_map()[CODE]


@pytest.fixture
def two_cities(city, other_city, school, year, previous_year):
    """Three young of five in the city's school, one of four in the other city's, for both years."""
    other = InstitutionFactory(municipality=other_city)
    employ(school, count=3, born=datetime.date(1995, 1, 1), hired=datetime.date(2019, 9, 1))
    employ(school, count=2, born=datetime.date(1960, 1, 1), hired=datetime.date(2019, 9, 1))
    employ(other, count=1, born=datetime.date(1995, 1, 1), hired=datetime.date(2019, 9, 1))
    employ(other, count=3, born=datetime.date(1960, 1, 1), hired=datetime.date(2019, 9, 1))
    for scope in (city, other_city):
        for each in (year, previous_year):
            stored.store(scope, each, breakdowns=True)
    connection.run_on_commit.clear()  # as a commit would: the marks of the setup are not the tests' business
    return other


def test_a_change_moves_its_citys_value_after_the_worker_ran_and_no_other_citys(
    two_cities, city, other_city, school, year, previous_year, django_capture_on_commit_callbacks
):
    assert value(city, year) == Decimal("0.6000") and value(other_city, year) == Decimal("0.2500")
    other_before = {row.year_id: row.computed_at for row in StoredValues.objects.filter(municipality=other_city)}

    with WORKER, mock.patch("monitoring.tasks.recompute_values.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            employ(school, count=5, born=datetime.date(1996, 1, 1), hired=datetime.date(2020, 9, 1))
        # Queued once per (municipality, year) of the city — the five pedagogues and their employments dedupe.
        assert sorted(call.args for call in delay.call_args_list) == sorted(
            [(city.pk, year.pk), (city.pk, previous_year.pk)]
        )
        state = stored.read(city, [year])
        assert state.pending and state.entries[year.pk].value_map()[CODE] == Decimal("0.6000")  # not yet

        with CaptureQueriesContext(connection) as queries:
            response_value = value(city, year)
        assert response_value == Decimal("0.6000")
        assert not [q for q in queries if "core_employment" in q["sql"]]  # the page computes nothing

        assert stored.recompute(city.pk, year.pk) == 1  # what the worker runs
    assert value(city, year) == Decimal("0.8000")  # 8 of 10
    assert not PendingRecomputation.objects.filter(municipality=city, year=year).exists()
    assert PendingRecomputation.objects.filter(municipality=city, year=previous_year).exists()
    assert value(other_city, year) == Decimal("0.2500")
    assert {
        row.year_id: row.computed_at for row in StoredValues.objects.filter(municipality=other_city)
    } == other_before
    assert not PendingRecomputation.objects.filter(municipality=other_city).exists()


def test_a_record_of_one_year_marks_only_that_year(two_cities, city, other_city, year, previous_year):
    from staffing.models import Campaign

    touch = stored.touched(Campaign(municipality=city, year=year))
    assert (touch.municipalities, touch.years, touch.every_year) == ({city.pk}, {year.pk}, False)

    assert stored.apply(touch) == 1
    assert list(PendingRecomputation.objects.values_list("scope_key", "year_id")) == [
        (f"municipality:{city.pk}", year.pk)
    ]


def test_a_pedagogue_moved_to_another_city_marks_both(
    two_cities, city, other_city, school, django_capture_on_commit_callbacks
):
    pedagogue = Pedagogue.objects.filter(institution=school).first()

    with WORKER, mock.patch("monitoring.tasks.recompute_values.delay"), django_capture_on_commit_callbacks(
        execute=True
    ):
        pedagogue.municipality, pedagogue.institution = other_city, two_cities
        pedagogue.save()

    assert set(PendingRecomputation.objects.values_list("municipality_id", flat=True)) == {city.pk, other_city.pk}


def test_a_rolled_back_change_and_a_login_mark_nothing(
    two_cities, school, client, head, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                school.short_name = "СШ № 1 (новое имя)"
                school.save()
                raise RuntimeError
        except RuntimeError:
            pass
        client.force_login(head)

    assert not PendingRecomputation.objects.exists()


def test_opening_lists_and_records_marks_nothing(
    two_cities, school, client, head, django_capture_on_commit_callbacks
):
    """The access log entry each page of personal data writes feeds no indicator (it used to mark every city)."""
    pedagogue = Pedagogue.objects.filter(institution=school).first()
    client.force_login(head)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("core:pedagogue-list")).status_code == 200
        assert client.get(reverse("core:pedagogue-detail", args=[pedagogue.pk])).status_code == 200

    assert AccessLog.objects.count() == 2
    assert not PendingRecomputation.objects.exists()


def test_a_bulk_write_moves_its_citys_value_after_the_worker_ran_and_no_other_citys(
    two_cities, city, other_city, school, year, django_capture_on_commit_callbacks
):
    """bulk_create sends no signals: freshness.bulk_written(rows) marks what the rows touch (issue 18)."""
    other_before = {row.year_id: row.computed_at for row in StoredValues.objects.filter(municipality=other_city)}
    with django_capture_on_commit_callbacks(execute=True):
        people = Pedagogue.objects.bulk_create(
            PedagogueFactory.build(municipality=city, institution=school, birth_date=datetime.date(1996, 1, 1))
            for _ in range(5)
        )
        jobs = Employment.objects.bulk_create(
            Employment(pedagogue=person, institution=school, hired=datetime.date(2020, 9, 1)) for person in people
        )
        freshness.bulk_written(jobs)

    assert set(PendingRecomputation.objects.values_list("municipality_id", flat=True)) == {city.pk}
    stored.recompute(city.pk, year.pk)  # what the worker runs
    assert value(city, year) == Decimal("0.8000")  # 8 young of 10
    assert value(other_city, year) == Decimal("0.2500")
    assert {
        row.year_id: row.computed_at for row in StoredValues.objects.filter(municipality=other_city)
    } == other_before


def test_an_import_marks_the_municipalities_it_wrote_and_no_other(two_cities, city, other_city, methodist):
    """An import's bulk_create has no rows at hand: core says which municipalities it wrote through
    core.freshness (core imports nothing of monitoring), and monitoring marks their stored values."""
    from core.imports import _mark_indicators

    _mark_indicators(methodist)

    assert set(PendingRecomputation.objects.values_list("municipality_id", flat=True)) == {city.pk}
    assert PendingRecomputation.objects.filter(municipality=city).count() == StoredValues.objects.filter(
        municipality=city
    ).values("year_id", "institution_id").distinct().count()


def test_the_hours_ledger_marks_the_city_of_the_people_it_posts_for(
    two_cities, city, other_city, school, django_capture_on_commit_callbacks
):
    from training.hours import Posting
    from training.hours import sync

    pedagogue = Pedagogue.objects.filter(institution=school).first()
    with django_capture_on_commit_callbacks(execute=True):
        sync(model=Institution, source_ids=[school.pk], postings=[
            Posting(school.pk, pedagogue.pk, datetime.date(2022, 3, 1), Decimal("8"), "other", "Курс")
        ])

    assert set(PendingRecomputation.objects.values_list("municipality_id", flat=True)) == {city.pk}


def test_deleting_a_school_marks_its_city(two_cities, city, other_city, django_capture_on_commit_callbacks):
    empty = InstitutionFactory(municipality=other_city)
    with django_capture_on_commit_callbacks(execute=True):
        Institution.objects.filter(pk=empty.pk).delete()

    assert set(PendingRecomputation.objects.values_list("municipality_id", flat=True)) == {other_city.pk}


def test_without_a_worker_a_pending_value_is_recomputed_when_read(
    two_cities, city, school, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        employ(school, count=5, born=datetime.date(1996, 1, 1), hired=datetime.date(2020, 9, 1))

    assert PendingRecomputation.objects.filter(municipality=city, year=year).exists()
    assert value(city, year) == Decimal("0.8000")
    assert not PendingRecomputation.objects.filter(municipality=city, year=year).exists()


def test_with_the_worker_stopped_the_dashboard_answers_from_stored_values_and_says_how_old(
    two_cities, city, school, year, head, client, django_capture_on_commit_callbacks
):
    StoredValues.objects.filter(municipality=city).update(
        computed_at=datetime.datetime(2022, 5, 1, 8, 0, tzinfo=datetime.UTC)
    )
    client.force_login(head)
    with WORKER, mock.patch("monitoring.tasks.recompute_values.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            employ(school, count=5, born=datetime.date(1996, 1, 1), hired=datetime.date(2020, 9, 1))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("monitoring:dashboard"), {"year": year.title})
    assert delay.called  # queued, but no worker ran it
    page = response.content.decode()
    state = response.context["values_state"]
    assert state.pending and state.computed_at.year == 2022
    assert "60,0 %" in page and "80,0 %" not in page  # the stored value, not a recomputed one
    assert "01.05.2022" in page and "пересчитывается" in page
    assert not [q for q in queries if "core_employment" in q["sql"]]


def test_a_value_never_computed_is_queued_and_shown_as_pending(
    city, school, year, head, client, django_capture_on_commit_callbacks
):
    client.force_login(head)
    with WORKER, mock.patch("monitoring.tasks.recompute_values.delay") as delay, django_capture_on_commit_callbacks(
        execute=True
    ):
        response = client.get(reverse("monitoring:dashboard"), {"year": year.title})
    assert response.status_code == 200
    assert response.context["values_state"].missing and "пересчитывается" in response.content.decode()
    assert PendingRecomputation.objects.filter(scope_key=f"municipality:{city.pk}", year=year).exists()
    assert not StoredValues.objects.exists()
    assert delay.called


def test_rebuild_command_stores_every_municipality(two_cities, city, other_city, school, year, previous_year):
    StoredValues.objects.all().delete()
    PendingRecomputation.objects.create(
        scope_key=f"municipality:{city.pk}", municipality=city, year=year,
        requested_at=datetime.datetime.now(datetime.UTC),
    )
    out = io.StringIO()
    call_command("monitoring_rebuild_values", "--year", year.title, stdout=out)

    rows = set(StoredValues.objects.values_list("scope_key", "year_id"))
    assert rows >= {(f"municipality:{m.pk}", y.pk) for m in (city, other_city) for y in (year, previous_year)}
    assert {key.split(":")[0] for key, _year in rows} == {"municipality"}
    assert not PendingRecomputation.objects.exists()
    row = StoredValues.objects.get(scope_key=f"municipality:{city.pk}", year=year)
    assert row.values[CODE] == "0.6000" and row.breakdowns[CODE][str(school.pk)] == "0.6000"
    assert f"stored {len(rows)} (scope, year) value sets" in out.getvalue()


def test_a_target_change_bumps_the_renderings_but_a_report_build_does_not(
    city, year, head, django_capture_on_commit_callbacks
):
    from monitoring.services import build_snapshot
    from monitoring.tests.factories import set_target

    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        build_snapshot(municipality=city, year=year, by=head)
    assert version() == before  # a frozen report is built from the values; it changes none of them
    assert not PendingRecomputation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        set_target("core.share_under_35", year, "0.4")
    assert version() == before + 1  # a dashboard rates against the targets
