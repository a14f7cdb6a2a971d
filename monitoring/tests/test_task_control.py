"""Measures and assignments followed to their effect: every item 3 measure becomes a task on issue, the executor
reports, the issuer accepts or returns with a comment, extends a term with a reason, sends a reminder; next
year's draft and report say what the measures did."""

import datetime

import pytest
from django.urls import reverse

from monitoring.models import Assignment
from monitoring.models import AssignmentStatus
from monitoring.models import TaskEventKind
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.services import issue_order
from monitoring.tests.factories import INNOVATION_CODE
from monitoring.tests.factories import register_innovation_indicator
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years
from notifications.models import Notification


@pytest.fixture
def order(city, school, other_school, year, previous_year, head, methodist, django_capture_on_commit_callbacks):
    register_innovation_indicator({2019: 5, 2020: 5, 2021: 9})
    two_years(school, other_school)
    set_target(INNOVATION_CODE, previous_year, 6)  # innovation: unsatisfactory in 2020/2021
    draft = draft_order(snapshot=build_snapshot(municipality=city, year=previous_year, by=head), by=head)
    Assignment.objects.create(
        order=draft, position=1, responsible=methodist, addressee="Петровой А.А., методисту",
        text="обновить план", deadline=datetime.date(2021, 9, 1),
    )
    Assignment.objects.create(
        order=draft, position=2, addressee="Безруких Н.В., ведущему специалисту ОО",
        text="обновить нормативную базу", term="постоянно",
    )
    with django_capture_on_commit_callbacks(execute=True):
        issue_order(
            order=draft, number="110а", date=datetime.date(2021, 6, 25), signatory_position="Начальник",
            signatory_name="Егорова О.Ю.", by=head,
        )
    return draft


def test_issuing_makes_each_measure_a_task_followed_by_the_issuer_and_tells_the_executors(order, head, methodist):
    measures = Assignment.objects.filter(order=order, measure__isnull=False).select_related("measure__direction")

    assert measures.count() == order.recommendations.count() >= 1
    innovation = measures.get(measure__direction__code="innovation")
    assert (innovation.responsible, innovation.follower, innovation.text) == (None, head, innovation.measure.text)
    assert set(Notification.objects.values_list("user__username", "kind")) == {
        ("head", "assignment_new"), ("methodist", "assignment_new")
    }
    # The measures' tasks are not extra items of the order: item 3's sub-items, the two assignments, control.
    items = order.numbered_items()
    assert [len(item.get("children", [])) for item in items if "children" in item] == [measures.count()]
    assert [item["text"][:20] for item in items[-3:]] == [
        "Петровой А.А., метод", "Безруких Н.В., ведущ", "Контроль за исполнен"
    ]


def test_a_report_waits_for_the_issuer_who_returns_it_with_a_comment(
    client, order, head, methodist, django_capture_on_commit_callbacks
):
    task = order.assignments.get(responsible=methodist)
    client.force_login(methodist)
    url = reverse("monitoring:task-detail", args=[task.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "report", "comment": "План обновлён"})
    task.refresh_from_db()
    assert task.status == AssignmentStatus.REPORTED
    assert Notification.objects.filter(user=head, kind="assignment_reported").count() == 1
    assert client.post(url, {"action": "accept"}).status_code == 403  # the executor cannot accept

    client.force_login(head)
    response = client.post(url, {"action": "return", "comment": ""})
    task.refresh_from_db()
    assert task.status == AssignmentStatus.REPORTED
    assert "Укажите, что нужно доработать." in [str(m) for m in response.context["messages"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "return", "comment": "Приложите план"})
    task.refresh_from_db()
    assert (task.status, task.completed_at) == (AssignmentStatus.OPEN, None)
    returned = Notification.objects.get(user=methodist, kind="assignment_returned")
    assert (returned.title, returned.body) == ("Возвращено на доработку: обновить план", "Приложите план")

    client.force_login(methodist)
    client.post(url, {"action": "report", "comment": "План приложен"})
    client.force_login(head)
    client.post(url, {"action": "accept", "comment": "Принято"})
    task.refresh_from_db()
    assert task.status == AssignmentStatus.DONE
    assert list(task.events.values_list("kind", "comment")) == [
        (TaskEventKind.REPORTED, "План обновлён"),
        (TaskEventKind.RETURNED, "Приложите план"),
        (TaskEventKind.REPORTED, "План приложен"),
        (TaskEventKind.ACCEPTED, "Принято"),
    ]


def test_the_head_extends_a_term_with_a_reason_and_reminds(client, order, head, methodist):
    task = order.assignments.get(responsible=methodist)
    client.force_login(head)
    url = reverse("monitoring:task-detail", args=[task.pk])

    client.post(url, {"action": "extend", "extend-term": "в течение 2021–2022 учебного года", "extend-reason": ""})
    task.refresh_from_db()
    assert task.deadline == datetime.date(2021, 9, 1)
    client.post(url, {"action": "extend", "extend-term": "в течение 2021–2022 учебного года",
                      "extend-reason": "Перенос семинара"})
    task.refresh_from_db()
    assert (task.deadline, task.term) == (None, "в течение 2021–2022 учебного года")
    event = task.events.get(kind=TaskEventKind.EXTENDED)
    assert (event.previous_term, event.new_term, event.comment) == (
        "01.09.2021", "в течение 2021–2022 учебного года", "Перенос семинара"
    )

    client.post(url, {"action": "remind"})
    client.post(url, {"action": "remind"})  # once a day
    assert Notification.objects.filter(user=methodist, kind="assignment_due").count() == 1
    assert task.events.filter(kind=TaskEventKind.REMINDED).count() == 1


def test_only_the_executor_reports_and_only_the_issuer_side_controls(client, order, school_user, methodist):
    task = order.assignments.get(responsible=methodist)
    url = reverse("monitoring:task-detail", args=[task.pk])
    client.force_login(school_user)

    assert client.post(url, {"action": "report", "comment": "x"}).status_code == 404
    client.force_login(methodist)
    assert client.post(url, {"action": "remind"}).status_code == 403
    task.refresh_from_db()
    assert task.events.count() == 0


def test_next_years_draft_and_report_assess_last_years_measures(client, order, city, year, head):
    snapshot = build_snapshot(municipality=city, year=year, by=head)

    draft = draft_order(snapshot=snapshot, by=head)

    assert draft.evaluation.startswith(
        "Оценка эффективности мер, принятых приказом от 25.06.2021 № 110а: меры по направлениям "
    )
    assert "«Инновационная деятельность»" in draft.evaluation.split("дали положительную динамику")[0]
    total = order.recommendations.count() + 2
    assert draft.evaluation.endswith(f"выполнено мер и поручений: 0 из {total}.")
    client.force_login(head)
    response = client.get(reverse("monitoring:report-detail", args=[snapshot.pk]))
    rows = {row.direction: row for row in response.context["effects"]}
    assert rows["Инновационная деятельность"].effect_label == "эффективна"
    assert rows["Инновационная деятельность"].dynamics.endswith("с 5 до 9")
    assert rows[""].status == "Выполняется"  # an assignment: no direction, its task's status
    assert "Оценка эффективности принятых мер" in response.content.decode()


def test_the_dashboard_shows_last_years_measures_with_their_effect(client, order, year, head, school_user):
    client.force_login(head)

    response = client.get(reverse("monitoring:dashboard"), {"year": year.title})

    rows = {row.direction: row for row in response.context["effects"]}
    assert response.context["last_order"] == order
    assert (rows["Инновационная деятельность"].effect_label, rows["Инновационная деятельность"].status) == (
        "эффективна", "Выполняется"
    )
    assert rows["Инновационная деятельность"].dynamics.endswith("с 5 до 9")
    body = response.content.decode()
    assert 'id="measures-effect"' in body and "Приказ № 110а от 25.06.2021" in body
    # An institution's own dashboard has no municipal order to assess.
    client.force_login(school_user)
    own = client.get(reverse("monitoring:dashboard"), {"year": year.title})
    assert own.status_code == 200 and "measures-effect" not in own.content.decode()


def test_a_task_reported_renders_the_kept_dashboard_again_after_the_cache_is_gone(client, order, year, head):
    """The body outlives an emptied cache (kept in the database) until something it shows changes: here the status
    of a task of last year's order."""
    from django.core.cache import cache
    from django.utils import translation

    client.force_login(head)
    url = reverse("monitoring:dashboard")
    first = client.get(url, {"year": year.title})
    cache.clear()
    kept = client.get(url, {"year": year.title})
    assert "effects" not in kept.context  # not rendered: read back from the database
    assert kept.content.decode().count("Выполняется") == first.content.decode().count("Выполняется") >= 1

    task = order.assignments.get(measure__direction__code="innovation")
    task.complete(comment="Сделано")
    cache.clear()
    again = client.get(url, {"year": year.title})

    rows = {row.direction: row for row in again.context["effects"]}  # rendered again
    with translation.override("ru"):
        assert rows["Инновационная деятельность"].status == str(AssignmentStatus.REPORTED.label)


@pytest.fixture
def flat_order(city, school, other_school, year, previous_year, head, django_capture_on_commit_callbacks):
    """Last year's order with a measure for innovation, whose indicator then stays at 5 (5 → 5)."""
    register_innovation_indicator({2019: 5, 2020: 5, 2021: 5})
    two_years(school, other_school)
    set_target(INNOVATION_CODE, previous_year, 6)
    draft = draft_order(snapshot=build_snapshot(municipality=city, year=previous_year, by=head), by=head)
    with django_capture_on_commit_callbacks(execute=True):
        issue_order(order=draft, number="7", date=datetime.date(2021, 6, 25), signatory_position="Начальник",
                    signatory_name="Егорова О.Ю.", by=head)
    return draft


def test_an_unchanged_value_reads_without_change_in_the_report_the_draft_the_note_and_the_dashboard(
    client, flat_order, city, year, head
):
    import io

    from docx import Document

    from monitoring.documents import note_docx
    from monitoring.documents import note_pdf
    from monitoring.tests.test_order_documents import pdf_text

    snapshot = build_snapshot(municipality=city, year=year, by=head)
    draft = draft_order(snapshot=snapshot, by=head)
    client.force_login(head)
    unchanged = "без изменений (5)"

    report = client.get(reverse("monitoring:report-detail", args=[snapshot.pk]))
    row = next(row for row in report.context["effects"] if row.direction == "Инновационная деятельность")
    assert row.dynamics.endswith(f": {unchanged}") and row.effective is False
    assert unchanged in report.content.decode() and "с 5 до 5" not in report.content.decode()
    # The draft's paragraph names the direction among those without positive dynamics yet (its figures are in the
    # report's table).
    assert "«Инновационная деятельность»" in draft.evaluation.split("положительной динамики пока нет")[0]
    dashboard = client.get(reverse("monitoring:dashboard"), {"year": year.title}).content.decode()
    assert unchanged in dashboard and "с 5 до 5" not in dashboard
    note = "\n".join(cell.text for table in Document(io.BytesIO(note_docx(snapshot))).tables
                     for table_row in table.rows for cell in table_row.cells)
    assert unchanged in note and "с 5 до 5" not in note
    assert "безизменений(5)" in pdf_text(note_pdf(snapshot))  # squashed: without spaces


def test_the_change_phrase_says_unchanged_when_both_years_read_the_same():
    from django.utils.translation import override

    from monitoring.services import change_phrase
    from monitoring.tests.test_order_documents import indicator

    with override("ru"):
        assert change_phrase(indicator("a", "training", "0.2160", "0.2160")) == "без изменений (21,6\u00a0%)"
        # The same figure to a tenth of a per cent is no change either; zero both years is not «впервые».
        assert change_phrase(indicator("a", "training", "0.2161", "0.2159")) == "без изменений (21,6\u00a0%)"
        assert change_phrase(indicator("a", "training", "0", "0", unit="count")) == "без изменений (0)"
        assert change_phrase(indicator("a", "training", "0.2500", "0.2160")) == "с 21,6\u00a0% до 25,0\u00a0%"


def test_a_drafts_assignments_have_no_task_status_until_the_order_is_issued(
    client, flat_order, city, year, head, methodist, django_capture_on_commit_callbacks
):
    draft = draft_order(snapshot=build_snapshot(municipality=city, year=year, by=head), by=head)
    Assignment.objects.create(order=draft, position=1, responsible=methodist, text="обновить план", term="постоянно")
    client.force_login(head)
    url = reverse("monitoring:order-detail", args=[draft.pk])

    body = client.get(url).content.decode()
    assignments = body.split('id="asg-heading"')[1].split("</section>")[0]
    assert "Выполняется" not in assignments and "Выполнено" not in assignments
    assert assignments.count("станет задачей после издания приказа") == draft.assignments.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        issue_order(order=draft, number="8", date=datetime.date(2022, 6, 25), signatory_position="Начальник",
                    signatory_name="Егорова О.Ю.", by=head)
    issued = client.get(url).content.decode().split('id="asg-heading"')[1].split("</section>")[0]
    assert issued.count("Выполняется") == draft.assignments.count()
    assert "после издания приказа" not in issued
