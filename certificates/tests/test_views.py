import io
import zipfile

import pytest
from django.urls import reverse
from django.utils.http import content_disposition_header
from openpyxl import load_workbook

from certificates.models import Certificate
from certificates.record import sections
from core.models import Municipality
from core.scoping import Role

from .factories import issue
from .factories import seminar

pytestmark = pytest.mark.django_db

MEETING_KEY = "associations.meeting"


@pytest.fixture
def issued(meeting, methodist):
    return issue(MEETING_KEY, meeting, methodist)


@pytest.fixture
def other_city_methodist(db):
    from conftest import make_user

    city = Municipality.objects.create(name="Енисейск", code="eniseysk")
    return make_user("far", Role.METHODIST, municipality=city)


def holders(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("certificates:list"), params)
    assert response.status_code == 200
    return sorted(c.holder.last_name for c in response.context["page"].object_list)


def test_methodist_sees_the_municipalitys_certificates(client, methodist, issued):
    assert holders(client, methodist) == ["Иванова", "Кузнецова", "Орлова"]


def test_school_sees_only_its_staffs_certificates(client, school_user, outsider, issued):
    assert holders(client, school_user) == ["Иванова", "Кузнецова"]
    assert holders(client, outsider) == ["Орлова"]


def test_teacher_sees_only_their_own(client, teacher, issued):
    assert holders(client, teacher) == ["Иванова"]


def test_other_municipality_sees_nothing(client, other_city_methodist, issued):
    assert holders(client, other_city_methodist) == []


def test_list_filters_by_search_and_status(client, methodist, issued):
    issued[0].revoke(reason="Ошибка", by=methodist)
    revoked = issued[0].holder.last_name

    assert holders(client, methodist, q="кузнец") == ["Кузнецова"]
    assert holders(client, methodist, status="revoked") == [revoked]
    assert len(holders(client, methodist, status="valid")) == 2


def test_outsider_cannot_open_or_download_another_schools_certificate(client, outsider, colleague, issued):
    certificate = Certificate.objects.get(holder=colleague)
    client.force_login(outsider)

    assert client.get(reverse("certificates:detail", args=[certificate.pk])).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 404


def test_teacher_downloads_their_own_pdf(client, teacher, teacher_pedagogue, issued):
    certificate = Certificate.objects.get(holder=teacher_pedagogue)
    client.force_login(teacher)

    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == content_disposition_header(True, f"{certificate.number}.pdf")


def test_export_holds_the_filtered_rows(client, methodist, issued):
    client.force_login(methodist)
    response = client.get(reverse("certificates:export"), {"q": "Кузнецова"})

    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    number, kind, holder, institution, event, _date, hours, _line, _issued, status = rows[0]
    assert (kind, holder, institution, hours, status) == ("Сертификат", "Кузнецова Анна Игоревна", "СШ № 1", 4,
                                                         "действителен")
    assert number.startswith("ММС-")


def test_methodist_issues_in_bulk_from_the_event_page(client, methodist, meeting):
    client.force_login(methodist)
    url = reverse("certificates:issue-event", args=[MEETING_KEY, meeting.pk])

    preview = client.get(url)
    assert preview.status_code == 200
    assert preview.context["pending"] == 3
    assert "Выдать 3 сертификата" in preview.content.decode()

    response = client.post(url)
    assert response.status_code == 302
    assert Certificate.objects.count() == 3
    client.post(url)
    assert Certificate.objects.count() == 3


def test_issue_start_lists_events_with_participants(client, methodist, meeting, city):
    seminar(city, [])  # nobody attended: not offered
    client.force_login(methodist)

    response = client.get(reverse("certificates:issue"), {"source": MEETING_KEY})

    assert [event.pk for event, _described in response.context["events"]] == [meeting.pk]


def test_school_and_teacher_cannot_issue(client, school_user, teacher, meeting):
    url = reverse("certificates:issue-event", args=[MEETING_KEY, meeting.pk])
    for user in (school_user, teacher):
        client.force_login(user)
        assert client.post(url).status_code == 403
        assert client.get(reverse("certificates:issue")).status_code == 403
    assert not Certificate.objects.exists()


def test_methodist_of_another_city_cannot_reach_the_event(client, other_city_methodist, meeting):
    client.force_login(other_city_methodist)

    assert client.post(reverse("certificates:issue-event", args=[MEETING_KEY, meeting.pk])).status_code == 404
    assert client.get(reverse("certificates:issue-event-zip", args=[MEETING_KEY, meeting.pk])).status_code == 404
    assert not Certificate.objects.exists()


def test_zip_holds_one_pdf_per_valid_certificate(client, methodist, meeting, issued):
    issued[0].revoke(reason="Ошибка", by=methodist)
    client.force_login(methodist)

    response = client.get(reverse("certificates:issue-event-zip", args=[MEETING_KEY, meeting.pk]))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{c.number}.pdf" for c in issued[1:])
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())


def test_methodist_revokes_with_a_reason(client, methodist, issued):
    certificate = issued[0]
    client.force_login(methodist)
    url = reverse("certificates:revoke", args=[certificate.pk])

    empty = client.post(url, {"reason": " "})
    assert empty.status_code == 400
    assert "Укажите причину отзыва." in empty.content.decode()

    assert client.post(url, {"reason": "Не присутствовал"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "Не присутствовал"
    assert certificate.revoked_by == methodist


def test_school_cannot_revoke(client, school_user, teacher_pedagogue, issued):
    certificate = Certificate.objects.get(holder=teacher_pedagogue)
    client.force_login(school_user)

    assert client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_record_section_lists_the_pedagogues_certificates_for_who_may_see_them(
    teacher, teacher_pedagogue, outsider, issued
):
    [section] = sections(teacher_pedagogue, teacher)
    assert [c.holder for c in section.context["certificates"]] == [teacher_pedagogue]
    assert sections(teacher_pedagogue, outsider) == []


def test_api_lists_only_visible_certificates(client, school_user, outsider, issued):
    client.force_login(school_user)
    names = sorted(row["holder_name"] for row in client.get("/api/v1/certificates/").json()["results"])
    assert names == ["Иванова Мария Петровна", "Кузнецова Анна Игоревна"]

    client.force_login(outsider)
    other = Certificate.objects.get(holder__last_name="Иванова")
    assert client.get(f"/api/v1/certificates/{other.pk}/").status_code == 404
