"""Seed the directories every installation needs: academic years, positions, subjects.

The names are the Russian ones users search by (DOMAIN.md); all are admin-editable.
"""

from django.db import migrations

POSITIONS = [
    ("учитель", True), ("воспитатель", True), ("старший воспитатель", True),
    ("педагог дополнительного образования", True), ("педагог-психолог", True), ("социальный педагог", True),
    ("учитель-логопед", True), ("учитель-дефектолог", True), ("педагог-организатор", True), ("методист", True),
    ("музыкальный руководитель", True), ("инструктор по физической культуре", True),
    ("тренер-преподаватель", True), ("советник директора по воспитанию", True),
    ("заместитель директора", False), ("директор", False),
]
SUBJECTS = [
    "Русский язык", "Литература", "Математика", "Информатика", "Физика", "Химия", "Биология", "География",
    "История", "Обществознание", "Английский язык", "Немецкий язык", "Физическая культура", "ОБЗР",
    "Музыка", "Изобразительное искусство", "Труд (технология)", "Начальные классы", "Дошкольное образование",
    "Дополнительное образование",
]


def forwards(apps, schema_editor):
    AcademicYear = apps.get_model("core", "AcademicYear")
    Position = apps.get_model("core", "Position")
    Subject = apps.get_model("core", "Subject")
    for start_year in range(2015, 2031):
        AcademicYear.objects.get_or_create(start_year=start_year)
    for order, (name, pedagogical) in enumerate(POSITIONS, start=1):
        Position.objects.get_or_create(name=name, defaults={"is_pedagogical": pedagogical, "order": order * 10})
    for name in SUBJECTS:
        Subject.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
