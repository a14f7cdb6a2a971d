"""Certificates at region scale: the certificate list (methodist of the demo city, a school, the
region-wide admin) and its Excel export, the public verification page and API, one PDF, the
issue preview of the largest seminar, bulk issue of a fresh event, its ZIP of PDFs, and the
pedagogue record section."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from bench.common import export
from bench.common import logged_in
from bench.common import page
from certificates.models import Certificate
from certificates.record import sections
from certificates.services import issue_certificates
from certificates.sources import get_source
from core.models import Pedagogue


class Rollback(Exception):
    pass


def run(report) -> None:
    users = get_user_model().objects
    methodist = users.get(username="methodist")
    report.note(f"{Certificate.objects.count()} certificates issued in the demo")
    clients = logged_in("methodist", "school", "admin")
    listing = reverse("certificates:list")
    for username in ("methodist", "school", "admin"):
        report.measure(f"certificate list, {username}, page 1", page(clients[username], listing))
    report.measure("certificate list, admin, search «Иван»", page(clients["admin"], f"{listing}?q=Иван"))
    report.measure("certificate export, admin (whole region)",
                   export(clients["admin"], "certificates:export"))
    certificate = Certificate.objects.order_by("pk").first()
    anonymous = Client()
    report.measure("verification page, anonymous", page(anonymous, certificate.verify_path()))
    report.measure("verification API, anonymous",
                   page(anonymous, f"/api/v1/certificates/verify/{certificate.code}/"))
    report.measure("one certificate PDF", page(clients["methodist"], reverse("certificates:pdf", args=[certificate.pk])),
                   repeat=3)

    source = get_source("associations.meeting")
    meetings = source.events_for(methodist)
    largest = max(meetings[:200], key=lambda meeting: meeting.attendance.filter(present=True).count())
    attendees = largest.attendance.filter(present=True).count()
    report.measure(f"issue preview of the largest seminar ({attendees} present)",
                   page(clients["methodist"], reverse("certificates:issue-event", args=[source.key, largest.pk])))

    fresh = meetings.exclude(pk__in=Certificate.objects.filter(source_key=source.key).values("source_id")).first()
    if fresh is not None:
        count = fresh.attendance.filter(present=True).count()

        def issue_and_roll_back():
            try:
                with transaction.atomic():
                    issue_certificates(source=source, event=fresh, by=methodist)
                    raise Rollback
            except Rollback:
                pass

        report.measure(f"bulk issue for a seminar ({count} present), rolled back", issue_and_roll_back, repeat=3)
    issued_event = Certificate.objects.filter(source_key=source.key).values_list("source_id", flat=True).first()
    zip_count = Certificate.objects.filter(source_key=source.key, source_id=issued_event).valid().count()
    report.measure(f"ZIP of a seminar's PDFs ({zip_count} certificates)",
                   page(clients["methodist"], reverse("certificates:issue-event-zip", args=[source.key, issued_event])),
                   repeat=1)
    teacher = Pedagogue.objects.get(user__username="teacher")
    report.measure("record section of the demo teacher", lambda: sections(teacher, methodist))
