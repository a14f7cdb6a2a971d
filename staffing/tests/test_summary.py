"""The summary and the indicators on a known dataset."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import AcademicYear
from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Position
from core.models import Subject
from core.tests.factories import PedagogueFactory
from monitoring.registry import registry
from staffing import indicators
from staffing.models import Need
from staffing.models import SubmissionStatus
from staffing.summary import CampaignSummary
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import NeedFactory
from staffing.tests.factories import SubmissionFactory
from staffing.tests.factories import submitted

AS_OF = datetime.date(2021, 8, 1)


def person(institution, born, hired=datetime.date(2010, 9, 1), left=None):
    pedagogue = PedagogueFactory(institution=institution, birth_date=born, hired=hired)
    if left:
        Employment.objects.filter(pedagogue=pedagogue).update(left=left)
    return pedagogue


def need(submission, position="учитель", subject=None, **fields):
    return NeedFactory(
        submission=submission, position=Position.objects.get(name=position),
        subject=Subject.objects.get(name=subject) if subject else None, **fields,
    )


@pytest.fixture
def kindergarten(city):
    return Institution.objects.create(municipality=city, name="МБДОУ «Детский сад № 5»", short_name="ДС № 5",
                                      type=InstitutionType.PRESCHOOL)


@pytest.fixture
def dataset(city, school, other_school, kindergarten):
    """Three institutions must answer; A on time (3 rates), B a draft, the kindergarten late but accepted (2)."""
    person(school, datetime.date(1990, 1, 1))  # 31 on the date
    person(school, datetime.date(1970, 1, 1))  # 51
    person(school, datetime.date(1960, 1, 1))  # 61
    person(school, datetime.date(1980, 1, 1), left=datetime.date(2021, 6, 30))  # left before the date
    person(school, datetime.date(1999, 1, 1), hired=datetime.date(2021, 9, 1))  # hired after it
    person(other_school, datetime.date(1995, 1, 1))
    person(kindergarten, datetime.date(1985, 3, 1))
    person(kindergarten, datetime.date(1961, 8, 1))  # 60 exactly on the date

    previous = CampaignFactory(municipality=city, title="На 01.08.2020", as_of=datetime.date(2020, 8, 1),
                               year=AcademicYear.objects.get(start_year=2020), deadline=datetime.date(2020, 6, 15))
    need(submitted(previous, school, on=datetime.date(2020, 6, 10)), rates=Decimal("1"))

    campaign = CampaignFactory(municipality=city, title="На 01.08.2021", as_of=AS_OF,
                               deadline=datetime.date(2021, 6, 15))
    a = submitted(campaign, school, on=datetime.date(2021, 6, 15))
    need(a, subject="Математика", rates=Decimal("1.5"))
    need(a, subject="Физика", rates=None, weekly_hours=18, reason="growth")
    need(a, position="педагог-психолог", rates=Decimal("0.5"), reason="maternity")
    b = SubmissionFactory(campaign=campaign, institution=other_school)
    need(b, rates=Decimal("2"))
    c = submitted(campaign, kindergarten, on=datetime.date(2021, 6, 16), status=SubmissionStatus.ACCEPTED)
    need(c, position="воспитатель", rates=Decimal("2"), reason="retirement")
    return campaign


def test_totals_count_submitted_and_accepted_needs_against_staff_on_the_date(dataset):
    totals = CampaignSummary(dataset).totals

    assert (totals.required, totals.submitted, totals.accepted, totals.on_time) == (3, 2, 1, 1)
    assert totals.posts == Decimal("5.00")
    assert totals.staff == 6
    assert totals.share_vacant == Decimal("0.4545")  # 5 ÷ (6 + 5)
    assert totals.share_on_time == Decimal("0.3333")
    assert totals.ages == {"under_35": 2, "from_35_to_60": 2, "over_60": 2}


def test_vacancies_by_position_subject_and_reason(dataset):
    summary = CampaignSummary(dataset)

    assert [(r["position__name"], r["posts"]) for r in summary.by_position] == [
        ("учитель", Decimal("2.50")), ("воспитатель", Decimal("2.00")), ("педагог-психолог", Decimal("0.50")),
    ]
    assert [(r["subject__name"], r["posts"]) for r in summary.by_subject] == [
        (None, Decimal("2.50")), ("Математика", Decimal("1.50")), ("Физика", Decimal("1.00")),
    ]
    assert {r["reason"]: r["posts"] for r in summary.by_reason} == {
        "vacancy": Decimal("1.50"), "retirement": Decimal("2.00"), "growth": Decimal("1.00"),
        "maternity": Decimal("0.50"),
    }


def test_by_institution_type_gives_share_vacant_and_ages(dataset):
    rows = {r["type"]: r for r in CampaignSummary(dataset).by_type}

    assert (rows["general"]["posts"], rows["general"]["staff"], rows["general"]["share_vacant"]) == (
        Decimal("3.00"), 4, Decimal("0.4286"))
    assert rows["general"]["ages"] == {"under_35": 2, "from_35_to_60": 1, "over_60": 1}
    assert (rows["preschool"]["posts"], rows["preschool"]["staff"], rows["preschool"]["share_vacant"]) == (
        Decimal("2.00"), 2, Decimal("0.5000"))


def test_by_institution_lists_every_required_institution(dataset, school, other_school, kindergarten):
    rows = {r["institution"].short_name: (r["status"], r["posts"], r["staff"]) for r in
            CampaignSummary(dataset).by_institution}

    assert rows == {
        "СШ № 1": ("submitted", Decimal("3.00"), 3),
        "СШ № 2": ("draft", Decimal("0"), 1),  # the draft's needs do not count
        "ДС № 5": ("accepted", Decimal("2.00"), 2),
    }


def test_comparison_with_the_previous_campaign(dataset):
    summary = CampaignSummary(dataset)

    assert summary.previous.campaign.title == "На 01.08.2020"
    assert summary.previous.totals.posts == Decimal("1.00")
    teacher = next(r for r in summary.position_comparison if r["position"] == "учитель")
    assert (teacher["posts"], teacher["previous"], teacher["change"]) == (
        Decimal("2.50"), Decimal("1.00"), Decimal("1.50"))


def test_campaign_of_chosen_types_asks_only_those_institutions(dataset, city, kindergarten):
    dataset.types = [InstitutionType.PRESCHOOL]
    dataset.save()

    totals = CampaignSummary(dataset).totals

    assert (totals.required, totals.submitted, totals.posts, totals.staff) == (1, 1, Decimal("2.00"), 2)


def test_summary_page_and_export_show_the_numbers(client, head, dataset):
    client.force_login(head)

    page = client.get(reverse("staffing:campaign-summary", args=[dataset.pk]))
    export = client.get(reverse("staffing:campaign-summary-export", args=[dataset.pk]))

    content = page.content.decode()
    assert 'data-key="posts">5,00<' in content
    assert 'data-key="share_vacant">45,5 %<' in content
    assert "На 01.08.2020" in content
    wb = load_workbook(io.BytesIO(export.content))
    assert [ws.title for ws in wb.worksheets][:2] == ["Итоги", "По должностям"]
    totals = wb["Итоги"]
    values = {row[0]: row[1] for row in totals.iter_rows(min_row=4, values_only=True)}
    assert values["Вакантные ставки"] == 5
    assert values["Педагогов в штате на дату"] == 6
    assert values["Доля вакантных ставок, %"] == pytest.approx(45.5)
    assert totals.page_setup.orientation == "landscape" and totals.print_title_rows == "$3:$3"
    by_position = list(wb["По должностям"].iter_rows(min_row=4, values_only=True))
    assert by_position[0] == ("учитель", 2.5, 2)
    assert "Сравнение" in wb.sheetnames


# --- indicators ----------------------------------------------------------------------------------------


def test_indicators_on_the_known_dataset(dataset, city, school, other_school, kindergarten, year):
    assert indicators.vacant_posts(city, year) == Decimal("5.00")
    assert indicators.share_vacant(city, year) == Decimal("0.4545")
    assert indicators.share_submitted_on_time(city, year) == Decimal("0.3333")
    assert indicators.vacant_posts(school, year) == Decimal("3.00")
    assert indicators.share_vacant(school, year) == Decimal("0.5000")
    assert indicators.share_submitted_on_time(school, year) == Decimal("1.0000")
    assert indicators.share_submitted_on_time(other_school, year) == Decimal("0.0000")


def test_indicator_breakdowns_per_institution(dataset, city, school, other_school, kindergarten, year):
    assert indicators.vacant_posts_by_institution(city, year) == {
        school.pk: Decimal("3.00"), other_school.pk: Decimal("0"), kindergarten.pk: Decimal("2.00"),
    }
    assert indicators.share_vacant_by_institution(city, year) == {
        school.pk: Decimal("0.5000"), other_school.pk: Decimal("0.0000"), kindergarten.pk: Decimal("0.5000"),
    }
    assert indicators.share_submitted_on_time.by_institution(city, year) == {
        school.pk: Decimal("1.0000"), other_school.pk: Decimal("0.0000"), kindergarten.pk: Decimal("0.0000"),
    }


def test_indicators_are_registered_with_direction_and_key(db):
    share_vacant = registry.get("staffing.share_vacant")
    assert (share_vacant.direction, share_vacant.better, share_vacant.key) == ("staffing", "down", True)
    assert registry.get("staffing.vacant_posts").better == "down"
    assert registry.get("staffing.share_submitted_on_time").key is True
    assert all(registry.get(code).rule and registry.get(code).source for code in (
        "staffing.vacant_posts", "staffing.share_vacant", "staffing.share_submitted_on_time"))


def test_indicators_are_empty_without_a_campaign(city, previous_year):
    assert indicators.vacant_posts(city, previous_year) is None
    assert indicators.share_vacant(city, previous_year) is None
    assert indicators.vacant_posts_by_institution(city, previous_year) == {}


def test_submission_at_the_end_of_the_deadline_day_is_on_time(city, school, other_school, year):
    campaign = CampaignFactory(municipality=city, deadline=datetime.date(2021, 6, 15))
    late_evening = timezone.make_aware(datetime.datetime(2021, 6, 15, 23, 59))
    next_morning = timezone.make_aware(datetime.datetime(2021, 6, 16, 0, 1))
    SubmissionFactory(campaign=campaign, institution=school, status="submitted", submitted_at=late_evening,
                      first_submitted_at=late_evening, received_on=datetime.date(2021, 6, 15))
    SubmissionFactory(campaign=campaign, institution=other_school, status="submitted", submitted_at=next_morning,
                      first_submitted_at=next_morning, received_on=datetime.date(2021, 6, 16))

    assert indicators.share_submitted_on_time(city, year) == Decimal("0.5000")


def _grow(city, n):
    campaign = CampaignFactory(municipality=city, as_of=AS_OF)
    for index in range(n):
        institution = Institution.objects.create(municipality=city, name=f"Школа {index}",
                                                 short_name=f"Ш{campaign.pk}-{index}",
                                                 type=InstitutionType.GENERAL)
        person(institution, datetime.date(1980 + index % 20, 1, 1))
        need(submitted(campaign, institution), rates=Decimal("1"))
    return campaign


def _queries(func, *args) -> int:
    with CaptureQueriesContext(connection) as context:
        func(*args)
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["vacant_posts", "share_vacant", "share_submitted_on_time"])
def test_indicator_query_count_does_not_grow_with_the_data(city, year, name):
    compute = getattr(indicators, name)
    breakdown = registry.get(f"staffing.{name}").breakdown
    _grow(city, 2)
    small = (_queries(compute, city, year), _queries(breakdown, city, year))
    Need.objects.all().delete()
    _grow(city, 12)
    assert (_queries(compute, city, year), _queries(breakdown, city, year)) == small


def test_summary_query_count_does_not_grow_with_the_data(city):
    def count(campaign):
        summary = CampaignSummary(campaign)
        return _queries(lambda: (summary.totals, summary.by_position, summary.by_subject, summary.by_type,
                                 summary.by_institution, summary.position_comparison))

    small = count(_grow(city, 2))
    assert count(_grow(city, 10)) == small
