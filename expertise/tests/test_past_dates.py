"""Issue 15, point 5: a past year's review is entered with its real dates and counts in that year."""

import datetime

from django.urls import reverse
from django.utils import timezone

from core.models import AcademicYear
from expertise.indicators import reviews_concluded
from expertise.models import ReviewRequest
from expertise.models import Status
from expertise.services import assign_experts
from expertise.services import submit_review

DEADLINE = datetime.date(2022, 5, 1)


def test_a_review_of_last_year_is_entered_and_concluded_with_its_dates(client, methodist, expert_entry, city,
                                                                        school, year):
    client.force_login(methodist)
    response = client.post(reverse("expertise:request-create"), {
        "type": "recommendations", "title": "Методические рекомендации по чтению", "institution": school.pk,
        "authors": "Иванова М. П.", "description": "Получено на бумаге", "submitted_on": "2022-03-01"})
    assert response.status_code == 302
    review = ReviewRequest.objects.get()
    assert review.submitted_on == datetime.date(2022, 3, 1)
    assign_experts(request=review, experts=[expert_entry], deadline=timezone.localdate(), by=methodist)
    submit_review(assignment=review.assignments.get(), scores={c.pk: 2 for c in review.criteria()},
                  comment="Замечаний нет", by=expert_entry.user)

    url = reverse("expertise:request-conclude", args=[review.pk])
    client.post(url, {"decision": "recommended", "conclusion": "Рекомендовать", "concluded_on": "2022-02-01"})
    review.refresh_from_db()
    assert review.status != Status.CONCLUDED  # before the request was submitted: refused

    client.post(url, {"decision": "recommended", "conclusion": "Рекомендовать", "concluded_on": "2022-04-15"})
    review.refresh_from_db()
    assert (review.status, review.concluded_on) == (Status.CONCLUDED, datetime.date(2022, 4, 15))
    assert reviews_concluded(city, year) == 1
    assert reviews_concluded(city, AcademicYear.objects.get(start_year=2022)) == 0


def test_a_conclusion_or_a_submission_dated_in_the_future_is_refused(client, methodist, school):
    client.force_login(methodist)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("expertise:request-create"), {
        "type": "recommendations", "title": "Рекомендации", "institution": school.pk, "authors": "Иванова М. П.",
        "description": "—", "submitted_on": tomorrow})
    assert response.status_code == 200
    assert response.context["form"].errors["submitted_on"] == ["Дата подачи в будущем."]
    assert not ReviewRequest.objects.exists()


def test_an_author_cannot_backdate_a_request(client, school_user, school):
    client.force_login(school_user)
    client.post(reverse("expertise:request-create"), {
        "type": "recommendations", "title": "Рекомендации", "institution": school.pk, "authors": "Иванова М. П.",
        "description": "—", "submitted_on": "2020-01-01"})
    assert ReviewRequest.objects.get().submitted_on == timezone.localdate()
