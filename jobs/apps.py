from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The file-view kind is jobs' own; every other app registers its kinds in <app>/job_kinds.py.
        from jobs import kinds  # noqa: F401 - the file-view kind and the Celery task jobs start by name
        from jobs import tasks  # noqa: F401 - the file-view kind and the Celery task jobs start by name

        autodiscover_modules("job_kinds")
