"""Core at region scale: the pedagogues list (as the methodist of the demo city and as the
region-wide admin) and the core indicators for a municipality and for one institution."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.models import AcademicYear, Category, Institution, Municipality, Pedagogue


def page(client: Client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get


def run(report) -> None:
    users = get_user_model().objects
    url = reverse("core:pedagogue-list")
    city = Municipality.objects.get(code="lesosibirsk")
    school = Institution.objects.get(municipality=city, short_name="СШ № 1")

    methodist = Client()
    methodist.force_login(users.get(username="methodist"))
    visible = Pedagogue.objects.for_user(users.get(username="methodist")).count()
    report.note(f"the methodist sees {visible} pedagogues of {city}; the admin all {Pedagogue.objects.count()}")
    report.measure("pedagogues list, methodist, page 1", page(methodist, url))
    report.measure(
        "pedagogues list, methodist, filtered (institution + under 35, sorted by birth date)",
        page(methodist, f"{url}?institution={school.pk}&under_35=on&sort=birth_date"),
    )
    report.measure(
        "pedagogues list, methodist, search «Иван» + highest category, page 2",
        page(methodist, f"{url}?q=Иван&category={Category.HIGHEST}&page=2"),
    )
    admin = Client()
    admin.force_login(users.get(username="admin"))
    report.measure("pedagogues list, admin (whole region), page 1", page(admin, url))
    report.measure("pedagogues list, admin (whole region), last page", page(admin, f"{url}?page=last"))
    report.measure("pedagogues list, admin, search «Петров»", page(admin, f"{url}?q=Петров"))

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2021)
    for item in registry:
        if not item.code.startswith("core."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        if item.breakdown:
            rows = report.measure(
                f"{item.code} {year}, breakdown by institution", lambda item=item: item.breakdown(city, year)
            )
            report.note(f"{item.code} breakdown: {len(rows)} institutions")
