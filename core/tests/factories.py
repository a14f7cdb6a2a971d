import datetime
import io

import factory
from django.core.management import call_command

from core.models import AcademicYear
from core.models import Category
from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.models import Pedagogue
from core.models import Position


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Город {n}")
    code = factory.Sequence(lambda n: f"city-{n}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"МБОУ «Средняя школа № {n + 10}»")
    short_name = factory.Sequence(lambda n: f"СШ № {n + 10}")
    type = InstitutionType.GENERAL


class InstitutionRecordFactory(factory.django.DjangoModelFactory):
    """A record of an institution (a new school unless ``institution`` is given) in that institution's
    municipality: the base of every factory whose model has both foreign keys."""

    class Meta:
        abstract = True

    institution = factory.SubFactory(InstitutionFactory)
    municipality = factory.SelfAttribute("institution.municipality")


class PersonFactory(InstitutionRecordFactory):
    """A pedagogue of ``institution`` without employment rows (for tests that hire people themselves)."""

    class Meta:
        model = Pedagogue
        skip_postgeneration_save = True

    last_name = factory.Sequence(lambda n: f"Петров{n}")
    first_name = "Иван"
    middle_name = "Сергеевич"
    birth_date = datetime.date(1980, 5, 17)
    category = Category.NONE


class PedagogueFactory(PersonFactory):
    """A pedagogue with an open employment in ``institution`` (hired on ``hired``; ``hired__left`` closes it)."""

    position = factory.LazyFunction(lambda: Position.objects.get(name="учитель"))

    @factory.post_generation
    def hired(self, create, extracted, **kwargs):
        if create and self.institution_id:
            Employment.objects.create(
                pedagogue=self, institution=self.institution, position=self.position,
                hired=extracted or datetime.date(2010, 9, 1), left=kwargs.get("left"),
            )


def academic_year(start_year: int = 2021) -> factory.LazyFunction:
    """A factory's ``year``: the academic year starting in ``start_year`` (the data migrations made it)."""
    return factory.LazyFunction(lambda: AcademicYear.objects.get(start_year=start_year))


def seed_demo(apps: str | None = None, scale: str = "tiny", **options) -> str:
    """Run ``seed_demo`` (for the comma-separated apps, or all) and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", scale=scale, stdout=out, **({"apps": apps} if apps else {}), **options)
    return out.getvalue()


def many_to_many(field: str) -> factory.PostGeneration:
    """``Factory(<field>=[...])`` sets the many-to-many field to the given objects once the row is created."""

    def set_related(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(set_related)
