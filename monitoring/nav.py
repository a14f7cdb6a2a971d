from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Monitoring"), "monitoring:dashboard", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 5),
    NavItem(_("Reports and orders"), "monitoring:reports", (Role.HEAD, Role.METHODIST), 6),
    NavItem(_("Orders"), "monitoring:orders", (Role.HEAD, Role.METHODIST), 7),
    NavItem(_("My tasks"), "monitoring:tasks", (), 95),
]
