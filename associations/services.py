"""Writes that touch several rows at once: attendance of a meeting, the people of a competition entry."""

from collections.abc import Iterable

from django.db import transaction

from core.duplicates import DuplicateError
from core.models import Pedagogue

from .models import Attendance
from .models import Meeting
from .models import Participant
from .models import Participation
from .models import entries_of


@transaction.atomic
def mark_attendance(
    *,
    meeting: Meeting,
    marks: dict[int, bool],
    guest_ids: Iterable[int] = (),
    guests: str = "",
    guests_count: int = 0,
) -> int:
    """Record who of the members was present or absent and which pedagogues came as guests.

    ``marks`` maps member pedagogue ids to present/absent. Rows of people no longer
    listed are removed. Return the number of people present (members and guest pedagogues).
    """
    guest_ids = set(guest_ids) - set(marks)
    wanted = {pk: (present, False) for pk, present in marks.items()}
    wanted.update(dict.fromkeys(guest_ids, (True, True)))
    existing = {row.pedagogue_id: row for row in meeting.attendance.all()}
    for pk, row in existing.items():
        if pk not in wanted:
            row.delete()
    for pk, (present, is_guest) in wanted.items():
        row = existing.get(pk)
        if row is None:
            Attendance.objects.create(meeting=meeting, pedagogue_id=pk, present=present, is_guest=is_guest)
        elif (row.present, row.is_guest) != (present, is_guest):
            row.present, row.is_guest = present, is_guest
            row.save(update_fields=["present", "is_guest"])
    meeting.guests, meeting.guests_count = guests, guests_count
    meeting.save(update_fields=["guests", "guests_count"])
    return sum(1 for present, _guest in wanted.values() if present)


@transaction.atomic
def save_participation(*, participation: Participation, pedagogues: Iterable[Pedagogue]) -> Participation:
    """Save a competition entry and make its participants exactly the given pedagogues
    (each with the institution they work at now)."""
    people = {p.pk: p for p in pedagogues}
    taken = entries_of(participation.competition, people.values(), exclude=participation.pk)
    if taken:
        raise DuplicateError(next(iter(taken.values())), field="participants")
    participation.save()
    participation.participants.exclude(pedagogue_id__in=people).delete()
    present = set(participation.participants.values_list("pedagogue_id", flat=True))
    for pk, pedagogue in people.items():
        if pk not in present:
            Participant.objects.create(
                participation=participation, competition_id=participation.competition_id, pedagogue=pedagogue,
                institution_id=pedagogue.institution_id,
            )
    return participation
