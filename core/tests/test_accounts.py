import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from conftest import make_user
from core.scoping import Role


@pytest.fixture
def person(db):
    user = make_user("orlova")
    user.email = "orlova@example.ru"
    user.save()
    return user


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_login_with_the_right_password_goes_home(client, person):
    response = login(client, "orlova", "pw-orlova")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_account_is_locked_after_five_failed_logins(client, person):
    for _ in range(4):
        assert login(client, "orlova", "wrong").status_code == 200

    fifth = login(client, "orlova", "wrong")
    even_right = login(client, "orlova", "pw-orlova")

    assert fifth.status_code in (403, 429)
    assert even_right.status_code in (403, 429)
    assert "Слишком много неудачных попыток входа" in even_right.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_letter_with_a_working_link(client, person):
    response = client.post("/accounts/password/reset/", {"email": "orlova@example.ru"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["orlova@example.ru"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Kedr-2024-spring", "new_password2": "Kedr-2024-spring"})
    assert done.status_code == 302
    assert get_user_model().objects.get(username="orlova").check_password("Kedr-2024-spring")


def test_password_reset_for_an_unknown_address_sends_nothing(client, person):
    client.post("/accounts/password/reset/", {"email": "nobody@example.ru"})

    assert mail.outbox == []


def test_password_change_needs_the_old_password(client, person):
    client.force_login(person)

    response = client.post("/accounts/password/change/", {
        "old_password": "wrong", "new_password1": "Kedr-2024-spring", "new_password2": "Kedr-2024-spring"})

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_russian_is_the_default_and_the_switcher_gives_english(client, person):
    russian = client.get("/accounts/login/").content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    english = client.get("/accounts/login/").content.decode()

    assert "Войти" in russian
    assert "Log in" in english
    assert "Войти" not in english


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_page_is_for_logged_in_users(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_home_of_a_teacher_links_to_their_record(client, teacher, teacher_pedagogue):
    client.force_login(teacher)

    page = client.get("/").content.decode()

    assert teacher_pedagogue.get_absolute_url() in page
    assert "Иванова Мария Петровна" in page


def test_home_of_a_methodist_shows_sections_and_counts(client, methodist, school):
    client.force_login(methodist)

    response = client.get("/")

    assert response.context["counts"]["institutions"] == 1
    assert "/pedagogues/" in response.content.decode()
    assert "/institutions/" in response.content.decode()


def test_a_user_without_roles_is_told_to_ask_for_one(client, db):
    client.force_login(make_user("nobody"))

    response = client.get("/")

    assert response.context["sections"] == [] or all(not item.roles for item in response.context["sections"])
    assert Role.ADMIN  # roles exist; the user simply has none
