"""Who looked at whom (the access log) and the erasure of a person's data on request (152-ФЗ)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from conftest import client_of
from core.audit import AccessKind
from core.audit import AccessLog
from core.audit import Erasure
from core.audit import erase_person
from core.audit import purge_access_log
from core.models import Pedagogue
from core.tests.factories import PedagogueFactory
from monitoring.indicators import share_under_35
from training.tests.factories import DiagnosisFactory


@pytest.fixture
def staff(school):
    return [PedagogueFactory(institution=school, last_name=f"Сидорова{n}") for n in range(3)]


def test_a_pedagogues_page_is_logged_with_who_what_and_one_row(methodist, staff):
    client_of(methodist).get(f"/pedagogues/{staff[0].pk}/")

    entry = AccessLog.objects.get()
    assert (entry.user, entry.username, entry.kind, entry.what, entry.object_id, entry.rows) == (
        methodist, "methodist", AccessKind.VIEW, "core.pedagogue", staff[0].pk, 1)
    assert entry.path == f"/pedagogues/{staff[0].pk}/"


def test_the_staff_export_is_logged_with_the_number_of_rows_written(school_user, staff):
    response = client_of(school_user).get("/pedagogues/export/")

    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.kind, entry.what, entry.rows) == (AccessKind.EXPORT, "core.pedagogue", 3)


def test_the_staff_list_page_logs_the_rows_shown(methodist, staff):
    client_of(methodist).get("/pedagogues/")

    assert list(AccessLog.objects.values_list("kind", "rows")) == [(AccessKind.LIST, 3)]


def test_the_api_list_and_detail_are_logged(methodist, staff):
    client = client_of(methodist)
    client.get("/api/v1/pedagogues/")
    client.get(f"/api/v1/pedagogues/{staff[1].pk}/")

    assert list(AccessLog.objects.order_by("pk").values_list("kind", "rows", "object_id")) == [
        (AccessKind.API, 3, None), (AccessKind.API, 1, staff[1].pk)]


def test_diagnoses_list_detail_and_export_are_logged(methodist, staff):
    diagnosis = DiagnosisFactory(pedagogue=staff[0], completed_at=timezone.now())
    client = client_of(methodist)
    client.get("/training/diagnoses/")
    client.get(f"/training/diagnoses/{diagnosis.pk}/")
    client.get("/training/diagnoses/export/")
    client.get("/api/v1/training/diagnoses/")

    assert list(AccessLog.objects.order_by("pk").values_list("what", "kind", "rows")) == [
        ("training.diagnosis", AccessKind.LIST, 1), ("training.diagnosis", AccessKind.VIEW, 1),
        ("training.diagnosis", AccessKind.EXPORT, 1), ("training.diagnosis", AccessKind.API, 1)]


def test_logging_costs_one_insert_whatever_the_number_of_rows(methodist, school):
    for _n in range(30):
        PedagogueFactory(institution=school)
    client = client_of(methodist)
    client.get("/pedagogues/export/")  # warm up (sessions, caches)
    with CaptureQueriesContext(connection) as queries:
        client.get("/pedagogues/export/")

    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "core_accesslog"')]
    assert len(inserts) == 1
    assert AccessLog.objects.order_by("-pk").first().rows == 30


def test_a_refused_request_writes_nothing(expert, staff):
    assert client_of(expert).get(f"/pedagogues/{staff[0].pk}/").status_code == 403

    assert AccessLog.objects.count() == 0


def test_old_entries_are_purged_after_access_log_days(settings, methodist):
    settings.ACCESS_LOG_DAYS = 30
    now = timezone.now()
    old = AccessLog.objects.create(username="a", kind=AccessKind.VIEW, what="core.pedagogue", path="/",
                                   at=now - datetime.timedelta(days=31))
    kept = AccessLog.objects.create(username="b", kind=AccessKind.VIEW, what="core.pedagogue", path="/",
                                    at=now - datetime.timedelta(days=29))

    assert purge_access_log() == 1
    assert list(AccessLog.objects.all()) == [kept]
    assert not AccessLog.objects.filter(pk=old.pk).exists()


def test_the_daily_purge_removes_old_access_log_entries_and_unconfirmed_uploads(db, settings, tmp_path):
    import os

    from core.tasks import purge

    settings.ACCESS_LOG_DAYS = 10
    settings.MEDIA_ROOT = tmp_path
    AccessLog.objects.create(username="a", kind=AccessKind.VIEW, what="core.pedagogue", path="/",
                             at=timezone.now() - datetime.timedelta(days=11))
    (tmp_path / "imports").mkdir()
    abandoned, waiting = tmp_path / "imports" / "a.xlsx", tmp_path / "imports" / "b.xlsx"
    abandoned.write_bytes(b"x")
    waiting.write_bytes(b"y")
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(abandoned, (two_days_ago, two_days_ago))

    assert purge() == {"access_log": 1, "uploads": 1}
    assert AccessLog.objects.count() == 0
    assert sorted(p.name for p in (tmp_path / "imports").iterdir()) == ["b.xlsx"]


def test_the_purge_commands_say_what_they_deleted(db, settings):
    settings.ACCESS_LOG_DAYS = 10
    AccessLog.objects.create(username="a", kind=AccessKind.VIEW, what="core.pedagogue", path="/",
                             at=timezone.now() - datetime.timedelta(days=11))
    out = io.StringIO()

    call_command("purge_access_log", stdout=out)

    assert AccessLog.objects.count() == 0
    assert "Deleted 1 access-log" in out.getvalue()


def test_admin_filters_and_exports_the_log_to_excel(admin_user, methodist, staff):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client_of(methodist).get(f"/pedagogues/{staff[0].pk}/")
    client_of(methodist).get("/pedagogues/export/")
    client = client_of(admin_user)

    listing = client.get("/admin/core/accesslog/", {"kind__exact": "export"})
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    response = client.post("/admin/core/accesslog/", {
        "action": "export_xlsx", "_selected_action": list(AccessLog.objects.values_list("pk", flat=True))})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # the header and two entries
    assert {row[1] for row in rows[1:]} == {"methodist"}
    assert sorted(row[5] for row in rows[1:]) == [1, 3]


# --- erasure ----------------------------------------------------------------------------------------------


def test_erasure_anonymises_the_person_but_keeps_past_indicators(admin_user, city, school, year):
    young = PedagogueFactory(institution=school, birth_date=datetime.date(1995, 1, 1), email="a@example.ru",
                             phone="+7 900 000-00-00", last_name="Кузнецова")
    PedagogueFactory(institution=school, birth_date=datetime.date(1970, 1, 1))
    before = share_under_35(city, year)
    assert before == pytest.approx(0.5, abs=0.01) or str(before) in ("0.5", "0.50", "50", "50.0")

    result = erase_person(pedagogue=young, by=admin_user, reason="Заявление № 12 от 01.12.2026")

    young.refresh_from_db()
    assert share_under_35(city, year) == before
    assert young.last_name == "Erased" or young.last_name == "Удалено"
    assert (young.middle_name, young.email, young.phone) == ("", "", "")
    assert "Кузнецова" not in {row.last_name for row in young.history.all()}
    assert young.history.count() == 1
    assert result.history_rows >= 1
    erasure = Erasure.objects.get()
    assert (erasure.pedagogue, erasure.erased_by, erasure.reason) == (young, admin_user,
                                                                       "Заявление № 12 от 01.12.2026")


def test_erasure_closes_the_linked_account(admin_user, teacher, teacher_pedagogue):
    erase_person(pedagogue=teacher_pedagogue, by=admin_user, reason="Заявление")

    teacher.refresh_from_db()
    teacher_pedagogue.refresh_from_db()
    assert teacher_pedagogue.user is None
    assert not teacher.is_active and not teacher.has_usable_password()


def test_erasure_needs_a_reason_and_an_administrator(admin_user, methodist, teacher_pedagogue):
    with pytest.raises(ValidationError):
        erase_person(pedagogue=teacher_pedagogue, by=admin_user, reason="  ")
    with pytest.raises(ValidationError):
        erase_person(pedagogue=teacher_pedagogue, by=methodist, reason="Заявление")

    assert Erasure.objects.count() == 0
    assert Pedagogue.objects.get(pk=teacher_pedagogue.pk).last_name == "Иванова"


def test_the_admin_action_asks_for_the_reason_then_erases(admin_user, teacher_pedagogue):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = client_of(admin_user)
    data = {"action": "erase_personal_data", "_selected_action": [teacher_pedagogue.pk]}

    confirm = client.post("/admin/core/pedagogue/", data)
    assert confirm.status_code == 200
    assert "Иванова" in confirm.content.decode()
    assert Erasure.objects.count() == 0

    client.post("/admin/core/pedagogue/", {**data, "apply": "1", "reason": "Заявление № 7"})

    assert Erasure.objects.get().reason == "Заявление № 7"
    teacher_pedagogue.refresh_from_db()
    assert teacher_pedagogue.last_name != "Иванова"
