"""Events with participants for the certificate sources, and issued certificates."""

import datetime
from decimal import Decimal

from associations.models import Association
from associations.models import Attendance
from associations.models import Competition
from associations.models import Level
from associations.models import Meeting
from associations.models import Participant
from associations.models import Participation
from associations.models import Result
from certificates.services import issue_certificates
from certificates.sources import get_source
from core.models import AcademicYear
from core.models import Pedagogue
from mentoring.models import Attendance as SessionAttendance
from mentoring.models import Session
from mentoring.models import SessionKind

_counter = iter(range(1, 10_000))


def pedagogue(institution, last_name: str | None = None, **kwargs) -> Pedagogue:
    return Pedagogue.objects.create(
        last_name=last_name or f"Смирнова{next(_counter)}", first_name="Анна", middle_name="Игоревна",
        birth_date=datetime.date(1990, 1, 2), municipality=institution.municipality, institution=institution,
        email="anna@example.org", phone="+7 900 000-00-00", **kwargs,
    )


def seminar(city, attendees, *, absent=(), hours: str | None = "4", topic="Формирующее оценивание на уроке") -> Meeting:
    association, _created = Association.objects.get_or_create(
        municipality=city, title="ГМО учителей математики", defaults={"started": datetime.date(2019, 9, 1)}
    )
    meeting = Meeting.objects.create(
        association=association, date=datetime.date(2026, 3, 12), topic=topic, kind="workshop",
        counts_toward_pd=hours is not None, pd_hours=Decimal(hours) if hours else None,
    )
    for person in attendees:
        Attendance.objects.create(meeting=meeting, pedagogue=person, present=True)
    for person in absent:
        Attendance.objects.create(meeting=meeting, pedagogue=person, present=False)
    return meeting


def competition(city, results: dict) -> Competition:
    """``results``: {pedagogue: (result, nomination)}."""
    contest = Competition.objects.create(
        municipality=city, title="Учитель года", level=Level.MUNICIPAL,
        year=AcademicYear.objects.get_or_create(start_year=2025)[0],
        starts=datetime.date(2026, 2, 1), ends=datetime.date(2026, 2, 20),
    )
    for person, (result, nomination) in results.items():
        entry = Participation.objects.create(competition=contest, result=result, nomination=nomination)
        Participant.objects.create(participation=entry, pedagogue=person)
    return contest


def young_teacher_session(city, attendees) -> Session:
    session = Session.objects.create(
        municipality=city, kind=SessionKind.YOUNG_TEACHER_SCHOOL, date=datetime.date(2026, 1, 20),
        topic="Классное руководство: первые шаги",
    )
    for person in attendees:
        SessionAttendance.objects.create(session=session, pedagogue=person)
    return session


def issue(key: str, event, by):
    return issue_certificates(source=get_source(key), event=event, by=by)


__all__ = ["Result", "competition", "issue", "pedagogue", "seminar", "young_teacher_session"]
