import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.test.utils import override_settings

from core.models import Pedagogue
from training.models import AccountStatus
from training.models import HourEntry
from training.models import with_hour_account
from training.tests.factories import CompletionFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory

ON = datetime.date(2024, 6, 15)


def account(pedagogue, on=ON):
    return with_hour_account(Pedagogue.objects.filter(pk=pedagogue.pk), on).get()


@pytest.fixture
def pedagogue(school):
    return PedagogueFactory(institution=school)


def test_a_completion_posts_its_hours_to_the_ledger_and_follows_changes(pedagogue):
    completion = CompletionFactory(pedagogue=pedagogue, hours=36, finished=datetime.date(2023, 3, 1))
    entry = HourEntry.objects.get(pedagogue=pedagogue)
    assert (entry.hours, entry.date, entry.source) == (Decimal("36"), datetime.date(2023, 3, 1), completion)

    completion.hours = 48
    completion.save()
    assert list(HourEntry.objects.values_list("hours", flat=True)) == [Decimal("48")]

    completion.delete()
    assert not HourEntry.objects.exists()


def test_hours_count_inside_the_window_and_not_on_its_far_edge(pedagogue):
    # Window as of 15.06.2024 with 3 years: from 16.06.2021 to 15.06.2024 inclusive.
    CompletionFactory(pedagogue=pedagogue, hours=20, finished=datetime.date(2021, 6, 15))  # exactly 3 years: out
    CompletionFactory(pedagogue=pedagogue, hours=16, finished=datetime.date(2021, 6, 16))  # first day in
    CompletionFactory(pedagogue=pedagogue, hours=24, finished=datetime.date(2024, 6, 15))  # the day itself: in
    CompletionFactory(pedagogue=pedagogue, hours=40, finished=datetime.date(2024, 6, 16))  # future: out

    row = account(pedagogue)
    assert row.window_hours == Decimal("40")
    assert row.pd_status == AccountStatus.IN_PROGRESS
    assert row.last_pd == datetime.date(2024, 6, 15)


def test_status_is_norm_met_at_72_hours_and_overdue_when_the_last_pd_is_older_than_the_window(pedagogue, school):
    CompletionFactory(pedagogue=pedagogue, hours=36, finished=datetime.date(2022, 1, 10))
    CompletionFactory(pedagogue=pedagogue, hours=36, finished=datetime.date(2023, 1, 10))
    idle = PedagogueFactory(institution=school)
    CompletionFactory(pedagogue=idle, hours=72, finished=datetime.date(2019, 1, 10))

    assert account(pedagogue).pd_status == AccountStatus.NORM_MET
    old = account(idle)
    assert (old.window_hours, old.pd_status, old.last_pd) == (Decimal("0"), AccountStatus.OVERDUE,
                                                               datetime.date(2019, 1, 10))
    never = account(PedagogueFactory(institution=school))
    assert (never.window_hours, never.pd_status, never.last_pd) == (Decimal("0"), AccountStatus.NOTHING, None)


@override_settings(PD_WINDOW_YEARS=5, PD_NORM_HOURS=100)
def test_window_and_norm_come_from_settings(pedagogue):
    CompletionFactory(pedagogue=pedagogue, hours=72, finished=datetime.date(2019, 7, 1))
    CompletionFactory(pedagogue=pedagogue, hours=36, finished=datetime.date(2023, 7, 1))
    row = account(pedagogue)
    assert (row.window_hours, row.pd_status) == (Decimal("108"), AccountStatus.NORM_MET)


def test_other_sources_post_hours_to_the_same_account(pedagogue, school):
    from django.contrib.contenttypes.models import ContentType

    CompletionFactory(pedagogue=pedagogue, hours=36, finished=datetime.date(2023, 1, 10))
    # e.g. a School of the Young Teacher session of another app posting 4.5 hours
    HourEntry.objects.create(pedagogue=pedagogue, date=datetime.date(2023, 2, 1), hours=Decimal("4.5"),
                             kind="session", title="Занятие ШМП",
                             source_type=ContentType.objects.get_for_model(school), source_id=school.pk)
    assert account(pedagogue).window_hours == Decimal("40.5")


def test_the_account_list_needs_the_same_queries_for_more_pedagogues(client, methodist, school):
    programme = ProgrammeFactory()

    def measure() -> int:
        client.force_login(methodist)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/training/hours/", {"on": "2024-06-15"})
        assert response.status_code == 200
        return len(ctx)

    for _ in range(3):
        CompletionFactory(pedagogue=PedagogueFactory(institution=school), programme=programme,
                          finished=datetime.date(2023, 1, 1))
    few = measure()
    for _ in range(12):
        CompletionFactory(pedagogue=PedagogueFactory(institution=school), programme=programme,
                          finished=datetime.date(2023, 1, 1))
    assert measure() == few
