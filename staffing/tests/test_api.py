"""The API of campaigns and submissions: scoping and the open/closed rules."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from core.models import Position
from staffing.models import Campaign
from staffing.models import CampaignStatus
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import NeedFactory
from staffing.tests.factories import submitted

CAMPAIGNS = "/api/v1/staffing/campaigns/"
SUBMISSIONS = "/api/v1/staffing/submissions/"


@pytest.fixture
def api():
    return APIClient()


def need_payload(**changes):
    payload = {"position": Position.objects.get(name="учитель").pk, "rates": "1.00", "reason": "vacancy"}
    payload.update(changes)
    return payload


def test_methodist_creates_and_closes_a_campaign(api, methodist, city, year):
    api.force_authenticate(methodist)

    response = api.post(CAMPAIGNS, {
        "municipality": city.pk, "title": "На 01.08.2021", "as_of": "2021-08-01", "year": year.pk,
        "deadline": "2021-06-15", "types": ["general"],
    }, format="json")

    assert response.status_code == 201, response.data
    assert response.data["types"] == ["general"] and response.data["is_open"] is True
    closed = api.post(f"{CAMPAIGNS}{response.data['id']}/close/")
    assert closed.data["status"] == "closed"
    assert Campaign.objects.get().status == CampaignStatus.CLOSED


def test_school_cannot_create_or_close_campaigns(api, school_user, campaign, city, year):
    api.force_authenticate(school_user)

    assert api.post(CAMPAIGNS, {"municipality": city.pk, "title": "x", "as_of": "2021-08-01", "year": year.pk,
                                "deadline": "2021-06-15"}, format="json").status_code == 403
    assert api.post(f"{CAMPAIGNS}{campaign.pk}/close/").status_code == 403
    assert [c["id"] for c in api.get(CAMPAIGNS).data["results"]] == [campaign.pk]


def test_methodist_cannot_create_campaigns_in_another_city(api, methodist, other_city, year):
    api.force_authenticate(methodist)

    response = api.post(CAMPAIGNS, {"municipality": other_city.pk, "title": "x", "as_of": "2021-08-01",
                                    "year": year.pk, "deadline": "2021-06-15"}, format="json")

    assert response.status_code == 400 and "municipality" in response.data


def test_school_writes_its_submission_with_needs_and_submits(api, school_user, campaign, school):
    api.force_authenticate(school_user)

    created = api.post(SUBMISSIONS, {
        "campaign": campaign.pk, "institution": school.pk, "contact": "Петрова",
        "needs": [need_payload(), need_payload(rates=None, weekly_hours=9)],
    }, format="json")

    assert created.status_code == 201, created.data
    assert [Decimal(n["posts"]) for n in created.data["needs"]] == [Decimal("1.00"), Decimal("0.50")]
    submitted_ = api.post(f"{SUBMISSIONS}{created.data['id']}/submit/")
    assert submitted_.data["status"] == "submitted"
    locked = api.patch(f"{SUBMISSIONS}{created.data['id']}/", {"no_needs": True}, format="json")
    assert locked.status_code == 403


def test_school_cannot_write_for_another_school(api, school_user, campaign, other_school):
    api.force_authenticate(school_user)

    response = api.post(SUBMISSIONS, {"campaign": campaign.pk, "institution": other_school.pk, "no_needs": True},
                        format="json")

    assert response.status_code == 400  # the other school is not among the choices
    assert not Submission.objects.exists()


def test_school_reads_only_its_own_submissions(api, school_user, campaign, school, other_school):
    own = submitted(campaign, school)
    other = submitted(campaign, other_school)
    api.force_authenticate(school_user)

    assert [s["id"] for s in api.get(SUBMISSIONS).data["results"]] == [own.pk]
    assert api.get(f"{SUBMISSIONS}{other.pk}/").status_code == 404
    assert api.post(f"{SUBMISSIONS}{other.pk}/submit/").status_code == 404


def test_closed_campaign_refuses_writes(api, school_user, campaign, school):
    draft = Submission.objects.create(campaign=campaign, institution=school)
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    api.force_authenticate(school_user)

    assert api.patch(f"{SUBMISSIONS}{draft.pk}/", {"no_needs": True}, format="json").status_code == 403
    assert api.post(f"{SUBMISSIONS}{draft.pk}/submit/").status_code == 403
    other_campaign = CampaignFactory(municipality=campaign.municipality, status=CampaignStatus.CLOSED)
    response = api.post(SUBMISSIONS, {"campaign": other_campaign.pk, "institution": school.pk, "no_needs": True},
                        format="json")
    assert response.status_code == 403


def test_submit_needs_rows_or_an_explicit_no(api, school_user, campaign, school):
    draft = Submission.objects.create(campaign=campaign, institution=school)
    api.force_authenticate(school_user)

    response = api.post(f"{SUBMISSIONS}{draft.pk}/submit/")

    assert response.status_code == 400
    assert response.data["detail"] == "Перед отправкой перечислите потребности или отметьте «Потребности нет»."


def test_methodist_returns_and_accepts_but_school_cannot(api, methodist, school_user, campaign, school):
    submission = submitted(campaign, school)
    NeedFactory(submission=submission)
    api.force_authenticate(school_user)
    assert api.post(f"{SUBMISSIONS}{submission.pk}/accept/").status_code == 403

    api.force_authenticate(methodist)
    returned = api.post(f"{SUBMISSIONS}{submission.pk}/return/", {"comment": "Нет предмета"}, format="json")
    assert returned.data["status"] == "returned" and returned.data["review_comment"] == "Нет предмета"
    assert api.post(f"{SUBMISSIONS}{submission.pk}/accept/").status_code == 403  # returned: nothing to accept

    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    assert api.post(f"{SUBMISSIONS}{submission.pk}/accept/").data["status"] == "accepted"


def test_teacher_sees_no_campaigns_or_submissions(api, teacher, campaign, school):
    submitted(campaign, school)
    api.force_authenticate(teacher)

    assert api.get(CAMPAIGNS).data["count"] == 0
    assert api.get(SUBMISSIONS).data["count"] == 0


def test_methodist_of_another_city_cannot_reach_the_campaign(api, other_city, campaign):
    from conftest import make_user

    api.force_authenticate(make_user("stranger", "methodist", municipality=other_city))

    assert api.get(f"{CAMPAIGNS}{campaign.pk}/").status_code == 404
    assert api.patch(f"{CAMPAIGNS}{campaign.pk}/", {"title": "x"}, format="json").status_code == 404
    assert api.post(f"{CAMPAIGNS}{campaign.pk}/close/").status_code == 404
