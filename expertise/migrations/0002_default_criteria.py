"""Default review criteria per request type (admins edit them afterwards)."""

from django.db import migrations

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


def forward(apps, schema_editor):
    Criterion = apps.get_model("expertise", "Criterion")
    TypeSettings = apps.get_model("expertise", "TypeSettings")
    for type_code, titles in CRITERIA.items():
        TypeSettings.objects.get_or_create(type=type_code, defaults={"experts_visible_to_authors": type_code == "audit"})
        for order, title in enumerate(titles, start=1):
            Criterion.objects.get_or_create(type=type_code, title=title, defaults={"max_score": 3, "order": order * 10})


def backward(apps, schema_editor):
    apps.get_model("expertise", "Criterion").objects.all().delete()
    apps.get_model("expertise", "TypeSettings").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("expertise", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
