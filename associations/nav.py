from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Associations"), "associations:association-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.TEACHER,
                                                                  Role.EXPERT), 40),
    NavItem(_("Competitions"), "associations:competition-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.EXPERT),
            45),
    NavItem(_("Competition results"), "associations:result-list", (Role.SCHOOL, Role.TEACHER), 46),
]
