from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Certificates"), "certificates:list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 80),
    NavItem(_("Issue certificates"), "certificates:issue", (Role.METHODIST,), 81),
    NavItem(_("My certificates"), "certificates:list", (Role.TEACHER,), 82),
]
