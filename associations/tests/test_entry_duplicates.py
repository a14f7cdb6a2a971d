"""One entry per person per competition (form, service, database), and an entry can be deleted after a confirmation."""

import pytest
from django.db import IntegrityError
from django.db import transaction
from django.urls import reverse

from associations.models import Participant
from associations.models import Participation
from associations.tests.factories import CompetitionFactory
from associations.tests.factories import enter
from core.tests.factories import PedagogueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def competition(city):
    return CompetitionFactory(municipality=city)


@pytest.fixture
def sokolova(school):
    return PedagogueFactory(institution=school, last_name="Соколова", first_name="Анна")


def test_a_second_entry_of_the_same_person_is_refused_with_a_link(client, methodist, competition, sokolova):
    entry = enter(competition, sokolova, nomination="Учитель года")
    client.force_login(methodist)
    response = client.post(reverse("associations:entry-add", args=[competition.pk]),
                           {"participants": [sokolova.pk], "nomination": "Другая", "result": "laureate"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="/associations/competitions/{competition.pk}/entries/{entry.pk}/">' in page
    assert Participation.objects.count() == 1
    # Editing the entry itself is no duplicate.
    response = client.post(reverse("associations:entry-edit", args=[competition.pk, entry.pk]),
                           {"participants": [sokolova.pk], "nomination": "Учитель года", "result": "winner"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.result == "winner"


def test_the_database_refuses_it_too(competition, sokolova):
    enter(competition, sokolova)
    with pytest.raises(IntegrityError), transaction.atomic():
        enter(competition, sokolova)
    assert Participant.objects.get().competition == competition


def test_the_picker_offers_the_competitions_municipality_only_to_who_may_edit_it(
    client, methodist, outsider, competition, sokolova
):
    client.force_login(methodist)
    found = client.get("/autocomplete/association-pedagogues/", {"competition": competition.pk, "q": "Сок"}).json()
    assert [row["text"] for row in found["results"]] == ["Соколова Анна Сергеевич (СШ № 1)"]
    client.force_login(outsider)
    found = client.get("/autocomplete/association-pedagogues/", {"competition": competition.pk, "q": "Сок"}).json()
    assert found["results"] == []


def test_deleting_an_entry_asks_first(client, methodist, outsider, competition, sokolova):
    entry = enter(competition, sokolova)
    url = reverse("associations:entry-delete", args=[competition.pk, entry.pk])
    client.force_login(outsider)
    assert client.post(url).status_code in (403, 404)
    client.force_login(methodist)
    assert url in client.get(competition.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "Соколова Анна" in page and "Yes, delete" in page or "Да, удалить" in page
    assert Participation.objects.filter(pk=entry.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and response.url == competition.get_absolute_url()
    assert not Participation.objects.exists() and not Participant.objects.exists()
    assert Participation.history.filter(id=entry.pk, history_type="-").exists()


def test_a_meeting_is_deleted_after_a_confirmation_naming_its_attendance(client, methodist, outsider, city, sokolova):
    from associations.models import Attendance
    from associations.models import Meeting
    from associations.tests.factories import AssociationFactory
    from associations.tests.factories import MeetingFactory

    meeting = MeetingFactory(association=AssociationFactory(municipality=city))
    Attendance.objects.create(meeting=meeting, pedagogue=sokolova, present=True)
    url = reverse("associations:meeting-delete", args=[meeting.pk])
    client.force_login(outsider)
    assert client.post(url).status_code in (403, 404)
    client.force_login(methodist)
    assert url in client.get(meeting.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "Соколова Анна" in page  # the attendance mark that goes with it
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    client.post(url)
    assert not Meeting.objects.filter(pk=meeting.pk).exists() and not Attendance.objects.exists()


def test_the_form_refusal_reaches_the_api_as_409(methodist, competition, sokolova):
    from conftest import api_of

    entry = enter(competition, sokolova)
    client = api_of(methodist)
    response = client.post("/api/v1/competition-entries/",
                           {"competition": competition.pk, "pedagogues": [sokolova.pk], "result": "laureate"},
                           format="json")
    assert response.status_code == 409, response.content
    assert f"{entry.pk}" in response.json()["detail"]
