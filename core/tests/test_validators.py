"""Uploads are checked by their content, not only by the extension (core.validators.validate_content)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.validators import OLE_SIGNATURE
from core.validators import document_validators
from core.validators import validate_content

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/").replace("CT", "[Content_Types].xml"), data)
    return buffer.getvalue()


OOXML = zipped(CT=b"<Types/>", word__document_xml=b"<w:document/>")
ODF = zipped(mimetype=b"application/vnd.oasis.opendocument.text", content_xml=b"<office:document/>")
PLAIN_ZIP = zipped(notes_txt=b"hello")


def run(name: str, content: bytes) -> None:
    for validator in document_validators():
        validator(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(("name", "content"), [
    ("report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
    ("plan.docx", OOXML),
    ("table.xlsx", OOXML),
    ("plan.odt", ODF),
    ("old.doc", OLE_SIGNATURE + b"\x00" * 504),
    ("old.xls", OLE_SIGNATURE + b"\x00" * 504),
    ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
    ("scan.png", PNG),
    ("scan.jpg", JPEG),
    ("all.zip", PLAIN_ZIP),
    ("all.zip", OOXML),
])
def test_a_file_whose_content_matches_its_extension_passes(name, content):
    run(name, content)


@pytest.mark.parametrize(("name", "content", "found"), [
    ("fake.pdf", "Отчёт за год: всё хорошо".encode(), "обычный текст"),
    ("fake.docx", PLAIN_ZIP, "ZIP-архив"),
    ("fake.docx", b"%PDF-1.4 report", "документ PDF"),
    ("fake.doc", OOXML, "документ Microsoft Office (OOXML)"),
    ("fake.odt", OOXML, "документ Microsoft Office (OOXML)"),
    ("fake.png", JPEG, "изображение JPEG"),
    ("fake.zip", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "файл неизвестного формата"),
    ("empty.pdf", b"", "пустой файл"),
])
def test_a_file_whose_content_differs_from_its_extension_is_refused_naming_both(name, content, found):
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        validate_content(SimpleUploadedFile(name, content))
    message = error.value.messages[0]
    assert f"«{name}»" in message
    assert found in message
    assert error.value.code == "file_content"


def test_fake_pdf_message_reads_in_russian():
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        validate_content(SimpleUploadedFile("fake.pdf", b"just text"))
    assert error.value.messages[0] == (
        "Файл «fake.pdf» не является документом PDF: по содержимому это обычный текст. "
        "Сохраните его в нужном формате или выберите другой файл."
    )


def test_an_extension_without_a_signature_is_left_to_the_extension_check():
    validate_content(SimpleUploadedFile("notes.txt", b"plain notes"))


def test_the_assignment_report_form_refuses_a_fake_pdf(db):
    from monitoring.forms import CompletionForm

    form = CompletionForm(data={"comment": "Сделано"},
                          files={"files": SimpleUploadedFile("fake.pdf", b"not a pdf at all")})
    assert not form.is_valid()
    assert "fake.pdf" in form.errors["files"][0]
