from django.conf import settings

from core.nav import all_items
from core.scoping import roles_of


def portal(request) -> dict:
    """Give every template the user's roles and the navigation that fits them."""
    roles = roles_of(getattr(request, "user", None))
    nav = [item for item in all_items() if not item.roles or roles.has(*item.roles)]
    return {"portal_roles": roles, "portal_nav": nav if roles.roles or roles.is_admin else [],
            "portal_body_name": settings.PORTAL_BODY_NAME}
