"""Demo certificates: the demo city's methodist has issued certificates for the last academic
year's seminars and School of the Young Teacher sessions and diplomas for its competitions."""

from .models import Certificate
from .services import issue_certificates
from .sources import all_sources

EVENTS_PER_SOURCE = 12


def seed(ctx) -> None:
    city = ctx.municipality
    if Certificate.objects.filter(municipality=city).exists():
        return
    methodist = ctx.users["methodist"]
    last_year = ctx.years[-1]
    issued = 0
    for source in all_sources().values():
        events = source.events_for(methodist)
        described = ((event, source.describe(event)) for event in events[: EVENTS_PER_SOURCE * 20])
        in_year = [event for event, about in described
                   if about.municipality_id == city.pk and last_year.contains(about.date)][:EVENTS_PER_SOURCE]
        for event in in_year:
            issued += len(issue_certificates(source=source, event=event, by=methodist))
    ctx.log(f"certificates: {issued} issued in {city}")
    _tell_the_teacher(ctx)


def _tell_the_teacher(ctx) -> None:
    """The demo teacher's bell shows their certificates (issuing tells holders once the transaction commits;
    the demo's certificates are issued inside the seed's own transaction, before the teacher is asked)."""
    from django.apps import apps

    teacher = ctx.users.get("teacher")
    if teacher is None or not apps.is_installed("notifications"):
        return
    from notifications.receivers import notify_certificate_holder

    for certificate in Certificate.objects.filter(holder__user=teacher).select_related("holder__user")[:3]:
        notify_certificate_holder(Certificate, certificate=certificate)
