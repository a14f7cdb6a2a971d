from django import template

from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context):
    """The navbar bell: one COUNT query for the signed-in user's unread notifications."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = Notification.objects.for_user(user).unread().count() if user and user.is_authenticated else 0
    return {"unread_count": count}
