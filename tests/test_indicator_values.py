"""Every indicator's passport, value and breakdown for every academic year of the demo stay what they were.

``tests/data/indicator_values.json`` holds them as computed before the indicators were declared as measures (issue
17: the count and share declarations, the municipality's own counts beside its staff's, the staffing campaign
helpers): the municipality's value and the breakdown's rows (institutions by short name), each as text. A change
that means to change a value rewrites the file with ``INDICATOR_VALUES_UPDATE=1`` and says why in its commit.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from monitoring.registry import registry

EXPECTED = Path(__file__).parent / "data" / "indicator_values.json"
PASSPORT = ("direction", "title", "unit", "better", "rule", "source", "key", "per_institution")


def _values(city) -> dict:
    names = dict(Institution.objects.values_list("pk", "short_name"))
    years = list(AcademicYear.objects.order_by("start_year"))
    values = {}
    for item in registry:
        values[item.code] = {
            "passport": {field: str(getattr(item, field)) for field in PASSPORT},
            "years": {
                year.title: {
                    "value": str(item.compute(city, year)),
                    "rows": None if item.breakdown is None else {
                        names[pk]: str(value) for pk, value in item.breakdown(city, year).items()
                    },
                }
                for year in years
            },
        }
    return values


@pytest.mark.django_db
def test_every_indicator_keeps_its_values_on_the_demo():
    call_command("seed_demo", scale="tiny", apps="core,training,associations,mentoring,innovation,expertise,banks,staffing",
                 stdout=io.StringIO())
    values = _values(Municipality.objects.order_by("pk").first())
    if os.environ.get("INDICATOR_VALUES_UPDATE"):
        EXPECTED.write_text(json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    expected = json.loads(EXPECTED.read_text())
    assert sorted(values) == sorted(expected)
    for code, indicator in expected.items():
        assert values[code]["passport"] == indicator["passport"], code
        for year, own in indicator["years"].items():
            assert values[code]["years"][year] == own, (code, year)
    # The demo exercises the indicators: most have a value in some year.
    assert sum(any(own["value"] not in ("None", "0") for own in item["years"].values())
               for item in expected.values()) >= 35
