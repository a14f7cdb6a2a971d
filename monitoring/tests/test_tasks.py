import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.tests.workbooks import workbook_bytes
from monitoring.models import AssignmentStatus
from monitoring.models import OrderIsIssued
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import add_assignment
from monitoring.tests.factories import issue
from notifications.models import Notification
from notifications.services import run_reminders

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def order(city, year, head):
    return draft_order(snapshot=build_snapshot(municipality=city, year=year), by=head)


@pytest.fixture
def tasks(order, head, methodist, school_user):
    methodist.email = "methodist@example.org"
    methodist.save()
    due_soon = add_assignment(
        order, methodist, deadline=TODAY + datetime.timedelta(days=3), text="Провести семинар"
    )
    overdue = add_assignment(
        order, methodist, deadline=TODAY - datetime.timedelta(days=1), text="Обновить план"
    )
    later = add_assignment(
        order, methodist, deadline=TODAY + datetime.timedelta(days=4), text="Подготовить отчёт"
    )
    others = add_assignment(order, school_user, deadline=TODAY, text="Заполнить форму")
    issue(order, head)
    return {"due_soon": due_soon, "overdue": overdue, "later": later, "others": others}


def sent(today):
    """Run the portal-wide reminders as of ``today``; return the new notifications of monitoring."""
    return run_reminders(today)["monitoring.reminders"]


def test_reminders_go_to_tasks_due_in_three_days_or_overdue_once_a_day(tasks, methodist, school_user):
    assert sent(TODAY) == 3  # the later task is not due yet
    assert sorted(Notification.objects.filter(user=methodist).values_list("kind", "title")) == [
        ("assignment_due", "Срок {}: Провести семинар".format((TODAY + datetime.timedelta(days=3)).strftime("%d.%m.%Y"))),
        ("assignment_overdue", "Просрочено: Обновить план"),
    ]
    assert Notification.objects.get(user=school_user).url == reverse("monitoring:task-detail", args=[tasks["others"].pk])
    assert len(mail.outbox) == 1  # one digest letter to the methodist; the school user has no e-mail
    assert "Провести семинар" in mail.outbox[0].body and "Обновить план" in mail.outbox[0].body

    assert sent(TODAY) == 0
    assert len(mail.outbox) == 1
    assert sent(TODAY + datetime.timedelta(days=1)) == 4
    assert Notification.objects.count() == 7


def test_draft_orders_send_no_reminders(order, methodist):
    methodist.email = "m@example.org"
    methodist.save()
    add_assignment(order, methodist, deadline=TODAY)

    assert sent(TODAY) == 0


def test_done_tasks_are_not_reminded(tasks):
    tasks["overdue"].complete(comment="Сделано")
    tasks["due_soon"].complete(comment="Сделано")

    assert sent(TODAY) == 1  # only the school user's open task


def test_send_reminders_command_runs_every_apps_reminders(tasks):
    out = io.StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)

    assert "monitoring.reminders: 3" in out.getvalue()
    assert "digest letters: 1" in out.getvalue()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert len(mail.outbox) == 1


def test_responsible_user_sees_and_completes_own_task_with_files(
    client, tasks, methodist, outsider, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(methodist)

    response = client.get(reverse("monitoring:tasks"))
    assert [task.text for task in response.context["page"]] == [
        "Обновить план",
        "Провести семинар",
        "Подготовить отчёт",
    ]
    assert "overdue-row" in response.content.decode()
    task = tasks["overdue"]
    response = client.post(
        reverse("monitoring:task-detail", args=[task.pk]),
        {
            "comment": "План обновлён",
            "files": [SimpleUploadedFile("plan.pdf", PDF), SimpleUploadedFile("list.xlsx", workbook_bytes())],
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    # Reported, not closed: the issuer of the order accepts or returns it (test_task_control.py).
    assert (task.status, task.comment) == (AssignmentStatus.REPORTED, "План обновлён")
    assert sorted(f.name for f in task.files.all()) == ["list.xlsx", "plan.pdf"]
    plan = task.files.get(file__endswith="plan.pdf")
    url = reverse("monitoring:task-file", args=[task.pk, plan.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_completion_needs_a_comment_and_keeps_the_form(client, tasks, methodist):
    client.force_login(methodist)

    response = client.post(reverse("monitoring:task-detail", args=[tasks["later"].pk]), {"comment": ""})

    assert response.status_code == 200
    tasks["later"].refresh_from_db()
    assert tasks["later"].status == AssignmentStatus.OPEN


def test_others_cannot_see_or_complete_a_task(client, tasks, outsider, school_user):
    client.force_login(outsider)
    assert client.get(reverse("monitoring:task-detail", args=[tasks["overdue"].pk])).status_code == 404
    assert list(client.get(reverse("monitoring:tasks")).context["page"]) == []

    client.force_login(school_user)
    assert client.get(reverse("monitoring:task-detail", args=[tasks["others"].pk])).status_code == 200
    response = client.post(reverse("monitoring:task-detail", args=[tasks["overdue"].pk]), {"comment": "x"})
    assert response.status_code == 404


def test_head_follows_every_assignment_of_the_municipality(client, tasks, head):
    client.force_login(head)

    response = client.get(reverse("monitoring:tasks"), {"all": "1", "status": "overdue"})

    assert [task.text for task in response.context["page"]] == ["Обновить план"]


def test_the_head_searches_every_assignment_and_the_filter_bar_keeps_the_choice(client, tasks, head):
    client.force_login(head)

    response = client.get(reverse("monitoring:tasks"), {"all": "1", "q": "план"})

    assert [task.text for task in response.context["page"]] == ["Обновить план"]
    page = response.content.decode()
    assert '<input type="hidden" name="all" value="1"' in page  # applying the filters stays on every assignment
    assert 'href="?">Только мои</a>' in page


def test_issued_order_texts_are_frozen_in_the_model(tasks, order):
    order.title = "Другое"
    with pytest.raises(OrderIsIssued):
        order.save()
    task = tasks["later"]
    task.text = "Другое"
    with pytest.raises(OrderIsIssued):
        task.save()
    with pytest.raises(OrderIsIssued):
        tasks["others"].delete()


def test_tasks_come_in_the_order_of_the_work_in_progress_then_reported_then_done(client, tasks, methodist):
    from django.utils import timezone

    from monitoring.models import Assignment

    Assignment.objects.filter(pk=tasks["later"].pk).update(status="done", completed_at=timezone.now())
    Assignment.objects.filter(pk=tasks["due_soon"].pk).update(status="reported", completed_at=timezone.now())
    client.force_login(methodist)

    shown = [(task.text, task.status) for task in client.get(reverse("monitoring:tasks")).context["page"]]

    assert shown == [("Обновить план", "open"), ("Провести семинар", "reported"), ("Подготовить отчёт", "done")]


def test_tasks_sort_by_deadline_both_ways(client, tasks, methodist):
    client.force_login(methodist)

    latest_first = client.get(reverse("monitoring:tasks"), {"sort": "-deadline"}).context["page"]

    assert [task.text for task in latest_first] == ["Подготовить отчёт", "Провести семинар", "Обновить план"]


def test_school_user_cannot_draft_or_issue_orders(client, order, school_user):
    client.force_login(school_user)

    assert client.post(reverse("monitoring:order-create", args=[order.snapshot_id])).status_code == 403
    response = client.post(
        reverse("monitoring:order-issue", args=[order.pk]),
        {"number": "1", "date": "2022-06-01", "signatory_position": "Н", "signatory_name": "Е"},
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert not order.is_issued
