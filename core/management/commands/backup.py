"""``python manage.py backup [--out FILE]``: one ``.tar.gz`` with a consistent database dump and the uploaded files.

PostgreSQL is dumped with ``pg_dump --format=custom`` (a consistent snapshot while the portal keeps running);
SQLite with its online backup API. ``MEDIA_ROOT`` is added under ``media/``. Restore with ``restore ARCHIVE``.
"""

import datetime
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connections

DB_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def pg_env(db: dict) -> dict:
    """Connection settings for the PostgreSQL client tools, passed as environment (no password on the command line)."""
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def vendor_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DB_MEMBER:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def dump_database(target: Path, alias: str = "default") -> str:
    vendor = vendor_of(alias)
    connection = connections[alias]
    if vendor == "postgresql":
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target)],
            env=pg_env(connection.settings_dict), check=True,
        )
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        with destination:
            connection.connection.backup(destination)
        destination.close()
    return vendor


class Command(BaseCommand):
    help = "Write the database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--out", help="archive path (default: backups/metodportal-<timestamp>.tar.gz)")

    def handle(self, *args, out=None, **options):
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = Path(out or Path(settings.BASE_DIR) / "backups" / f"metodportal-{stamp}.tar.gz")
        archive.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "dump"
            try:
                vendor = dump_database(dump)
            except (OSError, subprocess.CalledProcessError) as error:
                raise CommandError(f"The database dump failed: {error}") from error
            manifest = {"format": 1, "vendor": vendor, "created": stamp, "database": DB_MEMBER[vendor]}
            media = Path(settings.MEDIA_ROOT)
            # The archive holds password hashes, sessions and personal data: only its owner may read it (0600),
            # from the first byte on (created with that mode, not chmod-ed afterwards).
            descriptor = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)  # an existing file keeps its old mode through O_CREAT
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                tar.add(dump, arcname=DB_MEMBER[vendor])
                if media.is_dir():
                    tar.add(media, arcname="media")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive} ({archive.stat().st_size} bytes)."))
