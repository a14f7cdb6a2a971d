from django.utils.translation import gettext_lazy as _

from core.nav import NavItem
from core.scoping import Role

items = [
    NavItem(_("PD programmes"), "training:programme-list", (), 30),
    NavItem(_("PD completions"), "training:completion-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 31),
    NavItem(_("PD hours"), "training:account-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 32),
    NavItem(_("Diagnoses"), "training:diagnosis-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 33),
    NavItem(_("Individual routes"), "training:route-list", (Role.HEAD, Role.METHODIST, Role.SCHOOL), 34),
    NavItem(_("My diagnosis"), "training:my-diagnoses", (Role.TEACHER,), 6, own_record=True),
    NavItem(_("My route"), "training:my-route", (Role.TEACHER,), 7, own_record=True),
]
