"""Monitoring at region scale: computing every indicator of a year for the demo city, the head's
dashboard, the Excel report and the order PDF — each next to its SQL floor: the very SQL statements
the step issued, replayed through a bare cursor (no ORM, no Python on the rows), so the ratio to what
the database alone needs is visible.

Runs under ``bench/run.py``; alone: ``DATABASE_URL=sqlite:///bench/out/region.sqlite3 python bench/bench_monitoring.py``.
"""

import os
import sys
import time
from pathlib import Path


def sql_floor(func):
    """Run ``func`` once, record its SQL, and return a callable that replays that SQL through a cursor."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        func()
    statements = [
        q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]

    def replay():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        return len(statements)

    return replay


def run(report) -> None:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from core.models import AcademicYear
    from core.models import Municipality
    from monitoring import exports
    from monitoring.computation import compute
    from monitoring.models import Order
    from monitoring.models import ReportSnapshot
    from monitoring.registry import registry
    from monitoring.services import build_snapshot
    from monitoring.services import draft_order

    city = Municipality.objects.get(code="lesosibirsk")
    year = AcademicYear.objects.get(start_year=2022)
    report.note(f"{len(registry)} indicators registered; scope {city}, year {year} and {year.previous()}")

    def compute_all():
        return compute(city, year, use_cache=False)

    results = report.measure("compute every indicator, this year + last (no cache)", compute_all)
    timings = []
    for item in registry:
        started = time.perf_counter()
        item.compute(city, year)
        timings.append(((time.perf_counter() - started) * 1000, item.code))
    slowest = ", ".join(f"{code} {ms:.0f} ms" for ms, code in sorted(timings, reverse=True)[:4])
    report.note(f"slowest indicators (one year, one run): {slowest}")
    report.measure("  SQL floor of the same", sql_floor(compute_all))
    report.note(
        "satisfactory: {}; without positive dynamics: {}".format(
            ", ".join(d.code for d in results.satisfactory) or "—",
            ", ".join(d.code for d in results.without_positive_dynamics) or "—",
        )
    )

    head = Client()
    head.force_login(get_user_model().objects.get(username="head"))
    url = f"/monitoring/?year={year.title}"

    def dashboard():
        response = head.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def dashboard_cold():
        cache.clear()
        return dashboard()

    report.measure("head's dashboard, values cached", dashboard)
    report.measure("head's dashboard, cache cleared (5 years of charts computed)", dashboard_cold)
    report.measure("  SQL floor of the cold dashboard", sql_floor(dashboard_cold))

    snapshot = ReportSnapshot.objects.filter(municipality=city, year=year).first() or build_snapshot(
        municipality=city, year=year
    )
    report.measure(
        "build the report (compute + freeze the snapshot)",
        lambda: build_snapshot(municipality=city, year=year),
    )
    ReportSnapshot.objects.filter(municipality=city, year=year).exclude(pk=snapshot.pk).filter(
        orders=None
    ).delete()
    workbook = report.measure("Excel workbook from the snapshot", lambda: exports.report_workbook(snapshot))
    report.note(f"workbook: {len(workbook) // 1024} KiB")
    report.measure("PDF report from the snapshot", lambda: exports.report_pdf(snapshot))

    order = Order.objects.filter(snapshot=snapshot).first() or draft_order(snapshot=snapshot)
    pdf = report.measure("order PDF", lambda: exports.order_pdf(order))
    report.measure("  SQL floor of the order PDF", sql_floor(lambda: exports.order_pdf(order)))
    report.note(f"order PDF: {len(pdf) // 1024} KiB")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{root / 'bench' / 'out' / 'region.sqlite3'}")
    import django

    django.setup()
    from run import Report

    report = Report(int(os.environ.get("BENCH_REPEAT", "5")))
    report.module = "monitoring"
    run(report)
    print(report.markdown())
