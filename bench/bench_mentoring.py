"""Mentoring at region scale: the pair list and the young-specialist list (methodist of the demo
city, region-wide admin), the retention table, the attestation due list, and the mentoring and
School of the Young Teacher indicators for a municipality, an institution and the breakdowns."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.models import AcademicYear, Institution, Municipality
from mentoring.models import Pair, Session
from mentoring.retention import retention_table


def page(client: Client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get


def run(report) -> None:
    users = get_user_model().objects
    city = Municipality.objects.get(code="lesosibirsk")
    school = Institution.objects.get(municipality=city, short_name="СШ № 1")
    report.note(f"{Pair.objects.count()} pairs, {Session.objects.count()} sessions in the region")

    methodist = Client()
    methodist.force_login(users.get(username="methodist"))
    admin = Client()
    admin.force_login(users.get(username="admin"))
    pairs = reverse("mentoring:pair-list")
    young = reverse("mentoring:young-list")
    report.measure("pair list, methodist, page 1", page(methodist, pairs))
    report.measure("pair list, methodist, search «Иван» + active", page(methodist, f"{pairs}?q=Иван&status=active"))
    report.measure("pair list, admin (whole region), page 1", page(admin, pairs))
    report.measure("young specialists, methodist, no mentor yet", page(methodist, f"{young}?mentor=no"))
    report.measure("young specialists, admin (whole region)", page(admin, young))
    report.measure("young specialists export, methodist", page(methodist, reverse("mentoring:young-export")))
    report.measure("retention page, methodist", page(methodist, reverse("mentoring:retention")))
    report.measure("retention table, one institution", lambda: retention_table(school))
    report.measure("attestation due list, methodist", page(methodist, reverse("mentoring:due-list")))
    report.measure("attestation due list, admin (whole region)", page(admin, reverse("mentoring:due-list")))

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2021)
    for item in registry:
        if not item.code.startswith("mentoring."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        rows = report.measure(f"{item.code} {year}, breakdown", lambda item=item: item.breakdown(city, year))
        report.note(f"{item.code} breakdown: {len(rows)} institutions")
