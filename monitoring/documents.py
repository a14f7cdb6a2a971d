"""The order and the analytical note (аналитическая справка) as editable Word files (python-docx), the note as a
PDF, and the file names (with the academic year) of every monitoring document.

Layout after ГОСТ Р 7.0.97-2016 as departmental orders are written: a two-level letterhead, «П Р И К А З», the
date and number line, the place of issue, a bold title, the preamble, items numbered by Word's own list
numbering (1., 2., 3., 3.1., …), the signature; Times New Roman 14 pt (Liberation Serif, metric-compatible, where
Word's font is absent), single spacing, justified, 1.25 cm indent.
"""

import io

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.utils.translation import pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.shared import Mm
from docx.shared import Pt

from core.models import AcademicYear
from core.models import Institution
from core.pdf import render_pdf
from monitoring.computation import Rating
from monitoring.computation import Results
from monitoring.computation import as_number
from monitoring.computation import display
from monitoring.labels import dynamics_label
from monitoring.labels import rating_label
from monitoring.models import Order
from monitoring.models import ReportSnapshot
from monitoring.registry import Better
from monitoring.registry import registry

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
SIZE = Pt(14)
INDENT = Cm(1.25)
MOVERS = 3  # institutions named per key indicator in the note


def year_slug(year: AcademicYear) -> str:
    """Return «2022-2023» for the academic year 2022/2023."""
    return f"{year.start_year}-{year.start_year + 1}"


def file_stem(year: AcademicYear, kind: str = "monitoring") -> str:
    """Return an ASCII file name stem carrying the academic year, e.g. ``monitoring-2022-2023``."""
    return f"{kind}-{year_slug(year)}"


def order_stem(order: Order) -> str:
    # The number may be Cyrillic («110а»): the ASCII name keeps the header plain for every browser.
    return f"order-{year_slug(order.year)}-{order.pk}"


def letterhead() -> list[str]:
    return [line.upper() for line in settings.PORTAL_LETTERHEAD]


def date_line(order: Order) -> str:
    if order.date:
        with override(settings.LANGUAGE_CODE):
            return "«{day}» {month} {year} г.".format(
                day=order.date.strftime("%d"), month=formats.date_format(order.date, "E"), year=order.date.year
            )
    return "«___» ____________ 20__ г."


def document_context(order: Order) -> dict:
    """What both the PDF and the Word file of an order print."""
    return {
        "order": order,
        "items": order.numbered_items(),
        "letterhead": letterhead(),
        "place": settings.PORTAL_PLACE_OF_ISSUE,
        "date_line": date_line(order),
        "body_name": settings.PORTAL_BODY_NAME,
    }


# --- Word helpers --------------------------------------------------------------------------------------------


def _new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.different_first_page_header_footer = True  # no page number on page 1
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = None
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        fonts = style.element.rPr.rFonts
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), FONT)
        # The template's headings name the theme's fonts, which win over the names above (Word: Calibri Light).
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
    normal = document.styles["Normal"]
    normal.font.size = SIZE
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, size in (("Heading 1", 14), ("Heading 2", 14), ("Heading 3", 14), ("Title", 14)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    _page_number_header(section)
    document.core_properties.language = "ru-RU"
    _set_language(document)
    return document


def _set_language(document) -> None:
    """Mark the text Russian so that Word and LibreOffice hyphenate and spell-check it as such."""
    document.styles["Normal"].element.get_or_add_rPr().append(_w("lang", val="ru-RU", eastAsia="ru-RU"))
    document.settings.element.append(_w("autoHyphenation", val="true"))


def _w(tag: str, *children, **attributes):
    """The WordprocessingML element ``<w:tag w:name="value"…>`` (attributes named without the ``w:`` prefix) holding
    ``children``."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    for child in children:
        element.append(child)
    return element


def _page_number_header(section) -> None:
    """Page numbers at the top centre from page 2 (the first page has its own, empty header)."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = _w("fldChar", fldCharType=kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(12)


def _paragraph(document, text: str = "", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=False, indent=True, after=0):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = INDENT if indent else None
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        paragraph.add_run(text).bold = bold
    return paragraph


def _numbering(document) -> int:
    """Add a two-level decimal list (1. / 1.1.) with a 1.25 cm first-line indent; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    abstract = _w("abstractNum", _w("multiLevelType", val="multilevel"), abstractNumId=abstract_id)
    for level, text in ((0, "%1."), (1, "%1.%2.")):
        formats = (("start", "1"), ("numFmt", "decimal"), ("lvlText", text), ("suff", "space"), ("lvlJc", "left"))
        indent = _w("pPr", _w("ind", left=0, firstLine=709))
        abstract.append(_w("lvl", *(_w(tag, val=value) for tag, value in formats), indent, ilvl=level))
    # abstractNum elements come before num elements in numbering.xml
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = 90 + len(numbering.findall(qn("w:num")))
    numbering.append(_w("num", _w("abstractNumId", val=abstract_id), numId=num_id))
    return num_id


def _numbered(document, text: str, num_id: int, level: int):
    paragraph = _paragraph(document, text, indent=False)
    paragraph._p.get_or_add_pPr().insert(0, _w("numPr", _w("ilvl", val=level), _w("numId", val=num_id)))
    paragraph.paragraph_format.first_line_indent = INDENT
    return paragraph


def _grid(document, headers: list, rows: list[list], *, header_size=None):
    """A bordered table: the headers in bold (at ``header_size``, else the text's size), the rows' text at 11 pt."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, header_size
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(11)
    return table


def _borderless(table) -> None:
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    table._tbl.tblPr.append(_w("tblBorders", *(_w(edge, val="nil") for edge in edges)))


def _two_columns(document, left: str, right: str):
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left_cell, right_cell = table.rows[0].cells
    left_cell.paragraphs[0].add_run(left)
    right_cell.paragraphs[0].add_run(right)
    right_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the order -----------------------------------------------------------------------------------------------


def order_docx(order: Order) -> bytes:
    """Return the order as a .docx with the same items as its PDF, numbered by Word's list numbering."""
    with override(settings.LANGUAGE_CODE):
        context = document_context(order)
        document = _new_document()
        if not order.is_issued:
            _paragraph(document, _("DRAFT"), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False)
        for line in context["letterhead"]:
            _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False)
        _paragraph(document, "", indent=False)
        _paragraph(document, "П Р И К А З", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, after=12)
        _two_columns(document, context["date_line"], "№ {number}".format(number=order.number or "______"))
        _paragraph(document, context["place"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12)
        title = _paragraph(document, order.title, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, indent=False, after=12)
        title.style = document.styles["Heading 1"]
        title.paragraph_format.space_before = Pt(0)
        if order.evaluation:
            _paragraph(document, order.evaluation)
        _paragraph(document, order.preamble)
        num_id = _numbering(document)
        for item in context["items"]:
            _numbered(document, item["text"], num_id, 0)
            for child in item.get("children", []):
                _numbered(document, child["text"], num_id, 1)
        _paragraph(document, "", indent=False, after=24)
        _two_columns(document, order.signatory_position, order.signatory_name or "____________")
        return _save(document)


# --- the analytical note ---------------------------------------------------------------------------------------


def note_context(snapshot: ReportSnapshot) -> dict:
    """What the analytical note says: per direction its indicators with value, last year, dynamics, target and
    rating, the institutions that moved each key indicator most, the effect of last year's measures."""
    from monitoring.services import measures_effect
    from monitoring.services import previous_order

    results = Results.from_json(snapshot.data)
    year, previous_year = snapshot.year, snapshot.year.previous()
    names = {
        institution.pk: str(institution) for institution in Institution.objects.filter(municipality=snapshot.municipality)
    }
    breakdowns = _breakdowns(snapshot.municipality, year, previous_year)
    directions = []
    for direction in results.directions:
        if not direction.indicators:
            continue
        rows = [
            {
                "title": item.title,
                "previous": item.previous_display,
                "value": item.value_display,
                "dynamics": dynamics_label(item.dynamics),
                "change": item.change_display,
                "target": item.target_display,
                "rating": rating_label(item.rating),
                "key": item.is_key,
            }
            for item in direction.indicators
        ]
        movers = []
        for item in direction.key_indicators or direction.indicators[:1]:
            moved = _movers(item, breakdowns, names)
            if moved:
                movers.append({"title": item.title, "institutions": moved})
        directions.append(
            {
                "title": direction.title,
                "rating": rating_label(direction.rating),
                "rule": direction.rating_rule,
                "weak": direction.rating == Rating.UNSATISFACTORY or direction.no_positive_dynamics,
                "rows": rows,
                "movers": movers,
            }
        )
    last_order = previous_order(snapshot.municipality, year)
    return {
        "snapshot": snapshot,
        "results": results,
        "directions": directions,
        "satisfactory": [d.title for d in results.satisfactory],
        "weak": [d.title for d in results.weak],
        "last_order": last_order,
        "effects": measures_effect(last_order, results),
        "title": _("Analytical note on the results of monitoring of the municipal methodical service"),
        "subtitle": _("{year} academic year; {scope}").format(
            year=results.year.replace("/", "–"), scope=snapshot.municipality
        ),
    }


def _breakdowns(municipality, year, previous_year) -> tuple[dict, dict]:
    """Return the stored per-institution values of both years (``monitoring.stored``: read, or computed and stored
    once when missing), as ``(this year's entry, last year's entry)``."""
    from monitoring import stored

    if previous_year is None:
        return None, None
    state = stored.read(municipality, [year, previous_year], breakdowns=True)
    return state.entries[year.pk], state.entries[previous_year.pk]


def _movers(item, breakdowns, names: dict) -> list[str]:
    """Return «Школа № 5: с 10,0 % до 25,0 %» for the institutions whose value moved most in the direction the
    indicator improves."""
    now_entry, before_entry = breakdowns
    indicator = registry.get(item.code) if item.code in registry else None
    if indicator is None or indicator.breakdown is None or now_entry is None:
        return []
    now, before = now_entry.breakdown(item.code), before_entry.breakdown(item.code)
    sign = -1 if indicator.better == Better.DOWN else 1
    changes = []
    for pk in set(now) & set(before):
        value, previous = as_number(now[pk]), as_number(before[pk])
        if value is None or previous is None or value == previous:
            continue
        changes.append(((value - previous) * sign, pk, previous, value))
    changes.sort(key=lambda row: -abs(row[0]))
    return [
        _("{institution}: from {previous} to {value}").format(
            institution=names.get(pk, pk), previous=display(previous, item.unit), value=display(value, item.unit)
        )
        for _change, pk, previous, value in changes[:MOVERS]
    ]


def note_docx(snapshot: ReportSnapshot) -> bytes:
    with override(settings.LANGUAGE_CODE):
        context = note_context(snapshot)
        document = _new_document()
        document.add_heading(context["title"], level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(document, context["subtitle"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12)
        if context["satisfactory"]:
            _paragraph(
                document,
                _("Rated satisfactory: {directions}.").format(directions="; ".join(context["satisfactory"])),
            )
        if context["weak"]:
            _paragraph(
                document,
                _("Rated unsatisfactory or without positive dynamics: {directions}.").format(
                    directions="; ".join(context["weak"])
                ),
            )
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        for number, direction in enumerate(context["directions"], start=1):
            document.add_heading(f"{number}. {direction['title']}", level=1)
            _paragraph(document, _("Rating: {rating}. {rule}").format(rating=direction["rating"], rule=direction["rule"]))
            headers = [
                _("Indicator"),
                context["results"].previous_year or _("Previous year"),
                context["results"].year,
                _("Dynamics"),
                _("Target"),
                _("Rating"),
            ]
            rows = [
                [
                    row["title"],
                    row["previous"],
                    row["value"],
                    f"{row['dynamics']} ({row['change']})" if row["change"] != "—" else row["dynamics"],
                    row["target"],
                    row["rating"],
                ]
                for row in direction["rows"]
            ]
            _grid(document, headers, rows, header_size=Pt(11))
            if direction["movers"]:
                document.add_heading(_("Institutions that moved most"), level=2)
                for mover in direction["movers"]:
                    _paragraph(
                        document, "{title}: {institutions}.".format(
                            title=mover["title"], institutions="; ".join(mover["institutions"])
                        )
                    )
        document.add_heading(_("Assessment of the effectiveness of the measures taken"), level=1)
        if context["last_order"] is None:
            _paragraph(document, _("There is no issued order of the previous year to assess."))
        else:
            _paragraph(document, _("Measures of {order}.").format(order=context["last_order"]))
            headers = [pgettext("order", "Item"), _("Measure"), _("Direction"), _("Status"), _("Effect")]
            rows = [
                [row.number, row.text, row.direction or "—", row.status,
                 row.effect_label + (f": {row.dynamics}" if row.dynamics else "")]
                for row in context["effects"]
            ]
            _grid(document, headers, rows)
        return _save(document)


def note_pdf(snapshot: ReportSnapshot) -> bytes:
    with override(settings.LANGUAGE_CODE):
        return render_pdf("monitoring/pdf/note.html", note_context(snapshot))
