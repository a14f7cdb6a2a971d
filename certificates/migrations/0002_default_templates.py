"""Seed the default layouts (certificate, certificate of participation, diploma) so admins
have a good-looking starting point to edit."""

from django.db import migrations

from certificates.default_templates import CERTIFICATE, DIPLOMA

DEFAULTS = [
    ("Сертификат (по умолчанию)", "certificate", CERTIFICATE),
    ("Сертификат участника (по умолчанию)", "participation", CERTIFICATE),
    ("Диплом (по умолчанию)", "diploma", DIPLOMA),
]


def seed(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for name, kind, body in DEFAULTS:
        if not CertificateTemplate.objects.filter(kind=kind).exists():
            CertificateTemplate.objects.create(name=name, kind=kind, body=body, is_active=True)


def unseed(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateTemplate.objects.filter(name__in=[name for name, _kind, _body in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
