"""``python manage.py seed_demo [--scale municipal|region|country|tiny] [--seed N] [--today YYYY-MM-DD] [--apps core,...]``"""

import datetime
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connection
from django.db import transaction

from core import demo
from core.discovery import domain_modules


def app_seeders(only: list[str] | None = None):
    """Yield ``(app, seed)`` for core and every domain app with a ``demo.py``, in ``DOMAIN_APPS`` order,
    except that monitoring comes last: its demo order is built from every other app's records."""
    ordered = [app for app in settings.DOMAIN_APPS if app != "monitoring"] + ["monitoring"]
    if only:
        ordered = [app for app in ordered if app in only]
    for app, module in domain_modules("demo", apps=ordered):
        seed = getattr(module, "seed", None)
        if callable(seed):
            yield app, seed


class Command(BaseCommand):
    requires_system_checks: list = []  # seeding does not need the URL conf (or other apps) to be healthy
    help = "Load the demo data: a municipality with institutions, pedagogues and every app's records (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=sorted(demo.SCALES), default="municipal",
            help="municipal: one city (~40 institutions, ~1,200 pedagogues); region: ~25 municipalities "
                 "(~1,000 institutions, ~40,000 pedagogues); country: ten regions (~250 municipalities, ~10,000 "
                 "institutions, ~400,000 pedagogues); tiny: a few institutions for tests.",
        )
        parser.add_argument("--seed", type=int, default=2021, help="random seed (the same seed gives the same data)")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None,
            help="the day the demo is built for, YYYY-MM-DD (default: today, or settings.DEMO_TODAY when set): "
                 "the five academic years before the current one are complete, the current one is in progress",
        )
        parser.add_argument(
            "--apps", default="",
            help="comma-separated apps to seed (core is always loaded into the context first); default: all",
        )

    def handle(self, *args, scale, seed, apps, today=None, **options):
        only = [app.strip() for app in apps.split(",") if app.strip()]
        unknown = set(only) - set(settings.DOMAIN_APPS)
        if unknown:
            raise CommandError(f"Unknown apps: {', '.join(sorted(unknown))}")
        if only and "core" not in only:
            only.insert(0, "core")
        today = today or getattr(settings, "DEMO_TODAY", None) or datetime.date.today()
        ctx = demo.DemoContext(scale=scale, rng=random.Random(seed), log=self.stdout.write, today=today)
        current = ctx.span_end + 1
        self.stdout.write(f"Demo years {ctx.span_start}/{ctx.span_start + 1} … {ctx.span_end}/{ctx.span_end + 1}, "
                          f"{current}/{current + 1} in progress, built for {today:%d.%m.%Y}")
        started = time.monotonic()
        for app, seed_app in app_seeders(only or None):
            began = time.monotonic()
            # Each app gets its own random stream, so a change in one app's demo does not reshuffle the others.
            ctx.rng = random.Random(f"{seed}:{app}")
            with transaction.atomic():
                seed_app(ctx)
            self.stdout.write(f"{app}: {time.monotonic() - began:.1f} s")
        if connection.vendor == "postgresql":
            # After a bulk load, statistics (PostgreSQL's «Populating a Database»): without them the planner takes
            # the new tables for empty ones — a table emptied and vacuumed before says 0 rows — and runs the staff
            # shares' EXISTS as nested loops over every row (minutes on the tiny demo inside a test's transaction;
            # ANALYZE counts the rows the transaction itself inserted).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
