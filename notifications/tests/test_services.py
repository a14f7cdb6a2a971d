import datetime

import pytest
from django.core import mail

from notifications.kinds import Channel
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.models import Preference
from notifications.services import notify
from notifications.services import send_digest

DAY = datetime.date(2021, 6, 12)


@pytest.fixture
def user(methodist):
    methodist.email = "methodist@example.ru"
    methodist.save()
    return methodist


def test_one_notification_of_a_kind_per_object_and_user_a_day(user, school):
    first = notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Срок 15.06", obj=school, today=DAY)
    again = notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Срок 15.06 (повтор)", obj=school, today=DAY)
    other_kind = notify(user=user, kind=Kind.ASSIGNMENT_OVERDUE, title="Просрочено", obj=school, today=DAY)
    next_day = notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Срок 15.06", obj=school,
                      today=DAY + datetime.timedelta(days=1))

    assert first is not None and again is None
    assert other_kind is not None and next_day is not None
    assert Notification.objects.count() == 3
    assert first.target == school


def test_without_an_object_the_title_identifies_the_notification(user):
    assert notify(user=user, kind=Kind.EVIDENCE_WAITING, title="A", today=DAY)
    assert notify(user=user, kind=Kind.EVIDENCE_WAITING, title="A", today=DAY) is None
    assert notify(user=user, kind=Kind.EVIDENCE_WAITING, title="B", today=DAY)


def test_a_kind_switched_off_creates_nothing(user, school):
    Preference.objects.create(user=user, kind=Kind.ASSIGNMENT_DUE, channel=Channel.OFF)

    assert notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Срок", obj=school, today=DAY) is None
    assert notify(user=user, kind=Kind.ASSIGNMENT_OVERDUE, title="Просрочено", obj=school, today=DAY)
    assert list(Notification.objects.values_list("kind", flat=True)) == ["assignment_overdue"]


def test_in_app_only_kinds_stay_out_of_the_digest_and_email_kinds_come_in_one_letter(user, school, other_school):
    Preference.objects.create(user=user, kind=Kind.REVIEW_DUE, channel=Channel.IN_APP)
    notify(user=user, kind=Kind.REVIEW_DUE, title="Рецензия до 15.06", obj=school, today=DAY)
    notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Задание до 15.06", obj=school, url="/monitoring/tasks/1/",
           today=DAY)
    notify(user=user, kind=Kind.ASSIGNMENT_OVERDUE, title="Задание просрочено", obj=other_school, today=DAY)

    assert send_digest(DAY) == 1
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["methodist@example.ru"]
    assert letter.subject == "Методпортал: новых уведомлений — 2"
    assert "Задание до 15.06" in letter.body and "Задание просрочено" in letter.body
    assert "/monitoring/tasks/1/" in letter.body
    assert "Рецензия" not in letter.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
    assert Notification.objects.get(kind=Kind.REVIEW_DUE).emailed_at is None


def test_one_digest_a_day_the_rest_waits_for_tomorrow(user, school, other_school):
    notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Утром", obj=school, today=DAY)
    assert send_digest(DAY) == 1
    assert send_digest(DAY) == 0  # nothing new

    notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Днём", obj=other_school, today=DAY)
    assert send_digest(DAY) == 0  # already had today's letter
    assert send_digest(DAY + datetime.timedelta(days=1)) == 1
    assert "Днём" in mail.outbox[1].body and "Утром" not in mail.outbox[1].body


def test_users_without_an_address_get_in_app_notifications_only(school_user, school):
    assert notify(user=school_user, kind=Kind.ASSIGNMENT_DUE, title="Срок", obj=school, today=DAY)
    assert send_digest(DAY) == 0
    assert mail.outbox == []


def test_inactive_users_are_not_notified(user, school):
    user.is_active = False
    user.save()
    assert notify(user=user, kind=Kind.ASSIGNMENT_DUE, title="Срок", obj=school, today=DAY) is None
