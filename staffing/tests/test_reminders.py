import datetime

import pytest
from django.core import mail

from notifications.models import Notification
from notifications.services import run_reminders
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import submitted

DEADLINE = datetime.date(2021, 6, 15)


def sent(today):
    return run_reminders(today)["staffing.reminders"]


@pytest.fixture
def reminded(city, school, other_school, school_user, outsider):
    school_user.email = "director1@example.ru"
    school_user.save()
    outsider.email = "director2@example.ru"
    outsider.save()
    return CampaignFactory(municipality=city, deadline=DEADLINE, title="На 01.08.2021")


def test_nothing_is_sent_earlier_than_three_days_before(reminded):
    assert sent(DEADLINE - datetime.timedelta(days=4)) == 0
    assert mail.outbox == []


def test_three_days_before_every_school_that_has_not_submitted_is_reminded_once_a_day(
    reminded, school, other_school, school_user
):
    submitted(reminded, other_school)

    assert sent(DEADLINE - datetime.timedelta(days=3)) == 1
    assert sent(DEADLINE - datetime.timedelta(days=3)) == 0  # idempotent within the day

    notification = Notification.objects.get()
    assert notification.user == school_user and notification.kind == "staffing_deadline"
    assert notification.title == "Срок представления кадровой потребности — 15.06.2021"
    assert "«На 01.08.2021»" in notification.body and "СШ № 1" in notification.body
    assert notification.url == f"/staffing/campaigns/{reminded.pk}/institutions/{school.pk}/"
    assert [message.to for message in mail.outbox] == [["director1@example.ru"]]
    assert notification.url in mail.outbox[0].body


def test_three_days_after_the_deadline_the_overdue_reminder_goes(reminded, school, other_school):
    sent(DEADLINE - datetime.timedelta(days=3))
    assert sent(DEADLINE + datetime.timedelta(days=2)) == 0

    assert sent(DEADLINE + datetime.timedelta(days=3)) == 2
    assert Notification.objects.filter(kind="staffing_overdue").count() == 2
    assert Notification.objects.get(kind="staffing_overdue", user__email="director2@example.ru").title == (
        "Кадровая потребность не представлена в срок (15.06.2021)")


def test_reminders_stop_once_the_school_submits(reminded, school, other_school):
    assert sent(DEADLINE - datetime.timedelta(days=1)) == 2
    submitted(reminded, school)
    submitted(reminded, other_school)

    assert sent(DEADLINE) == 0


def test_a_returned_answer_still_gets_reminders_but_a_closed_campaign_does_not(reminded, school, other_school):
    submitted(reminded, school, status="returned")
    assert sent(DEADLINE) == 2

    reminded.status = "closed"
    reminded.save()
    assert sent(DEADLINE + datetime.timedelta(days=3)) == 0


def test_a_user_who_switched_the_kind_off_gets_nothing_and_in_app_only_gets_no_letter(
    reminded, school, other_school, school_user, outsider
):
    from notifications.models import Preference

    Preference.objects.create(user=school_user, kind="staffing_deadline", channel="off")
    Preference.objects.create(user=outsider, kind="staffing_deadline", channel="in_app")

    assert sent(DEADLINE) == 1
    assert Notification.objects.get().user == outsider
    assert mail.outbox == []
