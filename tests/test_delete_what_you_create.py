"""Delete what you can create (issue 16, point 3): memberships, plan items and methodical products of an
association, mentoring support requests and attestation records, an innovation site's stages, participants and
products. Each delete opens the confirmation page first (GET deletes nothing), deletes on POST with its history
kept, and is refused to a role that may not."""

import datetime

import pytest

from associations.models import Membership, PlanItem
from associations.models import Product as AssociationProduct
from associations.tests.factories import AssociationFactory, MembershipFactory, ProductFactory
from core.models import AcademicYear
from core.tests.factories import PedagogueFactory
from innovation.models import Participant, Stage
from innovation.tests.factories import ParticipantFactory, ProjectFactory
from mentoring.models import Attestation, SupportRequest
from mentoring.tests.factories import AttestationFactory

pytestmark = pytest.mark.django_db


def confirmed_delete(client, url: str, model, pk: int, *, shows: str) -> None:
    """GET shows the confirmation naming the record and deletes nothing; POST deletes and keeps the history."""
    page = client.get(url)
    assert page.status_code == 200 and shows in page.content.decode()
    assert "core/confirm_delete.html" in [t.name for t in page.templates]
    assert model.objects.filter(pk=pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not model.objects.filter(pk=pk).exists()
    if hasattr(model, "history"):
        assert model.history.filter(id=pk, history_type="-").count() == 1


@pytest.fixture
def gmo(city, school):
    return AssociationFactory(municipality=city, title="ГМО учителей физики")


def test_methodist_deletes_a_member_a_plan_item_and_a_product_of_an_association(client, methodist, gmo, school):
    member = MembershipFactory(association=gmo, pedagogue=PedagogueFactory(institution=school, last_name="Зуева"))
    today = datetime.date.today()
    item = PlanItem.objects.create(association=gmo, year=AcademicYear.objects.containing(today), planned_on=today,
                                   title="Семинар по ФГОС")  # the page shows the current year's plan
    product = ProductFactory(association=gmo, title="Сборник задач по физике")
    client.force_login(methodist)

    detail = client.get(gmo.get_absolute_url()).content.decode()
    for url in (f"/associations/{gmo.pk}/members/{member.pk}/delete/",
                f"/associations/{gmo.pk}/plan/{item.pk}/delete/",
                f"/associations/{gmo.pk}/products/{product.pk}/delete/"):
        assert f'href="{url}"' in detail  # a link to the confirmation, not a button that deletes at once

    confirmed_delete(client, f"/associations/{gmo.pk}/members/{member.pk}/delete/", Membership, member.pk,
                     shows="Зуева")
    confirmed_delete(client, f"/associations/{gmo.pk}/plan/{item.pk}/delete/", PlanItem, item.pk,
                     shows="Семинар по ФГОС")
    confirmed_delete(client, f"/associations/{gmo.pk}/products/{product.pk}/delete/", AssociationProduct,
                     product.pk, shows="Сборник задач по физике")


def test_a_school_may_not_delete_a_member_of_a_municipal_association(client, school_user, gmo, school):
    member = MembershipFactory(association=gmo, pedagogue=PedagogueFactory(institution=school))
    client.force_login(school_user)

    assert client.post(f"/associations/{gmo.pk}/members/{member.pk}/delete/").status_code == 403
    assert Membership.objects.filter(pk=member.pk).exists()


def test_methodist_deletes_a_support_request_and_an_attestation_record_a_school_may_not(
        client, methodist, school_user, city, school):
    pedagogue = PedagogueFactory(institution=school, last_name="Гусева")
    support = SupportRequest.objects.create(municipality=city, institution=school, pedagogue=pedagogue,
                                            received_on=datetime.date(2022, 3, 1), topic="Портфолио к аттестации")
    attestation = AttestationFactory(pedagogue=pedagogue)

    client.force_login(school_user)
    assert client.post(f"/mentoring/support/{support.pk}/delete/").status_code == 403
    assert client.post(f"/mentoring/attestation/{attestation.pk}/delete/").status_code == 403
    assert SupportRequest.objects.filter(pk=support.pk).exists() and Attestation.objects.filter(
        pk=attestation.pk).exists()

    client.force_login(methodist)
    edit = client.get(f"/mentoring/support/{support.pk}/").content.decode()
    assert f'href="/mentoring/support/{support.pk}/delete/"' in edit
    confirmed_delete(client, f"/mentoring/support/{support.pk}/delete/", SupportRequest, support.pk,
                     shows="Портфолио к аттестации")
    assert f'href="/mentoring/attestation/{attestation.pk}/delete/"' in client.get(
        f"/mentoring/attestation/{attestation.pk}/").content.decode()
    confirmed_delete(client, f"/mentoring/attestation/{attestation.pk}/delete/", Attestation, attestation.pk,
                     shows="Гусева")


def test_an_innovation_site_s_stage_and_participant_are_deleted_by_its_editors_only(client, methodist, outsider,
                                                                                     city, school):
    project = ProjectFactory(institution=school)
    stage = Stage.objects.create(project=project, title="Диагностический этап", start=datetime.date(2020, 9, 1),
                                 end=datetime.date(2021, 5, 31))
    participant = ParticipantFactory(project=project)

    client.force_login(outsider)  # another school of the city
    assert client.post(f"/innovation/{project.pk}/stages/{stage.pk}/delete/").status_code in (403, 404)
    assert Stage.objects.filter(pk=stage.pk).exists()

    client.force_login(methodist)
    detail = client.get(project.get_absolute_url()).content.decode()
    assert f'href="/innovation/{project.pk}/stages/{stage.pk}/delete/"' in detail
    confirmed_delete(client, f"/innovation/{project.pk}/stages/{stage.pk}/delete/", Stage, stage.pk,
                     shows="Диагностический этап")
    confirmed_delete(client, f"/innovation/{project.pk}/participants/{participant.pk}/delete/", Participant,
                     participant.pk, shows=participant.pedagogue.last_name)
