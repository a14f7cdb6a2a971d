from django.db import migrations

# The forms of mentoring named in the recommendations on teacher mentoring
# (letter АЗ-1128/08/657 of 21.12.2021); admins may add and rename them.
FORMS = [
    ("педагог – педагог", False),
    ("руководитель – педагог", False),
    ("педагог вуза/колледжа – молодой педагог", False),
    ("групповое наставничество", True),
]


def seed(apps, schema_editor):
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    for order, (name, is_group) in enumerate(FORMS, start=1):
        MentoringForm.objects.get_or_create(name=name, defaults={"is_group": is_group, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
