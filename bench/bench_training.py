"""Training at region scale: the hour-account list (the municipality's methodist and the
region-wide admin, with the "no PD in the window" filter and sorting by hours), its Excel
export for one school, and the training indicators for a municipality."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from bench.common import demo_city
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from core.models import Pedagogue
from training.models import Completion
from training.models import HourEntry
from training.models import with_hour_account


def statuses(user) -> dict:
    """Return how many pedagogues the user's list has per status today."""
    staff = Pedagogue.objects.for_user(user).filter(institution__isnull=False)
    rows = with_hour_account(staff, timezone.localdate()).order_by().values("pd_status").annotate(n=Count("pk"))
    return {row["pd_status"]: row["n"] for row in rows}


def run(report) -> None:
    users = get_user_model().objects
    city, school = demo_city()
    url = reverse("training:account-list")
    report.note(f"{Completion.objects.count()} completions, {HourEntry.objects.count()} ledger lines in the region")

    methodist, admin = logged_in("methodist", "admin").values()
    report.measure("hour account, methodist, page 1", page(methodist, url))
    report.note(f"the methodist's list: {statuses(users.get(username='methodist'))}")
    report.measure("hour account, methodist, no PD in the window", page(methodist, f"{url}?no_pd=on"))
    report.measure("hour account, methodist, sorted by hours, last page",
                   page(methodist, f"{url}?sort=-hours&page=last"))
    report.measure("hour account, methodist, as of 31.08.2022", page(methodist, f"{url}?on=2022-08-31"))
    report.measure("hour account export, one school (.xlsx)",
                   page(methodist, reverse("training:account-export") + f"?institution={school.pk}"))

    report.measure("hour account, admin (whole region), page 1", page(admin, url))
    report.note(f"the admin's list: {statuses(users.get(username='admin'))}")
    report.measure("hour account, admin, no PD in the window, sorted by last PD",
                   page(admin, f"{url}?no_pd=on&sort=last_pd"))
    counts = {row[1]: row[4] for row in report.rows if row[0] == report.module and row[1].startswith("hour account,")}
    if len(set(counts.values())) != 1:
        report.note(f"query counts differ between lists: {counts}")
    else:
        report.note(f"every hour-account list takes {next(iter(counts.values()))} queries whatever its size")

    measure_indicators(report, "training", city, AcademicYear.objects.get(start_year=2021))
