"""Words the domain apps' certificate sources show or print.

They live in the certificates catalogue, so declaring a source never adds untranslated
entries to a domain app's catalogue.
"""

from django.utils.translation import gettext_lazy as _

ASSOCIATION_MEETINGS = _("Association meetings and seminars")
COMPETITIONS = _("Professional-skill competitions")
YOUNG_TEACHER_SCHOOL = _("School of the Young Teacher sessions")
RESULT_IN_NOMINATION = _("{result}, nomination «{nomination}»")
