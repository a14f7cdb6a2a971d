from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compute and store every indicator of every municipality for a year and the years its charts show "
        "(the former name of monitoring_rebuild_values --year)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Academic year, e.g. 2022/2023")

    def handle(self, *args, year, **options):
        call_command("monitoring_rebuild_values", "--year", year, stdout=self.stdout)
