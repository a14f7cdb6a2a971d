"""Writes that touch several models."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.duplicates import DuplicateError
from core.models import CategoryAward
from core.models import Pedagogue
from mentoring.models import Attestation
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Session
from mentoring.models import period_overlaps_q
from mentoring.models import self_mentoring_error

FAR_FUTURE = datetime.date(9999, 12, 31)


def overlapping_pair(*, mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue], start: datetime.date,
                     end: datetime.date | None, exclude: int | None = None) -> Pair | None:
    """Return a pair with exactly these mentors and mentees whose period overlaps [start, end], if any."""
    mentor_ids, mentee_ids = {p.pk for p in mentors}, {p.pk for p in mentees}
    if not mentor_ids or not mentee_ids or start is None:
        return None
    candidates = (
        Pair.objects.filter(period_overlaps_q(start, end or FAR_FUTURE))
        .filter(participants__pedagogue_id=min(mentee_ids), participants__role=ParticipantRole.MENTEE)
        .exclude(pk=exclude)
        .prefetch_related("participants__pedagogue")
        .order_by("start", "pk")
    )
    for pair in candidates:
        if {p.pk for p in pair.mentors} == mentor_ids and {p.pk for p in pair.mentees} == mentee_ids:
            return pair
    return None


@transaction.atomic
def save_pair(*, pair: Pair, mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue], by=None) -> Pair:
    """Save the pair and make its participants exactly the given mentors and mentees."""
    mentors, mentees = list(mentors), list(mentees)
    error = self_mentoring_error(mentors, mentees)
    if error:
        raise ValidationError(error)
    if not mentors or not mentees:
        raise ValidationError(_("A pair needs at least one mentor and one mentee."))
    existing = overlapping_pair(mentors=mentors, mentees=mentees, start=pair.start, end=pair.end, exclude=pair.pk)
    if existing is not None:
        raise DuplicateError(existing)
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


@transaction.atomic
def award_category(*, attestation: Attestation) -> CategoryAward | None:
    """Put the category an attestation assigned into the pedagogue's category history (once: the same category
    on the same day is the same award); return the award, or None when the attestation assigned nothing."""
    award = attestation.award()
    if award is None:
        return None
    award, _created = CategoryAward.objects.get_or_create(
        pedagogue_id=award.pedagogue_id, category=award.category, order_date=award.order_date,
        defaults={"order_number": award.order_number},
    )
    return award
