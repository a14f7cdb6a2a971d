"""The home page lists what needs each role now; every count equals the length of the list it links to."""

import datetime

import pytest
from django.utils import timezone

from core.todo import todo_items
from expertise.services import assign_experts
from expertise.services import submit_review
from expertise.tests.factories import ExpertFactory
from expertise.tests.factories import ReviewRequestFactory
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import add_assignment
from staffing.models import SubmissionStatus
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import submitted

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def todo(client, user) -> dict[str, tuple[int, str]]:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return {item.title: (item.count, item.url) for item in response.context["todo"]}


def listed(client, url: str, key: str = "page") -> int:
    context = client.get(url).context
    value = context[key]
    return value.paginator.count if hasattr(value, "paginator") else len(value)


@pytest.fixture
def expert_entry(expert, other_school):
    from core.tests.factories import PedagogueFactory

    return ExpertFactory(pedagogue=PedagogueFactory(institution=other_school), user=expert)


def test_expert_sees_the_reviews_assigned_and_the_queue_has_as_many(client, expert, expert_entry, methodist,
                                                                     school, school_user):
    requests = ReviewRequestFactory.create_batch(3, institution=school, submitted_by=school_user)
    for request in requests:
        assign_experts(request=request, experts=[expert_entry], deadline=TODAY, by=methodist)
    submit_review(assignment=requests[0].assignments.get(), scores={c.pk: 2 for c in requests[0].criteria()},
                  comment="", recommendation="revise", by=expert)

    items = todo(client, expert)

    count, url = items["Назначенные вам экспертизы"]
    assert count == 2 == listed(client, url, "pending")
    page = client.get("/").content.decode()
    assert 'id="todo"' in page and page.index('id="todo"') < page.index("Разделы")  # the tiles move below


def test_methodist_sees_requests_waiting_for_experts_and_as_chair_those_waiting_for_a_conclusion(
        client, methodist, city, school, school_user, expert, expert_entry):
    from expertise.models import CouncilOfficer

    ReviewRequestFactory.create_batch(2, institution=school, submitted_by=school_user)
    reviewed = ReviewRequestFactory(institution=school, submitted_by=school_user)
    assign_experts(request=reviewed, experts=[expert_entry], deadline=TODAY, by=methodist)
    submit_review(assignment=reviewed.assignments.get(), scores={c.pk: 3 for c in reviewed.criteria()},
                  comment="", recommendation="recommended", by=expert)

    items = todo(client, methodist)
    count, url = items["Заявки на экспертизу без экспертов"]
    assert count == 2 == listed(client, url)
    assert "Рассмотренные заявки ждут заключения совета" not in items  # not the council's officer

    CouncilOfficer.objects.create(municipality=city, user=methodist)
    count, url = todo(client, methodist)["Рассмотренные заявки ждут заключения совета"]
    assert count == 1 == listed(client, url)


def test_school_sees_its_overdue_and_returned_staffing_answers(client, school_user, school, city):
    overdue = CampaignFactory(municipality=city, deadline=TODAY - datetime.timedelta(days=2), title="Сбор А")
    returned = CampaignFactory(municipality=city, deadline=TODAY + datetime.timedelta(days=20), title="Сбор Б")
    submitted(returned, school, status=SubmissionStatus.RETURNED)
    done = CampaignFactory(municipality=city, deadline=TODAY + datetime.timedelta(days=20), title="Сбор В")
    submitted(done, school)

    items = todo(client, school_user)

    assert set(items) == {
        f"Кадровая потребность {school.short_name} просрочена (срок {overdue.deadline:%d.%m.%Y})",
        f"Кадровая потребность {school.short_name} возвращена на исправление",
    }
    urls = {url for _count, url in items.values()}
    assert urls == {f"/staffing/campaigns/{overdue.pk}/institutions/{school.pk}/",
                    f"/staffing/campaigns/{returned.pk}/institutions/{school.pk}/"}
    assert all(client.get(url).status_code == 200 for url in urls)


def test_methodist_sees_the_returns_to_review_as_the_completeness_page_lists_them(client, methodist, city, school,
                                                                                  other_school):
    campaign = CampaignFactory(municipality=city, deadline=TODAY + datetime.timedelta(days=5), title="Сбор Г")
    submitted(campaign, school)
    submitted(campaign, other_school, status=SubmissionStatus.ACCEPTED)

    count, url = todo(client, methodist)["Ответы о кадровой потребности на проверку: «Сбор Г»"]

    assert count == 1 == listed(client, url)


def test_a_returned_answer_notifies_the_school(school_user, school, city, methodist,
                                               django_capture_on_commit_callbacks):
    from notifications.models import Notification
    from staffing.services import return_submission

    campaign = CampaignFactory(municipality=city, deadline=TODAY + datetime.timedelta(days=5))
    answer = submitted(campaign, school)
    with django_capture_on_commit_callbacks(execute=True):
        return_submission(submission=answer, by=methodist, comment="Уточните ставки")

    note = Notification.objects.get(user=school_user)
    assert (note.kind, note.body, note.url) == (
        "staffing_returned", "Уточните ставки", f"/staffing/campaigns/{campaign.pk}/institutions/{school.pk}/")


def test_my_order_assignments_and_the_overdue_ones_match_the_task_list(client, city, year, head, methodist):
    import datetime as dt

    order = draft_order(snapshot=build_snapshot(municipality=city, year=year), by=head)
    add_assignment(order, methodist, deadline=TODAY + dt.timedelta(days=3), text="Провести семинар")
    add_assignment(order, methodist, deadline=TODAY - dt.timedelta(days=3), text="Сдать отчёт")
    add_assignment(order, head, deadline=TODAY - dt.timedelta(days=3), text="Чужое")
    order.issue(number="12", date=dt.date(2022, 6, 1), signatory_position="Начальник", signatory_name="Егорова",
                by=head)

    items = todo(client, methodist)

    count, url = items["Поручения в работе"]
    assert count == 2 + order.assignments.filter(responsible=methodist).exclude(
        text__in=["Провести семинар", "Сдать отчёт"]).count() == listed(client, url)
    count, url = items["Просроченные поручения"]
    assert count == listed(client, url) >= 1
    assert list(items)[0] == "Просроченные поручения"  # urgent first


def test_a_user_without_pending_work_is_told_so(client, teacher):
    client.force_login(teacher)
    assert todo_items(teacher) == []
    assert 'id="todo-empty"' in client.get("/").content.decode()


def test_pairs_with_nothing_logged_for_a_month_match_the_filtered_pair_list(client, methodist, school):
    from mentoring.models import Task
    from mentoring.tests.factories import PairFactory

    long_ago = TODAY - datetime.timedelta(days=90)
    silent = PairFactory(institution=school, start=long_ago)
    busy = PairFactory(institution=school, start=long_ago)
    Task.objects.create(pair=busy, title="Посетить урок", deadline=TODAY, done_on=TODAY - datetime.timedelta(days=3))
    PairFactory(institution=school, start=TODAY - datetime.timedelta(days=5))  # too new to be silent

    count, url = todo(client, methodist)["Наставнические пары без записей за месяц"]

    assert count == 1 == listed(client, url)
    assert list(client.get(url).context["page"].object_list) == [silent]


def test_meetings_without_attendance_match_their_list_and_only_editors_see_them(client, methodist, city, school,
                                                                                 school_user):
    from associations.models import Attendance
    from associations.tests.factories import AssociationFactory
    from associations.tests.factories import MeetingFactory
    from core.tests.factories import PedagogueFactory

    gmo = AssociationFactory(municipality=city, started=datetime.date(2019, 9, 1))
    start = datetime.date(TODAY.year if TODAY.month >= 9 else TODAY.year - 1, 9, 1)
    missing = MeetingFactory(association=gmo, date=TODAY, topic="Без отметок")
    marked = MeetingFactory(association=gmo, date=TODAY, topic="С отметками")
    Attendance.objects.create(meeting=marked, pedagogue=PedagogueFactory(institution=school))
    MeetingFactory(association=gmo, date=TODAY + datetime.timedelta(days=10), topic="Впереди")
    MeetingFactory(association=gmo, date=start - datetime.timedelta(days=30), topic="Прошлый год")

    count, url = todo(client, methodist)["Заседания без отметки посещаемости"]

    assert count == 1 == listed(client, url)
    assert list(client.get(url).context["page"].object_list) == [missing]
    assert "Заседания без отметки посещаемости" not in todo(client, school_user)


def test_certificates_to_issue_count_the_events_whose_list_shows_them(client, methodist, city, school, school_user):
    from associations.models import Attendance
    from associations.tests.factories import AssociationFactory
    from associations.tests.factories import MeetingFactory
    from certificates.services import issue_certificates
    from certificates.sources import get_source
    from core.tests.factories import PedagogueFactory

    to_issue = "Выдать удостоверения: Заседания и семинары объединений"
    gmo = AssociationFactory(municipality=city, started=datetime.date(2019, 9, 1))
    start = datetime.date(TODAY.year if TODAY.month >= 9 else TODAY.year - 1, 9, 1)
    waiting = MeetingFactory(association=gmo, date=TODAY, topic="Ждёт удостоверений")
    partly = MeetingFactory(association=gmo, date=TODAY, topic="Выдано не всем")
    issued = MeetingFactory(association=gmo, date=TODAY, topic="Всё выдано")
    absent_only = MeetingFactory(association=gmo, date=TODAY, topic="Никто не пришёл")
    last_year = MeetingFactory(association=gmo, date=start - datetime.timedelta(days=30), topic="Прошлый год")
    first, second = PedagogueFactory(institution=school), PedagogueFactory(institution=school)
    for meeting in (waiting, issued, last_year):
        Attendance.objects.create(meeting=meeting, pedagogue=first)
    Attendance.objects.create(meeting=absent_only, pedagogue=first, present=False)
    Attendance.objects.create(meeting=partly, pedagogue=first)
    source = get_source("associations.meeting")
    issue_certificates(source=source, event=issued, by=methodist)
    issue_certificates(source=source, event=partly, by=methodist)
    Attendance.objects.create(meeting=partly, pedagogue=second)  # marked after the first issue

    count, url = todo(client, methodist)[to_issue]

    assert count == 2 == listed(client, url)
    assert {event.topic for event, _described in client.get(url).context["events"]} == {
        "Ждёт удостоверений", "Выдано не всем"}
    issue_certificates(source=source, event=waiting, by=methodist)
    assert todo(client, methodist)[to_issue][0] == 1  # the home page's cached count follows the bulk issue
    assert not any(title.startswith("Выдать удостоверения") for title in todo(client, school_user))
