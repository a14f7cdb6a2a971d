"""Certificate source of mentoring: sessions of the School of the Young Teacher (their attendees)."""

from django.db.models import Exists
from django.db.models import OuterRef

from certificates import texts
from certificates.sources import CertificateSource
from certificates.sources import Event
from certificates.sources import Kind
from certificates.sources import Recipient
from core.scoping import visible_q
from core.search import words_q

from .models import Attendance
from .models import Session
from .models import SessionKind


def sessions_for(user):
    attended = Attendance.objects.filter(session=OuterRef("pk"))
    return (
        Session.objects.filter(visible_q(user, municipality="municipality"), kind=SessionKind.YOUNG_TEACHER_SCHOOL)
        .filter(Exists(attended))
        .order_by("-date", "-pk")
    )


def describe_session(session: Session) -> Event:
    return Event(
        title=f"{SessionKind.YOUNG_TEACHER_SCHOOL.label}: {session.topic}",
        date=session.date,
        municipality_id=session.municipality_id,
    )


def session_recipients(session: Session) -> list[Recipient]:
    rows = session.attendance.select_related("pedagogue__institution").order_by(
        "pedagogue__last_name", "pedagogue__first_name", "pedagogue__middle_name"
    )
    return [Recipient(row.pedagogue, Kind.CERTIFICATE) for row in rows]


sources = [
    CertificateSource(
        key="mentoring.young_teacher_school",
        title=texts.YOUNG_TEACHER_SCHOOL,
        model=Session,
        events_for=sessions_for,
        describe=describe_session,
        recipients=session_recipients,
        search=lambda queryset, text: queryset.filter(words_q(text, "topic")),
        event_url=lambda session: session.get_absolute_url(),
        recipient_rows=lambda: Attendance.objects.all(),
        row_event="session",
    ),
]
