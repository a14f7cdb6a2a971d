import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from monitoring.models import Order
from monitoring.models import ReportSnapshot
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years

VALUES = "/api/v1/monitoring/values/"


@pytest.fixture
def data(school, other_school, year):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")


def indicator(payload, code):
    return next(item for item in payload["indicators"] if item["code"] == code)


def test_values_of_the_municipality_for_a_head(client, head, data):
    client.force_login(head)

    payload = client.get(VALUES, {"year": "2021/2022"}).json()

    assert payload["scope"]["kind"] == "municipality"
    young = indicator(payload, "core.share_under_35")
    assert (young["value"], young["previous"], young["dynamics"], young["rating"]) == (
        "0.4286",
        "0.2000",
        "positive",
        "satisfactory",
    )


def test_values_of_one_institution(client, methodist, school, data):
    client.force_login(methodist)

    payload = client.get(VALUES, {"year": "2021/2022", "institution": school.pk}).json()

    assert indicator(payload, "core.share_under_35")["value"] == "0.6000"


def test_school_user_gets_its_own_values_and_not_another_schools(
    client, school_user, school, other_school, data
):
    client.force_login(school_user)

    assert client.get(VALUES, {"year": "2021/2022"}).json()["scope"]["id"] == school.pk
    assert client.get(VALUES, {"year": "2021/2022", "institution": other_school.pk}).status_code == 404


def test_values_need_a_year_and_a_role(client, head, teacher, data):
    client.force_login(head)
    assert client.get(VALUES).status_code == 400
    client.force_login(teacher)
    assert client.get(VALUES, {"year": "2021/2022"}).status_code == 403


def test_directions_and_passports(client, methodist, data):
    client.force_login(methodist)

    directions = client.get("/api/v1/monitoring/directions/").json()["results"]
    passports = client.get("/api/v1/monitoring/indicators/", {"direction__code": "mentoring"}).json()[
        "results"
    ]

    assert [d["code"] for d in directions][:3] == ["training", "associations", "communities"]
    assert len(directions) == 10
    assert [p["code"] for p in passports] == ["core.share_under_35"]


def test_report_command_writes_the_workbook_and_the_pdf(city, data, tmp_path):
    call_command(
        "monitoring_report",
        "--year",
        "2021/2022",
        "--format",
        "xlsx",
        "--out",
        tmp_path / "r.xlsx",
        stdout=io.StringIO(),
    )
    call_command(
        "monitoring_report",
        "--year",
        "2021/2022",
        "--format",
        "pdf",
        "--out",
        tmp_path / "r.pdf",
        stdout=io.StringIO(),
    )

    # The direction's sheet is named in Russian, cut at a word to Excel's 31 characters.
    sheet = load_workbook(tmp_path / "r.xlsx")["Наставничество молодых"]
    assert sheet["E5"].value == pytest.approx(0.4286)
    assert (
        "Мониторинг муниципальной методической службы, 2021/2022"
        in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    )
    assert ReportSnapshot.objects.count() == 2


def test_order_command_drafts_and_writes_the_order(city, data, tmp_path):
    call_command("monitoring_order", "--year", "2021/2022", "--out", tmp_path / "o.pdf", stdout=io.StringIO())

    text = " ".join(PdfReader(tmp_path / "o.pdf").pages[0].extract_text().split())
    assert "П Р И К А З" in text and "Начальник отдела образования" in text and "ПРОЕКТ" in text
    assert Order.objects.count() == 1


@pytest.mark.parametrize("command", ["monitoring_report", "monitoring_order"])
def test_commands_refuse_an_unknown_year_or_municipality_and_write_nothing(command, city, data, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown academic year '1999/2000'"):
        call_command(command, "--year", "1999/2000", "--out", tmp_path / "x", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such municipality"):
        call_command(command, "--year", "2021/2022", "--municipality", "nowhere", "--out", tmp_path / "x",
                     stdout=io.StringIO())
    assert not (tmp_path / "x").exists()
    assert ReportSnapshot.objects.count() == 0 and Order.objects.count() == 0
