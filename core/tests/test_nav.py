import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from conftest import client_of
from core.nav import visible_groups
from core.scoping import roles_of


def test_methodist_menu_is_five_sections_with_the_apps_inside(methodist):
    groups = visible_groups(roles_of(methodist))
    titles = {group.title: [str(item.title) for item in group.items] for group in groups}

    assert list(titles) == ["Мониторинг", "Справочники", "Развитие педагогов", "Методическая работа",
                            "Кадровая потребность"]
    assert titles["Справочники"] == ["Учреждения", "Педагоги"]
    growth = next(group for group in groups if group.title == "Развитие педагогов")
    assert [part.title for part in growth.parts] == ["Повышение квалификации", "Наставничество", "Сертификаты"]
    assert "Уведомления" not in [str(item.title) for group in groups for item in group.items]  # the bell has them


def test_a_section_of_several_apps_names_each_app_in_its_drop_down(methodist):
    request = RequestFactory().get("/")
    request.user = methodist
    html = render_to_string("includes/nav.html", {"portal_nav_groups": visible_groups(roles_of(methodist)),
                                                  "request": request})

    assert '<h6 class="dropdown-header">Повышение квалификации</h6>' in html  # five pages of one app
    assert '<h6 class="dropdown-header">Наставничество</h6>' not in html  # one page needs no header over it
    assert '<h6 class="dropdown-header">Справочники</h6>' not in html  # nor does a section of one app


def test_teacher_menu_has_my_record_as_a_plain_link(teacher):
    request = RequestFactory().get("/")
    request.user = teacher
    groups = visible_groups(roles_of(teacher))

    html = render_to_string("includes/nav.html", {"portal_nav_groups": groups, "request": request})

    core = next(group for group in groups if group.title == "Справочники")
    assert [str(item.title) for item in core.items] == ["Моя карточка"]
    assert 'href="/me/"' in html
    assert "Учреждения" not in html


def test_nobody_without_roles_gets_a_menu(client, db):
    from conftest import make_user

    client.force_login(make_user("nobody"))

    response = client.get("/")

    assert response.context["portal_nav_groups"] == []


def test_admin_without_a_record_gets_no_my_record_link(admin_user):
    titles = [str(item.title) for group in visible_groups(roles_of(admin_user)) for item in group.items]

    assert "Учреждения" in titles
    assert "Моя карточка" not in titles


@pytest.mark.parametrize("persona", ["admin_user", "head", "methodist", "school_user", "expert", "teacher"])
def test_every_menu_item_opens_for_whom_it_is_shown(request, city, persona):
    """The administrator (who has no pedagogue record) was offered «My diagnosis» and «My route», answering 403."""
    user = request.getfixturevalue(persona)
    items = [item for group in visible_groups(roles_of(user)) for item in group.items]
    client = client_of(user)

    answers = {item.url_name: client.get(reverse(item.url_name)).status_code for item in items}

    assert len(answers) >= 4
    assert {name: code for name, code in answers.items() if code not in (200, 302)} == {}
    if persona == "admin_user":
        assert "training:my-diagnoses" not in answers and "training:my-route" not in answers
    if persona == "teacher":
        assert {"training:my-diagnoses", "training:my-route", "core:my-record"} <= set(answers)
