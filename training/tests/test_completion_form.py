"""The completion form: pickers that search, no silent duplicates, «Hours» = 0 is not «all of them»."""

import datetime

import pytest

from training.models import Completion
from training.models import HourEntry
from training.models import Module
from training.tests.factories import CompletionFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory


@pytest.fixture
def sokolova(school):
    return PedagogueFactory(institution=school, last_name="Соколова")


@pytest.fixture
def programme():
    return ProgrammeFactory(title="Цифровая образовательная среда", hours=48)


def post(client, pedagogue, programme, **extra):
    data = {"pedagogue": pedagogue.pk, "programme": programme.pk, "started": "2025-01-10",
            "finished": "2025-01-20", "certificate_number": "77"} | extra
    return client.post("/training/completions/new/", data)


def test_the_form_page_carries_no_staff_list(client, methodist, sokolova, programme, school):
    for n in range(30):
        PedagogueFactory(institution=school, last_name=f"Кузнецов{n}")
    client.force_login(methodist)
    page = client.get("/training/completions/new/").content.decode()
    assert "Кузнецов" not in page and "Соколова" not in page
    assert 'data-autocomplete-url="/autocomplete/pedagogues/?editable=1"' in page
    assert 'data-autocomplete-forward="programme"' in page  # the modules follow the chosen programme
    found = client.get("/autocomplete/pedagogues/", {"q": "Соко", "editable": 1}).json()["results"]
    assert [row["text"] for row in found] == ["Соколова Анна Ивановна (СШ № 1)"]


def test_modules_offered_are_those_of_the_chosen_programme(client, methodist, programme):
    mine = Module.objects.create(programme=programme, title="Модуль цифровой", hours=24)
    Module.objects.create(programme=ProgrammeFactory(), title="Модуль чужой", hours=24)
    client.force_login(methodist)
    found = client.get("/autocomplete/training-modules/", {"programme": programme.pk}).json()["results"]
    assert found == [{"id": mine.pk, "text": str(mine)}]
    assert client.get("/autocomplete/training-modules/").json()["results"] == []


def test_a_duplicate_completion_is_refused_with_a_link_to_the_recorded_one(client, methodist, sokolova, programme):
    recorded = CompletionFactory(pedagogue=sokolova, programme=programme, hours=48,
                                 started=datetime.date(2025, 1, 10), finished=datetime.date(2025, 1, 20))
    client.force_login(methodist)
    response = post(client, sokolova, programme)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Already recorded:" in page
    assert f'<a href="/training/completions/{recorded.pk}/edit/">' in page
    assert Completion.objects.count() == 1
    # Other dates are another completion.
    assert post(client, sokolova, programme, started="2025-03-01", finished="2025-03-10").status_code == 302
    assert Completion.objects.count() == 2


def test_the_database_refuses_a_duplicate_too(sokolova, programme):
    from django.db import IntegrityError
    from django.db import transaction

    CompletionFactory(pedagogue=sokolova, programme=programme, started=datetime.date(2025, 1, 10),
                      finished=datetime.date(2025, 1, 20))
    with pytest.raises(IntegrityError), transaction.atomic():
        CompletionFactory(pedagogue=sokolova, programme=programme, started=datetime.date(2025, 1, 10),
                          finished=datetime.date(2025, 1, 20))


def test_zero_hours_is_an_error_not_the_programmes_hours(client, methodist, sokolova, programme):
    client.force_login(methodist)
    response = post(client, sokolova, programme, hours="0")
    assert response.status_code == 200
    assert "greater than or equal to 1" in response.content.decode()
    assert not Completion.objects.exists()
    assert post(client, sokolova, programme, hours="").status_code == 302
    assert Completion.objects.get().hours == 48
    assert HourEntry.objects.get(pedagogue=sokolova).hours == 48


def test_deleting_a_completion_shows_a_confirmation_naming_its_hours(client, methodist, school_user, sokolova,
                                                                      programme):
    completion = CompletionFactory(pedagogue=sokolova, programme=programme, hours=48)
    url = f"/training/completions/{completion.pk}/delete/"
    client.force_login(methodist)
    assert url in client.get(f"/training/completions/{completion.pk}/edit/").content.decode()
    page = client.get(url).content.decode()
    assert str(completion) in page
    assert "1" in page and ("Hour" in page or "hour" in page or "Час" in page)
    assert Completion.objects.filter(pk=completion.pk).exists()
    client.post(url)
    assert not Completion.objects.exists() and not HourEntry.objects.filter(pedagogue=sokolova).exists()
    assert Completion.history.filter(id=completion.pk, history_type="-").exists()


def test_the_api_answers_a_duplicate_with_409_naming_the_recorded_completion(client, methodist, sokolova, programme):
    recorded = CompletionFactory(pedagogue=sokolova, programme=programme, hours=48,
                                 started=datetime.date(2025, 1, 10), finished=datetime.date(2025, 1, 20))
    client.force_login(methodist)
    response = client.post("/api/v1/training/completions/", {
        "pedagogue": sokolova.pk, "programme": programme.pk, "started": "2025-01-10", "finished": "2025-01-20",
        "hours": 48}, content_type="application/json")
    assert response.status_code == 409
    assert f"{recorded.pk}" in response.json()["detail"] and str(recorded) in response.json()["detail"]
    assert Completion.objects.count() == 1
