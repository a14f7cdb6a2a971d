"""Workbooks for the import tests: a header row and rows as an uploaded .xlsx (or its bytes)."""

import io
from collections.abc import Iterable
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def workbook_bytes(book: Workbook | None = None) -> bytes:
    """The saved .xlsx of ``book`` (an empty workbook by default)."""
    buffer = io.BytesIO()
    (book or Workbook()).save(buffer)
    return buffer.getvalue()


def table_book(header: Sequence, rows: Iterable[Sequence] = (), *, title: str | None = None) -> Workbook:
    """A workbook whose first sheet holds ``title`` in a row of its own if given (as people put above a table),
    then the header row, then the rows."""
    book = Workbook()
    sheet = book.active
    if title is not None:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    return book


def xlsx(header: Sequence, rows: Iterable[Sequence] = (), *, title: str | None = None,
         name: str = "table.xlsx") -> SimpleUploadedFile:
    """The uploaded file ``name`` of ``table_book(header, rows, title=)``: for ``client.post`` or an importer."""
    return SimpleUploadedFile(name, workbook_bytes(table_book(header, rows, title=title)))
