"""The reference rows a new database gets from the migrations (the seeds kept in the squashed migrations,
docs/developing.md «Migrations»): a later squash or seed change must keep them."""

import pytest

from certificates.models import CertificateTemplate
from core.models import AcademicYear
from core.models import Position
from core.models import Subject
from expertise.models import Criterion
from expertise.models import TypeSettings
from mentoring.models import MentoringForm
from monitoring.models import Direction
from training.models import Block
from training.models import Statement

pytestmark = pytest.mark.django_db


def test_the_directories_of_core():
    assert list(AcademicYear.objects.order_by("start_year").values_list("start_year", flat=True)) == list(
        range(2015, 2031)
    )
    assert Subject.objects.count() == 20
    assert Subject.objects.filter(name__in=["Русский язык", "ОБЗР", "Дополнительное образование"]).count() == 3
    positions = list(Position.objects.order_by("order").values_list("name", "is_pedagogical", "norm_hours", "order"))
    assert len(positions) == 16
    assert positions[0] == ("учитель", True, 18, 10)
    assert positions[6] == ("учитель-логопед", True, 20, 70)
    assert positions[10] == ("музыкальный руководитель", True, 24, 110)
    assert positions[11] == ("инструктор по физической культуре", True, 30, 120)
    assert positions[-1] == ("директор", False, 40, 160)
    assert {hours for _n, _p, hours, _o in positions} == {18, 20, 24, 30, 36, 40}


def test_the_monitored_directions_carry_their_measures():
    codes = list(Direction.objects.order_by("order").values_list("code", "order"))
    assert codes == [
        ("training", 10), ("associations", 20), ("communities", 30), ("young_teacher_school", 40),
        ("competitions", 50), ("innovation", 60), ("mentoring", 70), ("expertise", 80), ("banks", 90),
        ("staffing", 100),
    ]
    # The wording of the yearly order's measures (what monitoring 0006 rewrote), not the first one.
    mentoring = Direction.objects.get(code="mentoring").recommendation
    assert mentoring.endswith("работникам и руководителям, в подготовке работников образования к аттестации; "
                              "разработка образовательных программ повышения квалификации).")
    assert "создание единого информационного образовательного пространства" in Direction.objects.get(
        code="associations").recommendation


def test_the_review_criteria_forms_templates_and_framework():
    types = ["audit", "bank_item", "manual", "pd_programme", "project", "recommendations", "research"]
    assert sorted(TypeSettings.objects.values_list("type", flat=True)) == types
    assert list(TypeSettings.objects.filter(experts_visible_to_authors=True).values_list("type", flat=True)) == [
        "audit"]
    for type_code in types:
        criteria = Criterion.objects.filter(type=type_code).order_by("order")
        assert list(criteria.values_list("order", "max_score")) == [(10, 3), (20, 3), (30, 3), (40, 3)]

    assert list(MentoringForm.objects.order_by("order").values_list("name", "is_group")) == [
        ("педагог – педагог", False), ("руководитель – педагог", False),
        ("педагог вуза/колледжа – молодой педагог", False), ("групповое наставничество", True),
    ]
    assert sorted(CertificateTemplate.objects.filter(is_active=True).values_list("kind", flat=True)) == [
        "certificate", "diploma", "participation"]

    blocks = Block.objects.order_by("order")
    assert [(b.code, b.competencies.count()) for b in blocks] == [
        ("legal", 2), ("subject", 3), ("methodical", 3), ("psychological", 3), ("communicative", 2)]
    assert Statement.objects.count() == 45
