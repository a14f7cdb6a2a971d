"""Mentoring pairs with nothing logged for a month, for those who follow the pairs of their institutions."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scoping import Role
from core.scoping import roles_of
from core.todo import TodoItem
from mentoring.models import Pair


def items(user) -> list[TodoItem]:
    if not roles_of(user).has(Role.SCHOOL, Role.METHODIST):
        return []
    silent = Pair.objects.for_user(user).silent(timezone.localdate())
    return [TodoItem(_("Mentoring pairs with nothing logged for a month"), silent.count(),
                     reverse("mentoring:pair-list") + "?silent=true", order=40)]
