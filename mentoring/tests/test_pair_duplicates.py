"""No overlapping identical pair (form, import, service), and a pair can be deleted behind a confirmation."""

import datetime

import pytest
from django.urls import reverse

from core.duplicates import DuplicateError
from mentoring.models import Pair
from mentoring.models import Task
from mentoring.services import overlapping_pair
from mentoring.services import save_pair
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import make_pair


@pytest.fixture
def people(school):
    return {
        "mentor": PedagogueFactory(institution=school, last_name="Сидорова"),
        "young": PedagogueFactory(institution=school, last_name="Ершова"),
        "other": PedagogueFactory(institution=school, last_name="Клюева"),
    }


@pytest.fixture
def pair(school, people):
    return make_pair(school, people["mentor"], people["young"], start=datetime.date(2024, 9, 1),
                     end=datetime.date(2025, 6, 30))


def data(school, people, **extra):
    form = Pair._meta.get_field("form").related_model.objects.first()
    return {"institution": school.pk, "form": form.pk, "start": "2025-01-10",
            "mentors": [people["mentor"].pk], "mentees": [people["young"].pk]} | extra


def test_an_overlapping_identical_pair_is_refused_with_a_link(client, school_user, school, people, pair):
    client.force_login(school_user)
    response = client.post(reverse("mentoring:pair-create"), data(school, people))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="/mentoring/pairs/{pair.pk}/">' in page
    assert Pair.objects.count() == 1


def test_the_same_people_after_the_pair_ended_or_with_another_mentee_are_accepted(
    client, school_user, school, people, pair
):
    client.force_login(school_user)
    assert client.post(reverse("mentoring:pair-create"), data(school, people, start="2025-09-01")).status_code == 302
    assert client.post(reverse("mentoring:pair-create"),
                       data(school, people, mentees=[people["other"].pk])).status_code == 302
    assert Pair.objects.count() == 3


def test_the_service_refuses_it_too_and_editing_the_pair_itself_is_fine(school, people, pair):
    assert overlapping_pair(mentors=[people["mentor"]], mentees=[people["young"]], start=datetime.date(2025, 5, 1),
                            end=None) == pair
    assert overlapping_pair(mentors=[people["mentor"]], mentees=[people["young"]], start=datetime.date(2025, 5, 1),
                            end=None, exclude=pair.pk) is None
    with pytest.raises(DuplicateError):
        save_pair(pair=Pair(institution=school, form=pair.form, start=datetime.date(2025, 1, 1)),
                  mentors=[people["mentor"]], mentees=[people["young"]])
    pair.goal = "Адаптация"
    save_pair(pair=pair, mentors=[people["mentor"]], mentees=[people["young"]])


def test_deleting_a_pair_asks_first_and_names_its_tasks(client, school_user, pair):
    Task.objects.create(pair=pair, title="Посетить урок наставника", deadline=datetime.date(2024, 10, 1))
    client.force_login(school_user)
    page = client.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    assert reverse("mentoring:pair-delete", args=[pair.pk]) in page
    page = client.get(reverse("mentoring:pair-delete", args=[pair.pk])).content.decode()
    assert "Посетить урок наставника" in page
    assert Pair.objects.filter(pk=pair.pk).exists()  # a GET deletes nothing
    response = client.post(reverse("mentoring:pair-delete", args=[pair.pk]))
    assert response.status_code == 302 and response.url == reverse("mentoring:pair-list")
    assert not Pair.objects.filter(pk=pair.pk).exists()
    assert not Task.objects.filter(pair_id=pair.pk).exists()
    assert Pair.history.filter(id=pair.pk, history_type="-").count() == 1  # the history keeps it


def test_another_school_cannot_delete_the_pair(client, outsider, pair):
    client.force_login(outsider)
    assert client.get(reverse("mentoring:pair-delete", args=[pair.pk])).status_code == 404
    assert client.post(reverse("mentoring:pair-delete", args=[pair.pk])).status_code == 404
    assert Pair.objects.filter(pk=pair.pk).exists()


def test_a_session_is_deleted_by_the_municipality_after_a_confirmation(client, methodist, school_user, city):
    from mentoring.models import Session
    from mentoring.tests.factories import SessionFactory

    session = SessionFactory(municipality=city)
    url = reverse("mentoring:session-delete", args=[session.pk])
    client.force_login(school_user)
    assert client.post(url).status_code == 403
    client.force_login(methodist)
    assert url in client.get(reverse("mentoring:session-detail", args=[session.pk])).content.decode()
    assert client.get(url).status_code == 200 and Session.objects.filter(pk=session.pk).exists()
    assert client.post(url).status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


def test_the_api_answers_an_overlapping_identical_pair_with_409_naming_it(school_user, school, people, pair):
    from conftest import api_of

    client = api_of(school_user)
    body = {"institution": school.pk, "form": pair.form_id, "start": "2025-01-10",
            "mentor_ids": [people["mentor"].pk], "mentee_ids": [people["young"].pk]}
    response = client.post("/api/v1/mentoring/pairs/", body, format="json")
    assert response.status_code == 409
    assert f"{pair.pk}" in response.json()["detail"]
    assert Pair.objects.count() == 1
