"""Retention (закрепляемость) of young specialists, from the employment history.

The portal's rule: the cohort of an academic year Y is the pedagogues whose first
employment in the municipality was hired during Y while they were young
specialists (on the hiring day). A member is retained after n years when, on the
n-th anniversary of that hiring, they work in any institution of the same
municipality — so a move between its institutions keeps them retained. Members
whose anniversary has not come yet are left out of that share. A cohort of an
institution is the members hired into it; they too are retained anywhere in the
municipality. A municipality's cohort is hired into its own institutions (the
municipal ones by default, ``own_institutions_q``), as in every indicator.

Every function runs one query, whatever the size of the data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case
from django.db.models import Count
from django.db.models import Exists
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from core.models import AcademicYear
from core.models import Employment
from core.models import Institution
from core.models import own_institutions_q
from mentoring.models import AddYears
from mentoring.models import young_specialist_q
from monitoring.measures import Measure
from monitoring.registry import share

HORIZONS = (1, 2, 3)


@dataclass
class CohortRow:
    start_year: int
    hired: int
    counts: dict[int, tuple[int, int]]  # n -> (retained, measurable)

    @property
    def title(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    def retained(self, n: int) -> int:
        return self.counts[n][0]

    def measurable(self, n: int) -> int:
        return self.counts[n][1]

    def share(self, n: int) -> Decimal | None:
        retained, measurable = self.counts[n]
        return share(retained, measurable)

    @property
    def cells(self) -> list[tuple[int, int, int, Decimal | None]]:
        return [(n, *self.counts[n], self.share(n)) for n in HORIZONS]


def _academic_start_year():
    return Case(
        When(hired__month__gte=9, then=ExtractYear("hired")),
        default=ExtractYear("hired") - Value(1),
        output_field=IntegerField(),
    )


def cohort_entries(scope):
    """Return the employments that brought a young specialist into the scope's municipality."""
    earlier = Employment.objects.filter(
        pedagogue=OuterRef("pedagogue"),
        institution__municipality=OuterRef("institution__municipality"),
        hired__lt=OuterRef("hired"),
    )
    rows = Employment.objects.filter(~Exists(earlier), young_specialist_q(prefix="pedagogue__", on=F("hired")))
    if isinstance(scope, Institution):
        return rows.filter(institution=scope)
    # The municipality's own institutions (the municipal ones by default), as every indicator counts them.
    return rows.filter(own_institutions_q(scope, "institution__"))


def _retained(n: int) -> Exists:
    checkpoint = AddYears(OuterRef("hired"), n)
    return Exists(
        Employment.objects.filter(
            pedagogue=OuterRef("pedagogue"),
            institution__municipality=OuterRef("institution__municipality"),
            hired__lte=checkpoint,
        ).filter(Q(left__isnull=True) | Q(left__gte=checkpoint))
    )


def _marks(n: int) -> dict:
    """A row's n-th anniversary of hiring and whether the member works in the municipality on it."""
    return {f"checkpoint_{n}": AddYears(F("hired"), n), f"retained_{n}": _retained(n)}


def _annotated(rows, today: datetime.date):
    annotations = {}
    for n in HORIZONS:
        annotations.update(_marks(n))
    return rows.annotate(**annotations)


def _aggregates(today: datetime.date) -> dict:
    result = {"hired": Count("pedagogue", distinct=True)}
    for n in HORIZONS:
        measurable = Q(**{f"checkpoint_{n}__lte": today})
        result[f"measurable_{n}"] = Count("pedagogue", distinct=True, filter=measurable)
        result[f"kept_{n}"] = Count("pedagogue", distinct=True, filter=measurable & Q(**{f"retained_{n}": True}))
    return result


def _row(start_year: int, values: dict) -> CohortRow:
    return CohortRow(
        start_year=start_year,
        hired=values["hired"],
        counts={n: (values[f"kept_{n}"], values[f"measurable_{n}"]) for n in HORIZONS},
    )


def retention_table(scope, *, first_year: int | None = None, last_year: int | None = None,
                    today: datetime.date | None = None) -> list[CohortRow]:
    """Return one row per cohort year (oldest first) for a municipality or an institution."""
    today = today or timezone.localdate()
    rows = _annotated(cohort_entries(scope), today).annotate(cohort=_academic_start_year())
    if first_year is not None:
        rows = rows.filter(hired__gte=datetime.date(first_year, 9, 1))
    if last_year is not None:
        rows = rows.filter(hired__lte=datetime.date(last_year + 1, 8, 31))
    grouped = rows.order_by().values("cohort").annotate(**_aggregates(today)).order_by("cohort")
    return [_row(values["cohort"], values) for values in grouped]


def retention(n: int, *, today: datetime.date | None = None) -> Measure:
    """Retention after n years as a measure, for the academic year of measurement Y: of the cohort hired in Y - n,
    the members with a job in the municipality on their n-th anniversary ÷ those whose anniversary has come (by
    ``today``). A member is a row of the institution that hired them (hired into two on one day: in both rows, once
    in the municipality's value)."""

    def rows(scope, year):
        cohort = year.start_year - n
        return cohort_entries(scope).alias(**_marks(n)).filter(
            hired__range=(datetime.date(cohort, 9, 1), datetime.date(cohort + 1, 8, 31)),
            **{f"checkpoint_{n}__lte": today or timezone.localdate()},
        )

    return Measure(rows, matching=lambda year: Q(**{f"retained_{n}": True}), counted="pedagogue")


def cohort_retention(scope, start_year: int, n: int, *, today: datetime.date | None = None) -> Decimal | None:
    """Return the share of the cohort hired in the academic year ``start_year`` retained after n years."""
    return retention(n, today=today).value(scope, AcademicYear(start_year=start_year + n))


def cohort_retention_by_institution(municipality, start_year: int, n: int, *,
                                    today: datetime.date | None = None) -> dict[int, Decimal | None]:
    """Return {hiring institution id: share retained after n years} for one cohort of the municipality."""
    return retention(n, today=today).by_institution(municipality, AcademicYear(start_year=start_year + n))
