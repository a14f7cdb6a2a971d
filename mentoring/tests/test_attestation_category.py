"""An attestation that assigns a category puts it into the pedagogue's category history (issue 15.1), with the
history's rules (order No. 196): no future date, «методист»/«наставник» only on a highest category held."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import api_of
from core.models import CategoryAward
from core.models import Pedagogue
from mentoring.models import Attestation
from mentoring.tests.factories import PedagogueFactory


def test_an_assigned_category_recorded_on_the_page_enters_the_category_history(client, methodist, school):
    teacher = PedagogueFactory(institution=school)
    client.force_login(methodist)
    response = client.post(reverse("mentoring:attestation-create"), {
        "pedagogue": teacher.pk, "category": "highest", "applied_on": "2021-02-01", "date": "2021-04-15",
        "result": "assigned", "order_ref": "№ 301-11-05"})
    assert response.status_code == 302
    award = CategoryAward.objects.get(pedagogue=teacher)
    assert (award.category, award.order_date, award.order_number, award.valid_until) == (
        "highest", datetime.date(2021, 4, 15), "№ 301-11-05", datetime.date(2026, 4, 15))
    teacher.refresh_from_db()
    assert (teacher.category, teacher.category_date) == ("highest", datetime.date(2021, 4, 15))

    # Saved again (a corrected order number): still one award.
    attestation = Attestation.objects.get()
    client.post(reverse("mentoring:attestation-edit", args=[attestation.pk]), {
        "pedagogue": teacher.pk, "category": "highest", "applied_on": "2021-02-01", "date": "2021-04-15",
        "result": "assigned", "order_ref": "№ 301-11-05"})
    assert CategoryAward.objects.filter(pedagogue=teacher).count() == 1


def test_an_attestation_refuses_what_the_category_history_refuses(methodist, school):
    teacher = PedagogueFactory(institution=school)
    api = api_of(methodist)
    record = {"pedagogue": teacher.pk, "category": "methodist", "applied_on": "2021-02-01", "date": "2021-04-15",
              "result": "assigned", "order_ref": "№ 12"}
    response = api.post("/api/v1/mentoring/attestations/", record, format="json")
    assert response.status_code == 400 and "высшую" in response.json()["category"][0]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.post("/api/v1/mentoring/attestations/", {
        **record, "category": "first", "applied_on": tomorrow.isoformat(), "date": tomorrow.isoformat()},
        format="json")
    assert response.status_code == 400 and "date" in response.json()
    assert not Attestation.objects.exists() and not CategoryAward.objects.exists()

    CategoryAward.objects.create(pedagogue=teacher, category="highest", order_date=datetime.date(2019, 3, 1))
    response = api.post("/api/v1/mentoring/attestations/", record, format="json")
    assert response.status_code == 201, response.json()
    assert Pedagogue.objects.get(pk=teacher.pk).category == "methodist"
    assert list(CategoryAward.objects.filter(pedagogue=teacher).values_list("category", flat=True)) == [
        "methodist", "highest"]


def test_a_refused_or_pending_attestation_awards_nothing(client, methodist, school):
    teacher = PedagogueFactory(institution=school)
    client.force_login(methodist)
    for result in ("refused", "pending"):
        client.post(reverse("mentoring:attestation-create"), {
            "pedagogue": teacher.pk, "category": "first", "applied_on": "2021-02-01", "date": "2021-04-15",
            "result": result})
    assert Attestation.objects.count() == 2 and not CategoryAward.objects.exists()
