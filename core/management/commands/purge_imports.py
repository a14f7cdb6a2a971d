from django.core.management.base import BaseCommand

from core.imports import PENDING_HOURS
from core.imports import purge_pending


class Command(BaseCommand):
    help = "Delete uploaded import files waiting for a confirmation (media/imports/) older than N hours."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=PENDING_HOURS, help="keep the last N hours (24)")

    def handle(self, *args, hours: float, **options):
        count = purge_pending(older_than_hours=hours)
        self.stdout.write(f"Deleted {count} import preview file(s) older than {hours:g} hour(s).")
