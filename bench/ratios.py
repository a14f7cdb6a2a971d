"""Page ÷ anchor throughput under gunicorn with production settings, side by side in one run (issue 18).

    DATABASE_URL=postgres://…/muni .venv/bin/python bench/ratios.py [--seconds 8] [--clients 4] [--workers 2]

Starts gunicorn (``--workers``, ``DJANGO_DEBUG=0``, the portal's settings plus the anchor page of
``bench/anchor_urls.py``) on a free port against the seeded database, logs the demo methodist in through a
session made here, and for each page of the mix measures requests per second of ``--clients`` keep-alive
connections for ``--seconds``, right after the same measurement of the anchor (a minimal logged-in page rendering
a 25-row table): ratio = page ÷ anchor. Prints a Markdown table; only 127.0.0.1.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.clients import run_at_once  # noqa: E402

ANCHOR = "/bench/anchor/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(username: str) -> str:
    """A logged-in session of a demo user, stored where the server reads sessions."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.anchor_settings")
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.auth import HASH_SESSION_KEY
    from django.contrib.auth import SESSION_KEY
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pages() -> list[tuple[str, str]]:
    from core.models import Municipality
    from core.models import Pedagogue

    city = Municipality.objects.get(code="lesosibirsk")
    pedagogue = Pedagogue.objects.filter(municipality=city, employments__left__isnull=True).order_by("pk").first()
    return [
        ("home", "/"),
        ("dashboard", "/monitoring/"),
        ("pedagogues", "/pedagogues/"),
        ("institutions", "/institutions/"),
        ("completions", "/training/completions/"),
        ("associations", "/associations/"),
        ("a pedagogue's record", f"/pedagogues/{pedagogue.pk}/"),
    ]


def throughput(port: int, path: str, cookie: str, clients: int, seconds: float) -> tuple[float, int, float]:
    """Requests per second, errors and the median latency in ms."""
    stop = time.monotonic() + seconds
    counts, errors, latencies = [0] * clients, [0] * clients, [[] for _ in range(clients)]
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[index] += 1
                    latencies[index].append((time.perf_counter() - started) * 1000)
                else:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()

    elapsed = run_at_once(client, clients)
    flat = [value for values in latencies for value in values]
    return sum(counts) / elapsed, sum(errors), statistics.median(flat) if flat else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--user", default="methodist")
    args = parser.parse_args()

    static_root = Path(tempfile.gettempdir()) / "metodportal-bench-static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.anchor_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
    }
    os.environ.update({k: env[k] for k in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS",
                                           "DJANGO_STATIC_ROOT")})
    if not (static_root / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                       check=True)
    cookie = session_cookie(args.user)
    mix = pages()
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
         str(args.workers), "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        throughput(port, ANCHOR, cookie, args.clients, 2)  # warm-up: imports, templates, connections
        lines = [
            "| page | page, req/s | anchor, req/s | ratio | page median, ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, path in mix:
            throughput(port, path, cookie, args.clients, 1)  # warm-up of the page
            anchor, _errors, _median = throughput(port, ANCHOR, cookie, args.clients, args.seconds)
            rate, errors, median = throughput(port, path, cookie, args.clients, args.seconds)
            ratio = rate / anchor if anchor else 0
            lines.append(f"| {label} (`{path}`) | {rate:.1f} | {anchor:.1f} | {ratio:.2f} | {median:.0f} | {errors} |")
            print(lines[-1], flush=True)
        print("\n".join(lines))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
