"""Hand-built data for monitoring tests: pedagogues with employment, and a two-year dataset."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Category
from core.models import CategoryAward
from core.models import Employment
from core.tests.factories import PersonFactory
from monitoring.models import Assignment
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import Target
from monitoring.registry import Direction
from monitoring.registry import Unit
from monitoring.registry import indicator
from monitoring.registry import registry


def employ(
    institution,
    *,
    count: int,
    born: datetime.date,
    category=Category.NONE,
    hired=datetime.date(2010, 9, 1),
    left=None,
):
    """Create ``count`` pedagogues working in the institution between ``hired`` and ``left``."""
    people = []
    for _index in range(count):
        pedagogue = PersonFactory(institution=institution, birth_date=born, category=category)
        Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired, left=left)
        if category != Category.NONE:
            # Awarded in January 2019: held on 31 August 2021 and 2022 (valid five years).
            CategoryAward.objects.create(pedagogue=pedagogue, category=category, order_date=datetime.date(2019, 1, 1))
        people.append(pedagogue)
    return people


def two_years(school, other_school):
    """The dataset of the pipeline tests (2020/2021 and 2021/2022):

    - 8 experienced pedagogues with the first category, 4 in each school, all along;
    - 2 young ones in school B who left on 30.06.2021 (counted in 2020/2021 only);
    - 6 young ones hired in school A on 01.09.2021 (counted in 2021/2022 only).

    2020/2021: under 35 = 2/10 = 0.2, first or highest = 8/10 = 0.8.
    2021/2022: under 35 = 6/14 = 0.4286, first or highest = 8/14 = 0.5714.
    """
    employ(school, count=4, born=datetime.date(1970, 1, 1), category=Category.FIRST)
    employ(other_school, count=4, born=datetime.date(1970, 1, 1), category=Category.HIGHEST)
    employ(
        other_school,
        count=2,
        born=datetime.date(1995, 1, 1),
        hired=datetime.date(2018, 9, 1),
        left=datetime.date(2021, 6, 30),
    )
    employ(school, count=6, born=datetime.date(1998, 1, 1), hired=datetime.date(2021, 9, 1))


INNOVATION_CODE = "testing.innovation_sites"


def register_innovation_indicator(values: dict[int, int]):
    """Register a test-only count indicator of the innovation direction returning ``values[start_year]``."""
    registry.unregister(INNOVATION_CODE)

    @indicator(
        INNOVATION_CODE,
        direction=Direction.INNOVATION,
        title="Active innovation sites",
        unit=Unit.COUNT,
        key=True,
    )
    def sites(scope, year):
        return values.get(year.start_year)

    return sites


def set_target(code: str, year, value, tolerance=None) -> Target:
    IndicatorPassport.objects.sync()
    passport = IndicatorPassport.objects.get(code=code)
    return Target.objects.update_or_create(
        passport=passport, year=year, defaults={"value": Decimal(str(value)), "tolerance": tolerance}
    )[0]


def add_assignment(
    order: Order, user, *, deadline: datetime.date, text="Обновить локальную нормативную базу"
) -> Assignment:
    return Assignment.objects.create(
        order=order,
        responsible=user,
        addressee="Безруких Н.В., ведущему специалисту ОО",
        text=text,
        deadline=deadline,
    )


def indicator_queries(app: str, year, municipality, *institutions) -> int:
    """The queries the app's indicators make for their values in the municipality and each institution and their
    breakdowns of the municipality (tests check the number does not grow with the data)."""
    items = [item for item in registry if item.code.startswith(f"{app}.")]
    with CaptureQueriesContext(connection) as ctx:
        for item in items:
            for scope in (municipality, *institutions):
                item.compute(scope, year)
            item.breakdown(municipality, year)
    return len(ctx)


def queries_of(scope, year, *values, breakdowns=()) -> int:
    """The queries of the given indicator functions' values in the scope and year and of the ``breakdowns``'
    ``by_institution`` there (tests check the number does not grow with the data)."""
    with CaptureQueriesContext(connection) as ctx:
        for value in values:
            value(scope, year)
        for indicator_function in breakdowns:
            indicator_function.by_institution(scope, year)
    return len(ctx)


def issue(order: Order, by, number: str = "12", date=datetime.date(2022, 6, 1), **signatory) -> Order:
    """Issue the order as ``by`` (signed by «Начальник» Егорова unless ``signatory_position``/``_name`` say)."""
    signatory = {"signatory_position": "Начальник", "signatory_name": "Егорова", **signatory}
    order.issue(number=number, date=date, by=by, **signatory)
    return order
