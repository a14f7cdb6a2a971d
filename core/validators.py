"""Limits on uploaded files: every user-uploaded ``FileField`` gets a type and a size check.

``document_validators()`` is the default for documents (reports, regulations, evidence); pass other extensions
where a field keeps something else. ``UPLOAD_MAX_BYTES`` (settings, default 20 MB) is the ceiling; the web
server's own limit (nginx ``client_max_body_size``, docs/deploy.md) sits just above it.
``config/tests/test_uploads.py`` walks every model: a new file field without both checks fails it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _

DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
                       "jpg", "jpeg", "png", "zip")


def validate_upload_size(file) -> None:
    """Refuse a file above ``settings.UPLOAD_MAX_BYTES``."""
    limit = settings.UPLOAD_MAX_BYTES
    if file and getattr(file, "size", 0) > limit:
        raise ValidationError(
            _("The file is larger than {size} MB.").format(size=limit // (1024 * 1024)), code="file_too_large"
        )


def document_validators(extensions=DOCUMENT_EXTENSIONS) -> list:
    return [FileExtensionValidator(list(extensions)), validate_upload_size]
