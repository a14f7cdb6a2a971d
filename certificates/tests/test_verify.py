import io
import re

import pytest
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from pypdf import PdfReader

from certificates.models import Certificate

from .factories import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(meeting, methodist, colleague):
    issue("associations.meeting", meeting, methodist)
    return Certificate.objects.get(holder=colleague)


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_anonymous_visitor_sees_a_valid_certificate_with_what_it_prints(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.number}/")

    assert response.status_code == 200
    text = page_text(response)
    assert "действителен" in text
    for value in ("Кузнецова Анна Игоревна", "Формирующее оценивание на уроке (ГМО учителей математики)",
                  "12.03.2026", certificate.number, "Сертификат"):
        assert value in text
    assert re.search(r"Часы\s+4\b", text)


def test_verification_shows_no_personal_data_beyond_the_name(client, certificate, school):
    text = page_text(client.get(certificate.verify_path()))

    for private in ("anna@example.org", "+7 900", "02.01.1990", "1990", school.name, school.short_name,
                    "Иванова", "Орлова"):
        assert private not in text


def test_revoked_certificate_says_when_and_why(client, certificate, methodist):
    certificate.revoke(reason="Выдан по ошибке", by=methodist)

    text = page_text(client.get(certificate.verify_path()))

    day = certificate.revoked_at.astimezone().strftime("%d.%m.%Y")
    assert f"отозван {day}: Выдан по ошибке" in text
    assert "действителен" not in text


def test_unknown_number_is_a_404_with_a_clear_message(client, certificate):
    response = client.get("/certificates/verify/ММС-2026-999999/")

    assert response.status_code == 404
    text = page_text(response)
    assert "не найден" in text
    assert "ММС-2026-999999" in text


def test_verification_form_redirects_to_the_numbers_page(client, certificate):
    response = client.get(reverse("certificates:verify-form"), {"number": f" {certificate.number} "})

    assert response.status_code == 302
    assert response["Location"] == certificate.verify_path()


def test_api_answers_the_same_as_the_page_without_login(client, certificate, methodist):
    data = client.get(f"/api/v1/certificates/verify/{certificate.number}/").json()

    assert data == {
        "found": True, "number": certificate.number, "kind": "certificate", "kind_title": "Сертификат",
        "holder_name": "Кузнецова Анна Игоревна",
        "event_title": "Формирующее оценивание на уроке (ГМО учителей математики)",
        "event_date": "2026-03-12", "hours": "4", "result": None, "valid": True, "revoked_on": None,
        "revoke_reason": None, "status": "действителен",
        "verify_url": iri_to_uri(f"http://127.0.0.1:8000/certificates/verify/{certificate.number}/"),
    }
    certificate.revoke(reason="Выдан по ошибке", by=methodist)
    revoked = client.get(f"/api/v1/certificates/verify/{certificate.number}/").json()
    assert revoked["valid"] is False
    assert revoked["revoke_reason"] == "Выдан по ошибке"
    assert revoked["status"].startswith("отозван ")


def test_api_answers_404_for_an_unknown_number(client, certificate):
    response = client.get("/api/v1/certificates/verify/ММС-1-1/")

    assert response.status_code == 404
    assert response.json()["found"] is False


def test_pdf_prints_exactly_what_the_verification_page_shows(client, certificate, settings):
    settings.PORTAL_BASE_URL = "https://metod.example.ru"
    shown = page_text(client.get(certificate.verify_path()))
    printed = pdf_text(certificate.render_pdf())

    for _label, value in certificate.printed_fields():
        assert value.casefold() in printed.casefold()
        assert value in shown
    assert f"https://metod.example.ru/certificates/verify/{certificate.number}/" in printed.replace(" ", "")
    assert "anna@example.org" not in printed


def test_diploma_prints_the_result(city, school, methodist):
    from .factories import Result, competition, pedagogue

    winner = pedagogue(school, "Андреева")
    contest = competition(city, {winner: (Result.WINNER, "")})
    [diploma] = issue("associations.competition", contest, methodist)

    printed = pdf_text(diploma.render_pdf())

    assert "ДИПЛОМ" in printed
    assert "Победитель" in printed
    assert "Андреева Анна Игоревна" in printed


def test_an_admin_edited_template_is_used(certificate):
    from certificates.models import CertificateTemplate

    CertificateTemplate.objects.filter(kind="certificate").update(
        body="<html><body><p>Свидетельство {{ number }} для {{ holder_name }}</p></body></html>"
    )

    assert f"Свидетельство {certificate.number} для Кузнецова Анна Игоревна" in pdf_text(certificate.render_pdf())


def test_template_validation_names_syntax_errors_and_a_second_active_template():
    from django.core.exceptions import ValidationError

    from certificates.models import CertificateTemplate

    template = CertificateTemplate(name="Новый", kind="certificate", body="{% if %}", is_active=True)
    with pytest.raises(ValidationError) as error:
        template.full_clean()

    assert set(error.value.message_dict) == {"body", "is_active"}
    assert "Другой шаблон этого вида уже действует" in error.value.message_dict["is_active"][0]


def test_a_template_cannot_pull_server_files_into_the_pdf(certificate, tmp_path):
    from certificates.models import CertificateTemplate

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    CertificateTemplate.objects.filter(kind="certificate").update(
        body=f'<html><body><p>{{{{ number }}}}</p><object data="file://{secret}"></object>'
             f'<img src="file://{secret}"></body></html>'
    )

    printed = pdf_text(certificate.render_pdf())

    assert certificate.number in printed
    assert "TOP-SECRET" not in printed
