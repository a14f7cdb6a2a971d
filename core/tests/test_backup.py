"""``backup`` + ``restore`` round-trip a database holding data of every app (SQLite here; PostgreSQL in CI)."""

import tarfile

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.core.management import call_command

from certificates.models import Certificate
from core.models import Pedagogue


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "plan.txt").write_text("план работы")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_every_apps_rows_and_the_uploaded_files(tmp_path, media):
    call_command("seed_demo", scale="tiny", verbosity=0)
    before = row_counts()
    pedagogue = Pedagogue.objects.order_by("pk").values_list("pk", "last_name", "birth_date").first()
    certificate = Certificate.objects.order_by("pk").values_list("pk", "number").first()
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", out=str(archive), verbosity=0)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/uploads/plan.txt" in names
    assert {"database.sqlite3", "database.pgdump"} & set(names)
    for app in django_settings.DOMAIN_APPS:  # the seed put rows into every app
        assert sum(n for label, n in before.items() if label.startswith(f"{app}.")) > 0, app

    call_command("flush", interactive=False, verbosity=0)
    (media / "uploads" / "plan.txt").unlink()
    assert get_user_model().objects.count() == 0

    call_command("restore", str(archive), verbosity=0)

    assert row_counts() == before
    assert Pedagogue.objects.order_by("pk").values_list("pk", "last_name", "birth_date").first() == pedagogue
    assert Certificate.objects.order_by("pk").values_list("pk", "number").first() == certificate
    assert (media / "uploads" / "plan.txt").read_text() == "план работы"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data_unless_forced(tmp_path, media):
    get_user_model().objects.create_user("keeper", password="x")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", out=str(archive), verbosity=0)
    get_user_model().objects.create_user("newcomer", password="x")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), verbosity=0)
    assert get_user_model().objects.filter(username="newcomer").exists()

    call_command("restore", str(archive), force=True, verbosity=0)

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["keeper"]


@pytest.mark.django_db(transaction=True)  # SQLite's online backup waits for an open write transaction
def test_the_backup_is_readable_by_its_owner_only_even_over_an_old_world_readable_file(tmp_path, media):
    import os
    import stat

    old = tmp_path / "old.tar.gz"
    old.write_bytes(b"old")
    old.chmod(0o644)
    fresh = tmp_path / "nested" / "fresh.tar.gz"
    previous = os.umask(0o002)
    try:
        call_command("backup", out=str(old), verbosity=0)
        call_command("backup", out=str(fresh), verbosity=0)
    finally:
        os.umask(previous)

    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700
    with tarfile.open(fresh) as tar:
        assert "manifest.json" in tar.getnames()
