"""«My files and jobs» for every logged-in user. core.nav collects DOMAIN_APPS only (jobs is not one), so
this list is read only where the lead's navigation includes it (see docs/developing.md, Background jobs)."""

from django.utils.translation import gettext_lazy as _

from core.nav import NavItem

items = [NavItem(_("My files and jobs"), "jobs:list", (), 900)]
