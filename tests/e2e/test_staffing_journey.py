"""A school answers a staffing campaign from Excel; the head reads it in the municipal summary."""

import datetime

import pytest
from openpyxl import load_workbook

from conftest import make_user
from core.models import AcademicYear
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.scoping import Role
from staffing.models import Campaign
from staffing.models import Submission
from staffing.models import SubmissionStatus
from tests.conftest import login
from tests.conftest import screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_school_uploads_needs_from_excel_and_head_sees_them_in_the_summary(browser_page, tmp_path):
    page = browser_page
    city = Municipality.objects.create(name="Лесосибирск", code="lesosibirsk")
    school = Institution.objects.create(municipality=city, name="МБОУ «Средняя школа № 1»", short_name="СШ № 1",
                                        type=InstitutionType.GENERAL)
    make_user("school", Role.SCHOOL, institution=school)
    make_user("head", Role.HEAD, municipality=city)
    campaign = Campaign.objects.create(
        municipality=city, title="Кадровая потребность на 01.08.2022", as_of=datetime.date(2022, 8, 1),
        year=AcademicYear.objects.get(start_year=2022), deadline=datetime.date(2099, 6, 10),
    )

    # The school opens the campaign from its list and goes to the Excel upload.
    login(page, "school")
    page.goto(page.base_url + "/staffing/")
    page.click(f"text={campaign.title}")
    page.click(f"a[href$='/staffing/campaigns/{campaign.pk}/institutions/{school.pk}/upload/']")

    with page.expect_download() as download:
        page.click("a[href='?template=1']")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    wb = load_workbook(template)
    sheet = wb.worksheets[0]
    assert [cell.value for cell in sheet[1]][:5] == ["Должность *", "Предмет", "Количество ставок",
                                                     "Часов в неделю", "Причина *"]  # required columns starred
    sheet.append(["учитель", "Математика", 1, None, "Вакансия (увольнение педагога)", "01.09.2022", "Жильё"])
    sheet.append(["учитель танцев", None, "0,5", None, "декрет"])
    bad = tmp_path / "needs-bad.xlsx"
    wb.save(bad)

    page.set_input_files("input[type=file]", str(bad))
    page.click("form[enctype] button[type=submit]")
    problems = page.locator("#import-problems")
    problems.wait_for()
    assert "Строка 3" in problems.inner_text() and "учитель танцев" in problems.inner_text()
    assert page.locator("button[name=confirm]").count() == 0
    screenshot(page, "staffing-upload-error")
    assert not Submission.objects.exists()

    sheet.cell(row=3, column=1, value="педагог-психолог")
    fixed = tmp_path / "needs-fixed.xlsx"
    wb.save(fixed)
    page.set_input_files("#import-upload input[type=file]", str(fixed))  # the refusal carries the upload form
    page.click("form[enctype] button[type=submit]")
    page.click("button[name=confirm]")
    page.wait_for_selector("#needs")
    assert page.locator("#needs tbody tr").count() == 2
    assert page.inner_text("#total-posts").strip() == "1,50"
    with page.expect_event("dialog") as confirmation:  # submitting locks the answer, so the portal asks first
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#submit-button")
    assert "Отправить ответ?" in confirmation.value.message
    page.wait_for_selector("#submission-status [data-status=submitted]")
    screenshot(page, "staffing-submitted")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED

    # The head reads the municipal summary.
    page.context.clear_cookies()
    login(page, "head")
    page.goto(page.base_url + f"/staffing/campaigns/{campaign.pk}/")
    assert "СШ № 1" in page.inner_text("#completeness")
    page.click(f"a[href='/staffing/campaigns/{campaign.pk}/summary/']")
    page.wait_for_selector("#totals")
    assert page.inner_text("[data-key=posts]").strip() == "1,50"
    assert page.inner_text("[data-key=submitted]").strip() == "1 / 1"
    positions = page.inner_text("#by-position")
    assert "учитель" in positions and "педагог-психолог" in positions
    screenshot(page, "staffing-summary")
