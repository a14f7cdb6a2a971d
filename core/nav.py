"""Navigation: each app's ``nav.py`` lists ``items``; the base template shows
those whose roles the user holds."""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.scoping import Role


@dataclass(frozen=True)
class NavItem:
    title: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: every logged-in user
    order: int = 100


items = [
    NavItem(_("Institutions"), "core:institution-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.EXPERT), 10),
    NavItem(_("Pedagogues"), "core:pedagogue-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 20),
    NavItem(_("My record"), "core:my-record", (Role.TEACHER,), 5),
]


def all_items() -> list[NavItem]:
    collected: list[NavItem] = []
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.nav") is not None:
            collected.extend(getattr(import_module(f"{app}.nav"), "items", []))
    return sorted(collected, key=lambda item: item.order)
