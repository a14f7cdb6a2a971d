from django.conf import settings

from core.nav import all_items, visible_groups
from core.scoping import roles_of


def portal(request) -> dict:
    """Give every template the user's roles and the navigation that fits them.

    ``portal_nav`` is the flat list of items; ``portal_nav_groups`` the same items
    grouped by app (rendered by ``includes/nav.html``).
    """
    roles = roles_of(getattr(request, "user", None))
    shown = bool(roles.roles or roles.is_admin)
    nav = [item for item in all_items() if item.visible_to(roles)] if shown else []
    return {
        "portal_roles": roles,
        "portal_nav": nav,
        "portal_nav_groups": visible_groups(roles) if shown else [],
        "portal_body_name": settings.PORTAL_BODY_NAME,
    }
