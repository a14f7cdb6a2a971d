"""Time one preview (the check) of a staff roster workbook of the demo city, in the request and in the worker.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 DJANGO_MEDIA_ROOT=/tmp/bench-media \\
        .venv/bin/python bench/import_preview.py [--rows 1000] [--repeat 3]

The database holds ``seed_demo`` (municipal scale; seeded here when it has no demo methodist). As the demo's
methodist, in this process (Django's test client, no network), the upload of a workbook of ``--rows`` new
pedagogues of the city's schools is posted to ``/pedagogues/import/``: once without a broker (the check runs in
the request, as every preview did before it became a job) and once as with a broker (``jobs.tasks.run.delay``
stubbed: the request only keeps the file and queues the check), then the worker's ``run_job`` of that check and
the preview page it leads to. Median wall time of ``--repeat`` runs; nothing is written (no confirmation).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Учреждение", "Должность", "Предметы",
          "Педагогический стаж с", "Категория", "Дата присвоения категории", "Дата приёма", "E-mail", "Телефон"]


def roster(rows: int, schools: list[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for number in range(rows):
        sheet.append([f"Проверкина{number}", "Анна", "Сергеевна", f"{1 + number % 28:02d}.03.1985",
                      schools[number % len(schools)], "учитель", "Математика", "01.09.2010", "первая",
                      "20.12.2020", "01.09.2015", f"bench{number}@example.ru", "+7 913 000-00-00"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    from bench.common import demo_city
    from core.models import Institution

    setup_test_environment()  # the test client keeps each response's template context
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="methodist").exists():
        call_command("seed_demo", verbosity=0)
    city, _school = demo_city()
    schools = list(Institution.objects.filter(municipality=city, is_active=True).values_list("short_name", flat=True))
    content = roster(args.rows, schools)
    client = Client()
    client.force_login(get_user_model().objects.get(username="methodist"))

    def upload():
        return client.post("/pedagogues/import/", {"file": SimpleUploadedFile("roster.xlsx", content)})

    figures: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        seconds, response = timed(upload)
        assert response.status_code == 200 and not response.context["problems"], response.status_code
        figures.setdefault("request, no broker: the check in the request", []).append(seconds)
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False), mock.patch("jobs.tasks.run.delay") as send:
            seconds, response = timed(upload)
        if response.status_code != 302 or not send.called:  # code from before the check was a job
            continue
        figures.setdefault("request, broker: keep the file, queue the check", []).append(seconds)
        from jobs.models import Job
        from jobs.services import run_job

        job = Job.objects.filter(kind="core.import_preview").latest("pk")
        seconds, status = timed(lambda job=job: run_job(job.pk))
        assert status == "done", status
        figures.setdefault("worker: the check job (read, check, keep the rows)", []).append(seconds)
        job.refresh_from_db()
        seconds, page = timed(lambda job=job: client.get(job.result_url))
        assert page.status_code == 200 and len(page.context["rows"]) == args.rows
        figures.setdefault("request: the preview page from the kept rows", []).append(seconds)
    print(f"{args.rows} rows, {len(content) / 1024:.0f} kB, median of {args.repeat}")
    for label, values in figures.items():
        print(f"| {label} | {statistics.median(values):.2f} s |")


if __name__ == "__main__":
    main()
