"""Mentoring activities that carry hours post them to the hour account:
a School of the Young Teacher (or supervision) session to each attendee, a pair with
``pd_hours`` to each mentee on the pair's end date. One ledger line per attendance or
participant row; deleting the row, or the session/pair losing its hours, withdraws it.

``services.set_attendance`` and ``services.save_pair`` write rows in bulk (no signals),
so they call ``sync_session`` / ``sync_pair``; single-row writes and deletes go through signals.
"""

from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.urls import reverse

from training import hours
from training.models import HourKind

from .models import Attendance
from .models import Pair
from .models import Participant
from .models import ParticipantRole
from .models import Session
from .models import SessionKind


def sync_session(session: Session) -> None:
    rows = list(session.attendance.all())
    postings = []
    if session.pd_hours:
        title = f"{session.get_kind_display()}: {session.topic}"
        postings = [hours.Posting(source_id=row.pk, pedagogue_id=row.pedagogue_id, date=session.date,
                                  hours=session.pd_hours, kind=HourKind.SESSION, title=title) for row in rows]
    hours.sync(model=Attendance, source_ids=[row.pk for row in rows], postings=postings)


def sync_pair(pair: Pair) -> None:
    rows = list(pair.participants.all())
    postings = []
    if pair.pd_hours and pair.end:
        title = str(pair.programme or pair.form)
        postings = [hours.Posting(source_id=row.pk, pedagogue_id=row.pedagogue_id, date=pair.end,
                                  hours=pair.pd_hours, kind=HourKind.OTHER, title=title)
                    for row in rows if row.role == ParticipantRole.MENTEE]
    hours.sync(model=Participant, source_ids=[row.pk for row in rows], postings=postings)


def _session_saved(sender, instance: Session, raw=False, **kwargs) -> None:
    if not raw:
        sync_session(instance)


def _pair_saved(sender, instance: Pair, raw=False, **kwargs) -> None:
    if not raw:
        sync_pair(instance)


def _attendance_saved(sender, instance: Attendance, raw=False, **kwargs) -> None:
    if not raw:
        sync_session(instance.session)


def _participant_saved(sender, instance: Participant, raw=False, **kwargs) -> None:
    if not raw:
        sync_pair(instance.pair)


def _attendance_deleted(sender, instance: Attendance, **kwargs) -> None:
    hours.withdraw(model=Attendance, source_ids=[instance.pk])


def _participant_deleted(sender, instance: Participant, **kwargs) -> None:
    hours.withdraw(model=Participant, source_ids=[instance.pk])


def _session_urls(ids: list[int], user) -> dict[int, str]:
    rows = Attendance.objects.filter(pk__in=ids, session__in=Session.objects.for_user(user)).values_list(
        "pk", "session_id")
    return {pk: reverse("mentoring:session-detail", args=[session]) for pk, session in rows}


def _pair_urls(ids: list[int], user) -> dict[int, str]:
    rows = Participant.objects.filter(pk__in=ids, pair__in=Pair.objects.for_user(user)).values_list("pk", "pair_id")
    return {pk: reverse("mentoring:pair-detail", args=[pair]) for pk, pair in rows}


def connect() -> None:
    hours.register_source(Attendance, _session_urls)
    hours.register_source(Participant, _pair_urls)
    post_save.connect(_session_saved, sender=Session, dispatch_uid="mentoring_session_hours")
    post_save.connect(_pair_saved, sender=Pair, dispatch_uid="mentoring_pair_hours")
    post_save.connect(_attendance_saved, sender=Attendance, dispatch_uid="mentoring_attendance_hours")
    post_save.connect(_participant_saved, sender=Participant, dispatch_uid="mentoring_participant_hours")
    post_delete.connect(_attendance_deleted, sender=Attendance, dispatch_uid="mentoring_attendance_hours_out")
    post_delete.connect(_participant_deleted, sender=Participant, dispatch_uid="mentoring_participant_hours_out")


def sync_municipality(municipality) -> None:
    """Post the hours of every session attendance and finished pair of the municipality
    (for data written in bulk, e.g. the demo seed); a few queries whatever the number of rows."""
    kinds = dict(SessionKind.choices)
    rows = (Attendance.objects.filter(session__municipality=municipality)
            .values_list("pk", "pedagogue_id", "session__pd_hours", "session__date", "session__kind",
                         "session__topic"))
    ids, postings = [], []
    for pk, pedagogue_id, pd_hours, day, kind, topic in rows.iterator(chunk_size=5000):
        ids.append(pk)
        if pd_hours:
            postings.append(hours.Posting(source_id=pk, pedagogue_id=pedagogue_id, date=day, hours=pd_hours,
                                          kind=HourKind.SESSION, title=f"{kinds[kind]}: {topic}"))
    hours.sync(model=Attendance, source_ids=ids, postings=postings)
    for pair in (Pair.objects.filter(institution__municipality=municipality, pd_hours__isnull=False)
                 .select_related("programme", "form").prefetch_related("participants")):
        sync_pair(pair)
