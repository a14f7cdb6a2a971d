import datetime

import factory

from core.tests.factories import InstitutionRecordFactory
from core.tests.factories import PedagogueFactory
from core.tests.factories import academic_year
from innovation.models import Level
from innovation.models import Participant
from innovation.models import Product
from innovation.models import Project
from innovation.models import ProjectStatus


class ProjectFactory(InstitutionRecordFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = "Муниципальная инновационная площадка"
    topic = factory.Sequence(lambda n: f"Формирование функциональной грамотности обучающихся, этап {n}")
    level = Level.MUNICIPAL
    status = ProjectStatus.ACTIVE
    start = datetime.date(2020, 9, 1)
    end = datetime.date(2023, 5, 31)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    pedagogue = factory.SubFactory(PedagogueFactory, institution=factory.SelfAttribute("..project.institution"))
    institution = factory.SelfAttribute("pedagogue.institution")
    joined = datetime.date(2020, 9, 1)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Сборник заданий по функциональной грамотности, часть {n}")
    kind = "сборник"
    year = academic_year(2021)
    url = "https://example.org/product"
