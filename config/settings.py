"""Metodportal settings: one module, driven by environment variables.

The embedded default (no variables set) is SQLite, DEBUG on, console e-mail.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DATABASE_URL and, optionally, REDIS_URL / CELERY_BROKER_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-demo"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

DOMAIN_APPS = [
    "core",
    "monitoring",
    "training",
    "associations",
    "mentoring",
    "innovation",
    "expertise",
    "banks",
    "staffing",
    "certificates",
    "notifications",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    *DOMAIN_APPS,
    # Background jobs are infrastructure, not a domain app: saving a job must not invalidate indicator values.
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.RussianByDefaultLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every URL's capability (core/capabilities.py: URL_ACCESS), before any view runs.
    "core.scoping.CapabilityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form's save that loses a unique constraint to a simultaneous one answers 409, not 500.
    "core.versioning.IntegrityConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Django's form renderer, with plain <select>s written in Python (the same markup, a third of a list page faster).
FORM_RENDERER = "core.renderers.PortalFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    # Apps whose every read goes to the replica (besides reads inside config.routers.use_replica()).
    REPLICA_APPS = tuple(a.strip() for a in os.environ.get("DATABASE_REPLICA_APPS", "monitoring").split(",") if a.strip())
    # After a write the same browser reads the primary this long (longer than the replica's lag).
    REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "5"))
    MIDDLEWARE.insert(0, "config.routers.PrimaryAfterWriteMiddleware")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         # A write transaction takes the write lock when it begins: concurrent writers wait (up to
         # `timeout`) instead of failing with «database is locked» when a read turns into a write.
         "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the proxy of docs/deploy.md the client's address comes from X-Real-IP / X-Forwarded-For, believed only
# from DJANGO_TRUSTED_PROXIES (core.clientip): the login lock, the rate limits and the API throttle all use it.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", True)
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()]
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
RATELIMIT_IP_META_KEY = "core.clientip.client_ip"
# Public certificate checks and login attempts per client address (django-ratelimit; "N/s|m|h|d").
CERTIFICATE_VERIFY_RATE = os.environ.get("CERTIFICATE_VERIFY_RATE", "30/m")
LOGIN_RATE = os.environ.get("LOGIN_RATE", "30/m")

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Krasnoyarsk")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "metodportal@localhost")

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read on every request: from Redis first, the database stays the durable copy.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message of a worker that died (kill -9, power loss) is delivered again after this many seconds: longer than
# the longest job (a region's report build or export takes under a minute); a job is idempotent either way.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900"))}
# Background jobs (jobs app): file views run in the worker when a broker is configured;
# JOBS_BACKGROUND_FILES=0 keeps them inline even then. A job is given up after JOBS_MAX_ATTEMPTS starts.
JOBS_BACKGROUND_FILES = os.environ.get("JOBS_BACKGROUND_FILES", "1" if CELERY_BROKER_URL else "0") == "1"
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
# Who looked at whose personal data (core.audit.AccessLog) is kept this many days, then purged daily.
ACCESS_LOG_DAYS = int(os.environ.get("ACCESS_LOG_DAYS", "365"))
# Every app's reminders → notifications → the daily digest, hourly (the same code as `manage.py send_reminders`).
CELERY_BEAT_SCHEDULE = {
    "notifications-send-reminders": {"task": "notifications.send_reminders", "schedule": 3600.0},
    # Finished jobs and their files are kept a week («My files and jobs»), then removed.
    "jobs-purge": {"task": "jobs.purge", "schedule": 86400.0, "kwargs": {"days": 7}},
    # Access-log entries past ACCESS_LOG_DAYS and import uploads never confirmed (core.tasks.purge).
    "core-purge": {"task": "core.purge", "schedule": 86400.0},
    # Stored indicator values are recomputed when their records change, and all of them once a day.
    "monitoring-refresh-values": {"task": "monitoring.refresh_values", "schedule": 86400.0},
} if CELERY_BROKER_URL else {}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.search.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Deleting what others refer to and a unique constraint lost to a concurrent write answer 409.
    "EXCEPTION_HANDLER": "core.rest.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Metodportal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema's own warnings are asserted by config/tests (on a migrated test database);
    # `check --deploy` stays about the deployment and does not touch the database.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.rest.add_error_responses"],
}

# Portal rules (DOMAIN.md), configurable per deployment.
PD_WINDOW_YEARS = int(os.environ.get("PD_WINDOW_YEARS", "3"))
PD_NORM_HOURS = int(os.environ.get("PD_NORM_HOURS", "72"))
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "metodportal-demo")
# The portal's public address: QR codes on certificates and links in e-mail digests are built from it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
PORTAL_BODY_NAME = os.environ.get(
    "PORTAL_BODY_NAME", "Отдел образования администрации города Лесосибирска"
)
# The order's two-level letterhead (ГОСТ Р 7.0.97-2016: the parent body above the issuing one; lines separated
# by «|») and its place of issue.
PORTAL_LETTERHEAD = [
    line.strip()
    for line in os.environ.get("PORTAL_LETTERHEAD", "Администрация города Лесосибирска|Отдел образования").split("|")
    if line.strip()
]
PORTAL_PLACE_OF_ISSUE = os.environ.get("PORTAL_PLACE_OF_ISSUE", "г. Лесосибирск")

# Production hardening: active whenever DEBUG is off.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline scripts anywhere (JavaScript lives in static files); inline style attributes are allowed
# because Bootstrap components and Chart.js set them.
CONTENT_SECURITY_POLICY = os.environ.get(
    "DJANGO_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes names the username and address of a locked-out login: that goes to its admin pages (access
    # attempts), not to the log. Django's request log names paths only, never query strings or form data.
    "loggers": {"axes": {"level": "ERROR"}},
}
