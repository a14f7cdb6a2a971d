"""Staffing at region scale: the completeness page and the summary of the demo city's latest
campaign (as the methodist), the summary's Excel export, the school's submission page, the
reminders run, and the staffing indicators for a municipality, an institution and the breakdown."""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.models import AcademicYear, Institution, Municipality
from staffing.models import Campaign, Need, Submission


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
    campaign = Campaign.objects.filter(municipality=city).order_by("-as_of").first()
    report.note(f"{Campaign.objects.count()} campaigns, {Submission.objects.count()} submissions, "
                f"{Need.objects.count()} needs in the region")

    methodist = Client()
    methodist.force_login(users.get(username="methodist"))
    report.measure("campaign list, methodist", page(methodist, reverse("staffing:campaign-list")))
    report.measure("completeness page, methodist", page(methodist, campaign.get_absolute_url()))
    report.measure("completeness page, filtered by status and sorted",
                   page(methodist, campaign.get_absolute_url() + "?status=submitted&sort=-posts"))
    report.measure("summary page, methodist", page(methodist, reverse("staffing:campaign-summary",
                                                                      args=[campaign.pk])))
    report.measure("summary export (.xlsx)", page(methodist, reverse("staffing:campaign-summary-export",
                                                                     args=[campaign.pk])))
    school_client = Client()
    school_client.force_login(users.get(username="school"))
    report.measure("submission page, school", page(school_client, reverse(
        "staffing:submission-detail", args=[campaign.pk, school.pk])))
    report.measure("upload template (.xlsx), school", page(school_client, reverse(
        "staffing:submission-upload", args=[campaign.pk, school.pk]) + "?template=1"))

    from staffing.reminders import send_reminders

    day = campaign.deadline + datetime.timedelta(days=3)
    sent = report.measure("send_reminders (idempotent second runs)", lambda: send_reminders(day), repeat=3)
    report.note(f"reminders due on {day:%d.%m.%Y} after the first run: {sent}")

    from monitoring.registry import registry

    year = AcademicYear.objects.get(start_year=2022)
    for item in registry:
        if not item.code.startswith("staffing."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        if item.breakdown:
            rows = report.measure(f"{item.code} {year}, breakdown by institution",
                                  lambda item=item: item.breakdown(city, year))
            report.note(f"{item.code} breakdown: {len(rows)} institutions")
