"""The yearly report as an Excel workbook (openpyxl) and as a PDF (WeasyPrint), both from a frozen snapshot."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter

from core.pdf import render_pdf
from core.xlsx import put
from monitoring.computation import DirectionResult
from monitoring.computation import Dynamics
from monitoring.computation import IndicatorResult
from monitoring.computation import Rating
from monitoring.computation import Results
from monitoring.computation import as_number
from monitoring.computation import display
from monitoring.labels import dynamics_label
from monitoring.labels import rating_label
from monitoring.models import ReportSnapshot
from monitoring.registry import Unit

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
RATING_FILLS = {
    Rating.SATISFACTORY: PatternFill("solid", fgColor="C6EFCE"),
    Rating.UNSATISFACTORY: PatternFill("solid", fgColor="FFC7CE"),
    Rating.UNRATED: PatternFill("solid", fgColor="EDEDED"),
}
DYNAMICS_FONTS = {
    Dynamics.POSITIVE: Font(color="006100"),
    Dynamics.NEGATIVE: Font(color="9C0006"),
}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def _number_format(unit: str) -> str:
    return {Unit.SHARE: "0.0%", Unit.COUNT: "#,##0"}.get(unit, "#,##0.00")


def _cell_number(value):
    number = as_number(value)
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() and abs(number) >= 1 else float(number)


def _header(ws, row: int, headers: list[tuple[str, int]]) -> None:
    for column, (title, width) in enumerate(headers, start=1):
        cell = put(ws, row, column, title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(column)].width = width


def _print_setup(ws, header_row: int) -> None:
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "&P / &N"


def _caption(ws, text: str, subtitle: str) -> None:
    put(ws, 1, 1, text).font = Font(bold=True, size=13)
    put(ws, 2, 1, subtitle).font = Font(italic=True, color="555555")


def _summary_sheet(ws, results: Results, municipality: str) -> None:
    ws.title = _("Summary of directions")[:31]
    _caption(
        ws,
        _("Monitoring of the municipal methodical service, {year}").format(year=results.year),
        _("{scope}; compared with {previous}").format(
            scope=municipality, previous=results.previous_year or "—"
        ),
    )
    headers = [
        (_("Direction"), 48),
        (_("Rating"), 16),
        (_("Key indicators meeting target"), 18),
        (_("Positive dynamics"), 14),
        (_("Rule"), 60),
    ]
    _header(ws, 4, headers)
    row = 4
    for direction in results.directions:
        if not direction.indicators:
            continue
        row += 1
        deciding = direction.key_indicators or direction.indicators
        met = sum(1 for item in deciding if item.rating == Rating.SATISFACTORY)
        values = [
            direction.title,
            rating_label(direction.rating),
            f"{met} / {len(deciding)}",
            _("yes") if direction.has_positive else _("no"),
            direction.rating_rule,
        ]
        for column, value in enumerate(values, start=1):
            cell = put(ws, row, column, value)
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row, column=2).fill = RATING_FILLS[direction.rating]
    _print_setup(ws, 4)


def sheet_title(title: str, taken: set[str]) -> str:
    """Return a worksheet name from a direction's title: Excel's 31 characters cut at a word, without the
    characters Excel refuses, unique in the workbook."""
    clean = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    name = clean
    if len(clean) > 31:
        words = clean[:32].split(" ")[:-1] if " " in clean[:32] else [clean[:31]]
        while len(words) > 1 and len(words[-1]) <= 2:  # not «… сообщество и»
            words.pop()
        name = " ".join(words).rstrip(",;.")
    candidate, number = name, 2
    while candidate in taken:
        suffix = f" {number}"
        candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
    return candidate


INDICATOR_HEADERS = [
    ("indicator", 46),
    ("unit", 10),
    ("key", 8),
    ("previous", 13),
    ("value", 13),
    ("change", 16),
    ("dynamics", 13),
    ("target", 12),
    ("tolerance", 12),
    ("rating", 15),
    ("rule", 50),
    ("source", 30),
]


def _direction_sheet(ws, direction: DirectionResult, results: Results) -> None:
    ws.title = sheet_title(direction.title, {sheet.title for sheet in ws.parent.worksheets if sheet is not ws})
    _caption(
        ws, direction.title, f"{results.year}: {rating_label(direction.rating)}. {direction.rating_rule}"
    )
    titles = {
        "indicator": _("Indicator"),
        "unit": _("Unit"),
        "key": _("Key indicator"),
        "previous": results.previous_year or _("Previous year"),
        "value": results.year,
        "change": _("Change since last year"),
        "dynamics": _("Dynamics"),
        "target": _("Target"),
        "tolerance": _("Tolerance"),
        "rating": _("Rating"),
        "rule": _("Calculation rule"),
        "source": _("Data source"),
    }
    _header(ws, 4, [(titles[key], width) for key, width in INDICATOR_HEADERS])
    for row, item in enumerate(direction.indicators, start=5):
        _indicator_row(ws, row, item)
    _print_setup(ws, 4)


def _indicator_row(ws, row: int, item: IndicatorResult) -> None:
    number_format = _number_format(item.unit)
    values = [
        item.title,
        unit_label(item.unit),
        _("yes") if item.is_key else "",
        _cell_number(item.previous),
        _cell_number(item.value),
        item.change_display,
        dynamics_label(item.dynamics),
        _cell_number(item.target),
        item.tolerance_display,
        rating_label(item.rating),
        f"{item.rule} {item.rating_rule}".strip(),
        item.source,
    ]
    for column, value in enumerate(values, start=1):
        cell = put(ws, row, column, value)
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column in (4, 5, 8):
            cell.number_format = number_format
    ws.cell(row=row, column=7).font = DYNAMICS_FONTS.get(item.dynamics, Font())
    ws.cell(row=row, column=10).fill = RATING_FILLS[item.rating]


def report_workbook(snapshot: ReportSnapshot) -> bytes:
    """Return the report workbook: a summary sheet and one sheet per direction with indicators."""
    results = Results.from_json(snapshot.data)
    wb = Workbook()
    _summary_sheet(wb.active, results, str(snapshot.municipality))
    for direction in results.directions:
        if direction.indicators:
            _direction_sheet(wb.create_sheet(), direction, results)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def bars_svg(item: IndicatorResult, results: Results) -> dict:
    """Return the geometry of a two-bar chart (previous year, this year) drawn as inline SVG in the PDF."""
    values = [as_number(item.previous), as_number(item.value)]
    target = as_number(item.target)
    top = max(
        [abs(v) for v in values if v is not None] + ([target] if target is not None else []) + [Decimal(0)]
    )
    label, span, height = 58, 92, 44
    bars = []
    for index, (title, value) in enumerate(
        ((results.previous_year or "", values[0]), (results.year, values[1]))
    ):
        length = 0 if not top or value is None else float(abs(value) / top) * span
        bars.append(
            {
                "y": 4 + index * 20,
                "text_y": 16 + index * 20,
                "length": round(length, 1),
                "label": title,
                "text": display(value, item.unit),
                "text_x": round(label + length + 3, 1),
                "current": index == 1,
            }
        )
    target_x = None
    if target is not None and top:
        target_x = round(label + float(target / top) * span, 1)
    return {"width": label + span + 50, "height": height, "bars": bars, "target_x": target_x, "x": label}


def report_pdf(snapshot: ReportSnapshot) -> bytes:
    results = Results.from_json(snapshot.data)
    directions = [
        {
            "result": direction,
            "rows": [{"item": item, "chart": bars_svg(item, results)} for item in direction.indicators],
        }
        for direction in results.directions
        if direction.indicators
    ]
    from monitoring.services import measures_effect
    from monitoring.services import previous_order

    last_order = previous_order(snapshot.municipality, snapshot.year)
    return render_pdf(
        "monitoring/pdf/report.html",
        {
            "snapshot": snapshot,
            "results": results,
            "directions": directions,
            "last_order": last_order,
            "effects": measures_effect(last_order, results),
        },
    )


def order_pdf(order) -> bytes:
    """Return the order laid out like a Russian administrative order (always in the portal's language)."""
    from django.conf import settings
    from django.utils.translation import override

    from monitoring.documents import document_context

    with override(settings.LANGUAGE_CODE):
        return render_pdf("monitoring/pdf/order.html", document_context(order))
