import datetime

import pytest
from django.core import mail

from staffing.models import Reminder
from staffing.reminders import send_reminders
from staffing.tests.factories import CampaignFactory, submitted

DEADLINE = datetime.date(2021, 6, 15)


@pytest.fixture
def reminded(city, school, other_school, school_user, outsider):
    school.email = "school1@example.ru"
    school.save()
    school_user.email = "director1@example.ru"
    school_user.save()
    outsider.email = "director2@example.ru"
    outsider.save()
    return CampaignFactory(municipality=city, deadline=DEADLINE, title="На 01.08.2021")


def test_nothing_is_sent_earlier_than_three_days_before(reminded):
    assert send_reminders(DEADLINE - datetime.timedelta(days=4)) == 0
    assert mail.outbox == []


def test_three_days_before_every_school_that_has_not_submitted_is_reminded_once(reminded, school, other_school):
    submitted(reminded, other_school)

    assert send_reminders(DEADLINE - datetime.timedelta(days=3)) == 1
    assert send_reminders(DEADLINE - datetime.timedelta(days=2)) == 0  # idempotent

    message = mail.outbox[0]
    assert sorted(message.to) == ["director1@example.ru", "school1@example.ru"]
    assert message.subject == "Срок представления кадровой потребности — 15.06.2021"
    assert "«На 01.08.2021»" in message.body and "СШ № 1" in message.body
    assert f"/staffing/campaigns/{reminded.pk}/institutions/{school.pk}/" in message.body
    assert Reminder.objects.get().kind == "before"


def test_three_days_after_the_deadline_a_second_reminder_goes(reminded, school, other_school):
    send_reminders(DEADLINE - datetime.timedelta(days=3))
    assert send_reminders(DEADLINE + datetime.timedelta(days=2)) == 0

    assert send_reminders(DEADLINE + datetime.timedelta(days=3)) == 2
    assert send_reminders(DEADLINE + datetime.timedelta(days=10)) == 0
    assert mail.outbox[-1].subject == "Кадровая потребность не представлена в срок (15.06.2021)"
    assert Reminder.objects.filter(kind="after").count() == 2


def test_a_returned_answer_still_gets_reminders_but_a_closed_campaign_does_not(reminded, school, other_school):
    submitted(reminded, school, status="returned")
    assert send_reminders(DEADLINE) == 2

    reminded.status = "closed"
    reminded.save()
    assert send_reminders(DEADLINE + datetime.timedelta(days=3)) == 0


def test_institutions_without_an_address_are_skipped(reminded, other_school, outsider):
    outsider.email = ""
    outsider.save()

    assert send_reminders(DEADLINE) == 1
