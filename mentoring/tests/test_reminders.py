import datetime

from django.core import mail

from mentoring.models import Task
from mentoring.reminders import send_reminders
from mentoring.tests.factories import PedagogueFactory, make_pair

TODAY = datetime.date(2025, 3, 10)


def test_curators_are_reminded_of_overdue_tasks_once(school, other_school, school_user):
    school_user.email = "zam@school1.example.ru"
    school_user.save()
    mentor = PedagogueFactory(institution=school, birth_date=datetime.date(1970, 1, 1))
    mentee = PedagogueFactory(institution=school)
    pair = make_pair(school, mentor, mentee, start=datetime.date(2024, 9, 1))
    late = Task.objects.create(pair=pair, title="Открытый урок", deadline=datetime.date(2025, 3, 1))
    Task.objects.create(pair=pair, title="Уже сделано", deadline=datetime.date(2025, 2, 1),
                        done_on=datetime.date(2025, 2, 1), comment="ok")
    Task.objects.create(pair=pair, title="Ещё рано", deadline=datetime.date(2025, 4, 1))
    # a pair of a school without any address: nothing to send
    other = make_pair(other_school, PedagogueFactory(institution=other_school), PedagogueFactory(
        institution=other_school), start=datetime.date(2024, 9, 1))
    Task.objects.create(pair=other, title="Без адресата", deadline=datetime.date(2025, 3, 1))

    assert send_reminders(TODAY) == 1
    assert mail.outbox[0].to == ["zam@school1.example.ru"]
    assert "Открытый урок" in mail.outbox[0].body and "Ещё рано" not in mail.outbox[0].body
    late.refresh_from_db()
    assert late.reminded_on == TODAY
    assert send_reminders(TODAY + datetime.timedelta(days=1)) == 0  # idempotent
