"""Navigation: each app's ``nav.py`` lists ``items``; the base template shows
those whose roles the user holds."""

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.scoping import Role


@dataclass(frozen=True)
class NavItem:
    title: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: every logged-in user
    order: int = 100
    own_record: bool = False  # only for users linked to a pedagogue record (a teacher's "my …" pages)

    def visible_to(self, roles) -> bool:
        if self.own_record and not roles.pedagogue_id:
            return False
        return not self.roles or roles.has(*self.roles)


items = [
    NavItem(_("Institutions"), "core:institution-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.EXPERT), 10),
    NavItem(_("Pedagogues"), "core:pedagogue-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 20),
    NavItem(_("My record"), "core:my-record", (Role.TEACHER,), 5, own_record=True),
]


def all_items() -> list[NavItem]:
    collected: list[NavItem] = []
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.nav") is not None:
            collected.extend(getattr(import_module(f"{app}.nav"), "items", []))
    return sorted(collected, key=lambda item: item.order)


@dataclass
class NavGroup:
    """The visible items of one app: one link, or a drop-down named after the app."""

    title: str
    items: list[NavItem] = field(default_factory=list)

    @property
    def order(self) -> int:
        return min(item.order for item in self.items)


def visible_groups(roles) -> list[NavGroup]:
    """Return the navigation of a user grouped by app, so a long menu fits one line."""
    groups = []
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.nav") is None:
            continue
        items = [item for item in getattr(import_module(f"{app}.nav"), "items", []) if item.visible_to(roles)]
        if items:
            groups.append(NavGroup(str(apps.get_app_config(app).verbose_name), sorted(items, key=lambda i: i.order)))
    return sorted(groups, key=lambda group: group.order)
