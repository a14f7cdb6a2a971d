"""What every Excel import gets from the shared machinery (core.imports, core.xlsx): an .xls read like an .xlsx,
a formula without a saved value and an «Итого» row explained as such, required columns starred in the
template, and every row validated whole. Checked for each importer of the portal, so a new one cannot miss it."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from core.discovery import domain_modules
from core.imports import Importer
from core.imports import row_message
from core.roster import RosterImporter
from core.tests.workbooks import xlsx
from core.xlsx import read_table
from core.xlsx import template_bytes


def importers() -> list[type[Importer]]:
    modules = [module for _app, module in domain_modules("imports")]
    found = {cls for module in modules for cls in vars(module).values()
             if isinstance(cls, type) and issubclass(cls, Importer) and cls is not Importer}
    return sorted(found | {RosterImporter}, key=lambda cls: cls.__name__)


IMPORTERS = importers()


def sample(column) -> object:
    return {"int": 1, "decimal": 1, "date": datetime.date(2022, 9, 1), "bool": "да"}.get(column.kind, "текст")


def headers(importer) -> list[str]:
    with translation.override("ru"):
        return [str(column.header) for column in importer.columns]


def test_every_importer_of_the_portal_is_checked():
    assert [cls.__name__ for cls in IMPORTERS] == [
        "CompletionImporter", "ItemImporter", "NeedsImporter", "PairImporter", "ResultsImporter", "RosterImporter"]


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda cls: cls.__name__)
def test_the_template_stars_exactly_the_required_columns(importer):
    with translation.override("ru"):
        data = template_bytes(importer.columns, title=str(importer.title), instructions=[])
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        starred = [cell.value.removesuffix(" *") for cell in sheet[1] if cell.value.endswith(" *")]
        assert starred == [str(column.header) for column in importer.columns if column.required]
        assert starred  # every import has required columns


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda cls: cls.__name__)
def test_an_xls_file_is_read_like_an_xlsx(importer):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Лист1")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for index, header in enumerate(headers(importer)):
        sheet.write(0, index, header)
    for index, column in enumerate(importer.columns):
        value = sample(column)
        sheet.write(1, index, value, dates) if isinstance(value, datetime.date) else sheet.write(1, index, value)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)

    rows = read_table(buffer, importer.columns)

    assert [row.issues for row in rows] == [[]]
    assert rows[0].values == {column.key: (True if column.kind == "bool" else sample(column))
                              for column in importer.columns}


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda cls: cls.__name__)
def test_a_total_row_and_a_formula_without_a_value_are_explained(importer):
    formula_row = [sample(column) for column in importer.columns]
    formula_row[0] = "=A3&B3"  # openpyxl saves a formula without its value, as programs that write files do
    buffer = xlsx(headers(importer), [formula_row, ["Итого", *[None] * (len(importer.columns) - 1)]])

    with translation.override("ru"):
        rows = read_table(buffer, importer.columns)
        found = [str(issue) for row in rows for issue in row.issues]

    first = headers(importer)[0]
    assert found == [
        f"Строка 2, столбец «{first}»: формула «=A3&B3» не имеет сохранённого значения; откройте файл в Excel или "
        "LibreOffice, дайте ему пересчитать и сохраните, или впишите значение",
        "Строка 3: это строка итогов («Итого»); удалите её: портал считает итоги сам",
    ]
    assert rows[1].total and not rows[0].total


class Probe(Importer):
    columns = RosterImporter.columns[:2]

    def __init__(self):
        super().__init__(user=None)
        self.validated: list[int] = []

    def validate_row(self, row):
        self.validated.append(row.number)


def test_every_row_but_a_total_is_validated_even_when_its_cells_failed():
    buffer = xlsx(["Фамилия", "Имя"], [
        ["Иванова", "Анна"],
        ["Петрова", None],  # a required cell is empty: the row is validated all the same
        ["Итого", None],
    ])
    probe = Probe()

    probe.parse(buffer)

    assert probe.validated == [2, 3]


@pytest.mark.parametrize(("message", "expected"), [
    ("The date is in the future.", "the date is in the future"),
    ("Убедитесь, что это значение меньше либо равно 3.", "убедитесь, что это значение меньше либо равно 3"),
    ("PD hours must be positive.", "PD hours must be positive"),
    ("«Педагог-методист» присваивается…", "«Педагог-методист» присваивается…"),
])
def test_a_models_message_reads_as_a_rows_problem(message, expected):
    assert row_message(message) == expected
