import datetime

import factory

from core.tests import factories as core_factories
from core.tests.factories import academic_year
from core.tests.factories import many_to_many
from training.models import Activity
from training.models import ActivityKind
from training.models import Competency
from training.models import Completion
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import Programme
from training.models import Provider
from training.models import ProviderType
from training.models import Route
from training.models import RouteItem


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


class PedagogueFactory(core_factories.PedagogueFactory):
    """A pedagogue employed in ``institution`` since ``hired`` (an Employment row is created), without a position."""

    last_name = factory.Sequence(lambda n: f"Петрова{n}")
    first_name = "Анна"
    middle_name = "Ивановна"
    birth_date = datetime.date(1985, 5, 5)
    position = None


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
    year = academic_year(2021)


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route

    year = academic_year(2021)


class RouteItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteItem

    kind = "self_education"
    title = factory.Sequence(lambda n: f"Пункт маршрута {n}")


def competencies(count: int) -> list[Competency]:
    return list(Competency.objects.order_by("block__order", "order")[:count])
