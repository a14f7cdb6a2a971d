from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.record import RecordSection
from core.scoping import Role, roles_of
from expertise.models import Expert


def sections(pedagogue, user) -> list[RecordSection]:
    """The pedagogue's periods in the register of experts and the number of reviews done
    (shown to municipal staff and to the expert themself, not to schools)."""
    roles = roles_of(user)
    entries = Expert.objects.for_user(user).filter(pedagogue=pedagogue)
    if not (roles.is_global or roles.has(Role.METHODIST, Role.HEAD) or entries.filter(user=user).exists()):
        return []
    entries = list(entries.annotate(done=Count("assignments", filter=Q(assignments__reviewed_at__isnull=False))))
    if not entries:
        return []
    return [RecordSection("expertise", _("Expert community"), "expertise/includes/record.html",
                          {"entries": entries}, order=70)]
