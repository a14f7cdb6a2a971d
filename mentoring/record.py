"""The mentoring part of a pedagogue's record: mentoring as mentor and as mentee,
the School of the Young Teacher attendance by year, attestation and its support."""

from collections import Counter

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.record import RecordSection
from mentoring.models import (
    Attendance,
    Attestation,
    AttestationSupport,
    Pair,
    Participant,
    ParticipantRole,
    Session,
    SessionKind,
)


def _year_title(day) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def sections(pedagogue, user) -> list[RecordSection]:
    roles = (
        Participant.objects.filter(pedagogue=pedagogue, pair__in=Pair.objects.for_user(user))
        .select_related("pair", "pair__institution", "pair__form")
        .prefetch_related(Prefetch("pair__participants", Participant.objects.select_related("pedagogue")))
        .order_by("-pair__start")
    )
    as_mentor = [row.pair for row in roles if row.role == ParticipantRole.MENTOR]
    as_mentee = [row.pair for row in roles if row.role == ParticipantRole.MENTEE]

    attended = list(
        Attendance.objects.filter(pedagogue=pedagogue, session__in=Session.objects.for_user(user))
        .select_related("session").order_by("-session__date")
    )
    school_years = []
    if attended:
        held = Counter(_year_title(day) for day in Session.objects.school_of_young_teacher().filter(
            municipality_id=pedagogue.municipality_id).values_list("date", flat=True))
        visits = Counter(_year_title(row.session.date) for row in attended if row.session.kind == SessionKind.YOUNG_TEACHER_SCHOOL)
        school_years = [(title, visits[title], held[title]) for title in sorted(visits, reverse=True)]

    attestations = list(Attestation.objects.for_user(user).filter(pedagogue=pedagogue))
    support = list(AttestationSupport.objects.for_user(user).filter(pedagogue=pedagogue)[:10])

    result = []
    if as_mentor or as_mentee:
        result.append(RecordSection(
            key="mentoring", title=_("Mentoring"), template="mentoring/record_mentoring.html",
            context={"as_mentor": as_mentor, "as_mentee": as_mentee}, order=50,
        ))
    if attended:
        result.append(RecordSection(
            key="young-teacher-school", title=_("School of the Young Teacher and supervision"),
            template="mentoring/record_sessions.html",
            context={"sessions": [row.session for row in attended[:15]], "years": school_years}, order=51,
        ))
    if attestations or support:
        result.append(RecordSection(
            key="attestation", title=_("Attestation"), template="mentoring/record_attestation.html",
            context={"attestations": attestations, "support": support}, order=52,
        ))
    return result
