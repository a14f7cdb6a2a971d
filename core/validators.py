"""Limits on uploaded files: every user-uploaded ``FileField`` gets a type and a size check.

``document_validators()`` is the default for documents (reports, regulations, evidence); pass other extensions
where a field keeps something else. ``UPLOAD_MAX_BYTES`` (settings, default 20 MB) is the ceiling; the web
server's own limit (nginx ``client_max_body_size``, docs/deploy.md) sits just above it.
``config/tests/test_uploads.py`` walks every model: a new file field without both checks fails it.

``validate_content`` checks that a file is what its extension says by reading it (``filetype`` for the magic
numbers, ``zipfile`` for the structure of OOXML and OpenDocument files): a text file named ``fake.pdf`` is refused.
It runs inside ``validate_upload_size`` (so every field and form using the size check gets it without a
migration) and inside the few app-specific size validators.
"""

import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy

DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
                       "jpg", "jpeg", "png", "zip")


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .xls, .ppt): a Compound File

# What the content of a file with this extension must be: a family checked by ``_family_of``.
EXPECTED_FAMILY = {
    "pdf": "pdf",
    "doc": "ole", "xls": "ole", "ppt": "ole",
    "docx": "ooxml", "xlsx": "ooxml", "pptx": "ooxml",
    "odt": "odf", "ods": "odf", "odp": "odf",
    "rtf": "rtf",
    "zip": "zip",
    "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "gif": "gif",
    "mp4": "video",
}

# "The file is not …" (Russian takes the instrumental case here, hence a context of its own).
EXPECTED_TITLES = {
    "pdf": pgettext_lazy("the file is not", "a PDF document"),
    "ole": pgettext_lazy("the file is not", "a Microsoft Office 97–2003 document"),
    "ooxml": pgettext_lazy("the file is not", "a Microsoft Office (OOXML) document"),
    "odf": pgettext_lazy("the file is not", "an OpenDocument file"),
    "rtf": pgettext_lazy("the file is not", "an RTF document"),
    "zip": pgettext_lazy("the file is not", "a ZIP archive"),
    "jpeg": pgettext_lazy("the file is not", "a JPEG image"),
    "png": pgettext_lazy("the file is not", "a PNG image"),
    "gif": pgettext_lazy("the file is not", "a GIF image"),
    "video": pgettext_lazy("the file is not", "an MP4 video"),
}

# "By its content it is …"
FAMILY_TITLES = {
    "pdf": gettext_lazy("a PDF document"),
    "ole": gettext_lazy("a Microsoft Office 97–2003 document"),
    "ooxml": gettext_lazy("a Microsoft Office (OOXML) document"),
    "odf": gettext_lazy("an OpenDocument file"),
    "rtf": gettext_lazy("an RTF document"),
    "zip": gettext_lazy("a ZIP archive"),
    "jpeg": gettext_lazy("a JPEG image"),
    "png": gettext_lazy("a PNG image"),
    "gif": gettext_lazy("a GIF image"),
    "video": gettext_lazy("an MP4 video"),
    "text": gettext_lazy("plain text"),
    "empty": gettext_lazy("an empty file"),
    None: gettext_lazy("a file of an unknown format"),
}


def _family_of(file) -> str | None:
    """Return the family of the file's content (a key of ``FAMILY_TITLES``)."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if not head:
        return "empty"
    if head.startswith(OLE_SIGNATURE):
        return "ole"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            return "ooxml"
        if "mimetype" in names:
            return "odf"
        return "zip"
    kind = filetype.guess(head)
    if kind is not None:
        if kind.extension == "pdf":
            return "pdf"
        if kind.extension == "rtf":
            return "rtf"
        if kind.extension in ("jpg", "png", "gif"):
            return {"jpg": "jpeg"}.get(kind.extension, kind.extension)
        if kind.mime.startswith("video/"):
            return "video"
        return kind.extension
    if b"%PDF-" in head[:1024]:
        return "pdf"  # a PDF may start after a few bytes of junk; readers accept it
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in head:
            return None
    return "text"


def validate_content(file) -> None:
    """Refuse a new upload whose content is not what its extension says (``fake.pdf`` holding text).

    Files already stored (a form saved again without a new file) were checked when they came in.
    Extensions without a known signature (``.txt``, ``.csv``) are left to the extension check.
    """
    if not file or getattr(file, "_committed", False):
        return
    name = str(getattr(file, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = EXPECTED_FAMILY.get(extension)
    if expected is None:
        return
    found = _family_of(file)
    if found == expected or (expected == "zip" and found in ("ooxml", "odf")):
        return  # OOXML and OpenDocument files are ZIP archives too
    raise ValidationError(
        _("The file «{name}» is not {expected}: by its content it is {found}. Save it again in the right format "
          "or choose another file.").format(
            name=name.rsplit("/", 1)[-1], expected=EXPECTED_TITLES[expected],
            found=FAMILY_TITLES.get(found, FAMILY_TITLES[None]),
        ),
        code="file_content",
    )


def validate_upload(file) -> None:
    """Refuse a file above ``settings.UPLOAD_MAX_BYTES`` or whose content does not match its extension."""
    limit = settings.UPLOAD_MAX_BYTES
    if file and getattr(file, "size", 0) > limit:
        raise ValidationError(
            _("The file is larger than {size} MB.").format(size=limit // (1024 * 1024)), code="file_too_large"
        )
    validate_content(file)


# The name the models' migrations refer to; the same function, so no migration changes.
validate_upload_size = validate_upload


def document_validators(extensions=DOCUMENT_EXTENSIONS) -> list:
    return [FileExtensionValidator(list(extensions)), validate_upload_size]
