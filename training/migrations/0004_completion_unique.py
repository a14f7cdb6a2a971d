from django.db import migrations, models
from django.db.models import Count, Min


def drop_duplicates(apps, schema_editor):
    """Keep the first completion of each (pedagogue, programme, dates); drop the later copies and their hours."""
    Completion = apps.get_model("training", "Completion")
    HourEntry = apps.get_model("training", "HourEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    groups = (
        Completion.objects.values("pedagogue_id", "programme_id", "started", "finished")
        .annotate(n=Count("pk"), first=Min("pk")).filter(n__gt=1)
    )
    copies = []
    for group in groups:
        copies += Completion.objects.filter(
            pedagogue_id=group["pedagogue_id"], programme_id=group["programme_id"],
            started=group["started"], finished=group["finished"],
        ).exclude(pk=group["first"]).values_list("pk", flat=True)
    if not copies:
        return
    content_type = ContentType.objects.filter(app_label="training", model="completion").first()
    if content_type is not None:
        HourEntry.objects.filter(source_type=content_type, source_id__in=copies).delete()
    Completion.objects.filter(pk__in=copies).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("training", "0003_alter_historicalrouteitem_evidence_file_and_more"),
    ]

    operations = [
        migrations.RunPython(drop_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="completion",
            constraint=models.UniqueConstraint(
                fields=("pedagogue", "programme", "started", "finished"), name="training_completion_unique"
            ),
        ),
    ]
