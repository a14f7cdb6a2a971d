import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "portal.example.ru",
}


def test_check_deploy_is_silent_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="portal.example.ru")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts():
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_api_docs_are_served_without_a_cdn_or_inline_script(admin_user):
    client = Client()
    client.force_login(admin_user)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower()
    assert "<script>" not in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.django_db
def test_api_schema_generates_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    # Enum-name collisions between apps ("status", "kind" …) only rename components, the schema stays
    # correct; every warning or error that names a file of an app is a real gap in that app's API.
    problems = sorted(
        message for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
        if "enum naming encountered" not in message and "multiple names for the same choice set" not in message
    )
    GENERATOR_STATS.reset()
    assert "/api/v1/pedagogues/" in schema["paths"]
    assert not problems, "drf-spectacular warnings (fix them in the named files):\n" + "\n".join(problems)


SMOKE = """
import re
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="portal.example.ru")
page = client.get("/accounts/login/", secure=True)
css = re.search(r"/static/vendor/bootstrap/bootstrap\\.min\\.[0-9a-f]{12}\\.css", page.content.decode()).group(0)
static = client.get(css, secure=True)
print(page.status_code, page["Strict-Transport-Security"], static.status_code, static["Cache-Control"], sep="|")
"""


@pytest.mark.skipif(not (ROOT / "static/vendor/bootstrap").exists(), reason="run `make static` first")
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="database-independent: runs in the SQLite pass"
)
def test_production_serves_hashed_static_files_after_collectstatic(tmp_path):
    env = {**PRODUCTION, "DJANGO_ALLOWED_HOSTS": "portal.example.ru", "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    collected = manage("collectstatic", "--noinput", "-v", "0", **env)
    assert collected.returncode == 0, collected.stderr[-3000:]
    assert (tmp_path / "static/staticfiles.json").exists()
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", SMOKE], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    login, hsts, css, cache = result.stdout.strip().split("|")
    assert (login, css) == ("200", "200")
    assert "max-age=31536000" in hsts
    assert "immutable" in cache
