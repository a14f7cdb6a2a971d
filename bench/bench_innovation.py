"""Innovation at region scale: the site list (methodist, admin), a site page, and the innovation
indicators for a municipality, an institution and the breakdowns."""

from django.contrib.auth import get_user_model
from django.test import Client

from core.models import AcademicYear, Institution, Municipality
from innovation.models import Participant, Project


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
    report.note(f"{Project.objects.count()} sites, {Participant.objects.count()} participants in the region")
    methodist = Client()
    methodist.force_login(users.get(username="methodist"))
    admin = Client()
    admin.force_login(users.get(username="admin"))
    report.measure("site list, methodist", page(methodist, "/innovation/"))
    report.measure("site list, admin (whole region)", page(admin, "/innovation/"))
    report.measure("site list export, admin", page(admin, "/innovation/?export=xlsx"))
    project = Project.objects.filter(municipality=city).first()
    report.measure("site page, methodist", page(methodist, f"/innovation/{project.pk}/"))

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2021)
    for item in registry:
        if not item.code.startswith("innovation."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        if item.breakdown:
            report.measure(f"{item.code} {year}, breakdown", lambda item=item: item.breakdown(city, year))
