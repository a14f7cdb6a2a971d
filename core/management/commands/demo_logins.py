"""``python manage.py demo_logins``: print the demo users, their password and the login URL."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from core.demo import DEMO_USERNAMES

ROLES = {
    "admin": "администратор портала",
    "head": "начальник отдела образования",
    "methodist": "методист МИМЦ",
    "expert": "эксперт",
    "school": "ответственный от школы (СШ № 1)",
    "teacher": "учитель (СШ № 1)",
}


class Command(BaseCommand):
    requires_system_checks: list = []
    help = "Print the demo logins (one per role), the password and the login page."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/accounts/login/", help="login page to print")

    def handle(self, *args, url, **options):
        existing = set(
            get_user_model().objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True)
        )
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write(f"  login page: {url}")
        self.stdout.write(f"  password:   {settings.DEMO_PASSWORD}  (all users; env DEMO_PASSWORD)")
        for username in DEMO_USERNAMES:
            note = "" if username in existing else "  (missing: run `python manage.py seed_demo`)"
            self.stdout.write(f"  {username:<10} {ROLES[username]}{note}")
