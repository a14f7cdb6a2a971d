from django import template

from core import freshness
from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context):
    """The navbar bell: the signed-in user's unread notifications, counted once until a record changes."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = 0
    if user and user.is_authenticated:
        count = freshness.cached(f"unread:{user.pk}", Notification.objects.for_user(user).unread().count)
    return {"unread_count": count}
