"""Innovation at region scale: the site list (methodist, admin), a site page, and the innovation
indicators for a municipality, an institution and the breakdowns."""


from bench.common import demo_city
from bench.common import export
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from innovation.models import Participant
from innovation.models import Project


def run(report) -> None:
    city, school = demo_city()
    report.note(f"{Project.objects.count()} sites, {Participant.objects.count()} participants in the region")
    methodist, admin = logged_in("methodist", "admin").values()
    report.measure("site list, methodist", page(methodist, "/innovation/"))
    report.measure("site list, admin (whole region)", page(admin, "/innovation/"))
    report.measure("site list export, admin", export(admin, "innovation:project-export"))
    project = Project.objects.filter(municipality=city).first()
    report.measure("site page, methodist", page(methodist, f"/innovation/{project.pk}/"))

    measure_indicators(report, "innovation", city, AcademicYear.objects.get(start_year=2021), school=school)
