"""Core at region scale: the pedagogues list (as the methodist of the demo city and as the
region-wide admin) and the core indicators for a municipality and for one institution."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from bench.common import demo_city
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from core.models import Category
from core.models import Pedagogue


def run(report) -> None:
    users = get_user_model().objects
    url = reverse("core:pedagogue-list")
    city, school = demo_city()

    methodist, admin = logged_in("methodist", "admin").values()
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
    report.measure("pedagogues list, admin (whole region), page 1", page(admin, url))
    report.measure("pedagogues list, admin (whole region), last page", page(admin, f"{url}?page=last"))
    report.measure("pedagogues list, admin, search «Петров»", page(admin, f"{url}?q=Петров"))

    measure_indicators(report, "core", city, AcademicYear.objects.get(start_year=2021), school=school,
                       breakdown="breakdown by institution", count_rows=True)
