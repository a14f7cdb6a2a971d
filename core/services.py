"""Writes that touch a pedagogue and their employment history together."""

import datetime
from decimal import Decimal

from django.db import transaction

from core.models import Employment
from core.models import Institution
from core.models import Pedagogue
from core.models import Position
from core.scoping import Role
from core.scoping import roles_of


@transaction.atomic
def save_pedagogue_record(*, form, employments) -> Pedagogue:
    """Save a pedagogue form and its employment formset; the current job follows the open employment."""
    pedagogue = form.save(commit=False)
    current = employments.current_job()
    latest = current or employments.latest_job()
    if current:
        pedagogue.institution = current["institution"]
        pedagogue.position = current.get("position")
    else:
        pedagogue.institution = None
        pedagogue.position = None
    pedagogue.municipality_id = latest["institution"].municipality_id
    pedagogue.save()
    form.save_m2m()
    employments.instance = pedagogue
    employments.save()
    pedagogue.sync_current_job()
    return pedagogue


@transaction.atomic
def place_pedagogue(
    *, pedagogue: Pedagogue, institution: Institution, position: Position | None, hired: datetime.date,
    rate: Decimal | None = None,
) -> Employment:
    """Make the institution the pedagogue's current job from ``hired`` and return that employment.

    Staying in the same institution updates the position (and the rate, when given) of the open employment;
    moving closes the open employment the day before ``hired`` and opens a new one (a full rate unless given).
    """
    current = pedagogue.employments.filter(left__isnull=True).order_by("-hired", "-pk").first()
    if current and current.institution_id == institution.pk:
        changed = []
        if current.position_id != (position.pk if position else None):
            current.position = position
            changed.append("position")
        if current.hired != hired:
            current.hired = hired
            changed.append("hired")
        if rate is not None and current.rate != rate:
            current.rate = rate
            changed.append("rate")
        if changed:
            current.save(update_fields=changed)
        job = current
    else:
        if current:
            current.left = max(current.hired, hired - datetime.timedelta(days=1))
            current.save(update_fields=["left"])
        job = Employment.objects.create(pedagogue=pedagogue, institution=institution, position=position, hired=hired,
                                        rate=rate or Decimal("1"))
    pedagogue.sync_current_job()
    return job


def deactivatable_institutions(user):
    """Institutions the user may deactivate or activate again: those of the municipalities where the user is a
    methodist or the head (every one for the administrator); a school edits its card but does not close itself."""
    roles = roles_of(user)
    if roles.is_admin:
        return Institution.objects.all()
    return Institution.objects.filter(municipality_id__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))
