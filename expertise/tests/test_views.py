import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from expertise.models import Decision
from expertise.models import Status
from expertise.models import TypeSettings
from expertise.services import assign_experts
from expertise.services import conclude_request
from expertise.services import submit_review
from expertise.tests.factories import ReviewRequestFactory

pytestmark = pytest.mark.django_db
DEADLINE = timezone.localdate() + datetime.timedelta(days=10)


def concluded(request, expert_entry, methodist, decision=Decision.RECOMMENDED):
    assign_experts(request=request, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    submit_review(assignment=request.assignments.get(), scores={c.pk: 2 for c in request.criteria()},
                  comment="Замечаний нет", by=expert_entry.user)
    return conclude_request(request=request, decision=decision, by=methodist)


def test_methodist_assigns_an_expert_through_the_page(client, methodist, submitted, expert_entry):
    client.force_login(methodist)
    response = client.post(f"/expertise/{submitted.pk}/assign/",
                           {"experts": [expert_entry.pk], "deadline": DEADLINE.isoformat()}, follow=True)

    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Status.ASSIGNED
    assert "Эксперты назначены." in response.content.decode()


def test_the_page_refuses_a_conflicting_expert_with_a_message(client, methodist, submitted, same_school_expert):
    client.force_login(methodist)
    response = client.post(f"/expertise/{submitted.pk}/assign/",
                           {"experts": [same_school_expert.pk], "deadline": DEADLINE.isoformat()}, follow=True)

    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    messages = [str(m) for m in response.context["messages"]]
    assert any("Своякова" in m for m in messages)


def test_the_page_refuses_an_illegal_transition_with_a_message(client, methodist, submitted):
    client.force_login(methodist)
    response = client.post(f"/expertise/{submitted.pk}/conclude/", {"decision": "recommended"}, follow=True)

    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert len(list(response.context["messages"])) == 1


def test_expert_sees_only_their_own_queue(client, expert, expert_entry, second_expert, methodist, school, school_user):
    mine = ReviewRequestFactory(institution=school, submitted_by=school_user, title="Моя заявка")
    other = ReviewRequestFactory(institution=school, submitted_by=school_user, title="Чужая заявка")
    assign_experts(request=mine, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assign_experts(request=other, experts=[second_expert], deadline=DEADLINE, by=methodist)
    client.force_login(expert)

    queue = client.get("/expertise/queue/").content.decode()
    assert "Моя заявка" in queue and "Чужая заявка" not in queue
    assert client.get(f"/expertise/{other.pk}/").status_code == 404
    assert client.get(f"/expertise/reviews/{other.assignments.get().pk}/").status_code == 404
    listing = client.get("/expertise/").content.decode()
    assert "Моя заявка" in listing and "Чужая заявка" not in listing


def test_expert_fills_the_review_form(client, expert, expert_entry, methodist, submitted):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get()
    client.force_login(expert)
    data = {f"criterion_{c.pk}": "3" for c in submitted.criteria()}

    response = client.post(f"/expertise/reviews/{assignment.pk}/", {**data, "comment": ""})
    assert response.status_code == 200  # the comment is required; the scores are kept
    assert 'value="3" selected' in response.content.decode()

    response = client.post(f"/expertise/reviews/{assignment.pk}/", {**data, "comment": "Отлично",
                                                                     "recommendation": "revise"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    # the expert's recommendation waits for the council's chair: no conclusion by itself
    assert (submitted.status, submitted.decision, submitted.combined_score) == (Status.REVIEWED, "", None)


def test_author_sees_the_conclusion_but_not_the_experts_names(client, school_user, submitted, expert_entry, methodist,
                                                              expert):
    expert.first_name, expert.last_name = "Ольга", "Экспертова"
    expert.save()
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    submit_review(assignment=submitted.assignments.get(), scores={c.pk: 2 for c in submitted.criteria()},
                  comment="Замечаний нет", recommendation=Decision.RECOMMENDED, by=expert)
    conclude_request(request=submitted, decision=Decision.RECOMMENDED, by=methodist)
    client.force_login(school_user)

    page = client.get(f"/expertise/{submitted.pk}/").content.decode()
    assert "66,7%" in page  # 8 of 12, in Russian notation
    assert "Экспертова" not in page


def test_authors_see_the_experts_when_the_type_allows(client, school_user, submitted, expert_entry, methodist):
    TypeSettings.objects.filter(type=submitted.type).update(experts_visible_to_authors=True)
    concluded(submitted, expert_entry, methodist)
    client.force_login(school_user)

    assert "Экспертова" in client.get(f"/expertise/{submitted.pk}/").content.decode()


def test_other_school_cannot_see_the_request(client, outsider, submitted):
    client.force_login(outsider)

    assert client.get(f"/expertise/{submitted.pk}/").status_code == 404
    assert submitted.title not in client.get("/expertise/").content.decode()


def test_request_list_filters_and_exports_the_filtered_rows(client, methodist, school, school_user, expert_entry):
    done = ReviewRequestFactory(institution=school, submitted_by=school_user, title="Готовая")
    concluded(done, expert_entry, methodist, Decision.REJECTED)
    ReviewRequestFactory(institution=school, submitted_by=school_user, title="Свежая заявка")
    client.force_login(methodist)

    page = client.get("/expertise/", {"status": "concluded"}).content.decode()
    assert "Готовая" in page and "Свежая заявка" not in page
    response = client.get("/expertise/export/", {"status": "concluded"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[9]) for row in rows] == [("Готовая", 66.7)]
    assert client.get("/expertise/", {"status": "concluded", "export": "xlsx"})["Location"] == (
        "/expertise/export/?status=concluded")


def test_api_lists_only_visible_requests_without_expert_names(client, outsider, school_user, submitted):
    client.force_login(school_user)
    data = client.get("/api/v1/expertise/requests/").json()
    assert [row["title"] for row in data["results"]] == [submitted.title]
    assert "assignments" not in data["results"][0]

    client.force_login(outsider)
    assert client.get("/api/v1/expertise/requests/").json()["count"] == 0


def test_expert_register_is_for_municipal_staff(client, methodist, school_user, expert_entry):
    client.force_login(school_user)
    assert client.get("/expertise/experts/").status_code == 403
    client.force_login(methodist)
    assert "Экспертова" in client.get("/expertise/experts/").content.decode()


def test_record_section_is_for_staff_and_the_expert_not_for_schools(expert_entry, methodist, expert, school_user,
                                                                    submitted):
    from expertise.record import sections

    concluded(submitted, expert_entry, methodist)
    [section] = sections(expert_entry.pedagogue, methodist)
    assert section.context["entries"][0].done == 1
    assert sections(expert_entry.pedagogue, expert)[0].context["entries"][0].done == 1
    assert sections(expert_entry.pedagogue, school_user) == []


def test_conclusion_pdf_gives_scores_and_decision_without_names_for_the_author(client, school_user, submitted,
                                                                                expert_entry, methodist, outsider):
    from pypdf import PdfReader

    concluded(submitted, expert_entry, methodist)
    client.force_login(school_user)

    response = client.get(f"/expertise/{submitted.pk}/conclusion.pdf")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Экспертное заключение" in text
    assert "Рекомендовано" in text and "66,7%" in text
    assert "Экспертова" not in text and "Эксперт 1" in text
    client.force_login(outsider)
    assert client.get(f"/expertise/{submitted.pk}/conclusion.pdf").status_code == 404


def test_the_review_sheet_shows_the_material_beside_it(client, expert, submitted, expert_entry, methodist):
    from django.core.files.base import ContentFile

    submitted.description = "Сборник задач для 7 класса"
    submitted.file.save("zadachi.pdf", ContentFile(b"%PDF-1.4 the manual"))
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    client.force_login(expert)

    page = client.get(f"/expertise/reviews/{submitted.assignments.get().pk}/").content.decode()

    assert "Материал на экспертизе" in page and "Сборник задач для 7 класса" in page
    assert f'src="/expertise/{submitted.pk}/file/?inline=1"' in page
    response = client.get(f"/expertise/{submitted.pk}/file/?inline=1")
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN" and response.getvalue() == b"%PDF-1.4 the manual"
    assert client.get(f"/expertise/{submitted.pk}/file/")["Content-Disposition"].startswith("attachment")


def test_the_sheet_asks_for_a_reason_when_the_recommendation_contradicts_the_score(client, expert, submitted,
                                                                                  expert_entry, methodist):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get()
    client.force_login(expert)
    data = {**{f"criterion_{c.pk}": "0" for c in submitted.criteria()}, "comment": "Слабо",
            "recommendation": "recommended"}

    response = client.post(f"/expertise/reviews/{assignment.pk}/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Ваша рекомендация «Рекомендовано» не следует из оценки 0 из 12: объясните почему."]
    response = client.post(f"/expertise/reviews/{assignment.pk}/", {**data, "reason": "Тема важна"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.reason == "Тема важна"


def test_only_the_chair_sees_the_conclusion_form(client, methodist, head, submitted, expert_entry, expert):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    submit_review(assignment=submitted.assignments.get(), scores={c.pk: 3 for c in submitted.criteria()},
                  comment="Хорошо", recommendation=Decision.RECOMMENDED, by=expert)

    client.force_login(head)  # a head of the city without the council's duty
    page = client.get(f"/expertise/{submitted.pk}/").content.decode()
    assert 'id="conclude-form"' not in page and 'id="waits-for-officer"' in page
    response = client.post(f"/expertise/{submitted.pk}/conclude/", {"decision": "recommended"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEWED

    client.force_login(methodist)  # the chair
    page = client.get(f"/expertise/{submitted.pk}/").content.decode()
    assert 'id="conclude-form"' in page and "Хорошо" in page  # the reviews are shown to the chair
    client.post(f"/expertise/{submitted.pk}/conclude/", {"decision": "recommended", "conclusion": "Принято"})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision) == (Status.CONCLUDED, "recommended")


def test_assigning_an_expert_notifies_them(methodist, submitted, expert_entry, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)

    note = Notification.objects.get(user=expert_entry.user)
    assert (note.kind, note.url) == ("review_assigned", f"/expertise/reviews/{submitted.assignments.get().pk}/")


def test_the_assign_form_picks_experts_by_search_labelled_with_their_institution(
        client, methodist, submitted, expert_entry, second_expert, other_city, outsider):
    from core.tests.factories import PedagogueFactory
    from expertise.tests.factories import ExpertFactory

    foreign = ExpertFactory(pedagogue=PedagogueFactory(last_name="Чужакова"), municipality=other_city)
    client.force_login(methodist)

    page = client.get(f"/expertise/{submitted.pk}/").content.decode()
    assert 'data-autocomplete-url="/autocomplete/experts/?municipality=' in page
    assert "Экспертова" not in page and "Вторая" not in page  # the page carries no register

    found = client.get("/autocomplete/experts/", {"q": "Экспе", "municipality": submitted.municipality_id}).json()
    assert found["results"] == [{"id": expert_entry.pk, "text": f"{expert_entry.pedagogue.full_name} (СШ № 2)"
                                 + (f" — {expert_entry.specialisations}" if expert_entry.specialisations else "")}]
    by_school = client.get("/autocomplete/experts/", {"q": "СШ № 2"}).json()["results"]
    assert {row["id"] for row in by_school} == {expert_entry.pk, second_expert.pk}
    assert client.get("/autocomplete/experts/", {"q": "Чужа"}).json()["results"] == []  # another municipality's
    client.post(f"/expertise/{submitted.pk}/assign/",
                {"experts": [foreign.pk], "deadline": DEADLINE.isoformat()})
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED  # the field's queryset stays the gate
