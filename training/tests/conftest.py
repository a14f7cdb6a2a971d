import datetime

import pytest
from django.utils import timezone

from core.models import Employment
from training.models import Answer
from training.models import Statement


@pytest.fixture
def employ():
    def employ(pedagogue, institution, hired=datetime.date(2010, 9, 1), left=None):
        return Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left)

    return employ


@pytest.fixture
def teacher_job(teacher_pedagogue, school, employ):
    return employ(teacher_pedagogue, school)


def rate(diagnosis, score_by_competency: dict[int, int], default: int = 3, complete: bool = True):
    """Answer every statement: the competency's score if given, else ``default``."""
    Answer.objects.bulk_create([
        Answer(diagnosis=diagnosis, statement=s, score=score_by_competency.get(s.competency_id, default))
        for s in Statement.objects.all()
    ])
    if complete:
        diagnosis.completed_at = timezone.now()
        diagnosis.save(update_fields=["completed_at"])
    return diagnosis


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions name the English source strings; one test checks the Russian catalogue."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
