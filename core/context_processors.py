from django.conf import settings
from django.utils.translation import get_language

from core.nav import all_items
from core.nav import visible_groups
from core.scoping import roles_of

# The menu depends on the roles only: built once per set of roles and language in each process, not on every
# template a request renders (the pedagogue's record renders one per section). Few combinations exist.
_MENUS: dict[tuple, tuple[list, list]] = {}
_MENUS_MAX = 512


def _menu(roles) -> tuple[list, list]:
    key = (frozenset(roles.roles), roles.is_superuser, roles.pedagogue_id is not None, get_language())
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) >= _MENUS_MAX:
            _MENUS.clear()
        menu = _MENUS[key] = (
            [item for item in all_items() if item.visible_to(roles)],
            visible_groups(roles),
        )
    return menu


def portal(request) -> dict:
    """Give every template the user's roles and the navigation that fits them.

    ``portal_nav`` is the flat list of items; ``portal_nav_groups`` the same items
    grouped by app (rendered by ``includes/nav.html``).
    """
    roles = roles_of(getattr(request, "user", None))
    nav, groups = _menu(roles) if roles.roles or roles.is_admin else ([], [])
    return {
        "portal_roles": roles,
        "portal_nav": nav,
        "portal_nav_groups": groups,
        "portal_body_name": settings.PORTAL_BODY_NAME,
    }
