import datetime
import io
from functools import partial

import pytest
from openpyxl import load_workbook

from banks.models import Item
from banks.models import ItemStatus
from core.models import AcademicYear
from core.tests.factories import InstitutionFactory
from core.tests.factories import PedagogueFactory
from innovation import indicators
from innovation.models import Level
from innovation.models import ProjectStatus
from innovation.tests.factories import ParticipantFactory
from innovation.tests.factories import ProductFactory
from innovation.tests.factories import ProjectFactory
from monitoring.tests.factories import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(city, school, other_school, year):
    """School A leads a working regional site with school B as partner; a third school applied only."""
    third = InstitutionFactory(municipality=city, short_name="СШ № 3")
    InstitutionFactory(municipality=city, short_name="ДС № 4")
    site = ProjectFactory(institution=school, level=Level.REGIONAL)
    site.partners.add(other_school)
    ProjectFactory(institution=school, level=Level.MUNICIPAL, start=datetime.date(2021, 1, 1),
                   end=datetime.date(2022, 6, 30), status=ProjectStatus.FINISHED)
    ProjectFactory(institution=third, status=ProjectStatus.APPLIED)
    ProjectFactory(institution=third, status=ProjectStatus.ACTIVE, start=datetime.date(2022, 9, 1), end=None)
    ParticipantFactory(project=site)
    ParticipantFactory(project=site, pedagogue=PedagogueFactory(institution=other_school), institution=other_school)
    ParticipantFactory(project=site, joined=datetime.date(2022, 9, 1))  # joined after the year
    ProductFactory(project=site)
    ProductFactory(project=site, year=AcademicYear.objects.get(start_year=2020))
    return {"site": site, "third": third}


def test_indicators_count_working_sites_institutions_pedagogues_and_products(dataset, city, school, year):
    assert indicators.active_sites(city, year) == 2
    assert indicators.active_sites_by_level[Level.REGIONAL](city, year) == 1
    assert indicators.active_sites_by_level[Level.FEDERAL](city, year) == 0
    # A and B (partner) of four active institutions
    assert str(indicators.share_institutions_with_site(city, year)) == "0.5000"
    assert indicators.pedagogues_in_projects(city, year) == 2
    assert indicators.products(city, year) == 1
    assert indicators.active_sites(school, year) == 2
    assert indicators.active_sites(dataset["third"], year) == 0


def test_breakdowns_give_values_per_institution(dataset, city, school, other_school, year):
    assert indicators.active_sites.by_institution(city, year) == {school.pk: 2}
    assert indicators.pedagogues_in_projects.by_institution(city, year) == {school.pk: 1, other_school.pk: 1}
    assert indicators.products.by_institution(city, year) == {school.pk: 1}


def test_indicator_queries_do_not_grow_with_the_data(dataset, city, school, year):
    count_queries = partial(queries_of, city, year, indicators.active_sites, indicators.share_institutions_with_site,
                            indicators.pedagogues_in_projects, indicators.products,
                            breakdowns=[indicators.pedagogues_in_projects])

    small = count_queries()
    for _ in range(5):
        ParticipantFactory(project=ProjectFactory(institution=InstitutionFactory(municipality=city)))
    assert count_queries() == small == 5


def test_school_sees_projects_it_leads_or_joins_but_not_others(client, dataset, outsider, school_user):
    client.force_login(outsider)  # school B: partner of the regional site
    page = client.get("/innovation/").content.decode()
    assert dataset["site"].topic in page
    third = dataset["third"].innovation_projects.first()
    assert third.topic not in page
    assert client.get(f"/innovation/{third.pk}/").status_code == 404
    assert client.get(f"/innovation/{dataset['site'].pk}/edit/").status_code == 404  # a partner does not edit


def test_teacher_sees_only_projects_they_take_part_in(client, dataset, teacher, teacher_pedagogue):
    ParticipantFactory(project=dataset["site"], pedagogue=teacher_pedagogue)
    client.force_login(teacher)

    rows = client.get("/api/v1/innovation/projects/").json()["results"]
    assert [row["id"] for row in rows] == [dataset["site"].pk]


def test_list_filters_by_level_and_exports(client, dataset, methodist):
    client.force_login(methodist)

    response = client.get("/innovation/", {"level": "regional"})
    assert [p.pk for p in response.context["rows"]] == [dataset["site"].pk]
    response = client.get("/innovation/export/", {"level": "regional"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [dataset["site"].title]
    assert client.get("/innovation/", {"level": "regional", "export": "xlsx"})["Location"] == (
        "/innovation/export/?level=regional")


def test_methodist_creates_a_site_and_the_form_keeps_input_on_error(client, methodist, school):
    client.force_login(methodist)
    data = {"title": "МИП", "topic": "Наставничество в цифровой среде", "institution": school.pk,
            "level": "municipal", "status": "active", "start": "2022-09-01", "end": "2021-05-31"}

    response = client.post("/innovation/new/", data)
    assert response.status_code == 200
    assert "Наставничество в цифровой среде" in response.content.decode()

    response = client.post("/innovation/new/", {**data, "end": "2024-05-31"})
    assert response.status_code == 302
    assert school.innovation_projects.get().municipality == school.municipality


def test_product_is_sent_to_the_bank_once(client, dataset, methodist):
    product = dataset["site"].products.first()
    client.force_login(methodist)

    client.post(f"/innovation/{dataset['site'].pk}/products/{product.pk}/to-bank/")
    client.post(f"/innovation/{dataset['site'].pk}/products/{product.pk}/to-bank/")

    item = Item.objects.get()
    assert (item.title, item.status, item.source) == (product.title, ItemStatus.DRAFT, product)


def test_record_section_lists_the_pedagogues_projects(dataset, methodist, outsider):
    from innovation.record import sections

    participant = dataset["site"].participants.first()
    [section] = sections(participant.pedagogue, methodist)
    assert [p.pk for p in section.context["projects"]] == [dataset["site"].pk]
    third = dataset["third"]
    other = ParticipantFactory(project=third.innovation_projects.first())
    assert sections(other.pedagogue, outsider) == []


def test_institution_page_lists_projects_it_leads_or_joins(client, dataset, school, other_school, outsider):
    from innovation.record import institution_sections

    [section] = institution_sections(other_school, outsider)
    assert [p.pk for p in section.context["projects"]] == [dataset["site"].pk]
    client.force_login(outsider)
    page = client.get(f"/innovation/institution/{other_school.pk}/").content.decode()
    assert dataset["site"].topic in page


def test_stage_reports_are_downloaded_only_by_who_sees_the_project(client, dataset, methodist, outsider, tmp_path,
                                                                   settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from innovation.models import Stage

    settings.MEDIA_ROOT = tmp_path
    third = dataset["third"].innovation_projects.get(status="active")
    stage = Stage.objects.create(project=third, title="Основной этап", start=datetime.date(2022, 9, 1),
                                 end=datetime.date(2023, 5, 31),
                                 actual_report=SimpleUploadedFile("otchet.pdf", b"%PDF-1.4 report"))
    url = f"/innovation/{third.pk}/stages/{stage.pk}/actual-report/"
    client.force_login(methodist)
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    assert client.get(f"/innovation/{third.pk}/stages/{stage.pk}/planned-report/").status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_project_is_sent_to_the_expert_council_once(client, dataset, methodist):
    from expertise.models import RequestType
    from expertise.models import ReviewRequest

    site = dataset["site"]
    client.force_login(methodist)
    client.post(f"/innovation/{site.pk}/review/")
    client.post(f"/innovation/{site.pk}/review/")

    review = ReviewRequest.objects.get()
    assert (review.type, review.target, review.institution) == (RequestType.PROJECT, site, site.institution)
    assert review.get_status_display() in client.get(f"/innovation/{site.pk}/").content.decode()
