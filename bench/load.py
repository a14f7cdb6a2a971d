"""A bounded load generator for a running portal (``make prod``): the standard library plus openpyxl.

    .venv/bin/python bench/load.py --users 20 --seconds 60 [--base http://127.0.0.1:8000] [--json FILE]

Each simulated user logs in as one of the demo accounts (password: DEMO_PASSWORD, default metodportal-demo)
and loops over a realistic mix until the time is up: the monitoring dashboard, lists, detail pages found on
those lists, an Excel export, a school's roster import (upload → preview → confirm) and the yearly report build
(POST; with a broker it becomes a background job, and the user polls its page until the report is ready).

Three phases, each for a bounded time:

1. **users** — ``--users`` people who read what they open: a think time of ``--think`` seconds (default 1–3)
   between requests. This is what the latency aim is about (the dashboard's p95 at 20 concurrent users).
2. **saturation** — the same mix without think time: the server's throughput on real pages.
3. **trivial** — ``/healthz`` without think time: the framework's own ceiling on this machine.

Prints throughput, median and p95 per page and the errors of every phase, and the saturation/trivial
throughput ratio. Only 127.0.0.1/localhost is allowed.
"""

import argparse
import http.client
import io
import json
import os
import random
import re
import statistics
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict

USERS = ["head", "methodist", "school", "teacher", "expert"]
MANAGERS = ("head", "methodist")
# (page label, target, weight[, roles]). A target is a path, a (list page, link pattern[, suffix]) pair whose links
# give detail pages, or the name of an action below.
MIX = [
    ("dashboard", "/monitoring/", 6, (*MANAGERS, "school")),
    ("pedagogue list", "/pedagogues/", 3),
    ("institution list", "/institutions/", 2),
    ("completion list", "/training/completions/", 2),
    ("association list", "/associations/", 2),
    ("pedagogue detail", ("/pedagogues/", r'href="(/pedagogues/\d+/)"'), 3),
    ("institution detail", ("/institutions/", r'href="(/institutions/\d+/)"'), 2),
    ("pedagogue export", "/pedagogues/export/", 1, MANAGERS),
    ("roster import", "import", 1, ("school",)),
    ("report build", "report", 1, ("head",)),
]
MIX_TRIVIAL = [("healthz", "/healthz", 1)]
JOB_PAGE = re.compile(r"^/jobs/(\d+)/?$")


class Session:
    def __init__(self, host: str, port: int, index: int = 0):
        self.connection = http.client.HTTPConnection(host, port, timeout=180)
        self.cookies: dict[str, str] = {}
        self.location = ""
        # Each simulated person is its own client, as behind nginx (core.clientip): the per-address login rate
        # limit and lock apply to each, not to all of them at once.
        self.client = f"10.77.{index // 256}.{index % 256}"

    def request(self, method: str, path: str, body: dict | None = None, *, files: dict | None = None):
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "X-Forwarded-For": self.client}
        data = None
        if files:
            data, headers["Content-Type"] = multipart(body or {}, files)
        elif body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST":
            headers["Referer"] = "http://127.0.0.1" + path
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
        self.location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        return response.status, content

    def form_token(self, page: bytes) -> str:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return token.group(1).decode() if token else ""

    def login(self, username: str, password: str) -> bool:
        _status, page = self.request("GET", "/accounts/login/")
        status, _ = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": self.form_token(page), "username": username, "password": password,
        })
        return status == 302


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode())
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def wait_for_job(session: Session, path: str, timeout: float = 180) -> int:
    """Follow a background job's page until it is done (200) or failed/late (an error status)."""
    match = JOB_PAGE.match(path)
    if not match:
        return 200
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, content = session.request("GET", f"/jobs/{match.group(1)}/status")
        if status != 200:
            return status
        state = json.loads(content).get("status")
        if state == "done":
            return 200
        if state == "failed":
            return 500
        time.sleep(0.5)
    return 504


def roster_workbook(template: bytes, rows: int) -> bytes:
    """Fill the portal's own roster template with ``rows`` staff of the school (the same people every time)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template))
    sheet, lists = book.worksheets[0], book["lists"]
    header_row = next(r for r in range(1, 10) if sheet.cell(row=r, column=1).value)
    institution = lists.cell(row=1, column=5).value
    position = lists.cell(row=1, column=6).value
    for index in range(rows):
        values = [f"Нагрузкина{index:03d}", "Анна", "Сергеевна", f"{1 + index % 28:02d}.03.{1970 + index % 30}",
                  institution, position, "", "01.09.2000", "", "", "01.09.2015", "", ""]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=header_row + 1 + index, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def do_import(session: Session) -> int:
    status, template = session.request("GET", "/pedagogues/import/?template=1")
    if status != 200:
        return status
    _status, page = session.request("GET", "/pedagogues/import/")
    status, preview = session.request(
        "POST", "/pedagogues/import/", {"csrfmiddlewaretoken": session.form_token(page)},
        files={"file": ("roster.xlsx", roster_workbook(template, 40))},
    )
    token = re.search(rb'name="token" value="([0-9a-f]+)"', preview)
    if status != 200 or not token:
        return 422
    status, _ = session.request("POST", "/pedagogues/import/", {
        "csrfmiddlewaretoken": session.form_token(preview), "token": token.group(1).decode(), "confirm": "1",
    })
    return 200 if status == 302 and "import" not in session.location else 422


def do_report(session: Session) -> int:
    _status, page = session.request("GET", "/monitoring/reports/")
    status, _ = session.request("POST", "/monitoring/reports/", {"csrfmiddlewaretoken": session.form_token(page)})
    if status != 302:
        return status
    return wait_for_job(session, session.location)


ACTIONS = {"import": do_import, "report": do_report}


def run_users(base: str, users: int, seconds: float, password: str, mix, think: tuple[float, float]) -> dict:
    url = urllib.parse.urlsplit(base)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int):
        username = USERS[index % len(USERS)]
        weighted = [item for item in mix for _ in range(item[2]) if len(item) < 4 or username in item[3]]
        session = Session(url.hostname, url.port or 80, index)
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
                status = ACTIONS[target](session) if target in ACTIONS else session.request("GET", path)[0]
                if status == 302 and target not in ACTIONS:  # a file sent to the background: wait for it
                    status = wait_for_job(session, session.location)
            except (http.client.HTTPException, OSError):
                status = 599
            elapsed = time.monotonic() - started
            with lock:
                if status == 200:
                    timings[label].append(elapsed)
                else:
                    errors[f"{label} ({status})"] += 1
            if think[1] > 0:
                time.sleep(rng.uniform(*think))

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


def report(title: str, result: dict) -> None:
    print(f"\n{title}: {result['seconds']} s, {result['requests']} requests, {result['per_second']} req/s, "
          f"errors {result['errors'] or 0}")
    print(f"  {'page':<20} {'requests':>8} {'req/s':>7} {'median ms':>10} {'p95 ms':>7}")
    for label, row in result["pages"].items():
        print(f"  {label:<20} {row['requests']:>8} {row['per_second']:>7} {row['median_ms']:>10} {row['p95_ms']:>7}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60, help="the users phase")
    parser.add_argument("--think", default="1-3", help="think time between a user's requests, seconds: MIN-MAX")
    parser.add_argument("--saturation-seconds", type=float, default=30, help="0 skips the phase")
    parser.add_argument("--trivial-seconds", type=float, default=15)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "metodportal-demo"))
    parser.add_argument("--json")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost"):
        parser.error("only a portal on 127.0.0.1/localhost may be loaded")
    if not 1 <= args.users <= 200 or not 0 < args.seconds <= 900 or args.saturation_seconds > 900:
        parser.error("bounded: 1..200 users, at most 900 seconds a phase")
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))

    figures = {"users": run_users(args.base, args.users, args.seconds, args.password, MIX, think)}
    report(f"Users ({args.users}, think time {args.think} s)", figures["users"])
    if args.saturation_seconds:
        figures["saturation"] = run_users(
            args.base, args.users, args.saturation_seconds, args.password, MIX, (0, 0)
        )
        report(f"Saturation ({args.users} users, no think time)", figures["saturation"])
    figures["trivial"] = run_users(args.base, args.users, args.trivial_seconds, args.password, MIX_TRIVIAL, (0, 0))
    report(f"Trivial view /healthz ({args.users} users, no think time)", figures["trivial"])
    if "saturation" in figures and figures["trivial"]["per_second"]:
        figures["ratio"] = round(figures["saturation"]["per_second"] / figures["trivial"]["per_second"], 3)
        print(f"\nSaturation/trivial throughput ratio: {figures['ratio']:.2f}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(figures, handle, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
