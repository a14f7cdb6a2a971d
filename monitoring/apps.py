from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        # Every app's indicators.py registers its indicators, like admin.py does for the admin.
        autodiscover_modules("indicators")
        from monitoring import tasks  # noqa: F401 - the Celery tasks stored values start by name

        # Cached indicator values are forgotten when the records they come from change.
        from .invalidation import connect

        connect()
