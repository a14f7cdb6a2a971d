"""Update the Russian catalogues: root ``locale/`` for config, core and
``templates/``; each other domain app its own ``<app>/locale``.

Usage: python scripts/messages.py [APP ...]   (default: all)
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_LOCALE = ["jobs", "monitoring", "training", "associations", "mentoring", "innovation", "expertise", "banks", "staffing", "certificates", "notifications"]
COMMON = ["--ignore=.venv/*", "--ignore=node_modules/*", "--ignore=static/*", "--ignore=staticfiles/*",
          "--ignore=bench/*", "--no-obsolete", "--add-location=file"]


def run(cwd: Path, ignores: list[str]) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    for domain in ("django",):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "ru", "-d", domain, *COMMON, *ignores],
            cwd=cwd, env=env, check=True,
        )


def main(argv: list[str]) -> None:
    targets = argv or ["root", *OWN_LOCALE]
    for target in targets:
        if target == "root":
            run(ROOT, [f"--ignore={app}/*" for app in OWN_LOCALE] + ["--ignore=tests/*"])
        else:
            (ROOT / target / "locale").mkdir(exist_ok=True)
            run(ROOT / target, ["--ignore=tests/*"])


if __name__ == "__main__":
    main(sys.argv[1:])
