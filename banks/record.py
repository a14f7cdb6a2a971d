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
    return [RecordSection(
        "banks", _("Materials in the banks"), "banks/includes/record.html", {"items": items}, order=80,
        facts=[(_("Items authored"), len(items))],
        headers=[_("Bank"), _("Title"), _("Type"), _("Academic year"), _("Status"), _("Published on")],
        rows=[(i.get_bank_display(), i.title, i.get_kind_display(), str(i.year), i.get_status_display(),
               i.published_on) for i in items],
    )]
