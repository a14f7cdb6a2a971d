import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Min


def fill_and_merge(apps, schema_editor):
    """Copy each participant's competition from its entry; a person entered twice in one competition keeps
    the first entry (an entry left without participants goes too)."""
    Participant = apps.get_model("associations", "Participant")
    Participation = apps.get_model("associations", "Participation")
    for participation in Participation.objects.values("pk", "competition_id").iterator():
        Participant.objects.filter(participation_id=participation["pk"]).update(
            competition_id=participation["competition_id"])
    doubles = (
        Participant.objects.values("competition_id", "pedagogue_id")
        .annotate(n=Count("pk"), first=Min("pk")).filter(n__gt=1)
    )
    touched = set()
    for double in doubles:
        copies = Participant.objects.filter(
            competition_id=double["competition_id"], pedagogue_id=double["pedagogue_id"]
        ).exclude(pk=double["first"])
        touched.update(copies.values_list("participation_id", flat=True))
        copies.delete()
    Participation.objects.filter(pk__in=touched, participants__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalparticipant",
            name="competition",
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="associations.competition", verbose_name="competition"),
        ),
        migrations.AddField(
            model_name="participant",
            name="competition",
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="associations.competition", verbose_name="competition"),
        ),
        migrations.RunPython(fill_and_merge, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participant",
            name="competition",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="associations.competition", verbose_name="competition"),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(fields=("competition", "pedagogue"),
                                               name="participant_one_entry_per_competition"),
        ),
    ]
