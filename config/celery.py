"""Celery application: used when CELERY_BROKER_URL is set, otherwise tasks run inline."""

import os
import sys

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

_path_before = list(sys.path)
app = Celery("metodportal")
# Celery's Django fix-up puts the working directory first on sys.path. A command run from an app's
# directory (makemessages/compilemessages in associations/) would then import a module of that
# directory (associations/certificates.py) instead of the app of the same name (certificates).
# The project root is on sys.path already (manage.py, gunicorn and the celery CLI put it there).
if len(sys.path) == len(_path_before) + 1 and sys.path[1:] == _path_before:
    del sys.path[0]
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
