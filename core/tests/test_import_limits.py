"""Uploads cannot starve the server: a workbook that unpacks to hundreds of MB, a sheet with a cell in row
10,000,000, a sheet wider or fuller than any import table are refused before openpyxl parses them; rows are
counted while streaming; abandoned previews are purged after a day; every import template downloads."""

import io
import os
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from django.urls import reverse
from openpyxl import Workbook
from openpyxl import load_workbook

from conftest import make_user
from core.imports import ImportView
from core.imports import purge_pending
from core.scoping import Role
from core.tests.workbooks import table_book
from core.tests.workbooks import workbook_bytes
from core.xlsx import Column
from core.xlsx import WorkbookError
from core.xlsx import read_table
from tests.test_security_urls import walk

SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def with_sheet(write_sheet) -> bytes:
    """A real workbook (openpyxl's parts) whose first sheet's XML is written by ``write_sheet(stream)``."""
    book = Workbook()
    book.active.title = "Лист1"
    book.active["A1"] = "x"
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(book)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with archive.open(info.filename, "w", force_zip64=True) as stream:
                    write_sheet(stream)
            else:
                archive.writestr(info, source.read(info.filename))
    return out.getvalue()


def bomb() -> bytes:
    """~0.7 MB that unpacks to ~520 MB of empty cells (the 1 MB workbook of the issue)."""
    def sheet(stream):
        stream.write(SHEET_HEAD)
        block = (b"<row>" + b"<c/>" * 1000 + b"</row>") * 100
        for _ in range(1300):
            stream.write(block)
        stream.write(SHEET_TAIL)
    return with_sheet(sheet)


def far_row() -> bytes:
    """A few kB: a header and one cell in row 10,000,000."""
    def sheet(stream):
        stream.write(SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
                     b'<row r="10000000"><c r="A10000000" t="inlineStr"><is><t>x</t></is></c></row>' + SHEET_TAIL)
    return with_sheet(sheet)


def table(rows: int, *, columns=("Name",), far_column: str | None = None) -> bytes:
    book = table_book(columns, ([f"row {number}"] * len(columns) for number in range(rows)))
    if far_column:
        book.active[f"{far_column}2"] = "x"
    return workbook_bytes(book)


NAME = [Column("name", "Name", required=True)]


def refused(data: bytes, **kwargs) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(WorkbookError) as error:
        read_table(io.BytesIO(data), NAME, **kwargs)
    return str(error.value), time.monotonic() - started


def test_the_1_mb_bomb_is_refused_before_parsing_in_well_under_5_seconds():
    data = bomb()
    assert len(data) < 1_200_000
    assert sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist()) > 500_000_000

    message, elapsed = refused(data)

    assert "больше 100 МБ" in message
    assert elapsed < 5


def test_the_8_kb_row_10_000_000_workbook_is_refused_in_well_under_5_seconds():
    data = far_row()
    assert len(data) < 8192

    message, elapsed = refused(data)

    assert "«Лист1»" in message and "10 000 000" in message and "20000" in message
    assert elapsed < 5


def test_a_sheet_wider_than_an_import_table_or_a_lying_dimension_is_refused():
    message, _elapsed = refused(table(3, far_column="XFD"))
    assert "16384" in message

    def lying(stream):
        stream.write(SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD30000"/><sheetData>')
                     + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>' + SHEET_TAIL)
    message, _elapsed = refused(with_sheet(lying))
    assert "16384" in message


def test_rows_are_counted_while_reading_and_the_limit_stops_the_import():
    # Within the row numbers a sheet may reach, but more data rows than the importer takes.
    message, elapsed = refused(table(150), max_rows=100)
    assert message == "В файле больше 100 строк."
    # Row numbers far beyond the limit are refused from the scan, before any row is read.
    message, _elapsed = refused(table(450), max_rows=100)
    assert "«Sheet»" in message and "451" in message and "100" in message
    assert [row.values["name"] for row in read_table(io.BytesIO(table(100)), NAME, max_rows=100)][-1] == "row 99"


def test_an_upload_through_the_import_page_is_refused_quickly_with_the_message(db, city):
    methodist = make_user("limits-methodist", Role.METHODIST, municipality=city)
    client = Client()
    client.force_login(methodist)
    for data, expected in ((bomb(), "больше 100 МБ"), (far_row(), "10 000 000")):
        started = time.monotonic()
        response = client.post(reverse("banks:item-import"),
                               {"file": SimpleUploadedFile("big.xlsx", data)})
        elapsed = time.monotonic() - started

        assert response.status_code == 200
        assert expected in response.content.decode()
        assert elapsed < 5
    assert purge_pending(older_than_hours=0) == 0  # a refused upload leaves no file behind


def test_previews_older_than_a_day_are_purged_by_the_command_and_the_daily_task(settings, db):
    folder = settings.MEDIA_ROOT / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / ("a" * 32 + ".xlsx"), folder / ("b" * 32 + ".xlsx")
    old.write_bytes(b"old")
    fresh.write_bytes(b"fresh")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))

    out = io.StringIO()
    call_command("purge_imports", stdout=out)

    assert not old.exists() and fresh.exists()
    assert "Deleted 1 import preview file(s) older than 24 hour(s)." in out.getvalue()
    os.utime(fresh, (day_ago, day_ago))
    from core.tasks import purge

    assert purge()["uploads"] == 1
    assert not fresh.exists()


def import_urls():
    """(name, route, parameters) of every ImportView in the URL conf."""
    found = []
    for route, name, callback, params in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        if view_class is not None and issubclass(view_class, ImportView):
            found.append((name, route, params))
    return found


@pytest.mark.django_db
def test_every_import_template_downloads_as_a_workbook_with_its_headers():
    from staffing.models import Campaign
    from staffing.models import CampaignStatus
    from staffing.models import Submission
    from staffing.models import SubmissionStatus

    call_command("seed_demo", scale="tiny", verbosity=0)
    admin = make_user("limits-admin", Role.ADMIN)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    urls = import_urls()
    assert len(urls) >= 6
    # An open campaign and an answer still in draft: its needs can be uploaded.
    submission = Submission.objects.order_by("pk").first()
    Campaign.objects.filter(pk=submission.campaign_id).update(status=CampaignStatus.OPEN)
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.DRAFT)
    campaign, institution = submission.campaign, submission.institution
    problems = []
    for name, _route, params in urls:
        kwargs = {}
        if "campaign_pk" in params:
            kwargs = {"campaign_pk": campaign.pk, "institution_pk": institution.pk}
        response = client.get(reverse(name, kwargs=kwargs or None), {"template": "1"})
        if response.status_code != 200 or not response["Content-Type"].startswith("application/vnd.openxmlformats"):
            problems.append(f"{name}: {response.status_code}")
            continue
        book = load_workbook(io.BytesIO(response.content))
        headers = [cell.value for cell in next(book.worksheets[0].iter_rows(max_row=1))]
        importer = response.wsgi_request.resolver_match.func.view_class.importer_class
        if [str(h).removesuffix(" *") for h in headers] != [str(c.header) for c in importer.columns]:
            problems.append(f"{name}: headers {headers}")
        if any(cell.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for cell in row):
            problems.append(f"{name}: a formula cell")
    assert problems == []
