"""Reviews assigned to the expert, requests waiting for experts, and conclusions due from the council's officers."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from core.scoping import Role
from core.scoping import roles_of
from core.todo import TodoItem
from expertise.models import Assignment
from expertise.models import ReviewRequest
from expertise.models import Status


def pending_reviews(user):
    """The «Waiting for your review» list of the queue page."""
    return Assignment.objects.filter(expert__user=user, reviewed_at__isnull=True, request__status=Status.ASSIGNED,
                                     round=F("request__round"))


def items(user) -> list[TodoItem]:
    roles = roles_of(user)
    result = []
    if roles.has(Role.EXPERT):
        result.append(TodoItem(_("Reviews assigned to you"), pending_reviews(user).count(),
                               reverse("expertise:queue"), order=20))
    listing = reverse("expertise:request-list")
    if roles.has(Role.METHODIST, Role.HEAD):
        waiting = ReviewRequest.objects.for_user(user).filter(status=Status.SUBMITTED)
        result.append(TodoItem(_("Review requests waiting for experts"), waiting.count(),
                               f"{listing}?status={Status.SUBMITTED}", order=21))
        if ReviewRequest.objects.concludable_by(user).exists():
            reviewed = ReviewRequest.objects.for_user(user).filter(status=Status.REVIEWED)
            result.append(TodoItem(_("Reviewed requests waiting for the council's conclusion"), reviewed.count(),
                                   f"{listing}?status={Status.REVIEWED}", order=22))
    return result
