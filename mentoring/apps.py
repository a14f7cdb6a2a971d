from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from core.models import register_young_specialist_rule

        from . import hours
        from .models import young_specialist_q

        hours.connect()
        # Manual marks and the newly appointed live here: the directory and the home page count by this rule too.
        register_young_specialist_rule(young_specialist_q)
