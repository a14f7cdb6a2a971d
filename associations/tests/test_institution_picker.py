"""A new association chooses its institution (an ШМО's school) through the same search picker as every other
institution choice, among the active institutions of the chosen municipality, labelled with the short name."""

import pytest
from django.urls import reverse

from associations.models import Association
from core.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_the_institution_is_a_search_picker_of_the_municipality(client, methodist, city, other_city, school,
                                                                other_school):
    InstitutionFactory(municipality=city, short_name="СШ № 3", is_active=False)
    InstitutionFactory(municipality=other_city, short_name="СШ № 7")
    client.force_login(methodist)

    page = client.get(reverse("associations:association-create")).content.decode()

    select = page[page.index('<select name="institution"'):]
    select = select[: select.index("</select>")]
    assert 'data-autocomplete-url="/autocomplete/institutions/?active=1"' in select
    assert 'data-autocomplete-forward="municipality"' in select
    assert "СШ № 1" not in select and "СШ № 2" not in select  # no list of the municipality's institutions
    found = client.get(f"/autocomplete/institutions/?active=1&municipality={city.pk}&q=СШ").json()["results"]
    assert [row["text"] for row in found] == ["СШ № 1", "СШ № 2"]  # not the closed № 3, not № 7 of another city

    response = client.post(reverse("associations:association-create"), {
        "municipality": city.pk, "kind": "creative_group", "institution": other_school.pk,
        "title": "Творческая группа СШ № 2", "started": "2021-09-01",
    })
    assert response.status_code == 302
    association = Association.objects.get()
    assert association.institution == other_school
    page = client.get(reverse("associations:association-edit", args=[association.pk])).content.decode()
    assert f'<option value="{other_school.pk}" selected>СШ № 2</option>' in page


def test_an_institution_of_another_municipality_is_refused(client, methodist, city, other_city):
    far = InstitutionFactory(municipality=other_city, short_name="СШ № 7")
    client.force_login(methodist)
    response = client.post(reverse("associations:association-create"), {
        "municipality": city.pk, "kind": "creative_group", "institution": far.pk,
        "title": "Творческая группа", "started": "2021-09-01",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["institution"]
    assert not Association.objects.exists()
