"""The arguments the monitoring commands share: ``--year`` and ``--municipality``, read into records."""

from django.core.management.base import CommandError

from core.models import AcademicYear
from core.models import Municipality


def add_place_arguments(parser) -> None:
    parser.add_argument("--year", required=True, help="Academic year, e.g. 2021/2022")
    parser.add_argument("--municipality", help="Municipality code (default: the first one)")


def year_and_place(year: str, municipality: str | None) -> tuple[AcademicYear, Municipality]:
    """Return the academic year titled ``year`` and the municipality of the code (the first one without a code)."""
    try:
        academic_year = AcademicYear.objects.by_title(year)
    except AcademicYear.DoesNotExist:
        raise CommandError(f"Unknown academic year {year!r}") from None
    place = Municipality.objects.filter(code=municipality).first() if municipality else Municipality.objects.first()
    if place is None:
        raise CommandError("No such municipality")
    return academic_year, place
