"""The REST API under /api/v1/: every app's ``api.py`` contributes the viewsets it marks with
``@core.rest.route(prefix, basename)`` and optionally ``urlpatterns``."""

from django.urls import include
from django.urls import path
from rest_framework.routers import DefaultRouter

from core.discovery import domain_modules
from core.rest import routes_of

router = DefaultRouter()
extra_urlpatterns = []

for _app, module in domain_modules("api"):
    for prefix, viewset, basename in routes_of(module):
        router.register(prefix, viewset, basename=basename)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [*extra_urlpatterns, path("", include(router.urls))]
