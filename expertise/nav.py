from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Expert review"), "expertise:request-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.TEACHER), 70),
    NavItem(_("My review queue"), "expertise:queue", (Role.EXPERT,), 71),
]
