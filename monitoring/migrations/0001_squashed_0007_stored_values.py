"""Monitoring migrations 0001–0007 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import core.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import monitoring.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# The ten monitored directions of the source order with their measures (titles in Russian, the portal's
# default language); admins edit them afterwards.
DIRECTIONS = [
    ("training", "Повышение квалификации педагогов, в т.ч. в ЦНППМ",
     "Продолжить внедрение новых подходов к повышению квалификации педагогических кадров: переход на "
     "модульно-накопительную модель повышения квалификации; усиление субъектной позиции педагога в "
     "повышении квалификации: разработка и реализация педагогами индивидуальных образовательных маршрутов "
     "на основе самодиагностики и самоанализа."),
    ("associations", "Городские методические объединения",
     "Совершенствовать деятельность по созданию оптимальной модели сетевой организации методической "
     "работы; создание единого информационного образовательного пространства; обобщение и распространение "
     "в муниципальной системе передового педагогического и управленческого опыта, в том числе опыта работы "
     "инновационных площадок, проектных и творческих групп."),
    ("communities", "Педагогические профессиональные сообщества, творческие группы",
     "Обеспечить условия для развития педагогических профессиональных сообществ и творческих групп, "
     "распространения опыта работы проектных и творческих групп."),
    ("young_teacher_school", "Школа молодого педагога",
     "Актуализировать программу Школы молодого педагога на основе выявленных профессиональных дефицитов "
     "начинающих педагогов."),
    ("competitions", "Конкурсы профессионального мастерства",
     "Обеспечить условия для участия педагогов в конкурсах профессионального мастерства, оказывать "
     "методическую помощь участникам."),
    ("innovation", "Инновационная деятельность",
     "Выявить причины отсутствия положительной динамики и актуализировать организационно-методическое "
     "сопровождение по направлению «Инновационная деятельность»; обеспечить условия для активного участия "
     "педагогов и педагогических коллективов в инновационной деятельности и творческих проектах."),
    ("mentoring", "Наставничество молодых специалистов",
     "Усовершенствовать систему наставничества молодых специалистов; способствовать позитивной динамике "
     "закрепляемости молодых специалистов (участие в подготовке и проведении муниципальных педагогических "
     "конференций, профессиональных конкурсов, и т.п.; оказание адресной поддержки начинающим "
     "педагогическим работникам и руководителям, в подготовке работников образования к аттестации; "
     "разработка образовательных программ повышения квалификации)."),
    ("expertise", "Экспертное сообщество и методический аудит",
     "Продолжить внедрение практики формирования экспертного сообщества, проведение методического аудита "
     "образовательных учреждений и экспертизы методических рекомендаций и пособий, педагогических "
     "проектов, исследовательских работ."),
    ("banks", "Банки педагогической информации",
     "Усилить работу по созданию банков педагогической информации: банк инновационных образовательных "
     "программ повышения квалификации, банк инновационных образовательных продуктов-проектов, "
     "информационно-образовательных ресурсов по различным образовательным областям, в том числе сетевых."),
    ("staffing", "Кадровая потребность образовательных учреждений",
     "Обновить локальную нормативную базу по выявлению кадровых потребностей образовательных учреждений."),
]


def seed_directions(apps, schema_editor):
    Direction = apps.get_model("monitoring", "Direction")
    for order, (code, title, recommendation) in enumerate(DIRECTIONS, start=1):
        Direction.objects.get_or_create(
            code=code, defaults={"title": title, "order": order * 10, "recommendation": recommendation}
        )


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('monitoring', '0001_initial'),
        ('monitoring', '0002_directions'),
        ('monitoring', '0003_item_sequence_label'),
        ('monitoring', '0004_alter_assignmentfile_file'),
        ('monitoring', '0005_delete_reminder'),
        ('monitoring', '0006_order_measures_tasks'),
        ('monitoring', '0007_stored_values'),
    ]

    dependencies = [
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Direction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(choices=[('training', 'Professional development, incl. at the regional centre (CNPPM)'), ('associations', 'City methodical associations'), ('communities', 'Professional communities and creative groups'), ('young_teacher_school', 'School of the Young Teacher'), ('competitions', 'Professional-skill competitions'), ('innovation', 'Innovation activity'), ('mentoring', 'Mentoring of young specialists'), ('expertise', 'Expert community and methodical audit'), ('banks', 'Banks of pedagogical information'), ('staffing', 'Staffing needs of institutions')], max_length=40, unique=True, verbose_name='code')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('recommendation', models.TextField(blank=True, help_text='Prefills item 3 of the order when the direction is rated unsatisfactory or shows no positive dynamics.', verbose_name='recommendation template')),
            ],
            options={
                'verbose_name': 'direction',
                'verbose_name_plural': 'directions',
                'ordering': ['order', 'code'],
            },
        ),
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('addressee', models.CharField(blank=True, help_text='How the order names the responsible person, e.g. «Ivanova A.M., director of MIMC».', max_length=300, verbose_name='addressee in the order')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('term', models.CharField(blank=True, help_text='Instead of a date, e.g. «постоянно» or «в течение 2022–2023 учебного года».', max_length=200, verbose_name='term in words')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='sequence number')),
                ('text', models.TextField(verbose_name='assignment')),
                ('status', models.CharField(choices=[('open', 'In progress'), ('reported', 'Reported, awaiting acceptance'), ('done', 'Done')], default='open', max_length=10, verbose_name='status')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed at')),
                ('comment', models.TextField(blank=True, verbose_name='completion report')),
                ('follower', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='followed_monitoring_assignments', to=settings.AUTH_USER_MODEL, verbose_name='follows the execution')),
                ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='monitoring_assignments', to=settings.AUTH_USER_MODEL, verbose_name='responsible user')),
            ],
            options={
                'verbose_name': 'assignment',
                'verbose_name_plural': 'assignments',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='AssignmentEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reported', 'Reported as done'), ('accepted', 'Accepted'), ('returned', 'Returned for rework'), ('extended', 'Term extended'), ('reminded', 'Reminder sent')], max_length=10, verbose_name='event')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('previous_term', models.CharField(blank=True, max_length=200, verbose_name='previous term')),
                ('new_term', models.CharField(blank=True, max_length=200, verbose_name='new term')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='monitoring.assignment', verbose_name='assignment')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
            ],
            options={
                'verbose_name': 'task event',
                'verbose_name_plural': 'task events',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='AssignmentFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=monitoring.models.assignment_upload_to, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'jpg', 'jpeg', 'png', 'zip']), core.validators.validate_upload], verbose_name='file')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='uploaded at')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='monitoring.assignment', verbose_name='assignment')),
            ],
            options={
                'verbose_name': 'completion file',
                'verbose_name_plural': 'completion files',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalDirection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(choices=[('training', 'Professional development, incl. at the regional centre (CNPPM)'), ('associations', 'City methodical associations'), ('communities', 'Professional communities and creative groups'), ('young_teacher_school', 'School of the Young Teacher'), ('competitions', 'Professional-skill competitions'), ('innovation', 'Innovation activity'), ('mentoring', 'Mentoring of young specialists'), ('expertise', 'Expert community and methodical audit'), ('banks', 'Banks of pedagogical information'), ('staffing', 'Staffing needs of institutions')], db_index=True, max_length=40, verbose_name='code')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('recommendation', models.TextField(blank=True, help_text='Prefills item 3 of the order when the direction is rated unsatisfactory or shows no positive dynamics.', verbose_name='recommendation template')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical direction',
                'verbose_name_plural': 'historical directions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalIndicatorPassport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(db_index=True, max_length=100, verbose_name='code')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('unit', models.CharField(choices=[('count', 'count'), ('share', 'share, %'), ('hours', 'hours'), ('ratio', 'ratio')], default='count', max_length=20, verbose_name='unit')),
                ('better', models.CharField(choices=[('up', 'higher is better'), ('down', 'lower is better')], default='up', max_length=10, verbose_name='better')),
                ('rule', models.TextField(blank=True, verbose_name='calculation rule')),
                ('source', models.TextField(blank=True, verbose_name='data source')),
                ('is_key', models.BooleanField(default=False, verbose_name='key indicator')),
                ('effect', models.CharField(blank=True, help_text='How item 2 of the order names a positive dynamics of this indicator.', max_length=500, verbose_name='positive effect phrase')),
                ('is_registered', models.BooleanField(default=True, editable=False, verbose_name='registered')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('direction', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.direction', verbose_name='direction')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical indicator passport',
                'verbose_name_plural': 'historical indicator passports',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='IndicatorPassport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=100, unique=True, verbose_name='code')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('unit', models.CharField(choices=[('count', 'count'), ('share', 'share, %'), ('hours', 'hours'), ('ratio', 'ratio')], default='count', max_length=20, verbose_name='unit')),
                ('better', models.CharField(choices=[('up', 'higher is better'), ('down', 'lower is better')], default='up', max_length=10, verbose_name='better')),
                ('rule', models.TextField(blank=True, verbose_name='calculation rule')),
                ('source', models.TextField(blank=True, verbose_name='data source')),
                ('is_key', models.BooleanField(default=False, verbose_name='key indicator')),
                ('effect', models.CharField(blank=True, help_text='How item 2 of the order names a positive dynamics of this indicator.', max_length=500, verbose_name='positive effect phrase')),
                ('is_registered', models.BooleanField(default=True, editable=False, verbose_name='registered')),
                ('direction', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='passports', to='monitoring.direction', verbose_name='direction')),
            ],
            options={
                'verbose_name': 'indicator passport',
                'verbose_name_plural': 'indicator passports',
                'ordering': ['direction__order', 'code'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTarget',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=4, max_digits=14, verbose_name='target')),
                ('tolerance', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='tolerance')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='year')),
                ('passport', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.indicatorpassport', verbose_name='indicator')),
            ],
            options={
                'verbose_name': 'historical target',
                'verbose_name_plural': 'historical targets',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Order',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('issued', 'Issued')], default='draft', max_length=10, verbose_name='status')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('preamble', models.TextField(verbose_name='preamble')),
                ('satisfactory', models.TextField(blank=True, verbose_name='item 1: satisfactory directions')),
                ('effects', models.TextField(blank=True, verbose_name='item 2: positive effects')),
                ('evaluation', models.TextField(blank=True, help_text="The effect of last year's measures, drafted from their tasks and this year's dynamics.", verbose_name='assessment of the effectiveness of the measures taken')),
                ('improvement', models.TextField(blank=True, verbose_name='item 3: introduction')),
                ('control', models.CharField(max_length=300, verbose_name='control clause')),
                ('number', models.CharField(blank=True, max_length=30, verbose_name='number')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('signatory_position', models.CharField(blank=True, max_length=300, verbose_name="signatory's position")),
                ('signatory_name', models.CharField(blank=True, max_length=200, verbose_name='signatory')),
                ('issued_at', models.DateTimeField(blank=True, null=True, verbose_name='issued at')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'order',
                'verbose_name_plural': 'orders',
                'ordering': ['-year__start_year', '-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalRecommendation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('addressee', models.CharField(blank=True, help_text='How the order names the responsible person, e.g. «Ivanova A.M., director of MIMC».', max_length=300, verbose_name='addressee in the order')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('term', models.CharField(blank=True, help_text='Instead of a date, e.g. «постоянно» or «в течение 2022–2023 учебного года».', max_length=200, verbose_name='term in words')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='sequence number')),
                ('text', models.TextField(verbose_name='text')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('direction', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.direction', verbose_name='direction')),
                ('follower', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='follows the execution')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible user')),
                ('order', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.order', verbose_name='order')),
            ],
            options={
                'verbose_name': 'historical measure',
                'verbose_name_plural': 'historical measures',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='assignment',
            name='order',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='monitoring.order', verbose_name='order'),
        ),
        migrations.CreateModel(
            name='Recommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('addressee', models.CharField(blank=True, help_text='How the order names the responsible person, e.g. «Ivanova A.M., director of MIMC».', max_length=300, verbose_name='addressee in the order')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('term', models.CharField(blank=True, help_text='Instead of a date, e.g. «постоянно» or «в течение 2022–2023 учебного года».', max_length=200, verbose_name='term in words')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='sequence number')),
                ('text', models.TextField(verbose_name='text')),
                ('direction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='monitoring.direction', verbose_name='direction')),
                ('follower', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='follows the execution')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='monitoring.order', verbose_name='order')),
                ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible user')),
            ],
            options={
                'verbose_name': 'measure',
                'verbose_name_plural': 'measures',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAssignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('addressee', models.CharField(blank=True, help_text='How the order names the responsible person, e.g. «Ivanova A.M., director of MIMC».', max_length=300, verbose_name='addressee in the order')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('term', models.CharField(blank=True, help_text='Instead of a date, e.g. «постоянно» or «в течение 2022–2023 учебного года».', max_length=200, verbose_name='term in words')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='sequence number')),
                ('text', models.TextField(verbose_name='assignment')),
                ('status', models.CharField(choices=[('open', 'In progress'), ('reported', 'Reported, awaiting acceptance'), ('done', 'Done')], default='open', max_length=10, verbose_name='status')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed at')),
                ('comment', models.TextField(blank=True, verbose_name='completion report')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('follower', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='follows the execution')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible user')),
                ('order', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.order', verbose_name='order')),
                ('measure', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.recommendation', verbose_name='measure of item 3')),
            ],
            options={
                'verbose_name': 'historical assignment',
                'verbose_name_plural': 'historical assignments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='assignment',
            name='measure',
            field=models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='task', to='monitoring.recommendation', verbose_name='measure of item 3'),
        ),
        migrations.CreateModel(
            name='ReportSnapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('data', models.JSONField(verbose_name='data')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='built at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='built by')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'report snapshot',
                'verbose_name_plural': 'report snapshots',
                'ordering': ['-created_at', '-pk'],
                'get_latest_by': 'created_at',
            },
        ),
        migrations.AddField(
            model_name='order',
            name='snapshot',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='orders', to='monitoring.reportsnapshot', verbose_name='report'),
        ),
        migrations.CreateModel(
            name='HistoricalOrder',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('issued', 'Issued')], default='draft', max_length=10, verbose_name='status')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('preamble', models.TextField(verbose_name='preamble')),
                ('satisfactory', models.TextField(blank=True, verbose_name='item 1: satisfactory directions')),
                ('effects', models.TextField(blank=True, verbose_name='item 2: positive effects')),
                ('evaluation', models.TextField(blank=True, help_text="The effect of last year's measures, drafted from their tasks and this year's dynamics.", verbose_name='assessment of the effectiveness of the measures taken')),
                ('improvement', models.TextField(blank=True, verbose_name='item 3: introduction')),
                ('control', models.CharField(max_length=300, verbose_name='control clause')),
                ('number', models.CharField(blank=True, max_length=30, verbose_name='number')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('signatory_position', models.CharField(blank=True, max_length=300, verbose_name="signatory's position")),
                ('signatory_name', models.CharField(blank=True, max_length=200, verbose_name='signatory')),
                ('issued_at', models.DateTimeField(blank=True, null=True, verbose_name='issued at')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('issued_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='year')),
                ('snapshot', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.reportsnapshot', verbose_name='report')),
            ],
            options={
                'verbose_name': 'historical order',
                'verbose_name_plural': 'historical orders',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='StoredValues',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope_key', models.CharField(max_length=40, verbose_name='scope')),
                ('values', models.JSONField(default=dict, verbose_name='values')),
                ('breakdowns', models.JSONField(blank=True, null=True, verbose_name='breakdowns')),
                ('computed_at', models.DateTimeField(verbose_name='computed at')),
                ('duration_ms', models.PositiveIntegerField(default=0, verbose_name='computation time, ms')),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'stored indicator values',
                'verbose_name_plural': 'stored indicator values',
            },
        ),
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=4, max_digits=14, verbose_name='target')),
                ('tolerance', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='tolerance')),
                ('passport', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='monitoring.indicatorpassport', verbose_name='indicator')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'target',
                'verbose_name_plural': 'targets',
                'ordering': ['passport', 'year'],
            },
        ),
        migrations.CreateModel(
            name='PendingRecomputation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope_key', models.CharField(max_length=40, verbose_name='scope')),
                ('requested_at', models.DateTimeField(verbose_name='requested at')),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'pending recomputation',
                'verbose_name_plural': 'pending recomputations',
                'indexes': [models.Index(fields=['municipality', 'year'], name='monitoring_pending_muni_year')],
                'constraints': [models.UniqueConstraint(fields=('scope_key', 'year'), name='monitoring_pending_scope_year')],
            },
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'open'), ('completed_at__isnull', False), _connector='OR'), name='assignment_done_has_date'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(('responsible__isnull', False), models.Q(('addressee', ''), _negated=True), ('measure__isnull', False), _connector='OR'), name='assignment_has_responsible_or_addressee'),
        ),
        migrations.AddConstraint(
            model_name='order',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'issued'), _negated=True), models.Q(models.Q(('number', ''), _negated=True), ('date__isnull', False), models.Q(('signatory_name', ''), _negated=True)), _connector='OR'), name='order_issued_has_number_date_signatory'),
        ),
        migrations.AddIndex(
            model_name='storedvalues',
            index=models.Index(fields=['municipality', 'year'], name='monitoring_stored_muni_year'),
        ),
        migrations.AddConstraint(
            model_name='storedvalues',
            constraint=models.UniqueConstraint(fields=('scope_key', 'year'), name='monitoring_storedvalues_scope_year'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.UniqueConstraint(fields=('passport', 'year'), name='target_unique_per_year'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('tolerance__isnull', True), ('tolerance__gte', 0), _connector='OR'), name='target_tolerance_not_negative'),
        ),
        migrations.RunPython(seed_directions, migrations.RunPython.noop),
    ]
