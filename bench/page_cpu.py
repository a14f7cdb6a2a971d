"""CPU and SQL queries of one request to each page of bench/ratios.py's mix, in this process (issue 18).

    DATABASE_URL=postgres://…/muni .venv/bin/python bench/page_cpu.py [--repeat 15] [--user methodist]
                                                                      [--profile PAGE] [--path /url/]

The production settings of the ratios run (``bench.anchor_settings``, ``DJANGO_DEBUG=0``: the cached template
loader, compressed static manifest) and Django's test client over HTTPS; after two warm-up requests, the median
CPU time (``time.process_time``) of ``--repeat`` requests and the query count of one. ``--profile home`` (a page's
label or its first word) prints a pyinstrument profile of ``--repeat`` requests to that page instead; ``--miss``
asks a new query string each time, so the page renders what ``core.fragments`` would otherwise keep.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.anchor_settings", "DJANGO_DEBUG": "0",
                   "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
                   "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1"})
os.environ.setdefault("DJANGO_STATIC_ROOT", "/tmp/metodportal-bench-static")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.ratios import ANCHOR  # noqa: E402
from bench.ratios import pages  # noqa: E402


def measure(client: Client, path: str, repeat: int, miss: bool = False) -> tuple[float, int, int]:
    """Median CPU ms, queries and bytes of the page; ``miss``: a new query string each time, so no cached
    fragment (core.fragments) is found while every other cache is warm."""
    def url(number: int) -> str:
        return f"{path}?bench={number}" if miss else path

    for number in range(2):
        response = client.get(url(number), secure=True)
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for number in range(repeat):
        started = time.process_time()
        client.get(url(100 + number), secure=True)
        times.append((time.process_time() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url(1000), secure=True).content
    return statistics.median(times), len(queries), len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--user", default="methodist")
    parser.add_argument("--profile", help="a page's label (or its first word) to profile with pyinstrument")
    parser.add_argument("--path", help="measure this URL instead of the mix")
    parser.add_argument("--miss", action="store_true", help="never a cached fragment (a new query string each time)")
    args = parser.parse_args()

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    mix = [("anchor", ANCHOR), *pages()]
    if args.path:
        mix = [("anchor", ANCHOR), (args.path, args.path)]
    if args.profile:
        from pyinstrument import Profiler

        path = next(path for label, path in mix if args.profile in (label.split()[0], label))
        measure(client, path, 1)
        with Profiler(interval=0.0005) as profiler:
            for number in range(args.repeat):
                client.get(f"{path}?bench={number}" if args.miss else path, secure=True)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print("| page | CPU, ms | ÷ anchor | queries | KB |\n| --- | ---: | ---: | ---: | ---: |")
    anchor = None
    for label, path in mix:
        cpu, queries, size = measure(client, path, args.repeat, args.miss)
        anchor = anchor or cpu
        print(f"| {label} (`{path}`) | {cpu:.1f} | {cpu / anchor:.2f} | {queries} | {size / 1024:.1f} |", flush=True)


if __name__ == "__main__":
    main()
