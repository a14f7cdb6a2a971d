"""Show that a background job survives its worker: against ``make prod``, start the admin's export of every
pedagogue, kill the Celery pool process with SIGKILL while the job runs, and follow the job to its end.

    .venv/bin/python bench/kill_worker.py [--user admin] [--path /pedagogues/export/]

Prints when the worker was killed and how the job ended; the job's attempts are on its admin page.
Only a portal on 127.0.0.1:8000 started by ``make prod`` on this machine is touched.
"""

import argparse
import json
import os
import subprocess
import time

from load import Session


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="admin")
    parser.add_argument("--path", default="/pedagogues/export/")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "metodportal-demo"))
    args = parser.parse_args()
    session = Session("127.0.0.1", 8000)
    if not session.login(args.user, args.password):
        raise SystemExit("could not log in")
    status, _ = session.request("GET", args.path)
    job = session.location
    if status != 302 or not job.startswith("/jobs/"):
        raise SystemExit(f"the export did not become a background job (status {status}): is a broker configured?")
    print(f"{args.path} answered {status} → {job}")
    started, killed = time.monotonic(), False
    while True:
        _status, body = session.request("GET", job.rstrip("/") + "/status")
        data = json.loads(body)
        if not killed and data["status"] == "running":
            time.sleep(1.0)
            workers = subprocess.run(["pgrep", "-f", "celery -A config worker"], capture_output=True, text=True)
            child = max(workers.stdout.split(), key=int)  # the pool process is the newest one
            subprocess.run(["kill", "-9", child], check=True)
            killed = True
            print(f"{time.monotonic() - started:.1f} s: killed the pool process {child} at {data['progress']}% "
                  f"({data['message']})")
        if data["status"] in ("done", "failed"):
            print(f"{time.monotonic() - started:.1f} s: {data['status']}: {data['message'] or data['error']}")
            break
        time.sleep(0.5)


if __name__ == "__main__":
    main()
