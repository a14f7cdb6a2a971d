
import pytest

from banks.models import Item
from banks.models import ItemStatus
from banks.tests.factories import ItemFactory
from core.tests.workbooks import xlsx

pytestmark = pytest.mark.django_db

HEADER = ["Банк", "Название", "Авторы", "Учреждение", "Предметная область", "Вид", "Учебный год", "Ссылка",
          "Описание", "Ключевые слова", "Опубликовать"]
RESOURCES = "Информационно-образовательные ресурсы по образовательным областям"


def workbook(rows):
    return xlsx(HEADER, rows, name="bank.xlsx")


def upload_and_confirm(client, rows):
    response = client.post("/banks/import/", {"file": workbook(rows)})
    token = response.context.get("token")
    if response.context.get("problems"):
        return response
    return client.post("/banks/import/", {"confirm": "1", "token": token}, follow=True)


def test_methodist_imports_a_catalogue_as_drafts_and_published_items(client, methodist, school):
    ItemFactory(institution=school, title="Уже в банке")
    client.force_login(methodist)

    upload_and_confirm(client, [
        [RESOURCES, "Сетевой курс по физике", "Петров А. А.", "СШ № 1", "", "Сетевой (интернет-) ресурс",
         "2021/2022", "https://example.org/physics", "Курс", "физика", "да"],
        [RESOURCES, "Тренажёр по химии", "Сидорова В. В.", "МБОУ «Средняя школа № 1»", "", "Презентация",
         "2021–2022", "https://example.org/chem", "", "", "нет"],
        [RESOURCES, "Уже в банке", "Иванова М. П.", "СШ № 1", "", "Презентация", "2021/2022",
         "https://example.org/old", "", "", ""],
    ])

    rows = dict(Item.objects.values_list("title", "status"))
    assert rows == {"Сетевой курс по физике": ItemStatus.PUBLISHED, "Тренажёр по химии": ItemStatus.DRAFT,
                    "Уже в банке": ItemStatus.DRAFT}
    assert Item.objects.get(title="Тренажёр по химии").year.start_year == 2021


def test_import_names_every_problem_and_writes_nothing(client, methodist, school):
    client.force_login(methodist)

    response = client.post("/banks/import/", {"file": workbook([
        ["Банк рецептов", "Материал", "Автор", "Школа № 99", "", "Видео", "2041/2042", "ftp://x", "", "", ""],
    ])})

    problems = [str(problem) for problem in response.context["problems"]]
    assert len(problems) == 4
    assert all(problem.startswith("Строка 2") for problem in problems)
    assert not Item.objects.exists()


def test_only_methodists_import(client, school_user):
    client.force_login(school_user)
    assert client.get("/banks/import/").status_code == 403


def test_every_problem_of_a_row_is_reported_at_once_from_the_items_rules(client, methodist, school):
    client.force_login(methodist)

    response = client.post("/banks/import/", {"file": workbook([
        ["Банк рецептов", "М" * 401, "Автор", "Школа № 99", "Астрология", "Видео", "2041/2042", "не ссылка", "", "",
         "да"],
        [RESOURCES, "Материал", "Автор", "СШ № 1", "", "Презентация", "2021/2022", "https://example.org/a", "", "",
         "да"],
    ])})

    assert [str(problem) for problem in response.context["problems"]] == [
        "Строка 2, столбец «Банк»: выберите банк из списка",
        "Строка 2, столбец «Учреждение»: «Школа № 99» — не учреждение, данные которого вы можете вносить",
        "Строка 2, столбец «Предметная область»: «Астрология» нет в справочнике предметов",
        "Строка 2, столбец «Учебный год»: «2041/2042» — не учебный год",
        "Строка 2, столбец «Название»: убедитесь, что это значение содержит не более 400 символов (сейчас 401)",
        "Строка 2, столбец «Ссылка»: введите правильный URL",
    ]
    assert response.context["actions"] == {"create": 1}  # the good row: a past year's item, published in its year
    assert not Item.objects.exists()
