"""The helpers of bench/load.py's fault phase: the form fields it posts, HAProxy's statistics it reads and the
processes of the node it kills (the phase itself runs against ``make prod NODES=2``, not in CI)."""

import importlib.util
import os
import socketserver
import subprocess
import threading
import time
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("bench_load", Path(__file__).resolve().parents[1] / "bench" / "load.py")
load = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(load)

PAGE = """<form action="/i18n/setlang/" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="c1">
<input name="next" type="hidden" value="/x/"></form>
<form method="post" novalidate class="col-lg-8">
  <input type="hidden" name="csrfmiddlewaretoken" value="c1">
<input type="hidden" name="form_token" value="6a64f2" class="form-control" id="id_form_token">
<input type="text" name="title" value="">
</form>
<form method="post" action="/accounts/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="c1"></form>"""


def test_hidden_inputs_are_those_of_the_form_with_the_create_token():
    assert load.hidden_inputs(PAGE) == {"csrfmiddlewaretoken": "c1", "form_token": "6a64f2"}


STATS = (
    "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,\n"
    "portal,FRONTEND,,,3,9,2000,120,0,0,0,0,0,,,,,OPEN,\n"
    "nodes,node1,0,0,4,6,,60,0,0,,0,,1,2,3,5,DOWN,\n"
    "nodes,node2,0,0,2,5,,60,0,0,,0,,0,0,0,0,UP,\n"
)


def test_haproxy_row_reads_the_nodes_line_from_the_stats_socket(tmp_path):
    class Stats(socketserver.StreamRequestHandler):
        def handle(self):
            assert self.rfile.readline() == b"show stat\n"
            self.wfile.write(STATS.encode())

    server = socketserver.UnixStreamServer(str(tmp_path / "haproxy.sock"), Stats)
    threading.Thread(target=server.handle_request, daemon=True).start()
    row = load.haproxy_row(tmp_path, "node1")
    server.server_close()
    assert (row["status"], row["scur"], row["wretr"], row["wredis"], row["econ"], row["eresp"]) == (
        "DOWN", "4", "3", "5", "1", "2"
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_children_are_the_processes_a_master_started():
    master = subprocess.Popen(["sh", "-c", "sleep 30 & sleep 30 & wait"])
    try:
        def commands(pids):  # a child forked but not yet exec'd still shows the shell's command line
            return [Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0] for pid in pids]

        for _ in range(100):
            found = load.children(master.pid)
            if len(found) == 2 and commands(found) == [b"sleep", b"sleep"]:
                break
            time.sleep(0.05)
        assert len(found) == 2
        assert commands(found) == [b"sleep", b"sleep"]
    finally:
        for pid in load.children(master.pid):
            os.kill(pid, 9)
        master.kill()
        master.wait()


def test_a_session_forgets_a_cookie_after_its_max_age_as_a_browser_does():
    """The replica pin (config.routers.PIN_COOKIE) lasts seconds: a client keeping it forever reads only the
    primary and measures a layout without its replica."""
    import http.server

    class Cookies(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            if self.path == "/set":
                self.send_header("Set-Cookie", "primary_reads=1; HttpOnly; Max-Age=1; Path=/")
                self.send_header("Set-Cookie", "sessionid=abc; Max-Age=28800; Path=/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.seen.append(self.headers.get("Cookie", ""))

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Cookies)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        session = load.Session("127.0.0.1", server.server_address[1])
        session.request("GET", "/set")
        session.request("GET", "/")
        time.sleep(1.1)
        session.request("GET", "/")
    finally:
        server.shutdown()
        server.server_close()
    assert server.seen == ["", "primary_reads=1; sessionid=abc", "sessionid=abc"]


def test_the_clients_run_at_once_each_with_its_index_and_the_wall_time_is_the_slowest():
    from bench.clients import run_at_once

    seen, lock = [], threading.Lock()

    def client(index):
        time.sleep(0.2)
        with lock:
            seen.append(index)

    wall = run_at_once(client, 4)
    assert sorted(seen) == [0, 1, 2, 3]
    assert 0.2 <= wall < 0.6  # together, not one after another (0.8 s)
