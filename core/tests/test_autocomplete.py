"""Search-as-you-type pickers: one scoped endpoint, widgets that carry only the chosen options."""

import datetime

import pytest
from django import forms

from core.autocomplete import AutocompleteSelect
from core.autocomplete import autocomplete_field
from core.models import Institution
from core.models import Pedagogue
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(city, school, other_school, other_city):
    far = InstitutionFactory(municipality=other_city, short_name="СШ № 7")
    return {
        "orlova": PedagogueFactory(last_name="Орлова", first_name="Анна", institution=school),
        "orlov": PedagogueFactory(last_name="Орлов", first_name="Пётр", institution=other_school),
        "orlovsky": PedagogueFactory(last_name="Орловский", first_name="Иван", institution=far),
        "jobless": Pedagogue.objects.create(
            last_name="Орлик", first_name="Ольга", birth_date=datetime.date(1990, 1, 1), municipality=city),
    }


def texts(response) -> list[str]:
    return [row["text"] for row in response.json()["results"]]


def test_methodist_finds_pedagogues_of_the_municipality_by_four_letters_with_their_institution(
    client, methodist, people
):
    client.force_login(methodist)
    found = texts(client.get("/autocomplete/pedagogues/", {"q": "орло"}))
    assert found == ["Орлов Пётр Сергеевич (СШ № 2)", "Орлова Анна Сергеевич (СШ № 1)"]
    # The other municipality's Орловский is not offered.
    assert not any("Орловский" in text for text in found)


def test_search_matches_surname_name_and_institution_together(client, methodist, people):
    client.force_login(methodist)
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "Орл СШ № 2"})) == ["Орлов Пётр Сергеевич (СШ № 2)"]
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "анна"})) == ["Орлова Анна Сергеевич (СШ № 1)"]


def test_a_person_without_a_place_of_work_is_labelled_so_and_left_out_of_staff_pickers(client, methodist, people):
    client.force_login(methodist)
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "Орлик"})) in (
        ["Орлик Ольга (no current place of work)"], ["Орлик Ольга (нет текущего места работы)"])
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "Орлик", "staff": 1})) == []


def test_school_user_finds_only_its_own_staff(client, school_user, people):
    client.force_login(school_user)
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "Орл"})) == ["Орлова Анна Сергеевич (СШ № 1)"]
    # A parameter cannot widen the scope.
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "Орл", "institution": people["orlov"].institution_id})) == []


def test_anonymous_and_unknown_kinds_are_refused(client, methodist):
    assert client.get("/autocomplete/pedagogues/", {"q": "Орл"}).status_code == 302
    client.force_login(methodist)
    assert client.get("/autocomplete/nothing/").status_code == 404


def test_institutions_are_searched_within_the_scope(client, school_user, methodist, people):
    client.force_login(methodist)
    assert texts(client.get("/autocomplete/institutions/", {"q": "№ 2"})) == ["СШ № 2"]
    assert texts(client.get("/autocomplete/institutions/", {"q": "№ 7"})) == []
    client.force_login(school_user)
    assert texts(client.get("/autocomplete/institutions/", {"q": "СШ"})) == ["СШ № 1"]


def test_endpoint_says_when_there_are_more_than_twenty(client, methodist, school):
    for n in range(25):
        PedagogueFactory(last_name=f"Семенов{n:02}", institution=school)
    client.force_login(methodist)
    answer = client.get("/autocomplete/pedagogues/", {"q": "Семенов"}).json()
    assert len(answer["results"]) == 20 and answer["more"] is True


def test_the_endpoint_does_not_query_per_row(client, methodist, school, django_assert_max_num_queries):
    for n in range(15):
        PedagogueFactory(last_name=f"Кузнецов{n:02}", institution=school)
    client.force_login(methodist)
    client.get("/autocomplete/pedagogues/")
    with django_assert_max_num_queries(6):
        assert len(client.get("/autocomplete/pedagogues/", {"q": "Кузн"}).json()["results"]) == 15


class PickForm(forms.Form):
    pedagogue = forms.ModelChoiceField(Pedagogue.objects.none())
    several = forms.ModelMultipleChoiceField(Pedagogue.objects.none(), required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = queryset
        self.fields["several"].queryset = queryset
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"staff": 1})
        autocomplete_field(self.fields["several"], "pedagogues")


def test_widget_renders_only_the_chosen_option_and_the_search_url(people):
    queryset = Pedagogue.objects.filter(municipality=people["orlova"].municipality).select_related("institution")
    html = str(PickForm(queryset=queryset, initial={"pedagogue": people["orlov"].pk})["pedagogue"])
    assert html.count("<option") == 2  # the empty one and the chosen one
    assert f'value="{people["orlov"].pk}" selected' in html
    assert "Орлов Пётр Сергеевич (СШ № 2)" in html
    assert "Орлова" not in html
    assert 'data-autocomplete-url="/autocomplete/pedagogues/?staff=1"' in html
    assert isinstance(PickForm(queryset=queryset).fields["pedagogue"].widget, AutocompleteSelect)


def test_form_still_refuses_a_person_outside_its_queryset(people):
    queryset = Pedagogue.objects.filter(institution=people["orlova"].institution)
    form = PickForm({"pedagogue": people["orlov"].pk}, queryset=queryset)
    assert not form.is_valid()
    assert "pedagogue" in form.errors


def test_without_javascript_a_typed_name_is_resolved_within_the_queryset(people):
    queryset = Pedagogue.objects.filter(municipality=people["orlova"].municipality)
    form = PickForm({"pedagogue__text": "Орлова Анна", "several__text": "Орлов Пётр; Орлова"}, queryset=queryset)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pedagogue"] == people["orlova"]
    assert set(form.cleaned_data["several"]) == {people["orlov"], people["orlova"]}
    # An ambiguous name is not guessed.
    assert not PickForm({"pedagogue__text": "Орл"}, queryset=queryset).is_valid()
    # Nor is a person outside the field's queryset found by name.
    assert not PickForm({"pedagogue__text": "Орловский"}, queryset=queryset).is_valid()


def test_institution_queryset_is_unchanged_by_the_widget(methodist, school):
    field = forms.ModelChoiceField(Institution.objects.all())
    autocomplete_field(field, "institutions")
    assert field.clean(str(school.pk)) == school


def test_surnames_that_start_with_the_text_come_first(client, methodist, school):
    PedagogueFactory(last_name="Агеев", first_name="Олег", middle_name="Иванович", institution=school)
    PedagogueFactory(last_name="Иванова", first_name="Ольга", institution=school)
    client.force_login(methodist)
    assert texts(client.get("/autocomplete/pedagogues/", {"q": "иван"})) == [
        "Иванова Ольга Сергеевич (СШ № 1)", "Агеев Олег Иванович (СШ № 1)"]
