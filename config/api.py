"""The REST API under /api/v1/: every app's ``api.py`` contributes ``routes``
(``[(prefix, viewset, basename), ...]``) and optionally ``urlpatterns``."""

from django.urls import include
from django.urls import path
from rest_framework.routers import DefaultRouter

from core.discovery import domain_modules

router = DefaultRouter()
extra_urlpatterns = []

for _app, module in domain_modules("api"):
    for prefix, viewset, basename in getattr(module, "routes", []):
        router.register(prefix, viewset, basename=basename)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [*extra_urlpatterns, path("", include(router.urls))]
