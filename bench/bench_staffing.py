"""Staffing at region scale: the completeness page and the summary of the demo city's latest
campaign (as the methodist), the summary's Excel export, the school's submission page, the
reminders run, and the staffing indicators for a municipality, an institution and the breakdown."""

import datetime

from django.urls import reverse

from bench.common import demo_city
from bench.common import logged_in
from bench.common import measure_indicators
from bench.common import page
from core.models import AcademicYear
from staffing.models import Campaign
from staffing.models import Need
from staffing.models import Submission


def run(report) -> None:
    city, school = demo_city()
    campaign = Campaign.objects.filter(municipality=city).order_by("-as_of").first()
    report.note(f"{Campaign.objects.count()} campaigns, {Submission.objects.count()} submissions, "
                f"{Need.objects.count()} needs in the region")

    methodist, school_client = logged_in("methodist", "school").values()
    report.measure("campaign list, methodist", page(methodist, reverse("staffing:campaign-list")))
    report.measure("completeness page, methodist", page(methodist, campaign.get_absolute_url()))
    report.measure("completeness page, filtered by status and sorted",
                   page(methodist, campaign.get_absolute_url() + "?status=submitted&sort=-posts"))
    report.measure("summary page, methodist", page(methodist, reverse("staffing:campaign-summary",
                                                                      args=[campaign.pk])))
    report.measure("summary export (.xlsx)", page(methodist, reverse("staffing:campaign-summary-export",
                                                                     args=[campaign.pk])))
    report.measure("submission page, school", page(school_client, reverse(
        "staffing:submission-detail", args=[campaign.pk, school.pk])))
    report.measure("upload template (.xlsx), school", page(school_client, reverse(
        "staffing:submission-upload", args=[campaign.pk, school.pk]) + "?template=1"))

    from staffing.reminders import send_reminders

    day = campaign.deadline + datetime.timedelta(days=3)
    sent = report.measure("send_reminders (idempotent second runs)", lambda: send_reminders(day), repeat=3)
    report.note(f"reminders due on {day:%d.%m.%Y} after the first run: {sent}")

    measure_indicators(report, "staffing", city, AcademicYear.objects.get(start_year=2022), school=school,
                       breakdown="breakdown by institution", count_rows=True)
