"""The pair form's dependent pickers: mentees are the chosen institution's staff, mentors its staff first and
then the rest of the scope (a mentor from another school); the endpoint and the form narrow alike."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from mentoring.forms import PairForm
from mentoring.models import Pair
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(school, other_school):
    return {
        "here_a": PedagogueFactory(institution=school, last_name="Беляева", first_name="Анна"),
        "here_b": PedagogueFactory(institution=school, last_name="Яковлева", first_name="Ирина"),
        "there": PedagogueFactory(institution=other_school, last_name="Антонова", first_name="Вера"),
    }


def texts(response) -> list[str]:
    return [row["text"] for row in response.json()["results"]]


def pickers(form: PairForm) -> dict[str, str]:
    return {name: form.fields[name].widget.url for name in ("mentors", "mentees")}


def ask(client, url: str, **params) -> list[str]:
    """GET the widget's URL (its fixed parameters) with what the browser adds (the forwarded field, q)."""
    return texts(client.get(f"{url}&{urlencode(params)}"))


def test_the_endpoint_narrows_mentees_to_the_institution_and_puts_its_mentors_first(
    client, methodist, school, people
):
    client.force_login(methodist)
    form = PairForm(user=methodist)
    mentees_url, mentors_url = pickers(form)["mentees"], pickers(form)["mentors"]
    assert form.fields["mentees"].widget.forward == ("institution",)
    assert form.fields["mentors"].widget.forward == ("institution",)

    # The widget sends the chosen institution along (data-autocomplete-forward), as the module picker does.
    assert ask(client, mentees_url, institution=school.pk, q="") == [
        "Беляева Анна Сергеевна (СШ № 1)", "Яковлева Ирина Сергеевна (СШ № 1)"]
    assert ask(client, mentors_url, institution=school.pk, q="") == [
        "Беляева Анна Сергеевна (СШ № 1)", "Яковлева Ирина Сергеевна (СШ № 1)", "Антонова Вера Сергеевна (СШ № 2)"]
    # Typing keeps the institution's people first, then the surnames that start with the letters.
    assert ask(client, mentors_url, institution=school.pk, q="ва") == [
        "Беляева Анна Сергеевна (СШ № 1)", "Яковлева Ирина Сергеевна (СШ № 1)", "Антонова Вера Сергеевна (СШ № 2)"]
    assert ask(client, mentees_url, institution=school.pk, q="Антон") == []
    # No institution chosen yet: every member of staff of the scope, by surname.
    assert ask(client, mentees_url, q="") == [
        "Антонова Вера Сергеевна (СШ № 2)", "Беляева Анна Сергеевна (СШ № 1)", "Яковлева Ирина Сергеевна (СШ № 1)"]


def test_the_form_refuses_a_mentee_of_another_institution_and_takes_a_mentor_from_there(
    client, methodist, school, people
):
    client.force_login(methodist)
    form_kind = Pair._meta.get_field("form").related_model.objects.first()
    data = {"institution": school.pk, "form": form_kind.pk, "start": "2025-01-10",
            "mentors": [people["there"].pk], "mentees": [people["here_a"].pk]}

    assert client.post(reverse("mentoring:pair-create"), data).status_code == 302
    pair = Pair.objects.get()
    assert [p.last_name for p in pair.mentors] == ["Антонова"]

    response = client.post(reverse("mentoring:pair-create"), data | {
        "mentors": [people["here_b"].pk], "mentees": [people["there"].pk]})
    assert response.status_code == 200
    assert "mentees" in response.context["form"].errors
    assert Pair.objects.count() == 1


def test_a_mentee_who_moved_stays_on_the_pair_when_it_is_edited(client, methodist, school, other_school, people):
    pair = make_pair(school, people["here_a"], people["here_b"], start=datetime.date(2024, 9, 1))
    people["here_b"].institution = other_school
    people["here_b"].save()
    form = PairForm(user=methodist, instance=pair)
    assert set(form.fields["mentees"].queryset) == {people["here_a"], people["here_b"]}
    assert people["there"] not in form.fields["mentees"].queryset
