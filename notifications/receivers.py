"""Signal receivers that turn other apps' events into notifications."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from .kinds import Kind
from .services import notify


def notify_certificate_holder(sender, certificate, **kwargs):
    """Tell the holder (if they have a portal account) that a certificate was issued to them."""
    user = getattr(certificate.holder, "user", None)
    if user is None:
        return
    with override(settings.LANGUAGE_CODE):
        notify(
            user=user, kind=Kind.CERTIFICATE_ISSUED, obj=certificate, url=certificate.get_absolute_url(),
            title=_("Certificate {number} issued: {event}").format(
                number=certificate.number, event=certificate.event_title),
        )
