import pytest

from associations.tests.factories import AssociationFactory
from associations.tests.factories import MeetingFactory
from associations.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_association_api_is_scoped_and_filtered(client, methodist, gmo, community, members, other_city):
    AssociationFactory(municipality=other_city, title="Чужое ГМО")
    client.force_login(methodist)
    data = client.get("/api/v1/associations/").json()
    assert sorted(row["title"] for row in data["results"]) == ["ГМО учителей математики", "Сообщество наставников"]
    data = client.get("/api/v1/associations/", {"kind": "gmo"}).json()
    assert [(row["title"], row["member_count"]) for row in data["results"]] == [("ГМО учителей математики", 2)]


def test_meeting_api_gives_attendance_and_hides_other_associations(client, school_user, gmo, members, community):
    meeting = MeetingFactory(association=gmo)
    meeting.attendance.create(pedagogue=members[0], present=True)
    MeetingFactory(association=community)
    client.force_login(school_user)
    rows = client.get("/api/v1/association-meetings/").json()["results"]
    assert [row["id"] for row in rows] == [meeting.pk]
    assert rows[0]["attendance"] == [{"pedagogue": members[0].pk, "pedagogue_name": members[0].full_name,
                                      "present": True, "is_guest": False}]
    assert client.get(f"/api/v1/association-meetings/{meeting.pk + 1}/").status_code == 404


def test_product_api_filters_by_producing_kind(client, methodist, gmo, community):
    ProductFactory(association=gmo, title="Продукт ГМО")
    ProductFactory(association=community, title="Продукт сообщества")
    client.force_login(methodist)
    rows = client.get("/api/v1/association-products/", {"kind": "community"}).json()["results"]
    assert [row["title"] for row in rows] == ["Продукт сообщества"]


def test_api_writes_with_the_forms_rules(client, methodist, gmo):
    client.force_login(methodist)
    response = client.post("/api/v1/associations/", {"title": "x"}, content_type="application/json")
    assert response.status_code == 400 and {"municipality", "started"} <= set(response.json())


def test_anonymous_gets_nothing(client, gmo):
    assert client.get("/api/v1/associations/").status_code in (401, 403)
