"""Certificate sources of associations: meetings and seminars (attendees marked present) and the
municipality's own competitions (diplomas for winners, prize-winners and laureates; certificates of
participation for the other participants)."""

from django.db.models import Exists
from django.db.models import OuterRef
from django.urls import reverse

from certificates import texts
from certificates.sources import CertificateSource
from certificates.sources import Event
from certificates.sources import Kind
from certificates.sources import Recipient
from core.scoping import visible_q
from core.search import words_q

from .models import MUNICIPAL_LEVELS
from .models import WINNING_RESULTS
from .models import Attendance
from .models import Competition
from .models import Meeting
from .models import Participant
from .models import Result

RESULT_RANK = {Result.WINNER: 0, Result.PRIZE_WINNER: 1, Result.LAUREATE: 2, Result.PARTICIPANT: 3}


def meetings_for(user):
    attended = Attendance.objects.filter(meeting=OuterRef("pk"), present=True)
    return (
        Meeting.objects.filter(visible_q(user, municipality="association__municipality"))
        .filter(Exists(attended))
        .select_related("association")
        .order_by("-date", "-pk")
    )


def describe_meeting(meeting: Meeting) -> Event:
    return Event(
        title=f"{meeting.topic} ({meeting.association.title})",
        date=meeting.date,
        municipality_id=meeting.association.municipality_id,
        hours=meeting.pd_hours if meeting.counts_toward_pd else None,
    )


def meeting_recipients(meeting: Meeting) -> list[Recipient]:
    rows = meeting.attendance.filter(present=True).select_related("pedagogue__institution").order_by(
        "pedagogue__last_name", "pedagogue__first_name", "pedagogue__middle_name"
    )
    return [Recipient(row.pedagogue, Kind.CERTIFICATE) for row in rows]


def competitions_for(user):
    """The municipality's own competitions (municipal and intermunicipal); diplomas of regional and
    higher stages are issued by their organisers."""
    entries = Participant.objects.filter(participation__competition=OuterRef("pk"))
    return (
        Competition.objects.filter(visible_q(user, municipality="municipality"), level__in=MUNICIPAL_LEVELS)
        .filter(Exists(entries))
        .select_related("year")
        .order_by("-starts", "title")
    )


def describe_competition(competition: Competition) -> Event:
    title = f"{competition.title}, {competition.stage}" if competition.stage else competition.title
    return Event(title=title, date=competition.ends or competition.starts, municipality_id=competition.municipality_id)


def competition_recipients(competition: Competition) -> list[Recipient]:
    rows = sorted(
        Participant.objects.filter(participation__competition=competition).select_related(
            "pedagogue__institution", "participation"
        ),
        key=lambda p: (RESULT_RANK.get(p.participation.result, 9), p.pedagogue.last_name, p.pedagogue.first_name),
    )
    recipients = []
    for row in rows:
        entry = row.participation
        awarded = entry.result in (*WINNING_RESULTS, Result.LAUREATE)
        line = entry.get_result_display() if awarded else ""
        if entry.nomination:
            line = (
                str(texts.RESULT_IN_NOMINATION).format(result=line, nomination=entry.nomination)
                if line
                else f"«{entry.nomination}»"
            )
        recipients.append(Recipient(row.pedagogue, Kind.DIPLOMA if awarded else Kind.PARTICIPATION, line))
    return recipients


sources = [
    CertificateSource(
        key="associations.meeting",
        title=texts.ASSOCIATION_MEETINGS,
        model=Meeting,
        events_for=meetings_for,
        describe=describe_meeting,
        recipients=meeting_recipients,
        search=lambda qs, text: qs.filter(words_q(text, "topic", "association__title")),
        event_url=lambda meeting: reverse("associations:meeting-detail", args=[meeting.pk]),
        recipient_rows=lambda: Attendance.objects.filter(present=True),
        row_event="meeting",
    ),
    CertificateSource(
        key="associations.competition",
        title=texts.COMPETITIONS,
        model=Competition,
        events_for=competitions_for,
        describe=describe_competition,
        recipients=competition_recipients,
        search=lambda qs, text: qs.filter(words_q(text, "title", "stage", "organiser")),
        event_url=lambda competition: competition.get_absolute_url(),
        recipient_rows=lambda: Participant.objects.all(),
        row_event="competition",
        date_field="starts",
    ),
]
