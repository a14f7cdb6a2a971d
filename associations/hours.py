"""Association seminars and meetings marked "counts toward PD" post their hours to the
attendee's hour account (one ledger line per attendance row, withdrawn when the pedagogue is
marked absent, the row is deleted or the meeting stops counting)."""

from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.urls import reverse

from training import hours
from training.models import HourKind

from .models import Attendance
from .models import Meeting


def _posting(row: Attendance, meeting: Meeting) -> hours.Posting | None:
    if not (row.present and meeting.counts_toward_pd and meeting.pd_hours):
        return None
    return hours.Posting(
        source_id=row.pk, pedagogue_id=row.pedagogue_id, date=meeting.date, hours=meeting.pd_hours,
        kind=HourKind.SEMINAR, title=f"{meeting.association}: {meeting.topic}",
    )


def sync_meeting(meeting: Meeting) -> None:
    """Post (or withdraw) the hours of every attendance row of the meeting."""
    rows = list(meeting.attendance.all())
    postings = [p for p in (_posting(row, meeting) for row in rows) if p]
    hours.sync(model=Attendance, source_ids=[row.pk for row in rows], postings=postings)


def sync_attendance(row: Attendance) -> None:
    posting = _posting(row, row.meeting)
    hours.sync(model=Attendance, source_ids=[row.pk], postings=[posting] if posting else [])


def _attendance_saved(sender, instance: Attendance, raw=False, **kwargs) -> None:
    if not raw:
        sync_attendance(instance)


def _attendance_deleted(sender, instance: Attendance, **kwargs) -> None:
    hours.withdraw(model=Attendance, source_ids=[instance.pk])


def _meeting_saved(sender, instance: Meeting, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        sync_meeting(instance)


def _meeting_urls(ids: list[int], user) -> dict[int, str]:
    rows = Attendance.objects.filter(pk__in=ids, meeting__in=Meeting.objects.for_user(user)).values_list(
        "pk", "meeting_id")
    return {pk: reverse("associations:meeting-detail", args=[meeting]) for pk, meeting in rows}


def connect() -> None:
    hours.register_source(Attendance, _meeting_urls)
    post_save.connect(_attendance_saved, sender=Attendance, dispatch_uid="associations_attendance_hours")
    post_delete.connect(_attendance_deleted, sender=Attendance, dispatch_uid="associations_attendance_hours_out")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="associations_meeting_hours")


def sync_municipality(municipality) -> None:
    """Post the hours of every attendance row of the municipality's meetings that count toward PD
    (for data written in bulk, e.g. the demo seed); a few queries whatever the number of rows."""
    rows = (Attendance.objects.filter(meeting__association__municipality=municipality)
            .values_list("pk", "pedagogue_id", "present", "meeting__counts_toward_pd", "meeting__pd_hours",
                         "meeting__date", "meeting__topic", "meeting__association__title"))
    ids, postings = [], []
    for pk, pedagogue_id, present, counts, pd_hours, day, topic, association in rows.iterator(chunk_size=5000):
        ids.append(pk)
        if present and counts and pd_hours:
            postings.append(hours.Posting(source_id=pk, pedagogue_id=pedagogue_id, date=day, hours=pd_hours,
                                          kind=HourKind.SEMINAR, title=f"{association}: {topic}"))
    hours.sync(model=Attendance, source_ids=ids, postings=postings)
