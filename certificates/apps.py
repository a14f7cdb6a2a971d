from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from django.apps import apps

        if not apps.is_installed("notifications"):  # the notifications app is optional
            return
        from notifications.receivers import notify_certificate_holder

        from .signals import certificate_issued

        certificate_issued.connect(notify_certificate_holder, dispatch_uid="notifications.certificate_issued")
