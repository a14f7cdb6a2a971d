"""A bounded load generator for a running portal (``make prod``): no dependencies beyond the standard library.

    .venv/bin/python bench/load.py --users 20 --seconds 60 [--base http://127.0.0.1:8000]

Each simulated user logs in as one of the demo accounts (password: DEMO_PASSWORD, default metodportal-demo)
and loops over a realistic mix — the monitoring dashboard, lists, detail pages found on those lists, an Excel
export and the yearly report build (PDF) — until the time is up. Afterwards the same number of threads hit
``/healthz`` for ``--trivial-seconds`` to show the server's own ceiling. Only 127.0.0.1/localhost is allowed.
Prints throughput, median and p95 per page and the error count; ``--json FILE`` also writes the figures.
"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict

USERS = ["head", "methodist", "school", "teacher", "expert"]
# (page label, path or (list page, link pattern[, suffix]) whose links give detail pages, weight[, roles])
MANAGERS = ("head", "methodist")
MIX = [
    ("dashboard", "/monitoring/", 6, (*MANAGERS, "school")),
    ("pedagogue list", "/pedagogues/", 3),
    ("institution list", "/institutions/", 2),
    ("completion list", "/training/completions/", 2),
    ("association list", "/associations/", 2),
    ("pedagogue detail", ("/pedagogues/", r'href="(/pedagogues/\d+/)"'), 3),
    ("institution detail", ("/institutions/", r'href="(/institutions/\d+/)"'), 2),
    ("pedagogue export", "/pedagogues/export/", 1),
    ("report build", ("/monitoring/reports/", r'href="(/monitoring/reports/\d+/)"', "report.pdf"), 1, MANAGERS),
]


class Session:
    def __init__(self, host: str, port: int):
        self.connection = http.client.HTTPConnection(host, port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def login(self, username: str, password: str) -> bool:
        _status, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        status, _ = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": token.group(1).decode() if token else "", "username": username,
            "password": password,
        })
        return status == 302


def run_users(base: str, users: int, seconds: float, password: str, mix) -> dict:
    url = urllib.parse.urlsplit(base)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    def user(index: int):
        username = USERS[index % len(USERS)]
        weighted = [item for item in mix for _ in range(item[2]) if len(item) < 4 or username in item[3]]
        session = Session(url.hostname, url.port or 80)
        if mix is not MIX_TRIVIAL and not session.login(username, password):
            with lock:
                errors["login"] += 1
            return
        rng = random.Random(index)
        links: dict[str, list[str]] = {}
        while time.monotonic() < deadline:
            label, target = rng.choice(weighted)[:2]
            path = target
            if isinstance(target, tuple):
                listing, pattern, suffix = (*target, "")[:3]
                if listing not in links:
                    status, page = session.request("GET", listing)
                    links[listing] = sorted(set(re.findall(pattern, page.decode("utf-8", "replace"))))
                if not links[listing]:
                    continue  # this role sees no such rows
                path = rng.choice(links[listing]) + suffix
            started = time.monotonic()
            try:
                status, _ = session.request("GET", path)
            except (http.client.HTTPException, OSError):
                status = 599
            elapsed = time.monotonic() - started
            with lock:
                if status == 200:
                    timings[label].append(elapsed)
                else:
                    errors[label] += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    pages = {}
    for label, values in sorted(timings.items()):
        ordered = sorted(values)
        pages[label] = {
            "requests": len(values), "per_second": round(len(values) / wall, 2),
            "median_ms": round(statistics.median(ordered) * 1000),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000),
        }
    total = sum(len(v) for v in timings.values())
    return {"seconds": round(wall, 1), "requests": total, "per_second": round(total / wall, 2),
            "errors": dict(errors), "pages": pages}


MIX_TRIVIAL = [("healthz", "/healthz", 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--trivial-seconds", type=float, default=15)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "metodportal-demo"))
    parser.add_argument("--json")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost"):
        parser.error("only a portal on 127.0.0.1/localhost may be loaded")
    if not 1 <= args.users <= 200 or not 0 < args.seconds <= 900:
        parser.error("bounded: 1..200 users, at most 900 seconds")

    mixed = run_users(args.base, args.users, args.seconds, args.password, MIX)
    trivial = run_users(args.base, args.users, args.trivial_seconds, args.password, MIX_TRIVIAL)
    print(f"Mixed load: {args.users} users for {mixed['seconds']} s, {mixed['requests']} requests, "
          f"{mixed['per_second']} req/s, errors {mixed['errors'] or 0}")
    print(f"{'page':<20} {'requests':>8} {'req/s':>7} {'median ms':>10} {'p95 ms':>7}")
    for label, row in mixed["pages"].items():
        print(f"{label:<20} {row['requests']:>8} {row['per_second']:>7} {row['median_ms']:>10} {row['p95_ms']:>7}")
    ratio = mixed["per_second"] / trivial["per_second"] if trivial["per_second"] else 0
    print(f"Trivial view /healthz: {trivial['per_second']} req/s "
          f"(median {trivial['pages'].get('healthz', {}).get('median_ms')} ms), errors {trivial['errors'] or 0}; "
          f"mixed/trivial throughput ratio {ratio:.2f}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"mixed": mixed, "trivial": trivial, "ratio": round(ratio, 3)}, handle, indent=2)


if __name__ == "__main__":
    main()
