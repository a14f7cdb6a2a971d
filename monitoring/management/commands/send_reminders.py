"""The portal-wide reminder run: every app's ``<app>/reminders.py: send_reminders(today) -> int``."""

import datetime
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


def reminder_modules() -> list:
    return [
        import_module(f"{app}.reminders") for app in settings.DOMAIN_APPS if find_spec(f"{app}.reminders")
    ]


class Command(BaseCommand):
    help = "Send every app's reminders (idempotent: a second run on the same day sends nothing new)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this day (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        total = 0
        for module in reminder_modules():
            count = module.send_reminders(today)
            total += count
            self.stdout.write(f"{module.__name__}: {count}")
        self.stdout.write(self.style.SUCCESS(f"sent: {total}"))
