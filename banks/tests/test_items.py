import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from banks.services import publish
from banks.services import submit_for_review
from banks.tests.factories import ItemFactory
from core.models import AcademicYear
from expertise.models import CouncilOfficer
from expertise.models import Decision
from expertise.models import RequestType
from expertise.services import assign_experts
from expertise.services import conclude_request
from expertise.services import submit_review
from expertise.tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def form_data(school, **extra):
    year = AcademicYear.objects.get(start_year=2021)
    return {"bank": Bank.RESOURCES, "title": "Интерактивный тренажёр по физике", "authors": "Иванова М. П.",
            "institution": school.pk, "kind": "lesson", "year": year.pk, "description": "Тренажёр",
            "keywords": "физика, тренажёр", **extra}


# --- file validation --------------------------------------------------------------------------

def test_item_with_an_allowed_file_is_saved_as_a_draft(client, school_user, school):
    client.force_login(school_user)
    upload = SimpleUploadedFile("trenazher.pdf", b"%PDF-1.4 content", content_type="application/pdf")

    response = client.post("/banks/new/", form_data(school, file=upload))

    item = Item.objects.get()
    assert response.status_code == 302
    assert (item.status, item.municipality, item.file_extension) == (ItemStatus.DRAFT, school.municipality, "pdf")


def test_a_file_of_a_wrong_type_is_refused_and_the_form_keeps_the_input(client, school_user, school):
    client.force_login(school_user)
    upload = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")

    response = client.post("/banks/new/", form_data(school, file=upload))

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert "exe" in response.context["form"].errors["file"][0]
    assert "Интерактивный тренажёр по физике" in response.content.decode()
    assert not Item.objects.exists()


def test_a_too_large_file_is_refused(client, school_user, school, settings):
    settings.BANKS_MAX_FILE_BYTES = 1024 * 1024
    client.force_login(school_user)
    upload = SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1), content_type="application/pdf")

    response = client.post("/banks/new/", form_data(school, file=upload))

    assert response.context["form"].errors["file"] == ["Файл больше 1 МБ."]
    assert not Item.objects.exists()


def test_an_empty_file_is_refused(client, school_user, school):
    client.force_login(school_user)
    upload = SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")

    response = client.post("/banks/new/", form_data(school, file=upload))

    assert response.context["form"].errors["file"]
    assert not Item.objects.exists()


def test_an_item_needs_a_file_or_a_link(client, school_user, school):
    client.force_login(school_user)

    response = client.post("/banks/new/", form_data(school))
    assert response.context["form"].non_field_errors()

    response = client.post("/banks/new/", form_data(school, url="https://resh.edu.ru/subject/28/"))
    assert response.status_code == 302
    assert Item.objects.get().url == "https://resh.edu.ru/subject/28/"


def test_school_cannot_file_an_item_for_another_school(client, school_user, other_school):
    client.force_login(school_user)

    response = client.post("/banks/new/", form_data(other_school, url="https://example.org"))

    assert "institution" in response.context["form"].errors


# --- search -------------------------------------------------------------------------------------

@pytest.fixture
def catalogue(school):
    return {
        "reading": ItemFactory(institution=school, published=True, title="Проект «Читающая семья»",
                               keywords="чтение, семья", authors="Смирнова О. В."),
        "math": ItemFactory(institution=school, published=True, title="Задачи по математике",
                            description="Проектная задача для 5 класса", keywords="математика", authors="Кузнецов П. И."),
        "draft": ItemFactory(institution=school, title="Черновик о чтении", keywords="чтение"),
    }


def test_search_finds_words_in_title_description_keywords_and_authors(catalogue):
    published = Item.objects.published()
    assert set(published.search("семья")) == {catalogue["reading"]}
    assert set(published.search("математика")) == {catalogue["math"]}
    assert set(published.search("Кузнецов")) == {catalogue["math"]}
    assert set(published.search("класса")) == {catalogue["math"]}
    assert set(published.search("задачи математике")) == {catalogue["math"]}
    assert not published.search("астрономия").exists()


def test_search_ignores_the_case_of_cyrillic_words(catalogue):
    assert set(Item.objects.published().search("ЧИТАЮЩАЯ")) == {catalogue["reading"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Russian morphology needs PostgreSQL full-text search")
def test_search_on_postgresql_matches_other_forms_of_a_word(catalogue):
    # «семьи» and «семья», «задача» and «задачи» share their stems in the Russian configuration.
    assert set(Item.objects.published().search("семьи")) == {catalogue["reading"]}
    assert set(Item.objects.published().search("задача математика")) == {catalogue["math"]}
    assert set(Item.objects.published().search("проектный")) == {catalogue["math"]}  # «Проектная задача»


def test_showcase_search_filters_and_facets(client, catalogue, school):
    ItemFactory(institution=school, published=True, bank=Bank.PROGRAMMES, title="Программа ПК «Читательская грамотность»",
                keywords="чтение")

    response = client.get("/banks/showcase/", {"q": "чтение"})

    titles = [item.title for item in response.context["rows"]]
    assert sorted(titles) == ["Программа ПК «Читательская грамотность»", "Проект «Читающая семья»"]
    facets = {row["value"]: row["count"] for row in response.context["facets"]["bank"]}
    assert facets == {Bank.PRODUCTS.value: 1, Bank.PROGRAMMES.value: 1}

    response = client.get("/banks/showcase/", {"q": "чтение", "bank": Bank.PROGRAMMES})
    assert [item.title for item in response.context["rows"]] == ["Программа ПК «Читательская грамотность»"]


# --- the public showcase ------------------------------------------------------------------------

def test_anonymous_visitor_reads_published_items_only(client, catalogue):
    page = client.get("/banks/showcase/").content.decode()
    assert "Проект «Читающая семья»" in page
    assert "Черновик о чтении" not in page

    assert client.get(f"/banks/showcase/{catalogue['reading'].pk}/").status_code == 200
    assert client.get(f"/banks/showcase/{catalogue['draft'].pk}/").status_code == 404


def test_anonymous_visitor_cannot_open_the_internal_pages(client, catalogue):
    assert client.get("/banks/").status_code == 302
    assert client.get(f"/banks/{catalogue['reading'].pk}/").status_code == 302
    assert client.get("/banks/new/").status_code == 302
    assert client.get("/api/v1/banks/items/").status_code in (401, 403)


def test_showcase_shows_no_personal_data_beyond_authors_and_institution(client, school, teacher_pedagogue, methodist):
    teacher_pedagogue.email = "ivanova@example.org"
    teacher_pedagogue.phone = "+7 391 000-00-00"
    teacher_pedagogue.save()
    item = ItemFactory(institution=school, published=True, authors="Иванова М. П.", created_by=methodist)
    item.author_pedagogues.add(teacher_pedagogue)

    page = client.get(f"/banks/showcase/{item.pk}/").content.decode()

    assert "Иванова М. П." in page and "СШ № 1" not in page or "Средняя школа № 1" in page
    for private in ("ivanova@example.org", "000-00-00", "1995", "methodist", "Петровна"):
        assert private not in page
    data = client.get("/api/v1/banks/showcase/").json()
    assert set(data["results"][0]) == {"id", "bank", "title", "authors", "institution_name", "subject_name", "kind",
                                       "year_title", "description", "keywords", "url", "published_on", "recommended"}


def test_showcase_serves_the_file_of_a_published_item_only(client, school, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    published = ItemFactory(institution=school, published=True, url="",
                            file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"))
    draft = ItemFactory(institution=school, url="", file=SimpleUploadedFile("draft.pdf", b"%PDF-1.4 draft"))

    response = client.get(f"/banks/showcase/{published.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    assert client.get(f"/banks/showcase/{draft.pk}/file/").status_code == 404


# --- scoping ------------------------------------------------------------------------------------

def test_drafts_of_another_school_are_invisible(client, outsider, catalogue):
    client.force_login(outsider)

    assert client.get(f"/banks/{catalogue['draft'].pk}/").status_code == 404
    assert "Черновик о чтении" not in client.get("/banks/").content.decode()
    assert client.get(f"/banks/{catalogue['reading'].pk}/").status_code == 200  # published: public anyway
    titles = [row["title"] for row in client.get("/api/v1/banks/items/").json()["results"]]
    assert "Черновик о чтении" not in titles and "Проект «Читающая семья»" in titles


def test_list_exports_the_filtered_rows(client, methodist, catalogue):
    client.force_login(methodist)

    response = client.get("/banks/export/", {"status": "draft"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["Черновик о чтении"]
    # The old address of the export keeps answering: it leads to the export URL with the same filters.
    old = client.get("/banks/", {"status": "draft", "export": "xlsx", "page": "2"})
    assert (old.status_code, old["Location"]) == (302, "/banks/export/?status=draft")


# --- publishing through the expert review -------------------------------------------------------

def test_recommended_review_publishes_the_item_with_the_badge(client, school, school_user, methodist, expert,
                                                              other_school):
    item = ItemFactory(institution=school, title="Кейс-технология на уроках истории")
    request = submit_for_review(item=item, by=school_user)
    item.refresh_from_db()
    assert (request.type, request.target, item.status) == (RequestType.BANK_ITEM, item, ItemStatus.REVIEW)

    expert_entry = ExpertFactory(pedagogue__institution=other_school, user=expert)
    assign_experts(request=request, experts=[expert_entry], deadline=timezone.localdate() + datetime.timedelta(days=5),
                   by=methodist)
    submit_review(assignment=request.assignments.get(), scores={c.pk: 3 for c in request.criteria()},
                  comment="Рекомендую", by=expert)
    CouncilOfficer.objects.create(municipality=request.municipality, user=methodist)  # the council's chair decides
    conclude_request(request=request, decision=Decision.RECOMMENDED, by=methodist)

    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert item.recommended_on == timezone.localdate()
    page = client.get("/banks/showcase/").content.decode()
    assert "Кейс-технология на уроках истории" in page
    assert "Рекомендовано экспертным советом" in page


def test_review_to_revise_returns_the_item_to_draft(school, school_user, methodist, expert, other_school):
    item = ItemFactory(institution=school)
    request = submit_for_review(item=item, by=school_user)
    expert_entry = ExpertFactory(pedagogue__institution=other_school, user=expert)
    assign_experts(request=request, experts=[expert_entry], deadline=timezone.localdate(), by=methodist)
    submit_review(assignment=request.assignments.get(), scores={c.pk: 1 for c in request.criteria()}, comment="",
                  by=expert)
    CouncilOfficer.objects.create(municipality=request.municipality, user=methodist)  # the council's chair decides
    conclude_request(request=request, decision=Decision.REVISE, by=methodist)

    item.refresh_from_db()
    assert (item.status, item.recommended_on) == (ItemStatus.DRAFT, None)


def test_only_a_draft_goes_to_review_or_is_published_directly(school, school_user, methodist):
    item = ItemFactory(institution=school, published=True)
    with pytest.raises(ValidationError, match="черновик"):
        submit_for_review(item=item, by=school_user)
    with pytest.raises(ValidationError, match="черновик"):
        publish(item=item, by=methodist)


def test_school_cannot_publish_without_review(client, school_user, school):
    item = ItemFactory(institution=school)
    client.force_login(school_user)

    assert client.post(f"/banks/{item.pk}/publish/").status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_record_section_shows_the_pedagogues_materials_within_scope(school, teacher_pedagogue, methodist, outsider):
    from banks.record import sections

    published = ItemFactory(institution=school, published=True, title="Опубликованный материал")
    draft = ItemFactory(institution=school, title="Черновик учителя")
    for item in (published, draft):
        item.author_pedagogues.add(teacher_pedagogue)

    [section] = sections(teacher_pedagogue, methodist)
    assert {item.title for item in section.context["items"]} == {"Опубликованный материал", "Черновик учителя"}
    [section] = sections(teacher_pedagogue, outsider)
    assert [item.title for item in section.context["items"]] == ["Опубликованный материал"]


def test_teacher_sees_own_drafts_but_not_colleagues(client, teacher, teacher_pedagogue, school):
    own = ItemFactory(institution=school, title="Мой черновик")
    own.author_pedagogues.add(teacher_pedagogue)
    ItemFactory(institution=school, title="Черновик коллеги")
    client.force_login(teacher)

    page = client.get("/banks/").content.decode()
    assert "Мой черновик" in page and "Черновик коллеги" not in page


def test_showcase_filters_the_recommended_items(client, school):
    ItemFactory(institution=school, published=True, title="С отметкой", recommended_on=datetime.date(2021, 10, 1))
    ItemFactory(institution=school, published=True, title="Без отметки")

    assert [i.title for i in client.get("/banks/showcase/", {"recommended": "true"}).context["rows"]] == ["С отметкой"]
    assert [i.title for i in client.get("/banks/showcase/", {"recommended": "false"}).context["rows"]] == ["Без отметки"]
    assert len(client.get("/banks/showcase/", {"recommended": ""}).context["rows"]) == 2


def test_the_showcase_pages_like_every_list_and_counts_what_it_found(client, school):
    ItemFactory.create_batch(21, institution=school, published=True)
    first = client.get("/banks/showcase/").content.decode()
    assert "Страница 1 из 2" in first
    assert "?page=2" in first
    assert "21 запись" in first
    second = client.get("/banks/showcase/", {"page": 2})
    assert len(second.context["rows"]) == 1
    assert "Страница 2 из 2" in second.content.decode()
