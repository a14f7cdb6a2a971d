"""The Excel path of a submission: the template, and uploads of the workbooks people really make."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl import load_workbook

from core.models import Subject
from core.tests.workbooks import workbook_bytes
from staffing.models import Need
from staffing.models import Reason
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.models import Support

HEADERS = ["Должность", "Предмет", "Количество ставок", "Часов в неделю", "Причина", "Вакантна с",
           "Меры поддержки", "Требования", "Контактное лицо"]


def xlsx(rows, *, headers=HEADERS, title_rows=(), merge_title=True, name="needs.xlsx", sheet_first=None):
    wb = Workbook()
    ws = wb.active
    if sheet_first:
        ws.title = sheet_first
        ws.append(["Пояснения к форме"])
        ws = wb.create_sheet("Потребность")
    for line in title_rows:
        ws.append([line])
        if merge_title:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(row)
    return SimpleUploadedFile(name, workbook_bytes(wb))


def upload_url(campaign, institution):
    return reverse("staffing:submission-upload", args=[campaign.pk, institution.pk])


def preview(client, campaign, institution, file):
    return client.post(upload_url(campaign, institution), {"file": file})


def confirm(client, campaign, institution, response):
    return client.post(upload_url(campaign, institution), {"confirm": "1", "token": response.context["token"]})


@pytest.fixture
def school_client(client, school_user):
    client.force_login(school_user)
    return client


GOOD_ROWS = [
    ["учитель", "Математика", 1, None, "Выход на пенсию", datetime.date(2021, 9, 1), "Жильё", "Высшее образование",
     "Иванова И.И., 8-913-000-00-00"],
    ["педагог-психолог", None, 0.5, None, "декрет", "01.09.2021", None, None, None],
]


def test_template_has_russian_headers_dropdowns_and_instructions(school_client, campaign, school):
    response = school_client.get(upload_url(campaign, school) + "?template=1")

    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    # required columns are marked; the reader ignores the star, so the template uploads back as it is
    assert headers == ["Должность *", "Предмет", "Количество ставок", "Часов в неделю", "Причина *", "Вакантна с",
                       "Меры поддержки", "Требования", "Контактное лицо"]
    lists = wb["lists"]
    assert "учитель" in [cell.value for cell in lists["A"]]
    assert "Математика" in [cell.value for cell in lists["B"]]
    assert "Выход на пенсию" in [cell.value for cell in lists["E"]]
    ranges = sorted(str(dv.sqref) for dv in sheet.data_validations.dataValidation)
    assert ranges == ["A2:A1000", "B2:B1000", "E2:E1000", "G2:G1000"]  # position, subject, reason, support
    instructions = wb.worksheets[-1]
    text = " ".join(str(cell.value) for cell in instructions["A"])
    assert "МБОУ «Средняя школа № 1»" in text and "18 часов в неделю" in text
    assert "Столбцы, отмеченные *, обязательны." in text


def test_upload_reads_a_clean_workbook_only_after_confirmation(school_client, campaign, school):
    response = preview(school_client, campaign, school, xlsx(GOOD_ROWS))

    assert response.status_code == 200
    assert response.context["problems"] == []
    assert not Need.objects.exists()  # nothing written before the confirmation
    assert not Submission.objects.exists()

    response = confirm(school_client, campaign, school, response)

    assert response.status_code == 302
    submission = Submission.objects.get(campaign=campaign, institution=school)
    assert submission.status == SubmissionStatus.DRAFT
    needs = list(submission.needs.order_by("pk"))
    assert [(n.position.name, n.subject and n.subject.name, n.rates, n.reason, n.vacant_since, n.support)
            for n in needs] == [
        ("учитель", "Математика", Decimal("1.00"), Reason.RETIREMENT, datetime.date(2021, 9, 1), Support.HOUSING),
        ("педагог-психолог", None, Decimal("0.50"), Reason.MATERNITY, datetime.date(2021, 9, 1), Support.NONE),
    ]
    assert needs[0].contact == "Иванова И.И., 8-913-000-00-00"
    assert submission.total_posts() == Decimal("1.50")


def test_upload_forgives_titles_blank_rows_header_case_and_text_numbers_and_dates(school_client, campaign, school):
    headers = ["  должность ", "ПРЕДМЕТ", "Количество\nставок", "часов  в неделю", "Причина*", "вакантна с",
               "меры поддержки", "Требования", "Контактное лицо"]
    rows = [
        [None] * 9,
        ["Учитель", " русский язык ", "1,5", None, "вакансия", "15.06.2021", "жилье и подъемные", None, None],
        [],
        ["учитель", "Физика", None, "18", "Рост контингента", "01.09.2021", None, None, None],
        [None, "", "  ", None, None, None, None, None, None],
    ]
    file = xlsx(rows, headers=headers, title_rows=["Кадровая потребность МБОУ «СШ № 1» на 01.08.2021", ""])

    response = preview(school_client, campaign, school, file)

    assert response.context["problems"] == []
    assert [row.number for row in response.context["rows"]] == [5, 7]  # Excel's row numbers, after the title
    confirm(school_client, campaign, school, response)
    needs = list(Need.objects.order_by("pk"))
    assert [(n.subject.name, n.rates, n.weekly_hours, n.posts, n.reason, n.vacant_since, n.support) for n in needs] == [
        ("Русский язык", Decimal("1.50"), None, Decimal("1.50"), Reason.VACANCY, datetime.date(2021, 6, 15),
         Support.HOUSING_AND_COMPENSATION),
        ("Физика", None, 18, Decimal("1.00"), Reason.GROWTH, datetime.date(2021, 9, 1), Support.NONE),
    ]


def test_upload_finds_the_table_on_a_later_sheet_with_english_headers(school_client, campaign, school):
    headers = ["Position", "Subject", "Number of rates", "Weekly hours", "Reason", "Vacant since",
               "Offered support", "Requirements", "Contact"]
    file = xlsx([["воспитатель", None, 2, None, "growth", None, None, None, None]], headers=headers,
                sheet_first="Пояснения")

    response = preview(school_client, campaign, school, file)

    assert response.context["problems"] == []
    confirm(school_client, campaign, school, response)
    assert Need.objects.get().posts == Decimal("2.00")


def issues(response) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in response.context["problems"]]


def test_upload_names_each_problem_by_row_and_column_in_russian(school_client, campaign, school):
    rows = [
        GOOD_ROWS[0],
        ["учитель танцев", "Математика", 1, None, "вакансия", None, None, None, None],
        ["учитель", "Астрология", 1, None, "по желанию", None, "яхта", None, None],
        ["учитель", None, "12", "200", "вакансия", "01.09.2030", None, None, None],
    ]
    response = preview(school_client, campaign, school, xlsx(rows))

    assert issues(response) == [
        (3, "Должность", "неизвестная должность «учитель танцев»; выберите из списка"),
        (4, "Предмет", "неизвестный предмет «Астрология»; выберите из списка"),
        (4, "Причина", "неизвестная причина «по желанию»; выберите из списка"),
        (4, "Меры поддержки", "неизвестная мера поддержки «яхта»; выберите из списка"),
        (5, "Количество ставок", "количество ставок должно быть больше 0 и не больше 10"),
        (5, "Часов в неделю", "часов в неделю должно быть от 1 до 60"),
        (5, "Вакантна с", "дата позже даты сбора больше чем на год"),
    ]
    content = response.content.decode()
    assert "неизвестная должность «учитель танцев»" in content
    assert 'name="confirm"' not in content  # no way to write a file with problems
    assert not Need.objects.exists()


def test_a_refused_upload_offers_the_corrected_file_on_the_same_page(school_client, campaign, school):
    """The refusal carries the upload form itself: the corrected file is one step, not «Загрузить другой файл»
    first; the page that accepts a file has no second upload form."""
    refused = preview(school_client, campaign, school, xlsx([["учитель танцев", None, 1, None, "вакансия"]]))
    content = refused.content.decode()

    assert issues(refused) == [(2, "Должность", "неизвестная должность «учитель танцев»; выберите из списка")]
    assert content.count('type="file"') == 1 and 'id="import-upload"' in content
    assert "Загрузите исправленный файл" in content and "Загрузить другой файл" not in content
    accepted = preview(school_client, campaign, school, xlsx([["учитель", None, 1, None, "вакансия"]]))
    assert accepted.context["problems"] == [] and 'name="confirm"' in accepted.content.decode()
    assert 'type="file"' not in accepted.content.decode()
    assert not Need.objects.exists()


def test_upload_names_cells_it_cannot_read_as_numbers_or_dates(school_client, campaign, school):
    rows = [["учитель", None, "много", "двадцать", "вакансия", "31.02.2021", None, None, None]]

    response = preview(school_client, campaign, school, xlsx(rows))

    assert [(row, column) for row, column, _message in issues(response)] == [
        (2, "Количество ставок"), (2, "Часов в неделю"), (2, "Вакантна с"),
    ]
    assert "«много»" in issues(response)[0][2] and "«31.02.2021»" in issues(response)[2][2]


def test_upload_requires_rates_or_hours_and_a_reason(school_client, campaign, school):
    response = preview(school_client, campaign, school, xlsx([["учитель", None, None, None, None]]))

    # the missing reason and the missing rates are reported together, not in two rounds
    assert [(row, column) for row, column, _message in issues(response)] == [(2, "Причина"), (2, "Количество ставок")]
    response = preview(school_client, campaign, school, xlsx([["учитель", None, None, None, "вакансия"]]))
    assert issues(response) == [(2, "Количество ставок", "укажите количество ставок или часов в неделю")]


def test_upload_without_the_header_says_which_columns_are_missing(school_client, campaign, school):
    file = xlsx([["учитель", 1]], headers=["Должность", "Ставки"])

    response = preview(school_client, campaign, school, file)

    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and "«Причина»" in errors[0] and "«Должность»" not in errors[0]


def test_upload_of_a_non_workbook_is_refused_plainly(school_client, campaign, school):
    response = preview(school_client, campaign, school, SimpleUploadedFile("needs.xlsx", b"not a workbook"))

    assert response.context["form"].errors["file"] == [gettext("The file is not an Excel workbook (.xlsx).")]
    assert not Submission.objects.exists()


def test_uploading_again_replaces_the_draft(school_client, campaign, school):
    confirm(school_client, campaign, school, preview(school_client, campaign, school, xlsx(GOOD_ROWS)))
    submission = Submission.objects.get()
    submission.no_needs = False
    submission.save()

    second = [["воспитатель", None, 1, None, "Рост контингента", None, None, None, None]]
    confirm(school_client, campaign, school, preview(school_client, campaign, school, xlsx(second)))

    assert Submission.objects.count() == 1
    assert [n.position.name for n in Submission.objects.get().needs.all()] == ["воспитатель"]


def test_upload_clears_an_earlier_no_needs_answer(school_client, campaign, school):
    Submission.objects.create(campaign=campaign, institution=school, no_needs=True)

    confirm(school_client, campaign, school, preview(school_client, campaign, school, xlsx(GOOD_ROWS)))

    submission = Submission.objects.get()
    assert submission.no_needs is False and submission.needs.count() == 2


def test_a_submitted_answer_cannot_be_uploaded_over(school_client, campaign, school):
    Submission.objects.create(campaign=campaign, institution=school, status=SubmissionStatus.SUBMITTED,
                              submitted_at=campaign.created_at, first_submitted_at=campaign.created_at)

    response = preview(school_client, campaign, school, xlsx(GOOD_ROWS))

    assert response.status_code == 403
    assert not Need.objects.exists()


def test_a_closed_campaign_refuses_uploads(school_client, campaign, school):
    campaign.status = "closed"
    campaign.save()

    assert school_client.get(upload_url(campaign, school)).status_code == 403
    assert preview(school_client, campaign, school, xlsx(GOOD_ROWS)).status_code == 403


def test_a_school_cannot_upload_for_another_school(school_client, campaign, other_school):
    response = preview(school_client, campaign, other_school, xlsx(GOOD_ROWS))

    assert response.status_code == 404
    assert not Need.objects.exists()


def test_a_methodist_cannot_upload_for_a_school(client, methodist, campaign, school):
    client.force_login(methodist)

    assert preview(client, campaign, school, xlsx(GOOD_ROWS)).status_code == 403


def test_the_preview_is_not_confirmed_after_the_campaign_closes(school_client, campaign, school):
    response = preview(school_client, campaign, school, xlsx(GOOD_ROWS))
    campaign.status = "closed"
    campaign.save()

    assert confirm(school_client, campaign, school, response).status_code == 403
    assert not Need.objects.exists()


def test_subject_names_match_ignoring_case_and_yo(school_client, campaign, school):
    Subject.objects.create(name="Учёба на дому")
    rows = [["учитель", "УЧЕБА НА ДОМУ", 1, None, "вакансия", None, None, None, None]]

    response = preview(school_client, campaign, school, xlsx(rows))

    assert response.context["problems"] == []


def test_upload_reports_all_five_problems_of_one_row_at_once(school_client, campaign, school):
    rows = [GOOD_ROWS[0],
            ["учитель танцев", "Астрология", "много", None, "по желанию", "31.02.2021", None, None, None]]

    response = preview(school_client, campaign, school, xlsx(rows))

    assert issues(response) == [
        (3, "Количество ставок", "«много» — не число"),
        (3, "Вакантна с", "«31.02.2021» — не дата (формат ДД.ММ.ГГГГ)"),
        (3, "Должность", "неизвестная должность «учитель танцев»; выберите из списка"),
        (3, "Предмет", "неизвестный предмет «Астрология»; выберите из списка"),
        (3, "Причина", "неизвестная причина «по желанию»; выберите из списка"),
    ]
    assert not Need.objects.exists()


def test_upload_of_the_template_filled_in_is_read(school_client, campaign, school):
    template = load_workbook(io.BytesIO(school_client.get(upload_url(campaign, school) + "?template=1").content))
    template.worksheets[0].append(GOOD_ROWS[1])
    buffer = io.BytesIO()
    template.save(buffer)

    response = preview(school_client, campaign, school, SimpleUploadedFile("needs.xlsx", buffer.getvalue()))

    assert response.context["problems"] == []
    assert [row.cleaned["position"].name for row in response.context["rows"]] == ["педагог-психолог"]


def test_upload_explains_a_formula_without_a_saved_value(school_client, campaign, school):
    rows = [["учитель", "Математика", "=0.5*2", None, "вакансия", None, None, None, None]]

    response = preview(school_client, campaign, school, xlsx(rows))  # openpyxl saves formulas without values

    assert issues(response) == [(2, "Количество ставок",
                                 "формула «=0.5*2» не имеет сохранённого значения; откройте файл в Excel или "
                                 "LibreOffice, дайте ему пересчитать и сохраните, или впишите значение")]


def test_upload_explains_a_total_row(school_client, campaign, school):
    rows = [*GOOD_ROWS, ["Итого", None, 1.5, None, None, None, None, None, None]]

    response = preview(school_client, campaign, school, xlsx(rows))

    assert issues(response) == [(4, "", "это строка итогов («Итого»); удалите её: портал считает итоги сам")]


def xls(rows, *, headers=HEADERS, name="needs.xls"):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Потребность")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(number, column, value, dates)
            elif value is not None:
                sheet.write(number, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_upload_reads_an_excel_97_xls_file(school_client, campaign, school):
    response = preview(school_client, campaign, school, xls(GOOD_ROWS))

    assert response.context["problems"] == []
    response = confirm(school_client, campaign, school, response)

    needs = Submission.objects.get(campaign=campaign, institution=school).needs.order_by("pk")
    assert [(n.position.name, n.subject and n.subject.name, n.rates, n.reason, n.vacant_since, n.support)
            for n in needs] == [
        ("учитель", "Математика", Decimal("1.00"), Reason.RETIREMENT, datetime.date(2021, 9, 1), Support.HOUSING),
        ("педагог-психолог", None, Decimal("0.50"), Reason.MATERNITY, datetime.date(2021, 9, 1), Support.NONE),
    ]


def test_upload_of_a_damaged_xls_is_refused_plainly(school_client, campaign, school):
    from core.validators import OLE_SIGNATURE

    response = preview(school_client, campaign, school,
                       SimpleUploadedFile("needs.xls", OLE_SIGNATURE + b"\x00" * 100))

    assert response.context["form"].errors["file"] == [
        gettext("The file is not an Excel workbook (.xls or .xlsx).")]


def test_upload_reports_the_names_and_the_needs_rules_of_one_row_together(school_client, campaign, school):
    rows = [["учитель танцев", "Астрология", "12", "200", "по желанию", "01.09.2030", "яхта", "т" * 501, None]]

    response = preview(school_client, campaign, school, xlsx(rows))

    assert issues(response) == [
        (2, "Должность", "неизвестная должность «учитель танцев»; выберите из списка"),
        (2, "Предмет", "неизвестный предмет «Астрология»; выберите из списка"),
        (2, "Причина", "неизвестная причина «по желанию»; выберите из списка"),
        (2, "Меры поддержки", "неизвестная мера поддержки «яхта»; выберите из списка"),
        # Need's own rules (the same as in the page's form)
        (2, "Требования", "убедитесь, что это значение содержит не более 500 символов (сейчас 501)"),
        (2, "Количество ставок", "количество ставок должно быть больше 0 и не больше 10"),
        (2, "Часов в неделю", "часов в неделю должно быть от 1 до 60"),
        (2, "Вакантна с", "дата позже даты сбора больше чем на год"),
    ]
    assert 'name="confirm"' not in response.content.decode()
    assert not Need.objects.exists()


def test_the_form_applies_the_same_bounds_as_the_upload(school_client, campaign, school):
    from staffing.forms import NeedForm

    form = NeedForm({"position": "", "rates": "12", "weekly_hours": "200", "reason": Reason.VACANCY,
                     "support": Support.NONE}, instance=Need(submission=Submission(campaign=campaign,
                                                                                   institution=school)))

    assert not form.is_valid()
    assert form.errors["rates"] == ["Количество ставок должно быть больше 0 и не больше 10."]
    assert form.errors["weekly_hours"] == ["Часов в неделю должно быть от 1 до 60."]
