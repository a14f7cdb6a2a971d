"""``python manage.py demo_logins``: print the demo users, their password and the login URL.

Like Django's own commands it speaks English; the role names come from ``core.scoping.Role``
and the scopes from the database (the municipality or institution each role is tied to).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import translation

from core.demo import DEMO_USERNAMES
from core.scoping import Role


class Command(BaseCommand):
    requires_system_checks: list = []
    help = "Print the demo logins (one per role), the password and the login page."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/accounts/login/", help="login page to print")

    def handle(self, *args, url, **options):
        with translation.override("en"):
            self.print_logins(url)

    def print_logins(self, url: str) -> None:
        users = {
            user.username: user
            for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES).prefetch_related(
                "roles__municipality", "roles__institution"
            )
        }
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write(f"  login page: {url}")
        self.stdout.write(f"  password:   {settings.DEMO_PASSWORD}  (every demo user; env DEMO_PASSWORD)")
        for username in DEMO_USERNAMES:
            user = users.get(username)
            if user is None:
                self.stdout.write(f"  {username:<10} missing: run `python manage.py seed_demo`")
                continue
            scopes = [
                str(role.institution or role.municipality or "all municipalities")
                for role in user.roles.all()
                if role.role == username
            ]
            where = ", ".join(scopes) or "no role"
            self.stdout.write(f"  {username:<10} {Role(username).label} — {where}")
