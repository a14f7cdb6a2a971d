from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        try:
            from certificates.signals import certificate_issued
        except ImportError:  # the certificates app is optional
            return
        from .receivers import notify_certificate_holder

        certificate_issued.connect(notify_certificate_holder, dispatch_uid="notifications.certificate_issued")
