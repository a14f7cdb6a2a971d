"""Core migrations 0001–0007 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them, then the reference rows a new database starts with."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# The directories every installation needs: academic years, positions with their norm hours per rate (order
# of the Ministry of Education and Science No. 1601 of 22.12.2014; managers work a 40-hour week), subjects.
# The names are the Russian ones users search by (DOMAIN.md); all are admin-editable.
POSITIONS = [
    ("учитель", True, 18), ("воспитатель", True, 36), ("старший воспитатель", True, 36),
    ("педагог дополнительного образования", True, 18), ("педагог-психолог", True, 36),
    ("социальный педагог", True, 36), ("учитель-логопед", True, 20), ("учитель-дефектолог", True, 20),
    ("педагог-организатор", True, 36), ("методист", True, 36), ("музыкальный руководитель", True, 24),
    ("инструктор по физической культуре", True, 30), ("тренер-преподаватель", True, 18),
    ("советник директора по воспитанию", True, 36), ("заместитель директора", False, 40), ("директор", False, 40),
]
SUBJECTS = [
    "Русский язык", "Литература", "Математика", "Информатика", "Физика", "Химия", "Биология", "География",
    "История", "Обществознание", "Английский язык", "Немецкий язык", "Физическая культура", "ОБЗР",
    "Музыка", "Изобразительное искусство", "Труд (технология)", "Начальные классы", "Дошкольное образование",
    "Дополнительное образование",
]


def seed_directories(apps, schema_editor):
    AcademicYear = apps.get_model("core", "AcademicYear")
    Position = apps.get_model("core", "Position")
    Subject = apps.get_model("core", "Subject")
    for start_year in range(2015, 2031):
        AcademicYear.objects.get_or_create(start_year=start_year)
    for order, (name, pedagogical, norm_hours) in enumerate(POSITIONS, start=1):
        Position.objects.get_or_create(
            name=name, defaults={"is_pedagogical": pedagogical, "order": order * 10, "norm_hours": norm_hours}
        )
    for name in SUBJECTS:
        Subject.objects.get_or_create(name=name)


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('core', '0001_initial'),
        ('core', '0002_directories'),
        ('core', '0003_category_history_subordination_rates'),
        ('core', '0004_category_history_from_single_field'),
        ('core', '0005_access_log_and_erasures'),
        ('core', '0006_institution_natural_sort_key'),
        ('core', '0007_category_award_covering_index'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AcademicYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_year', models.PositiveSmallIntegerField(unique=True, verbose_name='start year')),
            ],
            options={
                'verbose_name': 'academic year',
                'verbose_name_plural': 'academic years',
                'ordering': ['start_year'],
            },
        ),
        migrations.CreateModel(
            name='Institution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=400, verbose_name='full name')),
                ('short_name', models.CharField(max_length=200, verbose_name='short name')),
                ('type', models.CharField(choices=[('preschool', 'Preschool (kindergarten)'), ('general', 'General education (school, gymnasium, lyceum)'), ('additional', 'Additional education'), ('vocational', 'Vocational education')], max_length=20, verbose_name='type')),
                ('subordination', models.CharField(choices=[('municipal', 'Municipal'), ('regional', 'Regional'), ('federal', 'Federal'), ('private', 'Private')], default='municipal', max_length=20, verbose_name='subordination')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                ('director', models.CharField(blank=True, max_length=200, verbose_name='director')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('sort_key', models.CharField(db_index=True, default='', editable=False, max_length=300, verbose_name='sort key')),
            ],
            options={
                'verbose_name': 'institution',
                'verbose_name_plural': 'institutions',
                'ordering': ['sort_key', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Municipality',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('code', models.SlugField(unique=True, verbose_name='code')),
                ('kind', models.CharField(choices=[('city', 'Urban district'), ('district', 'Municipal district')], default='city', max_length=20, verbose_name='kind of municipality')),
                ('counts_other_institutions', models.BooleanField(default=False, help_text="By default the municipality's indicators, denominators and lists of institutions take only the municipal institutions (those its education department manages).", verbose_name='count regional, federal and private institutions as its own')),
            ],
            options={
                'verbose_name': 'municipality',
                'verbose_name_plural': 'municipalities',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('is_pedagogical', models.BooleanField(default=True, verbose_name='pedagogical position')),
                ('norm_hours', models.DecimalField(decimal_places=1, default=Decimal('18'), help_text='Hours a week that make one rate (order No. 1601 of 22.12.2014).', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('1'))], verbose_name='norm hours per rate')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
            ],
            options={
                'verbose_name': 'position',
                'verbose_name_plural': 'positions',
                'ordering': ['order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Subject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
            ],
            options={
                'verbose_name': 'subject',
                'verbose_name_plural': 'subjects',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalPedagogue',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('middle_name', models.CharField(blank=True, max_length=100, verbose_name='patronymic')),
                ('birth_date', models.DateField(verbose_name='birth date')),
                ('experience_start', models.DateField(blank=True, null=True, verbose_name='pedagogical experience since')),
                ('category', models.CharField(choices=[('none', 'No category'), ('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], default='none', editable=False, max_length=20, verbose_name='qualification category')),
                ('category_date', models.DateField(blank=True, editable=False, null=True, verbose_name='category assigned on')),
                ('category_valid_until', models.DateField(blank=True, editable=False, null=True, verbose_name='category valid until')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('position', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.position', verbose_name='position')),
            ],
            options={
                'verbose_name': 'historical pedagogue',
                'verbose_name_plural': 'historical pedagogues',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='institution',
            name='municipality',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='institutions', to='core.municipality', verbose_name='municipality'),
        ),
        migrations.CreateModel(
            name='HistoricalRoleAssignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('admin', 'Administrator'), ('head', 'Head of the education department'), ('methodist', 'Methodist'), ('school', 'Institution'), ('expert', 'Expert'), ('teacher', 'Teacher')], max_length=20, verbose_name='role')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'historical role',
                'verbose_name_plural': 'historical roles',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInstitution',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=400, verbose_name='full name')),
                ('short_name', models.CharField(max_length=200, verbose_name='short name')),
                ('type', models.CharField(choices=[('preschool', 'Preschool (kindergarten)'), ('general', 'General education (school, gymnasium, lyceum)'), ('additional', 'Additional education'), ('vocational', 'Vocational education')], max_length=20, verbose_name='type')),
                ('subordination', models.CharField(choices=[('municipal', 'Municipal'), ('regional', 'Regional'), ('federal', 'Federal'), ('private', 'Private')], default='municipal', max_length=20, verbose_name='subordination')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                ('director', models.CharField(blank=True, max_length=200, verbose_name='director')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('sort_key', models.CharField(db_index=True, default='', editable=False, max_length=300, verbose_name='sort key')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'historical institution',
                'verbose_name_plural': 'historical institutions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Pedagogue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('middle_name', models.CharField(blank=True, max_length=100, verbose_name='patronymic')),
                ('birth_date', models.DateField(verbose_name='birth date')),
                ('experience_start', models.DateField(blank=True, null=True, verbose_name='pedagogical experience since')),
                ('category', models.CharField(choices=[('none', 'No category'), ('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], default='none', editable=False, max_length=20, verbose_name='qualification category')),
                ('category_date', models.DateField(blank=True, editable=False, null=True, verbose_name='category assigned on')),
                ('category_valid_until', models.DateField(blank=True, editable=False, null=True, verbose_name='category valid until')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pedagogues', to='core.municipality', verbose_name='municipality')),
                ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pedagogue', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
                ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.position', verbose_name='position')),
                ('subjects', models.ManyToManyField(blank=True, related_name='pedagogues', to='core.subject', verbose_name='subjects')),
            ],
            options={
                'verbose_name': 'pedagogue',
                'verbose_name_plural': 'pedagogues',
                'ordering': ['last_name', 'first_name', 'middle_name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCategoryAward',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('category', models.CharField(choices=[('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], max_length=20, verbose_name='qualification category')),
                ('order_date', models.DateField(verbose_name='order date')),
                ('order_number', models.CharField(blank=True, max_length=50, verbose_name='order number')),
                ('valid_until', models.DateField(blank=True, help_text='Five years from the order date unless given.', verbose_name='valid until')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'historical category award',
                'verbose_name_plural': 'historical category history',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Erasure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('erased_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='erased at')),
                ('reason', models.TextField(verbose_name='reason')),
                ('erased_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='erased by')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='erasures', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'erasure of personal data',
                'verbose_name_plural': 'erasures of personal data',
                'ordering': ['-erased_at'],
            },
        ),
        migrations.CreateModel(
            name='CategoryAward',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('conformity', 'Conformity with the position'), ('first', 'First'), ('highest', 'Highest'), ('methodist', 'Pedagogue-methodist'), ('mentor', 'Pedagogue-mentor')], max_length=20, verbose_name='qualification category')),
                ('order_date', models.DateField(verbose_name='order date')),
                ('order_number', models.CharField(blank=True, max_length=50, verbose_name='order number')),
                ('valid_until', models.DateField(blank=True, help_text='Five years from the order date unless given.', verbose_name='valid until')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='category_awards', to='core.pedagogue', verbose_name='pedagogue')),
            ],
            options={
                'verbose_name': 'category award',
                'verbose_name_plural': 'category history',
                'ordering': ['-order_date', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalEmployment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('hired', models.DateField(verbose_name='hired')),
                ('left', models.DateField(blank=True, null=True, verbose_name='left')),
                ('rate', models.DecimalField(decimal_places=2, default=Decimal('1'), help_text='The share of a full rate (ставка), e.g. 1 or 0.5.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.01')), django.core.validators.MaxValueValidator(Decimal('3'))], verbose_name='rate')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.institution', verbose_name='institution')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue', verbose_name='pedagogue')),
                ('position', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.position', verbose_name='position')),
            ],
            options={
                'verbose_name': 'historical employment',
                'verbose_name_plural': 'historical employment history',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Employment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hired', models.DateField(verbose_name='hired')),
                ('left', models.DateField(blank=True, null=True, verbose_name='left')),
                ('rate', models.DecimalField(decimal_places=2, default=Decimal('1'), help_text='The share of a full rate (ставка), e.g. 1 or 0.5.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.01')), django.core.validators.MaxValueValidator(Decimal('3'))], verbose_name='rate')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='employments', to='core.institution', verbose_name='institution')),
                ('pedagogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='employments', to='core.pedagogue', verbose_name='pedagogue')),
                ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.position', verbose_name='position')),
            ],
            options={
                'verbose_name': 'employment',
                'verbose_name_plural': 'employment history',
                'ordering': ['-hired'],
            },
        ),
        migrations.CreateModel(
            name='RoleAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('admin', 'Administrator'), ('head', 'Head of the education department'), ('methodist', 'Methodist'), ('school', 'Institution'), ('expert', 'Expert'), ('teacher', 'Teacher')], max_length=20, verbose_name='role')),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='core.institution', verbose_name='institution')),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='core.municipality', verbose_name='municipality')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'role',
                'verbose_name_plural': 'roles',
            },
        ),
        migrations.CreateModel(
            name='HistoricalPedagogue_subjects',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='core.historicalpedagogue')),
                ('pedagogue', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.pedagogue')),
                ('subject', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.subject')),
            ],
            options={
                'verbose_name': 'HistoricalPedagogue_subjects',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='AccessLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when')),
                ('username', models.CharField(max_length=150, verbose_name='user name')),
                ('kind', models.CharField(choices=[('view', 'Viewed a record'), ('list', 'Viewed a list'), ('export', 'Exported'), ('api', 'Read through the API')], max_length=10, verbose_name='kind')),
                ('what', models.CharField(help_text='The kind of records, e.g. core.pedagogue.', max_length=50, verbose_name='what')),
                ('object_id', models.PositiveIntegerField(blank=True, null=True, verbose_name='record id')),
                ('rows', models.PositiveIntegerField(default=0, verbose_name='rows')),
                ('path', models.CharField(max_length=500, verbose_name='address')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'access log entry',
                'verbose_name_plural': 'access log',
                'ordering': ['-at'],
                'indexes': [models.Index(fields=['what', 'object_id'], name='core_access_what_493a68_idx')],
            },
        ),
        migrations.AddConstraint(
            model_name='institution',
            constraint=models.UniqueConstraint(fields=('municipality', 'short_name'), name='institution_unique_short_name'),
        ),
        migrations.AddIndex(
            model_name='categoryaward',
            index=models.Index(fields=['pedagogue', 'order_date', 'valid_until', 'category'], name='core_award_held_on_idx'),
        ),
        migrations.AddConstraint(
            model_name='categoryaward',
            constraint=models.CheckConstraint(condition=models.Q(('category', 'none'), _negated=True), name='category_award_has_category'),
        ),
        migrations.AddConstraint(
            model_name='categoryaward',
            constraint=models.CheckConstraint(condition=models.Q(('valid_until__gt', models.F('order_date'))), name='category_award_valid_after_order'),
        ),
        migrations.AddConstraint(
            model_name='categoryaward',
            constraint=models.UniqueConstraint(fields=('pedagogue', 'category', 'order_date'), name='category_award_unique'),
        ),
        migrations.AddIndex(
            model_name='employment',
            index=models.Index(fields=['institution', 'hired', 'left'], name='core_employ_institu_fa8b33_idx'),
        ),
        migrations.AddConstraint(
            model_name='employment',
            constraint=models.CheckConstraint(condition=models.Q(('left__isnull', True), ('left__gte', models.F('hired')), _connector='OR'), name='employment_left_after_hired'),
        ),
        migrations.AddConstraint(
            model_name='employment',
            constraint=models.CheckConstraint(condition=models.Q(('rate__gt', 0)), name='employment_rate_positive'),
        ),
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.UniqueConstraint(fields=('user', 'role', 'municipality', 'institution'), name='role_assignment_unique'),
        ),
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role__in', ['school', 'teacher']), _negated=True), ('institution__isnull', False), _connector='OR'), name='role_school_teacher_need_institution'),
        ),
        migrations.AddIndex(
            model_name='pedagogue',
            index=models.Index(fields=['municipality', 'last_name'], name='core_pedago_municip_cfe3cb_idx'),
        ),
        migrations.AddIndex(
            model_name='pedagogue',
            index=models.Index(fields=['institution', 'last_name'], name='core_pedago_institu_29373a_idx'),
        ),
        migrations.AddConstraint(
            model_name='pedagogue',
            constraint=models.CheckConstraint(condition=models.Q(('category_date__isnull', True), models.Q(('category', 'none'), _negated=True), _connector='OR'), name='pedagogue_category_date_needs_category'),
        ),
        migrations.RunPython(seed_directories, migrations.RunPython.noop),
    ]
