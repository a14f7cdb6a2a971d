import datetime

import factory

from core.models import Employment
from core.models import Pedagogue
from core.tests.factories import PersonFactory
from mentoring import models


class PedagogueFactory(PersonFactory):
    """A young pedagogue of ``institution`` without employment rows (``hire`` adds one)."""

    last_name = factory.Sequence(lambda n: f"Петрова{n}")
    first_name = "Анна"
    middle_name = "Сергеевна"
    birth_date = datetime.date(1995, 5, 5)
    experience_start = datetime.date(2021, 9, 1)


def hire(institution, *, born=datetime.date(1998, 1, 1), hired=datetime.date(2019, 9, 1), left=None,
         experience_start=None, pedagogue=None, **extra) -> Pedagogue:
    """Create (or reuse) a pedagogue with one employment in the institution."""
    if pedagogue is None:
        pedagogue = PedagogueFactory(
            institution=institution, birth_date=born, experience_start=experience_start or hired, **extra
        )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left)
    return pedagogue


class PairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Pair

    institution = None
    form = factory.LazyFunction(lambda: models.MentoringForm.objects.order_by("order").first())
    start = datetime.date(2021, 9, 1)
    end = None


def make_pair(institution, mentor, *mentees, **kwargs) -> models.Pair:
    pair = PairFactory(institution=institution, **kwargs)
    models.Participant.objects.create(pair=pair, pedagogue=mentor, role=models.ParticipantRole.MENTOR)
    for mentee in mentees:
        models.Participant.objects.create(pair=pair, pedagogue=mentee, role=models.ParticipantRole.MENTEE)
    return pair


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    kind = models.SessionKind.YOUNG_TEACHER_SCHOOL
    date = datetime.date(2021, 10, 15)
    topic = factory.Sequence(lambda n: f"Занятие {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme

    title = factory.Sequence(lambda n: f"Программа наставничества {n}")
    start = datetime.date(2021, 9, 1)


class AttestationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Attestation

    category = "first"
    applied_on = datetime.date(2021, 10, 1)
    date = datetime.date(2021, 12, 20)
    result = models.AttestationResult.ASSIGNED
