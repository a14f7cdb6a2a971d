"""Time every indicator (or those of ``BENCH_APPS``, e.g. ``core,training``) for the demo city, value and breakdown:
median of ``BENCH_REPEAT`` (default 5) after a warm-up, the query count of one call, the result and the fastest of
the repeats and the median CPU time of the process (on a shared machine the wall-clock median of a call longer than
the scheduler's slice jumps with the load; the minimum and the CPU time are the call's own cost), printed as JSON.

Run it from two checkouts on one database to compare code versions (issue 15 used it so)::

    DATABASE_URL=sqlite:////tmp/region.sqlite3 python bench/indicators_compare.py 2024 > after.json
"""

import json
import os
import statistics
import sys
import time


def main(start_year: int) -> dict:
    import django

    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import AcademicYear
    from core.models import Municipality
    from monitoring.registry import registry

    apps = os.environ.get("BENCH_APPS", "").split(",") if os.environ.get("BENCH_APPS") else None
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    city = Municipality.objects.get(code="lesosibirsk")
    year = AcademicYear.objects.get(start_year=start_year)
    out = {}
    for item in sorted(registry, key=lambda i: i.code):
        if apps is not None and item.code.split(".")[0] not in apps:
            continue
        for kind, func in (("value", item.compute), ("breakdown", item.breakdown)):
            if func is None:
                continue
            func(city, year)
            times, cpu = [], []
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = func(city, year)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            with CaptureQueriesContext(connection) as ctx:
                func(city, year)
            shown = str(result) if kind == "value" else f"{len(result)} institutions"
            out[f"{item.code} {kind}"] = (
                round(statistics.median(times), 1), len(ctx), shown, round(min(times), 1),
                round(statistics.median(cpu), 2),
            )
    return out


if __name__ == "__main__":
    json.dump(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2024), sys.stdout, ensure_ascii=False, indent=0)
