"""The Russian catalogues (root and every domain app's) are complete: every message translated,
nothing fuzzy, placeholders consistent (msgfmt --check-format)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in [ROOT / "locale/ru/LC_MESSAGES/django.po",
                 *(ROOT / app / "locale/ru/LC_MESSAGES/django.po" for app in settings.DOMAIN_APPS)]
    if path.exists()
)

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")


def test_the_root_catalogue_exists():
    assert "locale/ru/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_catalogue_has_no_untranslated_or_fuzzy_messages(catalogue):
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(ROOT / catalogue)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
