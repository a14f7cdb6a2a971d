"""The user's order assignments in progress, the overdue ones, and reports waiting for acceptance."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scoping import MUNICIPAL_ROLES
from core.scoping import roles_of
from core.todo import TodoItem
from monitoring.models import Assignment
from monitoring.models import AssignmentStatus


def my_tasks(user):
    """The tasks list without ``all=1``: assignments of issued orders the user carries out or follows."""
    return Assignment.objects.for_user(user).tasks().filter(Q(responsible=user) | Q(follower=user))


def items(user) -> list[TodoItem]:
    url = reverse("monitoring:tasks")
    today = timezone.localdate()
    mine = my_tasks(user)
    result = [
        TodoItem(_("Order assignments in progress"), mine.filter(status=AssignmentStatus.OPEN).count(),
                 f"{url}?status={AssignmentStatus.OPEN}", order=10),
        TodoItem(_("Order assignments overdue"), mine.overdue(today).count(), f"{url}?status=overdue",
                 urgent=True, order=11),
    ]
    if roles_of(user).has(*MUNICIPAL_ROLES):
        reported = Assignment.objects.for_user(user).tasks().filter(status=AssignmentStatus.REPORTED)
        result.append(TodoItem(_("Assignment reports waiting for acceptance"), reported.count(),
                               f"{url}?all=1&status={AssignmentStatus.REPORTED}", order=12))
    return result
