from django.conf import settings
from django.core.management.base import BaseCommand

from core.audit import purge_access_log


class Command(BaseCommand):
    help = "Delete access-log entries older than ACCESS_LOG_DAYS days (run daily; beat runs core.purge)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="keep the entries of the last N days (settings.ACCESS_LOG_DAYS)")

    def handle(self, *args, days: int | None, **options):
        days = settings.ACCESS_LOG_DAYS if days is None else days
        count = purge_access_log(days=days)
        self.stdout.write(f"Deleted {count} access-log entr(y/ies) older than {days} day(s).")
