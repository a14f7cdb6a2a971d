"""Fill the new fields from what the portal knew before.

- The category history: one award per pedagogue with a dated category (the old single field and date);
  a category without a date cannot be placed in time and stays only as the cached current category.
- The norm hours per rate of each position (order of the Ministry of Education and Science No. 1601 of
  22.12.2014); managers work a 40-hour week.
- Institutions whose short name says they are regional (КГБПОУ, КГАПОУ, КГБОУ…) or federal (ФГБОУ…).
"""

import datetime

from django.db import migrations

NORM_HOURS = {
    "учитель": 18, "педагог дополнительного образования": 18, "тренер-преподаватель": 18,
    "учитель-логопед": 20, "учитель-дефектолог": 20, "музыкальный руководитель": 24,
    "инструктор по физической культуре": 30, "воспитатель": 36, "старший воспитатель": 36,
    "педагог-психолог": 36, "социальный педагог": 36, "методист": 36, "педагог-организатор": 36,
    "советник директора по воспитанию": 36, "заместитель директора": 40, "директор": 40,
}


def plus_five_years(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 5)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 5, day=28)


def forward(apps, schema_editor):
    Pedagogue = apps.get_model("core", "Pedagogue")
    CategoryAward = apps.get_model("core", "CategoryAward")
    Position = apps.get_model("core", "Position")
    Institution = apps.get_model("core", "Institution")

    dated = Pedagogue.objects.exclude(category="none").filter(category_date__isnull=False)
    awards = []
    for pk, category, day in dated.values_list("pk", "category", "category_date").iterator(chunk_size=2000):
        awards.append(CategoryAward(pedagogue_id=pk, category=category, order_date=day,
                                    valid_until=plus_five_years(day)))
    CategoryAward.objects.bulk_create(awards, batch_size=1000)
    for award in awards:
        Pedagogue.objects.filter(pk=award.pedagogue_id).update(category_valid_until=award.valid_until)

    for name, hours in NORM_HOURS.items():
        Position.objects.filter(name=name).update(norm_hours=hours)

    for prefix in ("КГБ", "КГА", "КГК", "ГБПОУ", "ГАПОУ", "ГБОУ", "ГАОУ"):
        Institution.objects.filter(short_name__startswith=prefix).update(subordination="regional")
    Institution.objects.filter(short_name__startswith="ФГ").update(subordination="federal")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_category_history_subordination_rates")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
