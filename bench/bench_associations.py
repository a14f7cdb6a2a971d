"""Associations and competitions at region scale: the association, product, competition and result
lists (methodist of the demo city, a school, the region-wide admin) with their Excel exports, an
association page, the pedagogue record sections, and every associations indicator for a
municipality, an institution and the per-institution breakdown."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from associations.models import Association
from associations.models import Attendance
from associations.models import Membership
from associations.models import Participation
from associations.record import sections
from bench.common import demo_city
from bench.common import export
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from core.models import Pedagogue


def run(report) -> None:
    users = get_user_model().objects
    city, school = demo_city()
    year = AcademicYear.objects.get(start_year=2021)
    report.note(
        f"{Association.objects.count()} associations, {Membership.objects.count()} memberships, "
        f"{Attendance.objects.count()} attendance marks, {Participation.objects.count()} competition entries"
    )

    clients = logged_in("methodist", "school", "admin")
    associations = reverse("associations:association-list")
    for username in ("methodist", "school", "admin"):
        report.measure(f"association list, {username}, page 1", page(clients[username], associations))
    report.measure("association list, methodist, ГМО active in 2021/2022",
                   page(clients["methodist"], f"{associations}?kind=gmo&year={year.pk}"))
    report.measure("association export, admin (whole region)",
                   export(clients["admin"], "associations:association-export"))
    gmo = Association.objects.filter(municipality=city, kind="gmo").order_by("pk").first()
    report.measure("association page with members, meetings and plan", page(clients["methodist"], gmo.get_absolute_url()))
    report.measure("product list, admin (whole region)", page(clients["admin"], reverse("associations:product-list")))
    report.measure("competition list, methodist", page(clients["methodist"], reverse("associations:competition-list")))
    results = reverse("associations:result-list")
    for username in ("methodist", "school", "admin"):
        report.measure(f"result list, {username}", page(clients[username], results))
    report.measure("result list, admin, search «Иван»", page(clients["admin"], f"{results}?q=Иван"))
    report.measure("result export, admin (whole region)", export(clients["admin"], "associations:result-export"))
    teacher = Pedagogue.objects.get(user__username="teacher")
    methodist = users.get(username="methodist")
    report.measure("record sections of the demo teacher", lambda: sections(teacher, methodist))

    measure_indicators(report, "associations", city, year, school=school, count_rows=True)
