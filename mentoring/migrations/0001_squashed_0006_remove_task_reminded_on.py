"""Mentoring migrations 0001–0006 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import core.validators
import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# The forms of mentoring named in the recommendations on teacher mentoring
# (letter АЗ-1128/08/657 of 21.12.2021); admins may add and rename them.
FORMS = [
    ("педагог – педагог", False),
    ("руководитель – педагог", False),
    ("педагог вуза/колледжа – молодой педагог", False),
    ("групповое наставничество", True),
]


def seed_forms(apps, schema_editor):
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    for order, (name, is_group) in enumerate(FORMS, start=1):
        MentoringForm.objects.get_or_create(name=name, defaults={"is_group": is_group, "order": order * 10})


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('mentoring', '0001_initial'),
        ('mentoring', '0002_seed_forms'),
        ('mentoring', '0003_task_reminded_on'),
        ('mentoring', '0004_pd_hours'),
        ('mentoring', '0005_alter_historicalprogramme_regulation_and_more'),
        ('mentoring', '0006_remove_task_reminded_on'),
    ]

    dependencies = [
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MentoringForm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('is_group', models.BooleanField(default=False, verbose_name='group form')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
            ],
            options={
                'verbose_name': 'form of mentoring',
                'verbose_name_plural': 'forms of mentoring',
                'ordering': ['order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='session_attendance', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'attendance',
                'verbose_name_plural': 'attendance',
            },
        ),
        migrations.CreateModel(
            name='AttestationSupport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('kind', models.CharField(choices=[('consultation', 'Consultation'), ('materials', 'Materials'), ('portfolio', 'Portfolio review'), ('seminar', 'Seminar')], max_length=20, verbose_name='kind')),
                ('description', models.CharField(max_length=300, verbose_name='description')),
                ('given_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='given by')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attestation_support', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'attestation support',
                'verbose_name_plural': 'attestation support',
                'ordering': ['-date', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAttestation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('category', models.CharField(choices=[('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], max_length=20, verbose_name='category sought')),
                ('applied_on', models.DateField(blank=True, null=True, verbose_name='application date')),
                ('date', models.DateField(blank=True, null=True, verbose_name='attestation date')),
                ('result', models.CharField(choices=[('pending', 'Pending'), ('assigned', 'Category assigned'), ('refused', 'Refused'), ('withdrawn', 'Application withdrawn')], default='pending', max_length=20, verbose_name='result')),
                ('order_ref', models.CharField(blank=True, max_length=100, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'historical attestation',
                'verbose_name_plural': 'historical attestations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAttestationSupport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('kind', models.CharField(choices=[('consultation', 'Consultation'), ('materials', 'Materials'), ('portfolio', 'Portfolio review'), ('seminar', 'Seminar')], max_length=20, verbose_name='kind')),
                ('description', models.CharField(max_length=300, verbose_name='description')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('given_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='given by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'historical attestation support',
                'verbose_name_plural': 'historical attestation support',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProgramme',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('regulation', models.TextField(blank=True, help_text="The institution's regulation (положение о наставничестве), PDF or DOCX.", max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='regulation on mentoring')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('curator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='curator')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
            ],
            options={
                'verbose_name': 'historical mentoring programme',
                'verbose_name_plural': 'historical mentoring programmes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSession',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('ysh', 'School of the Young Teacher'), ('supervision', 'Supervision')], default='ysh', max_length=20, verbose_name='kind')),
                ('date', models.DateField(verbose_name='date')),
                ('topic', models.CharField(max_length=300, verbose_name='topic')),
                ('leader', models.CharField(blank=True, max_length=200, verbose_name='leader')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('pd_hours', models.DecimalField(blank=True, decimal_places=1, default=Decimal('2'), help_text="Hours posted to each attendee's hour account; leave empty if the session does not count.", max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5'))], verbose_name='PD hours')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'historical session',
                'verbose_name_plural': 'historical sessions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSupportRequest',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('requester_kind', models.CharField(choices=[('beginner', 'Beginning pedagogue'), ('new_head', 'New head'), ('other', 'Other')], default='beginner', max_length=20, verbose_name='who asks')),
                ('received_on', models.DateField(verbose_name='received on')),
                ('topic', models.CharField(max_length=300, verbose_name='topic')),
                ('response', models.TextField(blank=True, verbose_name='response')),
                ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed on')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'historical support request',
                'verbose_name_plural': 'historical support requests',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalYoungSpecialistMark',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_young', models.BooleanField(default=True, help_text='Untick to exclude the pedagogue from young specialists whatever the rule says.', verbose_name='is a young specialist')),
                ('reason', models.CharField(max_length=300, verbose_name='reason')),
                ('marked_at', models.DateTimeField(blank=True, editable=False, verbose_name='marked at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('marked_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='marked by')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'historical young specialist mark',
                'verbose_name_plural': 'historical young specialist marks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Pair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('order_number', models.CharField(blank=True, max_length=50, verbose_name="head's order No.")),
                ('order_date', models.DateField(blank=True, null=True, verbose_name="head's order date")),
                ('goal', models.TextField(blank=True, verbose_name='goal')),
                ('pd_hours', models.DecimalField(blank=True, decimal_places=1, help_text="Hours posted to each mentee's hour account on the end date of the pair; leave empty if none.", max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5'))], verbose_name='PD hours')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('form', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pairs', to='mentoring.mentoringform', verbose_name='form')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentoring_pairs', to='core.institution', verbose_name='institution')),
            ],
            options={
                'verbose_name': 'mentoring pair',
                'verbose_name_plural': 'mentoring pairs',
                'ordering': ['-start', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTask',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='task')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('is_checkpoint', models.BooleanField(default=False, verbose_name='checkpoint')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pair', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentoring.pair', verbose_name='pair')),
            ],
            options={
                'verbose_name': 'historical programme task',
                'verbose_name_plural': 'historical programme tasks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParticipant',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('mentor', 'Mentor'), ('mentee', 'Mentee')], max_length=10, verbose_name='role')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('pair', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentoring.pair', verbose_name='pair')),
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
            name='HistoricalEvaluation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('meetings_regular', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='regularity of meetings')),
                ('plan_followed', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='the programme was followed')),
                ('cooperation', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='quality of cooperation')),
                ('process_comment', models.TextField(blank=True, verbose_name='comment on the process')),
                ('adaptation', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='adaptation of the mentee')),
                ('competence_growth', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='growth of professional competence')),
                ('mentee_results', models.TextField(blank=True, verbose_name="the mentee's results (lessons, competitions, products)")),
                ('stays_in_profession', models.BooleanField(null=True, verbose_name='the mentee intends to stay in the profession')),
                ('effect_comment', models.TextField(blank=True, verbose_name='comment on the effect')),
                ('evaluated_on', models.DateField(blank=True, null=True, verbose_name='evaluated on')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pair', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentoring.pair', verbose_name='pair')),
            ],
            options={
                'verbose_name': 'historical evaluation of mentoring',
                'verbose_name_plural': 'historical evaluations of mentoring',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Evaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('meetings_regular', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='regularity of meetings')),
                ('plan_followed', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='the programme was followed')),
                ('cooperation', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='quality of cooperation')),
                ('process_comment', models.TextField(blank=True, verbose_name='comment on the process')),
                ('adaptation', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='adaptation of the mentee')),
                ('competence_growth', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — low'), (2, '2 — below expectations'), (3, '3 — meets expectations'), (4, '4 — good'), (5, '5 — excellent')], null=True, verbose_name='growth of professional competence')),
                ('mentee_results', models.TextField(blank=True, verbose_name="the mentee's results (lessons, competitions, products)")),
                ('stays_in_profession', models.BooleanField(null=True, verbose_name='the mentee intends to stay in the profession')),
                ('effect_comment', models.TextField(blank=True, verbose_name='comment on the effect')),
                ('evaluated_on', models.DateField(blank=True, null=True, verbose_name='evaluated on')),
                ('pair', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='mentoring.pair', verbose_name='pair')),
            ],
            options={
                'verbose_name': 'evaluation of mentoring',
                'verbose_name_plural': 'evaluations of mentoring',
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('mentor', 'Mentor'), ('mentee', 'Mentee')], max_length=10, verbose_name='role')),
                ('pair', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='mentoring.pair', verbose_name='pair')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentoring_roles', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'participant',
                'verbose_name_plural': 'participants',
                'ordering': ['role', 'pedagogue__last_name'],
            },
        ),
        migrations.AddField(
            model_name='pair',
            name='members',
            field=models.ManyToManyField(related_name='mentoring_pairs', through='mentoring.Participant', to='core.pedagogue'),
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('regulation', models.FileField(blank=True, help_text="The institution's regulation (положение о наставничестве), PDF or DOCX.", upload_to='mentoring/regulations/%Y/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='regulation on mentoring')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('curator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='curated_programmes', to='core.pedagogue', verbose_name='curator')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentoring_programmes', to='core.institution', verbose_name='institution')),
            ],
            options={
                'verbose_name': 'mentoring programme',
                'verbose_name_plural': 'mentoring programmes',
                'ordering': ['-start', 'title'],
            },
        ),
        migrations.AddField(
            model_name='pair',
            name='programme',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pairs', to='mentoring.programme', verbose_name='mentoring programme'),
        ),
        migrations.CreateModel(
            name='HistoricalPair',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                ('order_number', models.CharField(blank=True, max_length=50, verbose_name="head's order No.")),
                ('order_date', models.DateField(blank=True, null=True, verbose_name="head's order date")),
                ('goal', models.TextField(blank=True, verbose_name='goal')),
                ('pd_hours', models.DecimalField(blank=True, decimal_places=1, help_text="Hours posted to each mentee's hour account on the end date of the pair; leave empty if none.", max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5'))], verbose_name='PD hours')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('form', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentoring.mentoringform', verbose_name='form')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentoring.programme', verbose_name='mentoring programme')),
            ],
            options={
                'verbose_name': 'historical mentoring pair',
                'verbose_name_plural': 'historical mentoring pairs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Session',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('ysh', 'School of the Young Teacher'), ('supervision', 'Supervision')], default='ysh', max_length=20, verbose_name='kind')),
                ('date', models.DateField(verbose_name='date')),
                ('topic', models.CharField(max_length=300, verbose_name='topic')),
                ('leader', models.CharField(blank=True, max_length=200, verbose_name='leader')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('pd_hours', models.DecimalField(blank=True, decimal_places=1, default=Decimal('2'), help_text="Hours posted to each attendee's hour account; leave empty if the session does not count.", max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5'))], verbose_name='PD hours')),
                ('attendees', models.ManyToManyField(related_name='mentoring_sessions', through='mentoring.Attendance', to='core.pedagogue', verbose_name='attendees')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'session',
                'verbose_name_plural': 'sessions',
                'ordering': ['-date', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='attendance',
            name='session',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='mentoring.session', verbose_name='session'),
        ),
        migrations.CreateModel(
            name='SupportRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('requester_kind', models.CharField(choices=[('beginner', 'Beginning pedagogue'), ('new_head', 'New head'), ('other', 'Other')], default='beginner', max_length=20, verbose_name='who asks')),
                ('received_on', models.DateField(verbose_name='received on')),
                ('topic', models.CharField(max_length=300, verbose_name='topic')),
                ('response', models.TextField(blank=True, verbose_name='response')),
                ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed on')),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('pedagogue', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='support_requests', to='core.pedagogue', verbose_name='pedagogue')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'support request',
                'verbose_name_plural': 'support requests',
                'ordering': ['-received_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Task',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='task')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('is_checkpoint', models.BooleanField(default=False, verbose_name='checkpoint')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('pair', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='mentoring.pair', verbose_name='pair')),
            ],
            options={
                'verbose_name': 'programme task',
                'verbose_name_plural': 'programme tasks',
                'ordering': ['deadline', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='YoungSpecialistMark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_young', models.BooleanField(default=True, help_text='Untick to exclude the pedagogue from young specialists whatever the rule says.', verbose_name='is a young specialist')),
                ('reason', models.CharField(max_length=300, verbose_name='reason')),
                ('marked_at', models.DateTimeField(auto_now=True, verbose_name='marked at')),
                ('marked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='marked by')),
                ('pedagogue', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='young_specialist_mark', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'young specialist mark',
                'verbose_name_plural': 'young specialist marks',
            },
        ),
        migrations.CreateModel(
            name='Attestation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], max_length=20, verbose_name='category sought')),
                ('applied_on', models.DateField(blank=True, null=True, verbose_name='application date')),
                ('date', models.DateField(blank=True, null=True, verbose_name='attestation date')),
                ('result', models.CharField(choices=[('pending', 'Pending'), ('assigned', 'Category assigned'), ('refused', 'Refused'), ('withdrawn', 'Application withdrawn')], default='pending', max_length=20, verbose_name='result')),
                ('order_ref', models.CharField(blank=True, max_length=100, verbose_name='order')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attestations', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'attestation',
                'verbose_name_plural': 'attestations',
                'ordering': ['-date', '-applied_on', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('category', 'none'), _negated=True), name='mentoring_attestation_category_sought'), models.CheckConstraint(condition=models.Q(('date__isnull', True), ('applied_on__isnull', True), ('date__gte', models.F('applied_on')), _connector='OR'), name='mentoring_attestation_after_application')],
            },
        ),
        migrations.AddIndex(
            model_name='participant',
            index=models.Index(fields=['pedagogue', 'role'], name='mentoring_p_pedagog_4900cf_idx'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(fields=('pair', 'pedagogue'), name='mentoring_no_self_mentoring'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='mentoring_programme_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='pair',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='mentoring_pair_end_after_start'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['municipality', 'kind', 'date'], name='mentoring_s_municip_b8dcf4_idx'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.UniqueConstraint(fields=('session', 'pedagogue'), name='mentoring_attendance_once'),
        ),
        migrations.AddConstraint(
            model_name='supportrequest',
            constraint=models.CheckConstraint(condition=models.Q(('closed_on__isnull', True), ('closed_on__gte', models.F('received_on')), _connector='OR'), name='mentoring_support_closed_after_received'),
        ),
        migrations.RunPython(seed_forms, migrations.RunPython.noop),
    ]
