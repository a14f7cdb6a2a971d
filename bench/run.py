"""Benchmarks at region scale: ``python bench/run.py [--only core,training] [--regenerate] [--repeat 7]``.

1. Builds (once) the region-scale demo — ``seed_demo --scale region``: ~25 municipalities,
   ~1,000 institutions, ~40,000 pedagogues plus every app's demo records — into its own SQLite
   file ``bench/out/region.sqlite3`` (or the database of ``BENCH_DATABASE_URL``), timing the generator.
2. Runs every ``bench/bench_<app>.py`` module's ``run(report)``. A module measures with
   ``report.measure(label, func, repeat=None)``: median wall time and the number of SQL queries of
   ``func()`` (after one warm-up call); ``report.note(text)`` adds a line under the table.
3. Prints the figures as Markdown and writes them with the machine's description to
   ``bench/out/latest.md``; copy what matters into ``bench/RESULTS.md``.
"""

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_DB = OUT / "region.sqlite3"


class Report:
    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.rows: list[tuple[str, str, float, float, int]] = []  # module, label, median ms, max ms, queries
        self.notes: list[str] = []
        self.module = ""

    def measure(self, label: str, func, repeat: int | None = None):
        """Time ``func()``; return its last result. Rows: median and worst of ``repeat`` runs, queries of one."""
        from django.db import connections
        from django.db import reset_queries
        from django.test.utils import CaptureQueriesContext

        func()  # warm-up: imports, template loading, the database's page cache
        times = []
        queries = 0
        result = None
        for _ in range(repeat or self.repeat):
            reset_queries()
            with CaptureQueriesContext(connections["default"]) as captured:
                started = time.perf_counter()
                result = func()
                times.append((time.perf_counter() - started) * 1000)
            queries = len(captured.captured_queries)
        self.rows.append((self.module, label, statistics.median(times), max(times), queries))
        print(f"  {label}: median {statistics.median(times):.1f} ms, {queries} queries", flush=True)
        return result

    def note(self, text: str) -> None:
        self.notes.append(f"{self.module}: {text}")
        print(f"  note: {text}", flush=True)

    def markdown(self) -> str:
        lines = ["| module | measurement | median, ms | max, ms | SQL queries |", "| --- | --- | ---: | ---: | ---: |"]
        lines += [f"| {m} | {label} | {med:.1f} | {worst:.1f} | {q} |" for m, label, med, worst, q in self.rows]
        if self.notes:
            lines += ["", *(f"- {note}" for note in self.notes)]
        return "\n".join(lines)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
        ram = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        ram = "?"
    import sqlite3

    import django

    return (f"{os.cpu_count()} CPU ({cpu or platform.processor()}), RAM {ram}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Django {django.get_version()}, SQLite {sqlite3.sqlite_version}")


def manage(*args: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated bench modules (e.g. core,training)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the region database first")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (median reported)")
    parser.add_argument("--seed", type=int, default=2021)
    options = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DJANGO_DEBUG", None)
    lines = [f"Machine: {machine()}", f"Database: {url}"]

    sqlite_file = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if options.regenerate and sqlite_file:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    if options.regenerate or (sqlite_file and not sqlite_file.exists()):
        print(f"Building the region-scale demo in {url} ...", flush=True)
        migrate = manage("migrate", "--noinput", "-v", "0", env=env)
        seed = manage("seed_demo", "--scale", "region", "--seed", str(options.seed), env=env)
        lines.append(f"Generator: migrate {migrate:.1f} s; `seed_demo --scale region --seed {options.seed}` {seed:.1f} s")
        print(lines[-1], flush=True)

    os.environ.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"})
    os.environ.pop("DJANGO_DEBUG", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from core.models import Employment
    from core.models import Institution
    from core.models import Municipality
    from core.models import Pedagogue

    lines.append(
        f"Data: {Municipality.objects.count()} municipalities, {Institution.objects.count()} institutions, "
        f"{Pedagogue.objects.count()} pedagogues, {Employment.objects.count()} employment records"
    )
    print(lines[-1], flush=True)

    only = {name.strip() for name in options.only.split(",") if name.strip()}
    report = Report(options.repeat)
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"[{name}]", flush=True)
        spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        report.module = name
        try:
            module.run(report)
        except Exception as error:  # one broken module must not hide the others' figures
            report.note(f"FAILED: {type(error).__name__}: {error}")
    text = "\n".join([*(f"- {line}" for line in lines), "", report.markdown(), ""])
    (OUT / "latest.md").write_text(text)
    print("\n" + text)
    return 1 if any("FAILED" in note for note in report.notes) else 0


if __name__ == "__main__":
    sys.exit(main())
