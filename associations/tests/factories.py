import datetime

import factory

from associations.models import Association
from associations.models import AssociationKind
from associations.models import Competition
from associations.models import Level
from associations.models import Meeting
from associations.models import Membership
from associations.models import Participant
from associations.models import Participation
from associations.models import Product
from associations.models import Result
from core.tests.factories import MunicipalityFactory
from core.tests.factories import academic_year
from core.tests.factories import many_to_many


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = AssociationKind.GMO
    title = factory.Sequence(lambda n: f"ГМО учителей предмета № {n}")
    started = datetime.date(2019, 9, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    association = factory.SubFactory(AssociationFactory)
    joined = datetime.date(2019, 9, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    association = factory.SubFactory(AssociationFactory)
    date = datetime.date(2021, 10, 15)
    topic = factory.Sequence(lambda n: f"Заседание № {n}: функциональная грамотность")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Методические рекомендации № {n}")
    created_on = datetime.date(2021, 12, 1)
    url = "https://example.org/product"

    authors = many_to_many("authors")


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Учитель года"
    level = Level.MUNICIPAL
    year = academic_year(2021)
    starts = factory.LazyAttribute(lambda o: datetime.date(o.year.start_year + 1, 2, 1))
    stage = factory.Sequence(lambda n: f"этап {n}")


def enter(competition: Competition, *pedagogues, result: str = Result.PARTICIPANT, team: str = "",
          nomination: str = "") -> Participation:
    """Create an entry of one pedagogue (or a team) with a result."""
    entry = Participation.objects.create(competition=competition, result=result, team_name=team, nomination=nomination)
    for pedagogue in pedagogues:
        Participant.objects.create(participation=entry, pedagogue=pedagogue)
    return entry
