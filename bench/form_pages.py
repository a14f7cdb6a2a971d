"""Size and time of the form pages (issue 16): the completion form, the pair form and the pedagogue list.

Usage: DATABASE_URL=sqlite:////path/demo.sqlite3 PYTHONPATH=. .venv/bin/python bench/form_pages.py [username]
(in-process Django test client on a seeded demo database; the median of 7 requests after one warm-up).
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [("completion form", "/training/completions/new/"), ("pair form", "/mentoring/pairs/new/"),
         ("pedagogue list", "/pedagogues/")]


def main(username: str) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    for title, url in PAGES:
        client.get(url)
        times = []
        for _ in range(7):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).content
        print(f"{title:16} {len(body) / 1024:7.1f} KB  median {statistics.median(times):6.1f} ms  "
              f"{len(queries)} queries  {body.count(b'<option')} <option>s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "methodist")
