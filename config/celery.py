"""Celery application: used when CELERY_BROKER_URL is set, otherwise tasks run inline."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("metodportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
