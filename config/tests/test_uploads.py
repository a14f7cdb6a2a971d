"""Every file a user can upload has a type and a size limit (generated from the models, so a new FileField
without them fails here)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

# Files the portal writes itself, never uploaded by a user.
GENERATED = {("jobs", "Job", "file")}


def upload_fields():
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue  # the audit copy of a field validated on its own model
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and (
                model._meta.app_label, model.__name__, field.name
            ) not in GENERATED:
                yield pytest.param(field, id=f"{model._meta.label}.{field.name}")


def test_the_walk_finds_the_upload_fields_of_every_app():
    labels = {param.id.split(".")[0] for param in upload_fields()}
    assert {"monitoring", "training", "associations", "mentoring", "innovation", "expertise", "banks",
            "staffing"} <= labels


@pytest.mark.parametrize("field", list(upload_fields()))
def test_an_executable_is_refused(field):
    with pytest.raises(ValidationError):
        field.run_validators(SimpleUploadedFile("virus.exe", b"MZ\x90\x00"))


@pytest.mark.parametrize("field", list(upload_fields()))
def test_a_file_above_the_size_limit_is_refused_and_a_small_pdf_is_not(field):
    small = SimpleUploadedFile("report.pdf", b"%PDF-1.4 a small report")
    field.run_validators(small)  # the common document type passes every upload field

    big = SimpleUploadedFile("report.pdf", b"%PDF-1.4")
    big.size = settings.UPLOAD_MAX_BYTES + 1
    with pytest.raises(ValidationError) as error:
        field.run_validators(big)
    assert "МБ" in str(error.value) or "MB" in str(error.value)


@pytest.mark.parametrize("field", list(upload_fields()))
def test_a_text_file_named_pdf_is_refused_by_its_content(field):
    with pytest.raises(ValidationError) as error:
        field.run_validators(SimpleUploadedFile("fake.pdf", "Это не PDF, а текст.".encode()))
    assert any("fake.pdf" in message for message in error.value.messages)
