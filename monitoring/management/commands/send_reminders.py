"""The portal-wide reminder run: every app's ``<app>/reminders.py: reminders(today)`` → ``notify`` → the
daily e-mail digest (``notifications.services.run_reminders``). Safe to run every hour from cron."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.services import run_reminders


class Command(BaseCommand):
    help = "Turn every app's reminders into notifications and send the daily digest (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this day (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        counts = run_reminders(today)
        digest = counts.pop("digest")
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"notifications: {sum(counts.values())}, digest letters: {digest}"))
