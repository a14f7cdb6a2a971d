"""The pedagogue's record exported as a PDF portfolio (for attestation) and as a workbook.

Both read the same ``RecordSection``s as the page (``headers``, ``rows``, ``facts``) and are scoped
like the page: the pedagogue must be visible to the user (``Pedagogue.objects.for_user``) and each
section decides what the user may see.
"""

import datetime
import re
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext

from core.audit import AccessKind
from core.audit import log_access
from core.models import Pedagogue
from core.pdf import pdf_response
from core.record import RecordSection
from core.record import record_sections
from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response
from jobs.decorators import background_file


def _plain(value):
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, (str, int, float, Decimal, datetime.date)):
        return value
    return str(value)


def _text(value) -> str:
    value = _plain(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _pedagogue(request, pk: int) -> Pedagogue:
    """The pedagogue whose record is exported (logged: the record is personal data)."""
    pedagogue = get_object_or_404(
        Pedagogue.objects.for_user(request.user).select_related("institution", "position", "municipality"), pk=pk
    )
    log_access(request, "core.pedagogue", kind=AccessKind.EXPORT, rows=1, object_id=pedagogue.pk)
    return pedagogue


def title_block(pedagogue: Pedagogue) -> list[tuple[str, str]]:
    """The lines under the name: position, institution, category, experience."""
    today = timezone.localdate()
    category = pedagogue.get_category_display()
    if pedagogue.category_date:
        category = _("{category}, since {day}").format(category=category, day=_text(pedagogue.category_date))
    experience = pedagogue.experience_years_on(today) if pedagogue.experience_start else None
    return [
        (_("Position"), _text(pedagogue.position)),
        (_("Institution"), _text(pedagogue.institution or _("not employed now"))),
        (_("Qualification category"), category),
        (_("Pedagogical experience"), _("{years} years").format(years=f"{experience:.1f}") if experience is not None
         else "—"),
        (_("Date of the record"), _text(today)),
    ]


def _filename(pedagogue: Pedagogue, extension: str) -> str:
    return "record-{pk}-{slug}.{ext}".format(pk=pedagogue.pk, slug=slugify(pedagogue.last_name, allow_unicode=False)
                                            or "pedagogue", ext=extension)


def _table(section: RecordSection) -> tuple[list[str], list[list[str]]]:
    return [str(h) for h in section.headers], [[_text(v) for v in row] for row in section.rows]


@login_required
@background_file(gettext_lazy("Portfolio (PDF)"))
def record_pdf(request, pk: int):
    pedagogue = _pedagogue(request, pk)
    sections = []
    for section in record_sections(pedagogue, request.user):
        headers, rows = _table(section)
        sections.append({"title": section.title, "headers": headers, "rows": rows,
                         "facts": [(str(label), _text(value)) for label, value in section.facts]})
    return pdf_response(_filename(pedagogue, "pdf"), "core/pdf/record.html", {
        "pedagogue": pedagogue, "title_block": title_block(pedagogue), "sections": sections,
    }, request=request)


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "—"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _columns(section: RecordSection) -> list[Column]:
    columns = []
    for index, header in enumerate(section.headers):
        values = [row[index] for row in section.rows if index < len(row) and row[index] not in (None, "")]
        kind = "str"
        if values and all(isinstance(v, datetime.date) for v in values):
            kind = "date"
        elif values and all(isinstance(v, (int, Decimal, float)) for v in values):
            kind = "decimal"
        width = max([len(str(header))] + [len(_text(v)) for v in values[:200]]) + 2
        columns.append(Column(f"c{index}", str(header), kind=kind, width=min(max(width, 10), 60)))
    return columns


@login_required
@background_file(gettext_lazy("Record (.xlsx)"))
def record_xlsx(request, pk: int):
    pedagogue = _pedagogue(request, pk)
    sections = record_sections(pedagogue, request.user)
    used: set[str] = set()
    summary = [(pgettext("person", "Full name"), pedagogue.full_name), *title_block(pedagogue)]
    for section in sections:
        summary.extend((f"{section.title}: {label}", _text(value)) for label, value in section.facts)
    sheets = [Sheet(
        title=_sheet_title(_("Pedagogue"), used),
        columns=[Column("label", _("Item"), width=45), Column("value", _("Value"), width=60)],
        rows=[(str(label), str(value)) for label, value in summary],
        caption=_("Professional record of {name}").format(name=pedagogue.full_name),
    )]
    for section in sections:
        if not section.headers:
            continue
        sheets.append(Sheet(
            title=_sheet_title(str(section.title), used),
            columns=_columns(section),
            rows=[[_plain(v) for v in row] for row in section.rows],
            caption=f"{pedagogue.full_name} — {section.title}",
        ))
    return workbook_response(_filename(pedagogue, "xlsx"), sheets)
