import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.models import Category
from core.models import Employment
from core.models import Pedagogue
from core.tests.factories import PedagogueFactory
from core.tests.workbooks import xlsx

HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Учреждение", "Должность", "Предметы",
          "Педагогический стаж с", "Категория", "Дата присвоения категории", "Дата приёма", "E-mail", "Телефон"]
URL = "/pedagogues/import/"


def row(**changes):
    values = {
        "Фамилия": "Кравцова", "Имя": "Ольга", "Отчество": "Викторовна", "Дата рождения": "14.02.1988",
        "Учреждение": "СШ № 1", "Должность": "учитель", "Предметы": "Математика, Информатика",
        "Педагогический стаж с": "01.09.2010", "Категория": "первая", "Дата присвоения категории": "20.12.2020",
        "Дата приёма": "01.09.2015", "E-mail": "kravtsova@example.ru", "Телефон": "+7 913 000-00-00",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def workbook(*rows, header=HEADER, titled=False) -> SimpleUploadedFile:
    """The roster as uploaded; ``titled``: under a title row."""
    return xlsx(header, rows, title="Список педагогических работников" if titled else None, name="roster.xlsx")


def preview(client, upload):
    return client.post(URL, {"file": upload})


def confirm(client, response):
    return client.post(URL, {"confirm": "1", "token": response.context["token"]})


def problems(response) -> list[str]:
    return [str(issue) for issue in response.context["problems"]]


@pytest.fixture
def as_methodist(client, methodist, school, other_school):
    client.force_login(methodist)
    return client


def test_preview_writes_nothing_and_confirm_creates_the_rows(as_methodist, school):
    response = preview(as_methodist, workbook(row(), row(Фамилия="Лебедев", Имя="Павел", Категория="", **{
        "Дата присвоения категории": ""})))

    assert problems(response) == []
    assert response.context["actions"] == {"create": 2}
    assert not Pedagogue.objects.exists()

    done = confirm(as_methodist, response)

    assert done.status_code == 302
    olga = Pedagogue.objects.get(last_name="Кравцова")
    assert olga.institution == school
    assert olga.position.name == "учитель"
    assert sorted(s.name for s in olga.subjects.all()) == ["Информатика", "Математика"]
    assert (olga.category, olga.category_date) == (Category.FIRST, datetime.date(2020, 12, 20))
    assert olga.experience_start == datetime.date(2010, 9, 1)
    assert olga.employments.get().hired == datetime.date(2015, 9, 1)
    assert Pedagogue.objects.get(last_name="Лебедев").category == Category.NONE


def test_reimport_updates_instead_of_duplicating(as_methodist):
    confirm(as_methodist, preview(as_methodist, workbook(row())))

    response = preview(as_methodist, workbook(row(Категория="высшая", **{"Дата присвоения категории": "01.03.2024"})))
    assert response.context["actions"] == {"update": 1}
    done = confirm(as_methodist, response)
    again = confirm(as_methodist, preview(as_methodist, workbook(row(Категория="высшая", **{
        "Дата присвоения категории": "01.03.2024"}))))

    assert Pedagogue.objects.count() == 1
    olga = Pedagogue.objects.get()
    assert olga.category == Category.HIGHEST
    assert olga.category_date == datetime.date(2024, 3, 1)
    # Both categories stay in the history: what was held on a past 31 August is still known.
    assert list(olga.category_awards.order_by("order_date").values_list("category", "order_date")) == [
        (Category.FIRST, datetime.date(2020, 12, 20)), (Category.HIGHEST, datetime.date(2024, 3, 1))]
    assert Employment.objects.count() == 1
    messages = [str(m) for m in as_methodist.get(URL).context["messages"]]
    assert messages == ["Загрузка выполнена (создано: 0, обновлено: 0, без изменений: 1)."]
    assert done.status_code == again.status_code == 302


def test_import_writes_history_with_the_importing_user(as_methodist, methodist):
    confirm(as_methodist, preview(as_methodist, workbook(row())))

    olga = Pedagogue.objects.get()
    assert olga.history.get().history_user == methodist
    assert olga.employments.get().history.get().history_user == methodist


def test_a_large_roster_is_written_in_a_fixed_number_of_queries(as_methodist, django_assert_max_num_queries):
    rows = [row(Фамилия=f"Фамилия{i}") for i in range(300)]
    response = preview(as_methodist, workbook(*rows))

    with django_assert_max_num_queries(60):
        confirm(as_methodist, response)

    assert Pedagogue.objects.count() == 300
    assert Employment.objects.count() == 300


def test_reimport_matches_names_written_differently(as_methodist):
    confirm(as_methodist, preview(as_methodist, workbook(row())))

    response = preview(as_methodist, workbook(row(Фамилия="  КРАВЦОВА ", Отчество="викторовна")))

    assert response.context["actions"] == {"update": 1}


def test_moving_to_another_school_closes_the_previous_job(as_methodist, other_school):
    confirm(as_methodist, preview(as_methodist, workbook(row())))

    confirm(as_methodist, preview(as_methodist, workbook(row(Учреждение="МБОУ «Средняя школа № 2»",
                                                             **{"Дата приёма": "01.09.2023"}))))

    olga = Pedagogue.objects.get()
    assert olga.institution == other_school
    jobs = list(olga.employments.order_by("hired").values_list("institution__short_name", "left"))
    assert jobs == [("СШ № 1", datetime.date(2023, 8, 31)), ("СШ № 2", None)]


def test_each_problem_is_named_with_row_and_column(as_methodist):
    response = preview(as_methodist, workbook(
        row(Учреждение="Школа № 99"),
        row(Фамилия="Б", Должность="космонавт"),
        row(Фамилия="В", Предметы="Математика, Астрология"),
        row(Фамилия="Г", Категория="высочайшая"),
        row(Фамилия="Д", **{"Дата рождения": "31.02.1990"}),
        row(Фамилия="Е", Категория="", **{"Дата присвоения категории": "01.01.2020"}),
        row(Фамилия="Ж", **{"E-mail": "не почта"}),
        row(Фамилия="Б", Должность="космонавт"),
        row(Фамилия="З", Имя=""),
    ))

    assert problems(response) == [
        "Строка 2, столбец «Учреждение»: неизвестное учреждение «Школа № 99»",
        "Строка 3, столбец «Должность»: неизвестная должность «космонавт»",
        "Строка 4, столбец «Предметы»: неизвестный предмет «Астрология»",
        "Строка 5, столбец «Категория»: неизвестная категория «высочайшая»",
        "Строка 6, столбец «Дата рождения»: «31.02.1990» — не дата (формат ДД.ММ.ГГГГ)",
        "Строка 7, столбец «Дата присвоения категории»: дата присвоения категории указана без категории",
        "Строка 8, столбец «E-mail»: введите правильный адрес электронной почты",  # the model's e-mail field
        "Строка 9, столбец «Должность»: неизвестная должность «космонавт»",
        "Строка 9: повторяет строку 3 (те же ФИО и дата рождения)",
        "Строка 10, столбец «Имя»: значение обязательно",
    ]
    assert "token" in response.context  # the preview is shown, not a 500
    assert not Pedagogue.objects.exists()


def test_duplicate_rows_in_the_file_are_reported(as_methodist):
    response = preview(as_methodist, workbook(row(), row(Телефон="другой")))

    assert problems(response) == ["Строка 3: повторяет строку 2 (те же ФИО и дата рождения)"]


def test_confirm_writes_nothing_when_the_file_has_problems(as_methodist):
    response = preview(as_methodist, workbook(row(), row(Фамилия="Б", Должность="космонавт")))

    done = as_methodist.post(URL, {"confirm": "1", "token": response.context["token"]}, follow=True)

    assert not Pedagogue.objects.exists()
    assert "ничего не записано" in done.content.decode()


def test_school_user_may_import_only_for_its_own_institution(client, school_user, school, other_school):
    client.force_login(school_user)

    response = preview(client, workbook(row(), row(Фамилия="Б", Учреждение="СШ № 2")))

    assert problems(response) == [
        "Строка 3, столбец «Учреждение»: «СШ № 2» вне вашей зоны ответственности: можно загружать только для СШ № 1."
    ]


def test_school_user_cannot_take_over_a_pedagogue_of_another_school(client, school_user, school, other_school):
    PedagogueFactory(institution=other_school, last_name="Кравцова", first_name="Ольга", middle_name="Викторовна",
                     birth_date=datetime.date(1988, 2, 14))
    client.force_login(school_user)

    response = preview(client, workbook(row()))

    assert problems(response) == [
        "Строка 2, столбец «Учреждение»: педагог работает в другом учреждении; перевод оформляет методист"
    ]


def test_teacher_may_not_import(client, teacher):
    client.force_login(teacher)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("roster.xlsx", b"this is not a workbook"), "Файл не является книгой Excel (.xlsx)."),
        (SimpleUploadedFile("roster.xlsx", b""), "Отправленный файл пуст."),
        (SimpleUploadedFile("roster.csv", b"a;b"), "Загрузите книгу Excel с расширением .xlsx или .xls."),
    ],
)
def test_a_file_that_is_not_a_workbook_gets_a_clear_message(as_methodist, upload, message):
    response = preview(as_methodist, upload)

    assert response.status_code == 200
    assert message in response.context["form"].errors["file"]


def test_an_empty_table_and_wrong_columns_get_clear_messages(as_methodist):
    empty = preview(as_methodist, workbook())
    wrong = preview(as_methodist, workbook(["a", "b"], header=["Фамилия", "Имя", "Что-то ещё"]))

    assert empty.context["form"].errors["file"] == ["В таблице есть заголовок, но нет строк."]
    assert wrong.context["form"].errors["file"][0].startswith("В строке заголовка нет столбцов:")
    assert "«Дата рождения»" in wrong.context["form"].errors["file"][0]


def test_header_below_a_title_row_is_found(as_methodist):
    response = preview(as_methodist, workbook(row(), titled=True))

    assert problems(response) == []
    assert response.context["rows"][0].number == 3


def test_template_has_the_columns_and_drop_downs(as_methodist):
    response = as_methodist.get(URL, {"template": "1"})

    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Фамилия *", "Имя *", "Отчество", "Дата рождения *", "Учреждение *",
                                           "Должность *", "Предметы", "Педагогический стаж с", "Категория",
                                           "Дата присвоения категории", "Номер приказа о категории", "Ставка",
                                           "Дата приёма *", "E-mail", "Телефон"]
    lists = wb["lists"]
    assert {lists.cell(row=r, column=5).value for r in (1, 2)} == {"СШ № 1", "СШ № 2"}
    assert lists.cell(row=1, column=6).value == "учитель"
    assert len(sheet.data_validations.dataValidation) == 3


def test_school_template_offers_only_its_own_institution(client, school_user, school, other_school):
    client.force_login(school_user)

    wb = load_workbook(io.BytesIO(client.get(URL, {"template": "1"}).content))

    lists = wb["lists"]
    assert [lists.cell(row=r, column=5).value for r in (1, 2)] == ["СШ № 1", None]


def test_admin_must_name_an_institution_unambiguously(client, admin_user, school, other_city):
    from core.tests.factories import InstitutionFactory

    InstitutionFactory(municipality=other_city, short_name="СШ № 1", name="МБОУ СШ № 1 г. Енисейска")
    client.force_login(admin_user)

    response = preview(client, workbook(row(), row(Фамилия="Б", Учреждение="МБОУ СШ № 1 г. Енисейска")))

    assert problems(response) == [
        "Строка 2, столбец «Учреждение»: «СШ № 1» — так называются учреждения в нескольких муниципалитетах: "
        "Енисейск, Лесосибирск"
    ]


def test_a_category_needs_its_order_date_and_a_methodist_needs_a_held_highest(as_methodist):
    response = preview(as_methodist, workbook(
        row(**{"Дата присвоения категории": ""}),
        row(Фамилия="Лебедев", Имя="Павел", Категория="педагог-методист"),
    ))
    found = problems(response)
    assert any("укажите дату приказа о присвоении категории" in text for text in found)
    assert any("присваивается только педагогу, имеющему высшую категорию на дату приказа" in text for text in found)
    assert not Pedagogue.objects.exists()


def test_every_problem_of_a_row_is_reported_in_one_round_from_the_models_rules(as_methodist):
    response = preview(as_methodist, workbook(row(
        Фамилия="Б", Должность="космонавт", **{
            "Дата рождения": "01.01.2015", "Педагогический стаж с": "01.01.2040", "E-mail": "не почта",
            "Дата приёма": "01.09.2014", "Дата присвоения категории": "01.01.2014"})))

    assert problems(response) == [
        "Строка 2, столбец «Должность»: неизвестная должность «космонавт»",
        # Pedagogue.clean and the e-mail field
        "Строка 2, столбец «E-mail»: введите правильный адрес электронной почты",
        "Строка 2, столбец «Дата рождения»: педагогу было бы меньше 16 лет",
        "Строка 2, столбец «Педагогический стаж с»: дата в будущем",
        # Employment.clean and CategoryAward.clean
        "Строка 2, столбец «Дата приёма»: дата раньше даты рождения",
        "Строка 2, столбец «Дата присвоения категории»: дата раньше даты рождения",
    ]
    done = as_methodist.post(URL, {"confirm": "1", "token": response.context["token"]}, follow=True)
    assert "ничего не записано" in done.content.decode()
    assert not Pedagogue.objects.exists() and not Employment.objects.exists()


def test_a_rate_out_of_bounds_is_named_by_the_employment_rule(as_methodist):
    header = [*HEADER, "Ставка"]
    response = preview(as_methodist, workbook([*row(), "0"], [*row(Фамилия="Б"), "3,5"], header=header))

    assert problems(response) == [
        "Строка 2, столбец «Ставка»: убедитесь, что это значение больше либо равно 0.01",
        "Строка 3, столбец «Ставка»: убедитесь, что это значение меньше либо равно 3",
    ]
