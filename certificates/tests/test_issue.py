import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.models import NumberCounter
from certificates.services import preview_recipients
from certificates.signals import certificate_issued
from certificates.sources import Kind
from certificates.sources import all_sources
from certificates.sources import get_source

from .factories import Result
from .factories import competition
from .factories import issue
from .factories import pedagogue
from .factories import young_teacher_session

pytestmark = pytest.mark.django_db


def test_sources_of_the_domain_apps_are_discovered():
    assert list(all_sources()) == [
        "associations.meeting", "associations.competition", "mentoring.young_teacher_school",
    ]


def test_bulk_issue_certifies_present_attendees_with_the_seminars_hours(meeting, methodist):
    created = issue("associations.meeting", meeting, methodist)

    year = timezone.localdate().year
    assert sorted(c.holder_name for c in created) == [
        "Иванова Мария Петровна", "Кузнецова Анна Игоревна", "Орлова Анна Игоревна",
    ]
    assert sorted(c.number for c in created) == [f"ММС-{year}-00000{n}" for n in (1, 2, 3)]
    certificate = Certificate.objects.get(holder_name="Кузнецова Анна Игоревна")
    assert certificate.kind == Kind.CERTIFICATE
    assert certificate.hours == Decimal("4.0")
    assert certificate.event_date == datetime.date(2026, 3, 12)
    assert certificate.event_title == "Формирующее оценивание на уроке (ГМО учителей математики)"
    assert certificate.issued_by == methodist
    assert certificate.source == meeting
    assert certificate.history.count() == 1


def test_issuing_twice_adds_nothing_and_a_late_attendee_gets_the_next_number(meeting, methodist, school):
    issue("associations.meeting", meeting, methodist)

    assert issue("associations.meeting", meeting, methodist) == []
    assert Certificate.objects.count() == 3

    late = pedagogue(school, "Белова")
    meeting.attendance.create(pedagogue=late, present=True)
    [added] = issue("associations.meeting", meeting, methodist)
    assert added.holder == late
    assert added.sequence == 4
    assert Certificate.objects.count() == 4


def test_preview_marks_who_already_has_a_certificate(meeting, methodist, school):
    issue("associations.meeting", meeting, methodist)
    late = pedagogue(school, "Белова")
    meeting.attendance.create(pedagogue=late, present=True)

    rows = preview_recipients(source=get_source("associations.meeting"), event=meeting)

    assert [(row.recipient.pedagogue.last_name, row.certificate is None) for row in rows] == [
        ("Белова", True), ("Иванова", False), ("Кузнецова", False), ("Орлова", False),
    ]


def test_the_database_refuses_a_second_certificate_of_the_same_kind_for_an_event(meeting, methodist):
    first = issue("associations.meeting", meeting, methodist)[0]
    duplicate = Certificate(
        number="ММС-1999-000001", year=1999, sequence=1, kind=first.kind, holder=first.holder,
        holder_name=first.holder_name, municipality=first.municipality, event_title="x", event_date=first.event_date,
        source_key=first.source_key, source_type=first.source_type, source_id=first.source_id,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_numbers_are_allocated_in_disjoint_blocks_per_year():
    with transaction.atomic():
        first = NumberCounter.allocate(2026, 3)
        second = NumberCounter.allocate(2026, 2)
        other_year = NumberCounter.allocate(2027, 1)

    assert list(first) == [1, 2, 3]
    assert list(second) == [4, 5]
    assert list(other_year) == [1]
    assert Certificate.format_number(2026, 5) == "ММС-2026-000005"


def test_a_sequence_number_cannot_be_used_twice_in_a_year(meeting, methodist):
    certificate = issue("associations.meeting", meeting, methodist)[0]
    other = Certificate.objects.exclude(pk=certificate.pk).first()
    other.sequence = certificate.sequence
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_competition_gives_diplomas_for_results_and_certificates_of_participation(city, school, methodist):
    winner, prize, participant = (pedagogue(school, name) for name in ("Андреева", "Борисова", "Васильева"))
    contest = competition(city, {
        winner: (Result.WINNER, "Педагогический дебют"),
        prize: (Result.PRIZE_WINNER, ""),
        participant: (Result.PARTICIPANT, ""),
    })

    issue("associations.competition", contest, methodist)

    rows = {c.holder.last_name: (c.kind, c.line, c.event_date) for c in Certificate.objects.all()}
    assert rows == {
        "Андреева": (Kind.DIPLOMA, "Победитель, номинация «Педагогический дебют»", datetime.date(2026, 2, 20)),
        "Борисова": (Kind.DIPLOMA, "Призёр", datetime.date(2026, 2, 20)),
        "Васильева": (Kind.PARTICIPATION, "", datetime.date(2026, 2, 20)),
    }


def test_school_of_the_young_teacher_session_certifies_its_attendees(city, teacher_pedagogue, colleague, methodist):
    session = young_teacher_session(city, [teacher_pedagogue, colleague])

    created = issue("mentoring.young_teacher_school", session, methodist)

    assert len(created) == 2
    assert {c.event_title for c in created} == {"Школа молодого педагога: Классное руководство: первые шаги"}
    assert {c.hours for c in created} == {None}


def test_each_new_certificate_is_signalled_after_the_commit(meeting, methodist, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, certificate, **kwargs):
        received.append((sender, certificate.number))

    certificate_issued.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            created = issue("associations.meeting", meeting, methodist)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            issue("associations.meeting", meeting, methodist)  # nothing new, nothing sent
    finally:
        certificate_issued.disconnect(receiver)

    assert sorted(received) == sorted((Certificate, c.number) for c in created)


def test_revocation_needs_a_reason(meeting, methodist):
    from django.core.exceptions import ValidationError

    certificate = issue("associations.meeting", meeting, methodist)[0]
    with pytest.raises(ValidationError):
        certificate.revoke(reason="  ", by=methodist)
    certificate.revoke(reason="Ошибка в списке участников", by=methodist)
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revoke_reason == "Ошибка в списке участников"


def test_regional_competitions_are_not_offered_for_municipal_diplomas(city, school, methodist):
    from associations.models import Level

    person = pedagogue(school)
    regional = competition(city, {person: (Result.WINNER, "")})
    regional.level = Level.REGIONAL
    regional.save()
    municipal = competition(city, {person: (Result.PARTICIPANT, "")})
    municipal.title = "Педагогический дебют"
    municipal.save()

    offered = list(get_source("associations.competition").events_for(methodist))

    assert offered == [municipal]
