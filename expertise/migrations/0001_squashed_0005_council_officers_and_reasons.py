"""Expertise migrations 0001–0005 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import core.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# Default review criteria per request type (admins edit them afterwards).
CRITERIA = {
    "audit": [
        "Нормативно-правовое обеспечение методической работы",
        "Система повышения квалификации педагогов",
        "Работа методических объединений и сопровождение молодых педагогов",
        "Обобщение и распространение педагогического опыта",
    ],
    "recommendations": [
        "Актуальность и соответствие нормативным требованиям",
        "Научно-методическая обоснованность",
        "Практическая значимость и применимость",
        "Качество оформления и структура",
    ],
    "manual": [
        "Соответствие ФГОС и программам",
        "Научность и достоверность содержания",
        "Методическая ценность заданий",
        "Оформление и доступность изложения",
    ],
    "project": [
        "Актуальность проблемы и обоснованность замысла",
        "Новизна и инновационный характер",
        "Реалистичность плана и ресурсов",
        "Измеримость ожидаемых результатов",
    ],
    "research": [
        "Актуальность и постановка проблемы",
        "Корректность методов исследования",
        "Достоверность и обоснованность выводов",
        "Практическая значимость",
    ],
    "pd_programme": [
        "Соответствие профессиональному стандарту педагога",
        "Адресность: опора на выявленные дефициты",
        "Инновационность содержания и форм",
        "Система оценки результатов",
    ],
    "bank_item": [
        "Актуальность и новизна материала",
        "Методическая ценность",
        "Возможность тиражирования в других учреждениях",
        "Качество оформления",
    ],
}


def seed_criteria(apps, schema_editor):
    Criterion = apps.get_model("expertise", "Criterion")
    TypeSettings = apps.get_model("expertise", "TypeSettings")
    for type_code, titles in CRITERIA.items():
        TypeSettings.objects.get_or_create(type=type_code, defaults={"experts_visible_to_authors": type_code == "audit"})
        for order, title in enumerate(titles, start=1):
            Criterion.objects.get_or_create(type=type_code, title=title, defaults={"max_score": 3, "order": order * 10})


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('expertise', '0001_initial'),
        ('expertise', '0002_default_criteria'),
        ('expertise', '0003_recommendation'),
        ('expertise', '0004_alter_historicalreviewrequest_file_and_more'),
        ('expertise', '0005_council_officers_and_reasons'),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TypeSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], max_length=30, unique=True, verbose_name='request type')),
                ('experts_visible_to_authors', models.BooleanField(default=False, verbose_name="authors see the experts' names")),
            ],
            options={
                'verbose_name': 'request type settings',
                'verbose_name_plural': 'request type settings',
                'ordering': ['type'],
            },
        ),
        migrations.CreateModel(
            name='Criterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], max_length=30, verbose_name='request type')),
                ('title', models.CharField(max_length=300, verbose_name='criterion')),
                ('max_score', models.PositiveSmallIntegerField(default=3, verbose_name='maximum score')),
                ('order', models.PositiveSmallIntegerField(default=10, verbose_name='order')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
            ],
            options={
                'verbose_name': 'review criterion',
                'verbose_name_plural': 'review criteria',
                'ordering': ['type', 'order', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('max_score__gte', 1)), name='expertise_criterion_max_score_positive'), models.UniqueConstraint(fields=('type', 'title'), name='expertise_criterion_unique_title')],
            },
        ),
        migrations.CreateModel(
            name='Expert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('specialisations', models.CharField(blank=True, max_length=400, verbose_name='specialisations')),
                ('active_from', models.DateField(verbose_name='in the register since')),
                ('active_to', models.DateField(blank=True, null=True, verbose_name='in the register until')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='expert_entries', to='core.pedagogue', verbose_name='pedagogue')),
                ('subjects', models.ManyToManyField(blank=True, related_name='+', to='core.subject', verbose_name='subject areas')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='expert_entries', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'expert',
                'verbose_name_plural': 'register of experts',
                'ordering': ['pedagogue__last_name', 'pedagogue__first_name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCouncilOfficer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('duty', models.CharField(choices=[('chair', 'chair of the expert council'), ('secretary', 'secretary of the expert council')], default='chair', max_length=20, verbose_name='duty')),
                ('since', models.DateField(default=django.utils.timezone.localdate, verbose_name='since')),
                ('until', models.DateField(blank=True, null=True, verbose_name='until')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'historical officer of the expert council',
                'verbose_name_plural': 'historical officers of the expert council',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCriterion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], max_length=30, verbose_name='request type')),
                ('title', models.CharField(max_length=300, verbose_name='criterion')),
                ('max_score', models.PositiveSmallIntegerField(default=3, verbose_name='maximum score')),
                ('order', models.PositiveSmallIntegerField(default=10, verbose_name='order')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical review criterion',
                'verbose_name_plural': 'historical review criteria',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalExpert',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('specialisations', models.CharField(blank=True, max_length=400, verbose_name='specialisations')),
                ('active_from', models.DateField(verbose_name='in the register since')),
                ('active_to', models.DateField(blank=True, null=True, verbose_name='in the register until')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'historical expert',
                'verbose_name_plural': 'historical register of experts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalExpert_subjects',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('expert', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='expertise.expert')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='expertise.historicalexpert')),
                ('subject', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.subject')),
            ],
            options={
                'verbose_name': 'HistoricalExpert_subjects',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReviewRequest',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], max_length=30, verbose_name='type')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('authors', models.CharField(blank=True, max_length=400, verbose_name='authors')),
                ('file', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('target_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('assigned', 'Experts assigned'), ('reviewed', 'Reviewed'), ('concluded', 'Concluded')], default='submitted', max_length=20, verbose_name='status')),
                ('submitted_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='submitted on')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('decision', models.CharField(blank=True, choices=[('recommended', 'Recommended'), ('revise', 'To revise'), ('rejected', 'Rejected')], max_length=20, verbose_name='conclusion')),
                ('combined_score', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='combined score, %')),
                ('conclusion', models.TextField(blank=True, verbose_name='conclusion text')),
                ('concluded_on', models.DateField(blank=True, null=True, verbose_name='concluded on')),
                ('round', models.PositiveSmallIntegerField(default=1, verbose_name='review round')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('target_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'historical review request',
                'verbose_name_plural': 'historical review requests',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTypeSettings',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], db_index=True, max_length=30, verbose_name='request type')),
                ('experts_visible_to_authors', models.BooleanField(default=False, verbose_name="authors see the experts' names")),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical request type settings',
                'verbose_name_plural': 'historical request type settings',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReviewRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('audit', 'Methodical audit of an institution'), ('recommendations', 'Methodical recommendations'), ('manual', 'Methodical manual'), ('project', 'Pedagogical project'), ('research', 'Research work'), ('pd_programme', 'PD programme'), ('bank_item', 'Bank item')], max_length=30, verbose_name='type')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('authors', models.CharField(blank=True, max_length=400, verbose_name='authors')),
                ('file', models.FileField(blank=True, upload_to='expertise/%Y/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('target_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('assigned', 'Experts assigned'), ('reviewed', 'Reviewed'), ('concluded', 'Concluded')], default='submitted', max_length=20, verbose_name='status')),
                ('submitted_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='submitted on')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('decision', models.CharField(blank=True, choices=[('recommended', 'Recommended'), ('revise', 'To revise'), ('rejected', 'Rejected')], max_length=20, verbose_name='conclusion')),
                ('combined_score', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='combined score, %')),
                ('conclusion', models.TextField(blank=True, verbose_name='conclusion text')),
                ('concluded_on', models.DateField(blank=True, null=True, verbose_name='concluded on')),
                ('round', models.PositiveSmallIntegerField(default=1, verbose_name='review round')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_requests', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('target_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'review request',
                'verbose_name_plural': 'review requests',
                'ordering': ['-submitted_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAssignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('round', models.PositiveSmallIntegerField(default=1, verbose_name='review round')),
                ('assigned_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='assigned at')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('recommendation', models.CharField(blank=True, choices=[('recommended', 'Recommended'), ('revise', 'To revise'), ('rejected', 'Rejected')], max_length=20, verbose_name="expert's recommendation")),
                ('reason', models.TextField(blank=True, help_text='Required when «Recommended» comes with under half the points or «Rejected» with three quarters or more.', verbose_name='why the recommendation differs from the score')),
                ('total', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='total score')),
                ('max_total', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='maximum total')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('assigned_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('expert', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='expertise.expert', verbose_name='expert')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='expertise.reviewrequest', verbose_name='request')),
            ],
            options={
                'verbose_name': 'historical expert assignment',
                'verbose_name_plural': 'historical expert assignments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('round', models.PositiveSmallIntegerField(default=1, verbose_name='review round')),
                ('assigned_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='assigned at')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('recommendation', models.CharField(blank=True, choices=[('recommended', 'Recommended'), ('revise', 'To revise'), ('rejected', 'Rejected')], max_length=20, verbose_name="expert's recommendation")),
                ('reason', models.TextField(blank=True, help_text='Required when «Recommended» comes with under half the points or «Rejected» with three quarters or more.', verbose_name='why the recommendation differs from the score')),
                ('total', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='total score')),
                ('max_total', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='maximum total')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('expert', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='expertise.expert', verbose_name='expert')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='expertise.reviewrequest', verbose_name='request')),
            ],
            options={
                'verbose_name': 'expert assignment',
                'verbose_name_plural': 'expert assignments',
                'ordering': ['assigned_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Score',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.PositiveSmallIntegerField(verbose_name='score')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='expertise.assignment')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='expertise.criterion', verbose_name='criterion')),
            ],
            options={
                'verbose_name': 'score',
                'verbose_name_plural': 'scores',
                'ordering': ['criterion__order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Transition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('submit', 'submit'), ('assign', 'assign experts'), ('review', 'complete the reviews'), ('conclude', 'conclude'), ('resubmit', 'resubmit')], max_length=20, verbose_name='action')),
                ('from_status', models.CharField(blank=True, choices=[('submitted', 'Submitted'), ('assigned', 'Experts assigned'), ('reviewed', 'Reviewed'), ('concluded', 'Concluded')], max_length=20, verbose_name='from')),
                ('to_status', models.CharField(choices=[('submitted', 'Submitted'), ('assigned', 'Experts assigned'), ('reviewed', 'Reviewed'), ('concluded', 'Concluded')], max_length=20, verbose_name='to')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('note', models.CharField(blank=True, max_length=400, verbose_name='note')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='expertise.reviewrequest')),
            ],
            options={
                'verbose_name': 'transition',
                'verbose_name_plural': 'transitions',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilOfficer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('duty', models.CharField(choices=[('chair', 'chair of the expert council'), ('secretary', 'secretary of the expert council')], default='chair', max_length=20, verbose_name='duty')),
                ('since', models.DateField(default=django.utils.timezone.localdate, verbose_name='since')),
                ('until', models.DateField(blank=True, null=True, verbose_name='until')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_duties', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'officer of the expert council',
                'verbose_name_plural': 'officers of the expert council',
                'ordering': ['municipality', 'duty', 'since'],
                'constraints': [models.UniqueConstraint(fields=('municipality', 'user', 'duty', 'since'), name='expertise_officer_unique'), models.CheckConstraint(condition=models.Q(('until__isnull', True), ('until__gte', models.F('since')), _connector='OR'), name='expertise_officer_period_order')],
            },
        ),
        migrations.AddConstraint(
            model_name='expert',
            constraint=models.CheckConstraint(condition=models.Q(('active_to__isnull', True), ('active_to__gte', models.F('active_from')), _connector='OR'), name='expertise_expert_period_order'),
        ),
        migrations.AddIndex(
            model_name='reviewrequest',
            index=models.Index(fields=['municipality', 'status'], name='expertise_r_municip_3810a4_idx'),
        ),
        migrations.AddIndex(
            model_name='reviewrequest',
            index=models.Index(fields=['target_type', 'target_id'], name='expertise_r_target__4bec6b_idx'),
        ),
        migrations.AddIndex(
            model_name='reviewrequest',
            index=models.Index(fields=['concluded_on'], name='expertise_r_conclud_5dfd51_idx'),
        ),
        migrations.AddConstraint(
            model_name='reviewrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('concluded_on__isnull', False), ('status', 'concluded'), models.Q(('decision', ''), _negated=True)), models.Q(models.Q(('status', 'concluded'), _negated=True), ('decision', '')), _connector='OR'), name='expertise_request_decision_iff_concluded'),
        ),
        migrations.AddConstraint(
            model_name='reviewrequest',
            constraint=models.CheckConstraint(condition=models.Q(('combined_score__isnull', True), models.Q(('combined_score__gte', Decimal('0')), ('combined_score__lte', Decimal('100'))), _connector='OR'), name='expertise_request_score_range'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.UniqueConstraint(fields=('request', 'expert', 'round'), name='expertise_assignment_unique'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(('reviewed_at__isnull', True), models.Q(('max_total__isnull', False), ('total__isnull', False)), _connector='OR'), name='expertise_assignment_reviewed_has_total'),
        ),
        migrations.AddConstraint(
            model_name='score',
            constraint=models.UniqueConstraint(fields=('assignment', 'criterion'), name='expertise_score_unique'),
        ),
        migrations.RunPython(seed_criteria, migrations.RunPython.noop),
    ]
