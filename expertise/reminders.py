"""Reminders about expert reviews (through ``notifications``): the expert from three days before the
request's deadline and after it while their review is not filled in; once overdue, the methodists of the
request's municipality too (escalation). A filled review or a concluded request stops them."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import RoleAssignment
from core.scoping import Role
from expertise.models import Assignment
from expertise.models import Status
from notifications.kinds import Kind
from notifications.services import Reminder

DAYS_BEFORE = 3


def reminders(today: datetime.date) -> Iterator[Reminder]:
    pending = list(
        Assignment.objects.filter(
            reviewed_at__isnull=True, round=F("request__round"), request__status=Status.ASSIGNED, request__deadline__isnull=False,
            request__deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE), expert__user__is_active=True,
        ).select_related("request", "expert__user", "expert__pedagogue").order_by("request__deadline", "pk")
    )
    overdue_municipalities = {a.request.municipality_id for a in pending if a.request.deadline < today}
    methodists = defaultdict(list)
    for role in RoleAssignment.objects.filter(
        role=Role.METHODIST, municipality__in=overdue_municipalities, user__is_active=True
    ).select_related("user"):
        methodists[role.municipality_id].append(role.user)
    escalated = set()
    for assignment in pending:
        request = assignment.request
        deadline = request.deadline.strftime("%d.%m.%Y")
        url = reverse("expertise:review-form", args=[assignment.pk])
        if request.deadline >= today:
            title = _("Review due on {date}: {title}").format(date=deadline, title=request.title[:120])
            yield Reminder(assignment.expert.user, Kind.REVIEW_DUE, title, url, assignment)
            continue
        title = _("Review overdue (deadline {date}): {title}").format(date=deadline, title=request.title[:120])
        yield Reminder(assignment.expert.user, Kind.REVIEW_OVERDUE, title, url, assignment)
        if request.pk in escalated:
            continue
        escalated.add(request.pk)
        late = [a for a in pending if a.request_id == request.pk]
        body = _("Reviews not filled in: {experts}.").format(
            experts=", ".join(str(a.expert.pedagogue) for a in late))
        for user in methodists.get(request.municipality_id, []):
            yield Reminder(user, Kind.REVIEW_ESCALATED,
                           _("Expert review overdue (deadline {date}): {title}").format(
                               date=deadline, title=request.title[:120]),
                           reverse("expertise:request-detail", args=[request.pk]), request, body)
