"""The date of receipt of every answer already submitted is the day it was first submitted; needs given in
weekly hours are recounted in rates with the position's norm hours (order No. 1601)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import migrations


def forward(apps, schema_editor):
    import zoneinfo

    Submission = apps.get_model("staffing", "Submission")
    Need = apps.get_model("staffing", "Need")
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for pk, first in Submission.objects.filter(first_submitted_at__isnull=False).values_list(
        "pk", "first_submitted_at"
    ).iterator():
        Submission.objects.filter(pk=pk).update(received_on=first.astimezone(zone).date())
    for need in Need.objects.filter(rates__isnull=True, weekly_hours__gt=0).select_related("position"):
        posts = (Decimal(need.weekly_hours) / need.position.norm_hours).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if posts != need.posts:
            Need.objects.filter(pk=need.pk).update(posts=posts)


class Migration(migrations.Migration):
    dependencies = [
        ("staffing", "0004_received_on_and_rates"),
        ("core", "0004_category_history_from_single_field"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
