import datetime

import pytest
from django.db import connection
from django.template import Context
from django.template import Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.kinds import Channel
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.models import Preference

from .factories import NotificationFactory


@pytest.fixture
def mine(methodist):
    return [
        NotificationFactory(user=methodist, title="Просрочено: обновить план"),
        NotificationFactory(user=methodist, title="Уже прочитано", read_at=datetime.datetime(2021, 6, 12, 9, 0,
                                                                                             tzinfo=datetime.UTC)),
        NotificationFactory(user=methodist, title="Срок 15.06.2021: семинар"),
    ]


@pytest.fixture
def theirs(school_user):
    return NotificationFactory(user=school_user, title="Чужое уведомление")


def test_the_list_shows_only_own_notifications_unread_first(client, methodist, mine, theirs):
    client.force_login(methodist)
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    titles = [n.title for n in response.context["page"]]
    assert titles[-1] == "Уже прочитано" and set(titles[:2]) == {"Просрочено: обновить план", "Срок 15.06.2021: семинар"}
    assert "Чужое уведомление" not in response.content.decode()
    assert response.context["unread_count"] == 2


def test_the_list_filters_unread_and_by_kind(client, methodist, mine):
    NotificationFactory(user=methodist, kind=Kind.CERTIFICATE_ISSUED, title="Сертификат выдан")
    client.force_login(methodist)

    assert len(client.get(reverse("notifications:list"), {"unread": "1"}).context["page"].object_list) == 3
    page = client.get(reverse("notifications:list"), {"kind": "certificate_issued"}).context["page"]
    assert [n.title for n in page] == ["Сертификат выдан"]


def test_an_empty_list_says_so(client, methodist):
    client.force_login(methodist)
    assert "Уведомлений пока нет" in client.get(reverse("notifications:list")).content.decode()


def test_the_bell_counts_unread_with_one_query_until_a_notification_changes(client, methodist, mine):
    client.force_login(methodist)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'id="notification-count">2<' in html

    request = RequestFactory().get("/")
    request.user = methodist
    template = Template("{% load notifications %}{% notification_bell %}")
    with CaptureQueriesContext(connection) as queries:
        assert ">2<" in template.render(Context({"request": request}))
    assert len(queries) == 0  # counted by the page above, kept until a record changes

    Notification.objects.filter(user=methodist).first().delete()
    with CaptureQueriesContext(connection) as queries:
        assert ">1<" in template.render(Context({"request": request}))
    assert len(queries) == 1
    Notification.objects.filter(user=methodist).mark_read()
    assert 'id="notification-count"' not in client.get(reverse("notifications:preferences")).content.decode()


def test_marking_one_read_lowers_the_count_and_can_open_the_link(client, methodist, mine):
    client.force_login(methodist)
    target = mine[0]
    target.url = "/monitoring/tasks/5/"
    target.save()

    response = client.post(reverse("notifications:read", args=[target.pk]), {"open": "1"})

    assert response.status_code == 302 and response["Location"] == "/monitoring/tasks/5/"
    assert Notification.objects.for_user(methodist).unread().count() == 1


def test_another_users_notification_cannot_be_marked(client, methodist, theirs):
    client.force_login(methodist)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_own(client, methodist, mine, theirs):
    client.force_login(methodist)
    client.post(reverse("notifications:read-all"))

    assert Notification.objects.filter(user=methodist, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_needs_a_login(client):
    assert client.get(reverse("notifications:list")).status_code == 302


def test_preferences_are_saved_per_kind_and_defaults_are_not_stored(client, methodist):
    client.force_login(methodist)
    data = dict.fromkeys(Kind.values, Channel.EMAIL)
    data[Kind.CERTIFICATE_ISSUED] = Channel.IN_APP  # the default
    data[Kind.REVIEW_DUE] = Channel.OFF
    data[Kind.ASSIGNMENT_DUE] = Channel.IN_APP

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=methodist).values_list("kind", "channel")) == {
        "review_due": "off", "assignment_due": "in_app",
    }
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"]["review_due"].value() == "off"


def test_preferences_reject_an_unknown_channel_and_keep_the_choices(client, methodist):
    client.force_login(methodist)
    data = dict.fromkeys(Kind.values, Channel.EMAIL)
    data[Kind.REVIEW_DUE] = "pigeon"
    data.pop(Kind.ASSIGNMENT_DUE)

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Выберите, как получать это уведомление." in html
    assert response.context["form"]["review_due"].errors
    assert response.context["form"]["review_due"].value() == "pigeon"  # what was typed is kept
    assert Preference.objects.count() == 0


def test_api_lists_only_own_and_marks_read(client, methodist, mine, theirs):
    client.force_login(methodist)
    data = client.get("/api/v1/notifications/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert sorted(row["title"] for row in rows) == sorted(n.title for n in mine)

    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    response = client.post(f"/api/v1/notifications/{mine[0].pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"]
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}


def test_api_needs_authentication(client, mine):
    assert client.get("/api/v1/notifications/").status_code in (401, 403)


def test_the_list_page_query_count_does_not_grow_with_the_notifications(client, methodist):
    client.force_login(methodist)

    def queries_for(count):
        Notification.objects.all().delete()
        NotificationFactory.create_batch(count, user=methodist)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(captured)

    assert queries_for(3) == queries_for(20)
