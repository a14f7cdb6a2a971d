"""The PD programme catalogue is shared, but each programme has an owner: its municipality, or the region."""

import importlib

import pytest
from django.apps import apps

from conftest import client_of
from conftest import make_user
from core.scoping import Role
from training.models import Programme
from training.tests.factories import ProgrammeFactory
from training.tests.factories import ProviderFactory


@pytest.fixture
def other_methodist(other_city):
    return make_user("other-methodist", Role.METHODIST, municipality=other_city)


@pytest.fixture
def ours(city):
    return ProgrammeFactory(owner=city, title="Функциональная грамотность")


def test_a_programme_a_methodist_creates_belongs_to_their_municipality(methodist, city):
    provider = ProviderFactory()
    response = client_of(methodist).post("/api/v1/training/programmes/", {
        "title": "Цифровая школа", "provider": provider.pk, "hours": 36, "format": "full_time",
    }, content_type="application/json")

    assert response.status_code == 201, response.content
    programme = Programme.objects.get(title="Цифровая школа")
    assert (programme.owner, programme.created_by) == (city, methodist)
    assert response.json()["owner"] == city.pk


def test_the_form_sets_the_owner_too(methodist, city):
    provider = ProviderFactory()
    client_of(methodist).post("/training/programmes/new/", {
        "title": "Наставничество", "provider": provider.pk, "hours": 72, "format": "full_time", "is_active": "on",
        "modules-TOTAL_FORMS": "0", "modules-INITIAL_FORMS": "0", "modules-MIN_NUM_FORMS": "0",
        "modules-MAX_NUM_FORMS": "1000",
    })

    assert Programme.objects.get(title="Наставничество").owner == city


def test_another_municipality_uses_but_cannot_change_or_delete(other_methodist, ours):
    client = client_of(other_methodist)

    assert client.get(f"/api/v1/training/programmes/{ours.pk}/").status_code == 200
    assert client.get(f"/training/programmes/{ours.pk}/").status_code == 200
    patch = client.patch(f"/api/v1/training/programmes/{ours.pk}/", {"title": "Чужая"},
                         content_type="application/json")
    assert patch.status_code == 403
    assert "another municipality" in patch.json()["detail"] or "другому" in patch.json()["detail"]
    assert client.delete(f"/api/v1/training/programmes/{ours.pk}/").status_code == 403
    assert client.get(f"/training/programmes/{ours.pk}/edit/").status_code == 403
    assert client.post(f"/training/programmes/{ours.pk}/edit/", {"title": "Чужая"}).status_code == 403
    ours.refresh_from_db()
    assert ours.title == "Функциональная грамотность"


def test_the_owner_changes_it(methodist, ours):
    response = client_of(methodist).patch(f"/api/v1/training/programmes/{ours.pk}/", {"title": "Новая"},
                                          content_type="application/json")

    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.title == "Новая"


def test_only_the_admin_changes_a_regional_programme(methodist, admin_user):
    regional = ProgrammeFactory(owner=None)

    assert client_of(methodist).patch(f"/api/v1/training/programmes/{regional.pk}/", {"title": "X"},
                                      content_type="application/json").status_code == 403
    assert client_of(admin_user).patch(f"/api/v1/training/programmes/{regional.pk}/", {"title": "Региональная"},
                                       content_type="application/json").status_code == 200
    assert Programme.objects.editable_by(methodist).filter(pk=regional.pk).count() == 0


def test_the_detail_page_offers_editing_only_to_the_owner(methodist, other_methodist, ours):
    assert client_of(methodist).get(f"/training/programmes/{ours.pk}/").context["can_edit"] is True
    assert client_of(other_methodist).get(f"/training/programmes/{ours.pk}/").context["can_edit"] is False


def test_the_migration_gives_programmes_their_creators_municipality_or_none(methodist, city):
    known = ProgrammeFactory()
    known.history.filter(history_type="+").update(history_user=methodist)
    unknown = ProgrammeFactory()
    migration = importlib.import_module("training.migrations.0001_squashed_0005_programme_owner")

    migration.owners_from_creators(apps, None)

    known.refresh_from_db()
    unknown.refresh_from_db()
    assert (known.owner, known.created_by) == (city, methodist)
    assert (unknown.owner, unknown.created_by) == (None, None)


def test_the_admin_lists_the_regional_programmes_it_keeps(admin_user, ours):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    regional = ProgrammeFactory(owner=None, title="Региональная программа")

    response = client_of(admin_user).get("/admin/training/programme/", {"owner__isempty": "1"})

    assert response.status_code == 200
    assert [p.pk for p in response.context["cl"].result_list] == [regional.pk]
