"""Every certificate gets a random check part of its verification code; existing ones get theirs here
(their old QR codes, with the number only, verify nothing any more: reprint them from the portal)."""

import secrets

from django.db import migrations, models

import certificates.models

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def give_codes(apps, schema_editor):
    certificate = apps.get_model("certificates", "Certificate")
    historical = apps.get_model("certificates", "HistoricalCertificate")
    rows = list(certificate.objects.filter(check_code="").only("pk"))
    for row in rows:
        row.check_code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    certificate.objects.bulk_update(rows, ["check_code"], batch_size=500)
    # The history rows carry the code of their certificate.
    for row in rows:
        historical.objects.filter(id=row.pk, check_code="").update(check_code=row.check_code)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_default_templates")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="check_code",
            field=models.CharField(default="", editable=False, max_length=8, verbose_name="check code"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcertificate",
            name="check_code",
            field=models.CharField(default="", editable=False, max_length=8, verbose_name="check code"),
            preserve_default=False,
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="check_code",
            field=models.CharField(
                default=certificates.models.new_check_code, editable=False, max_length=8, verbose_name="check code"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcertificate",
            name="check_code",
            field=models.CharField(
                default=certificates.models.new_check_code, editable=False, max_length=8, verbose_name="check code"
            ),
        ),
    ]
