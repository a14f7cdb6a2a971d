"""Excel helpers: writing formatted workbooks and reading forgiving imports.

Writing: ``workbook_response(filename, sheets)`` where each ``Sheet`` has
columns and rows; headers are bold, frozen and filtered, widths are set.

Reading: ``read_table(file, columns)`` finds the header row (merged title rows
above it are skipped), matches headers case- and space-insensitively (with
aliases), skips blank rows, converts numbers stored as text and dates written as
``ДД.ММ.ГГГГ``, and returns one ``ParsedRow`` per data row with the problems
named by row number and column header. File-level problems (not a workbook,
empty, wrong columns) raise ``WorkbookError`` with a translated message.
"""

import datetime
import html
import io
import itertools
import re
import zipfile
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.files import download
from core.validators import OLE_SIGNATURE

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")

# Set by a background job (jobs.services) to learn how many rows ``write_sheet`` has written: called as
# ``report(rows of this sheet, sheet_finished)`` every ``ROW_PROGRESS_STEP`` rows and once at the end of each
# sheet. Unset (a no-op) outside a job.
row_progress: ContextVar[Callable[[int, bool], None] | None] = ContextVar("xlsx_row_progress", default=None)
ROW_PROGRESS_STEP = 200


@dataclass
class Column:
    key: str
    header: str
    kind: str = "str"  # str | int | decimal | date | bool
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 20
    number_format: str | None = None
    choices: Sequence[str] | None = None  # a drop-down list in the template


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    caption: str = ""  # a title line above the header
    mark_required: bool = False  # "Header *" for required columns (import templates; the reader ignores the star)


# A text starting with one of these is a formula (or a DDE command) to Excel or LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def put(ws, row: int, column: int, value: Any):
    """Write one cell of a portal workbook: the only way the portal writes cells (``write_sheet``, templates,
    the report). Lazy translations become text; text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return stays text (a string cell with the quote prefix), never a formula — whoever typed it."""
    if isinstance(value, Promise):
        value = str(value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_sheet(ws, sheet: Sheet) -> None:
    ws.title = sheet.title[:31]
    start = 1
    if sheet.caption:
        put(ws, 1, 1, sheet.caption).font = Font(bold=True, size=12)
        start = 3
    for index, column in enumerate(sheet.columns, start=1):
        header = f"{column.header} *" if sheet.mark_required and column.required else str(column.header)
        cell = put(ws, start, index, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    count = 0
    report = row_progress.get()
    for count, values in enumerate(sheet.rows, start=1):
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=False), start=1):
            cell = put(ws, start + count, index, value)
            if column.number_format:
                cell.number_format = column.number_format
            elif column.kind == "date":
                cell.number_format = "DD.MM.YYYY"
        if report is not None and count % ROW_PROGRESS_STEP == 0:
            report(count, False)
    if report is not None:
        report(count, True)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    last = get_column_letter(max(len(sheet.columns), 1))
    ws.auto_filter.ref = f"A{start}:{last}{start + max(count, 1)}"
    ws.print_title_rows = f"{start}:{start}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    for index, sheet in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        write_sheet(ws, sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return download(workbook_bytes(sheets), filename, XLSX_CONTENT_TYPE)


def template_bytes(columns: Sequence[Column], *, title: str, instructions: Sequence[str]) -> bytes:
    """Return an empty import template: the header row, drop-down lists and an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    write_sheet(ws, Sheet(title=title, columns=columns, rows=[], mark_required=True))
    lists = wb.create_sheet("lists")
    for index, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        letter = get_column_letter(index)
        for row, choice in enumerate(column.choices, start=1):
            put(lists, row, index, choice)
        validation = DataValidation(
            type="list", formula1=f"=lists!${letter}$1:${letter}${len(column.choices)}", allow_blank=True
        )
        validation.error = _("Choose a value from the list.")
        validation.showErrorMessage = True
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}1000")
    lists.sheet_state = "hidden"
    help_sheet = wb.create_sheet(_("Instructions"))
    help_sheet.column_dimensions["A"].width = 110
    if any(column.required for column in columns):
        instructions = [*instructions, _("Columns marked with * are required.")]
    for row, line in enumerate(instructions, start=1):
        put(help_sheet, row, 1, line).alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class WorkbookError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Issue:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row {row}, column «{column}»: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        return _("Row {row}: {message}").format(row=self.row, message=self.message)


@dataclass
class ParsedRow:
    number: int  # the row number the user sees in Excel
    values: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    cleaned: dict[str, Any] = field(default_factory=dict)  # what validation resolved (objects, ids)
    action: str = ""  # "create" / "update" / "skip", set by the importer
    total: bool = False  # an «Итого» row: reported once, not validated further

    def error(self, column: Column | str | None, message: str) -> None:
        header = column.header if isinstance(column, Column) else (column or "")
        self.issues.append(Issue(self.number, str(header), message))

    def failed(self, column: Column) -> bool:
        """Whether the column already has a problem in this row (so a check on its empty value would mislead)."""
        return any(issue.column == str(column.header) for issue in self.issues)

    @property
    def ok(self) -> bool:
        return not self.issues


def normalize_header(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().strip("*:").strip().casefold().replace("ё", "е")


DATE_PATTERNS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y")


def parse_cell(column: Column, raw: Any) -> tuple[Any, str | None]:
    """Return (value, error message) for one cell."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        if column.required:
            return None, _("a value is required")
        return None, None
    if column.kind == "str":
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, datetime.datetime | datetime.date):
            raw = raw.strftime("%d.%m.%Y")
        return re.sub(r"\s+", " ", str(raw)).strip(), None
    if column.kind in ("int", "decimal"):
        text = str(raw).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, _("«{value}» is not a number").format(value=raw)
        if column.kind == "int":
            if number != number.to_integral_value():
                return None, _("«{value}» is not a whole number").format(value=raw)
            return int(number), None
        return number, None
    if column.kind == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date(), None
        if isinstance(raw, datetime.date):
            return raw, None
        for pattern in DATE_PATTERNS:
            try:
                return datetime.datetime.strptime(str(raw), pattern).date(), None
            except ValueError:
                continue
        return None, _("«{value}» is not a date (use DD.MM.YYYY)").format(value=raw)
    if column.kind == "bool":
        text = str(raw).strip().casefold()
        if text in {"да", "yes", "1", "true", "+", "истина"}:
            return True, None
        if text in {"нет", "no", "0", "false", "-", "ложь"}:
            return False, None
        return None, _("«{value}» is not yes/no").format(value=raw)
    raise ValueError(column.kind)


DEFAULT_MAX_ROWS = 20000
# What an uploaded workbook may unpack to, and how wide a sheet may be: checked in the zip directory and by one
# streaming pass over each sheet's XML before openpyxl parses anything, so no upload holds a worker for long.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COLUMNS = 256
CELLS_PER_ROW = 40  # the cells a sheet may hold: max_rows × this
_SHEET_MEMBER = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"\sr=[\"'](\d+)[\"']")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
# A cell reference past column IV (256), whatever the attribute order: only cells have letters in ``r``.
_WIDE_CELL = re.compile(rb"\sr=[\"']\$?([A-Za-z]{3}|[J-Zj-z][A-Za-z]|[Ii][W-Zw-z])\$?\d")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=[\"']([^\"']*)")
_REF = re.compile(r"\$?([A-Za-z]{1,3})?\$?(\d+)?$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map a worksheet's member name to the sheet's title (for messages); empty when the parts are unusual."""
    try:
        if max(archive.getinfo(name).file_size for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")) > 1 << 20:
            return {}
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'\bId="([^"]+)"', tag), re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            targets[rid.group(1)] = target.group(1)
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(r'\bname="([^"]*)"', tag), re.search(r'\br:id="([^"]+)"', tag)
        if not (name and rid):
            continue
        name, rid = name.group(1), rid.group(1)
        target = targets.get(rid, "").lstrip("/")
        member = target if target.startswith("xl/") else f"xl/{target}"
        names[member.lower()] = html.unescape(name)
    return names


def check_upload(data: bytes, *, max_rows: int = DEFAULT_MAX_ROWS) -> None:
    """Refuse, before any parsing, an .xlsx that would take a worker long to read: one that unpacks to more than
    ``MAX_UNPACKED_BYTES`` (the sizes in the zip directory bound what can be read: zipfile stops there), or a
    sheet whose row numbers or ``<dimension>`` reach past twice the row limit, whose cells reach past column
    ``MAX_COLUMNS``, or that holds more than ``max_rows × CELLS_PER_ROW`` cells. A file that is not a zip is left
    to openpyxl (which says it is not a workbook)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    limit_mb = MAX_UNPACKED_BYTES // (1024 * 1024)
    with archive:
        members = archive.infolist()
        if len(members) > 10000 or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise WorkbookError(
                _("The workbook unpacks to more than {size} MB: it is not an import table. Copy the table into "
                  "a new workbook (values only) and upload that.").format(size=limit_mb))
        names = _sheet_names(archive)
        for member in members:
            if _SHEET_MEMBER.fullmatch(member.filename):
                _check_sheet(archive, member, names.get(member.filename.lower(), member.filename), max_rows)


def _check_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, title: str, max_rows: int) -> None:
    row_bound = 2 * max_rows + 100
    max_row = max_column = cells = current = 0
    tail = b""
    try:
        with archive.open(member) as stream:
            while True:
                chunk = stream.read(1 << 20)
                if not chunk:
                    break
                text = tail + chunk
                cut = text.rfind(b"<")  # never split a tag: the unfinished one waits for the next chunk
                text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
                if max_row == 0 and (dimension := _DIMENSION.search(text)):
                    for ref in dimension.group(1).decode("ascii", "replace").split(":"):
                        found = _REF.match(ref)
                        if found and found.group(1):
                            max_column = max(max_column, _column_number(found.group(1)))
                        if found and found.group(2):
                            max_row = max(max_row, int(found.group(2)))
                for attributes in _ROW.findall(text):  # a row without a number follows the previous one
                    number = _ROW_NUMBER.search(attributes)
                    current = int(number.group(1)) if number else current + 1
                    max_row = max(max_row, current)
                if wide := _WIDE_CELL.search(text):
                    max_column = max(max_column, _column_number(wide.group(1).decode()))
                cells += len(_CELL.findall(text))
                if max_row > row_bound or max_column > MAX_COLUMNS or cells > max_rows * CELLS_PER_ROW:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from exc
    if max_row > row_bound:
        raise WorkbookError(
            _("The sheet «{sheet}» reaches row {row}, and an import takes at most {count} rows. Delete the rows "
              "below the table (select them, «Delete rows») and save the file again.").format(
                sheet=title, row=f"{max_row:,}".replace(",", " "), count=max_rows))
    if max_column > MAX_COLUMNS:
        raise WorkbookError(
            _("The sheet «{sheet}» reaches column {column}, and an import reads at most {count} columns. Delete "
              "the columns right of the table and save the file again.").format(
                sheet=title, column=max_column, count=MAX_COLUMNS))
    if cells > max_rows * CELLS_PER_ROW:
        raise WorkbookError(
            _("The sheet «{sheet}» holds more than {count} cells: it is not an import table. Copy the table into "
              "a new workbook (values only) and upload that.").format(sheet=title, count=max_rows * CELLS_PER_ROW))


def open_workbook(file, *, max_rows: int = DEFAULT_MAX_ROWS):
    """Return an openpyxl workbook of an .xlsx or (converted through xlrd) an .xls file.

    ``workbook.uncalculated`` maps a sheet title to the cells ``{(row, column): formula}`` whose formula has no
    saved value (a file written by a program, never opened in Excel): openpyxl reads them as empty.
    """
    try:
        data = file.read()
    except OSError as exc:
        raise WorkbookError(_("The file could not be read.")) from exc
    if not data:
        raise WorkbookError(_("The file is empty."))
    if data.startswith(OLE_SIGNATURE):
        return _xls_workbook(data, max_rows=max_rows)
    check_upload(data, max_rows=max_rows)
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-workbook
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from exc
    wb.uncalculated = _uncalculated_formulas(data, wb)
    return wb


def _xls_workbook(data: bytes, *, max_rows: int = DEFAULT_MAX_ROWS):
    """Copy an Excel 97–2003 workbook into an openpyxl one (values, dates as dates) so one reader serves both."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct errors for a damaged file
        raise WorkbookError(_("The file is not an Excel workbook (.xls or .xlsx).")) from exc
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets():  # the same bounds as an .xlsx (check_upload) before anything is copied
        if sheet.nrows > 2 * max_rows + 100:
            raise WorkbookError(
                _("The sheet «{sheet}» reaches row {row}, and an import takes at most {count} rows. Delete the rows "
                  "below the table (select them, «Delete rows») and save the file again.").format(
                    sheet=sheet.name, row=f"{sheet.nrows:,}".replace(",", " "), count=max_rows))
        if sheet.nrows * sheet.ncols > max_rows * CELLS_PER_ROW:
            raise WorkbookError(
                _("The sheet «{sheet}» holds more than {count} cells: it is not an import table. Copy the table into "
                  "a new workbook (values only) and upload that.").format(sheet=sheet.name, count=max_rows * CELLS_PER_ROW))
        ws = wb.create_sheet(sheet.name[:31])
        for index in range(sheet.nrows):
            values = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                    values.append(value.date() if value.time() == datetime.time() else value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    values.append(None)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    values.append(bool(cell.value))
                else:
                    values.append(cell.value)
            ws.append(values)
    wb.uncalculated = {}
    return wb


# <c r="B5" ...><f>SUM(B2:B4)</f><v></v></c> or a shared formula <f t="shared" si="0"/> with no value.
UNCALCULATED_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*>\s*<f(?:[^>]*/>|[^>]*>([^<]*)</f>)\s*(?:<v>\s*</v>|<v\s*/>)?\s*</c>'
)


def _uncalculated_formulas(data: bytes, wb) -> dict[str, dict[tuple[int, int], str]]:
    from openpyxl.utils import column_index_from_string

    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for ws in wb.worksheets:
                path = getattr(ws, "_worksheet_path", None)
                if not path:
                    continue
                xml = archive.read(path)
                if b"<f" not in xml:
                    continue
                cells = {  # the formula as the user typed it: the XML escapes & < > in it
                    (int(row), column_index_from_string(letters.decode())): html.unescape((formula or b"").decode())
                    for letters, row, formula in UNCALCULATED_CELL.findall(xml)
                }
                if cells:
                    found[ws.title] = cells
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    return found


TOTAL_ROW = re.compile(r"^\s*(итого|всего|total)\b", re.IGNORECASE)


def read_table(
    file, columns: Sequence[Column], *, max_header_scan: int = 15, max_rows: int = DEFAULT_MAX_ROWS
) -> list[ParsedRow]:
    """Read the first sheet that has the expected header; see the module docstring. Rows are streamed and
    counted while reading: more than ``max_rows`` rows with data raise ``WorkbookError`` at once."""
    wb = open_workbook(file, max_rows=max_rows)
    wanted = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            wanted[normalize_header(name)] = column
    required = [c for c in columns if c.required]
    best_missing: list[Column] | None = None
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        scanned = []
        for _index in range(max_header_scan):
            try:
                scanned.append(next(rows))
            except StopIteration:
                break
        for offset, header_row in enumerate(scanned):
            positions: dict[str, int] = {}
            for index, cell in enumerate(header_row or ()):
                column = wanted.get(normalize_header(cell))
                if column and column.key not in positions:
                    positions[column.key] = index
            missing = [c for c in required if c.key not in positions]
            if len(positions) >= max(1, len(required)) and not missing:
                data_rows = itertools.chain(scanned[offset + 1 :], rows)
                uncalculated = getattr(wb, "uncalculated", {}).get(ws.title, {})
                return _parse_rows(data_rows, columns, positions, first_number=offset + 2,
                                   uncalculated=uncalculated, max_rows=max_rows)
            if positions and (best_missing is None or len(missing) < len(best_missing)):
                best_missing = missing
    if best_missing:
        raise WorkbookError(
            _("The header row lacks the columns: {columns}.").format(
                columns=", ".join(f"«{c.header}»" for c in best_missing)
            )
        )
    if all(ws.max_row in (None, 0, 1) and ws.max_column in (None, 0, 1) for ws in wb.worksheets):
        raise WorkbookError(_("The workbook has no data."))
    raise WorkbookError(
        _("No header row found. The first row of the table must name the columns: {columns}.").format(
            columns=", ".join(f"«{c.header}»" for c in columns)
        )
    )


def _parse_rows(
    data_rows, columns, positions, *, first_number: int, uncalculated=None, max_rows: int = DEFAULT_MAX_ROWS
) -> list[ParsedRow]:
    parsed = []
    uncalculated = uncalculated or {}
    for number, row in enumerate(data_rows, start=first_number):
        if len(parsed) >= max_rows and row and any(value not in (None, "") for value in row):
            raise WorkbookError(_("The file has more than {count} rows.").format(count=max_rows))
        cells = {key: (row[index] if row and index < len(row) else None) for key, index in positions.items()}
        formulas = {key: uncalculated[number, index + 1] for key, index in positions.items()
                    if (number, index + 1) in uncalculated}
        if not formulas and all(
            value is None or (isinstance(value, str) and not value.strip()) for value in cells.values()
        ):
            continue  # blank rows are what people leave in spreadsheets
        item = ParsedRow(number=number, values={})
        first = next((value for value in (row or ()) if value not in (None, "")), None)
        if isinstance(first, str) and TOTAL_ROW.match(first):
            item.total = True
            item.error(None, _("this is a total row («Итого»); delete it: the portal counts the totals itself"))
            for column in columns:
                item.values[column.key] = None
            parsed.append(item)
            continue
        for column in columns:
            if column.key in formulas:
                item.values[column.key] = None
                item.error(column, _("the formula «={formula}» has no saved value; open the file in Excel or "
                                     "LibreOffice, let it calculate and save it, or type the value").format(
                    formula=formulas[column.key]))
                continue
            value, error = parse_cell(column, cells.get(column.key))
            item.values[column.key] = value
            if error:
                item.error(column, error)
        parsed.append(item)
    return parsed
