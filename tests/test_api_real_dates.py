"""Any year can be entered through the API (issue 15.5 and 15.6): a bank item published, a review concluded and a
staffing answer received on a day of a past year count in that year's indicators; a future day is refused with
the field named; the category history is written with the model's rules; nobody writes another's records."""

import datetime

import pytest
from django.utils import timezone

from banks.models import Item
from banks.models import ItemStatus
from banks.tests.factories import ItemFactory
from conftest import api_of
from conftest import make_user
from core.models import AcademicYear
from core.models import CategoryAward
from core.models import Pedagogue
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from expertise.models import CouncilDuty
from expertise.models import CouncilOfficer
from expertise.models import ReviewRequest
from expertise.models import Status
from monitoring.registry import registry
from notifications.models import Notification
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.tests.factories import CampaignFactory


def value(code: str, scope, year) -> object:
    return registry.get(code).compute(scope, year)


@pytest.fixture
def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def next_year(year) -> AcademicYear:
    return AcademicYear.objects.get(start_year=year.start_year + 1)


# --- banks: a past day of publication ---------------------------------------------------------------------------

def test_methodist_publishes_a_draft_on_a_past_day_and_it_counts_in_that_year(
        methodist, school_user, city, school, year, next_year, tomorrow):
    created = api_of(school_user).post("/api/v1/banks/items/", {
        "bank": "products", "title": "Проект «Читающая школа»", "authors": "Иванова М. П.", "institution": school.pk,
        "kind": "project", "year": year.pk, "description": "Описание", "url": "https://example.org/r",
    }, format="json")
    assert created.status_code == 201, created.json()
    url = f"/api/v1/banks/items/{created.json()['id']}/publish/"

    response = api_of(methodist).post(url, {"published_on": tomorrow}, format="json")
    assert response.status_code == 400 and "published_on" in response.json()
    response = api_of(methodist).post(url, {"published_on": "2022-10-03"}, format="json")  # the next academic year
    assert response.status_code == 400 and "2021/2022" in response.json()["published_on"][0]
    assert Item.objects.get().status == ItemStatus.DRAFT

    response = api_of(methodist).post(url, {"published_on": "2022-02-14"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["published_on"] == "2022-02-14" and response.json()["status"] == "published"
    assert value("banks.items_published", city, year) == 1
    assert value("banks.items_published", city, next_year) == 0


def test_only_the_items_municipalitys_methodist_publishes(school_user, other_city, school, year):
    item = ItemFactory(institution=school, year=year)
    stranger = make_user("stranger", Role.METHODIST, municipality=other_city)
    url = f"/api/v1/banks/items/{item.pk}/publish/"
    assert api_of(school_user).post(url, {"published_on": "2022-02-14"}, format="json").status_code == 403
    assert api_of(stranger).post(url, {"published_on": "2022-02-14"}, format="json").status_code == 404
    item.refresh_from_db()
    assert (item.status, item.published_on) == (ItemStatus.DRAFT, None)


# --- expertise: a past day of the council's conclusion -----------------------------------------------------------

def test_a_review_concluded_on_a_past_day_through_the_api_counts_in_that_year(
        methodist, city, school, year, next_year, tomorrow):
    CouncilOfficer.objects.create(municipality=city, user=methodist, duty=CouncilDuty.CHAIR,
                                  since=datetime.date(2000, 1, 1))
    created = api_of(methodist).post("/api/v1/expertise/requests/", {
        "type": "recommendations", "title": "Рекомендации по функциональной грамотности", "institution": school.pk,
        "authors": "Сидорова А. В.", "submitted_on": "2022-01-20",
    }, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["submitted_on"] == "2022-01-20"
    pk = created.json()["id"]
    ReviewRequest.objects.filter(pk=pk).update(status=Status.REVIEWED)  # the experts' reviews, not the subject here
    url = f"/api/v1/expertise/requests/{pk}/conclude/"

    response = api_of(methodist).post(url, {"decision": "recommended", "concluded_on": tomorrow}, format="json")
    assert response.status_code == 400 and "concluded_on" in response.json()
    response = api_of(methodist).post(url, {"decision": "recommended", "concluded_on": "2022-01-10"}, format="json")
    assert response.status_code == 400 and "20.01.2022" in response.json()["concluded_on"][0]
    assert ReviewRequest.objects.get(pk=pk).status == Status.REVIEWED

    response = api_of(methodist).post(url, {"decision": "recommended", "concluded_on": "2022-03-01"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["concluded_on"] == "2022-03-01" and response.json()["status"] == "concluded"
    assert value("expertise.reviews_concluded", city, year) == 1
    assert value("expertise.reviews_concluded", city, next_year) == 0


def test_another_municipalitys_methodist_concludes_nothing(methodist, other_city, city, school):
    from expertise.tests.factories import ReviewRequestFactory

    request = ReviewRequestFactory(institution=school, status=Status.REVIEWED)
    far = make_user("far-methodist", Role.METHODIST, municipality=other_city)
    CouncilOfficer.objects.create(municipality=other_city, user=far, duty=CouncilDuty.CHAIR,
                                  since=datetime.date(2000, 1, 1))
    response = api_of(far).post(f"/api/v1/expertise/requests/{request.pk}/conclude/",
                             {"decision": "recommended", "concluded_on": "2022-03-01"}, format="json")
    assert response.status_code == 404
    request.refresh_from_db()
    assert (request.status, request.concluded_on) == (Status.REVIEWED, None)


# --- staffing: a paper answer entered by the methodist with its day of receipt -----------------------------------

def test_methodist_enters_a_paper_answer_received_last_year_and_it_counts_on_time(
        methodist, school_user, city, other_city, school, other_school, year, tomorrow,
        django_capture_on_commit_callbacks):
    campaign = CampaignFactory(municipality=city, year=year, as_of=datetime.date(2021, 8, 1),
                               deadline=datetime.date(2021, 9, 15), status="closed")
    answer = {"campaign": campaign.pk, "institution": school.pk, "no_needs": True}

    response = api_of(methodist).post("/api/v1/staffing/submissions/", {**answer, "received_on": tomorrow},
                                   format="json")
    assert response.status_code == 400 and "received_on" in response.json()
    response = api_of(methodist).post("/api/v1/staffing/submissions/", answer, format="json")
    assert response.status_code == 400 and "received_on" in response.json()
    assert not Submission.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = api_of(methodist).post("/api/v1/staffing/submissions/", {**answer, "received_on": "2021-09-10"},
                                       format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["received_on"], body["entered_by_methodist"]) == ("submitted", "2021-09-10", True)
    assert Notification.objects.filter(user=school_user).count() == 1
    # Two institutions must answer; one answer came by the deadline.
    assert value("staffing.share_submitted_on_time", city, year) == pytest.approx(0.5)

    # Another municipality's methodist enters nothing for the city's schools.
    far = make_user("far-methodist", Role.METHODIST, municipality=other_city)
    response = api_of(far).post("/api/v1/staffing/submissions/", {
        "campaign": campaign.pk, "institution": other_school.pk, "no_needs": True, "received_on": "2021-09-10"},
        format="json")
    assert response.status_code in (400, 403, 404) and Submission.objects.count() == 1
    # Submitted: neither the methodist nor the school changes it any more.
    url = f"/api/v1/staffing/submissions/{body['id']}/"
    assert api_of(methodist).patch(url, {"received_on": "2021-09-01"}, format="json").status_code == 403
    assert Submission.objects.get().received_on == datetime.date(2021, 9, 10)


def test_a_school_does_not_date_its_own_answer_nor_write_another_schools(school_user, outsider, city, school, year):
    campaign = CampaignFactory(municipality=city, year=year)
    response = api_of(school_user).post("/api/v1/staffing/submissions/", {
        "campaign": campaign.pk, "institution": school.pk, "no_needs": True, "received_on": "2021-06-01"},
        format="json")
    assert response.status_code == 400 and "received_on" in response.json()
    response = api_of(outsider).post("/api/v1/staffing/submissions/", {
        "campaign": campaign.pk, "institution": school.pk, "no_needs": True}, format="json")
    assert response.status_code in (400, 403) and "institution" in str(response.json())
    assert not Submission.objects.exists()
    mine = api_of(school_user).post("/api/v1/staffing/submissions/", {
        "campaign": campaign.pk, "institution": school.pk, "no_needs": True}, format="json")
    assert mine.status_code == 201 and mine.json()["status"] == SubmissionStatus.DRAFT
    assert api_of(outsider).patch(f"/api/v1/staffing/submissions/{mine.json()['id']}/", {"contact": "x"},
                               format="json").status_code == 404
    assert Submission.objects.get().contact == ""


# --- the category history ------------------------------------------------------------------------------------

def test_school_enters_its_teachers_category_history_with_the_rules_of_order_196(school_user, school, tomorrow):
    teacher = PedagogueFactory(institution=school)
    client = api_of(school_user)
    award = {"pedagogue": teacher.pk, "category": "methodist", "order_date": "2021-05-20", "order_number": "12-11-05"}
    response = client.post("/api/v1/category-awards/", award, format="json")
    assert response.status_code == 400 and "category" in response.json()  # not on top of a held highest
    response = client.post("/api/v1/category-awards/", {**award, "category": "highest", "order_date": tomorrow},
                           format="json")
    assert response.status_code == 400 and "order_date" in response.json()
    assert not CategoryAward.objects.exists()

    highest = client.post("/api/v1/category-awards/", {**award, "category": "highest", "order_date": "2019-04-01"},
                          format="json")
    assert highest.status_code == 201, highest.json()
    assert highest.json()["valid_until"] == "2024-04-01"
    response = client.post("/api/v1/category-awards/", award, format="json")
    assert response.status_code == 201, response.json()
    teacher.refresh_from_db()
    assert (teacher.category, teacher.category_date) == ("methodist", datetime.date(2021, 5, 20))

    response = client.patch(f"/api/v1/category-awards/{response.json()['id']}/", {"order_number": "13-11-05"},
                            format="json")
    assert response.status_code == 200 and CategoryAward.objects.get(category="methodist").order_number == "13-11-05"
    assert client.delete(f"/api/v1/category-awards/{response.json()['id']}/").status_code == 204
    teacher.refresh_from_db()
    assert teacher.category == "highest"
    # The current category is the history's: the pedagogue API does not write it.
    client.patch(f"/api/v1/pedagogues/{teacher.pk}/", {"category": "first"}, format="json")
    assert Pedagogue.objects.get(pk=teacher.pk).category == "highest"


def test_nobody_writes_another_schools_or_municipalitys_category_history(
        school_user, outsider, other_school, other_city):
    stranger = PedagogueFactory(institution=other_school)
    award = CategoryAward.objects.create(pedagogue=stranger, category="first", order_date=datetime.date(2020, 3, 1))
    far_methodist = make_user("far-methodist", Role.METHODIST, municipality=other_city)
    response = api_of(school_user).post("/api/v1/category-awards/", {
        "pedagogue": stranger.pk, "category": "highest", "order_date": "2021-03-01"}, format="json")
    assert response.status_code == 400 and "pedagogue" in response.json()
    for client in (api_of(school_user), api_of(far_methodist)):
        assert client.patch(f"/api/v1/category-awards/{award.pk}/", {"order_number": "x"},
                            format="json").status_code == 404
        assert client.delete(f"/api/v1/category-awards/{award.pk}/").status_code == 404
    assert api_of(outsider).get(f"/api/v1/category-awards/{award.pk}/").status_code == 200  # its own school's
    assert list(CategoryAward.objects.values_list("pedagogue", "order_number")) == [(stranger.pk, "")]


def test_the_rate_of_the_current_job_is_written_through_the_pedagogue_api(methodist, school):
    response = api_of(methodist).post("/api/v1/pedagogues/", {
        "last_name": "Воспитателева", "first_name": "Анна", "birth_date": "1990-01-01", "institution": school.pk,
        "hired": "2021-09-01", "rate": "0.5",
    }, format="json")
    assert response.status_code == 201, response.json()
    assert [job["rate"] for job in response.json()["employments"]] == ["0.50"]
    pk = response.json()["id"]
    response = api_of(methodist).patch(f"/api/v1/pedagogues/{pk}/", {"rate": "1.25"}, format="json")
    assert response.status_code == 200
    job = Pedagogue.objects.get(pk=pk).employments.get()
    assert (job.rate, job.hired) == (pytest.approx(1.25), datetime.date(2021, 9, 1))
    response = api_of(methodist).patch(f"/api/v1/pedagogues/{pk}/", {"rate": "4"}, format="json")
    assert response.status_code == 400 and "rate" in response.json()
