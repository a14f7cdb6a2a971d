"""Navigation: each app's ``nav.py`` lists ``items``; the base template shows
those whose roles the user holds."""

from dataclasses import dataclass
from dataclasses import field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.discovery import domain_module
from core.discovery import domain_modules
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
        from core.capabilities import allows

        # The capability matrix has the last word: no item leads to a page that would answer 403.
        return (not self.roles or roles.has(*self.roles)) and allows(roles, self.url_name)


items = [
    NavItem(_("Institutions"), "core:institution-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.EXPERT), 10),
    NavItem(_("Pedagogues"), "core:pedagogue-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 20),
    NavItem(_("My record"), "core:my-record", (Role.TEACHER,), 5, own_record=True),
]


def all_items() -> list[NavItem]:
    collected: list[NavItem] = []
    for _app, module in domain_modules("nav"):
        collected.extend(getattr(module, "items", []))
    return sorted(collected, key=lambda item: item.order)


# The main menu's sections: the items of these apps share one drop-down, so the menu fits one line of a
# 1366-pixel office screen. An app in no section gets a drop-down of its own; notifications have the bell.
SECTIONS = (
    (_("Monitoring"), ("monitoring",)),
    (_("Directory"), ("core",)),
    (_("Teachers' growth"), ("training", "mentoring", "certificates")),
    (_("Methodical work"), ("associations", "innovation", "expertise", "banks")),
    (_("Staffing needs"), ("staffing",)),
)
NOT_IN_MENU = {"notifications"}


@dataclass
class NavPart:
    """The visible items of one app inside a section (a drop-down header names the app when there are several)."""

    title: str
    items: list[NavItem]


@dataclass
class NavGroup:
    """One entry of the main menu: a link when it holds one item, a drop-down otherwise."""

    title: str
    parts: list[NavPart] = field(default_factory=list)

    @property
    def items(self) -> list[NavItem]:
        return [item for part in self.parts for item in part.items]

    @property
    def order(self) -> int:
        return min(item.order for item in self.items)


def _app_items(app: str, roles) -> list[NavItem]:
    module = domain_module(app, "nav")
    if module is None:
        return []
    items = [item for item in getattr(module, "items", []) if item.visible_to(roles)]
    return sorted(items, key=lambda item: item.order)


def visible_groups(roles) -> list[NavGroup]:
    """Return the user's main menu: the sections above, each with the visible items of its apps."""
    groups = []
    placed = set(NOT_IN_MENU)
    for title, section_apps in SECTIONS:
        parts = [
            NavPart(str(apps.get_app_config(app).verbose_name), items)
            for app in section_apps
            if app in settings.DOMAIN_APPS and (items := _app_items(app, roles))
        ]
        placed.update(section_apps)
        if parts:
            groups.append(NavGroup(str(title), parts))
    for app in settings.DOMAIN_APPS:
        if app not in placed and (items := _app_items(app, roles)):
            title = str(apps.get_app_config(app).verbose_name)
            groups.append(NavGroup(title, [NavPart(title, items)]))
    return groups
