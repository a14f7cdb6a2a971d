from django.core.management.base import BaseCommand

from jobs.services import purge


class Command(BaseCommand):
    help = "Delete finished background jobs (done or failed) older than N days, with their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="keep jobs created during the last N days (7)")

    def handle(self, *args, days: int, **options):
        count = purge(older_than_days=days)
        self.stdout.write(f"Deleted {count} job(s) older than {days} day(s).")
