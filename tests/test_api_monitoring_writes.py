"""The yearly report, the order and its tasks through the API (issue 15.6): the head builds a report, drafts the
order from it, edits the draft, issues it; the executor reports a task and the issuer accepts it — with the
pages' forms and services, and nobody else writes them."""

import datetime

import pytest

from conftest import api_of
from conftest import make_user
from core.scoping import Role
from monitoring.models import Assignment
from monitoring.models import AssignmentStatus
from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.models import Recommendation
from monitoring.models import ReportSnapshot
from monitoring.registry import registry


@pytest.fixture(autouse=True)
def few_indicators(monkeypatch):
    """Other apps' indicators are not the subject here: the report freezes the staff indicators only."""
    monkeypatch.setattr(registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("monitoring.")})


def draft(head, year) -> dict:
    client = api_of(head)
    report = client.post("/api/v1/monitoring/reports/", {"year": year.pk}, format="json")
    assert report.status_code == 201, report.json()
    order = client.post("/api/v1/monitoring/orders/", {"snapshot": report.json()["id"]}, format="json")
    assert order.status_code == 201, order.json()
    return order.json()


def test_head_builds_a_report_drafts_edits_and_issues_the_order_and_the_task_is_reported_and_accepted(
        head, school_user, city, year):
    order = draft(head, year)
    snapshot = ReportSnapshot.objects.get()
    assert (snapshot.municipality, snapshot.year, snapshot.created_by) == (city, year, head)
    assert order["status"] == "draft" and order["year_title"] == "2021/2022"
    assert order["title"] == Order.objects.get().title != ""
    client = api_of(head)

    response = client.patch(f"/api/v1/monitoring/orders/{order['id']}/", {"control": "Контроль оставляю за собой."},
                            format="json")
    assert response.status_code == 200, response.json()
    assert Order.objects.get().control == "Контроль оставляю за собой."

    measure = client.post("/api/v1/monitoring/order-measures/", {
        "order": order["id"], "position": 9, "text": "Провести семинар", "deadline": "2022-12-01", "term": "постоянно",
    }, format="json")
    assert measure.status_code == 400 and "term" in measure.json()  # the model's rule: a date or words, not both
    measure = client.post("/api/v1/monitoring/order-measures/", {
        "order": order["id"], "position": 9, "text": "Провести семинар", "term": "постоянно",
    }, format="json")
    assert measure.status_code == 201, measure.json()
    assignment = client.post("/api/v1/monitoring/assignments/", {
        "order": order["id"], "text": "Обновить план", "responsible": school_user.pk, "deadline": "2022-11-01",
    }, format="json")
    assert assignment.status_code == 201, assignment.json()
    assert assignment.json()["is_task"] is False

    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    issue = {"number": "110а", "date": future, "signatory_position": "Руководитель", "signatory_name": "Егорова О.Ю."}
    response = client.post(f"/api/v1/monitoring/orders/{order['id']}/issue/", issue, format="json")
    assert response.status_code == 400 and "ещё не наступила" in " ".join(response.json()["warnings"])
    assert Order.objects.get().status == OrderStatus.DRAFT
    response = client.post(f"/api/v1/monitoring/orders/{order['id']}/issue/", {**issue, "confirm": True},
                           format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "issued" and response.json()["number"] == "110а"
    measure_task = Assignment.objects.get(measure__text="Провести семинар")
    assert measure_task.term == "постоянно"

    # Issued: the order and its parts are frozen.
    response = client.patch(f"/api/v1/monitoring/orders/{order['id']}/", {"title": "Другое"}, format="json")
    assert response.status_code == 403 and "издан" in response.json()["detail"]
    assert client.delete(f"/api/v1/monitoring/order-measures/{measure.json()['id']}/").status_code == 403
    assert Recommendation.objects.filter(pk=measure.json()["id"]).exists()

    task = assignment.json()["id"]
    executor = api_of(school_user)
    assert executor.post(f"/api/v1/monitoring/assignments/{task}/accept/", {}, format="json").status_code == 403
    response = executor.post(f"/api/v1/monitoring/assignments/{task}/report/", {"comment": ""}, format="json")
    assert response.status_code == 400 and "comment" in response.json()
    response = executor.post(f"/api/v1/monitoring/assignments/{task}/report/", {"comment": "План обновлён"},
                             format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == AssignmentStatus.REPORTED and response.json()["is_task"] is True
    response = client.post(f"/api/v1/monitoring/assignments/{task}/accept/", {"comment": "Принято"}, format="json")
    assert response.status_code == 200
    assert Assignment.objects.get(pk=task).status == AssignmentStatus.DONE
    assert [e.kind for e in Assignment.objects.get(pk=task).events.all()] == ["reported", "accepted"]


def test_only_the_municipalitys_head_writes_reports_and_orders(head, methodist, school_user, city, other_city, year):
    order = draft(head, year)
    stranger = make_user("other-head", Role.HEAD, municipality=other_city)
    url = f"/api/v1/monitoring/orders/{order['id']}/"

    assert api_of(methodist).get(url).status_code == 200  # the methodists read the order
    assert api_of(methodist).patch(url, {"title": "x"}, format="json").status_code == 403
    assert api_of(methodist).post("/api/v1/monitoring/reports/", {"year": year.pk}, format="json").status_code == 403
    assert api_of(methodist).post("/api/v1/monitoring/orders/", {"snapshot": order["snapshot"]},
                               format="json").status_code == 403
    assert api_of(school_user).get(url).status_code == 403

    assert api_of(stranger).get(url).status_code == 404
    assert api_of(stranger).patch(url, {"title": "x"}, format="json").status_code == 404
    assert api_of(stranger).delete(url).status_code == 404
    response = api_of(stranger).post("/api/v1/monitoring/orders/", {"snapshot": order["snapshot"]}, format="json")
    assert response.status_code == 400 and "snapshot" in response.json()
    response = api_of(stranger).post("/api/v1/monitoring/reports/", {"year": year.pk, "municipality": city.pk},
                                  format="json")
    assert response.status_code == 400 and "municipality" in response.json()
    response = api_of(stranger).post("/api/v1/monitoring/assignments/", {
        "order": order["id"], "text": "Чужое поручение", "addressee": "Кому-то"}, format="json")
    assert response.status_code == 400 and "order" in response.json()
    assert Order.objects.count() == 1 and ReportSnapshot.objects.count() == 1
    assert Order.objects.get().title == order["title"] and not Assignment.objects.exists()

    # A draft is deleted by its head, with its measures; a report is never deleted.
    assert api_of(head).delete(f"/api/v1/monitoring/reports/{order['snapshot']}/").status_code == 405
    assert api_of(head).delete(url).status_code == 204
    assert not Order.objects.exists() and not Recommendation.objects.exists()


def test_a_task_is_seen_and_reported_by_its_executor_only(head, school_user, outsider, year):
    order = draft(head, year)
    task = api_of(head).post("/api/v1/monitoring/assignments/", {
        "order": order["id"], "text": "Обновить план", "responsible": school_user.pk, "term": "до конца года",
    }, format="json").json()["id"]
    # Not a task while the order is a draft: the school does not see it.
    assert api_of(school_user).get(f"/api/v1/monitoring/assignments/{task}/").status_code == 404
    api_of(head).post(f"/api/v1/monitoring/orders/{order['id']}/issue/", {
        "number": "5", "date": "2022-09-01", "signatory_position": "Руководитель", "signatory_name": "Егорова О.Ю.",
    }, format="json")
    assert [row["id"] for row in api_of(school_user).get("/api/v1/monitoring/assignments/").json()["results"]] == [task]
    assert api_of(outsider).get("/api/v1/monitoring/assignments/").json()["results"] == []
    response = api_of(outsider).post(f"/api/v1/monitoring/assignments/{task}/report/", {"comment": "Сделано"},
                                  format="json")
    assert response.status_code == 404
    assert api_of(school_user).patch(f"/api/v1/monitoring/assignments/{task}/", {"text": "x"},
                                  format="json").status_code == 403
    assert Assignment.objects.get(pk=task).status == AssignmentStatus.OPEN
    assert Assignment.objects.get(pk=task).text == "Обновить план"


def test_the_head_edits_a_directions_recommendation_and_nobody_else(head, methodist):
    from monitoring.models import Direction

    direction = Direction.objects.order_by("pk").first()
    url = f"/api/v1/monitoring/directions/{direction.pk}/"
    assert api_of(methodist).patch(url, {"recommendation": "x"}, format="json").status_code == 403
    response = api_of(head).patch(url, {"recommendation": "Провести курсы"}, format="json")
    assert response.status_code == 200, response.json()
    assert Direction.objects.get(pk=direction.pk).recommendation == "Провести курсы"
    assert api_of(head).post("/api/v1/monitoring/directions/", {"title": "x"}, format="json").status_code == 405
