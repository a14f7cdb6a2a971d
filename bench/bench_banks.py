"""Banks at region scale: the public showcase (anonymous: search, facets, a bank), the internal
list with search and export (methodist, region-wide admin), and the banks indicators."""

from django.test import Client

from banks.models import Item
from bench.common import demo_city
from bench.common import export
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear


def run(report) -> None:
    city, school = demo_city()
    report.note(f"{Item.objects.count()} bank items, {Item.objects.published().count()} published in the region")

    anonymous = Client()
    methodist, admin = logged_in("methodist", "admin").values()
    report.measure("showcase, anonymous, page 1 with facets", page(anonymous, "/banks/showcase/"))
    report.measure("showcase, anonymous, search «проект»", page(anonymous, "/banks/showcase/?q=проект"))
    report.measure("showcase, anonymous, one bank + recommended", page(anonymous, "/banks/showcase/?bank=resources&recommended=true"))
    item = Item.objects.published().first()
    report.measure("showcase item page, anonymous", page(anonymous, f"/banks/showcase/{item.pk}/"))
    report.measure("bank list, methodist, page 1", page(methodist, "/banks/"))
    report.measure("bank list, methodist, search «математика»", page(methodist, "/banks/?q=математика"))
    report.measure("bank list, admin (whole region), page 1", page(admin, "/banks/"))
    report.measure("bank list export, methodist (all rows)", export(methodist, "banks:item-export"))
    report.measure("API items, methodist, search", page(methodist, "/api/v1/banks/items/?q=проект"))

    measure_indicators(report, "banks", city, AcademicYear.objects.get(start_year=2021), school=school)
