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
    response = client.get(f"/certificates/verify/{certificate.code}/")

    assert response.status_code == 200
    text = page_text(response)
    assert "действителен" in text
    assert "Кузнецова Анна Игоревна" not in text
    for value in ("Кузнецова А. И.", "Формирующее оценивание на уроке (ГМО учителей математики)",
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
    response = client.get(reverse("certificates:verify-form"), {"number": f" {certificate.code} "})

    assert response.status_code == 302
    assert response["Location"] == certificate.verify_path()


def test_api_answers_the_same_as_the_page_without_login(client, certificate, methodist):
    data = client.get(f"/api/v1/certificates/verify/{certificate.code}/").json()

    assert data == {
        "found": True, "number": certificate.number, "kind": "certificate", "kind_title": "Сертификат",
        "holder_name": "Кузнецова А. И.",
        "event_title": "Формирующее оценивание на уроке (ГМО учителей математики)",
        "event_date": "2026-03-12", "hours": "4", "result": None, "valid": True, "revoked_on": None,
        "revoke_reason": None, "status": "действителен",
        "verify_url": iri_to_uri(f"http://127.0.0.1:8000/certificates/verify/{certificate.code}/"),
    }
    certificate.revoke(reason="Выдан по ошибке", by=methodist)
    revoked = client.get(f"/api/v1/certificates/verify/{certificate.code}/").json()
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
    for _label, value in certificate.public_fields():
        assert value in shown
    assert f"https://metod.example.ru/certificates/verify/{certificate.code}/" in printed.replace(" ", "")
    assert "anna@example.org" not in printed


def test_diploma_prints_the_result(city, school, methodist):
    from .factories import Result
    from .factories import competition
    from .factories import pedagogue

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


def test_a_number_without_its_check_part_or_with_a_wrong_one_verifies_nothing(client, certificate):
    wrong = certificate.number + "-" + ("A" if certificate.check_code[0] != "A" else "B") + certificate.check_code[1:]
    for code in (certificate.number, wrong, certificate.number + "-", certificate.check_code):
        page = client.get(reverse("certificates:verify", args=[code]))
        api = client.get(f"/api/v1/certificates/verify/{code}/")

        assert page.status_code == 404, code
        assert "Кузнецова" not in page_text(page)
        assert api.status_code == 404, code
        assert "Кузнецова" not in api.content.decode()


def test_check_codes_are_random_and_the_lower_case_code_is_accepted(client, certificate, meeting):
    from certificates.models import CHECK_ALPHABET
    from certificates.models import new_check_code

    codes = {new_check_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(CHECK_ALPHABET) for code in codes)
    assert client.get(f"/certificates/verify/{certificate.number}-{certificate.check_code.lower()}/").status_code == 200


def test_the_qr_code_and_the_printed_address_carry_the_full_code(certificate, settings):
    settings.PORTAL_BASE_URL = "https://metod.example.ru"

    assert certificate.verify_url() == iri_to_uri(
        f"https://metod.example.ru/certificates/verify/{certificate.number}-{certificate.check_code}/")
    assert certificate.code in pdf_text(certificate.render_pdf()).replace(" ", "")


def test_200_sequential_verification_requests_are_throttled_on_the_page_and_the_api(client, certificate, settings,
                                                                                     still_clock):
    from django.core.cache import cache

    cache.clear()
    settings.CERTIFICATE_VERIFY_RATE = "30/m"
    pages = [client.get(certificate.verify_path()).status_code for _ in range(200)]

    assert pages[:30] == [200] * 30
    assert set(pages[30:]) == {429}
    refused = client.get(certificate.verify_path())
    assert "Слишком много запросов" in page_text(refused)
    assert "Кузнецова" not in page_text(refused)
    # The form shares the page's counter.
    assert client.get(reverse("certificates:verify-form"), {"number": certificate.code}).status_code == 429
    # Another client address still gets through.
    assert client.get(certificate.verify_path(), REMOTE_ADDR="10.1.2.3").status_code == 200

    api = [client.get(f"/api/v1/certificates/verify/{certificate.code}/").status_code for _ in range(200)]
    assert api[:30] == [200] * 30
    assert set(api[30:]) == {429}
    detail = client.get(f"/api/v1/certificates/verify/{certificate.code}/").json()["detail"]
    assert detail.startswith("Слишком много запросов проверки")
    cache.clear()


def test_existing_certificates_get_their_codes_from_the_data_migration(certificate):
    import importlib

    from django.apps import apps

    from certificates.models import Certificate as Model

    Model.objects.filter(pk=certificate.pk).update(check_code="")
    Model.history.filter(id=certificate.pk).update(check_code="")
    migration = importlib.import_module("certificates.migrations.0001_squashed_0003_certificate_check_code")
    migration.give_codes(apps, None)

    certificate.refresh_from_db()
    assert len(certificate.check_code) == 8
    assert set(Model.history.filter(id=certificate.pk).values_list("check_code", flat=True)) == {certificate.check_code}
