"""Writes that touch several models."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Pedagogue
from mentoring.models import Pair, Participant, ParticipantRole, Session


def self_mentoring_error(mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue]) -> str | None:
    """Return the message naming pedagogues who would mentor themselves, or None."""
    both = sorted({p.pk: p for p in mentors}.keys() & {p.pk: p for p in mentees}.keys())
    if not both:
        return None
    names = ", ".join(p.full_name for p in Pedagogue.objects.filter(pk__in=both))
    return _("A pedagogue cannot mentor themselves: {names}.").format(names=names)


@transaction.atomic
def save_pair(*, pair: Pair, mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue], by=None) -> Pair:
    """Save the pair and make its participants exactly the given mentors and mentees."""
    mentors, mentees = list(mentors), list(mentees)
    error = self_mentoring_error(mentors, mentees)
    if error:
        raise ValidationError(error)
    if not mentors or not mentees:
        raise ValidationError(_("A pair needs at least one mentor and one mentee."))
    if pair.pk is None and by is not None and by.is_authenticated:
        pair.created_by = by
    pair.save()
    wanted = {p.pk: ParticipantRole.MENTOR for p in mentors} | {p.pk: ParticipantRole.MENTEE for p in mentees}
    current = {row.pedagogue_id: row for row in pair.participants.all()}
    for pedagogue_id, row in current.items():
        if pedagogue_id not in wanted:
            row.delete()
        elif row.role != wanted[pedagogue_id]:
            row.role = wanted[pedagogue_id]
            row.save(update_fields=["role"])
    Participant.objects.bulk_create(
        Participant(pair=pair, pedagogue_id=pedagogue_id, role=role)
        for pedagogue_id, role in wanted.items()
        if pedagogue_id not in current
    )
    from mentoring.hours import sync_pair

    sync_pair(pair)  # bulk_create sends no signals: post the mentees' hours explicitly
    return pair


@transaction.atomic
def set_attendance(*, session: Session, attendees: Iterable[Pedagogue]) -> int:
    """Make the session's attendance exactly the given pedagogues; return how many attended."""
    wanted = {p.pk for p in attendees}
    session.attendance.exclude(pedagogue_id__in=wanted).delete()
    present = set(session.attendance.values_list("pedagogue_id", flat=True))
    session.attendance.model.objects.bulk_create(
        session.attendance.model(session=session, pedagogue_id=pk) for pk in wanted - present
    )
    from mentoring.hours import sync_session

    sync_session(session)  # bulk_create sends no signals: post the attendees' hours explicitly
    return len(wanted)
