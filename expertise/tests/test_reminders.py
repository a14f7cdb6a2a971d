import datetime

from django.utils import timezone

from expertise.models import Assignment
from expertise.models import Status
from expertise.services import assign_experts
from notifications.models import Notification
from notifications.services import run_reminders

DEADLINE = datetime.date(2030, 5, 20)


def sent(today):
    return run_reminders(today)["expertise.reminders"]


def assigned(submitted, experts, methodist):
    assign_experts(request=submitted, experts=experts, deadline=DEADLINE, by=methodist)
    submitted.refresh_from_db()
    return submitted


def test_experts_are_reminded_from_three_days_before_the_deadline(submitted, expert_entry, second_expert, methodist):
    request = assigned(submitted, [expert_entry, second_expert], methodist)

    assert sent(DEADLINE - datetime.timedelta(days=4)) == 0
    assert sent(DEADLINE - datetime.timedelta(days=3)) == 2
    assert sent(DEADLINE - datetime.timedelta(days=3)) == 0  # once a day
    notification = Notification.objects.get(user=expert_entry.user)
    assert notification.kind == "review_due"
    assert notification.title == f"Срок экспертизы 20.05.2030: {request.title}"
    assert not Notification.objects.filter(user=methodist).exists()  # no escalation before the deadline


def test_overdue_reviews_are_escalated_to_the_methodist_once_per_request(
    submitted, expert_entry, second_expert, methodist
):
    request = assigned(submitted, [expert_entry, second_expert], methodist)

    assert sent(DEADLINE + datetime.timedelta(days=1)) == 3  # two experts, one methodist
    escalation = Notification.objects.get(user=methodist)
    assert escalation.kind == "review_escalated"
    assert escalation.url == f"/expertise/{request.pk}/"
    assert "Экспертова" in escalation.body and "Вторая" in escalation.body
    assert set(Notification.objects.exclude(user=methodist).values_list("kind", flat=True)) == {"review_overdue"}


def test_reminders_stop_for_a_filled_review_and_a_concluded_request(submitted, expert_entry, second_expert, methodist):
    request = assigned(submitted, [expert_entry, second_expert], methodist)
    Assignment.objects.filter(expert=expert_entry).update(reviewed_at=timezone.now(), total=10, max_total=12)

    assert sent(DEADLINE) == 1
    assert Notification.objects.get().user == second_expert.user

    type(request).objects.filter(pk=request.pk).update(status=Status.REVIEWED)
    assert sent(DEADLINE + datetime.timedelta(days=1)) == 0
