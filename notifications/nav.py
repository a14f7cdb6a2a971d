from django.utils.translation import gettext_lazy as _

from core.nav import NavItem

items = [NavItem(_("Notifications"), "notifications:list", (), 900)]
