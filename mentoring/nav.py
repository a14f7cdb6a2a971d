from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("Mentoring"), "mentoring:pair-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL, Role.TEACHER), 50),
]
