"""The REST API under /api/v1/: every app's ``api.py`` contributes ``routes``
(``[(prefix, viewset, basename), ...]``) and optionally ``urlpatterns``."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import include, path
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
extra_urlpatterns = []

for app in settings.DOMAIN_APPS:
    if find_spec(f"{app}.api") is None:
        continue
    module = import_module(f"{app}.api")
    for prefix, viewset, basename in getattr(module, "routes", []):
        router.register(prefix, viewset, basename=basename)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [*extra_urlpatterns, path("", include(router.urls))]
