from django.utils.translation import gettext as _

from banks.models import Item
from core.record import RecordSection


def sections(pedagogue, user) -> list[RecordSection]:
    """The bank items the pedagogue is an author of (published ones, and drafts the user may see)."""
    items = list(
        Item.objects.for_user(user).filter(author_pedagogues=pedagogue).select_related("year").order_by("-created_at")
    )
    if not items:
        return []
    return [RecordSection("banks", _("Materials in the banks"), "banks/includes/record.html", {"items": items},
                          order=80)]
