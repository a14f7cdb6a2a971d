"""Uploads and export files are served only by scoped views: no /media/ route exists in any mode, so a guessed
path of a job's export (media/jobs/<YYYY>/<MM>/<job id>/pedagogues.xlsx) is a 404 without a session — and with
one — even when the portal runs with DEBUG (what `make demo` does)."""

import importlib

import pytest
from django.test import Client
from django.test import override_settings
from django.urls import clear_url_caches
from django.urls import get_resolver

from conftest import make_user
from core.scoping import Role
from tests.test_security_urls import walk


@pytest.fixture
def export_file(settings):
    path = settings.MEDIA_ROOT / "jobs" / "2026" / "12" / "7" / "pedagogues.xlsx"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK staff list")
    return "/media/jobs/2026/12/7/pedagogues.xlsx"


def reload_urls():
    import config.urls

    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_guessed_media_path_is_a_404_in_every_mode(export_file, city, debug):
    try:
        with override_settings(DEBUG=debug):
            reload_urls()
            routes = [route for route, _name, _callback, _params in walk(get_resolver().url_patterns)]
            anonymous = Client().get(export_file)
            client = Client()
            client.force_login(make_user(f"media-head-{debug}", Role.HEAD, municipality=city))
            logged_in = client.get(export_file)
    finally:
        reload_urls()

    assert not [route for route in routes if "media" in route]

    assert anonymous.status_code == 404
    assert logged_in.status_code == 404
    assert b"PK staff list" not in anonymous.content + logged_in.content
