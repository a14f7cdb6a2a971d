import datetime

import factory

from core.models import AcademicYear, Employment, Pedagogue
from core.tests.factories import many_to_many
from training.models import (
    Activity,
    ActivityKind,
    Competency,
    Completion,
    Diagnosis,
    DiagnosisKind,
    Programme,
    Provider,
    ProviderType,
    Route,
    RouteItem,
)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Институт повышения квалификации № {n}")
    type = ProviderType.INSTITUTE


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Программа повышения квалификации {n}")
    provider = factory.SubFactory(ProviderFactory)
    hours = 72

    competencies = many_to_many("competencies")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    kind = ActivityKind.SELF_EDUCATION
    title = factory.Sequence(lambda n: f"Самообразование {n}")

    competencies = many_to_many("competencies")


class PedagogueFactory(factory.django.DjangoModelFactory):
    """A pedagogue employed in ``institution`` since ``hired`` (an Employment row is created)."""

    class Meta:
        model = Pedagogue
        skip_postgeneration_save = True

    last_name = factory.Sequence(lambda n: f"Петрова{n}")
    first_name = "Анна"
    middle_name = "Ивановна"
    birth_date = datetime.date(1985, 5, 5)
    municipality = factory.LazyAttribute(lambda o: o.institution.municipality)

    @factory.post_generation
    def hired(self, create, extracted, **kwargs):
        if create and self.institution_id:
            Employment.objects.create(pedagogue=self, institution=self.institution,
                                      hired=extracted or datetime.date(2010, 9, 1), left=kwargs.get("left"))


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    programme = factory.SubFactory(ProgrammeFactory)
    finished = datetime.date(2022, 3, 1)
    started = factory.LazyAttribute(lambda o: o.finished - datetime.timedelta(days=14))
    hours = 36


class DiagnosisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diagnosis

    kind = DiagnosisKind.SELF
    year = factory.LazyFunction(lambda: AcademicYear.objects.get(start_year=2021))


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route

    year = factory.LazyFunction(lambda: AcademicYear.objects.get(start_year=2021))


class RouteItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteItem

    kind = "self_education"
    title = factory.Sequence(lambda n: f"Пункт маршрута {n}")


def competencies(count: int) -> list[Competency]:
    return list(Competency.objects.order_by("block__order", "order")[:count])
