import time

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from monitoring.computation import CHART_YEARS
from monitoring.stored import store
from monitoring.value_models import PendingRecomputation
from monitoring.value_models import StoredValues
from monitoring.value_models import scope_key_of


def years_up_to(title: str | None) -> list[AcademicYear]:
    """The dashboard's chart years ending with the given year (default: the latest year)."""
    if title:
        try:
            last = AcademicYear.objects.by_title(title)
        except AcademicYear.DoesNotExist:
            raise CommandError(f"Unknown academic year {title!r}") from None
    else:
        last = AcademicYear.objects.order_by("-start_year").first()
        if last is None:
            return []
    return list(
        AcademicYear.objects.filter(start_year__gt=last.start_year - CHART_YEARS, start_year__lte=last.start_year)
    )


class Command(BaseCommand):
    help = (
        "Recompute and store every indicator value (and breakdown) of every municipality for the chart years "
        "ending with --year (default: the latest year), and of the institutions whose values are stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", help="Academic year, e.g. 2022/2023 (default: the latest)")
        parser.add_argument(
            "--institutions", action="store_true", help="Also every institution, not only those already stored."
        )

    def handle(self, *args, year=None, institutions=False, **options):
        years = years_up_to(year)
        started = time.monotonic()
        count = 0
        for municipality in Municipality.objects.order_by("pk"):
            for each in years:
                store(municipality, each, breakdowns=True)
                PendingRecomputation.objects.filter(
                    scope_key=scope_key_of(municipality.pk, None), year=each
                ).delete()
                count += 1
        schools = Institution.objects.order_by("pk")
        if not institutions:
            schools = schools.filter(
                pk__in=StoredValues.objects.filter(institution__isnull=False).values("institution_id")
            )
        for institution in schools:
            for each in years:
                store(institution, each, breakdowns=False)
                PendingRecomputation.objects.filter(
                    scope_key=scope_key_of(institution.municipality_id, institution.pk), year=each
                ).delete()
                count += 1
        self.stdout.write(
            self.style.SUCCESS(f"stored {count} (scope, year) value sets in {time.monotonic() - started:.1f} s")
        )
