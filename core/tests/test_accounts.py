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


def proxied_login(client, password, forwarded_for):
    """A login as nginx of docs/deploy.md passes it: from 127.0.0.1 with the client in X-Forwarded-For."""
    return client.post("/accounts/login/", {"username": "orlova", "password": password},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(client, person, settings):
    settings.BEHIND_PROXY = True
    for _ in range(5):
        proxied_login(client, "wrong", "203.0.113.5")

    attacker = proxied_login(client, "pw-orlova", "203.0.113.5")
    owner = proxied_login(client, "pw-orlova", "198.51.100.7")

    assert attacker.status_code in (403, 429)
    assert "Слишком много неудачных попыток входа" in attacker.content.decode()
    assert owner.status_code == 302 and owner["Location"] == "/"


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy(client, person, settings):
    from django.test import RequestFactory

    from core.clientip import client_ip

    settings.BEHIND_PROXY = True
    factory = RequestFactory()
    # nginx appends the address it saw; whatever the client wrote before it is not trusted.
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1",
                                 HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7",
                                 HTTP_X_FORWARDED_FOR="10.9.9.9")) == "198.51.100.7"
    # A client talking to the application directly cannot choose its address.
    assert client_ip(factory.get("/", REMOTE_ADDR="192.0.2.44", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "192.0.2.44"
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="garbage")) == "127.0.0.1"
    settings.BEHIND_PROXY = False
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "127.0.0.1"
    # Without the proxy setting a forged header changes nothing: five failures still lock the account here.
    for index in range(5):
        proxied_login(client, "wrong", f"203.0.113.{index}")
    assert proxied_login(client, "pw-orlova", "198.51.100.7").status_code in (403, 429)


def test_login_attempts_per_address_are_rate_limited_with_a_russian_message(client, person, settings, still_clock):
    settings.LOGIN_RATE = "10/m"
    settings.AXES_FAILURE_LIMIT = 1000
    answers = [client.post("/accounts/login/", {"username": f"user{n}", "password": "x"},
                           REMOTE_ADDR="10.0.0.9").status_code for n in range(15)]

    assert answers[:10] == [200] * 10
    assert set(answers[10:]) == {429}
    refused = client.post("/accounts/login/", {"username": "orlova", "password": "pw-orlova"}, REMOTE_ADDR="10.0.0.9")
    assert "Слишком много запросов" in refused.content.decode()
    assert client.get("/accounts/login/", REMOTE_ADDR="10.0.0.9").status_code == 200  # the form itself still opens
    assert login(client, "orlova", "pw-orlova").status_code == 302  # another address
