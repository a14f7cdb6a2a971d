import datetime

from mentoring.models import Task
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import make_pair
from notifications.models import Notification
from notifications.services import run_reminders

TODAY = datetime.date(2025, 3, 10)


def sent(today):
    return run_reminders(today)["mentoring.reminders"]


def test_curators_are_reminded_of_overdue_tasks_once_a_day_until_done(school, other_school, school_user):
    mentor = PedagogueFactory(institution=school, birth_date=datetime.date(1970, 1, 1))
    mentee = PedagogueFactory(institution=school)
    pair = make_pair(school, mentor, mentee, start=datetime.date(2025, 2, 20))
    late = Task.objects.create(pair=pair, title="Открытый урок", deadline=datetime.date(2025, 3, 1))
    Task.objects.create(pair=pair, title="Уже сделано", deadline=datetime.date(2025, 2, 1),
                        done_on=datetime.date(2025, 2, 1), comment="ok")
    Task.objects.create(pair=pair, title="Ещё рано", deadline=datetime.date(2025, 4, 1))
    # a pair of a school without a school user: nobody to notify
    other = make_pair(other_school, PedagogueFactory(institution=other_school), PedagogueFactory(
        institution=other_school), start=datetime.date(2024, 9, 1))
    Task.objects.create(pair=other, title="Без адресата", deadline=datetime.date(2025, 3, 1))

    assert sent(TODAY) == 1
    notification = Notification.objects.get()
    assert notification.user == school_user and notification.kind == "mentoring_task_overdue"
    assert "Открытый урок" in notification.title
    assert notification.url == f"/mentoring/pairs/{pair.pk}/"
    assert sent(TODAY) == 0  # idempotent within the day

    late.done_on = TODAY
    late.save()
    assert sent(TODAY + datetime.timedelta(days=1)) == 0  # done: the reminders stop


def test_a_pair_with_nothing_done_for_a_month_is_reported(school, school_user):
    pair = make_pair(school, PedagogueFactory(institution=school, birth_date=datetime.date(1970, 1, 1)),
                     PedagogueFactory(institution=school), start=datetime.date(2024, 9, 1))
    Task.objects.create(pair=pair, title="Давно", deadline=datetime.date(2025, 1, 1),
                        done_on=datetime.date(2025, 1, 20), comment="ok")

    assert sent(TODAY) == 1
    assert Notification.objects.get().kind == "mentoring_pair_silent"

    Task.objects.create(pair=pair, title="Посещение урока", deadline=TODAY, done_on=TODAY, comment="ok")
    assert sent(TODAY + datetime.timedelta(days=1)) == 0
