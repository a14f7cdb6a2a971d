"""Cached fragments of list pages and of a pedagogue's record (core.fragments, issue 18): a repeated request
shows the same HTML without asking for the rows again, a save shows at once, and no other user, scope or session
ever gets a fragment rendered for someone else; the access log still gets its row on every request."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_of
from conftest import make_user
from core.audit import AccessKind
from core.audit import AccessLog
from core.models import Pedagogue
from core.scoping import Role


def person(last_name, institution, **fields):
    return Pedagogue.objects.create(
        last_name=last_name, first_name="Анна", middle_name="Ивановна", birth_date=datetime.date(1980, 1, 1),
        municipality=institution.municipality, institution=institution, **fields)


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def get(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def staff(school, other_school):
    return person("Школьная", school), person("Соседская", other_school)


@pytest.mark.parametrize("url", ["/pedagogues/", "/institutions/", "/training/completions/", "/associations/"])
def test_a_repeated_list_shows_the_same_page_without_asking_for_its_rows(url, methodist, staff):
    client = client_of(methodist)
    first, asked = get(client, url)
    again, asked_again = get(client, url)

    assert without_tokens(again) == without_tokens(first)
    assert asked_again < asked
    assert 'id="empty-state"' in first or "<tbody>" in first


def test_the_query_string_has_its_own_fragment(methodist, staff):
    client = client_of(methodist)
    everyone, _ = get(client, "/pedagogues/")
    found, _ = get(client, "/pedagogues/", q="Школьн")

    assert "Соседская" in everyone and "Школьная" in everyone
    assert "Школьная" in found and "Соседская" not in found
    assert "Соседская" in get(client, "/pedagogues/")[0]


def test_another_user_or_scope_never_gets_someone_elses_rows(methodist, school_user, outsider, staff, city):
    other_city = city.__class__.objects.create(name="Енисейск", code="eniseysk")
    stranger = make_user("stranger", Role.METHODIST, municipality=other_city)
    assert "Соседская" in get(client_of(methodist), "/pedagogues/")[0]  # cached for the methodist

    school_page = get(client_of(school_user), "/pedagogues/")[0]
    stranger_page = get(client_of(stranger), "/pedagogues/")[0]

    assert "Школьная" in school_page and "Соседская" not in school_page
    assert "Школьная" not in stranger_page and 'id="empty-state"' in stranger_page
    assert "Соседская" in get(client_of(outsider), "/pedagogues/")[0]


def test_the_same_user_in_another_session_renders_the_page_itself(methodist, staff):
    first = client_of(methodist)
    get(first, "/pedagogues/")
    cached = get(first, "/pedagogues/")[1]

    assert get(client_of(methodist), "/pedagogues/")[1] > cached  # a new login: its own rows query and count


def test_a_save_shows_at_once(methodist, school, staff):
    client = client_of(methodist)
    assert "Новикова" not in get(client, "/pedagogues/")[0]

    newcomer = person("Новикова", school)
    assert "Новикова" in get(client, "/pedagogues/")[0]

    newcomer.last_name = "Старикова"
    newcomer.save()
    page = get(client, "/pedagogues/")[0]
    assert "Старикова" in page and "Новикова" not in page


def test_every_request_of_a_cached_list_is_in_the_access_log(methodist, staff):
    client = client_of(methodist)
    get(client, "/pedagogues/")
    get(client, "/pedagogues/")
    get(client, "/pedagogues/", q="Школьн")

    rows = list(AccessLog.objects.filter(user=methodist, kind=AccessKind.LIST).order_by("pk").values_list("rows", "path"))
    assert rows == [(2, "/pedagogues/"), (2, "/pedagogues/"), (1, "/pedagogues/?q=%D0%A8%D0%BA%D0%BE%D0%BB%D1%8C%D0%BD")]


def test_a_cached_record_is_still_scoped_and_logged(methodist, school_user, outsider, staff):
    mine = staff[0]
    url = f"/pedagogues/{mine.pk}/"
    client = client_of(methodist)
    first, asked = get(client, url)
    again, asked_again = get(client, url)
    assert without_tokens(again) == without_tokens(first)
    assert asked_again < asked
    assert AccessLog.objects.filter(user=methodist, kind=AccessKind.VIEW, object_id=mine.pk).count() == 2

    assert client_of(outsider).get(url).status_code == 404  # another school's user: still refused
    assert "Школьная" in get(client_of(school_user), url)[0]


def test_a_change_of_the_record_shows_at_once(methodist, staff):
    mine = staff[0]
    client = client_of(methodist)
    assert "8 900 000-00-00" not in get(client, f"/pedagogues/{mine.pk}/")[0]

    mine.phone = "8 900 000-00-00"
    mine.save()

    assert "8 900 000-00-00" in get(client, f"/pedagogues/{mine.pk}/")[0]
