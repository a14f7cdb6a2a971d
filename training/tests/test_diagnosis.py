import pytest
from django.core.exceptions import ValidationError

from training.models import Competency
from training.models import DeficitLevel
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import Statement
from training.models import deficit_level
from training.services import save_answers
from training.services import start_diagnosis
from training.tests.conftest import rate
from training.tests.factories import DiagnosisFactory
from training.tests.factories import PedagogueFactory


def test_the_framework_is_seeded_with_five_blocks(db):
    from training.models import Block

    blocks = list(Block.objects.values_list("code", flat=True))
    assert blocks == ["legal", "subject", "methodical", "psychological", "communicative"]
    for block in Block.objects.all():
        assert 2 <= block.competencies.count() <= 3
    for competency in Competency.objects.all():
        assert 3 <= competency.statements.count() <= 5


@pytest.mark.parametrize(("mean", "level"), [
    (0, DeficitLevel.HIGH), (1.49, DeficitLevel.HIGH), (1.5, DeficitLevel.PARTIAL),
    (2.24, DeficitLevel.PARTIAL), (2.25, DeficitLevel.NONE), (3, DeficitLevel.NONE), (None, None),
])
def test_deficit_levels_follow_the_thresholds(mean, level):
    assert deficit_level(mean) == level


def test_self_diagnosis_can_be_saved_and_continued_then_finished(teacher, teacher_pedagogue):
    diagnosis = start_diagnosis(pedagogue=teacher_pedagogue, kind=DiagnosisKind.SELF, by=teacher)
    statements = list(Statement.objects.values_list("pk", flat=True))
    save_answers(diagnosis=diagnosis, scores={statements[0]: 1}, finish=False)
    assert start_diagnosis(pedagogue=teacher_pedagogue, kind=DiagnosisKind.SELF, by=teacher) == diagnosis

    with pytest.raises(ValidationError, match="Rate every statement"):
        save_answers(diagnosis=diagnosis, scores={statements[1]: 2}, finish=True)
    save_answers(diagnosis=diagnosis, scores=dict.fromkeys(statements[1:], 3) | {statements[0]: 0}, finish=True)
    diagnosis.refresh_from_db()
    assert diagnosis.is_completed
    assert diagnosis.answers.get(statement_id=statements[0]).score == 0
    with pytest.raises(ValidationError):
        save_answers(diagnosis=diagnosis, scores={statements[0]: 3}, finish=False)


def test_means_and_deficits_per_competency(teacher_pedagogue):
    first, second = list(Competency.objects.order_by("block__order", "order")[:2])
    diagnosis = rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {first.pk: 1, second.pk: 2})
    means = diagnosis.competency_means()
    assert (means[first.pk], means[second.pk]) == (1, 2)
    assert diagnosis.deficient_competencies() == {first.pk, second.pk}


def test_the_take_page_saves_partial_answers_and_finishing_shows_results(client, teacher, teacher_pedagogue):
    client.force_login(teacher)
    response = client.post("/training/diagnosis/start/")
    diagnosis = Diagnosis.objects.get(pedagogue=teacher_pedagogue)
    assert response.url == f"/training/diagnoses/{diagnosis.pk}/take/"
    statements = list(Statement.objects.values_list("pk", flat=True))
    client.post(response.url, {f"s{statements[0]}": "0", "save": "1"})
    assert diagnosis.answers.count() == 1
    response = client.get(f"/training/diagnoses/{diagnosis.pk}/take/")
    assert f'name="s{statements[0]}" value="0" checked' in response.content.decode()

    response = client.post(f"/training/diagnoses/{diagnosis.pk}/take/", {"finish": "1"})
    assert "Rate every statement to finish the diagnosis." in response.content.decode()

    # The first competency has four statements: 0, 0, 3, 3 gives a mean of 1.5, a partial deficit.
    data = {f"s{pk}": "3" for pk in statements} | {f"s{statements[0]}": "0", f"s{statements[1]}": "0"}
    response = client.post(f"/training/diagnoses/{diagnosis.pk}/take/", data | {"finish": "1"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "1 competency with a deficit." in page


def test_results_compare_with_the_earlier_diagnosis(client, teacher, teacher_pedagogue):
    competency = Competency.objects.order_by("block__order", "order").first()
    rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {competency.pk: 0})
    later = rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {})
    client.force_login(teacher)
    page = client.get(later.get_absolute_url()).content.decode()
    assert "deficit closed" in page


def test_a_teacher_cannot_see_or_fill_another_pedagogues_diagnosis(client, teacher, school):
    other = rate(DiagnosisFactory(pedagogue=PedagogueFactory(institution=school)), {})
    draft = DiagnosisFactory(pedagogue=other.pedagogue)
    client.force_login(teacher)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(f"/training/diagnoses/{draft.pk}/take/").status_code == 404


def test_school_sees_its_staff_diagnoses_only(client, school_user, outsider, teacher_pedagogue):
    diagnosis = rate(DiagnosisFactory(pedagogue=teacher_pedagogue), {})
    client.force_login(school_user)
    assert client.get(diagnosis.get_absolute_url()).status_code == 200
    client.force_login(outsider)
    assert client.get(diagnosis.get_absolute_url()).status_code == 404
    assert teacher_pedagogue.full_name not in client.get("/training/diagnoses/").content.decode()


def test_methodist_records_an_external_diagnosis(client, methodist, teacher_pedagogue):
    client.force_login(methodist)
    response = client.post("/training/diagnoses/external/", {"pedagogue": teacher_pedagogue.pk, "note": "ЦНППМ"})
    diagnosis = Diagnosis.objects.get()
    assert (diagnosis.kind, diagnosis.recorded_by, diagnosis.note) == (DiagnosisKind.EXTERNAL, methodist, "ЦНППМ")
    assert response.url == f"/training/diagnoses/{diagnosis.pk}/take/"
    data = {f"s{pk}": "2" for pk in Statement.objects.values_list("pk", flat=True)}
    assert client.post(response.url, data | {"finish": "1"}).status_code == 302
    assert Diagnosis.objects.completed().count() == 1


def test_a_teacher_cannot_record_external_diagnoses(client, teacher):
    client.force_login(teacher)
    assert client.get("/training/diagnoses/external/").status_code == 403
