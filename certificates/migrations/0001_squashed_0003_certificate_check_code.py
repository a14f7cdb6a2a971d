"""Certificates migrations 0001–0003 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import secrets

import certificates.models
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from certificates.default_templates import CERTIFICATE, DIPLOMA

# The default layouts (certificate, certificate of participation, diploma), so admins have a good-looking
# starting point to edit.
DEFAULTS = [
    ("Сертификат (по умолчанию)", "certificate", CERTIFICATE),
    ("Сертификат участника (по умолчанию)", "participation", CERTIFICATE),
    ("Диплом (по умолчанию)", "diploma", DIPLOMA),
]
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def seed_templates(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for name, kind, body in DEFAULTS:
        if not CertificateTemplate.objects.filter(kind=kind).exists():
            CertificateTemplate.objects.create(name=name, kind=kind, body=body, is_active=True)


def give_codes(apps, schema_editor):
    """Every certificate issued before check codes existed gets a random one (0003; nothing to do on a new
    database, elidable)."""
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

    initial = True

    replaces = [
        ('certificates', '0001_initial'),
        ('certificates', '0002_default_templates'),
        ('certificates', '0003_certificate_check_code'),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NumberCounter',
            fields=[
                ('year', models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ('last', models.PositiveIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'number counter',
                'verbose_name_plural': 'number counters',
            },
        ),
        migrations.CreateModel(
            name='CertificateTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('certificate', 'Certificate'), ('diploma', 'Diploma'), ('participation', 'Certificate of participation')], max_length=20, verbose_name='kind')),
                ('body', models.TextField(help_text='A full HTML page in Django template syntax. Available: {{ number }}, {{ kind_title }}, {{ holder_name }}, {{ event_title }}, {{ event_date }}, {{ hours }}, {{ line }}, {{ issued_on }}, {{ municipality }}, {{ verify_url }}, {{ qr_code }} (an image data URI).', verbose_name='HTML body')),
                ('is_active', models.BooleanField(default=True, help_text='One active template per kind.', verbose_name='active')),
            ],
            options={
                'verbose_name': 'certificate template',
                'verbose_name_plural': 'certificate templates',
                'ordering': ['kind', 'name'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_active', True)), fields=('kind',), name='certificates_one_active_template_per_kind')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCertificate',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.CharField(db_index=True, max_length=40, verbose_name='number')),
                ('check_code', models.CharField(default=certificates.models.new_check_code, editable=False, max_length=8, verbose_name='check code')),
                ('year', models.PositiveSmallIntegerField(editable=False, verbose_name='year of issue')),
                ('sequence', models.PositiveIntegerField(editable=False, verbose_name='sequence number')),
                ('kind', models.CharField(choices=[('certificate', 'Certificate'), ('diploma', 'Diploma'), ('participation', 'Certificate of participation')], default='certificate', max_length=20, verbose_name='kind')),
                ('holder_name', models.CharField(max_length=300, verbose_name="holder's name as printed")),
                ('event_title', models.CharField(max_length=500, verbose_name='event')),
                ('event_date', models.DateField(verbose_name='event date')),
                ('hours', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='hours')),
                ('line', models.CharField(blank=True, max_length=300, verbose_name='result')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='issued at')),
                ('source_key', models.CharField(max_length=60, verbose_name='source')),
                ('source_id', models.PositiveBigIntegerField()),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('revoke_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for revocation')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('holder', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='holder')),
                ('issued_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='issued by the municipality')),
                ('revoked_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='revoked by')),
                ('source_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'historical certificate',
                'verbose_name_plural': 'historical certificates',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCertificateTemplate',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('certificate', 'Certificate'), ('diploma', 'Diploma'), ('participation', 'Certificate of participation')], max_length=20, verbose_name='kind')),
                ('body', models.TextField(help_text='A full HTML page in Django template syntax. Available: {{ number }}, {{ kind_title }}, {{ holder_name }}, {{ event_title }}, {{ event_date }}, {{ hours }}, {{ line }}, {{ issued_on }}, {{ municipality }}, {{ verify_url }}, {{ qr_code }} (an image data URI).', verbose_name='HTML body')),
                ('is_active', models.BooleanField(default=True, help_text='One active template per kind.', verbose_name='active')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical certificate template',
                'verbose_name_plural': 'historical certificate templates',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Certificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=40, unique=True, verbose_name='number')),
                ('check_code', models.CharField(default=certificates.models.new_check_code, editable=False, max_length=8, verbose_name='check code')),
                ('year', models.PositiveSmallIntegerField(editable=False, verbose_name='year of issue')),
                ('sequence', models.PositiveIntegerField(editable=False, verbose_name='sequence number')),
                ('kind', models.CharField(choices=[('certificate', 'Certificate'), ('diploma', 'Diploma'), ('participation', 'Certificate of participation')], default='certificate', max_length=20, verbose_name='kind')),
                ('holder_name', models.CharField(max_length=300, verbose_name="holder's name as printed")),
                ('event_title', models.CharField(max_length=500, verbose_name='event')),
                ('event_date', models.DateField(verbose_name='event date')),
                ('hours', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='hours')),
                ('line', models.CharField(blank=True, max_length=300, verbose_name='result')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='issued at')),
                ('source_key', models.CharField(max_length=60, verbose_name='source')),
                ('source_id', models.PositiveBigIntegerField()),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('revoke_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for revocation')),
                ('holder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='core.pedagogue', verbose_name='holder')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='issued by the municipality')),
                ('revoked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='revoked by')),
                ('source_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'certificate',
                'verbose_name_plural': 'certificates',
                'ordering': ['-issued_at', '-pk'],
                'indexes': [models.Index(fields=['source_type', 'source_id'], name='certificate_source__ab969d_idx'), models.Index(fields=['municipality', 'issued_at'], name='certificate_municip_8f091a_idx')],
                'constraints': [models.UniqueConstraint(fields=('source_type', 'source_id', 'holder', 'kind'), name='certificates_once_per_event_holder_kind'), models.UniqueConstraint(fields=('year', 'sequence'), name='certificates_sequence_per_year'), models.CheckConstraint(condition=models.Q(('revoked_at__isnull', True), models.Q(('revoke_reason', ''), _negated=True), _connector='OR'), name='certificates_revocation_has_reason')],
            },
        ),
        migrations.RunPython(seed_templates, migrations.RunPython.noop),
        migrations.RunPython(give_codes, migrations.RunPython.noop, elidable=True),
    ]
