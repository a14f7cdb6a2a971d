"""Reminders of individual routes (through ``notifications``): the pedagogue about route items due within a
week (or overdue for up to a month) without accepted or submitted evidence, and the tutors (methodists of the
pedagogue's municipality) about evidence waiting for their review. Submitting or reviewing stops them."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import RoleAssignment
from core.scoping import Role
from notifications.kinds import Kind
from notifications.services import Reminder
from training.models import ItemStatus
from training.models import RouteItem

DAYS_BEFORE = 7
DAYS_OVERDUE = 30


def reminders(today: datetime.date) -> Iterator[Reminder]:
    due = (
        RouteItem.objects.filter(
            status__in=[ItemStatus.PLANNED, ItemStatus.RETURNED],
            deadline__gte=today - datetime.timedelta(days=DAYS_OVERDUE),
            deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE),
            route__pedagogue__user__is_active=True,
        ).select_related("route__pedagogue__user").order_by("deadline", "pk")
    )
    for item in due:
        deadline = item.deadline.strftime("%d.%m.%Y")
        if item.deadline < today:
            title = _("Route item overdue (deadline {date}): {title}").format(date=deadline, title=item.title[:150])
        else:
            title = _("Route item due on {date}: {title}").format(date=deadline, title=item.title[:150])
        yield Reminder(item.route.pedagogue.user, Kind.ROUTE_ITEM_DUE, title, reverse("training:my-route"), item)

    waiting = list(
        RouteItem.objects.filter(status=ItemStatus.SUBMITTED)
        .select_related("route__pedagogue").order_by("route__pedagogue__municipality_id", "pk")
    )
    tutors = defaultdict(list)
    for role in RoleAssignment.objects.filter(
        role=Role.METHODIST, municipality__in={item.route.pedagogue.municipality_id for item in waiting},
        user__is_active=True,
    ).select_related("user"):
        tutors[role.municipality_id].append(role.user)
    for item in waiting:
        title = _("Evidence waiting for review: {title} — {name}").format(
            title=item.title[:150], name=item.route.pedagogue)
        url = reverse("training:route-detail", args=[item.route_id])
        for user in tutors.get(item.route.pedagogue.municipality_id, []):
            yield Reminder(user, Kind.EVIDENCE_WAITING, title, url, item)
