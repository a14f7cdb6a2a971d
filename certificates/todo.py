"""Certificates to issue: the events of this academic year whose participants still wait for their documents."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.todo import TodoItem

from .services import waiting_events
from .sources import all_sources
from .views import may_issue


def items(user) -> list[TodoItem]:
    if not may_issue(user):
        return []
    today = timezone.localdate()
    found = []
    for key, source in all_sources().items():
        events = waiting_events(source, user, today)
        if events is not None:
            url = reverse("certificates:issue") + "?" + urlencode({"source": key, "waiting": "1"})
            found.append(TodoItem(_("Certificates to issue: {source}").format(source=source.title), events.count(),
                                  url, order=60))
    return found
