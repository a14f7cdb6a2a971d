"""Measures: a count or a share declared once, from which the registry derives an indicator's value and breakdown.

A ``Measure`` names the rows of its population in a scope (``rows(scope, year)``: a municipality's own institutions
or one institution), the path from a row to its institution, what is counted (the distinct values of ``counted``) and,
for a share, the condition of the numerator (``matching(year)``, a ``Q`` on the rows). ``monitoring.registry.declare``
registers it: the value is one aggregate over the scope's rows, the breakdown the same aggregate grouped by
institution, so the two cannot drift apart and neither query grows with the data.

What "the breakdown sums to the value" means: a row of the breakdown is the institution's own value (the measure over
that institution's rows), and the municipality's value is the measure over the union of the rows' populations. An
item counts once in the value and in every institution it belongs to: a pedagogue who worked in two institutions
during the year is in both rows and once in the municipal numerator and denominator (``monitoring/tests/
test_breakdowns.py`` checks this for every indicator of the registry).

"The staff of the year" of a scope are the pedagogues employed there during the academic year
(``core.models.employed_during_q``) in a pedagogical position (``Position.is_pedagogical``: directors and deputies are
managers, counted apart); ``staff_share`` counts distinct pedagogues over the employment rows of the scope, so the
planner walks the scope's jobs only instead of testing every pedagogue of the region for a job in the scope. Its
conditions are ``Q``s on employment rows: ``on_pedagogue(Q(...))`` (the pedagogue's own fields),
``pedagogue_in(ids)`` (a subquery of pedagogue ids) or ``exists_for(rows)`` (rows of a model with a ``pedagogue``
foreign key; ``staff_share`` correlates it to the job row, ``through_jobs``, so that PostgreSQL looks up the rows of
the scope's staff through the pedagogue index instead of hashing the whole country's).

A count of records is their queryset and what dates them in the year: ``records(queryset, "published_on")`` (a date
field between 1 September and 31 August, or a condition on the year such as ``working_q``), counted in the scope's
institutions at a path (``path="project__"``); ``staff_records(queryset)`` counts the year's records of the scope's
staff instead (a record counts in every institution where its pedagogue worked during the year).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet

from core.models import AcademicYear
from core.models import Employment
from core.models import employed_during_q
from core.models import pedagogical_q
from core.models import scope_q
from monitoring.registry import share

Rows = Callable[[Any, AcademicYear], QuerySet]
Condition = Callable[[AcademicYear], Q]


@dataclass(frozen=True)
class Measure:
    """The distinct ``counted`` values of a scope's ``rows`` (a count) or those ``matching`` ÷ all (a share)."""

    rows: Rows
    matching: Condition | None = None
    counted: str = "pk"
    institution: str = "institution_id"
    of_jobs: bool = False  # the rows are employments: ``matching``'s ``exists_for`` subqueries go ``through_jobs``

    @property
    def is_share(self) -> bool:
        return self.matching is not None

    @property
    def counts_institutions(self) -> bool:
        """What is counted is the row's institution (a share of institutions, institutions audited): a figure
        about the municipality's institutions, which one institution has no value of."""
        return self.counted == self.institution

    def _counts(self, year: AcademicYear) -> dict:
        counts = {"total": Count(self.counted, distinct=True)}
        if self.matching is not None:
            matching = self.matching(year)
            counts["matching"] = Count(self.counted, distinct=True,
                                       filter=through_jobs(matching) if self.of_jobs else matching)
        return counts

    def _result(self, counts: dict):
        return counts["total"] if self.matching is None else share(counts["matching"], counts["total"])

    def value(self, scope, year: AcademicYear):
        """The measure over the scope's rows: one query."""
        return self._result(self.rows(scope, year).aggregate(**self._counts(year)))

    def by_institution(self, municipality, year: AcademicYear) -> dict:
        """``{institution_id: value}`` over the municipality's rows grouped by institution: one query."""
        rows = self.rows(municipality, year).values(self.institution).annotate(**self._counts(year)).order_by()
        return {row[self.institution]: self._result(row) for row in rows}


def mapped(condition: Q, change: Callable[[Any], Any]) -> Q:
    """Return the Q with ``change`` applied to every leaf (a ``(lookup, value)`` pair or an expression)."""
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    for child in condition.children:
        clone.children.append(mapped(child, change) if isinstance(child, Q) else change(child))
    return clone


def prefixed(condition: Q, prefix: str) -> Q:
    """Return the Q with every lookup moved under a relation prefix."""
    return mapped(condition, lambda child: (prefix + child[0], child[1]))


def on_pedagogue(condition: Q) -> Q:
    """A condition on the pedagogue's own fields, e.g. ``Q(birth_date__gt=...)``, for employment rows."""
    return prefixed(condition, "pedagogue__")


def pedagogue_in(pedagogue_ids) -> Q:
    """The employment's pedagogue is in a subquery (``.values("pedagogue_id")``) or a list."""
    return Q(pedagogue__pk__in=pedagogue_ids)


class RowsOfPedagogue(Exists):
    """``exists_for``'s subquery: some of ``rows`` belong to the outer row's pedagogue."""

    def __init__(self, rows: QuerySet, from_job: bool = False):
        self.rows = rows
        link = {"pedagogue__employments": OuterRef("pk")} if from_job else {"pedagogue": OuterRef("pedagogue")}
        super().__init__(rows.filter(**link))

    def from_job(self) -> Exists:
        """The same rows reached from the outer employment row itself: the rows of its pedagogue."""
        return RowsOfPedagogue(self.rows, from_job=True)


def exists_for(rows) -> Q:
    """Some of the rows (a QuerySet of a model with a ``pedagogue`` foreign key) belong to the employment's pedagogue."""
    return Q(RowsOfPedagogue(rows))


def through_jobs(condition: Q) -> Q:
    """The condition on employment rows with its ``exists_for`` subqueries correlated to the employment row (``pk``)
    instead of its pedagogue: the same truth, but PostgreSQL, which evaluates an ``EXISTS`` inside an aggregate's
    ``FILTER`` as one hashed subplan over every matching row of the country when the correlation allows it, then
    looks up the scope's jobs' rows one by one through the pedagogue index (a city's recomputation no longer grows
    with the country)."""
    return mapped(condition, lambda child: child.from_job() if isinstance(child, RowsOfPedagogue) else child)


def staff_of_the_year(scope, year: AcademicYear) -> QuerySet:
    """The scope's employment rows of the year in pedagogical positions."""
    return Employment.objects.filter(employed_during_q(year), pedagogical_q(), scope_q(scope))


def staff_share(matching: Condition, among: Condition | None = None) -> Measure:
    """Pedagogues of the scope's staff of the year who match ÷ the staff (or only those ``among`` them)."""

    def rows(scope, year: AcademicYear) -> QuerySet:
        jobs = staff_of_the_year(scope, year)
        return jobs if among is None else jobs.filter(among(year))

    return Measure(rows, matching=matching, counted="pedagogue", of_jobs=True)


def records_of_staff(queryset: QuerySet, scope, year: AcademicYear, path: str = "pedagogue__",
                     pedagogical: bool = True) -> QuerySet:
    """The records (e.g. completions) of pedagogues of the scope's staff of the year, one row per record and job:
    count ``pk`` distinct, group by ``<path>employments__institution_id``. The staff's jobs are in pedagogical
    positions unless ``pedagogical=False`` (any job: the associations count their managers' memberships too)."""
    jobs = f"{path}employments__"
    staff = [employed_during_q(year, jobs), scope_q(scope, jobs)]
    if pedagogical:
        staff.insert(1, pedagogical_q(jobs))
    return queryset.filter(*staff)


def staff_records(queryset: Callable[[AcademicYear], QuerySet], matching: Condition | None = None, *,
                  path: str = "pedagogue__", counted: str = "pk", pedagogical: bool = True) -> Measure:
    """A count or share of the year's records of the scope's staff (each record in every institution where its
    pedagogue worked during the year): ``queryset(year)`` reaches the pedagogue at ``path`` (``"authors__"``)."""
    return Measure(
        lambda scope, year: records_of_staff(queryset(year), scope, year, path, pedagogical),
        matching=matching,
        counted=counted,
        institution=f"{path}employments__institution_id",
    )


def records(queryset, dated: str | Condition | None = None, *, path: str = "", counted: str = "pk",
            matching: Condition | None = None) -> Measure:
    """A count (or a share, with ``matching``) of records in the scope's institutions, dated in the year.

    ``queryset`` is a QuerySet (or manager), built once at import, or a function of the year returning one (what
    depends on the year or the day goes there); ``dated`` a date field of the rows (between the year's 1 September
    and 31 August) or a condition on the year (``working_q``); the records' institution is at ``path``
    (``"project__"``: the project's lead institution).
    """

    def rows(scope, year: AcademicYear) -> QuerySet:
        found = queryset(year) if callable(queryset) else queryset.all()
        if isinstance(dated, str):
            found = found.filter(**{f"{dated}__range": (year.start, year.end)})
        elif dated is not None:
            found = found.filter(dated(year))
        return found.filter(scope_q(scope, path))

    return Measure(rows, matching=matching, counted=counted, institution=f"{path}institution_id")
