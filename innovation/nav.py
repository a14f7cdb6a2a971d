from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Innovation"), "innovation:project-list",
            (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.EXPERT, Role.TEACHER), 60),
]
