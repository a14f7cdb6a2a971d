"""Mentoring at region scale: the pair list and the young-specialist list (methodist of the demo
city, region-wide admin), the retention table, the attestation due list, and the mentoring and
School of the Young Teacher indicators for a municipality, an institution and the breakdowns."""

from django.urls import reverse

from bench.common import demo_city
from bench.common import export
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from mentoring.models import Pair
from mentoring.models import Session
from mentoring.retention import retention_table


def run(report) -> None:
    city, school = demo_city()
    report.note(f"{Pair.objects.count()} pairs, {Session.objects.count()} sessions in the region")

    methodist, admin = logged_in("methodist", "admin").values()
    pairs = reverse("mentoring:pair-list")
    young = reverse("mentoring:young-list")
    report.measure("pair list, methodist, page 1", page(methodist, pairs))
    report.measure("pair list, methodist, search «Иван» + active", page(methodist, f"{pairs}?q=Иван&status=active"))
    report.measure("pair list, admin (whole region), page 1", page(admin, pairs))
    report.measure("young specialists, methodist, no mentor yet", page(methodist, f"{young}?mentor=no"))
    report.measure("young specialists, admin (whole region)", page(admin, young))
    report.measure("young specialists export, methodist", export(methodist, "mentoring:young-export"))
    report.measure("retention page, methodist", page(methodist, reverse("mentoring:retention")))
    report.measure("retention table, one institution", lambda: retention_table(school))
    report.measure("attestation due list, methodist", page(methodist, reverse("mentoring:due-list")))
    report.measure("attestation due list, admin (whole region)", page(admin, reverse("mentoring:due-list")))

    measure_indicators(report, "mentoring", city, AcademicYear.objects.get(start_year=2021), school=school,
                       count_rows=True)
