"""Meetings of this academic year already held whose attendance the user (a methodist or the leader) should mark."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association
from associations.models import Meeting
from core.todo import TodoItem


def items(user) -> list[TodoItem]:
    meetings = Meeting.objects.filter(association__in=Association.objects.editable_by(user)).without_attendance(
        timezone.localdate())
    return [TodoItem(_("Meetings without attendance"), meetings.count(),
                     reverse("associations:meetings-without-attendance"), order=50)]
