from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.models import AcademicYear, Municipality
from monitoring import exports
from monitoring.services import build_snapshot


class Command(BaseCommand):
    help = "Build (freeze) the yearly monitoring report and write it as an Excel workbook or a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Academic year, e.g. 2021/2022")
        parser.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument("--out", required=True, help="Output file")
        parser.add_argument("--municipality", help="Municipality code (default: the first one)")

    def handle(self, *args, year, format, out, municipality=None, **options):
        try:
            academic_year = AcademicYear.objects.by_title(year)
        except AcademicYear.DoesNotExist:
            raise CommandError(f"Unknown academic year {year!r}") from None
        place = (
            Municipality.objects.filter(code=municipality).first()
            if municipality
            else Municipality.objects.first()
        )
        if place is None:
            raise CommandError("No such municipality")
        snapshot = build_snapshot(municipality=place, year=academic_year)
        data = exports.report_workbook(snapshot) if format == "xlsx" else exports.report_pdf(snapshot)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data)} bytes (snapshot {snapshot.pk})"))
