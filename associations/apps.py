from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations and competitions")

    def ready(self) -> None:
        from . import hours

        hours.connect()
