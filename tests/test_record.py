"""The pedagogue's professional record: automatic hour posting from associations and mentoring,
the record's sections with their numbers, the PDF/xlsx exports and who may see them."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from associations import models as assoc
from associations.services import mark_attendance
from associations.tests.factories import AssociationFactory
from associations.tests.factories import CompetitionFactory
from associations.tests.factories import MeetingFactory
from associations.tests.factories import enter
from core.models import Pedagogue
from mentoring import models as ment
from mentoring.services import save_pair
from mentoring.services import set_attendance
from mentoring.tests.factories import SessionFactory
from training.models import HourEntry
from training.models import HourKind
from training.tests.factories import CompletionFactory

pytestmark = pytest.mark.django_db


def ledger(pedagogue) -> list[tuple]:
    return list(HourEntry.objects.filter(pedagogue=pedagogue).order_by("date", "pk")
                .values_list("kind", "hours", "title"))


@pytest.fixture
def colleague(city, school) -> Pedagogue:
    return Pedagogue.objects.create(last_name="Сидорова", first_name="Ольга", middle_name="Ивановна",
                                    birth_date=datetime.date(1980, 1, 1), municipality=city, institution=school)


@pytest.fixture
def stranger(city, other_school) -> Pedagogue:
    return Pedagogue.objects.create(last_name="Кузнецов", first_name="Пётр", middle_name="Андреевич",
                                    birth_date=datetime.date(1975, 1, 1), municipality=city, institution=other_school)


@pytest.fixture
def seminar(city, teacher_pedagogue, colleague):
    association = AssociationFactory(municipality=city, title="ГМО учителей математики")
    for person in (teacher_pedagogue, colleague):
        assoc.Membership.objects.create(association=association, pedagogue=person, joined=datetime.date(2020, 9, 1))
    return MeetingFactory(association=association, date=datetime.date(2022, 11, 10), topic="Семинар по ФГОС",
                          kind=assoc.MeetingKind.WORKSHOP, counts_toward_pd=True, pd_hours=Decimal("4"))


# --- Associations: a seminar that counts toward PD -------------------------------------------------------

def test_seminar_attendance_posts_hours_once_and_only_to_those_present(seminar, teacher_pedagogue, colleague):
    marks = {teacher_pedagogue.pk: True, colleague.pk: False}
    mark_attendance(meeting=seminar, marks=marks)
    mark_attendance(meeting=seminar, marks=marks)  # saving again does not post twice

    assert ledger(teacher_pedagogue) == [
        (HourKind.SEMINAR, Decimal("4.0"), "ГМО учителей математики: Семинар по ФГОС")]
    assert ledger(colleague) == []
    entry = HourEntry.objects.get(pedagogue=teacher_pedagogue)
    assert entry.source == assoc.Attendance.objects.get(meeting=seminar, pedagogue=teacher_pedagogue)
    assert entry.date == datetime.date(2022, 11, 10)


def test_unmarking_attendance_or_deleting_it_withdraws_the_hours(seminar, teacher_pedagogue, colleague):
    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: True, colleague.pk: True})
    assert HourEntry.objects.count() == 2

    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: False, colleague.pk: True})
    assert ledger(teacher_pedagogue) == []

    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: True})  # the colleague's row is removed
    assert ledger(colleague) == []
    assert len(ledger(teacher_pedagogue)) == 1


def test_meeting_hours_follow_the_meeting_and_vanish_with_it(seminar, teacher_pedagogue):
    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: True})
    seminar.pd_hours = Decimal("6")
    seminar.save()
    assert ledger(teacher_pedagogue)[0][1] == Decimal("6.0")

    seminar.counts_toward_pd, seminar.pd_hours = False, None
    seminar.save()
    assert ledger(teacher_pedagogue) == []

    seminar.counts_toward_pd, seminar.pd_hours = True, Decimal("3")
    seminar.save()
    assert ledger(teacher_pedagogue)[0][1] == Decimal("3.0")

    seminar.delete()
    assert HourEntry.objects.count() == 0


def test_an_ordinary_meeting_posts_no_hours(city, teacher_pedagogue):
    meeting = MeetingFactory(association=AssociationFactory(municipality=city))
    mark_attendance(meeting=meeting, marks={teacher_pedagogue.pk: True})
    assert HourEntry.objects.count() == 0


# --- Mentoring: School of the Young Teacher sessions and pairs ------------------------------------------

def test_young_teacher_school_session_posts_hours_to_attendees_idempotently(city, teacher_pedagogue, colleague):
    session = SessionFactory(municipality=city, topic="Портфолио молодого педагога", date=datetime.date(2022, 10, 5))
    assert session.pd_hours == Decimal("2")  # a session counts two hours unless said otherwise

    set_attendance(session=session, attendees=[teacher_pedagogue, colleague])
    set_attendance(session=session, attendees=[teacher_pedagogue, colleague])
    assert HourEntry.objects.filter(kind=HourKind.SESSION).count() == 2
    assert ledger(teacher_pedagogue) == [
        (HourKind.SESSION, Decimal("2.0"), "Школа молодого педагога: Портфолио молодого педагога")]

    session.pd_hours = Decimal("3")
    session.save()
    assert ledger(colleague)[0][1] == Decimal("3.0")

    set_attendance(session=session, attendees=[teacher_pedagogue])  # bulk write: the colleague is unmarked
    assert ledger(colleague) == []
    assert len(ledger(teacher_pedagogue)) == 1

    session.delete()
    assert HourEntry.objects.count() == 0


def test_session_without_hours_posts_nothing(city, teacher_pedagogue):
    session = SessionFactory(municipality=city, pd_hours=None)
    set_attendance(session=session, attendees=[teacher_pedagogue])
    assert HourEntry.objects.count() == 0


def test_finished_pair_with_hours_posts_them_to_the_mentee_not_the_mentor(school, teacher_pedagogue, colleague):
    pair = ment.Pair(institution=school, form=ment.MentoringForm.objects.order_by("order").first(),
                     start=datetime.date(2021, 9, 1), end=datetime.date(2022, 5, 31), pd_hours=Decimal("18"))
    save_pair(pair=pair, mentors=[colleague], mentees=[teacher_pedagogue])
    save_pair(pair=pair, mentors=[colleague], mentees=[teacher_pedagogue])

    assert [(k, h) for k, h, _t in ledger(teacher_pedagogue)] == [(HourKind.OTHER, Decimal("18.0"))]
    assert HourEntry.objects.get().date == datetime.date(2022, 5, 31)
    assert ledger(colleague) == []

    pair.end = None  # no longer finished: nothing to post yet
    pair.save()
    assert ledger(teacher_pedagogue) == []

    pair.end = datetime.date(2022, 5, 31)
    save_pair(pair=pair, mentors=[colleague], mentees=[teacher_pedagogue])
    assert len(ledger(teacher_pedagogue)) == 1
    ment.Participant.objects.filter(pedagogue=teacher_pedagogue).delete()
    assert ledger(teacher_pedagogue) == []


# --- The record page ------------------------------------------------------------------------------------

@pytest.fixture
def record(city, school, year, teacher_pedagogue, seminar, colleague):
    """A teacher with a course (72 h), a seminar (4 h), two sessions (2 h each) and a competition entry."""
    CompletionFactory(pedagogue=teacher_pedagogue, hours=72, finished=datetime.date(2022, 3, 1),
                      programme__title="Формирование функциональной грамотности")
    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: True, colleague.pk: True})
    for day in (datetime.date(2022, 10, 5), datetime.date(2022, 11, 9)):
        set_attendance(session=SessionFactory(municipality=city, date=day), attendees=[teacher_pedagogue])
    enter(CompetitionFactory(municipality=city, year=year, title="Педагогический дебют"), teacher_pedagogue,
          result=assoc.Result.WINNER)
    return teacher_pedagogue


def test_record_page_shows_the_hour_account_with_sources_and_sections(client, teacher, record, seminar):
    client.force_login(teacher)
    response = client.get(reverse("core:pedagogue-detail", args=[record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("training", "hours", "associations", "competitions", "young-teacher-school"):
        assert f'id="record-{key}"' in html
    sections = {s.key: s for s in response.context["sections"]}
    assert sections["hours"].facts == [
        (HourKind.COURSE.label, "72"), (HourKind.SEMINAR.label, "4"), (HourKind.SESSION.label, "4")]
    assert sorted(row[3] for row in sections["hours"].rows) == [Decimal("2.0"), Decimal("2.0"), Decimal("4.0"),
                                                                 Decimal("72.0")]
    assert seminar.get_absolute_url() in html  # the seminar's ledger line links to the meeting
    assert sections["associations"].rows == [
        ("ГМО учителей математики", str(assoc.AssociationKind.GMO.label), datetime.date(2020, 9, 1), None, 1,
         Decimal("4"))]
    assert sections["competitions"].facts[1][1] == 1  # one win
    assert [len(r) for r in sections["young-teacher-school"].rows] == [4, 4]
    assert reverse("core:pedagogue-record-pdf", args=[record.pk]) in html


def test_pdf_portfolio_has_the_title_block_and_every_section(client, methodist, record):
    client.force_login(methodist)
    response = client.get(reverse("core:pedagogue-record-pdf", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Иванова Мария Петровна" in text
    assert "СШ № 1" in text or "Средняя школа № 1" in text
    for fragment in ("Формирование функциональной грамотности", "Семинар по ФГОС", "Педагогический дебют",
                     "10.11.2022", "72"):
        assert fragment in text


def test_xlsx_record_has_a_sheet_per_section_with_rows(client, methodist, record):
    client.force_login(methodist)
    response = client.get(reverse("core:pedagogue-record-xlsx", args=[record.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 6
    summary = list(book.worksheets[0].iter_rows(min_row=4, values_only=True))
    assert summary[0][1] == "Иванова Мария Петровна"
    assert ("Конкурсы профессионального мастерства: Победитель или призёр", "1") in summary
    hours_sheet = next(ws for ws in book.worksheets[1:] if ws.cell(4, 3).value and "ФГОС" in " ".join(
        str(c.value) for c in ws["C"] if c.value))
    values = list(hours_sheet.iter_rows(min_row=4, values_only=True))
    assert len(values) == 4
    assert sum(row[3] for row in values) == 80
    seminar_row = next(row for row in values if "ФГОС" in row[2])
    assert seminar_row[0].date() == datetime.date(2022, 11, 10)


# --- Scoping --------------------------------------------------------------------------------------------

RECORD_URLS = ("core:pedagogue-detail", "core:pedagogue-record-pdf", "core:pedagogue-record-xlsx")


@pytest.mark.parametrize("name", RECORD_URLS)
def test_teacher_sees_only_their_own_record(client, teacher, teacher_pedagogue, colleague, name):
    client.force_login(teacher)
    assert client.get(reverse(name, args=[teacher_pedagogue.pk])).status_code == 200
    assert client.get(reverse(name, args=[colleague.pk])).status_code == 404


@pytest.mark.parametrize("name", RECORD_URLS)
def test_school_sees_its_staff_but_not_another_schools(client, school_user, teacher_pedagogue, stranger, name):
    client.force_login(school_user)
    assert client.get(reverse(name, args=[teacher_pedagogue.pk])).status_code == 200
    assert client.get(reverse(name, args=[stranger.pk])).status_code == 404


@pytest.mark.parametrize("name", RECORD_URLS)
def test_methodist_sees_the_municipality_and_outsider_school_does_not(client, methodist, outsider,
                                                                     teacher_pedagogue, stranger, name):
    client.force_login(methodist)
    assert client.get(reverse(name, args=[teacher_pedagogue.pk])).status_code == 200
    assert client.get(reverse(name, args=[stranger.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse(name, args=[teacher_pedagogue.pk])).status_code == 404


@pytest.mark.parametrize("name", RECORD_URLS)
def test_anonymous_is_sent_to_login(client, teacher_pedagogue, name):
    response = client.get(reverse(name, args=[teacher_pedagogue.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_ledger_is_unique_per_source(seminar, teacher_pedagogue):
    mark_attendance(meeting=seminar, marks={teacher_pedagogue.pk: True})
    row = assoc.Attendance.objects.get()
    row.save()
    row.save()
    assert HourEntry.objects.filter(source_type=ContentType.objects.get_for_model(assoc.Attendance),
                                    source_id=row.pk).count() == 1


def test_bulk_written_attendance_is_posted_by_the_municipality_sync(city, seminar, teacher_pedagogue, colleague):
    """Rows written with bulk_create (the demo seed) send no signals; the sync posts them, once."""
    from associations.hours import sync_municipality as sync_associations
    from mentoring.hours import sync_municipality as sync_mentoring

    session = SessionFactory(municipality=city, date=datetime.date(2022, 12, 1))
    ment.Attendance.objects.bulk_create([ment.Attendance(session=session, pedagogue=teacher_pedagogue)])
    assoc.Attendance.objects.bulk_create([assoc.Attendance(meeting=seminar, pedagogue=teacher_pedagogue),
                                          assoc.Attendance(meeting=seminar, pedagogue=colleague, present=False)])
    assert HourEntry.objects.count() == 0

    for _ in range(2):
        sync_associations(city)
        sync_mentoring(city)
    assert sorted((k, h) for k, h, _t in ledger(teacher_pedagogue)) == [
        (HourKind.SEMINAR, Decimal("4.0")), (HourKind.SESSION, Decimal("2.0"))]
    assert ledger(colleague) == []


def _grow(city, seminar, pedagogue, n: int) -> None:
    for i in range(n):
        meeting = MeetingFactory(association=seminar.association, date=datetime.date(2022, 9, 1 + i),
                                 counts_toward_pd=True, pd_hours=Decimal("2"))
        mark_attendance(meeting=meeting, marks={pedagogue.pk: True})
        set_attendance(session=SessionFactory(municipality=city, date=datetime.date(2022, 10, 1 + i)),
                       attendees=[pedagogue])
        CompletionFactory(pedagogue=pedagogue, hours=16, finished=datetime.date(2021, 3, 1 + i))


@pytest.mark.parametrize("name", RECORD_URLS)
def test_record_query_count_does_not_grow_with_the_record(client, methodist, city, record, seminar, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(methodist)
    url = reverse(name, args=[record.pk])
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(city, seminar, record, 6)
    client.get(url)  # the writes moved the records' generation: warm the roles and counts again (core.freshness)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_ledger_links_only_to_activities_the_user_may_open(client, teacher, methodist, record):
    session = ment.Session.objects.order_by("date").first()
    session_url = reverse("mentoring:session-detail", args=[session.pk])
    client.force_login(methodist)
    assert session_url in client.get(reverse("core:pedagogue-detail", args=[record.pk])).content.decode()
    client.force_login(teacher)
    html = client.get(reverse("core:pedagogue-detail", args=[record.pk])).content.decode()
    opens = client.get(session_url).status_code == 200
    assert (session_url in html) == opens
    assert "Школа молодого педагога: Занятие" in html  # the line is there, linked or not
