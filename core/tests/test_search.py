import pytest

from core.models import Pedagogue
from core.search import words_q
from core.tests.factories import PedagogueFactory


@pytest.mark.django_db
def test_ucontains_folds_cyrillic_case_whatever_the_spelling(school):
    ivanova = PedagogueFactory(last_name="Иванова", first_name="Анна", institution=school)
    shouting = PedagogueFactory(last_name="ИВАНОВ", first_name="Пётр", institution=school)
    PedagogueFactory(last_name="Петрова", first_name="Ольга", institution=school)

    for typed in ("иван", "ИВАН", "Иван", "иВаН"):
        found = set(Pedagogue.objects.filter(last_name__ucontains=typed))
        assert found == {ivanova, shouting}, typed


@pytest.mark.django_db
def test_every_word_must_match_some_field(school):
    anna = PedagogueFactory(last_name="Иванова", first_name="Анна", institution=school)
    PedagogueFactory(last_name="Иванова", first_name="Мария", institution=school)

    found = Pedagogue.objects.filter(words_q("иванова анна", "last_name", "first_name"))

    assert list(found) == [anna]


@pytest.mark.django_db
def test_like_wildcards_typed_by_a_user_match_literally(school):
    PedagogueFactory(last_name="Сидорова", institution=school)

    assert not Pedagogue.objects.filter(last_name__ucontains="%").exists()
    assert not Pedagogue.objects.filter(last_name__ucontains="_идорова_").exists()
    assert Pedagogue.objects.filter(last_name__ucontains="идоров").count() == 1


@pytest.mark.django_db
def test_the_api_search_parameter_folds_cyrillic_case_too(client, methodist, city):
    from core.tests.factories import InstitutionFactory

    InstitutionFactory(municipality=city, name="Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 7»",
                       short_name="Гимназия № 7")
    client.force_login(methodist)

    response = client.get("/api/v1/institutions/", {"search": "гимназия"})

    assert response.status_code == 200
    names = [row["short_name"] for row in response.json()["results"]]
    assert names == ["Гимназия № 7"]
