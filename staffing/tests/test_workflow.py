"""Campaigns, the form path of a submission, review, scoping and the open/closed rules (pages)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import InstitutionType
from core.models import Position
from staffing.models import Campaign
from staffing.models import CampaignStatus
from staffing.models import Need
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.tests.factories import CampaignFactory
from staffing.tests.factories import DocumentFactory
from staffing.tests.factories import NeedFactory
from staffing.tests.factories import submitted


def detail_url(campaign, institution, action=""):
    name = f"staffing:submission-{action}" if action else "staffing:submission-detail"
    return reverse(name, args=[campaign.pk, institution.pk])


def form_data(rows=(), *, no_needs=False, contact="Петрова А.А., 2-22-22", initial=0):
    data = {
        "contact": contact, "needs-TOTAL_FORMS": str(max(len(rows), 1)), "needs-INITIAL_FORMS": str(initial),
        "needs-MIN_NUM_FORMS": "0", "needs-MAX_NUM_FORMS": "1000",
    }
    if no_needs:
        data["no_needs"] = "on"
    for index, row in enumerate(rows or [BLANK_ROW]):
        for key, value in row.items():
            data[f"needs-{index}-{key}"] = value
    return data


# What a browser posts for an untouched extra row: the select keeps its initial value.
BLANK_ROW = {"position": "", "subject": "", "rates": "", "weekly_hours": "", "reason": "", "vacant_since": "",
             "support": "none", "requirements": "", "contact": ""}


def teacher_row(**changes):
    row = {"position": Position.objects.get(name="учитель").pk, "rates": "1", "reason": "vacancy",
           "support": "housing", "requirements": "", "contact": ""}
    row.update(changes)
    return row


# --- campaigns ---------------------------------------------------------------------------------------


def test_methodist_opens_a_campaign_for_chosen_types(client, methodist, city, year):
    client.force_login(methodist)

    response = client.post(reverse("staffing:campaign-create"), {
        "municipality": city.pk, "title": "Кадровая потребность на 01.08.2021", "as_of": "2021-08-01",
        "year": year.pk, "deadline": "2021-06-15", "types": [InstitutionType.GENERAL, InstitutionType.PRESCHOOL],
    })

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.types == ["preschool", "general"]
    assert campaign.status == CampaignStatus.OPEN and campaign.created_by == methodist
    assert campaign.history.count() == 1


def test_campaign_form_keeps_input_and_explains_errors(client, methodist, city, year):
    client.force_login(methodist)

    response = client.post(reverse("staffing:campaign-create"), {
        "municipality": city.pk, "title": "Сбор", "as_of": "2015-08-01", "year": year.pk, "deadline": "",
    })

    assert response.status_code == 200
    assert not Campaign.objects.exists()
    form = response.context["form"]
    assert form["title"].value() == "Сбор"
    assert form.errors["as_of"] == ["Дата должна приходиться на этот учебный год или предыдущий."]
    assert "deadline" in form.errors


@pytest.mark.parametrize("persona", ["school_user", "expert", "teacher"])
def test_only_methodists_and_heads_open_campaigns(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("staffing:campaign-create")).status_code == 403


def test_methodist_closes_and_reopens_a_campaign(client, methodist, campaign):
    client.force_login(methodist)
    url = reverse("staffing:campaign-status", args=[campaign.pk])

    client.post(url)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    client.post(url)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.REOPENED and campaign.is_open


def test_methodist_of_another_city_cannot_see_or_close_the_campaign(client, other_city, campaign):
    from conftest import make_user

    stranger = make_user("stranger", "methodist", municipality=other_city)
    client.force_login(stranger)

    assert client.get(campaign.get_absolute_url()).status_code == 404
    assert client.post(reverse("staffing:campaign-status", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("staffing:campaign-summary", args=[campaign.pk])).status_code == 404
    assert campaign.title not in client.get(reverse("staffing:campaign-list")).content.decode()


def test_campaign_list_filters_sorts_and_exports(client, head, city, campaign):
    CampaignFactory(municipality=city, title="Сбор на 01.08.2020", as_of=datetime.date(2020, 8, 1),
                    status=CampaignStatus.CLOSED)
    client.force_login(head)

    response = client.get(reverse("staffing:campaign-list"), {"status": "closed"})
    export = client.get(reverse("staffing:campaign-export"), {"status": "open"})

    assert [c.title for c in response.context["page"]] == ["Сбор на 01.08.2020"]
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [campaign.title]
    empty = client.get(reverse("staffing:campaign-list"), {"q": "нет такого"})
    assert "Нет сборов, отвечающих условиям отбора." in empty.content.decode()


def test_completeness_page_shows_each_institution_status(client, methodist, campaign, school, other_school):
    submitted(campaign, school, on=datetime.date(2021, 6, 1))
    client.force_login(methodist)

    response = client.get(campaign.get_absolute_url())

    rows = {i.short_name: i.submission_status for i in response.context["page"]}
    assert rows == {"СШ № 1": "submitted", "СШ № 2": "not_started"}
    assert {key: count for key, _label, count in response.context["status_counts"]}["not_started"] == 1
    filtered = client.get(campaign.get_absolute_url(), {"status": "not_started"})
    assert [i.short_name for i in filtered.context["page"]] == ["СШ № 2"]
    export = client.get(reverse("staffing:campaign-completeness-export", args=[campaign.pk]))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=4, values_only=True))
    assert [(row[0], row[2]) for row in rows] == [("СШ № 1", "Отправлен"), ("СШ № 2", "Не начат")]
    assert rows[0][6] is None  # the factory's submission has no user: an empty cell


def test_a_school_opening_the_campaign_goes_to_its_own_submission(client, school_user, campaign, school):
    client.force_login(school_user)

    response = client.get(campaign.get_absolute_url())

    assert response.status_code == 302 and response.url == detail_url(campaign, school)


# --- the school's submission -----------------------------------------------------------------------


def test_school_fills_the_form_and_submits(client, school_user, campaign, school):
    client.force_login(school_user)

    response = client.post(detail_url(campaign, school, "edit"), form_data([
        teacher_row(rates="1.5"), teacher_row(rates="", weekly_hours="9", reason="growth", support="none"),
    ]))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.DRAFT
    assert sorted(n.posts for n in submission.needs.all()) == [Decimal("0.50"), Decimal("1.50")]

    client.post(detail_url(campaign, school, "submit"))

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.submitted_by == school_user and submission.first_submitted_at is not None


def test_form_rows_need_rates_or_hours_and_keep_what_was_typed(client, school_user, campaign, school):
    client.force_login(school_user)

    response = client.post(detail_url(campaign, school, "edit"), form_data([
        teacher_row(rates="", requirements="Высшее педагогическое"),
    ]))

    assert response.status_code == 200
    row = response.context["needs"].forms[0]
    assert row.errors["rates"] == ["Укажите количество ставок или часов в неделю."]
    assert row["requirements"].value() == "Высшее педагогическое"
    assert not Need.objects.exists()


def test_no_needs_is_an_explicit_answer_that_excludes_rows(client, school_user, campaign, school):
    client.force_login(school_user)

    refused = client.post(detail_url(campaign, school, "edit"), form_data([teacher_row()], no_needs=True))
    assert refused.status_code == 200
    assert "Отмечено «Потребности нет», но потребности перечислены." in refused.content.decode()

    client.post(detail_url(campaign, school, "edit"), form_data(no_needs=True))
    client.post(detail_url(campaign, school, "submit"))

    submission = Submission.objects.get()
    assert submission.no_needs and submission.status == SubmissionStatus.SUBMITTED
    assert not submission.needs.exists()


def test_an_empty_draft_cannot_be_submitted(client, school_user, campaign, school):
    client.force_login(school_user)
    client.post(detail_url(campaign, school, "edit"), form_data())

    client.post(detail_url(campaign, school, "submit"))

    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_submitting_locks_the_draft(client, school_user, campaign, school):
    submission = submitted(campaign, school)
    NeedFactory(submission=submission)
    client.force_login(school_user)

    assert client.get(detail_url(campaign, school, "edit")).status_code == 403
    assert client.post(detail_url(campaign, school, "edit"), form_data(no_needs=True)).status_code == 403
    assert client.post(detail_url(campaign, school, "submit")).status_code == 403
    assert Submission.objects.get().no_needs is False


def test_a_closed_campaign_cannot_be_answered(client, school_user, campaign, school):
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    client.force_login(school_user)

    assert client.get(detail_url(campaign, school)).status_code == 200  # still readable
    assert client.post(detail_url(campaign, school, "edit"), form_data(no_needs=True)).status_code == 403
    assert not Submission.objects.exists()


def test_a_school_sees_and_writes_only_its_own_submission(client, school_user, campaign, school, other_school):
    other = submitted(campaign, other_school)
    NeedFactory(submission=other, requirements="Секрет соседней школы")
    client.force_login(school_user)

    assert client.get(detail_url(campaign, other_school)).status_code == 404
    assert client.post(detail_url(campaign, other_school, "edit"), form_data(no_needs=True)).status_code == 404
    assert client.get(reverse("staffing:campaign-summary", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("staffing:campaign-completeness-export", args=[campaign.pk])).status_code == 403


def test_a_school_not_asked_by_the_campaign_cannot_answer(client, school_user, city, school):
    campaign = CampaignFactory(municipality=city, institution_types="preschool")
    client.force_login(school_user)

    assert client.get(detail_url(campaign, school)).status_code == 404
    assert campaign not in client.get(reverse("staffing:campaign-list")).context["page"]


def test_teachers_and_outsiders_see_nothing(client, teacher, outsider, campaign, school):
    submitted(campaign, school)
    client.force_login(teacher)
    assert client.get(reverse("staffing:campaign-list")).status_code == 403
    assert client.get(detail_url(campaign, school)).status_code == 403
    client.force_login(outsider)
    assert client.get(detail_url(campaign, school)).status_code == 404


# --- review -----------------------------------------------------------------------------------------


def test_methodist_returns_with_a_comment_and_the_school_corrects(client, methodist, school_user, campaign, school):
    submission = submitted(campaign, school)
    NeedFactory(submission=submission)
    client.force_login(methodist)

    client.post(detail_url(campaign, school, "review"), {"action": "return", "comment": "Укажите предмет"})

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED and submission.review_comment == "Укажите предмет"
    client.force_login(school_user)
    page = client.get(detail_url(campaign, school)).content.decode()
    assert "Укажите предмет" in page
    client.post(detail_url(campaign, school, "submit"))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_return_needs_a_comment(client, methodist, campaign, school):
    submitted(campaign, school)
    client.force_login(methodist)

    client.post(detail_url(campaign, school, "review"), {"action": "return", "comment": ""})

    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_methodist_accepts(client, methodist, campaign, school):
    submitted(campaign, school)
    client.force_login(methodist)

    client.post(detail_url(campaign, school, "review"), {"action": "accept"})

    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.ACCEPTED and submission.reviewed_by == methodist


def test_a_school_cannot_accept_its_own_submission(client, school_user, campaign, school):
    submitted(campaign, school)
    client.force_login(school_user)

    assert client.post(detail_url(campaign, school, "review"), {"action": "accept"}).status_code == 403
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


# --- documents --------------------------------------------------------------------------------------


def test_methodist_registers_a_document_and_a_school_sees_it_once_in_force(client, methodist, school_user, city):
    client.force_login(methodist)
    client.post(reverse("staffing:document-create"), {
        "municipality": city.pk, "title": "Порядок выявления кадровых потребностей", "number": "45-п",
        "date": "2021-09-01", "status": "draft",
    })
    document = RegulatoryDocument.objects.get()
    assert str(document) == "Порядок выявления кадровых потребностей № 45-п от 01.09.2021"

    client.force_login(school_user)
    assert list(client.get(reverse("staffing:document-list")).context["page"]) == []
    document.status = "in_force"
    document.save()
    assert list(client.get(reverse("staffing:document-list")).context["page"]) == [document]
    assert client.get(reverse("staffing:document-edit", args=[document.pk])).status_code == 403


def test_documents_of_another_city_are_hidden(client, methodist, other_city):
    DocumentFactory(municipality=other_city, title="Чужой порядок")
    client.force_login(methodist)

    response = client.get(reverse("staffing:document-list"))
    export = client.get(reverse("staffing:document-export"))

    assert "Чужой порядок" not in response.content.decode()
    assert list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True)) == []


# --- pages render --------------------------------------------------------------------------------


def test_pages_render_for_their_roles(client, methodist, school_user, campaign, school):
    submission = submitted(campaign, school)
    NeedFactory(submission=submission, requirements="Высшее педагогическое")
    document = DocumentFactory(municipality=campaign.municipality)
    client.force_login(methodist)
    for url in (reverse("staffing:campaign-create"), reverse("staffing:campaign-edit", args=[campaign.pk]),
                reverse("staffing:document-create"), reverse("staffing:document-edit", args=[document.pk])):
        assert client.get(url).status_code == 200, url
    detail = client.get(detail_url(campaign, school)).content.decode()
    assert "Высшее педагогическое" in detail and "Вернуть на доработку" in detail

    submission.status = SubmissionStatus.RETURNED
    submission.save()
    client.force_login(school_user)
    form = client.get(detail_url(campaign, school, "edit"))
    assert form.status_code == 200
    assert form.context["needs"].forms[0]["requirements"].value() == "Высшее педагогическое"
    assert "Вернуть на доработку" not in client.get(detail_url(campaign, school)).content.decode()


def test_save_and_add_rows_returns_to_the_form(client, school_user, campaign, school):
    client.force_login(school_user)
    data = form_data([teacher_row()])
    data["more"] = "1"

    response = client.post(detail_url(campaign, school, "edit"), data)

    assert response.status_code == 302 and response.url == detail_url(campaign, school, "edit")
    assert Need.objects.count() == 1


def test_editing_a_row_and_deleting_another_in_the_form(client, school_user, campaign, school):
    submission = Submission.objects.create(campaign=campaign, institution=school)
    keep = NeedFactory(submission=submission, rates=Decimal("1"))
    drop = NeedFactory(submission=submission, rates=Decimal("2"))
    client.force_login(school_user)

    client.post(detail_url(campaign, school, "edit"), form_data([
        teacher_row(id=keep.pk, rates="0.5"), teacher_row(id=drop.pk, DELETE="on"),
    ], initial=2))

    assert [(n.pk, n.posts) for n in submission.needs.all()] == [(keep.pk, Decimal("0.50"))]
    assert keep.history.count() == 2  # the change is in the audit trail


def test_document_file_must_be_pdf_or_word(client, methodist, city, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(methodist)
    data = {"municipality": city.pk, "title": "Положение", "number": "1", "date": "2021-09-01", "status": "in_force"}

    refused = client.post(reverse("staffing:document-create"),
                          {**data, "file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert refused.context["form"].errors["file"] == ["Приложите документ PDF или Word."]
    assert refused.context["form"]["title"].value() == "Положение"

    client.post(reverse("staffing:document-create"), {**data, "file": SimpleUploadedFile("polozhenie.pdf", b"%PDF-1.4")})
    document = RegulatoryDocument.objects.get()
    assert document.file.name == f"staffing/documents/{city.pk}/polozhenie.pdf"
    assert (tmp_path / document.file.name).read_bytes() == b"%PDF-1.4"


def test_completeness_and_summary_pages_do_not_query_per_institution(client, methodist, city, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import Institution

    def grow(n):
        for index in range(n):
            institution = Institution.objects.create(municipality=city, name=f"Детский сад {index}-{n}",
                                                     short_name=f"ДС {index}-{n}", type="preschool")
            NeedFactory(submission=submitted(campaign, institution))

    def count(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    client.force_login(methodist)
    urls = [campaign.get_absolute_url(), reverse("staffing:campaign-summary", args=[campaign.pk])]
    grow(2)
    small = [count(url) for url in urls]
    grow(8)
    assert [count(url) for url in urls] == small


def test_form_rows_refuse_a_vacancy_a_year_after_the_campaign_reading_the_campaign_once(
        client, school_user, campaign, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(school_user)
    late = (campaign.as_of + datetime.timedelta(days=400)).isoformat()
    counts = []
    for rows in (1, 5):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(detail_url(campaign, school, "edit"),
                                   form_data([teacher_row(vacant_since=late)] * rows))
        counts.append(sum('"staffing_campaign"' in query["sql"] for query in queries.captured_queries))
        # Need.clean, the rule the upload applies too
        assert [form.errors["vacant_since"] for form in response.context["needs"].forms] == [
            ["Дата позже даты сбора больше чем на год."]] * rows

    assert counts[0] == counts[1]  # the campaign is read for the page, not once more per row
    assert not Need.objects.exists()
