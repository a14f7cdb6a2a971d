import datetime

import factory

from banks.models import Bank, Item, ItemStatus, Kind
from core.models import AcademicYear
from core.tests.factories import InstitutionFactory


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    bank = Bank.PRODUCTS
    title = factory.Sequence(lambda n: f"Проект «Читающая школа» {n}")
    authors = "Иванова М. П."
    institution = factory.SubFactory(InstitutionFactory)
    municipality = factory.SelfAttribute("institution.municipality")
    kind = Kind.PROJECT
    year = factory.LazyFunction(lambda: AcademicYear.objects.get(start_year=2021))
    description = "Описание проекта"
    url = "https://example.org/resource"
    status = ItemStatus.DRAFT

    class Params:
        published = factory.Trait(status=ItemStatus.PUBLISHED, published_on=datetime.date(2021, 10, 1))
