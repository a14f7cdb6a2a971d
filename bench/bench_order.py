"""The order a head signs: drafting it from a frozen report, and its documents (.docx via python-docx, PDF via
WeasyPrint), plus the analytical note. Median of BENCH_REPEAT runs (default 5), in-process, no cache involved.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/bench_order.py    # after seed_demo
"""

import os
import statistics
import sys
import time
from pathlib import Path


def timed(label: str, func, repeat: int):
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        runs.append((time.perf_counter() - started) * 1000)
    print(f"{label:<58} median {statistics.median(runs):8.1f} ms   (min {min(runs):.1f}, max {max(runs):.1f})")
    return result


def main() -> None:
    from django.db import transaction

    from core.models import AcademicYear
    from core.models import Municipality
    from monitoring import documents
    from monitoring import exports
    from monitoring.models import Order
    from monitoring.models import ReportSnapshot
    from monitoring.services import build_snapshot
    from monitoring.services import draft_order

    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    city = Municipality.objects.get(code="lesosibirsk")
    year = AcademicYear.objects.get(start_year=int(os.environ.get("BENCH_YEAR", "2022")))
    snapshot = ReportSnapshot.objects.filter(municipality=city, year=year).first() or build_snapshot(
        municipality=city, year=year
    )
    print(f"scope {city}, year {year}; {repeat} runs each")

    def rolled_back(func):
        def run():
            with transaction.atomic():
                result = func()
                transaction.set_rollback(True)
            return result

        return run

    timed("build the report (compute two years + freeze)", rolled_back(lambda: build_snapshot(municipality=city, year=year)), repeat)
    timed("draft the order from the frozen report", rolled_back(lambda: draft_order(snapshot=snapshot)), repeat)
    order = Order.objects.filter(snapshot=snapshot).first() or draft_order(snapshot=snapshot)
    items = order.numbered_items()
    print(f"order: {len(items)} items, {sum(len(i.get('children', [])) for i in items)} sub-items of item 3")
    docx = timed("order .docx (python-docx)", lambda: documents.order_docx(order), repeat)
    pdf = timed("order PDF (WeasyPrint, Liberation Serif)", lambda: exports.order_pdf(order), repeat)
    note = timed("analytical note .docx (with institutions' breakdowns)", lambda: documents.note_docx(snapshot), repeat)
    note_pdf = timed("analytical note PDF", lambda: documents.note_pdf(snapshot), repeat)
    timed("report PDF", lambda: exports.report_pdf(snapshot), repeat)
    print(f"sizes: order.docx {len(docx) // 1024} KiB, order.pdf {len(pdf) // 1024} KiB, "
          f"note.docx {len(note) // 1024} KiB, note.pdf {len(note_pdf) // 1024} KiB")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    main()
