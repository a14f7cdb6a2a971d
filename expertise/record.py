from django.db.models import Count
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.record import RecordSection
from core.scoping import Role
from core.scoping import roles_of
from expertise.models import Assignment
from expertise.models import Expert


def sections(pedagogue, user) -> list[RecordSection]:
    """The pedagogue's periods in the register of experts and the reviews done
    (shown to municipal staff and to the expert themself, not to schools)."""
    roles = roles_of(user)
    entries = Expert.objects.for_user(user).filter(pedagogue=pedagogue)
    if not (roles.is_global or roles.has(Role.METHODIST, Role.HEAD) or entries.filter(user=user).exists()):
        return []
    entries = list(entries.annotate(done=Count("assignments", filter=Q(assignments__reviewed_at__isnull=False))))
    if not entries:
        return []
    reviews = list(Assignment.objects.filter(expert__in=entries, reviewed_at__isnull=False)
                   .select_related("request").order_by("-reviewed_at"))
    facts = [(_("In the register of experts"), "{start} – {end}{spec}".format(
        start=e.active_from.strftime("%d.%m.%Y"), end=e.active_to.strftime("%d.%m.%Y") if e.active_to else "…",
        spec=f" ({e.specialisations})" if e.specialisations else "")) for e in entries]
    facts.append((_("Reviews done"), len(reviews)))
    return [RecordSection(
        "expertise", _("Expert community"), "expertise/includes/record.html", {"entries": entries}, order=70,
        facts=facts,
        headers=[_("Reviewed"), _("Request"), _("Round"), _("Recommendation"), _("Score")],
        rows=[(timezone.localtime(a.reviewed_at).date(), str(a.request), a.round, a.get_recommendation_display(),
               f"{a.total} / {a.max_total}" if a.total is not None else "") for a in reviews],
    )]
