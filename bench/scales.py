"""The same measurements of the demo city at every scale (issue 18): a city's costs should depend on the city.

    DATABASE_URL=postgres://…/muni    python bench/scales.py --label municipal
    DATABASE_URL=postgres://…/region  python bench/scales.py --label region
    DATABASE_URL=postgres://…/country python bench/scales.py --label country
    python bench/scales.py --table            # the Markdown table of every bench/out/scale-*.json

Each database holds ``seed_demo --scale <label>``. For the demo city (г. Лесосибирск) and the dashboard's year it
measures, as the city's head or methodist, in this process (Django's test client, no network): the dashboard
from stored values (every cache emptied; its rendering made cold; cached), a change of one employment record and the worker's
recomputation of the values it marks, the report build, the draft order, the lists and the staff export —
median wall time of ``--repeat`` runs after one warm-up, and the SQL queries of one run.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
ORDER = [
    "dashboard (every cache emptied)",
    "dashboard (its rendering gone from the cache: read back from the database)",
    "dashboard (rendering cold: values or ratings just changed)",
    "dashboard (cached rendering)",
    "change one employment record (save + mark on commit)",
    "worker: recompute the marked (city, year)",
    "report build (compute + freeze)",
    "draft order from the report",
    "list: pedagogues (its fragment cached)",
    "list: institutions (its fragment cached)",
    "list: completions (its fragment cached)",
    "list: associations (its fragment cached)",
    "list: pedagogues (after a save: nothing cached)",
    "list: institutions (after a save: nothing cached)",
    "list: completions (after a save: nothing cached)",
    "list: associations (after a save: nothing cached)",
    "export: the city's staff (xlsx)",
]


def measure(label, func, repeat, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        func()
    except Exception as exc:  # a page broken by a change in progress elsewhere: reported, the rest measured
        print(f"  {label}: FAILED {type(exc).__name__}: {str(exc)[:160]}", flush=True)
        return
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            func()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    rows[label] = {"ms": statistics.median(times), "max_ms": max(times), "queries": queries}
    print(f"  {label}: {statistics.median(times):.1f} ms, {queries} queries", flush=True)


def run(label: str, repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from core import freshness
    from core.models import Employment
    from core.models import Institution
    from core.models import Municipality
    from core.models import Pedagogue
    from monitoring import stored
    from monitoring.computation import chart_years
    from monitoring.computation import invalidate_values
    from monitoring.models import Order
    from monitoring.models import ReportSnapshot
    from monitoring.rendered import forget
    from monitoring.services import build_snapshot
    from monitoring.services import draft_order
    from monitoring.views import default_year

    city = Municipality.objects.get(code="lesosibirsk")
    year = default_year()
    users = get_user_model().objects
    head, methodist = users.get(username="head"), users.get(username="methodist")
    sizes = {
        "municipalities": Municipality.objects.count(),
        "institutions": Institution.objects.count(),
        "pedagogues": Pedagogue.objects.count(),
        "city pedagogues": Pedagogue.objects.filter(municipality=city).count(),
    }
    print(f"{label}: {sizes}; year {year}", flush=True)
    rows: dict = {}
    stored.read(city, chart_years(year))  # the city's values stored (computed here: no broker in the bench)

    as_head, as_methodist = Client(), Client()
    as_head.force_login(head)
    as_methodist.force_login(methodist)
    dashboard = reverse("monitoring:dashboard") + f"?year={year.title}"

    def get(client, url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if response.streaming:
                b"".join(response.streaming_content)

        return call

    def cold_dashboard():
        cache.clear()
        get(as_head, dashboard)()

    def evicted_dashboard():
        invalidate_values()  # a new cache key for the body, as if evicted; the database's copy is still current
        get(as_head, dashboard)()

    def rendering_cold_dashboard():
        # What a recomputation or a target's change does: neither the cache nor the database has a current rendering.
        invalidate_values()
        forget()
        get(as_head, dashboard)()

    measure(ORDER[0], cold_dashboard, repeat, rows)
    measure(ORDER[1], evicted_dashboard, repeat, rows)
    measure(ORDER[2], rendering_cold_dashboard, repeat, rows)
    measure(ORDER[3], get(as_head, dashboard), repeat, rows)

    employment = Employment.objects.filter(institution__municipality=city, left__isnull=True).order_by("pk").first()

    def change():
        with transaction.atomic():
            employment.save()

    measure(ORDER[4], change, repeat, rows)
    marked = stored.PendingRecomputation.objects.filter(municipality=city).count()
    others = stored.PendingRecomputation.objects.exclude(municipality=city).count()
    rows["marks"] = {"city": marked, "other municipalities": others}

    def recompute():
        stored.records_changed({city.pk}, (), {year.pk})
        stored.recompute(city.pk, year.pk)

    measure(ORDER[5], recompute, repeat, rows)
    stored.PendingRecomputation.objects.filter(municipality=city).delete()

    snapshots = []

    def build():
        snapshots.append(build_snapshot(municipality=city, year=year, by=head))

    measure(ORDER[6], build, repeat, rows)
    orders = []

    def order():
        orders.append(draft_order(snapshot=snapshots[-1], by=head))

    measure(ORDER[7], order, repeat, rows)
    Order.objects.filter(pk__in=[o.pk for o in orders]).delete()
    ReportSnapshot.objects.filter(pk__in=[s.pk for s in snapshots]).delete()

    lists = ["core:pedagogue-list", "core:institution-list", "training:completion-list", "associations:association-list"]
    for index, name in enumerate(lists):
        measure(ORDER[8 + index], get(as_methodist, reverse(name)), repeat, rows)

    def after_a_save(name):
        def call():
            freshness.records_changed()  # what any save does: every fragment and per-generation cache is dropped
            get(as_methodist, reverse(name))()

        return call

    for index, name in enumerate(lists):
        measure(ORDER[12 + index], after_a_save(name), repeat, rows)
    measure(ORDER[16], get(as_methodist, reverse("core:pedagogue-export")), max(1, repeat // 2), rows)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"scale-{label}.json").write_text(json.dumps({"label": label, "sizes": sizes, "rows": rows}, indent=1))


def table() -> str:
    results = [json.loads(p.read_text()) for p in sorted(OUT.glob("scale-*.json"))]
    rank = {"municipal": 0, "region": 1, "country": 2}
    results.sort(key=lambda r: rank.get(r["label"], 9))
    base = next((r for r in results if r["label"] == "municipal"), results[0])
    head = "| measurement | " + " | ".join(f"{r['label']}, ms (queries)" for r in results) + " | largest ÷ municipal |"
    lines = [head, "| --- |" + " ---: |" * (len(results) + 1)]
    for label in ORDER:
        cells = []
        for r in results:
            row = r["rows"].get(label)
            cells.append(f"{row['ms']:.0f} ({row['queries']})" if row else "—")
        last, first = results[-1]["rows"].get(label), base["rows"].get(label)
        ratio = f"{last['ms'] / first['ms']:.2f}×" if last and first and first["ms"] else "—"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")
    lines.append("")
    for r in results:
        lines.append(f"- {r['label']}: {r['sizes']}; marks after one change: {r['rows'].get('marks')}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", help="municipal, region or country (the scale the database was seeded at)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--table", action="store_true", help="print the table of the saved results")
    args = parser.parse_args()
    if args.table:
        print(table())
    else:
        run(args.label, args.repeat)
