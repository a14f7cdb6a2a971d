"""List pages, record section and API keep a constant number of queries as certificates grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.record import sections

from .factories import issue
from .factories import pedagogue
from .factories import seminar

pytestmark = pytest.mark.django_db


def certify(city, school, methodist, count: int) -> None:
    issue("associations.meeting", seminar(city, [pedagogue(school) for _ in range(count)]), methodist)


def queries(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [reverse("certificates:list"), reverse("certificates:export"), "/api/v1/certificates/"])
def test_list_export_and_api_queries_do_not_grow_with_the_rows(client, methodist, city, school, url):
    client.force_login(methodist)
    certify(city, school, methodist, 2)
    few = queries(lambda: client.get(url))
    certify(city, school, methodist, 8)
    many = queries(lambda: client.get(url))

    assert many == few


def test_issue_preview_queries_do_not_grow_with_the_attendees(client, methodist, city, school):
    client.force_login(methodist)
    small = seminar(city, [pedagogue(school) for _ in range(2)], topic="Малый семинар")
    large = seminar(city, [pedagogue(school) for _ in range(12)], topic="Большой семинар")

    def preview(meeting):
        return queries(lambda: client.get(reverse("certificates:issue-event", args=["associations.meeting", meeting.pk])))

    preview(small)  # warm the per-user caches (roles, unread count: core.freshness)
    assert preview(large) == preview(small)


def test_record_section_queries_do_not_grow(teacher, teacher_pedagogue, city, school, methodist):
    issue("associations.meeting", seminar(city, [teacher_pedagogue]), methodist)
    sections(teacher_pedagogue, teacher)  # the user's roles are read once and cached
    few = queries(lambda: sections(teacher_pedagogue, teacher))
    for topic in ("Второй", "Третий", "Четвёртый"):
        issue("associations.meeting", seminar(city, [teacher_pedagogue], topic=topic), methodist)
    assert queries(lambda: sections(teacher_pedagogue, teacher)) == few


def test_zip_queries_do_not_grow_with_the_certificates(client, methodist, city, school):
    client.force_login(methodist)
    small = seminar(city, [pedagogue(school) for _ in range(1)], topic="Малый семинар")
    large = seminar(city, [pedagogue(school) for _ in range(3)], topic="Большой семинар")
    for meeting in (small, large):
        issue("associations.meeting", meeting, methodist)

    def download(meeting):
        url = reverse("certificates:issue-event-zip", args=["associations.meeting", meeting.pk])
        return queries(lambda: client.get(url))

    download(small)  # warm the per-user caches (roles, unread count: core.freshness)
    assert download(large) == download(small)
