"""Expertise at region scale: the request list (methodist, admin), a request page, the expert's
queue, the register of experts, and the expertise indicators."""


from bench.common import demo_city
from bench.common import export
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from expertise.models import ReviewRequest


def run(report) -> None:
    city, school = demo_city()
    report.note(f"{ReviewRequest.objects.count()} review requests in the region")
    methodist, admin, expert = logged_in("methodist", "admin", "expert").values()
    report.measure("request list, methodist", page(methodist, "/expertise/"))
    report.measure("request list, admin (whole region)", page(admin, "/expertise/"))
    report.measure("request list export, methodist", export(methodist, "expertise:request-export"))
    request = ReviewRequest.objects.filter(municipality=city, status="concluded").first()
    report.measure("request page, methodist", page(methodist, f"/expertise/{request.pk}/"))
    report.measure("expert's queue", page(expert, "/expertise/queue/"))
    report.measure("register of experts, methodist", page(methodist, "/expertise/experts/"))
    report.measure("register of experts export, methodist", export(methodist, "expertise:expert-export"))

    measure_indicators(report, "expertise", city, AcademicYear.objects.get(start_year=2021), school=school)
