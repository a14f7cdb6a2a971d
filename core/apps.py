from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Directory")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        import core.autocomplete  # noqa: F401 - the people and institutions sources

        autodiscover_modules("autocomplete")
