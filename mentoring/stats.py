"""Per-page lookups for lists and records: a fixed number of queries for any page size."""

import datetime
from collections import defaultdict

from django.db.models import Count

from core.models import AcademicYear
from core.models import Pedagogue
from core.params import parse_id
from mentoring.models import Attendance
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Session
from mentoring.models import SessionKind
from mentoring.models import initials
from mentoring.models import young_specialist_q


def academic_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of the academic year containing the day."""
    start_year = day.year if day.month >= 9 else day.year - 1
    return datetime.date(start_year, 9, 1), datetime.date(start_year + 1, 8, 31)


def mentors_of(pedagogue_ids, start: datetime.date, end: datetime.date | None = None) -> dict[int, list[str]]:
    """Return {mentee id: [mentor names]} for pairs active between the days (two queries)."""
    active = Pair.objects.during(start, end or start).values("pk")
    links = list(
        Participant.objects.filter(pedagogue_id__in=list(pedagogue_ids), role=ParticipantRole.MENTEE, pair__in=active)
        .values_list("pedagogue_id", "pair_id")
    )
    if not links:
        return {}
    mentors = defaultdict(list)
    for row in Participant.objects.filter(pair_id__in={pair for _, pair in links}, role=ParticipantRole.MENTOR
                                          ).select_related("pedagogue"):
        mentors[row.pair_id].append(initials(row.pedagogue))
    result = defaultdict(list)
    for pedagogue_id, pair_id in links:
        result[pedagogue_id].extend(name for name in mentors[pair_id] if name not in result[pedagogue_id])
    return dict(result)


def attendance_rates(pedagogues: list[Pedagogue], start: datetime.date, end: datetime.date
                     ) -> dict[int, tuple[int, int]]:
    """Return {pedagogue id: (School of the Young Teacher sessions attended, sessions held in the
    pedagogue's municipality)} between the days (two queries)."""
    held = dict(
        Session.objects.school_of_young_teacher().filter(
            date__range=(start, end), municipality_id__in={p.municipality_id for p in pedagogues}
        ).values("municipality_id").annotate(n=Count("pk")).values_list("municipality_id", "n")
    )
    attended = dict(
        Attendance.objects.filter(
            pedagogue_id__in=[p.pk for p in pedagogues],
            session__kind=SessionKind.YOUNG_TEACHER_SCHOOL,
            session__date__range=(start, end),
        ).values("pedagogue_id").annotate(n=Count("pk")).values_list("pedagogue_id", "n")
    )
    return {p.pk: (attended.get(p.pk, 0), held.get(p.municipality_id, 0)) for p in pedagogues}


def young_specialists(user, year_id: str | None, today: datetime.date):
    """Return the young specialists the user may see, now or in the academic year ``year_id``, with the
    period (first, last day) in which their pairs count and the period of School visits to count."""
    year = AcademicYear.objects.filter(pk=parse_id(year_id)).first() if parse_id(year_id) else None
    people = Pedagogue.objects.for_user(user)
    if year is None:
        people = people.filter(institution__isnull=False).filter(young_specialist_q(today))
        return people, (today, today), (academic_bounds(today)[0], today)
    people = people.employed_during(year).filter(young_specialist_q(year.start))
    return people, (year.start, year.end), (year.start, year.end)
