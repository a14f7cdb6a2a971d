from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Directory")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        import core.autocomplete  # noqa: F401 - the people and institutions sources
        import core.search  # noqa: F401 - the ucontains lookup and SQLite's ULOWER
        from core import freshness

        freshness.connect()

        autodiscover_modules("autocomplete")
