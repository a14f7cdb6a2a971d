import datetime

import factory

from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from banks.models import Kind
from core.tests.factories import InstitutionRecordFactory
from core.tests.factories import academic_year


class ItemFactory(InstitutionRecordFactory):
    class Meta:
        model = Item

    bank = Bank.PRODUCTS
    title = factory.Sequence(lambda n: f"Проект «Читающая школа» {n}")
    authors = "Иванова М. П."
    kind = Kind.PROJECT
    year = academic_year(2021)
    description = "Описание проекта"
    url = "https://example.org/resource"
    status = ItemStatus.DRAFT

    class Params:
        published = factory.Trait(status=ItemStatus.PUBLISHED, published_on=datetime.date(2021, 10, 1))
