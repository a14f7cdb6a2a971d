"""Issue 15, points 3–5: rates by the position's norm hours, rates ÷ rates, the date of receipt, entered on behalf."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AcademicYear
from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Position
from core.models import Subordination
from core.tests.factories import PedagogueFactory
from notifications.models import Notification
from staffing import indicators
from staffing.models import Need
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.summary import CampaignSummary
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import NeedFactory
from staffing.tests.factories import submitted


def needs_data(rows, no_needs=False):
    data = {"needs-TOTAL_FORMS": str(len(rows)), "needs-INITIAL_FORMS": "0", "needs-MIN_NUM_FORMS": "0",
            "needs-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"needs-{index}-{key}"] = value
    if no_needs:
        data["no_needs"] = "on"
    return data


def test_a_kindergarten_teacher_for_36_hours_a_week_is_one_rate(campaign, school):
    submission = Submission.objects.create(campaign=campaign, institution=school)
    need = NeedFactory(submission=submission, position=Position.objects.get(name="воспитатель"), rates=None,
                       weekly_hours=36)
    teacher = NeedFactory(submission=submission, rates=None, weekly_hours=27)
    speech = NeedFactory(submission=submission, position=Position.objects.get(name="учитель-логопед"), rates=None,
                         weekly_hours=10)
    assert (need.posts, teacher.posts, speech.posts) == (Decimal("1.00"), Decimal("1.50"), Decimal("0.50"))


def test_the_school_form_counts_hours_with_the_positions_norm(client, school_user, campaign, school):
    client.force_login(school_user)
    url = reverse("staffing:submission-edit", args=[campaign.pk, school.pk])
    position = Position.objects.get(name="воспитатель")
    response = client.post(url, {"contact": "Иванова", **needs_data([
        {"position": position.pk, "weekly_hours": "36", "reason": "vacancy", "support": "none"}])})
    assert response.status_code == 302
    assert Need.objects.get().posts == Decimal("1.00")


def test_the_vacancy_share_is_vacant_rates_over_all_rates(city, school, year):
    campaign = CampaignFactory(municipality=city, as_of=datetime.date(2021, 8, 1))
    for rate in ("1", "0.5", "0.5", "1"):
        pedagogue = PedagogueFactory(institution=school)
        Employment.objects.filter(pedagogue=pedagogue).update(rate=Decimal(rate))
    director = PedagogueFactory(institution=school, position=Position.objects.get(name="директор"))
    assert director.employments.get().rate == Decimal("1")
    NeedFactory(submission=submitted(campaign, school), rates=Decimal("1"))
    # 4 heads (and a director, a manager) on 3 rates; 1 vacant rate: 1 ÷ (3 + 1), not 1 ÷ (4 + 1).
    assert indicators.share_vacant(city, year) == Decimal("0.2500")
    assert indicators.share_vacant(school, year) == Decimal("0.2500")
    assert indicators.share_vacant_by_institution(city, year) == {school.pk: Decimal("0.2500")}
    totals = CampaignSummary(campaign).totals
    assert (totals.staff, totals.occupied, totals.share_vacant) == (4, Decimal("3.00"), Decimal("0.2500"))


def test_a_regional_college_need_not_answer_the_citys_campaign(city, school, year):
    college = Institution.objects.create(municipality=city, name="КГБПОУ «Колледж»", short_name="КГБПОУ К",
                                         type=InstitutionType.VOCATIONAL, subordination=Subordination.REGIONAL)
    campaign = CampaignFactory(municipality=city)
    assert list(campaign.required_institutions()) == [school]
    assert not campaign.requires(college)
    city.counts_other_institutions = True
    city.save()
    campaign.refresh_from_db()
    assert set(campaign.required_institutions()) == {school, college}


@pytest.fixture
def last_years_campaign(city, school):
    """The closed campaign of 2021/2022 (as of 01.08.2021, deadline 15.06.2021)."""
    return CampaignFactory(municipality=city, status="closed", deadline=datetime.date(2021, 6, 15))


def test_a_methodist_enters_a_paper_answer_of_a_past_year_on_time(client, methodist, school_user, school, year,
                                                                  last_years_campaign,
                                                                  django_capture_on_commit_callbacks):
    client.force_login(methodist)
    url = reverse("staffing:submission-enter", args=[last_years_campaign.pk, school.pk])
    assert client.get(url).status_code == 200
    position = Position.objects.get(name="учитель")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"received_on": "2021-06-10", "contact": "Петрова, 2-22-22", **needs_data([
            {"position": position.pk, "rates": "1.5", "reason": "vacancy", "support": "none"}])})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.status, submission.received_on, submission.entered_by_methodist, submission.submitted_by) == (
        SubmissionStatus.SUBMITTED, datetime.date(2021, 6, 10), True, methodist)
    assert submission.on_time is True
    assert indicators.share_submitted_on_time(school, year) == Decimal("1.0000")
    assert indicators.vacant_posts(school, year) == Decimal("1.50")
    notice = Notification.objects.get(user=school_user)
    assert notice.kind == "staffing_entered" and "10.06.2021" in notice.title
    page = client.get(reverse("staffing:submission-detail", args=[last_years_campaign.pk, school.pk]))
    assert "10.06.2021" in page.content.decode()


def test_a_late_paper_answer_counts_as_late(client, methodist, school, year, last_years_campaign):
    client.force_login(methodist)
    url = reverse("staffing:submission-enter", args=[last_years_campaign.pk, school.pk])
    client.post(url, {"received_on": "2021-07-01", **needs_data([], no_needs=True)})
    assert Submission.objects.get().on_time is False
    assert indicators.share_submitted_on_time(school, year) == Decimal("0.0000")


@pytest.mark.parametrize("day, message", [
    ((timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "Дата получения в будущем."),
    ("2019-06-10", "Дата получения должна быть в пределах 2021/2022 или предыдущего учебного года."),
])
def test_a_date_of_receipt_in_the_future_or_outside_the_year_is_refused(client, methodist, school,
                                                                        last_years_campaign, day, message):
    client.force_login(methodist)
    url = reverse("staffing:submission-enter", args=[last_years_campaign.pk, school.pk])
    response = client.post(url, {"received_on": day, **needs_data([], no_needs=True)})
    assert response.status_code == 200
    assert response.context["form"].errors["received_on"] == [message]
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_a_school_cannot_enter_on_behalf_and_another_municipality_cannot_see_it(client, school_user, other_city,
                                                                               school, last_years_campaign):
    from conftest import make_user
    from core.scoping import Role

    client.force_login(school_user)
    url = reverse("staffing:submission-enter", args=[last_years_campaign.pk, school.pk])
    assert client.post(url, {"received_on": "2021-06-10", **needs_data([], no_needs=True)}).status_code == 403
    client.force_login(make_user("stranger", Role.METHODIST, municipality=other_city))
    assert client.post(url, {"received_on": "2021-06-10", **needs_data([], no_needs=True)}).status_code in (403, 404)
    assert not Submission.objects.exists()


def test_an_answer_submitted_by_the_school_cannot_be_overwritten(client, methodist, school, last_years_campaign):
    submitted(last_years_campaign, school)
    client.force_login(methodist)
    url = reverse("staffing:submission-enter", args=[last_years_campaign.pk, school.pk])
    assert client.get(url).status_code == 403


def test_last_years_answer_counts_in_last_years_indicator_not_this_years(city, school, methodist, year):
    this_year = AcademicYear.objects.get(start_year=2022)
    campaign = CampaignFactory(municipality=city, deadline=datetime.date(2021, 6, 15))
    submission = Submission.objects.create(campaign=campaign, institution=school)
    submission.submit(by=methodist, received_on=datetime.date(2021, 6, 1))
    assert indicators.share_submitted_on_time(city, year) == Decimal("1.0000")
    assert indicators.share_submitted_on_time(city, this_year) is None
