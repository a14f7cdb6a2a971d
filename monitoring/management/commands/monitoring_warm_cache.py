from django.core.management.base import BaseCommand, CommandError

from core.models import AcademicYear, Municipality
from monitoring.computation import CHART_YEARS, indicator_values


class Command(BaseCommand):
    help = (
        "Compute and cache every indicator of every municipality for a year and the years its charts show, "
        "so the first dashboard of the morning is as fast as the second (run after imports or nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Academic year, e.g. 2022/2023")

    def handle(self, *args, year, **options):
        try:
            academic_year = AcademicYear.objects.by_title(year)
        except AcademicYear.DoesNotExist:
            raise CommandError(f"Unknown academic year {year!r}") from None
        years = AcademicYear.objects.filter(
            start_year__gt=academic_year.start_year - CHART_YEARS, start_year__lte=academic_year.start_year
        )
        count = 0
        for municipality in Municipality.objects.all():
            for each in years:
                indicator_values(municipality, each, refresh=True)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"cached {count} (municipality, year) value sets"))
