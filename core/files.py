"""Uploaded files are served by scoped views, never from a public /media/ location (docs/deploy.md).

A view finds the record through its ``for_user()`` QuerySet — so a user who may not see the record gets a
404 — and answers with ``attachment_response(record.<file field>)``.
"""

from pathlib import PurePosixPath

from django.http import FileResponse
from django.http import Http404
from django.http import HttpResponse


def attachment_response(file) -> FileResponse:
    """The stored file as a download under its own name; 404 when nothing is attached or the file is gone."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(file.name).name)


PDF_CONTENT_TYPE = "application/pdf"


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """Bytes made by the portal (a workbook, a PDF, a Word file, an archive) as a download named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
