from django.conf import settings
from django.contrib import admin
from django.urls import include
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from drf_spectacular.views import SpectacularSwaggerSplitView

from core import views as core_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("core.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include("config.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the docs work under the CSP without inline scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("jobs/", include("jobs.urls")),
    path("", include("core.urls")),
]
urlpatterns += [
    path(f"{app}/", include(f"{app}.urls")) for app in settings.DOMAIN_APPS if app != "core"
]
# No `static(MEDIA_URL, ...)`, not even with DEBUG: uploads and job files are served only by the scoped
# download views of their apps, so a guessed /media/... path is a 404 in every mode.
