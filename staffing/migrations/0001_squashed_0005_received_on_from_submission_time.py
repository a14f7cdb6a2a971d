"""Staffing migrations 0001–0005 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them."""

import core.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
import staffing.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('staffing', '0001_initial'),
        ('staffing', '0002_alter_historicalregulatorydocument_file_and_more'),
        ('staffing', '0003_delete_reminder'),
        ('staffing', '0004_received_on_and_rates'),
        ('staffing', '0005_received_on_from_submission_time'),
    ]

    dependencies = [
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Campaign',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('as_of', models.DateField(help_text='The date the needs are stated for, e.g. 1 August.', verbose_name='as of')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('institution_types', models.CharField(blank=True, max_length=200, verbose_name='institution types')),
                ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed'), ('reopened', 'Reopened')], default='open', max_length=20, verbose_name='status')),
                ('instructions', models.TextField(blank=True, verbose_name='instructions for institutions')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staffing_campaigns', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staffing_campaigns', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'staffing campaign',
                'verbose_name_plural': 'staffing campaigns',
                'ordering': ['-as_of', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCampaign',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('as_of', models.DateField(help_text='The date the needs are stated for, e.g. 1 August.', verbose_name='as of')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('institution_types', models.CharField(blank=True, max_length=200, verbose_name='institution types')),
                ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed'), ('reopened', 'Reopened')], default='open', max_length=20, verbose_name='status')),
                ('instructions', models.TextField(blank=True, verbose_name='instructions for institutions')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'historical staffing campaign',
                'verbose_name_plural': 'historical staffing campaigns',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRegulatoryDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('number', models.CharField(blank=True, max_length=50, verbose_name='number')),
                ('date', models.DateField(verbose_name='date')),
                ('file', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_force', 'In force'), ('to_update', 'To be updated'), ('repealed', 'Repealed')], default='draft', max_length=20, verbose_name='status')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'historical regulatory document',
                'verbose_name_plural': 'historical regulatory documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSubmission',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for corrections'), ('accepted', 'Accepted')], default='draft', max_length=20, verbose_name='status')),
                ('no_needs', models.BooleanField(default=False, help_text='The institution states explicitly that it needs nobody.', verbose_name='no staffing needs')),
                ('contact', models.CharField(blank=True, max_length=200, verbose_name='responsible person and phone')),
                ('first_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='first submitted at')),
                ('received_on', models.DateField(blank=True, null=True, verbose_name='received on')),
                ('entered_by_methodist', models.BooleanField(default=False, help_text='The methodist entered the answer the institution sent on paper or by e-mail.', verbose_name='entered by the methodist')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                ('review_comment', models.TextField(blank=True, verbose_name="reviewer's comment")),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('campaign', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='staffing.campaign', verbose_name='campaign')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
            ],
            options={
                'verbose_name': 'historical staffing submission',
                'verbose_name_plural': 'historical staffing submissions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='RegulatoryDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('number', models.CharField(blank=True, max_length=50, verbose_name='number')),
                ('date', models.DateField(verbose_name='date')),
                ('file', models.FileField(blank=True, upload_to=staffing.models.document_path, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_force', 'In force'), ('to_update', 'To be updated'), ('repealed', 'Repealed')], default='draft', max_length=20, verbose_name='status')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staffing_documents', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'regulatory document',
                'verbose_name_plural': 'regulatory documents',
                'ordering': ['-date', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for corrections'), ('accepted', 'Accepted')], default='draft', max_length=20, verbose_name='status')),
                ('no_needs', models.BooleanField(default=False, help_text='The institution states explicitly that it needs nobody.', verbose_name='no staffing needs')),
                ('contact', models.CharField(blank=True, max_length=200, verbose_name='responsible person and phone')),
                ('first_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='first submitted at')),
                ('received_on', models.DateField(blank=True, null=True, verbose_name='received on')),
                ('entered_by_methodist', models.BooleanField(default=False, help_text='The methodist entered the answer the institution sent on paper or by e-mail.', verbose_name='entered by the methodist')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                ('review_comment', models.TextField(blank=True, verbose_name="reviewer's comment")),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to='staffing.campaign', verbose_name='campaign')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staffing_submissions', to='core.institution', verbose_name='institution')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
            ],
            options={
                'verbose_name': 'staffing submission',
                'verbose_name_plural': 'staffing submissions',
                'ordering': ['campaign', 'institution__short_name'],
            },
        ),
        migrations.CreateModel(
            name='Need',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rates', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='rates')),
                ('weekly_hours', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='weekly hours')),
                ('posts', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=6, verbose_name='posts (rates)')),
                ('reason', models.CharField(choices=[('retirement', 'Retirement'), ('maternity', 'Parental leave'), ('growth', 'Growth (more classes or groups)'), ('vacancy', 'Vacancy (a pedagogue left)')], max_length=20, verbose_name='reason')),
                ('vacant_since', models.DateField(blank=True, null=True, verbose_name='vacant since')),
                ('support', models.CharField(choices=[('none', 'No support offered'), ('housing', 'Housing'), ('compensation', 'Compensation (relocation allowance)'), ('housing_compensation', 'Housing and compensation'), ('other', 'Other (see requirements)')], default='none', max_length=30, verbose_name='offered support')),
                ('requirements', models.CharField(blank=True, max_length=500, verbose_name='requirements')),
                ('contact', models.CharField(blank=True, max_length=200, verbose_name='contact')),
                ('position', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.position', verbose_name='position')),
                ('subject', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.subject', verbose_name='subject')),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='needs', to='staffing.submission', verbose_name='submission')),
            ],
            options={
                'verbose_name': 'staffing need',
                'verbose_name_plural': 'staffing needs',
                'ordering': ['submission', 'position__order', 'position__name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalNeed',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('rates', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='rates')),
                ('weekly_hours', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='weekly hours')),
                ('posts', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=6, verbose_name='posts (rates)')),
                ('reason', models.CharField(choices=[('retirement', 'Retirement'), ('maternity', 'Parental leave'), ('growth', 'Growth (more classes or groups)'), ('vacancy', 'Vacancy (a pedagogue left)')], max_length=20, verbose_name='reason')),
                ('vacant_since', models.DateField(blank=True, null=True, verbose_name='vacant since')),
                ('support', models.CharField(choices=[('none', 'No support offered'), ('housing', 'Housing'), ('compensation', 'Compensation (relocation allowance)'), ('housing_compensation', 'Housing and compensation'), ('other', 'Other (see requirements)')], default='none', max_length=30, verbose_name='offered support')),
                ('requirements', models.CharField(blank=True, max_length=500, verbose_name='requirements')),
                ('contact', models.CharField(blank=True, max_length=200, verbose_name='contact')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('position', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.position', verbose_name='position')),
                ('subject', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.subject', verbose_name='subject')),
                ('submission', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='staffing.submission', verbose_name='submission')),
            ],
            options={
                'verbose_name': 'historical staffing need',
                'verbose_name_plural': 'historical staffing needs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='campaign',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'closed', 'reopened'])), name='staffing_campaign_status'),
        ),
        migrations.AddConstraint(
            model_name='submission',
            constraint=models.UniqueConstraint(fields=('campaign', 'institution'), name='staffing_submission_unique'),
        ),
        migrations.AddConstraint(
            model_name='submission',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('submitted_at__isnull', False), _connector='OR'), name='staffing_submitted_has_time'),
        ),
        migrations.AddConstraint(
            model_name='need',
            constraint=models.CheckConstraint(condition=models.Q(('rates__gt', 0), ('weekly_hours__gt', 0), _connector='OR'), name='staffing_need_amount'),
        ),
        migrations.AddConstraint(
            model_name='need',
            constraint=models.CheckConstraint(condition=models.Q(('posts__gte', 0)), name='staffing_need_posts_not_negative'),
        ),
    ]
