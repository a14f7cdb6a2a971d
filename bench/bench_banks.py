"""Banks at region scale: the public showcase (anonymous: search, facets, a bank), the internal
list with search and export (methodist, region-wide admin), and the banks indicators."""

from django.contrib.auth import get_user_model
from django.test import Client

from banks.models import Item
from core.models import AcademicYear, Institution, Municipality


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
    report.note(f"{Item.objects.count()} bank items, {Item.objects.published().count()} published in the region")

    anonymous = Client()
    methodist = Client()
    methodist.force_login(users.get(username="methodist"))
    admin = Client()
    admin.force_login(users.get(username="admin"))
    report.measure("showcase, anonymous, page 1 with facets", page(anonymous, "/banks/showcase/"))
    report.measure("showcase, anonymous, search «проект»", page(anonymous, "/banks/showcase/?q=проект"))
    report.measure("showcase, anonymous, one bank + recommended", page(anonymous, "/banks/showcase/?bank=resources&recommended=true"))
    item = Item.objects.published().first()
    report.measure("showcase item page, anonymous", page(anonymous, f"/banks/showcase/{item.pk}/"))
    report.measure("bank list, methodist, page 1", page(methodist, "/banks/"))
    report.measure("bank list, methodist, search «математика»", page(methodist, "/banks/?q=математика"))
    report.measure("bank list, admin (whole region), page 1", page(admin, "/banks/"))
    report.measure("bank list export, methodist (all rows)", page(methodist, "/banks/?export=xlsx"))
    report.measure("API items, methodist, search", page(methodist, "/api/v1/banks/items/?q=проект"))

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2021)
    for item in registry:
        if not item.code.startswith("banks."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        report.measure(f"{item.code} {year}, breakdown", lambda item=item: item.breakdown(city, year))
