"""Innovation migrations 0001–0002 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them."""

import core.validators
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('innovation', '0001_initial'),
        ('innovation', '0002_alter_historicalproduct_file_and_more'),
    ]

    dependencies = [
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalProject',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(help_text='e.g. «Муниципальная инновационная площадка»', max_length=300, verbose_name='site name')),
                ('topic', models.CharField(max_length=500, verbose_name='topic of the project')),
                ('level', models.CharField(choices=[('municipal', 'Municipal'), ('regional', 'Regional'), ('federal', 'Federal')], max_length=20, verbose_name='level')),
                ('status', models.CharField(choices=[('applied', 'Applied'), ('active', 'Active'), ('finished', 'Finished'), ('withdrawn', 'Withdrawn')], default='applied', max_length=20, verbose_name='status')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('decree', models.CharField(blank=True, help_text='Number and date of the order that gave the site its status.', max_length=200, verbose_name='order on the status')),
                ('goal', models.TextField(blank=True, verbose_name='goal and tasks')),
                ('results', models.TextField(blank=True, verbose_name='results')),
                ('supervisor', models.CharField(blank=True, max_length=200, verbose_name='scientific supervisor')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='lead institution')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'historical innovation site',
                'verbose_name_plural': 'historical innovation sites',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Project',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='e.g. «Муниципальная инновационная площадка»', max_length=300, verbose_name='site name')),
                ('topic', models.CharField(max_length=500, verbose_name='topic of the project')),
                ('level', models.CharField(choices=[('municipal', 'Municipal'), ('regional', 'Regional'), ('federal', 'Federal')], max_length=20, verbose_name='level')),
                ('status', models.CharField(choices=[('applied', 'Applied'), ('active', 'Active'), ('finished', 'Finished'), ('withdrawn', 'Withdrawn')], default='applied', max_length=20, verbose_name='status')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('decree', models.CharField(blank=True, help_text='Number and date of the order that gave the site its status.', max_length=200, verbose_name='order on the status')),
                ('goal', models.TextField(blank=True, verbose_name='goal and tasks')),
                ('results', models.TextField(blank=True, verbose_name='results')),
                ('supervisor', models.CharField(blank=True, max_length=200, verbose_name='scientific supervisor')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='innovation_projects', to='core.institution', verbose_name='lead institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('partners', models.ManyToManyField(blank=True, related_name='innovation_partnerships', to='core.institution', verbose_name='partner institutions')),
            ],
            options={
                'verbose_name': 'innovation site',
                'verbose_name_plural': 'innovation sites',
                'ordering': ['-start', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Product',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('kind', models.CharField(blank=True, max_length=100, verbose_name='type')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('authors', models.CharField(blank=True, max_length=400, verbose_name='authors')),
                ('file', models.FileField(blank=True, upload_to='innovation/products/%Y/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='link')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='academic year')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='products', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'product',
                'verbose_name_plural': 'products',
                'ordering': ['-year__start_year', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('leader', 'Project leader'), ('coordinator', 'Coordinator'), ('member', 'Team member')], default='member', max_length=20, verbose_name='role')),
                ('joined', models.DateField(verbose_name='joined')),
                ('left', models.DateField(blank=True, null=True, verbose_name='left')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.institution', verbose_name='institution')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='innovation_participations', to='core.pedagogue', verbose_name='pedagogue')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'participant',
                'verbose_name_plural': 'participants',
                'ordering': ['role', 'pedagogue__last_name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalStage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='stage')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(verbose_name='end')),
                ('planned_report', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='planned report (plan of the stage)')),
                ('report_due', models.DateField(blank=True, null=True, verbose_name='report due')),
                ('actual_report', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='actual report')),
                ('reported_on', models.DateField(blank=True, null=True, verbose_name='reported on')),
                ('summary', models.TextField(blank=True, verbose_name='summary of the results')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'historical stage',
                'verbose_name_plural': 'historical stages',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProject_partners',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='innovation.historicalproject')),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution')),
                ('project', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='innovation.project')),
            ],
            options={
                'verbose_name': 'HistoricalProject_partners',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProduct',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('kind', models.CharField(blank=True, max_length=100, verbose_name='type')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('authors', models.CharField(blank=True, max_length=400, verbose_name='authors')),
                ('file', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='link')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='academic year')),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'historical product',
                'verbose_name_plural': 'historical products',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParticipant',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('leader', 'Project leader'), ('coordinator', 'Coordinator'), ('member', 'Team member')], default='member', max_length=20, verbose_name='role')),
                ('joined', models.DateField(verbose_name='joined')),
                ('left', models.DateField(blank=True, null=True, verbose_name='left')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'historical participant',
                'verbose_name_plural': 'historical participants',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Stage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='stage')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(verbose_name='end')),
                ('planned_report', models.FileField(blank=True, upload_to='innovation/%Y/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='planned report (plan of the stage)')),
                ('report_due', models.DateField(blank=True, null=True, verbose_name='report due')),
                ('actual_report', models.FileField(blank=True, upload_to='innovation/%Y/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='actual report')),
                ('reported_on', models.DateField(blank=True, null=True, verbose_name='reported on')),
                ('summary', models.TextField(blank=True, verbose_name='summary of the results')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stages', to='innovation.project', verbose_name='project')),
            ],
            options={
                'verbose_name': 'stage',
                'verbose_name_plural': 'stages',
                'ordering': ['start', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['municipality', 'status'], name='innovation__municip_a56607_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['institution', 'status'], name='innovation__institu_19eae5_idx'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='innovation_project_period_order'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(fields=('project', 'pedagogue'), name='innovation_participant_unique'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.CheckConstraint(condition=models.Q(('left__isnull', True), ('left__gte', models.F('joined')), _connector='OR'), name='innovation_participant_period_order'),
        ),
        migrations.AddConstraint(
            model_name='stage',
            constraint=models.CheckConstraint(condition=models.Q(('end__gte', models.F('start'))), name='innovation_stage_period_order'),
        ),
    ]
