"""Delete what you can create (issue 16, point 3): memberships, plan items and methodical products of an
association, mentoring support requests and attestation records, an innovation site's stages, participants and
products. Each delete opens the confirmation page first (GET deletes nothing), deletes on POST with its history
kept, and is refused to a role that may not."""

import datetime

import pytest

from associations.models import Membership
from associations.models import PlanItem
from associations.models import Product as AssociationProduct
from associations.tests.factories import AssociationFactory
from associations.tests.factories import MembershipFactory
from associations.tests.factories import ProductFactory
from conftest import make_user
from core.models import AcademicYear
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from innovation.models import Participant
from innovation.models import Stage
from innovation.tests.factories import ParticipantFactory
from innovation.tests.factories import ProjectFactory
from mentoring.models import Attestation
from mentoring.models import SupportRequest
from mentoring.tests.factories import AttestationFactory

pytestmark = pytest.mark.django_db


def confirmed_delete(client, url: str, model, pk: int, *, shows: str, linked_from: str | None = None) -> None:
    """The page ``linked_from`` (the record's edit or detail page) links to ``url``; GET shows the confirmation
    naming the record and deletes nothing; POST deletes and keeps the history."""
    if linked_from:
        assert f'href="{url}"' in client.get(linked_from).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and shows in page.content.decode()
    assert "core/confirm_delete.html" in [t.name for t in page.templates]
    assert model.objects.filter(pk=pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not model.objects.filter(pk=pk).exists()
    if hasattr(model, "history"):
        assert model.history.filter(id=pk, history_type="-").count() == 1


def refused_delete(client, url: str, model, pk: int, *, says: str) -> None:
    """POST is refused with the app's message on the page it leads to, and the record stays."""
    response = client.post(url, follow=True)
    assert model.objects.filter(pk=pk).exists()
    assert says in [str(m) for m in response.context["messages"]]


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
    confirmed_delete(client, f"/mentoring/attestation/{attestation.pk}/delete/", Attestation, attestation.pk,
                     shows="Гусева", linked_from=f"/mentoring/attestation/{attestation.pk}/")


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


def test_the_methodist_deletes_an_association_its_leader_only_edits_it(client, methodist, teacher, teacher_pedagogue,
                                                                         city, school):
    from associations.models import Association

    gmo = AssociationFactory(municipality=city, title="ГМО учителей химии", leader=teacher_pedagogue)
    MembershipFactory(association=gmo, pedagogue=teacher_pedagogue)

    client.force_login(teacher)  # the leader
    assert client.get(f"/associations/{gmo.pk}/edit/").status_code == 200
    assert f"/associations/{gmo.pk}/delete/" not in client.get(f"/associations/{gmo.pk}/edit/").content.decode()
    assert client.post(f"/associations/{gmo.pk}/delete/").status_code == 403
    assert Association.objects.filter(pk=gmo.pk).exists()

    client.force_login(methodist)
    assert f'href="/associations/{gmo.pk}/delete/"' in client.get(f"/associations/{gmo.pk}/edit/").content.decode()
    page = client.get(f"/associations/{gmo.pk}/delete/").content.decode()
    assert "ГМО учителей химии" in page and "Иванова" in page  # the membership that goes with it
    confirmed_delete(client, f"/associations/{gmo.pk}/delete/", Association, gmo.pk, shows="ГМО учителей химии")
    assert not Membership.objects.filter(association_id=gmo.pk).exists()


def test_a_competition_a_mentoring_programme_a_site_and_a_staffing_document_are_deleted_by_their_editors(
        client, methodist, school_user, outsider, city, school):
    from associations.models import Competition
    from associations.tests.factories import CompetitionFactory
    from innovation.models import Project
    from mentoring.models import Pair
    from mentoring.models import Programme
    from mentoring.tests.factories import PairFactory
    from mentoring.tests.factories import ProgrammeFactory
    from staffing.models import RegulatoryDocument

    competition = CompetitionFactory(municipality=city, title="Педагогический дебют")
    programme = ProgrammeFactory(institution=school, title="Программа «Первые шаги»")
    pair = PairFactory(institution=school, programme=programme)
    project = ProjectFactory(institution=school, title="Площадка «Читающая школа»")
    document = RegulatoryDocument.objects.create(municipality=city, title="Положение о сборе кадровой потребности",
                                                 date=datetime.date(2022, 1, 10))

    client.force_login(outsider)  # a school of the same city
    assert client.post(f"/associations/competitions/{competition.pk}/delete/").status_code == 403
    assert client.post(f"/mentoring/programmes/{programme.pk}/delete/").status_code in (403, 404)
    assert client.post(f"/innovation/{project.pk}/delete/").status_code in (403, 404)
    assert client.post(f"/staffing/documents/{document.pk}/delete/").status_code == 403
    assert Competition.objects.filter(pk=competition.pk).exists() and Programme.objects.filter(pk=programme.pk).exists()
    assert Project.objects.filter(pk=project.pk).exists() and RegulatoryDocument.objects.filter(pk=document.pk).exists()

    client.force_login(school_user)  # the programme is its school's
    confirmed_delete(client, f"/mentoring/programmes/{programme.pk}/delete/", Programme, programme.pk,
                     shows="Первые шаги", linked_from=f"/mentoring/programmes/{programme.pk}/edit/")
    pair.refresh_from_db()
    assert pair.programme is None  # the pair stays

    client.force_login(methodist)
    confirmed_delete(client, f"/associations/competitions/{competition.pk}/delete/", Competition, competition.pk,
                     shows="Педагогический дебют")
    confirmed_delete(client, f"/innovation/{project.pk}/delete/", Project, project.pk,
                     shows="Читающая школа", linked_from=project.get_absolute_url())
    confirmed_delete(client, f"/staffing/documents/{document.pk}/delete/", RegulatoryDocument, document.pk,
                     shows="Положение о сборе", linked_from=f"/staffing/documents/{document.pk}/edit/")
    assert Pair.objects.filter(pk=pair.pk).exists()


def test_a_school_deletes_its_draft_bank_item_not_a_published_one_nor_another_school_s(client, school_user, outsider,
                                                                                          school):
    from banks.models import Item
    from banks.models import ItemStatus
    from banks.tests.factories import ItemFactory

    draft = ItemFactory(institution=school, title="Черновик проекта «Читающая школа»", status=ItemStatus.DRAFT)
    published = ItemFactory(institution=school, title="Опубликованный проект", status=ItemStatus.PUBLISHED,
                            published_on=datetime.date(2022, 3, 1))

    client.force_login(outsider)
    assert client.post(f"/banks/{draft.pk}/delete/").status_code == 404  # not its item
    client.force_login(school_user)
    refused_delete(client, f"/banks/{published.pk}/delete/", Item, published.pk, says="Удалить можно только черновик.")
    confirmed_delete(client, f"/banks/{draft.pk}/delete/", Item, draft.pk,
                     shows="Черновик проекта", linked_from=f"/banks/{draft.pk}/edit/")


def test_a_campaign_with_drafts_only_is_deleted_one_with_a_submitted_answer_is_closed_instead(
        client, methodist, school_user, city, school, other_school):
    from staffing.models import Campaign
    from staffing.models import Submission
    from staffing.models import SubmissionStatus
    from staffing.tests.factories import CampaignFactory
    from staffing.tests.factories import submitted

    mistaken = CampaignFactory(municipality=city, title="Сбор по ошибке")
    Submission.objects.create(campaign=mistaken, institution=school)  # a school's draft goes with it
    answered = CampaignFactory(municipality=city, title="Сбор с ответами")
    submitted(answered, other_school, status=SubmissionStatus.SUBMITTED)

    client.force_login(school_user)
    assert client.post(f"/staffing/campaigns/{mistaken.pk}/delete/").status_code == 403
    client.force_login(methodist)
    refused_delete(client, f"/staffing/campaigns/{answered.pk}/delete/", Campaign, answered.pk,
                   says="Учреждения уже отправили ответы: закройте сбор.")
    confirmed_delete(client, f"/staffing/campaigns/{mistaken.pk}/delete/", Campaign, mistaken.pk,
                     shows="Сбор по ошибке", linked_from=f"/staffing/campaigns/{mistaken.pk}/edit/")
    assert not Submission.objects.filter(campaign_id=mistaken.pk).exists()


def test_the_methodist_deletes_an_unused_pd_programme_and_provider_a_used_one_is_kept(client, methodist,
                                                                                     school_user, city, school):
    from training.models import Completion
    from training.models import Programme
    from training.models import Provider

    provider = Provider.objects.create(name="Центр «Перспектива»", type="other")
    unused = Programme.objects.create(title="Цифровая дидактика", provider=provider, hours=36, owner=city)
    used_provider = Provider.objects.create(name="ЦНППМ Красноярского края", type="cnppm")
    used = Programme.objects.create(title="Функциональная грамотность", provider=used_provider, hours=72, owner=city)
    Completion.objects.create(pedagogue=PedagogueFactory(institution=school), programme=used,
                              started=datetime.date(2022, 1, 10), finished=datetime.date(2022, 1, 20), hours=72)

    client.force_login(school_user)
    assert client.post(f"/training/programmes/{unused.pk}/delete/").status_code == 403
    assert client.post(f"/training/providers/{provider.pk}/delete/").status_code == 403

    client.force_login(methodist)
    blocked = client.post(f"/training/programmes/{used.pk}/delete/")
    assert blocked.status_code == 409 and "Функциональная грамотность" in blocked.content.decode()
    assert Programme.objects.filter(pk=used.pk).exists()
    confirmed_delete(client, f"/training/programmes/{unused.pk}/delete/", Programme, unused.pk,
                     shows="Цифровая дидактика", linked_from=f"/training/programmes/{unused.pk}/edit/")
    confirmed_delete(client, f"/training/providers/{provider.pk}/delete/", Provider, provider.pk,
                     shows="Перспектива", linked_from=f"/training/providers/{provider.pk}/edit/")
    assert client.post(f"/training/providers/{used_provider.pk}/delete/").status_code == 409
    assert Provider.objects.filter(pk=used_provider.pk).exists()


def test_an_expert_entered_by_mistake_is_deleted_one_with_assignments_stays(client, methodist, head, city, school,
                                                                            other_school, school_user):
    from expertise.models import Expert
    from expertise.services import assign_experts
    from expertise.tests.factories import ExpertFactory
    from expertise.tests.factories import ReviewRequestFactory

    mistaken = ExpertFactory(pedagogue=PedagogueFactory(institution=other_school, last_name="Ошибочная"))
    working = ExpertFactory(pedagogue=PedagogueFactory(institution=other_school, last_name="Работающая"))
    assign_experts(request=ReviewRequestFactory(institution=school, submitted_by=school_user), experts=[working],
                   deadline=datetime.date.today() + datetime.timedelta(days=10), by=methodist)

    client.force_login(head)
    assert client.post(f"/expertise/experts/{mistaken.pk}/delete/").status_code == 403
    client.force_login(methodist)
    assert client.post(f"/expertise/experts/{working.pk}/delete/").status_code == 409
    assert Expert.objects.filter(pk=working.pk).exists()
    confirmed_delete(client, f"/expertise/experts/{mistaken.pk}/delete/", Expert, mistaken.pk,
                     shows="Ошибочная", linked_from=f"/expertise/experts/{mistaken.pk}/")


def test_who_submitted_a_review_request_deletes_it_until_a_review_is_submitted(client, methodist, teacher, school,
                                                                              other_school, school_user):
    from expertise.models import Assignment
    from expertise.models import ReviewRequest
    from expertise.services import assign_experts
    from expertise.services import submit_review
    from expertise.tests.factories import ExpertFactory
    from expertise.tests.factories import ReviewRequestFactory

    mine = ReviewRequestFactory(institution=school, submitted_by=teacher, title="Рабочая программа по ошибке")
    reviewed = ReviewRequestFactory(institution=school, submitted_by=teacher, title="Программа кружка «Робототехника»")
    expert_user = make_user("expert16", Role.EXPERT, institution=other_school)
    expert = ExpertFactory(pedagogue=PedagogueFactory(institution=other_school), user=expert_user)
    deadline = datetime.date.today() + datetime.timedelta(days=10)
    waiting, = assign_experts(request=mine, experts=[expert], deadline=deadline, by=methodist)
    done, = assign_experts(request=reviewed, experts=[expert], deadline=deadline, by=methodist)
    submit_review(assignment=done, scores={c.pk: c.max_score for c in reviewed.criteria()}, comment="Соответствует",
                  recommendation="recommended", by=expert_user)

    client.force_login(school_user)  # sees its school's requests but did not submit them
    assert client.get(f"/expertise/{mine.pk}/delete/").status_code == 403
    assert client.post(f"/expertise/{mine.pk}/delete/").status_code == 403
    assert f"/expertise/{mine.pk}/delete/" not in client.get(f"/expertise/{mine.pk}/").content.decode()
    assert ReviewRequest.objects.filter(pk=mine.pk).exists()

    client.force_login(teacher)
    kept = client.post(f"/expertise/{reviewed.pk}/delete/")
    assert kept.status_code == 409
    assert "Эксперт отправил экспертное заключение" in kept.content.decode()
    assert ReviewRequest.objects.filter(pk=reviewed.pk).exists() and Assignment.objects.filter(pk=done.pk).exists()
    assert f'href="/expertise/{mine.pk}/delete/"' in client.get(f"/expertise/{mine.pk}/").content.decode()
    page = client.get(f"/expertise/{mine.pk}/delete/").content.decode()
    assert "Назначения экспертов: 1" in page  # the expert's assignment goes with it
    confirmed_delete(client, f"/expertise/{mine.pk}/delete/", ReviewRequest, mine.pk,
                     shows="Рабочая программа по ошибке")
    assert not Assignment.objects.filter(pk=waiting.pk).exists()


def test_the_head_deletes_a_draft_order_from_its_page_an_issued_one_is_kept(client, head, methodist, city, year):
    from monitoring.models import Assignment
    from monitoring.models import Order
    from monitoring.services import build_snapshot
    from monitoring.services import draft_order

    draft = draft_order(snapshot=build_snapshot(municipality=city, year=year, by=head), by=head)
    Assignment.objects.create(order=draft, position=1, responsible=methodist, addressee="Петровой А.А., методисту",
                              text="обновить план", term="постоянно")
    issued = draft_order(snapshot=draft.snapshot, by=head)
    issued.issue(number="12", date=datetime.date.today(), by=head, signatory_position="Начальник",
                 signatory_name="Егорова")

    client.force_login(methodist)
    assert client.post(f"/monitoring/orders/{draft.pk}/delete/").status_code == 403
    assert Order.objects.filter(pk=draft.pk).exists()

    client.force_login(head)
    kept = client.post(f"/monitoring/orders/{issued.pk}/delete/")
    assert kept.status_code == 409 and "Приказ издан" in kept.content.decode()
    assert Order.objects.filter(pk=issued.pk).exists()
    assert f"/monitoring/orders/{issued.pk}/delete/" not in client.get(f"/monitoring/orders/{issued.pk}/").content.decode()
    confirmed_delete(client, f"/monitoring/orders/{draft.pk}/delete/", Order, draft.pk,
                     shows=str(draft), linked_from=f"/monitoring/orders/{draft.pk}/")
    assert not Assignment.objects.filter(order_id=draft.pk).exists()


def test_an_institution_is_deactivated_behind_a_confirmation_never_deleted(client, methodist, school_user, school):
    from core.models import Institution

    PedagogueFactory(institution=school, last_name="Орлова")
    url = f"/institutions/{school.pk}/active/"

    client.force_login(school_user)  # edits its own card, does not close itself
    assert url not in client.get(f"/institutions/{school.pk}/").content.decode()
    assert client.post(url).status_code == 403
    client.post(f"/institutions/{school.pk}/edit/", {
        "municipality": school.municipality_id, "name": school.name, "short_name": school.short_name,
        "type": school.type, "subordination": school.subordination, "is_active": ""})
    api = client.patch(f"/api/v1/institutions/{school.pk}/", {"is_active": False}, content_type="application/json")
    assert api.status_code == 400 and "is_active" in api.json()
    school.refresh_from_db()
    assert school.is_active  # neither the edit form (no flag any more) nor the API closed it

    client.force_login(methodist)
    assert f'href="{url}"' in client.get(f"/institutions/{school.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "Деактивировать учреждение?" in page and "1 запись о сотруднике" in page
    school.refresh_from_db()
    assert school.is_active  # GET changes nothing
    assert client.post(url).status_code == 302
    school.refresh_from_db()
    assert not school.is_active and Institution.objects.filter(pk=school.pk).exists()
    assert school.history.filter(history_type="~").first().is_active is False
    assert "Активировать снова" in client.get(f"/institutions/{school.pk}/").content.decode()
    client.post(url)
    school.refresh_from_db()
    assert school.is_active
