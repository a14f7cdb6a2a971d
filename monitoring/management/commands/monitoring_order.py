from pathlib import Path

from django.core.management.base import BaseCommand

from monitoring import exports
from monitoring.management.place import add_place_arguments
from monitoring.management.place import year_and_place
from monitoring.models import Order
from monitoring.models import ReportSnapshot
from monitoring.services import build_snapshot
from monitoring.services import draft_order


class Command(BaseCommand):
    help = (
        "Write the order for a year as PDF: the latest issued one, else the latest draft, else a new draft."
    )

    def add_arguments(self, parser):
        add_place_arguments(parser)
        parser.add_argument("--out", required=True, help="Output PDF file")

    def handle(self, *args, year, out, municipality=None, **options):
        academic_year, place = year_and_place(year, municipality)
        orders = Order.objects.filter(municipality=place, year=academic_year)
        order = orders.issued().first() or orders.first()
        if order is None:
            snapshot = ReportSnapshot.objects.filter(municipality=place, year=academic_year).first()
            snapshot = snapshot or build_snapshot(municipality=place, year=academic_year)
            order = draft_order(snapshot=snapshot)
        data = exports.order_pdf(order)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data)} bytes ({order})"))
