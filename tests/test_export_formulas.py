"""No export turns user text into a formula: every text field of every domain model gets a value starting with
``=`` (``=1+2 <pk>``), then every export of the portal — the list exports, the per-object workbooks (a
pedagogue's record, a campaign's completeness and summary), the ``?format=xlsx`` pages, the certificate
register, the monitoring report — is downloaded as the admin and every cell of every sheet is checked."""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.db.models import CharField
from django.db.models import Value
from django.db.models.functions import Cast
from django.db.models.functions import Concat
from django.test import Client
from django.urls import get_resolver
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from core.scoping import Role
from tests.test_security_urls import first_value
from tests.test_security_urls import walk

PLANT = "=1+2 "
# Text that code reads as a key, a code or a list, not as words people typed.
STRUCTURAL = {"code", "key", "slug", "number", "check_code", "source_key", "kind", "status", "institution_types",
              "body", "url", "email", "phone", "file", "color", "icon", "token", "title_en", "app_label", "model",
              "unit", "scale", "format", "inn", "okpo", "snils"}
STRUCTURAL_MODELS = {"core.academicyear", "monitoring.reportsnapshot"}


def plant_formulas() -> int:
    planted = 0
    for app in settings.DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label_lower
            if label in STRUCTURAL_MODELS or model._meta.proxy or label.split(".")[1].startswith("historical"):
                continue
            fields = [
                field.name for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField) and not field.choices
                and not field.unique and field.name not in STRUCTURAL and not field.primary_key
            ]
            if fields and model._default_manager.exists():
                value = Concat(Value(PLANT), Cast("pk", output_field=CharField()))
                planted += model._default_manager.update(**dict.fromkeys(fields, value)) * len(fields)
    return planted


def plant_in_snapshots() -> None:
    from monitoring.models import ReportSnapshot

    def walk_json(node):
        if isinstance(node, dict):
            return {k: (PLANT + "snapshot" if k in ("title", "source") and isinstance(v, str) else walk_json(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk_json(item) for item in node]
        return node

    for pk, data in ReportSnapshot.objects.values_list("pk", "data"):
        ReportSnapshot.objects.filter(pk=pk).update(data=walk_json(data))  # a frozen snapshot refuses save()


def export_urls() -> list[tuple[str, str]]:
    """(name, URL) of every download of a workbook."""
    found = []
    for route, name, callback, params in walk(get_resolver().url_patterns):
        if not name or name.startswith("admin:") or "format" in params or name in ("logout",):
            continue
        if "export" in name or "xlsx" in name:
            kwargs = {p: first_value(p, route, callback) for p in params}
            found.append((name, reverse(name, kwargs=kwargs or None)))
        elif not params and not route.startswith("api/"):
            base = reverse(name)
            found += [(name, f"{base}?format=xlsx"), (name, f"{base}?export=xlsx")]
    return found


@pytest.mark.django_db
def test_no_export_holds_a_formula_made_from_user_text():
    call_command("seed_demo", scale="tiny", verbosity=0)
    assert plant_formulas() > 1000
    plant_in_snapshots()
    client = Client(raise_request_exception=False)
    client.force_login(make_user("formula-admin", Role.ADMIN))

    problems, workbooks, planted_cells, with_plant = [], 0, 0, set()
    for name, url in export_urls():
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url} ({name}): {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument.spread"):
            continue
        workbooks += 1
        book = load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        problems.append(f"{url} ({name}): formula {cell.value!r} in {sheet.title}!{cell.coordinate}")
                    elif isinstance(cell.value, str) and cell.value.startswith(PLANT):
                        planted_cells += 1
                        with_plant.add(name)
    assert problems == [], "\n".join(problems[:40])
    assert workbooks >= 30, workbooks
    # The planted text did reach the exports (as text): the staff, institutions, certificates, the report...
    assert planted_cells > 1000
    for name in ("core:pedagogue-export", "core:institution-export", "core:pedagogue-record-xlsx",
                 "mentoring:programme-export", "certificates:export", "monitoring:report-xlsx",
                 "staffing:campaign-summary-export"):
        assert name in with_plant, name


def test_the_writer_keeps_every_risky_prefix_as_visible_text():
    from core.xlsx import Column
    from core.xlsx import Sheet
    from core.xlsx import workbook_bytes

    values = ["=1+2", "+7 900 000-00-00", "-5", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0", "plain"]
    data = workbook_bytes([Sheet("T", [Column("v", "Value")], [[v] for v in values])])
    sheet = load_workbook(io.BytesIO(data)).active

    cells = [sheet.cell(row=row, column=1) for row in range(2, 2 + len(values))]
    assert [cell.value for cell in cells] == values
    assert {cell.data_type for cell in cells} == {"s"}
    assert [cell.quotePrefix for cell in cells] == [True] * 7 + [False]
