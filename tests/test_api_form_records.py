"""Records the pages write with a form and the API writes too (issue 15.6): attestation support, young-specialist
marks, PD providers, associations' plan items — the pages' forms and scoping, nobody else writes them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from associations.models import PlanItem
from associations.tests.factories import AssociationFactory
from conftest import api_of
from conftest import make_user
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from mentoring.models import AttestationSupport
from mentoring.models import YoungSpecialistMark
from staffing.models import RegulatoryDocument
from training.models import Provider
from training.tests.factories import ProgrammeFactory
from training.tests.factories import ProviderFactory


@pytest.fixture
def far_methodist(other_city):
    return make_user("far-methodist", Role.METHODIST, municipality=other_city)


def test_methodist_records_attestation_support_and_nobody_else(methodist, school_user, far_methodist, school):
    teacher = PedagogueFactory(institution=school)
    record = {"pedagogue": teacher.pk, "date": "2022-02-01", "kind": "consultation", "description": "Портфолио"}
    assert api_of(school_user).post("/api/v1/mentoring/attestation-support/", record, format="json").status_code == 403
    response = api_of(far_methodist).post("/api/v1/mentoring/attestation-support/", record, format="json")
    assert response.status_code == 400 and "pedagogue" in response.json()
    assert not AttestationSupport.objects.exists()
    response = api_of(methodist).post("/api/v1/mentoring/attestation-support/", record, format="json")
    assert response.status_code == 201, response.json()
    support = AttestationSupport.objects.get()
    assert (support.pedagogue, support.given_by, support.description) == (teacher, methodist, "Портфолио")
    assert api_of(far_methodist).delete(f"/api/v1/mentoring/attestation-support/{support.pk}/").status_code == 404
    assert AttestationSupport.objects.exists()


def test_school_marks_its_own_teacher_as_no_young_specialist(school_user, outsider, school, other_school):
    teacher = PedagogueFactory(institution=school)
    stranger = PedagogueFactory(institution=other_school)
    response = api_of(school_user).post("/api/v1/mentoring/young-specialist-marks/", {
        "pedagogue": stranger.pk, "is_young": False, "reason": "Перевёлся"}, format="json")
    assert response.status_code == 400 and "pedagogue" in response.json()
    response = api_of(school_user).post("/api/v1/mentoring/young-specialist-marks/", {
        "pedagogue": teacher.pk, "is_young": False, "reason": "Стаж в другой отрасли"}, format="json")
    assert response.status_code == 201, response.json()
    mark = YoungSpecialistMark.objects.get()
    assert (mark.pedagogue, mark.is_young, mark.marked_by) == (teacher, False, school_user)
    url = f"/api/v1/mentoring/young-specialist-marks/{mark.pk}/"
    assert api_of(outsider).patch(url, {"is_young": True}, format="json").status_code == 404
    assert YoungSpecialistMark.objects.get().is_young is False


def test_methodists_keep_the_providers_and_a_provider_with_programmes_is_not_deleted(methodist, school_user):
    response = api_of(school_user).post("/api/v1/training/providers/", {"name": "КИПК", "type": "institute"},
                                     format="json")
    assert response.status_code == 403
    response = api_of(methodist).post("/api/v1/training/providers/", {"name": "ККИПК и ППРО", "type": "institute"},
                                   format="json")
    assert response.status_code == 201, response.json()
    used = ProviderFactory()
    ProgrammeFactory(provider=used)
    response = api_of(methodist).delete(f"/api/v1/training/providers/{used.pk}/")
    assert response.status_code == 409 and response.json()["detail"]
    assert set(Provider.objects.values_list("name", flat=True)) == {"ККИПК и ППРО", used.name}


def test_an_associations_plan_is_written_by_who_edits_the_association(methodist, far_methodist, city, year):
    association = AssociationFactory(municipality=city)
    item = {"association": association.pk, "year": year.pk, "planned_on": "2021-10-05", "title": "Семинар"}
    response = api_of(far_methodist).post("/api/v1/association-plan-items/", item, format="json")
    assert response.status_code == 400 and "association" in response.json()
    response = api_of(methodist).post("/api/v1/association-plan-items/", item, format="json")
    assert response.status_code == 201, response.json()
    url = f"/api/v1/association-plan-items/{response.json()['id']}/"
    assert api_of(far_methodist).patch(url, {"done": True}, format="json").status_code == 404
    assert api_of(methodist).patch(url, {"done": True}, format="json").status_code == 200
    assert list(PlanItem.objects.values_list("title", "done")) == [("Семинар", True)]


def test_the_municipalitys_methodists_keep_its_staffing_documents(methodist, school_user, far_methodist, city):
    def document(**extra):
        pdf = SimpleUploadedFile("polozhenie.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                                 content_type="application/pdf")
        return {"municipality": city.pk, "title": "Положение о выявлении кадровых потребностей", "number": "12-п",
                "date": "2021-09-01", "status": "in_force", "file": pdf, **extra}

    assert api_of(school_user).post("/api/v1/staffing/documents/", document(), format="multipart").status_code == 403
    response = api_of(far_methodist).post("/api/v1/staffing/documents/", document(), format="multipart")
    assert response.status_code == 400 and "municipality" in response.json()
    response = api_of(methodist).post("/api/v1/staffing/documents/", document(), format="multipart")
    assert response.status_code == 201, response.json()
    url = f"/api/v1/staffing/documents/{response.json()['id']}/"
    assert api_of(far_methodist).patch(url, {"status": "repealed"}, format="json").status_code == 404
    assert api_of(methodist).delete(url).status_code == 405
    assert list(RegulatoryDocument.objects.values_list("municipality", "number")) == [(city.pk, "12-п")]


def test_a_pairs_evaluation_is_written_in_its_two_parts_by_who_edits_the_pair(school_user, outsider, school):
    from mentoring.models import Evaluation
    from mentoring.tests.factories import make_pair

    pair = make_pair(school, PedagogueFactory(institution=school), PedagogueFactory(institution=school))
    client = api_of(school_user)
    response = client.post("/api/v1/mentoring/evaluations/", {"pair": pair.pk, "meetings_regular": 4},
                           format="json")
    assert response.status_code == 400 and {"plan_followed", "cooperation"} <= set(response.json())
    response = api_of(outsider).post("/api/v1/mentoring/evaluations/", {
        "pair": pair.pk, "meetings_regular": 4, "plan_followed": 5, "cooperation": 4}, format="json")
    assert response.status_code == 400 and "pair" in response.json()
    assert not Evaluation.objects.exists()

    response = client.post("/api/v1/mentoring/evaluations/", {
        "pair": pair.pk, "meetings_regular": 4, "plan_followed": 5, "cooperation": 4}, format="json")
    assert response.status_code == 201, response.json()
    url = f"/api/v1/mentoring/evaluations/{response.json()['id']}/"
    response = client.patch(url, {"adaptation": 5}, format="json")
    assert response.status_code == 400 and {"competence_growth", "evaluated_on"} <= set(response.json())
    response = client.patch(url, {"adaptation": 5, "competence_growth": 4, "evaluated_on": "2022-05-20",
                                  "stays_in_profession": True}, format="json")
    assert response.status_code == 200, response.json()
    assert api_of(outsider).patch(url, {"adaptation": 1}, format="json").status_code == 404
    evaluation = Evaluation.objects.get()
    assert (evaluation.meetings_regular, evaluation.plan_followed, evaluation.adaptation,
            evaluation.stays_in_profession) == (4, 5, 5, True)


def test_methodist_issues_an_events_certificates_and_revokes_one_through_the_api(
        methodist, school_user, far_methodist, city, school):
    from certificates.models import Certificate
    from certificates.tests.factories import seminar

    meeting = seminar(city, [PedagogueFactory(institution=school), PedagogueFactory(institution=school)])
    body = {"source": "associations.meeting", "event": meeting.pk}
    assert api_of(school_user).post("/api/v1/certificates/", body, format="json").status_code == 403
    assert api_of(far_methodist).post("/api/v1/certificates/", body, format="json").status_code == 404
    response = api_of(methodist).post("/api/v1/certificates/", {**body, "source": "no.such"}, format="json")
    assert response.status_code == 400 and "source" in response.json()
    assert not Certificate.objects.exists()

    response = api_of(methodist).post("/api/v1/certificates/", body, format="json")
    assert response.status_code == 201 and len(response.json()) == 2
    assert api_of(methodist).post("/api/v1/certificates/", body, format="json").json() == []  # issued once
    pk = response.json()[0]["id"]
    assert api_of(far_methodist).post(f"/api/v1/certificates/{pk}/revoke/", {"reason": "x"},
                                   format="json").status_code == 404
    response = api_of(methodist).post(f"/api/v1/certificates/{pk}/revoke/", {"reason": "Ошибка в часах"},
                                   format="json")
    assert response.status_code == 200 and response.json()["valid"] is False
    assert Certificate.objects.get(pk=pk).revoke_reason == "Ошибка в часах"
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 1
