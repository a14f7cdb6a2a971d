"""The pedagogue's professional record: each app contributes sections.

An app's ``<app>/record.py`` defines ``sections(pedagogue, user) -> list[RecordSection]``;
the pedagogue page renders them in ``order`` without importing any domain model.
A section returns nothing when it has nothing to show or the user may not see it.

For the exports (PDF portfolio, ``.xlsx``) a section also gives ``facts`` (label–value lines)
and a table: ``headers`` and ``rows`` of plain values (str, int, Decimal, date).
"""

from dataclasses import dataclass
from dataclasses import field

from core.discovery import domain_modules


@dataclass
class RecordSection:
    key: str  # e.g. "associations"
    title: str
    template: str  # rendered with ``section``, ``pedagogue`` and ``context`` items
    context: dict = field(default_factory=dict)
    order: int = 100
    headers: list = field(default_factory=list)  # column titles of the exported table
    rows: list = field(default_factory=list)  # tuples of plain values, one per line, as long as ``headers``
    facts: list = field(default_factory=list)  # (label, value) lines above the table


def record_sections(pedagogue, user) -> list[RecordSection]:
    sections: list[RecordSection] = []
    for _app, module in domain_modules("record"):
        contribute = getattr(module, "sections", None)
        if contribute is not None:  # core.record is this protocol, not a contributor
            sections.extend(contribute(pedagogue, user))
    return sorted(sections, key=lambda section: section.order)
