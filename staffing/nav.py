from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Staffing needs"), "staffing:campaign-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 85),
]
