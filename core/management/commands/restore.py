"""``python manage.py restore ARCHIVE [--force]``: restore an archive written by ``backup``.

The target database must be empty (migrated or not, but without users) unless ``--force`` is given;
uploaded files are extracted into ``MEDIA_ROOT``.
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connections

from .backup import pg_env
from .backup import vendor_of


def database_has_data(alias: str = "default") -> bool:
    """True when the database holds portal data (any user account)."""
    table = get_user_model()._meta.db_table
    connection = connections[alias]
    if table not in connection.introspection.table_names():
        return False
    return get_user_model()._default_manager.using(alias).exists()


def safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise CommandError(f"Unexpected entry in the archive: {member.name}")
        yield member


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (or any database with --force)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="overwrite a database that already has data")

    def handle(self, *args, archive, force=False, **options):
        vendor = vendor_of()
        if not force and database_has_data():
            raise CommandError("The database is not empty; restore into an empty database or pass --force.")
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, members=list(safe_members(tar)))
            root = Path(tmp)
            manifest = json.loads((root / "manifest.json").read_text())
            if manifest["vendor"] != vendor:
                raise CommandError(f"The archive holds a {manifest['vendor']} dump; this database is {vendor}.")
            dump = root / manifest["database"]
            connection = connections["default"]
            if vendor == "postgresql":
                try:
                    subprocess.run(
                        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                         "--dbname", str(connection.settings_dict["NAME"]), str(dump)],
                        env=pg_env(connection.settings_dict), check=True,
                    )
                except (OSError, subprocess.CalledProcessError) as error:
                    raise CommandError(f"pg_restore failed: {error}") from error
                connection.close()
            else:
                connection.ensure_connection()
                source = sqlite3.connect(dump)
                source.backup(connection.connection)
                source.close()
            media = root / "media"
            if media.is_dir():
                target = Path(settings.MEDIA_ROOT)
                target.mkdir(parents=True, exist_ok=True)
                shutil.copytree(media, target, dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}."))
