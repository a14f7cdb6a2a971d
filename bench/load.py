"""A bounded load generator for a running portal (``make prod``): the standard library plus openpyxl.

    .venv/bin/python bench/load.py --users 20 --seconds 60 [--base http://127.0.0.1:8000] [--json FILE]

Each simulated user logs in as one of the demo accounts (password: DEMO_PASSWORD, default metodportal-demo)
and loops over a realistic mix until the time is up: the monitoring dashboard, lists, detail pages found on
those lists, an Excel export, a school's roster import (upload → preview → confirm) and the yearly report build
(POST; with a broker it becomes a background job, and the user polls its page until the report is ready).

Four phases, each for a bounded time (0 seconds skips one):

1. **users** — ``--users`` people who read what they open: a think time of ``--think`` seconds (default 1–3)
   between requests. This is what the latency aim is about (the dashboard's p95 at 20 concurrent users).
2. **saturation** — the same mix without think time: the server's throughput on real pages.
3. **trivial** — ``/healthz`` without think time: the framework's own ceiling on this machine.
4. **fault** (``--fault-seconds``, against ``make prod NODES=2``; off by default) — the users (half of them
   methodists) with a shorter think time and no report build; the methodists also add association plan items,
   each with a unique title that the client records when the portal accepts it (302) and reads back on the
   page the form redirects to (a lagging replica must not hide it). At ``--kill-at`` of the phase one web node
   (``--kill-node``: its gunicorn master and workers, pidfile in ``--prod-dir``) hangs (SIGSTOP) for
   ``--freeze-seconds``, collecting the requests HAProxy still sends it, and is then killed with SIGKILL. Afterwards the accepted titles are looked up in the database (lost = accepted but not found; the
   replica is asked too), every session must have gone on on the other node with the same cookie, and each
   error (5xx, or a page sending the user back to the login) is classified: in flight on the killed node at the
   kill, or not (that must be 0). HAProxy's stats socket gives how many requests the node held at the kill,
   how many it retried elsewhere, and how soon it marked the node DOWN.

Prints throughput, median and p95 per page and the errors of every phase, the saturation/trivial throughput
ratio and the fault's figures. Only 127.0.0.1/localhost is allowed. The fault phase alone:

    .venv/bin/python bench/load.py --base http://127.0.0.1:8000 --seconds 0 --saturation-seconds 0 \
        --trivial-seconds 0 --fault-seconds 60 [--kill-node node1] [--prod-dir .prod]
"""

import argparse
import datetime
import http.client
import io
import json
import os
import random
import re
import signal
import socket
import statistics
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.clients import run_at_once  # noqa: E402

USERS = ["head", "methodist", "school", "teacher", "expert"]
MANAGERS = ("head", "methodist")
STAFF_READERS = (*MANAGERS, "school", "teacher")  # the expert sees only what is assigned to them (403 here)
# (page label, target, weight[, roles]). A target is a path, a (list page, link pattern[, suffix]) pair whose links
# give detail pages, or the name of an action below.
MIX = [
    ("dashboard", "/monitoring/", 6, (*MANAGERS, "school")),
    ("pedagogue list", "/pedagogues/", 3, STAFF_READERS),
    ("institution list", "/institutions/", 2),
    ("completion list", "/training/completions/", 2, STAFF_READERS),
    ("association list", "/associations/", 2, STAFF_READERS),
    ("pedagogue detail", ("/pedagogues/", r'href="(/pedagogues/\d+/)"'), 3, STAFF_READERS),
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
        self.cookie_ends: dict[str, float] = {}  # Max-Age, as a browser keeps it (the replica pin lasts seconds)
        self.location = ""
        # Each simulated person is its own client, as behind nginx (core.clientip): the per-address login rate
        # limit and lock apply to each, not to all of them at once.
        self.client = f"10.77.{index // 256}.{index % 256}"
        self.node = ""  # the web node that answered last (HAProxy's X-Node header)
        self.pending = ""  # the method of the request under way
        self.log: list | None = None  # (started, ended, method, path, status, node, location) when a list
        self.rng = random.Random(index)
        self.links: dict[str, list[str]] = {}
        self.run, self.writes = "", 0
        self.accepted: list[str] = []  # titles of the writes the portal accepted
        self.refused: list[tuple[str, int]] = []
        self.unread: list[str] = []  # accepted, but not on the page the form redirected to

    def request(self, method: str, path: str, body: dict | None = None, *, files: dict | None = None):
        now = time.monotonic()
        for name in [name for name, end in self.cookie_ends.items() if end <= now]:
            self.cookies.pop(name, None)
            del self.cookie_ends[name]
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
        started = time.monotonic()
        self.pending = method
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                if attempt == 2:
                    self.pending = ""
                    if self.log is not None:
                        self.log.append((started, time.monotonic(), method, path, 599, "", ""))
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                name = name.strip()
                self.cookies[name] = rest.split(";", 1)[0]
                age = re.search(r";\s*max-age=(-?\d+)", rest, re.IGNORECASE)
                if age:
                    self.cookie_ends[name] = time.monotonic() + int(age.group(1))
                else:
                    self.cookie_ends.pop(name, None)
        self.pending = ""
        self.location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        self.node = response.getheader("X-Node") or ""
        if self.log is not None:
            self.log.append((started, time.monotonic(), method, path, response.status, self.node, self.location))
        return response.status, content

    def form_token(self, page: bytes) -> str:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return token.group(1).decode() if token else ""

    def login(self, username: str, password: str) -> bool:
        _status, page = self.request("GET", "/accounts/login/")
        status, _ = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": self.form_token(page), "username": username, "password": password,
        })
        self.login_cookie = self.cookies.get("sessionid", "")
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
    # Cells by their column's heading (a star marks the required ones), so a new or moved column keeps it working.
    columns = {str(cell.value).rstrip(" *"): cell.column for cell in sheet[header_row] if cell.value}
    for index in range(rows):
        values = {"Фамилия": f"Нагрузкина{index:03d}", "Имя": "Анна", "Отчество": "Сергеевна",
                  "Дата рождения": f"{1 + index % 28:02d}.03.{1970 + index % 30}", "Учреждение": institution,
                  "Должность": position, "Педагогический стаж с": "01.09.2000", "Дата приёма": "01.09.2015"}
        for heading, value in values.items():
            sheet.cell(row=header_row + 1 + index, column=columns[heading], value=value)
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


def hidden_inputs(page: str) -> dict[str, str]:
    """The hidden fields of the page's main form (CSRF token, the one-time create token)."""
    at = page.find('name="form_token"')
    start = max(page.rfind("<form", 0, at) if at >= 0 else page.rfind("<form"), 0)
    form = page[start:page.find("</form>", start)]
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        if attrs.get("type") == "hidden" and attrs.get("name") and attrs["name"] not in fields:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def do_plan_item(session: Session) -> int:
    """Add a plan item with a unique title to one of the associations the user sees; record it if accepted, and
    check that the page the form redirects to (the association in that year) shows it."""
    if "associations" not in session.links:
        _status, page = session.request("GET", "/associations/")
        session.links["associations"] = sorted(set(re.findall(r'href="(/associations/\d+/)"', page.decode())))
    if not session.links["associations"]:
        return 403
    association = session.rng.choice(session.links["associations"])
    status, page = session.request("GET", association + "plan/add/")
    if status != 200:
        return status
    text = page.decode("utf-8", "replace")
    today = datetime.date.today()
    start = today.year - (today.month < 9)
    year = re.search(rf'<option value="(\d+)"[^>]*>{start}/{start + 1}</option>', text)
    if not year:
        return 422
    session.writes += 1
    title = f"load {session.run} {session.client} {session.writes}"
    status, _ = session.request("POST", association + "plan/add/", {
        **hidden_inputs(text), "year": year.group(1), "planned_on": today.isoformat(), "title": title,
        "responsible": "load.py",
    })
    if status != 302 or session.location != association:
        session.refused.append((title, status))
        return status if status != 302 else 422
    session.accepted.append(title)
    status, page = session.request("GET", f"{association}?year={year.group(1)}")
    if status == 200 and title.encode() not in page:
        session.unread.append(title)  # accepted, but the next page did not show it (a lagging replica?)
    return 200


ACTIONS = {"import": do_import, "report": do_report, "write": do_plan_item}


def run_users(base: str, users: int, seconds: float, password: str, mix, think: tuple[float, float],
              sessions: list | None = None, run: str = "", roles=USERS) -> dict:
    """Run ``users`` simulated people for ``seconds``; with ``sessions`` (a list) keep each one's request log."""
    url = urllib.parse.urlsplit(base)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int):
        username = roles[index % len(roles)]
        weighted = [item for item in mix for _ in range(item[2]) if len(item) < 4 or username in item[3]]
        session = Session(url.hostname, url.port or 80, index)
        session.run = run
        if sessions is not None:
            session.log = []
            with lock:
                sessions.append(session)
        if mix is not MIX_TRIVIAL and not session.login(username, password):
            with lock:
                errors["login"] += 1
            return
        rng, links = session.rng, session.links
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

    wall = run_at_once(user, users)
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


# The fault phase: the users' mix without the report build (a worker's minutes), plus the methodists' writes.
MIX_FAULT = [item for item in MIX if item[1] != "report"] + [("plan item (write)", "write", 10, ("methodist",))]
FAULT_USERS = ["methodist", "head", "methodist", "school", "methodist", "teacher", "methodist", "expert"]


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def haproxy_row(prod_dir: Path, node: str) -> dict[str, str]:
    """The node's line of HAProxy's statistics (status UP/DOWN, scur = requests it holds now, wretr/wredis =
    requests retried/redispatched from it, eresp/econ = response/connection errors)."""
    with socket.socket(socket.AF_UNIX) as stats:
        stats.connect(str(prod_dir / "haproxy.sock"))
        stats.sendall(b"show stat\n")
        data = b""
        while chunk := stats.recv(65536):
            data += chunk
    lines = data.decode().splitlines()
    header = lines[0].lstrip("# ").split(",")
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("svname") == node:
            return row
    return {}


STAT_COUNTERS = ("wretr", "wredis", "econ", "eresp")


def probe(base: str, method: str, out: list) -> None:
    """One request to /healthz without a session: a POST has no CSRF token, so a node answers it 403 and saves
    nothing; a 502 is HAProxy's answer for a node that died holding it."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
    try:
        connection.request(method, "/healthz", body="probe=1" if method == "POST" else None, headers={
            "Host": "127.0.0.1", "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        out.append(f"{method} {response.status} {response.getheader('X-Node') or '-'}")
    except (http.client.HTTPException, OSError):
        out.append(f"{method} 599 -")


def kill_node(prod_dir: Path, node: str, at: float, events: dict, freeze: float, base: str = "") -> None:
    """At ``at`` (monotonic) freeze the node's gunicorn master and workers (SIGSTOP: it hangs, HAProxy still sends
    it requests), ``freeze`` seconds later SIGKILL them; note when HAProxy marks it DOWN. With ``base``, four
    POST and four GET probes are sent while it hangs (round robin gives it about half of them)."""
    time.sleep(max(0.0, at - time.monotonic()))
    master = int((prod_dir / f"gunicorn-{node}.pid").read_text())
    pids = [master, *children(master)]
    events["before"] = haproxy_row(prod_dir, node)
    for pid in pids:  # stopped first, so no worker finishes a request after its siblings died
        os.kill(pid, signal.SIGSTOP)
    events["frozen"] = time.monotonic()
    probes, events["probes"] = [], []
    for method in ("POST", "GET") * 4 if base else ():
        probes.append(threading.Thread(target=probe, args=(base, method, events["probes"])))
        probes[-1].start()
        time.sleep(0.02)
    time.sleep(max(0.0, events["frozen"] + freeze - time.monotonic()))
    events["held"] = int(haproxy_row(prod_dir, node).get("scur") or 0)
    events["killed"] = time.monotonic()
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    events["pids"] = pids
    for thread in probes:
        thread.join()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if haproxy_row(prod_dir, node).get("status", "").startswith("DOWN"):
            events["down"] = time.monotonic()
            break
        time.sleep(0.05)


def node_environment(prod_dir: Path, node: str) -> dict[str, str]:
    """The environment a running node was started with (its DATABASE_URL and DATABASE_REPLICA_URL)."""
    master = int((prod_dir / f"gunicorn-{node}.pid").read_text())
    raw = Path(f"/proc/{master}/environ").read_bytes().split(b"\0")
    env_file = dict(line.split("=", 1) for line in (prod_dir / "env").read_text().splitlines() if "=" in line)
    return {**env_file, **dict(item.decode().split("=", 1) for item in raw if b"=" in item)}


def titles_in(database_url: str, run: str) -> Counter:
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT title FROM associations_planitem WHERE title LIKE %s", (f"load {run} %",)
        ).fetchall()
    return Counter(title for (title,) in rows)


def run_fault(base: str, users: int, seconds: float, password: str, think, prod_dir: Path, node: str,
              kill_at: float, freeze: float = 0) -> dict:
    other = [n for n in ("node1", "node2", "node3", "node4") if n != node and (prod_dir / f"gunicorn-{n}.pid").exists()]
    environment = node_environment(prod_dir, other[0])
    run, sessions, events = uuid.uuid4().hex[:8], [], {}
    began = time.monotonic()
    killer = threading.Thread(
        target=kill_node, args=(prod_dir, node, began + seconds * kill_at, events, freeze, base if freeze else "")
    )
    killer.start()
    result = run_users(base, users, seconds, password, MIX_FAULT, think, sessions, run, FAULT_USERS)
    killer.join()
    if "killed" not in events:
        raise SystemExit("the node was not killed")
    frozen, killed, down = events["frozen"], events["killed"], events.get("down")
    before, stats = events["before"], haproxy_row(prod_dir, node)

    def failed(record) -> bool:
        status, location = record[4], record[6]
        return status >= 500 or (status == 302 and location.startswith("/accounts/login"))

    records = [record for session in sessions for record in session.log]
    in_flight = [r for r in records if r[0] <= killed < r[1]]  # under way when the node died (on either node)
    errors = [r for r in records if failed(r)]
    # An error the kill explains: answered for the killed node (HAProxy's 502) or lost with the connection, sent
    # before the kill and not answered before the node froze.
    held = [r for r in errors if r[0] <= killed and r[1] >= frozen and r[5] in (node, "")]
    window = [r for r in records if killed <= r[0] and (down is None or r[0] < down)]
    after = [s for s in sessions if any(r[0] > killed and r[4] == 200 and r[5] not in (node, "") for r in s.log)]
    logged_out = [s for s in sessions if any(r[4] == 302 and r[6].startswith("/accounts/login") for r in s.log)]

    accepted = [title for session in sessions for title in session.accepted]
    refused = [item for session in sessions for item in session.refused]
    found = titles_in(environment["DATABASE_URL"], run)
    time.sleep(1)
    replica_url = environment.get("DATABASE_REPLICA_URL")
    on_replica = titles_in(replica_url, run) if replica_url else None
    result["fault"] = {
        "node": node, "pids": events["pids"],
        "frozen_after_s": round(frozen - began, 1),
        "killed_after_s": round(killed - began, 1),
        "down_after_kill_s": round(down - killed, 2) if down else None,
        "requests_held_by_killed_node": events["held"],
        "posts_in_flight_at_kill": sum(r[2] == "POST" for r in in_flight),
        **{f"haproxy_{name}": int(stats.get(name) or 0) - int(before.get(name) or 0) for name in STAT_COUNTERS},
        "requests_in_flight_at_kill": len(in_flight),
        "in_flight_by_node": dict(Counter(r[5] or "none" for r in in_flight)),
        "in_flight_answered_200_or_302": sum(r[4] in (200, 302) for r in in_flight),
        "errors": len(errors),
        "errors_in_flight_on_killed_node": len(held),
        "errors_other": len(errors) - len(held),
        "error_requests": sorted(f"{r[2]} {r[4]} {r[5] or '-'} at {r[0] - began:.2f}-{r[1] - began:.2f} s"
                                 for r in errors)[:20],
        "requests_between_kill_and_down": len(window),
        "errors_between_kill_and_down": sum(failed(r) for r in window),
        "sessions": len(sessions),
        "sessions_served_by_other_node_after_kill": len(after),
        "sessions_logged_out": len(logged_out),
        "sessions_cookie_changed": sum(s.cookies.get("sessionid", "") != s.login_cookie for s in sessions),
        "probes_during_the_hang": dict(Counter(events["probes"])),
        "writes_accepted": len(accepted),
        "writes_found": sum(1 for title in accepted if found[title]),
        "writes_lost": sum(1 for title in accepted if not found[title]),
        "writes_duplicated": sum(1 for count in found.values() if count > 1),
        "writes_refused": dict(Counter(str(status) for _title, status in refused)),
        "writes_refused_but_stored": sum(1 for title, _status in refused if found[title]),
        "writes_not_shown_after_redirect": sum(len(s.unread) for s in sessions),
        "writes_on_replica_1s_later": (sum(1 for title in accepted if on_replica[title])
                                       if on_replica is not None else None),
    }
    return result


def report_fault(fault: dict) -> None:
    print(f"\nFault: {fault['node']} (pids {fault['pids']}) frozen at {fault['frozen_after_s']} s, killed at "
          f"{fault['killed_after_s']} s, HAProxy marked it DOWN {fault['down_after_kill_s']} s later")
    for key, value in fault.items():
        if key not in ("node", "pids", "frozen_after_s", "killed_after_s", "down_after_kill_s", "error_requests"):
            print(f"  {key.replace('_', ' ')}: {value}")
    for line in fault["error_requests"]:
        print(f"    error: {line}")


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
    parser.add_argument("--fault-seconds", type=float, default=0, help="the fault phase (make prod NODES=2); 0 skips")
    parser.add_argument("--fault-think", default="0.3-1", help="think time of the fault phase, seconds: MIN-MAX")
    parser.add_argument("--kill-node", default="node1", help="the node the fault phase kills (HAProxy's name)")
    parser.add_argument("--kill-at", type=float, default=0.5, help="when, as a fraction of the fault phase")
    parser.add_argument("--freeze-seconds", type=float, default=0,
                        help="the node hangs (SIGSTOP) this long before it is killed, collecting requests")
    parser.add_argument("--prod-dir", default=str(Path(__file__).resolve().parents[1] / ".prod"),
                        help="make prod's directory (PROD_DIR): pidfiles, env, HAProxy's stats socket")
    parser.add_argument("--json")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost"):
        parser.error("only a portal on 127.0.0.1/localhost may be loaded")
    if not 1 <= args.users <= 200 or max(args.seconds, args.saturation_seconds, args.fault_seconds) > 900:
        parser.error("bounded: 1..200 users, at most 900 seconds a phase")
    if not 0 < args.kill_at < 1:
        parser.error("--kill-at is a fraction of the fault phase, between 0 and 1")

    def think_range(value: str) -> tuple[float, float]:
        low, _, high = value.partition("-")
        return float(low), float(high or low)

    think = think_range(args.think)
    figures = {}
    if args.seconds:
        figures["users"] = run_users(args.base, args.users, args.seconds, args.password, MIX, think)
        report(f"Users ({args.users}, think time {args.think} s)", figures["users"])
    if args.saturation_seconds:
        figures["saturation"] = run_users(
            args.base, args.users, args.saturation_seconds, args.password, MIX, (0, 0)
        )
        report(f"Saturation ({args.users} users, no think time)", figures["saturation"])
    if args.trivial_seconds:
        figures["trivial"] = run_users(
            args.base, args.users, args.trivial_seconds, args.password, MIX_TRIVIAL, (0, 0)
        )
        report(f"Trivial view /healthz ({args.users} users, no think time)", figures["trivial"])
    if "saturation" in figures and figures.get("trivial", {}).get("per_second"):
        figures["ratio"] = round(figures["saturation"]["per_second"] / figures["trivial"]["per_second"], 3)
        print(f"\nSaturation/trivial throughput ratio: {figures['ratio']:.2f}")
    if args.fault_seconds:
        figures["fault"] = run_fault(
            args.base, args.users, args.fault_seconds, args.password, think_range(args.fault_think),
            Path(args.prod_dir), args.kill_node, args.kill_at, args.freeze_seconds,
        )
        report(f"Fault phase ({args.users} users, think time {args.fault_think} s)", figures["fault"])
        report_fault(figures["fault"]["fault"])
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(figures, handle, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
