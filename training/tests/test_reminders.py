import datetime

from notifications.models import Notification
from notifications.services import run_reminders
from training.models import ItemStatus
from training.tests.factories import RouteFactory
from training.tests.factories import RouteItemFactory

TODAY = datetime.date(2022, 3, 10)


def sent(today):
    return run_reminders(today)["training.reminders"]


def test_the_teacher_is_reminded_of_route_items_due_within_a_week_until_evidence_is_sent(
    year, teacher, teacher_pedagogue, methodist
):
    route = RouteFactory(pedagogue=teacher_pedagogue)
    soon = RouteItemFactory(route=route, title="Курсы по ФГОС", deadline=TODAY + datetime.timedelta(days=7))
    later = RouteItemFactory(route=route, title="Позже", deadline=TODAY + datetime.timedelta(days=8))
    RouteItemFactory(route=route, title="Без срока")
    RouteItemFactory(route=route, title="Сдано", deadline=TODAY, status=ItemStatus.ACCEPTED,
                     evidence_link="https://example.org/a")

    assert sent(TODAY) == 1
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (teacher, "route_item_due")
    assert notification.title == "Route item due on 17.03.2022: Курсы по ФГОС"  # this suite runs in English
    assert sent(TODAY) == 0

    soon.status = ItemStatus.SUBMITTED
    soon.evidence_link = "https://example.org/certificate"
    soon.save()
    assert Notification.objects.filter(kind="route_item_due").count() == 1
    assert sent(TODAY + datetime.timedelta(days=1)) == 2
    new = Notification.objects.filter(day=TODAY + datetime.timedelta(days=1))
    assert sorted((n.user.username, n.kind, n.object_id) for n in new) == [
        ("methodist", "evidence_waiting", soon.pk),  # now the tutor's turn
        ("teacher", "route_item_due", later.pk),  # the teacher hears only of the item not yet done
    ]


def test_the_methodist_is_told_of_evidence_waiting_until_reviewed(year, methodist, teacher_pedagogue, outsider):
    item = RouteItemFactory(route=RouteFactory(pedagogue=teacher_pedagogue), title="Открытый урок",
                            status=ItemStatus.SUBMITTED, evidence_link="https://example.org/lesson")

    assert sent(TODAY) == 1
    notification = Notification.objects.get()
    assert notification.user == methodist and notification.kind == "evidence_waiting"
    assert "Открытый урок" in notification.title and "Иванова" in notification.title
    assert notification.url == f"/training/routes/{item.route_id}/"

    item.status = ItemStatus.ACCEPTED
    item.save()
    assert sent(TODAY + datetime.timedelta(days=1)) == 0
