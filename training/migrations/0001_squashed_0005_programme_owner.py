"""Training migrations 0001–0005 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import core.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
import training.models
from django.conf import settings
from django.db import migrations, models


# The competency framework of the deficit diagnosis (Р-201 of 27.08.2021): five blocks, their competencies
# and the statements a pedagogue rates 0–3. Admins edit it afterwards.
FRAMEWORK = [
    ("legal", "Нормативно-правовой блок", [
        ("Знание нормативной базы образования", [
            "Я знаю основные положения Федерального закона «Об образовании в Российской Федерации» и применяю их в работе.",
            "Я ориентируюсь в требованиях обновлённых ФГОС и ФОП к результатам и содержанию образования.",
            "Я знаю права и обязанности участников образовательных отношений.",
            "Я слежу за изменениями нормативных документов и своевременно учитываю их.",
        ]),
        ("Работа с документацией педагога", [
            "Я разрабатываю рабочую программу в соответствии с требованиями ФГОС и локальными актами.",
            "Я веду учебную документацию (журнал, планы) точно и в срок.",
            "Я соблюдаю требования к защите персональных данных обучающихся.",
        ]),
    ]),
    ("subject", "Предметный блок", [
        ("Владение содержанием предмета", [
            "Я свободно владею содержанием преподаваемого предмета (курса) на уровне программы.",
            "Я решаю задачи повышенной сложности и олимпиадного уровня по своему предмету.",
            "Я знаю современные достижения науки, связанные с моим предметом.",
            "Я выстраиваю межпредметные связи при изучении тем.",
        ]),
        ("Подготовка к итоговой аттестации", [
            "Я знаю структуру и критерии оценивания ОГЭ/ЕГЭ (ВПР) по своему предмету.",
            "Я анализирую результаты оценочных процедур и корректирую обучение по их итогам.",
            "Я разрабатываю задания в формате внешних оценочных процедур.",
        ]),
        ("Функциональная грамотность", [
            "Я использую задания на формирование функциональной грамотности на уроках.",
            "Я понимаю структуру исследований PISA, PIRLS, TIMSS и их заданий.",
            "Я оцениваю уровень функциональной грамотности обучающихся по критериям.",
        ]),
    ]),
    ("methodical", "Методический блок", [
        ("Проектирование урока и программы", [
            "Я проектирую урок в логике системно-деятельностного подхода.",
            "Я формулирую планируемые результаты урока: предметные, метапредметные, личностные.",
            "Я отбираю методы и формы работы в соответствии с целями урока.",
            "Я провожу самоанализ урока и вношу изменения по его итогам.",
        ]),
        ("Оценивание образовательных результатов", [
            "Я применяю критериальное и формирующее оценивание.",
            "Я разрабатываю контрольно-измерительные материалы к своим занятиям.",
            "Я использую результаты оценивания для индивидуальной работы с обучающимися.",
        ]),
        ("Цифровая образовательная среда", [
            "Я использую ФГИС «Моя школа» и цифровые образовательные ресурсы на занятиях.",
            "Я организую дистанционное и смешанное обучение.",
            "Я создаю собственные цифровые учебные материалы.",
            "Я соблюдаю правила информационной безопасности при работе в сети.",
        ]),
    ]),
    ("psychological", "Психолого-педагогический блок", [
        ("Учёт особенностей обучающихся", [
            "Я учитываю возрастные и индивидуальные особенности обучающихся при планировании.",
            "Я выстраиваю индивидуальные образовательные траектории для обучающихся.",
            "Я работаю с одарёнными детьми и обучающимися, испытывающими трудности в обучении.",
        ]),
        ("Инклюзивное образование", [
            "Я знаю особенности обучения детей с ОВЗ и инвалидностью.",
            "Я адаптирую учебные материалы по рекомендациям ПМПК.",
            "Я взаимодействую со специалистами сопровождения (психолог, логопед, дефектолог).",
        ]),
        ("Воспитательная работа", [
            "Я реализую рабочую программу воспитания в своей деятельности.",
            "Я предупреждаю и разрешаю конфликтные ситуации среди обучающихся.",
            "Я выявляю признаки неблагополучия ребёнка и знаю порядок действий.",
            "Я формирую позитивный психологический климат в классе (группе).",
        ]),
    ]),
    ("communicative", "Коммуникативный блок", [
        ("Взаимодействие с родителями", [
            "Я выстраиваю конструктивный диалог с родителями (законными представителями).",
            "Я провожу родительские собрания в интерактивных формах.",
            "Я вовлекаю родителей в образовательную деятельность.",
        ]),
        ("Профессиональное взаимодействие", [
            "Я участвую в работе методических объединений и профессиональных сообществ.",
            "Я представляю свой опыт на семинарах, конференциях, в публикациях.",
            "Я работаю в команде при реализации совместных проектов.",
            "Я принимаю обратную связь коллег и использую её для развития.",
        ]),
    ]),
]


def seed_framework(apps, schema_editor):
    Block = apps.get_model("training", "Block")
    Competency = apps.get_model("training", "Competency")
    Statement = apps.get_model("training", "Statement")
    for block_order, (code, title, competencies) in enumerate(FRAMEWORK, start=1):
        block, created = Block.objects.get_or_create(code=code, defaults={"title": title, "order": block_order})
        if not created:
            continue
        for competency_order, (competency_title, statements) in enumerate(competencies, start=1):
            competency = Competency.objects.create(block=block, title=competency_title, order=competency_order)
            Statement.objects.bulk_create(
                [Statement(competency=competency, text=text, order=order) for order, text in enumerate(statements, 1)]
            )


def owners_from_creators(apps, schema_editor):
    """A programme belongs to the municipality of its creator (the user of its first history record, as a
    methodist or head of one municipality); without a known creator it is regional (no owner). For the
    programmes made before owners existed (0005; nothing to do on a new database, elidable)."""
    Programme = apps.get_model("training", "Programme")
    HistoricalProgramme = apps.get_model("training", "HistoricalProgramme")
    RoleAssignment = apps.get_model("core", "RoleAssignment")
    creators = {}
    for programme_id, user_id in (
        HistoricalProgramme.objects.filter(history_type="+", history_user__isnull=False)
        .order_by("history_date").values_list("id", "history_user_id")
    ):
        creators.setdefault(programme_id, user_id)
    municipality_of = {}
    for user_id, municipality_id in (
        RoleAssignment.objects.filter(user_id__in=set(creators.values()), role__in=["methodist", "head"],
                                      municipality__isnull=False)
        .order_by("municipality_id").values_list("user_id", "municipality_id")
    ):
        municipality_of.setdefault(user_id, municipality_id)
    for programme_id, user_id in creators.items():
        Programme.objects.filter(pk=programme_id).update(created_by_id=user_id, owner_id=municipality_of.get(user_id))


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('training', '0001_initial'),
        ('training', '0002_competency_framework'),
        ('training', '0003_alter_historicalrouteitem_evidence_file_and_more'),
        ('training', '0004_completion_unique'),
        ('training', '0005_programme_owner'),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_squashed_0007_category_award_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Block',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'competency block',
                'verbose_name_plural': 'competency blocks',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Provider',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=300, unique=True, verbose_name='name')),
                ('short_name', models.CharField(blank=True, max_length=100, verbose_name='short name')),
                ('type', models.CharField(choices=[('institute', 'Regional PD institute'), ('cnppm', 'Centre of continuous professional mastery (CNPPM)'), ('university', 'University'), ('other', 'Other')], default='other', max_length=20, verbose_name='type')),
                ('website', models.URLField(blank=True, verbose_name='website')),
            ],
            options={
                'verbose_name': 'PD provider',
                'verbose_name_plural': 'PD providers',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Competency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('block', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='competencies', to='training.block', verbose_name='block')),
            ],
            options={
                'verbose_name': 'competency',
                'verbose_name_plural': 'competencies',
                'ordering': ['block__order', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Activity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('event', 'Municipal event'), ('self_education', 'Self-education')], max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('link', models.URLField(blank=True, verbose_name='link')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered')),
                ('competencies', models.ManyToManyField(related_name='activities', to='training.competency', verbose_name='competencies')),
            ],
            options={
                'verbose_name': 'route activity',
                'verbose_name_plural': 'route activities',
                'ordering': ['kind', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Diagnosis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('self', 'Self-diagnosis'), ('external', 'External diagnosis')], default='self', max_length=20, verbose_name='kind')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='diagnoses', to='core.pedagogue', verbose_name='pedagogue')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'diagnosis',
                'verbose_name_plural': 'diagnoses',
                'ordering': ['-started_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActivity',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('event', 'Municipal event'), ('self_education', 'Self-education')], max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('link', models.URLField(blank=True, verbose_name='link')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical route activity',
                'verbose_name_plural': 'historical route activities',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActivity_competencies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('activity', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.activity')),
                ('competency', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.competency')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='training.historicalactivity')),
            ],
            options={
                'verbose_name': 'HistoricalActivity_competencies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBlock',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical competency block',
                'verbose_name_plural': 'historical competency blocks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCompetency',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('block', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.block', verbose_name='block')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical competency',
                'verbose_name_plural': 'historical competencies',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDiagnosis',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('self', 'Self-diagnosis'), ('external', 'External diagnosis')], default='self', max_length=20, verbose_name='kind')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'historical diagnosis',
                'verbose_name_plural': 'historical diagnoses',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProgramme',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('hours', models.PositiveSmallIntegerField(help_text='A PD programme has 16 to 249 hours.', validators=[django.core.validators.MinValueValidator(16), django.core.validators.MaxValueValidator(249)], verbose_name='hours')),
                ('format', models.CharField(choices=[('full_time', 'Full-time'), ('extramural', 'Extramural'), ('distance', 'Distance'), ('blended', 'Blended')], default='full_time', max_length=20, verbose_name='format')),
                ('federal_register', models.BooleanField(default=False, verbose_name='in the federal register')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, help_text='The municipality that keeps the programme; empty: a regional one.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='owner')),
                ('provider', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.provider', verbose_name='provider')),
            ],
            options={
                'verbose_name': 'historical PD programme',
                'verbose_name_plural': 'historical PD programmes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProvider',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=300, verbose_name='name')),
                ('short_name', models.CharField(blank=True, max_length=100, verbose_name='short name')),
                ('type', models.CharField(choices=[('institute', 'Regional PD institute'), ('cnppm', 'Centre of continuous professional mastery (CNPPM)'), ('university', 'University'), ('other', 'Other')], default='other', max_length=20, verbose_name='type')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical PD provider',
                'verbose_name_plural': 'historical PD providers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRoute',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('goal', models.TextField(blank=True, verbose_name='goal')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('diagnosis', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.diagnosis', verbose_name='based on the diagnosis')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'historical individual route',
                'verbose_name_plural': 'historical individual routes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalStatement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.CharField(max_length=500, verbose_name='text')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('competency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.competency', verbose_name='competency')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical statement',
                'verbose_name_plural': 'historical statements',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('hours', models.PositiveSmallIntegerField(help_text='A PD programme has 16 to 249 hours.', validators=[django.core.validators.MinValueValidator(16), django.core.validators.MaxValueValidator(249)], verbose_name='hours')),
                ('format', models.CharField(choices=[('full_time', 'Full-time'), ('extramural', 'Extramural'), ('distance', 'Distance'), ('blended', 'Blended')], default='full_time', max_length=20, verbose_name='format')),
                ('federal_register', models.BooleanField(default=False, verbose_name='in the federal register')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered')),
                ('competencies', models.ManyToManyField(blank=True, related_name='programmes', to='training.competency', verbose_name='competencies addressed')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('owner', models.ForeignKey(blank=True, help_text='The municipality that keeps the programme; empty: a regional one.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='owner')),
                ('target_positions', models.ManyToManyField(blank=True, related_name='+', to='core.position', verbose_name='target positions')),
                ('provider', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='training.provider', verbose_name='provider')),
            ],
            options={
                'verbose_name': 'PD programme',
                'verbose_name_plural': 'PD programmes',
                'ordering': ['title'],
            },
        ),
        migrations.CreateModel(
            name='Module',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('hours', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='hours')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='modules', to='training.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'module',
                'verbose_name_plural': 'modules',
                'ordering': ['programme', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalProgramme_target_positions',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='training.historicalprogramme')),
                ('position', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.position')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.programme')),
            ],
            options={
                'verbose_name': 'HistoricalProgramme_target_positions',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProgramme_competencies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('competency', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.competency')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='training.historicalprogramme')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.programme')),
            ],
            options={
                'verbose_name': 'HistoricalProgramme_competencies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalModule',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('hours', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='hours')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'historical module',
                'verbose_name_plural': 'historical modules',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCompletion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('started', models.DateField(verbose_name='started')),
                ('finished', models.DateField(verbose_name='finished')),
                ('hours', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='hours')),
                ('certificate_number', models.CharField(blank=True, max_length=100, verbose_name='certificate number')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='entered')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('module', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.module', verbose_name='module')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'historical PD completion',
                'verbose_name_plural': 'historical PD completions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Completion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started', models.DateField(verbose_name='started')),
                ('finished', models.DateField(verbose_name='finished')),
                ('hours', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='hours')),
                ('certificate_number', models.CharField(blank=True, max_length=100, verbose_name='certificate number')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='entered')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='completions', to='core.pedagogue', verbose_name='pedagogue')),
                ('module', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='completions', to='training.module', verbose_name='module')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='completions', to='training.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'PD completion',
                'verbose_name_plural': 'PD completions',
                'ordering': ['-finished', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Route',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('goal', models.TextField(blank=True, verbose_name='goal')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('diagnosis', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='routes', to='training.diagnosis', verbose_name='based on the diagnosis')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='routes', to='core.pedagogue', verbose_name='pedagogue')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.academicyear', verbose_name='academic year')),
            ],
            options={
                'verbose_name': 'individual route',
                'verbose_name_plural': 'individual routes',
                'ordering': ['-year__start_year', 'pedagogue__last_name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalRouteItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('course', 'PD course'), ('association', 'Association or community'), ('event', 'Event'), ('mentoring', 'Mentoring'), ('self_education', 'Self-education')], max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('submitted', 'Evidence submitted'), ('accepted', 'Accepted'), ('returned', 'Returned')], default='planned', max_length=20, verbose_name='status')),
                ('evidence_file', models.TextField(blank=True, max_length=100, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'jpg', 'jpeg', 'png', 'ppt', 'pptx', 'xlsx', 'zip']), core.validators.validate_upload], verbose_name='evidence file')),
                ('evidence_link', models.URLField(blank=True, verbose_name='evidence link')),
                ('evidence_note', models.CharField(blank=True, max_length=500, verbose_name='note on the evidence')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('review_comment', models.TextField(blank=True, verbose_name="tutor's comment")),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('activity', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.activity', verbose_name='activity')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.programme', verbose_name='programme')),
                ('route', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.route', verbose_name='route')),
            ],
            options={
                'verbose_name': 'historical route item',
                'verbose_name_plural': 'historical route items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='RouteItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('course', 'PD course'), ('association', 'Association or community'), ('event', 'Event'), ('mentoring', 'Mentoring'), ('self_education', 'Self-education')], max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('submitted', 'Evidence submitted'), ('accepted', 'Accepted'), ('returned', 'Returned')], default='planned', max_length=20, verbose_name='status')),
                ('evidence_file', models.FileField(blank=True, upload_to=training.models.evidence_path, validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'jpg', 'jpeg', 'png', 'ppt', 'pptx', 'xlsx', 'zip']), core.validators.validate_upload], verbose_name='evidence file')),
                ('evidence_link', models.URLField(blank=True, verbose_name='evidence link')),
                ('evidence_note', models.CharField(blank=True, max_length=500, verbose_name='note on the evidence')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('review_comment', models.TextField(blank=True, verbose_name="tutor's comment")),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('activity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='training.activity', verbose_name='activity')),
                ('competencies', models.ManyToManyField(blank=True, related_name='+', to='training.competency', verbose_name='deficits addressed')),
                ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='training.programme', verbose_name='programme')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                ('route', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='training.route', verbose_name='route')),
            ],
            options={
                'verbose_name': 'route item',
                'verbose_name_plural': 'route items',
                'ordering': ['route', 'deadline', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalRouteItem_competencies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('competency', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.competency')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='training.historicalrouteitem')),
                ('routeitem', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='training.routeitem')),
            ],
            options={
                'verbose_name': 'HistoricalRouteItem_competencies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Statement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=500, verbose_name='text')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('competency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statements', to='training.competency', verbose_name='competency')),
            ],
            options={
                'verbose_name': 'statement',
                'verbose_name_plural': 'statements',
                'ordering': ['competency__block__order', 'competency__order', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(3)], verbose_name='score')),
                ('diagnosis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='training.diagnosis', verbose_name='diagnosis')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='training.statement', verbose_name='statement')),
            ],
            options={
                'verbose_name': 'answer',
                'verbose_name_plural': 'answers',
            },
        ),
        migrations.CreateModel(
            name='HourEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('hours', models.DecimalField(decimal_places=1, max_digits=6, verbose_name='hours')),
                ('kind', models.CharField(choices=[('course', 'PD course'), ('module', 'PD module'), ('seminar', 'Association seminar'), ('session', 'School of the Young Teacher session'), ('other', 'Other')], default='other', max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('source_id', models.PositiveBigIntegerField(verbose_name='source id')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hour_entries', to='core.pedagogue', verbose_name='pedagogue')),
                ('source_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='source type')),
            ],
            options={
                'verbose_name': 'hour entry',
                'verbose_name_plural': 'hour ledger',
                'ordering': ['-date', 'pk'],
                'indexes': [models.Index(fields=['pedagogue', 'date'], name='training_ho_pedagog_e69f17_idx')],
                'constraints': [models.UniqueConstraint(fields=('source_type', 'source_id'), name='training_hour_entry_one_per_source'), models.CheckConstraint(condition=models.Q(('hours__gt', 0)), name='training_hour_entry_hours_positive')],
            },
        ),
        migrations.AddConstraint(
            model_name='module',
            constraint=models.CheckConstraint(condition=models.Q(('hours__gte', 1)), name='training_module_hours_positive'),
        ),
        migrations.AddIndex(
            model_name='completion',
            index=models.Index(fields=['pedagogue', 'finished'], name='training_co_pedagog_20e467_idx'),
        ),
        migrations.AddIndex(
            model_name='completion',
            index=models.Index(fields=['finished'], name='training_co_finishe_08708c_idx'),
        ),
        migrations.AddConstraint(
            model_name='completion',
            constraint=models.CheckConstraint(condition=models.Q(('finished__gte', models.F('started'))), name='training_completion_dates'),
        ),
        migrations.AddConstraint(
            model_name='completion',
            constraint=models.CheckConstraint(condition=models.Q(('hours__gte', 1)), name='training_completion_hours_positive'),
        ),
        migrations.AddConstraint(
            model_name='completion',
            constraint=models.UniqueConstraint(fields=('pedagogue', 'programme', 'started', 'finished'), name='training_completion_unique'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('hours__gte', 16), ('hours__lte', 249)), name='training_programme_hours_16_249'),
        ),
        migrations.AddConstraint(
            model_name='route',
            constraint=models.UniqueConstraint(fields=('pedagogue', 'year'), name='training_route_one_per_year'),
        ),
        migrations.AddConstraint(
            model_name='routeitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['submitted', 'accepted']), _negated=True), models.Q(('evidence_file', ''), _negated=True), models.Q(('evidence_link', ''), _negated=True), _connector='OR'), name='training_item_submitted_has_evidence'),
        ),
        migrations.AddConstraint(
            model_name='answer',
            constraint=models.UniqueConstraint(fields=('diagnosis', 'statement'), name='training_answer_once'),
        ),
        migrations.AddConstraint(
            model_name='answer',
            constraint=models.CheckConstraint(condition=models.Q(('score__lte', 3)), name='training_answer_score_0_3'),
        ),
        migrations.RunPython(seed_framework, migrations.RunPython.noop),
        migrations.RunPython(owners_from_creators, migrations.RunPython.noop, elidable=True),
    ]
