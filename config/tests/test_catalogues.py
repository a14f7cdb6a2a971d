"""The Russian catalogues (root and every app's) are complete: every message translated,
nothing fuzzy, placeholders consistent (msgfmt --check-format) — and agree with each other."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in [ROOT / "locale/ru/LC_MESSAGES/django.po",
                 *(ROOT / app / "locale/ru/LC_MESSAGES/django.po" for app in [*settings.DOMAIN_APPS, "jobs"])]
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


def test_no_message_is_translated_differently_by_two_catalogues():
    """Django merges every catalogue into one: where two apps translate the same message (and context)
    differently, one app silently shows the other's wording («Left» of a membership read «Уволен»).
    A message that means different things in different apps needs a context (pgettext)."""
    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for catalogue in CATALOGUES:
        with open(ROOT / catalogue.replace(".po", ".mo"), "rb") as handle:
            messages = gettext.GNUTranslations(handle)._catalog
        for key, text in messages.items():
            if not key or not isinstance(key, str):
                continue  # the header, and plural forms (keyed by tuples)
            first = seen.setdefault(key, (catalogue, text))
            if first[1] != text:
                conflicts.append(f"{key.replace(chr(4), ' | ')!r}: {first[0]} «{first[1]}» ≠ {catalogue} «{text}»")
    assert not conflicts, "\n".join(conflicts)
