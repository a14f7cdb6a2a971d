"""Expertise at region scale: the request list (methodist, admin), a request page, the expert's
queue, the register of experts, and the expertise indicators."""

from django.contrib.auth import get_user_model
from django.test import Client

from core.models import AcademicYear, Institution, Municipality
from expertise.models import ReviewRequest


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
    report.note(f"{ReviewRequest.objects.count()} review requests in the region")
    methodist, admin, expert = Client(), Client(), Client()
    methodist.force_login(users.get(username="methodist"))
    admin.force_login(users.get(username="admin"))
    expert.force_login(users.get(username="expert"))
    report.measure("request list, methodist", page(methodist, "/expertise/"))
    report.measure("request list, admin (whole region)", page(admin, "/expertise/"))
    report.measure("request list export, methodist", page(methodist, "/expertise/?export=xlsx"))
    request = ReviewRequest.objects.filter(municipality=city, status="concluded").first()
    report.measure("request page, methodist", page(methodist, f"/expertise/{request.pk}/"))
    report.measure("expert's queue", page(expert, "/expertise/queue/"))
    report.measure("register of experts, methodist", page(methodist, "/expertise/experts/"))

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2021)
    for item in registry:
        if not item.code.startswith("expertise."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        if item.breakdown:
            report.measure(f"{item.code} {year}, breakdown", lambda item=item: item.breakdown(city, year))
