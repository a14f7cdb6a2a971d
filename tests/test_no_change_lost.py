"""No change lost (issue 19.8): versions on edit forms, one-time tokens on create forms, likely duplicate
people pointed out, and concurrent creates through the API answering 201 once and 400/409 otherwise."""

import datetime
import sqlite3
import threading
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import IntegrityError
from django.db import connection
from django.db import connections

from associations.forms import AssociationForm
from associations.models import Association
from associations.tests.factories import AssociationFactory
from conftest import api_of
from core.forms import PedagogueForm
from core.models import Pedagogue
from core.tests.factories import PedagogueFactory
from core.versioning import TOKEN_FIELD
from core.versioning import VERSION_FIELD
from core.versioning import version_of
from staffing.models import Campaign


def test_second_editor_of_an_association_is_refused_with_the_first_editors_change(client, methodist, city):
    association = AssociationFactory(municipality=city, title="ГМО химиков")
    client.force_login(methodist)
    page = client.get(f"/associations/{association.pk}/edit/")
    read_at = page.context["form"][VERSION_FIELD].value()
    assert read_at == version_of(association)

    # Someone else saves a new title meanwhile.
    association.title = "ГМО химиков и биологов"
    association.save()

    stale = {"municipality": city.pk, "kind": association.kind, "title": "ГМО химиков", "started": "2019-09-01",
             "goal": "Моя новая цель", VERSION_FIELD: read_at}
    response = client.post(f"/associations/{association.pk}/edit/", stale)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ГМО химиков и биологов" in text and "Моя новая цель" in text  # their change shown, my input kept
    association.refresh_from_db()
    assert (association.title, association.goal) == ("ГМО химиков и биологов", "")
    # Saving again from the re-shown form (which now carries the current version) is accepted.
    again = response.context["form"][VERSION_FIELD].value()
    assert again == version_of(association)
    response = client.post(f"/associations/{association.pk}/edit/", {**stale, VERSION_FIELD: again})
    assert response.status_code == 302
    association.refresh_from_db()
    assert (association.title, association.goal) == ("ГМО химиков", "Моя новая цель")


def test_stale_pedagogue_form_does_not_wipe_the_phone_saved_meanwhile(school):
    pedagogue = PedagogueFactory(institution=school, phone="")
    opened = PedagogueForm(instance=pedagogue)
    read_at = opened[VERSION_FIELD].value()
    other = Pedagogue.objects.get(pk=pedagogue.pk)
    other.phone = "+7 391 200-00-00"
    other.save()
    data = {"last_name": pedagogue.last_name, "first_name": pedagogue.first_name,
            "middle_name": pedagogue.middle_name, "birth_date": "1980-05-17", "email": "new@example.org",
            "phone": "", VERSION_FIELD: read_at}
    form = PedagogueForm(data, instance=Pedagogue.objects.get(pk=pedagogue.pk))
    assert not form.is_valid()
    assert "+7 391 200-00-00" in form.non_field_errors()[0]
    assert Pedagogue.objects.get(pk=pedagogue.pk).phone == "+7 391 200-00-00"


def test_a_create_form_posted_twice_makes_one_record(client, methodist, city):
    client.force_login(methodist)
    token = client.get("/associations/new/").context["form"][TOKEN_FIELD].value()
    data = {"municipality": city.pk, "kind": "gmo", "title": "ГМО учителей истории", "started": "2021-09-01",
            TOKEN_FIELD: token}
    first = client.post("/associations/new/", data)
    assert first.status_code == 302
    second = client.post("/associations/new/", data)
    assert second.status_code == 200
    assert "уже отправлена" in second.content.decode() or "already been submitted" in second.content.decode()
    assert Association.objects.filter(title="ГМО учителей истории").count() == 1
    # The page shown again carries a fresh token: saving it is a deliberate new record, not a repeat.
    assert second.context["form"][TOKEN_FIELD].value() not in ("", token)
    # A fresh form (a new token) creates another record as usual.
    fresh = client.get("/associations/new/").context["form"][TOKEN_FIELD].value()
    assert fresh != token
    assert client.post("/associations/new/", {**data, "title": "ГМО 2", TOKEN_FIELD: fresh}).status_code == 302


def test_a_likely_duplicate_person_is_pointed_out_on_the_create_form(school, school_user, other_city):
    PedagogueFactory(institution=school, last_name="Иванова", first_name="Мария", middle_name="Петровна",
                     birth_date=datetime.date(1985, 3, 2))
    data = {"last_name": "иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1985-03-02"}
    form = PedagogueForm(data, user=school_user)
    assert not form.is_valid()
    assert "Иванова Мария Петровна" in form.non_field_errors()[0]
    assert 'type="checkbox"' in str(form["confirm_duplicate"])
    assert PedagogueForm({**data, "confirm_duplicate": "on"}, user=school_user).is_valid()
    assert PedagogueForm({**data, "birth_date": "1985-03-03"}, user=school_user).is_valid()


@contextmanager
def file_database(tmp_path):
    """Let threads meet on a file database, as in production.

    The in-memory SQLite test database shares one cache between threads and answers a busy table with
    «database table is locked» at once, whatever the timeout; so the committed test data is copied into a
    file and the threads' connections open that file (with the project's OPTIONS: WAL, timeout, IMMEDIATE).
    On PostgreSQL the threads use the test database itself.
    """
    if connection.vendor != "sqlite":
        yield lambda sql: _count(connection, sql)
        return
    path = str(tmp_path / "concurrent.sqlite3")
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    shared = connections.settings["default"]
    name = shared["NAME"]
    shared["NAME"] = path
    try:
        yield lambda sql: sqlite3.connect(path).execute(sql).fetchone()[0]
    finally:
        shared["NAME"] = name


def _count(conn, sql):
    with conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_of_a_submission_answer_one_201(school, school_user, year, methodist, city, tmp_path):
    campaign = Campaign.objects.create(municipality=city, title="Потребность 2022", as_of=datetime.date(2022, 9, 1),
                                       year=year, deadline=datetime.date.today() + datetime.timedelta(days=10),
                                       created_by=methodist)
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def post():
        client = api_of(school_user)
        barrier.wait()
        try:
            response = client.post("/api/v1/staffing/submissions/", {
                "campaign": campaign.pk, "institution": school.pk, "no_needs": True,
            }, format="json")
            statuses.append(response.status_code)
        finally:
            connections["default"].close()

    with file_database(tmp_path) as count:
        threads = [threading.Thread(target=post) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rows = count(f"SELECT COUNT(*) FROM staffing_submission WHERE campaign_id = {campaign.pk}")
    assert statuses.count(201) == 1, statuses
    assert set(statuses) - {201} <= {400, 409}, statuses
    assert rows == 1


def test_a_page_whose_save_loses_a_unique_race_answers_409(client, methodist, city):
    client.force_login(methodist)
    data = {"municipality": city.pk, "kind": "gmo", "title": "ГМО учителей музыки", "started": "2021-09-01"}
    with mock.patch.object(AssociationForm, "save", side_effect=IntegrityError("UNIQUE constraint failed")):
        response = client.post("/associations/new/", data)
    assert response.status_code == 409
    assert "в тот же момент" in response.content.decode()
