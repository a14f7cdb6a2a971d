from pathlib import Path

from django.core.management.base import BaseCommand

from monitoring import exports
from monitoring.management.place import add_place_arguments
from monitoring.management.place import year_and_place
from monitoring.services import build_snapshot


class Command(BaseCommand):
    help = "Build (freeze) the yearly monitoring report and write it as an Excel workbook or a PDF."

    def add_arguments(self, parser):
        add_place_arguments(parser)
        parser.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument("--out", required=True, help="Output file")

    def handle(self, *args, year, format, out, municipality=None, **options):
        academic_year, place = year_and_place(year, municipality)
        snapshot = build_snapshot(municipality=place, year=academic_year)
        data = exports.report_workbook(snapshot) if format == "xlsx" else exports.report_pdf(snapshot)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data)} bytes (snapshot {snapshot.pk})"))
