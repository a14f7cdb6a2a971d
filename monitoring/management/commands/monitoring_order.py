from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.models import AcademicYear, Municipality
from monitoring import exports
from monitoring.models import Order, ReportSnapshot
from monitoring.services import build_snapshot, draft_order


class Command(BaseCommand):
    help = (
        "Write the order for a year as PDF: the latest issued one, else the latest draft, else a new draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Academic year, e.g. 2021/2022")
        parser.add_argument("--out", required=True, help="Output PDF file")
        parser.add_argument("--municipality", help="Municipality code (default: the first one)")

    def handle(self, *args, year, out, municipality=None, **options):
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
        orders = Order.objects.filter(municipality=place, year=academic_year)
        order = orders.issued().first() or orders.first()
        if order is None:
            snapshot = ReportSnapshot.objects.filter(municipality=place, year=academic_year).first()
            snapshot = snapshot or build_snapshot(municipality=place, year=academic_year)
            order = draft_order(snapshot=snapshot)
        data = exports.order_pdf(order)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data)} bytes ({order})"))
